"""Attributions marked by layout instead of a verb: transcript speaker labels, quote sign-offs
and a headline's colon.

    WALLACE: Do you really see those two as equivalent?
    “Donald Trump scares me.” ― Carla Sanchez
    Fire chief: Blaze was set on purpose

The CRF rarely sees these (PolNeAR has about 150 colon cues in 840 articles), so plain
rules find them. Labels and sign-offs are strict about the speaker: a short run of capitalised
words that the parser calls proper nouns, so datelines, "Note:" and "UPDATE:" do not qualify.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan, para_end
from onrecord.nlp.extensions import DROPPED_EXTENSION, dropped_of
from onrecord.nlp.lexicon.labels import HEADLINE_NON_SPEAKERS, LAYOUT_NON_NAMES
from onrecord.nlp.lexicon.punctuation import DASHES, QUOTE_CLOSERS, QUOTE_OPENERS

LAYOUT_CONFIDENCE = 0.6  # rule-made: between the CRF's uncertain and confident buckets

_MAX_NAME = 5  # tokens in a speaker label ("Sen. Claire McCaskill" is three)
_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def layout_groups(doc: Doc, groups: list[Group], sent_id: list[int], words: list[str]) -> list[Group]:
    """Speaker labels and sign-offs whose tokens no attribution in ``groups`` uses.

    ``words`` is each token's text (the ``TokenTable``'s): scanning it is far cheaper than
    making a spaCy Token per position, and only candidate positions touch the Doc.
    """
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    out = _speaker_labels(doc, taken, words) + _sign_offs(doc, taken, words)
    for g in out:
        for sp in [g.cue, *g.sources, *g.contents]:
            sp.sent = sent_id[g.cue.start]
    return out


def _in_dropped_line(doc: Doc, i: int) -> bool:
    """True when token ``i`` lies inside a line the boilerplate stage dropped."""
    if not Doc.has_extension(DROPPED_EXTENSION):
        return False
    at = doc[i].idx
    return any(s <= at < e for d in dropped_of(doc) for s, e in d.spans)


def _headline_style(doc: Doc, a: int, b: int) -> bool:
    """Title case ("State Department Hid Key Email") or a quotation right after the colon."""
    words = [t for t in doc[a:b] if t.is_alpha]
    if a < b and doc[a].text in QUOTE_OPENERS:
        return True
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


def _is_name(tokens: list[Token]) -> bool:
    """A short proper-noun run: "PENCE", "Alex Seitz-Wald", "Oscar P. Quintero"."""
    words = [t for t in tokens if not (t.is_punct or t.is_space) or t.text == "-"]
    if not 1 <= len(words) <= _MAX_NAME:
        return False
    if " ".join(t.lower_ for t in words) in LAYOUT_NON_NAMES or words[0].lower_ in LAYOUT_NON_NAMES:
        return False
    alpha = [t for t in words if t.is_alpha]
    return bool(alpha) and all(
        t.text[:1].isupper() and (t.pos_ == "PROPN" or t.is_upper or t.ent_type_ in _NAME_ENTS) for t in alpha
    )


def _paragraphs(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the paragraphs (newline tokens excluded)."""
    out = []
    start = 0
    for i, w in enumerate(words):
        if "\n" in w:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(words):
        out.append((start, len(words)))
    return out


def _blank(word: str) -> bool:
    """A whitespace token (what ``Token.is_space`` says)."""
    return word.isspace()


def _speaker_labels(doc: Doc, taken: set[int], words: list[str]) -> list[Group]:
    """ "NAME: words" at the start of a paragraph, when the article has at least two of them
    or the name is a PERSON entity (one label could be a heading)."""
    found: list[tuple[int, int, int, int]] = []  # label start, colon, content end, paragraph
    for p_index, (a, b) in enumerate(_paragraphs(words)):
        i = a
        while i < b and (_blank(words[i]) or words[i] in QUOTE_OPENERS):
            i += 1
        colon = next((k for k in range(i + 1, min(b, i + _MAX_NAME + 2)) if words[k] == ":"), -1)
        if colon < 0 or not _is_name(list(doc[i:colon])):
            continue
        end = b
        while end > colon + 1 and (_blank(words[end - 1]) or words[end - 1] in QUOTE_CLOSERS):
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


