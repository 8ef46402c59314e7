"""Attributions to a poll named by a preposition: "In a CNN poll released Monday, 40 percent …".

PolNeAR marks the "In" as the cue, the poll as the source and the clause it modifies as the
content. The CRF never learns it (the same "in" is a cue in a few dozen of thousands of
sentences), so a plain rule finds it. On train folds 2-4, "in" with a singular "poll" or
"survey" that modifies a verb is a gold cue 13 times in 16 unless the poll is "the poll"
in mid-sentence (an earlier poll, mostly not marked); plural "polls" is one in eight, left out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.nlp.attributions.features import TokenTable
from onrecord.nlp.attributions.role_spans import (
    ROLE_CON,
    ROLE_CUE,
    ROLE_SRC,
    Group,
    RoleSpan,
    para_end,
    para_start,
)

EVIDENCE_CONFIDENCE = 0.6  # rule-made, as the layout attributions
_POLL_LEMMAS = frozenset({"poll", "survey"})
_IN = frozenset({"in", "In", "IN"})
_EDGE = frozenset({",", ";", ":", "—", "–", "-", "."})


def poll_groups(doc: Doc, groups: list[Group], table: TokenTable) -> list[Group]:
    """The "In a poll …" attributions whose preposition no attribution in ``groups`` uses.

    A text without "poll" or "survey" costs one set test over the table's lemmas.
    """
    if _POLL_LEMMAS.isdisjoint(table.lemma):
        return []
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    found = (_poll_group(doc, doc[i], table.sent_id[i])
             for i, w in enumerate(table.text) if w in _IN and i not in taken)
    return [g for g in found if g is not None]


def _poll_group(doc: Doc, prep: Token, sent_of: int) -> Group | None:
    """Cue "in", the poll's noun phrase as source, the clause it modifies (the larger side) as content."""
    poll = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if prep.dep_ != "prep" or poll is None or poll.lemma_.lower() not in _POLL_LEMMAS or poll.tag_ != "NN":
        return None
    clause = prep.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    sent = prep.sent
    first = prep.i == sent.start
    dets = [c.lower_ for c in poll.children if c.dep_ == "det"]
    if dets == ["the"] and not first:
        return None
    lo = max(sent.start, para_start(doc, prep.i))
    hi = min(sent.end, para_end(doc, prep.i))
    if first:
        pieces = [(prep.right_edge.i + 1, hi)]  # "In a poll released Monday, 40 percent …"
    else:
        lo, hi = max(lo, clause.left_edge.i), min(hi, clause.right_edge.i + 1)
        pieces = [(lo, prep.left_edge.i), (prep.right_edge.i + 1, hi)]
    sized: list[tuple[int, int, int]] = []
    for a, b in pieces:
        while a < b and (doc[a].text in _EDGE or doc[a].is_space or doc[a].dep_ in ("mark", "cc")):
            a += 1
        while b > a and (doc[b - 1].text in _EDGE or doc[b - 1].is_space):
            b -= 1
        words = sum(1 for t in doc[a:b] if t.is_alpha or t.like_num)
        if words >= 2:
            sized.append((words, a, b))
    if not sized:
        return None
    _, a, b = max(sized)  # the larger side of the clause
    cue = RoleSpan(ROLE_CUE, prep.i, prep.i + 1, 0, sent_of, EVIDENCE_CONFIDENCE)
    src = RoleSpan(ROLE_SRC, prep.i + 1, prep.right_edge.i + 1, 0, sent_of, EVIDENCE_CONFIDENCE)
    return Group(cue, [src], [RoleSpan(ROLE_CON, a, b, 0, sent_of, EVIDENCE_CONFIDENCE)])
