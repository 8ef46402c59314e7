"""Tense for time values: does the verb that governs an expression put it after publication?

"The ministers will meet on Thursday" is the Thursday after publication; "the council voted
late Friday" the Friday before. ``Context`` carries the reference day and the expression
before through one article, and asks the parse once per expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from onrecord.nlp.lexicon import times as lex
from onrecord.records import Anchor

_MAX_CLIMB = 12  # heads followed up from the expression; a 2,000-token sentence costs no more


@dataclass
class Context:
    """One article's state while its expressions are valued in text order."""

    doc: Doc
    text: str  # doc.text, kept: Doc.text joins every token on each read
    ref: date | None
    anchor: Anchor
    previous: str | None = None  # the value of the expression before, for "the following day"
    previous_end: int = -1
    cache: dict[int, bool] = field(default_factory=dict)

    def future(self, start: int, end: int) -> bool:
        """``is_future`` for the expression at [start, end), asked once."""
        if start not in self.cache:
            self.cache[start] = is_future(self.doc, start, end)
        return self.cache[start]


def is_future(doc: Doc, start: int, end: int) -> bool:
    """True when the verb that governs the span puts it after publication."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    if token.dep_ == "poss":
        return False  # "Wednesday's closing price"
    if any(t.lower_ in lex.FUTURE_MODIFIERS for t in doc[max(span.start - 4, 0):span.start]):
        return True  # "at its next meeting in November"
    for _ in range(_MAX_CLIMB):
        if token.lemma_.lower() in lex.FUTURE_LEMMAS or token.lower_ in lex.FUTURE_LEMMAS:
            return True
        if token.lower_ in lex.RESCHEDULE_PREPOSITIONS and token.head.lemma_ in lex.RESCHEDULE_LEMMAS:
            return True
        if token.pos_ in ("NOUN", "PROPN") and any(c.lower_ in lex.FUTURE_MODIFIERS for c in token.children):
            return True
        if token.pos_ in ("VERB", "AUX"):
            auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
            if any(c.lower_ in lex.PERFECT_AUXILIARIES for c in auxes):
                return False
            words = {token.lower_, *(c.lower_ for c in auxes)}
            if words & lex.FUTURE_AUXILIARIES:
                return True
            if any(c.lower_ in lex.PAST_AUXILIARIES for c in auxes) or token.tag_ in ("VBD", "VBN"):
                return False
            if token.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
                return True
        if token.head is token:
            break
        token = token.head
    return False


__all__ = ["Context", "is_future"]
