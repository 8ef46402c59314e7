"""Attributions marked by layout instead of a verb: transcript speaker labels and quote sign-offs.

    WALLACE: Do you really see those two as equivalent?
    “Donald Trump scares me.” ― Carla Sanchez

The CRF rarely sees these (PolNeAR has about 150 colon cues in 840 articles), so plain
rules find them. Both are strict about the speaker: a short run of capitalised words
that the parser calls proper nouns, so datelines, "Note:" and "UPDATE:" do not qualify.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.nlp.attributions.grouping import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

LAYOUT_CONFIDENCE = 0.6  # rule-made: between the CRF's uncertain and confident buckets

_MAX_NAME = 5  # tokens in a speaker label ("Sen. Claire McCaskill" is three)
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_CLOSERS = frozenset({"”", '"', "''"})
_OPENERS = frozenset({"“", '"', "``"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_NOT_NAMES = frozenset(
    {"note", "update", "editor", "correction", "clarification", "watch", "read", "related", "source",
     "sources", "photo", "video", "q", "a", "question", "answer", "transcript", "excerpt", "warning"}
)


def layout_groups(doc: Doc, groups: list[Group], sent_id: list[int]) -> list[Group]:
    """Speaker labels and sign-offs whose tokens no attribution in ``groups`` uses."""
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    out = _speaker_labels(doc, taken) + _sign_offs(doc, taken)
    for g in out:
        for sp in [g.cue, *g.sources, *g.contents]:
            sp.sent = sent_id[g.cue.start]
    return out


def _is_name(tokens: list[Token]) -> bool:
    """A short proper-noun run: "PENCE", "Alex Seitz-Wald", "Oscar P. Quintero"."""
    words = [t for t in tokens if not (t.is_punct or t.is_space) or t.text == "-"]
    if not 1 <= len(words) <= _MAX_NAME:
        return False
    if " ".join(t.lower_ for t in words) in _NOT_NAMES or words[0].lower_ in _NOT_NAMES:
        return False
    alpha = [t for t in words if t.is_alpha]
    return bool(alpha) and all(
        t.text[:1].isupper() and (t.pos_ == "PROPN" or t.is_upper or t.ent_type_ in _NAME_ENTS) for t in alpha
    )


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    out = []
    start = 0
    for t in doc:
        if "\n" in t.text:
            if t.i > start:
                out.append((start, t.i))
            start = t.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def _speaker_labels(doc: Doc, taken: set[int]) -> list[Group]:
    """ "NAME: words" at the start of a paragraph, when the article has at least two of them
    or the name is a PERSON entity (one label could be a heading)."""
    found: list[tuple[int, int, int, int]] = []  # label start, colon, content end, paragraph
    for p_index, (a, b) in enumerate(_paragraphs(doc)):
        i = a
        while i < b and (doc[i].is_space or doc[i].text in _OPENERS):
            i += 1
        colon = next((k for k in range(i + 1, min(b, i + _MAX_NAME + 2)) if doc[k].text == ":"), -1)
        if colon < 0 or not _is_name(list(doc[i:colon])):
            continue
        end = b
        while end > colon + 1 and (doc[end - 1].is_space or doc[end - 1].text in _CLOSERS):
            end -= 1
        if sum(1 for t in doc[colon + 1 : end] if t.is_alpha) < 2:
            continue
        found.append((i, colon, end, p_index))
    groups = []
    for start, colon, end, para in found:
        if len(found) < 2 and not any(t.ent_type_ == "PERSON" for t in doc[start:colon]):
            continue
        if any(k in taken for k in range(start, colon + 1)):
            continue  # the content may hold attributions of its own; the label may not
        groups.append(_group(doc, (colon, colon + 1), (start, colon), (colon + 1, end), para))
    return groups


def _sign_offs(doc: Doc, taken: set[int]) -> list[Group]:
    """ “Quote.” ― Name : a dash right after a closing quote, then a name to the line end."""
    groups = []
    n = len(doc)
    for t in doc:
        if t.text not in _DASHES or t.i == 0 or t.i in taken:
            continue
        j = t.i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j < 0 or doc[j].text not in _CLOSERS:
            continue
        k = t.i + 1
        while k < n and not (doc[k].is_space or doc[k].text in _OPENERS or doc[k].text in (".", ",")):
            if "\n" in doc[k].text:
                break
            k += 1
        if k == t.i + 1 or not _is_name(list(doc[t.i + 1 : k])):
            continue
        opener = j - 1
        while opener >= 0 and doc[opener].text not in _OPENERS and "\n" not in doc[opener].text:
            opener -= 1
        if opener < 0 or doc[opener].text not in _OPENERS or j - opener < 3:
            continue
        if any(x in taken for x in range(opener, k)):
            continue
        para = sum(1 for x in doc[:opener] if "\n" in x.text)
        groups.append(_group(doc, (t.i, t.i + 1), (t.i + 1, k), (opener, j + 1), para))
    return groups


def _group(doc: Doc, cue: tuple[int, int], source: tuple[int, int], content: tuple[int, int], para: int) -> Group:
    sent = 0  # set by layout_groups
    g = Group(RoleSpan(ROLE_CUE, cue[0], cue[1], para, sent, LAYOUT_CONFIDENCE))
    g.sources.append(RoleSpan(ROLE_SRC, source[0], source[1], para, sent, LAYOUT_CONFIDENCE))
    g.contents.append(RoleSpan(ROLE_CON, content[0], content[1], para, sent, LAYOUT_CONFIDENCE))
    return g

