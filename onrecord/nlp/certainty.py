"""Certainty: the hedges that govern each attribution, and whether its cue negates the content.

A reader weighing a claim wants to know how sure anyone is: "could", "may",
"reportedly", "is believed to", and the reporter's own disclaimers ("The claim has not
been independently verified", "without providing evidence"). Hedges are read from
the attribution's cue and content (and "unconfirmed" from its source, as in
"Unconfirmed reports said"); a disclaimer outside the attribution is attached to the
claims it disclaims. Hedges in the author's own unattributed sentences are not
recorded: they govern no attribution.

``negated`` marks cues that negate or reject the content ("denied", "rejected",
"did not say", "does not name"). A denial reported inside someone else's statement
("his lawyer said his client denied …") leaves the outer attribution un-negated: only
the cue is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import (
    attributions_of,
    dropped_mask,
    register_extensions,
    set_attributions,
    text_of,
)
from onrecord.nlp.lexicon import hedges
from onrecord.nlp.lexicon.reporting_verbs import DENIAL_LEMMAS, NOT_STATEMENT_LEMMAS
from onrecord.records import Attribution, Offsets

_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})

_DISCLAIMERS = re.compile("|".join(hedges.DISCLAIMER_PATTERNS), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Disclaimer:
    """A verification or evidence disclaimer found in the text."""

    text: str
    start: int
    end: int
    sent: int  # index of the sentence (cut at paragraph breaks) it stands in
    para: int  # index of its paragraph
    plural: bool  # "Their accounts could not be verified": covers several claims


@dataclass(frozen=True, slots=True)
class _Place:
    """Where an attribution stands: its cue's sentence and paragraph."""

    sent: int
    para: int


def _token_indices(doc: Doc, offsets: Offsets) -> list[int]:
    out: list[int] = []
    for s, e in offsets:
        span = doc.char_span(s, e, alignment_mode="contract")
        if span is not None:
            out.extend(range(span.start, span.end))
    return out


