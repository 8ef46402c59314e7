"""Tagged role spans (cue, source, content) and the groups they form, with the parse helpers
that linking (``linking.py``) and repairs (``repairs.py``) share.

A role span is a run of token positions the tagger (or a rule) gave one PolNeAR role; a
group is one attribution in the making: a cue with its linked sources and contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from onrecord.nlp.extensions import words_of
from onrecord.nlp.lexicon.punctuation import (
    LEFT_DOUBLE_QUOTE,
    QUOTE_CLOSERS,
    QUOTE_OPENERS,
    QUOTE_TOKENS,
    RIGHT_DOUBLE_QUOTE,
    STRAIGHT_DOUBLE_QUOTE,
)

# the three PolNeAR roles of a tagged span
ROLE_CUE, ROLE_SRC, ROLE_CON = "CUE", "SRC", "CON"


@dataclass(slots=True)
class RoleSpan:
    """A run of tokens with one role (ROLE_CUE, ROLE_SRC or ROLE_CON)."""

    role: str
    start: int  # doc token index, inclusive
    end: int  # doc token index, exclusive
    para: int
    sent: int
    conf: float = 1.0
    rescued: bool = False  # a cue Viterbi left out, kept for its marginal: needs parse support


@dataclass(slots=True)
class Group:
    """A cue with the source and content spans linked to it."""

    cue: RoleSpan
    sources: list[RoleSpan] = field(default_factory=list)
    contents: list[RoleSpan] = field(default_factory=list)


def spans_from_labels(tokens: list[int], labels: list[str], para: int, sent_id: list[int]) -> list[RoleSpan]:
    """Contiguous runs of one role; an I- without a B- opens a span."""
    out: list[RoleSpan] = []
    cur: RoleSpan | None = None
    for i, lab in zip(tokens, labels, strict=False):
        if lab == "O":
            cur = None
            continue
        bio, role = lab[0], lab[2:]
        if cur is not None and bio == "I" and cur.role == role:
            cur.end = i + 1
        else:
            cur = RoleSpan(role, i, i + 1, para, sent_id[i])
            out.append(cur)
    return out


def roots(span: RoleSpan, head: list[int]) -> list[int]:
    """Tokens of ``span`` whose head lies outside it (or that head their sentence)."""
    return [i for i in range(span.start, span.end) if not (span.start <= head[i] < span.end) or head[i] == i]


def climb(start: int, head: list[int], owner: dict[int, int], limit: int = 8) -> int | None:
    """Owner id of the first ancestor of ``start`` (excluded) found in ``owner``."""
    j = start
    for _ in range(limit):
        h = head[j]
        if h == j:
            return None
        if h in owner:
            return owner[h]
        j = h
    return None


def para_start(doc: Doc, i: int) -> int:
    """First token of the paragraph holding token ``i``."""
    words = words_of(doc)  # a token's text without making a Token (these walks are long)
    while i > 0 and "\n" not in words[i - 1]:
        i -= 1
    return i


def para_end(doc: Doc, i: int) -> int:
    """The newline token ending the paragraph of token ``i`` (or ``len(doc)``)."""
    words = words_of(doc)
    n = len(words)
    while i < n and "\n" not in words[i]:
        i += 1
    return i


def left_open(doc: Doc, span: RoleSpan) -> bool:
    """True when a quotation opened in ``span`` is not closed in it (a multi-paragraph quote)."""
    text = doc[span.start : min(span.end + 1, len(doc))].text
    opened = text.count(LEFT_DOUBLE_QUOTE) - text.count(RIGHT_DOUBLE_QUOTE)
    return opened > 0 or (text.count(LEFT_DOUBLE_QUOTE) == 0 and text.count(STRAIGHT_DOUBLE_QUOTE) % 2 == 1)


def opens_quote(doc: Doc, span: RoleSpan) -> bool:
    """True when ``span`` starts with a quote mark or right after one: quoted text."""
    words = words_of(doc)
    return words[span.start] in QUOTE_TOKENS or (span.start > 0 and words[span.start - 1] in QUOTE_TOKENS)


def trimmed_span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """[a, b) without punctuation and spaces at its edges; quotation marks stay."""
    while a < b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in QUOTE_OPENERS:
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and doc[b - 1].text not in QUOTE_CLOSERS:
        b -= 1
    return a, b


def word_count(doc: Doc, a: int, b: int) -> int:
    """Tokens in [a, b) that are neither punctuation nor space."""
    return sum(1 for t in doc[a:b] if not (t.is_punct or t.is_space))
