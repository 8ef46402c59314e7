"""Event roles and status: the actor, the target, and whether the act happened.

Read by ``nlp/events.py``; the words are in ``nlp/lexicon/events.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from onrecord.nlp.event_frames import (
    CUT_DEPS,
    ENTITY_TYPES,
    MAX_ARGUMENT_TOKENS,
    MAX_CLIMB,
    NEG_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    Frame,
    lemma_of,
    subjects,
)
from onrecord.nlp.lexicon import events as lex
from onrecord.records import Attribution, EventStatus, Span

# -- arguments ---------------------------------------------------------------------------------

def _phrase(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``tok``: cut at clauses and commas."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    for c in tok.children:
        if c.dep_ in CUT_DEPS:
            if c.i > tok.i:
                end = min(end, c.left_edge.i)
            elif c.dep_ in {"punct", "appos", "relcl", "acl"}:
                start = max(start, c.right_edge.i + 1)
    end = max(min(end, start + MAX_ARGUMENT_TOKENS), tok.i + 1)
    return min(start, tok.i), end


def argument(doc: Doc, text: str, tok: Token | None) -> Span | None:
    """The noun phrase of ``tok`` in ``text`` (``doc.text``, passed in: spaCy rebuilds it on each read)."""
    if tok is None:
        return None
    if tok.lower_ in lex.RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    start, end = _phrase(tok)
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end <= start:
        return None
    return Span.from_offsets(text, [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))])


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def actor_of(frame: Frame) -> Token | None:
    """The doer: the subject of the head (the agent of a passive), else of the verb that wraps it
    ("they plan to strike"), of a passive wrapper ("X was ordered to withdraw"), or of the verb a
    conjunct, purpose clause or reduced relative hangs on."""
    trigger_ids = {t.i for t in frame.trigger}
    head = frame.head
    agent = _agent(head)
    if agent is not None:
        return agent
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in head.children):
        return None
    cur = head
    for n, verb in enumerate((head, *frame.wrappers)):
        found = [c for c in subjects(verb) if c.i not in trigger_ids]
        if found:
            return _antecedent(found[0], frame.wrappers[n:])
        if verb is not head:
            passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            if passive:
                return passive[0]
        cur = verb
    for _ in range(MAX_CLIMB):
        if cur.dep_ in {"relcl", "acl"}:
            noun = cur.head
            if cur.dep_ == "acl" and cur.tag_ == "VBN":
                return None  # "militiamen armed with machetes": the noun is no doer
            if noun.dep_ in {"dobj", "pobj"} and noun.head.pos_ == "VERB" and cur.dep_ == "acl":
                found = subjects(noun.head)
                return found[0] if found else noun
            return noun
        if cur.dep_ not in {"conj", "advcl", "xcomp"} or cur.head is cur:
            return None
        cur = cur.head
        found = subjects(cur)
        if found:
            return found[0]
    return None


def _antecedent(subject: Token, above: Sequence[Token]) -> Token:
    """"Syria says it will withdraw": a subject pronoun of a reported clause stands for the
    reporting verb's subject, when that is a noun."""
    if subject.lower_ not in lex.ANAPHORIC_SUBJECTS:
        return subject
    for verb in above:
        nouns = [c for c in subjects(verb) if c.pos_ in {"NOUN", "PROPN"}]
        if nouns:
            return nouns[0]
    return subject


def _is_entity(tok: Token) -> bool:
    return tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_ in ENTITY_TYPES or any(
        c.ent_type_ in ENTITY_TYPES for c in tok.children if c.dep_ in {"compound", "amod", "poss"})


