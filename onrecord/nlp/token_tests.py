"""Token tests for source typing: a token's lemma, the number it stands for, animate nouns,
and whether a span opens with a share of a public ("About 4 in 10 voters").

Split from ``source_typing.py`` so that module keeps to the rules; these tests only look at
a token or a short span and its syntactic children. Their words live in ``lexicon/``.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from onrecord.nlp.lexicon.pronouns import THE
from onrecord.nlp.lexicon.source_nouns import (
    AGENT_SUFFIXES,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    INFORMANT_NOUNS,
    MOST,
    NOT_COUNTING_NUMBER_WORDS,
    NUMBER_WORDS,
    PROPORTION_START_PATTERN,
)
from onrecord.nlp.lexicon.titles import PERSON_ROLES

_DIGITS = re.compile(r"^\d+(,\d{3})*$")
_PROPORTION_START = re.compile(PROPORTION_START_PATTERN)


def lemma_of(tok: Token) -> str:
    """Lower-cased lemma; proper nouns keep their own form."""
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.lower_


def number_value(tok: Token) -> int | None:
    """The integer a number word or digit token stands for, if any."""
    low = tok.lower_.replace(",", "")
    if low in NUMBER_WORDS and low not in NOT_COUNTING_NUMBER_WORDS:
        return NUMBER_WORDS[low]
    if _DIGITS.match(tok.text):
        return int(low)
    return None


def count_of(head: Token) -> int | None:
    """Explicit number of people: "Two officials", "Six women and six men", "One of them"."""
    if not is_animate(head) and number_value(head) is None:
        return None  # "911 calls": a number, but not of people
    n = number_value(head)
    if n is not None:
        return n
    for child in head.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ == "amod" and number_value(child)):
            v = number_value(child)
            if v is not None:
                return v
    return None


def is_proportion_start(span: Span) -> bool:
    """"About 4 in 10 voters", "Most Democrats" — but not a superlative ("the most recent data")."""
    match = _PROPORTION_START.match(span.text.lower())
    if match is None:
        return False
    words = match.group(0).split()
    if words[-1] == MOST:
        after = [t for t in span if t.idx >= span.start_char + match.end()]
        return not (words[0] == THE or (after and after[0].pos_ in ("ADJ", "ADV")))
    return True


def is_animate(tok: Token) -> bool:
    """Whether a common noun denotes people: lexicon entries, then agent suffixes (-er, -ist...)."""
    lem = lemma_of(tok)
    if lem in PERSON_ROLES or lem in INFORMANT_NOUNS or lem in GROUP_NOUNS:
        return True
    return lem.endswith(AGENT_SUFFIXES) and len(lem) > 5 and lem not in DOCUMENT_NOUNS
