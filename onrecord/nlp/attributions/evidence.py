"""Attributions to a poll named by a preposition: "In a CNN poll released Monday, 40 percent …".

PolNeAR marks the "in" as the cue, the poll as the source and the clause it modifies as the
content. The CRF never learns it (the same "in" is a cue in a few dozen of thousands of
sentences), so one rule finds it, after linking and the rescues (``extractor``). On train folds:

- a poll phrase with a proper noun in it ("a Harbour Gazette poll", "January polls") is a
  gold cue about 60% of the time (folds 0 and 1);
- a singular "poll" or "survey" without one is a cue 13 times in 16 (folds 2-4), unless it
  is "the poll" in mid-sentence (an earlier poll, mostly not marked);
- "in the polls" and other unnamed plurals are one in two to one in eight: left out.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from onrecord.nlp.attributions.role_spans import (
    ROLE_CON,
    ROLE_CUE,
    ROLE_SRC,
    Group,
    RoleSpan,
    para_end,
    para_start,
    trimmed_span,
    word_count,
)
from onrecord.nlp.lexicon.source_nouns import POLL_NOUNS, SINGLE_POLL_NOUNS

POLL_PREPOSITION = "in"
POLL_CONFIDENCE = 0.55  # rule-made, as the speech-verb rescue


def poll_attributions(doc: Doc, groups: list[Group]) -> list[Group]:
    """The "in [a poll]" attributions whose words no group in ``groups`` uses.

    The poll's noun phrase is the source and the clause the phrase modifies, without the
    phrase, is the content (one or two fragments). The content may hold other attributions
    ("In a survey, 79 percent said …"); the cue and the poll may not touch any. Only the
    "in" tokens become spaCy Tokens.
    """
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    out: list[Group] = []
    key = doc.vocab.strings[POLL_PREPOSITION]
    for i in (k for k, low in enumerate(doc.to_array(LOWER).tolist()) if low == key):
        tok = doc[i]
        if tok.dep_ != "prep" or i in taken:
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS), None)
        if obj is None:
            continue
        a, b = obj.left_edge.i, obj.right_edge.i + 1
        if any(k in taken for k in range(a, b)) or not _a_poll(doc, tok, obj, a, b):
            continue
        clause = tok.head
        for _ in range(3):
            if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
                break
            clause = clause.head
        sent = tok.sent
        lo = max(clause.left_edge.i, sent.start, para_start(doc, tok.i))
        hi = min(clause.right_edge.i + 1, sent.end, para_end(doc, tok.i))
        fragments = [trimmed_span(doc, lo, tok.i), trimmed_span(doc, b, hi)]
        spans = [(x, y) for x, y in fragments if word_count(doc, x, y) >= 2]
        if not spans or not any(doc[k].pos_ in ("VERB", "AUX") for x, y in spans for k in range(x, y)):
            continue
        para = sum(1 for t in doc[: tok.i] if "\n" in t.text)
        sent_id = sent.start
        g = Group(RoleSpan(ROLE_CUE, tok.i, tok.i + 1, para, sent_id, POLL_CONFIDENCE))
        g.sources = [RoleSpan(ROLE_SRC, a, b, para, sent_id, POLL_CONFIDENCE)]
        g.contents = [RoleSpan(ROLE_CON, x, y, para, sent_id, POLL_CONFIDENCE) for x, y in spans]
        out.append(g)
        taken.update(range(tok.i, b))
    return out


def _a_poll(doc: Doc, prep: Token, poll: Token, a: int, b: int) -> bool:
    """A named poll ("a CBS News survey"), or one singular poll or survey that is not an earlier
    one ("the poll" in mid-sentence); not "in the polls" (module docstring)."""
    if any(doc[k].pos_ == "PROPN" for k in range(a, b)):
        return True
    if poll.lemma_.lower() not in SINGLE_POLL_NOUNS or poll.tag_ != "NN":
        return False
    dets = [c.lower_ for c in poll.children if c.dep_ == "det"]
    return dets != ["the"] or prep.i == prep.sent.start
