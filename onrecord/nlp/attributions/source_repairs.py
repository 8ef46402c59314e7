"""Source repairs after linking: a cue that has content but lost its speaker to the content.

The tagger sometimes marks the speaker as part of the content ("Obama himself seemed to
recognize …" tagged as content "Obama himself" … "to recognize …"), or the parse puts the
speaker in a passive "by" phrase ("were claimed by the group"). These rules run after
``repairs.repair_group`` on every linked group, in the order of ``SOURCE_REPAIRS``; each
only touches a group without a usable source. Chosen on PolNeAR train folds 0 and 1 with
the source-coverage proxy of ``benchmarks/error_analysis.py --sources`` (docs/accuracy.md).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from onrecord.nlp.attributions.repairs import complete_from_tree
from onrecord.nlp.attributions.role_spans import (
    ROLE_CON,
    ROLE_CUE,
    ROLE_SRC,
    Group,
    RoleSpan,
    para_end,
    word_count,
)
from onrecord.nlp.lexicon.punctuation import QUOTE_CLOSERS, QUOTE_OPENERS
from onrecord.nlp.lexicon.reporting_verbs import SUBJECT_IN_CONTENT_LEMMAS
from onrecord.nlp.lexicon.source_nouns import LEAK_VERBS

_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM"})


def _cue_root(doc: Doc, g: Group) -> Token:
    return doc[g.cue.start : g.cue.end].root


def _subject_of(root: Token) -> Token | None:
    """The nominal subject of the cue's verb, unless the verb raises it into an infinitive.

    PolNeAR leaves "The Times is expected to endorse …" and "Turnout seems to be up"
    without a source: the subject belongs to the content there.
    """
    if root.lemma_ in SUBJECT_IN_CONTENT_LEMMAS or any(c.dep_ == "xcomp" for c in root.children):
        return None
    return next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ in _SPEAKER_POS), None)


def subject_fragment_as_source(doc: Doc, g: Group) -> None:
    """ "Obama himself [seemed] to recognize …": a content fragment inside the cue verb's subject.

    When the group has no source and one of several content fragments lies inside the
    subject's phrase, that phrase is the source and the fragment leaves the content.
    """
    if g.sources or len(g.contents) < 2:
        return
    subj = _subject_of(_cue_root(doc, g))
    if subj is None:
        return
    a, b = subj.left_edge.i, subj.right_edge.i + 1
    if a < g.cue.end and b > g.cue.start:  # the subject's phrase holds the cue itself
        return
    inside = [c for c in g.contents if a <= c.start and c.end <= b]
    if not inside or len(inside) == len(g.contents):
        return
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    first = inside[0]
    g.contents = [c for c in g.contents if c not in inside]
    g.sources = [RoleSpan(ROLE_SRC, a, b, first.para, first.sent, first.conf)]


_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "parataxis"})
_CLAUSE_MAX = 12  # tokens of "said one former senior agency official" and no more


def quotation_before(doc: Doc, lo: int) -> tuple[int, int] | None:
    """The quotation that closes right before token ``lo`` (a comma between), within its paragraph."""
    j = lo - 1
    while j >= 0 and ((doc[j].is_space and "\n" not in doc[j].text) or doc[j].text == ","):
        j -= 1
    if j < 1 or doc[j].text not in QUOTE_CLOSERS:
        return None
    k = j - 1
    while k >= 0 and doc[k].text not in QUOTE_OPENERS and "\n" not in doc[k].text:
        k -= 1
    if k < 0 or doc[k].text not in QUOTE_OPENERS or j - k < 3:
        return None
    return k, j + 1


def quote_before_clause(doc: Doc, g: Group, groups: list[Group]) -> None:
    """ "“…? Probably,” said one former official.": a cue left without content after a quotation.

    The tagger often runs an earlier attribution's content over the next quotation, and the
    parse does not link a quotation of several sentences to the clause after it. A reporting
    clause (a verb cue and its subject, at most ``_CLAUSE_MAX`` tokens) right after a closing
    quote mark takes that quotation as its content; an earlier group gives it up, if it keeps
    some content of its own.
    """
    if g.contents or not doc[g.cue.start].tag_.startswith("VB"):
        return
    root = _cue_root(doc, g)
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ in _SPEAKER_POS), None)
    sources = g.sources
    if not sources and subj is not None:
        sources = [RoleSpan(ROLE_SRC, subj.left_edge.i, subj.right_edge.i + 1, g.cue.para, g.cue.sent,
                            g.cue.conf)]
    if not sources:
        return
    lo = min(g.cue.start, *(s.start for s in sources))
    hi = max(g.cue.end, *(s.end for s in sources))
    quote = quotation_before(doc, lo) if hi - lo <= _CLAUSE_MAX else None
    if quote is None:
        return
    k, j = quote
    for other in groups:
        if other is g or not any(c.start < j and k < c.end for c in other.contents):
            continue
        kept = [c for c in other.contents if c.end <= k or c.start >= j]
        kept += [RoleSpan(c.role, c.start, k, c.para, c.sent, c.conf)
                 for c in other.contents if c.start < k < c.end and word_count(doc, c.start, k) >= 3]
        if not kept:
            return
    for other in groups:
        if other is not g:
            cut = [c for c in other.contents if c.end <= k or c.start >= j]
            cut += [RoleSpan(c.role, c.start, k, c.para, c.sent, c.conf)
                    for c in other.contents if c.start < k < c.end and word_count(doc, c.start, k) >= 3]
            other.contents = sorted(cut, key=lambda c: c.start)
    g.sources = sources
    g.contents = [RoleSpan(ROLE_CON, k, j, g.cue.para, doc[k].sent.start, g.cue.conf)]


def colon_cue_content(doc: Doc, g: Group) -> None:
    """ "Rubio: I still believe …": a tagged colon cue whose content the parse split off.

    The parser often ends a sentence at a headline's or speaker label's colon, so neither
    the tree nor the sentence gives the cue its content: it is the rest of the paragraph.
    """
    if g.contents or not g.sources or doc[g.cue.start : g.cue.end].text != ":":
        return
    a, b = g.cue.end, para_end(doc, g.cue.end)
    while a < b and doc[a].is_space:
        a += 1
    while b > a and doc[b - 1].is_space:
        b -= 1
    if word_count(doc, a, b) >= 2:
        g.contents = [RoleSpan(ROLE_CON, a, b, g.cue.para, g.cue.sent, g.cue.conf)]


def cues_for_lone_sources(
    doc: Doc, sources: list[RoleSpan], groups: list[Group], head: list[int]
) -> list[Group]:
    """A source the tagger marked with no cue in its sentence: the verb it is the subject of.

    "[The harbour master] apparently thinks the pier will hold." The verb becomes the cue and
    the parse gives its content; nothing another group uses is taken. On train folds 0 and 1
    about three in four of these are PolNeAR attributions.
    """
    taken: set[int] = set()
    for g in groups:
        for sp in [g.cue, *g.sources, *g.contents]:
            taken.update(range(sp.start, sp.end))
    out: list[Group] = []
    for src in sources:
        if any(k in taken for k in range(src.start, src.end)):
            continue
        root = doc[src.start : src.end].root
        verb = root.head
        if root.dep_ != "nsubj" or verb.pos_ != "VERB" or not verb.tag_.startswith("VB") or verb.i in taken:
            continue
        g = Group(RoleSpan(ROLE_CUE, verb.i, verb.i + 1, src.para, src.sent, src.conf))
        g.sources = [src]
        complete_from_tree(doc, g, head)
        if not g.contents or any(k in taken for c in g.contents for k in range(c.start, c.end)):
            continue
        if any(c.start < src.end and src.start < c.end for c in g.contents):
            continue
        out.append(g)
        for sp in [g.cue, src, *g.contents]:
            taken.update(range(sp.start, sp.end))
    return out


def passive_agent_as_source(doc: Doc, g: Group) -> None:
    """ "Both incidents were claimed by the group" / "the country described by the president".

    A passive cue verb with a "by" phrase: PolNeAR's source is the object of "by" (without
    it), not the passive subject or the noun the verb modifies, which belong to the content.
    """
    root = _cue_root(doc, g)
    if root.lemma_ in LEAK_VERBS:
        return  # "a schedule seen by the agency": the outlet got hold of it, it did not say it
    agent = next((c for c in root.children if c.dep_ == "agent" and c.i >= g.cue.end), None)
    if agent is None:
        return
    obj = next((c for c in agent.children if c.dep_ == "pobj" and c.pos_ in _SPEAKER_POS), None)
    if obj is None:
        return
    a, b = obj.left_edge.i, obj.right_edge.i + 1
    for c in obj.children:  # "asked by a caller why …": the question is not the speaker
        if c.dep_ in _CLAUSE_DEPS and c.i > obj.i:
            b = min(b, c.left_edge.i)
    while b > a + 1 and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    if any(s.start < b and a < s.end for s in g.sources):
        return
    if any(c.start <= a and b <= c.end for c in g.contents) and len(g.contents) == 1 and not g.sources:
        return  # the tagger made the whole "by" phrase content: leave it
    g.sources = [RoleSpan(ROLE_SRC, a, b, g.cue.para, g.cue.sent, g.cue.conf)]
    g.contents = [c for c in g.contents if not (c.start < b and a < c.end)] or g.contents


SourceRepair = Callable[[Doc, Group], None]

# Run on every linked group after the edge repairs, in this order.
SOURCE_REPAIRS: tuple[SourceRepair, ...] = (subject_fragment_as_source, passive_agent_as_source)


def repair_sources(doc: Doc, g: Group) -> None:
    for repair in SOURCE_REPAIRS:
        repair(doc, g)