def _sign_offs(doc: Doc, taken: set[int], words: list[str]) -> list[Group]:
    """ “Quote.” ― Name : a dash right after a closing quote, then a name to the line end."""
    groups = []
    n = len(words)
    for i, w in enumerate(words):
        if w not in DASHES or i == 0 or i in taken:
            continue
        j = i - 1
        while j >= 0 and _blank(words[j]):
            j -= 1
        if j < 0 or words[j] not in QUOTE_CLOSERS:
            continue
        k = i + 1
        while k < n and not (_blank(words[k]) or words[k] in QUOTE_OPENERS or words[k] in (".", ",")):
            if "\n" in words[k]:
                break
            k += 1
        if k == i + 1 or not _is_name(list(doc[i + 1 : k])):
            continue
        opener = j - 1
        while opener >= 0 and words[opener] not in QUOTE_OPENERS and "\n" not in words[opener]:
            opener -= 1
        if opener < 0 or words[opener] not in QUOTE_OPENERS or j - opener < 3:
            continue
        if any(x in taken for x in range(opener, k)):
            continue
        para = sum(1 for x in words[:opener] if "\n" in x)
        groups.append(_group(doc, (i, i + 1), (i + 1, k), (opener, j + 1), para))
    return groups


def _group(
    doc: Doc, cue: tuple[int, int], source: tuple[int, int], content: tuple[int, int], para: int
) -> Group:
    """A layout attribution from its cue, source and content token ranges."""
    sent = 0  # set by layout_groups
    g = Group(RoleSpan(ROLE_CUE, cue[0], cue[1], para, sent, LAYOUT_CONFIDENCE))
    g.sources.append(RoleSpan(ROLE_SRC, source[0], source[1], para, sent, LAYOUT_CONFIDENCE))
    g.contents.append(RoleSpan(ROLE_CON, content[0], content[1], para, sent, LAYOUT_CONFIDENCE))
    return g


def headline_colon(doc: Doc, spans: list[RoleSpan], tags: list[str]) -> Group | None:
    """ "Fire chief: Blaze was set on purpose": a headline whose colon is the cue.

    Only the first paragraph, when it is one short line: a speaker of at most six
    tokens before the colon and a clause with a verb after it. A headline in title case
    ("Agency: State Department Hid Key Email") or one that quotes ("Reid: 'Never
    underestimate him'") often has no verb the tagger sees, so a capitalised speaker
    suffices there. Cues the tagger found after the colon stay (the headline's own claim);
    one that takes the speaker or the colon itself rules the headline out.
    """
    end = para_end(doc, 0)
    if end == len(doc) or end > 40:
        return None
    if _in_dropped_line(doc, 0):
        return None  # "READ MORE: The agency fined banks it says broke the rules" is a link, not a headline
    colon = next((i for i in range(1, min(end, 8)) if doc[i].text == ":"), -1)
    if colon < 1 or doc[0:colon].text.lower() in HEADLINE_NON_SPEAKERS:
        return None
    if any(sp.start <= colon for sp in spans):
        return None
    if doc[0].tag_ == "DT" and not doc[0].ent_type_:
        return None  # "The Ninth Circle: …", "The candidate's next tactic: …": a topic, not a speaker
    if not any(tags[i][:1] in ("V", "M") for i in range(colon + 1, end)) and not (
        doc[0].text[:1].isupper() and _headline_style(doc, colon + 1, end)
    ):
        return None
    b = end
    while b > colon + 1 and doc[b - 1].is_space:
        b -= 1
    g = Group(RoleSpan(ROLE_CUE, colon, colon + 1, 0, 0, 0.5))
    g.sources.append(RoleSpan(ROLE_SRC, 0, colon, 0, 0, 0.5))
    g.contents.append(RoleSpan(ROLE_CON, colon + 1, b, 0, 0, 0.5))
    return g
