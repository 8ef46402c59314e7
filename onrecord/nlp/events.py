"""Events: who did what to whom (PLOVER 2.0 types and modes), and whether it happened.

A verb-lexicon baseline over the dependency parse. A trigger is a verb of the lexicon
("shelled", "pull out"), a light verb with an event noun ("held talks", "imposed a curfew")
or an event noun that is the subject of a verb of occurrence ("protests erupted"). The
actor is the subject (the agent of a passive), the target the object, the passive subject
or the object of a preposition ("on", "against", "with").

One frame, one event: a verb whose type takes another act as its content ("agreed to
withdraw", "threatened to attack", "urged them to release") is one event of the
controlling type; the content gives its mode (THREATEN: violence, REQUEST: yield …).
Verbs that plan, deny or ask for an act without being an event of their own ("plans to
strike", "denied shelling", "wants to") set the status of the act instead:

* ``negated``: "not", "never", a denial or refusal, an attribution whose cue denies;
* ``hypothetical``: would, could, may, might, should, "if", an act asked for;
* ``future``: will, "going to", planned, considered or announced, every threat, and
  an act promised or agreed to;
* ``hedged``: reportedly, allegedly, "the alleged attack", or a hedge of the attribution
  that holds the trigger;
* else ``asserted``.

The attribution whose content holds the trigger says who says it happened; places, times
and figures of the stages that ran before this one are linked when they lie in the same
clause. Nothing comes from a dropped line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any

from spacy.attrs import DEP, IDX, LEMMA, POS
from spacy.language import Language
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc

from onrecord.findings import EVENTS, kind_named
from onrecord.nlp.attributed import attribution_holding
from onrecord.nlp.component import StageComponent
from onrecord.nlp.event_frames import (
    SUBJECT_DEPS,
    VERB_TRIGGER_LEMMAS,
    Frame,
    classify,
    clause_of,
    fixed_lemma,
    join_frames,
    set_mode,
)
from onrecord.nlp.event_roles import actor_of, argument, settle, status_of, target_of
from onrecord.nlp.extensions import (
    attributions_of,
    dropped_mask,
    findings_of,
    register_extensions,
    sources_of,
    text_of,
    writer,
)
from onrecord.nlp.lexicon import events as lex
from onrecord.records import Event, Span

# -- links -------------------------------------------------------------------------------------

def _declared_findings(doc: Doc, name: str) -> list[dict[str, Any]]:
    kind = kind_named(name)
    if kind is None:
        return []
    return [f.to_dict() for f in findings_of(doc, kind)]


def _token_at(starts: list[int], char: int) -> int:
    return max(bisect_right(starts, char) - 1, 0)


def _first_tokens(
    findings: list[dict[str, Any]], starts: list[int]
) -> list[tuple[int | None, dict[str, Any]]]:
    """Each finding with the token its first span starts in (None without spans), found once:
    every frame asks which findings lie in its clause."""
    out = []
    for finding in findings:
        spans = finding.get("spans") or []
        out.append((_token_at(starts, int(spans[0][0])) if spans else None, finding))
    return out


# -- the stage ---------------------------------------------------------------------------------

_TRIGGER_POS = frozenset({VERB, NOUN, PROPN})


def find_events(doc: Doc) -> list[Event]:
    """The events of a parsed Doc, in text order, with ids E1, E2, …"""
    dropped = dropped_mask(doc)
    frames: dict[int, Frame] = {}
    strings = doc.vocab.strings
    subject_deps = {strings[dep] for dep in SUBJECT_DEPS}
    columns = doc.to_array([POS, DEP, LEMMA]).tolist() if len(doc) else []
    for i, (p, dep, lemma) in enumerate(columns):
        if dropped[i] or p not in _TRIGGER_POS:  # only verbs and nouns trigger (``classify``)
            continue
        # read from the columns what ``classify`` would reject first: a verb of no rule, a noun
        # that is no subject (the Token is made only for the rest)
        if p == VERB and fixed_lemma(strings[lemma]) not in VERB_TRIGGER_LEMMAS:
            continue
        if p != VERB and dep not in subject_deps:
            continue
        frame = classify(doc[i])
        if frame is not None and frame.head.i not in frames and not dropped[frame.head.i]:
            frames[frame.head.i] = frame
    if not frames:
        return []
    attributions = attributions_of(doc)
    sources = sources_of(doc)
    places = _declared_findings(doc, "places")
    times = _declared_findings(doc, "times")
    figures = _declared_findings(doc, "figures")
    starts = doc.to_array(IDX).tolist()
    place_at, time_at, figure_at = (_first_tokens(f, starts) for f in (places, times, figures))
    text = text_of(doc)
    built: list[tuple[int, Event]] = []
    for frame in join_frames(frames):
        actor_tok = actor_of(frame)
        clause = clause_of(frame.wrappers[-1] if frame.wrappers else frame.head, actor_tok)
        set_mode(frame, clause)
        trigger = Span.from_offsets(text, [(t.idx, t.idx + len(t)) for t in frame.trigger])
        actor = argument(doc, text, actor_tok)
        target = argument(doc, text, target_of(frame))
        if frame.head.lemma_.lower() in lex.SWAP_ROLES:
            actor, target = target, actor
        if target is not None and actor is not None and target.spans == actor.spans:
            target = None
        first = min(frame.trigger, key=lambda t: t.i)
        attribution_id = attribution_holding(attributions, first.idx, first.idx + len(first))
        attribution = next((a for a in attributions if a.id == attribution_id), None)
        clause_ids = {t.i for t in clause}
        linked = next((p for k, p in place_at if k in clause_ids), None)
        place = linked["id"] if linked else None
        time = next((t["id"] for k, t in time_at if k in clause_ids), None)
        figure_ids = tuple(f["id"] for k, f in figure_at if k in clause_ids)
        actor_source = None
        if actor is not None:
            actor_source = next((s.id for s in sources if any(
                ms < ae and as_ < me for ms, me in s.mentions for as_, ae in actor.spans)), None)
        status = settle(frame, status_of(frame, attribution))
        confidence = 0.5 + 0.25 * (actor is not None) + 0.1 * (target is not None) \
            + 0.1 * (frame.mode is not None)
        built.append((trigger.start, Event(
            id="", event_type=frame.event_type, mode=frame.mode, trigger=trigger, actor=actor, target=target,
            status=status, actor_source_id=actor_source, place_id=place, time_id=time,
            figure_ids=figure_ids, attribution_id=attribution_id, confidence=min(confidence, 0.95),
            place_country=linked.get("country_code") if linked else None)))
    built.sort(key=lambda pair: pair[0])
    return [_with_id(event, n) for n, (_, event) in enumerate(built, start=1)]


def _with_id(event: Event, n: int) -> Event:
    return replace(event, id=f"E{n}")


@Language.factory(
    "onrecord_events",
    assigns=["doc._.onrecord_events"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={},
)
def make_events(nlp: Language, name: str) -> StageComponent[list[Event]]:
    """Build the events component; registers onrecord's Doc extensions first."""
    register_extensions()
    return StageComponent(name, find_events, writer(EVENTS))


__all__ = ["find_events", "make_events"]
