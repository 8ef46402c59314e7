"""Word-level tests for source typing: lemmas, numbers, shares of a public, animate nouns.

Split from ``source_typing.py`` so that module keeps to the rules; these helpers only look at
a token or a short span and its syntactic children.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from onrecord.nlp import source_lexicon as lex

_DIGITS = re.compile(r"^\d+(,\d{3})*$")
# "About 4 in 10", "Large majorities of", "most party insiders", "Nearly half": shares of a public.
_PROPORTION_START = re.compile(
    r"^(?:(?:about|nearly|almost|roughly|more than|fewer than|less than|over|just|only|some|large|small|"
    r"overwhelming|narrow|clear|a|an|the)\s+)*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s+percent|%)?\s+in\s+(?:\d+|ten)\b|^(?:(?:about|nearly|almost|roughly|more than|large|small|"
    r"overwhelming|narrow|clear|a|the)\s+)*(?:majority|majorities|most|half|plurality|minority|third|"
    r"two-thirds|quarter|share)\b")
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "goer", "ite", "crat", "aire", "man", "woman")


def lemma_of(tok: Token) -> str:
    """Lower-cased lemma; proper nouns keep their own form."""
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.lower_


def number_value(tok: Token) -> int | None:
    """The integer a number word or digit token stands for, if any."""
    low = tok.lower_.replace(",", "")
    if low in lex.NUMBER_WORDS and low not in ("a", "an", "another", "both", "pair", "couple", "single"):
        return lex.NUMBER_WORDS[low]
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
    if words[-1] == "most":
        after = [t for t in span if t.idx >= span.start_char + match.end()]
        return not (words[0] == "the" or (after and after[0].pos_ in ("ADJ", "ADV")))
    return True


def is_animate(tok: Token) -> bool:
    """Whether a common noun denotes people: lexicon entries, then agent suffixes (-er, -ist...)."""
    lem = lemma_of(tok)
    if lem in lex.PERSON_ROLES or lem in lex.INFORMANT_NOUNS or lem in lex.GROUP_NOUNS:
        return True
    return lem.endswith(_AGENT_SUFFIXES) and len(lem) > 5 and lem not in lex.DOCUMENT_NOUNS