def target_of(frame: Frame) -> Token | None:
    """The recipient: passive subject, object, the subject of a content clause ("demanded that
    the US cancel"), or the object of "on", "against", "with" …; an actor-like noun first."""
    trigger_ids = {t.i for t in frame.trigger}
    verbs = [frame.head] + ([frame.content] if frame.content is not None else [])
    found: list[Token] = []
    for verb in verbs:
        found += [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        found += [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.pos_ in {"NOUN", "PROPN", "PRON"}]
        if verb is frame.content:
            found += subjects(verb)
    if frame.event_type in lex.CONTROLLING_TYPES:
        found += [s for c in frame.head.children if c.dep_ == "ccomp" for s in subjects(c)]
    holders = [*verbs, *(t for t in frame.trigger if t.pos_ == "NOUN"), *found]
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in lex.TARGET_PREPS:
                found += [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}]
    found += [c for t in holders if t.pos_ in {"NOUN", "PROPN"} for c in t.children if c.dep_ == "poss"]
    found = [t for t in found if t.i not in trigger_ids]
    if not found and lemma_of(frame.head) in lex.LIGHT_VERB_TYPES:
        found = [t for t in frame.trigger if t.pos_ == "NOUN"]  # "rejected the trade agreement"
    return next((t for t in found if _is_entity(t)), found[0] if found else None)


# -- status ------------------------------------------------------------------------------------

def status_of(frame: Frame, attribution: Attribution | None) -> EventStatus:
    verbs = [frame.head, *frame.wrappers]
    words = [c for v in verbs for c in v.children]
    lowers = {c.lower_ for c in words}
    wrapper_lemmas = {w.lemma_.lower() for w in frame.wrappers}
    if any(c.dep_ in NEG_DEPS for c in words) or lowers & {"never"} \
            or wrapper_lemmas & lex.NEGATING_CONTROLLERS or (attribution is not None and attribution.negated):
        return "negated"
    modals = {c.lower_ for c in words if c.dep_ in {"aux", "auxpass"}}
    conditional = any(c.dep_ == "mark" and c.lower_ in lex.CONDITIONAL_MARKS for c in words) or any(
        c.dep_ == "advcl" and _conditional(c) for c in words)
    reported_would = modals == {lex.WOULD} and not conditional and any(
        v.dep_ == "ccomp" for v in (frame.head, *frame.wrappers))
    if (modals & lex.HYPOTHETICAL_AUX and not reported_would) or conditional \
            or wrapper_lemmas & lex.HYPOTHETICAL_CONTROLLERS:
        return "hypothetical"
    if modals & lex.FUTURE_AUX or reported_would or any(w.lower_ == lex.GOING for w in frame.wrappers) \
            or wrapper_lemmas & lex.FUTURE_CONTROLLERS or frame.event_type == "THREATEN" \
            or (frame.content is not None and frame.head.lemma_.lower() in lex.FUTURE_CONTROLLERS):
        return "future"
    modifiers = lowers | wrapper_lemmas | {c.lower_ for t in frame.trigger for c in t.children
                                           if c.dep_ in {"amod", "advmod"}}
    if modifiers & lex.HEDGE_WORDS or (attribution is not None and any(
            h.lower() in lex.HEDGE_WORDS for h in attribution.hedges)):
        return "hedged"
    return "asserted"


def _conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in lex.CONDITIONAL_THREAT_MARKS for c in clause.children)


def settle(frame: Frame, status: EventStatus) -> EventStatus:
    """PLOVER 2.0 retypes by status: a future aid is AGREE, a refused agreement REJECT, a
    conditional conflict act a THREATEN."""
    if status == "future" and frame.event_type in lex.FUTURE_RETYPES:
        old = frame.event_type
        frame.event_type = lex.FUTURE_RETYPES[old]
        frame.mode = lex.THREAT_MODES.get(old) if frame.event_type == "THREATEN" else None
    elif status == "negated" and frame.event_type in lex.NEGATED_RETYPES:
        frame.event_type, frame.mode = lex.NEGATED_RETYPES[frame.event_type], None
        return "asserted"
    elif frame.event_type in lex.CONFLICT_TYPES and any(
            c.dep_ == "advcl" and _conditional(c) for v in (frame.head, *frame.wrappers) for c in v.children):
        frame.event_type, frame.mode = "THREATEN", lex.THREAT_MODES.get(frame.event_type)
    return status