def _units(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token: sentence index (sentences also end at line breaks) and paragraph index."""
    n = len(doc)
    sent_of, para_of = [0] * n, [0] * n
    if not n:
        return sent_of, para_of
    text = text_of(doc)
    starts, sent_starts = doc.to_array([IDX, SENT_START]).T.tolist()  # columns, read once
    sent = para = 0
    for i in range(1, n):
        broken = "\n" in text[starts[i - 1]:starts[i]]  # the previous token or the space after it
        if broken or sent_starts[i] == 1:
            sent += 1
        if broken:
            para += 1
        sent_of[i], para_of[i] = sent, para
    return sent_of, para_of


def _is_indirect_question_or_condition(verb: Token) -> bool:
    """True for the clause of "whether X could …", "how they might …", "if it could not …"."""
    if any(c.dep_ == "mark" and c.lower_ in hedges.CONDITION_MARKS for c in verb.children):
        return True
    if verb.dep_ in {"ccomp", "pcomp", "csubj", "xcomp", "dobj", "pobj"}:  # not relcl/advcl: "which could"
        if _is_wh(verb.left_edge):
            return True
        for c in verb.children:
            if _is_wh(c) and c.i < verb.i:
                return True
            if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(_is_wh(t) for t in c.lefts):
                return True
    return False


def _is_wh(tok: Token) -> bool:
    """A wh-word ("how", "which", "who"); the tagger also gives complementiser "that" WDT."""
    return tok.tag_ in _WH_TAGS and tok.lower_ != hedges.THAT


def _modal_hedge(tok: Token) -> bool:
    """'could', 'may', 'might' as an epistemic hedge on the clause it heads."""
    if tok.tag_ != "MD" or tok.lower_ not in hedges.MODALS:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    verb = tok.head
    if tok.lower_ == hedges.COULD and nxt is not None and nxt.lower_ in hedges.NEG_WORDS:
        return False  # "could not": inability, or a disclaimer handled on its own
    if tok.lower_ == hedges.COULD and verb.lemma_ in hedges.ABILITY_VERBS:
        return False
    return _states_a_claim(verb)


def _states_a_claim(verb: Token) -> bool:
    """False when the verb's clause is an indirect question or a condition.

    Climbs through reported clauses: "how he thinks the campaign could close the gap".
    """
    for _ in range(3):
        if _is_indirect_question_or_condition(verb):
            return False
        if verb.dep_ != "ccomp" or verb.head is verb:
            break
        verb = verb.head
    return True


def _child_dep(tok: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in tok.children)


def _word_hedge(tok: Token) -> str | None:
    """The hedge text for a token that starts one ("reportedly", "appeared to", "are believed to")."""
    doc, low = tok.doc, tok.lower_
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if _modal_hedge(tok):
        return tok.text
    if low in hedges.HEDGE_WORDS:
        return tok.text
    after_word = prev is not None and prev.lower_ in hedges.NOT_HEDGING_BEFORE_POSSIBLE
    if low == hedges.POSSIBLE and not after_word:
        return tok.text
    if tok.lemma_ in hedges.SEEM_LEMMAS and tok.pos_ in {"VERB", "AUX"} and _states_a_claim(tok):
        if nxt is not None and nxt.lower_ == hedges.TO:
            return f"{tok.text} {hedges.TO}"
        expletive = any(c.dep_ == "nsubj" and c.lower_ == hedges.IT for c in tok.children)
        if expletive and _child_dep(tok, "ccomp"):
            return tok.text  # "it seemed (that) the attack had been planned"
    if (low in hedges.HEARSAY_PASSIVES and tok.tag_ == "VBN" and nxt is not None and nxt.lower_ == hedges.TO
            and _states_a_claim(tok)):
        aux = prev if prev is not None and prev.lemma_ == hedges.BE else None
        return f"{aux.text} {tok.text} {hedges.TO}" if aux is not None else f"{tok.text} {hedges.TO}"
    if low in hedges.HEDGING_PARTICIPLES and tok.dep_ == "amod":
        return tok.text
    return None


# Each test of ``_word_hedge`` needs the token's lower-cased form, or its lemma, to be one of these.
_HEDGE_STARTS = frozenset({*hedges.MODALS, *hedges.HEDGE_WORDS, hedges.POSSIBLE, *hedges.HEARSAY_PASSIVES,
                           *hedges.HEDGING_PARTICIPLES})
# The same words as string ids, as the LOWER and LEMMA columns hold them (coref compares so too)
_HEDGE_START_IDS = np.array(sorted({get_string_id(w) for w in _HEDGE_STARTS}), dtype=np.uint64)
_SEEM_IDS = np.array(sorted({get_string_id(w) for w in hedges.SEEM_LEMMAS}), dtype=np.uint64)


def _may_hedge(doc: Doc) -> list[bool]:
    """Per token: whether ``_word_hedge`` can find a hedge there, read from the LOWER and LEMMA
    columns, so that a Python Token is made only for those (attributions' contents are long).

    The columns are compared as string ids: looking each token's two strings up cost 0.04 s
    per 84 PolNeAR dev texts.
    """
    if not len(doc):
        return []
    lowers, lemmas = doc.to_array([LOWER, LEMMA]).T
    return (np.isin(lowers, _HEDGE_START_IDS) | np.isin(lemmas, _SEEM_IDS)).tolist()  # type: ignore[no-any-return]


def _inner_hedges(doc: Doc, att: Attribution, masked: list[bool], skip: set[int], may_hedge: list[bool]
                  ) -> list[tuple[int, str]]:
    """Hedges written inside the cue or content (and 'unconfirmed' in the source)."""
    found: dict[int, str] = {}
    for i in _token_indices(doc, att.cue.spans) + _token_indices(doc, att.content.spans):
        if masked[i] or i in skip or i in found or not may_hedge[i]:
            continue
        text = _word_hedge(doc[i])
        if text is not None:
            found[i] = text
    if att.source is not None:
        for i in _token_indices(doc, att.source.spans):
            if doc[i].lower_ in hedges.SOURCE_HEDGES and not masked[i]:
                found[i] = doc[i].text
    return [(doc[i].idx, text) for i, text in found.items()]


def _is_plural_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether the disclaimer's subject (or object, for "could not verify the claims") is plural."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.lower_ in hedges.PLURAL_QUANTIFIERS for t in span.sent):
        return True
    heads = {t.head for t in span} | set(span)
    for verb in heads:
        for c in verb.children:
            outside = not (span.start <= c.i < span.end)
            is_plural = c.tag_ in {"NNS", "NNPS"} or c.lower_ in hedges.PLURAL_WORDS
            if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and outside and is_plural:
                return True
    return False


def find_disclaimers(doc: Doc) -> list[tuple[int, int, str]]:
    """Verification and evidence disclaimers in the text: (start, end, text as written).

    Texts without a stem every disclaimer needs are not scanned (``hedges.DISCLAIMER_STEMS``;
    scanning all 84 PolNeAR dev texts cost 0.04 s, 18 hold a stem).
    """
    text = text_of(doc)
    lower = text.lower()
    if not any(stem in lower for stem in hedges.DISCLAIMER_STEMS) and not any(
            ch in text for ch in hedges.DISCLAIMER_FOLDS):
        return []
    return [(m.start(), m.end(), m.group(0)) for m in _DISCLAIMERS.finditer(text)]


def _locate(doc: Doc, masked: list[bool], sent_of: list[int], para_of: list[int]) -> list[_Disclaimer]:
    out = []
    for start, end, text in find_disclaimers(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or masked[span.start]:
            continue
        out.append(_Disclaimer(text, start, end, sent_of[span.start], para_of[span.start],
                               _is_plural_subject(doc, start, end)))
    return out


def _inside(offsets: Offsets, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in offsets)


def _all_spans(att: Attribution) -> Offsets:
    return att.content.spans + att.cue.spans + (att.source.spans if att.source else ())


def _between_source_and_cue(att: Attribution, pos: int) -> bool:
    source = att.source
    return source is not None and source.start <= pos < min(att.cue.start, att.content.start)


def _assign_disclaimers(atts: list[Attribution], places: list[_Place],
                        disclaimers: list[_Disclaimer]) -> dict[int, list[tuple[int, str]]]:
    """Map attribution index -> disclaimers that govern it (see the module docstring)."""
    out: dict[int, list[tuple[int, str]]] = {}

    def add(i: int, d: _Disclaimer) -> None:
        out.setdefault(i, []).append((d.start, d.text))

    for d in disclaimers:
        inner = [i for i, a in enumerate(atts) if _inside(_all_spans(a), d.start, d.end)]
        if inner:
            for i in inner:
                add(i, d)
            continue
        same = [i for i, p in enumerate(places) if p.sent == d.sent]
        if same:
            # A relative clause on the source: "The study, which has not been peer reviewed, found …".
            on_source = [i for i in same if _between_source_and_cue(atts[i], d.start)]
            before = [i for i in same if atts[i].cue.start < d.start]
            if on_source:
                add(on_source[0], d)
            elif before:  # "… accused the army of targeting civilians, without providing evidence"
                add(max(before, key=lambda i: atts[i].cue.start), d)
            continue
        # A sentence of its own: "The claim has not been independently verified."
        earlier = [i for i, p in enumerate(places)
                   if p.sent < d.sent and d.para - p.para <= 1 and not atts[i].negated]
        if not earlier:
            continue
        if d.plural:
            for i in earlier:
                add(i, d)
        else:
            last = max(places[i].sent for i in earlier)
            for i in earlier:
                if places[i].sent == last:
                    add(i, d)
    return out


def is_negated(doc: Doc, att: Attribution) -> bool:
    """True when the cue negates or rejects the content ("denied", "did not say").

    A negated non-response verb ("did not respond to", "asked not to be named") is no
    negated statement: such a cue is a non-response or anonymity, recorded elsewhere.
    """
    tokens = [doc[i] for i in _token_indices(doc, att.cue.spans)]
    if any(t.lemma_ in NOT_STATEMENT_LEMMAS for t in tokens):
        return False
    for tok in tokens:
        if tok.lemma_ in DENIAL_LEMMAS or tok.lower_ in hedges.NEG_WORDS or tok.dep_ == "neg":
            return True
        if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ == "neg" and c.i < tok.i for c in tok.children):
            return True
    return False


def annotate_certainty(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Return copies of ``attributions`` with ``hedges`` and ``negated`` set.

    Needs a parsed Doc (tags, lemmas, dependencies, sentences). Hedges are the markers as
    written, in text order; tokens inside dropped boilerplate lines are ignored.
    """
    if not attributions:
        return []
    masked = dropped_mask(doc)
    sent_of, para_of = _units(doc)
    negated = [is_negated(doc, a) for a in attributions]
    atts = [replace(a, negated=n) for a, n in zip(attributions, negated, strict=True)]
    places = []
    for a in atts:
        span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        i = span.start if span is not None and len(span) else 0
        places.append(_Place(sent_of[i], para_of[i]))
    disclaimers = _locate(doc, masked, sent_of, para_of)
    in_disclaimer: set[int] = set()
    for d in disclaimers:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None:
            in_disclaimer.update(range(span.start, span.end))
    assigned = _assign_disclaimers(atts, places, disclaimers)
    may_hedge = _may_hedge(doc)
    out = []
    for i, a in enumerate(atts):
        hedges = _inner_hedges(doc, a, masked, in_disclaimer, may_hedge) + assigned.get(i, [])
        out.append(replace(a, hedges=tuple(text for _, text in sorted(set(hedges)))))
    return out


@Language.factory(
    "onrecord_certainty",
    assigns=["doc._.onrecord_attributions"],
    requires=["doc._.onrecord_attributions", "token.dep", "token.lemma", "token.tag"],
    default_config={},
)
def make_certainty(nlp: Language, name: str) -> StageComponent[list[Attribution]]:
    """Build the certainty component; registers onrecord's Doc extensions first."""
    register_extensions()
    return StageComponent(name, lambda doc: annotate_certainty(doc, attributions_of(doc)), set_attributions)


__all__ = ["annotate_certainty", "find_disclaimers", "is_negated", "make_certainty"]
