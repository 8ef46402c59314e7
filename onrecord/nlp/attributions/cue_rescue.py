"""Cue rescue: speech verbs the tagger left out, taken as cues after linking.

"“Apparently not,” he said." with odd quote marks, a parenthetical "he added," or a long
subject can make the CRF miss even a plain "said".

Only unambiguous reporting verbs with an explicit nominal subject are taken, and only
when the parse gives them content; the linking repairs then fill the spans.
"""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.nlp.attributions.features import TokenTable
from onrecord.nlp.attributions.repairs import complete_from_tree
from onrecord.nlp.attributions.role_spans import ROLE_CUE, Group, RoleSpan
from onrecord.nlp.lexicon.reporting_verbs import RESCUE_SPEECH_LEMMAS

RESCUE_CONFIDENCE = 0.55  # rule-made; sits in the 0.5-0.7 calibration bucket

_SUBJECT_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM"})
_SKIP_DEPS = frozenset({"relcl", "amod", "acl", "compound"})  # "moves that he said improved ..."


def rescue_speech_verbs(doc: Doc, groups: list[Group], table: TokenTable) -> list[Group]:
    """Groups for reporting verbs with a subject that no group in ``groups`` uses."""
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    out: list[Group] = []
    para = 0
    for i, lemma in enumerate(table.lemma):
        if "\n" in table.text[i]:
            para += 1
        if lemma not in RESCUE_SPEECH_LEMMAS or i in taken or not table.tag[i].startswith("VB"):
            continue
        verb = doc[i]
        if verb.dep_ in _SKIP_DEPS:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in _SUBJECT_POS]
        if not subjects or any(
                k in taken for k in range(subjects[0].left_edge.i, subjects[0].right_edge.i + 1)):
            continue
        g = Group(RoleSpan(ROLE_CUE, i, i + 1, para, table.sent_id[i], RESCUE_CONFIDENCE))
        complete_from_tree(doc, g, table.head)
        spans = [*g.sources, *g.contents]
        if g.contents and g.sources and not any(k in taken for sp in spans for k in range(sp.start, sp.end)):
            out.append(g)
            for sp in [g.cue, *spans]:
                taken.update(range(sp.start, sp.end))
    return out
