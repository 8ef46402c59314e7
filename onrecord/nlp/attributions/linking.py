"""Turn tagged role spans into attributions: link each source and content span to a cue.

The CRF only says which tokens are cue, source or content. Each source and content span
is linked by the rules in ``LINK_RULES``, tried in order (first match wins): a quotation
closed by a comma goes to the cue right after it ("“X,” she said"), then the
dependency tree (a content's root hangs off the cue, or the cue hangs off the content, as
in "..., he said, ..."), then the nearest cue in the same sentence. A quoted content with
no cue in its sentence is linked by ``ORPHAN_RULES``: it continues the previous
attribution (a quote interrupted by "he said", a quote running over several paragraphs)
or opens the next one. The groups are then completed and repaired (``repairs.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from onrecord.nlp.attributions.repairs import (
    complete_from_tree,
    continue_quotes,
    fold_anonymity_requests,
    is_deliberation,
    repair_group,
    share_sources,
    source_from_tree,
)
from onrecord.nlp.attributions.role_spans import (
    ROLE_CON,
    ROLE_CUE,
    ROLE_SRC,
    Group,
    RoleSpan,
    climb,
    left_open,
    opens_quote,
    roots,
)
from onrecord.nlp.attributions.source_repairs import (
    colon_cue_content,
    cues_for_lone_sources,
    quote_before_clause,
    repair_sources,
)
from onrecord.nlp.lexicon.punctuation import QUOTE_CLOSERS


@dataclass(slots=True)
class _Linker:
    """What the linking rules read: the parse, the cues, and the groups built so far."""

    doc: Doc
    head: list[int]
    cues: list[RoleSpan]
    groups: list[Group]
    cue_owner: dict[int, int] = field(default_factory=dict)  # token -> index of the cue it is part of
    by_sent: dict[int, list[int]] = field(default_factory=dict)  # sentence -> indices of its cues
    with_content: list[int] = field(default_factory=list)  # cues with content before orphans are placed

    @classmethod
    def of(cls, doc: Doc, spans: list[RoleSpan], head: list[int]) -> _Linker:
        """The cues of ``spans``, an empty group for each, and the indexes the rules read."""
        cues = [s for s in spans if s.role == ROLE_CUE]
        linker = cls(doc, head, cues, [Group(c) for c in cues])
        for g_index, c in enumerate(cues):
            for i in range(c.start, c.end):
                linker.cue_owner[i] = g_index
        for g_index, c in enumerate(cues):
            linker.by_sent.setdefault(c.sent, []).append(g_index)
        return linker


LinkRule = Callable[[_Linker, RoleSpan], int | None]


def _first_match(rules: tuple[LinkRule, ...], linker: _Linker, span: RoleSpan) -> int | None:
    """The cue index the first rule to find one returns, else None."""
    for rule in rules:
        target = rule(linker, span)
        if target is not None:
            return target
    return None


def group_spans(doc: Doc, spans: list[RoleSpan], head: list[int]) -> list[Group]:
    """Link sources and contents to cues; cues that end up with no content are dropped."""
    linker = _Linker.of(doc, spans, head)
    groups = linker.groups
    orphans: list[RoleSpan] = []
    lone_sources: list[RoleSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        if span.role == ROLE_CUE:
            continue
        target = _first_match(LINK_RULES, linker, span)
        if target is None:
            if span.role == ROLE_CON:
                orphans.append(span)
            else:
                lone_sources.append(span)
        elif span.role == ROLE_CON:
            groups[target].contents.append(span)
        else:
            groups[target].sources.append(span)

    # contents with no cue in their sentence: only quoted text continues an attribution
    quoted_orphans = [c for c in orphans if opens_quote(doc, c)]
    if quoted_orphans:
        linker.with_content = sorted(
            (g for g in range(len(groups)) if groups[g].contents), key=lambda g: linker.cues[g].start
        )
        for span in quoted_orphans:
            target = _first_match(ORPHAN_RULES, linker, span)
            if target is not None:
                groups[target].contents.append(span)
    for grp in groups:
        if not grp.contents:
            complete_from_tree(doc, grp, head)
            quote_before_clause(doc, grp, groups)
            colon_cue_content(doc, grp)
        else:
            source_from_tree(doc, grp, head)
    groups += cues_for_lone_sources(doc, lone_sources, groups, head)
    share_sources(groups, head)
    continue_quotes(doc, groups, spans)
    for grp in groups:
        repair_group(doc, grp, head)
        repair_sources(doc, grp)
    groups = fold_anonymity_requests(doc, groups)
    # a rescued cue (kept for its marginal) must also find its source in the parse; requiring
    # a verb in its content as well cost 1.5-2 points of source coverage on train folds
    kept = [g for g in groups if g.contents and (g.sources or not g.cue.rescued)]
    return [g for g in kept if not is_deliberation(doc, g)]


def _link_by_tree(linker: _Linker, span: RoleSpan) -> int | None:
    """PolNeAR: a source or content depends on its cue in the parse (or the cue on the content).

    The cue must stand in the span's paragraph (the parser sometimes joins sentences across
    a paragraph break), and a source's cue in its sentence.
    """
    target = _hangs_off_cue(linker, span)
    if target is None and span.role == ROLE_CON:
        target = _cue_hangs_off_content(linker, span)
    if target is None:
        return None
    cue = linker.cues[target]
    if cue.sent != span.sent and span.role == ROLE_SRC:
        return None
    if cue.para != span.para:
        return None
    return target


def _hangs_off_cue(linker: _Linker, span: RoleSpan) -> int | None:
    """The source or content root has a cue among its ancestors: "he said [that X]"."""
    for r in roots(span, linker.head):
        target = climb(r, linker.head, linker.cue_owner)
        if target is not None:
            return target
    return None


def _cue_hangs_off_content(linker: _Linker, span: RoleSpan) -> int | None:
    """A cue in the sentence hangs off the content: "X, he said, Y"."""
    owner = {i: 0 for i in range(span.start, span.end)}
    for g_index, c in enumerate(linker.cues):
        if c.sent != span.sent:
            continue
        for r in roots(c, linker.head):
            if climb(r, linker.head, owner, limit=3) is not None:
                return g_index
    return None


def _link_nearest_in_sentence(linker: _Linker, span: RoleSpan) -> int | None:
    """PolNeAR: a source or content belongs to a cue of its sentence; the nearest free one wins.

    A cue that already has a span of this role is taken only when every cue has one; a
    content then joins it only as quoted text continuing the nearest attribution (else it
    is a content whose cue the tagger missed).
    """
    cands = linker.by_sent.get(span.sent, [])
    if not cands:
        return None
    cues, groups = linker.cues, linker.groups

    def dist(g: int) -> int:
        c = cues[g]
        return c.start - span.end if c.start >= span.end else span.start - c.end

    free = [g for g in cands if not (groups[g].contents if span.role == ROLE_CON else groups[g].sources)]
    if span.role == ROLE_CON and not free and not opens_quote(linker.doc, span):
        return None
    pool = free or cands
    return min(pool, key=dist)


def _continue_previous(linker: _Linker, span: RoleSpan) -> int | None:
    """PolNeAR: one quotation is one content, across an interrupting cue or a paragraph break.

    The orphan joins the last attribution before it when no cue stands between them and it
    is in the same paragraph, or in the next one after a quotation left open.
    """
    doc, cues, groups = linker.doc, linker.cues, linker.groups
    prev = [
        g
        for g in linker.with_content
        if groups[g].contents[-1].end <= span.start or cues[g].end <= span.start
    ]
    if not prev:
        return None
    g = max(prev, key=lambda g: max(groups[g].contents[-1].end, cues[g].end))
    gap_cues = [c for c in cues if max(groups[g].contents[-1].end, cues[g].end) <= c.start < span.start]
    last = max(groups[g].contents, key=lambda c: c.end)
    same_para = span.para == last.para
    if not gap_cues and (same_para or (span.para - last.para == 1 and left_open(doc, last))):
        return g
    return None


def _hands_on(doc: Doc, span: RoleSpan) -> bool:
    """ "“X,” she said": a quotation closed by a comma hands on to the reporting clause after it."""
    end = span.end
    while end > span.start and doc[end - 1].text in QUOTE_CLOSERS:
        end -= 1
    return end < span.end and end > span.start and doc[end - 1].text == ","


_HAND_ON_GAP = 4  # tokens between a quotation's closing ",”" and its cue: "”, the mayor said"


def _handed_on_to_next_cue(linker: _Linker, span: RoleSpan) -> int | None:
    """PolNeAR: "“X,” she said": a quotation closed by a comma belongs to the cue right after it.

    Checked before the nearest cue of the sentence, which the parser's sentence breaks around
    '' marks sometimes put before the quotation.
    """
    if not opens_quote(linker.doc, span) or not _hands_on(linker.doc, span):
        return None
    nxt = [g for g, c in enumerate(linker.cues)
           if span.end <= c.start <= span.end + _HAND_ON_GAP and c.para == span.para]
    return min(nxt, key=lambda g: linker.cues[g].start) if nxt else None


def _open_next_cue(linker: _Linker, span: RoleSpan) -> int | None:
    """PolNeAR: a quotation just before a cue that has no content yet is that cue's content."""
    cues, groups = linker.cues, linker.groups
    nxt = [
        g
        for g in range(len(groups))
        if cues[g].start >= span.end
        and not groups[g].contents
        and cues[g].para == span.para
        and cues[g].sent - span.sent <= 1
    ]
    return min(nxt, key=lambda g: cues[g].start) if nxt else None


# How a source or content span finds its cue, first match wins.
LINK_RULES: tuple[LinkRule, ...] = (_handed_on_to_next_cue, _link_by_tree, _link_nearest_in_sentence)
# How a quoted content with no cue in its sentence finds one, first match wins.
ORPHAN_RULES: tuple[LinkRule, ...] = (_continue_previous, _open_next_cue)
