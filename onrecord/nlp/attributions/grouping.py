"""Turn tagged role spans into attributions: link each source and content span to a cue.

The CRF only says which tokens are cue, source or content. Linking uses, in order:
the dependency tree (a content's root hangs off the cue, or the cue hangs off the
content, as in "..., he said, ..."), the nearest cue in the same sentence, and for a
content with no cue in its sentence, continuation of the previous attribution (a quote
interrupted by "he said", a quote running over several paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

# a tagged span: token positions [start, end) in doc, plus its role
ROLE_CUE, ROLE_SRC, ROLE_CON = "CUE", "SRC", "CON"


@dataclass(slots=True)
class RoleSpan:
    role: str
    start: int  # doc token index, inclusive
    end: int  # doc token index, exclusive
    para: int
    sent: int
    conf: float = 1.0


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
    for i, lab in zip(tokens, labels):
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


def _roots(span: RoleSpan, head: list[int]) -> list[int]:
    return [i for i in range(span.start, span.end) if not (span.start <= head[i] < span.end) or head[i] == i]


def _climb(start: int, head: list[int], owner: dict[int, int], limit: int = 8) -> int | None:
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


def group_spans(doc: Doc, spans: list[RoleSpan], head: list[int]) -> list[Group]:
    """Link sources and contents to cues; cues that end up with no content are dropped."""
    cues = [s for s in spans if s.role == ROLE_CUE]
    groups = [Group(c) for c in cues]
    cue_owner: dict[int, int] = {}
    for g_index, c in enumerate(cues):
        for i in range(c.start, c.end):
            cue_owner[i] = g_index
    by_sent: dict[int, list[int]] = {}
    for g_index, c in enumerate(cues):
        by_sent.setdefault(c.sent, []).append(g_index)

    def nearest(span: RoleSpan, prefer_free: str) -> int | None:
        cands = by_sent.get(span.sent, [])
        if not cands:
            return None

        def dist(g: int) -> int:
            c = cues[g]
            return c.start - span.end if c.start >= span.end else span.start - c.end

        free = [g for g in cands if not (groups[g].contents if prefer_free == ROLE_CON else groups[g].sources)]
        if prefer_free == ROLE_CON and not free:
            # every cue here has its content: this one is likely quoted text continuing
            # the nearest attribution, else a content whose cue the tagger missed
            if not _opens_quote(doc, span):
                return None
        pool = free or cands
        return min(pool, key=dist)

    last_group: int | None = None
    ordered = sorted(spans, key=lambda s: s.start)
    pending_contents: list[RoleSpan] = []
    for span in ordered:
        if span.role == ROLE_CUE:
            continue
        target: int | None = None
        for r in _roots(span, head):
            target = _climb(r, head, cue_owner)
            if target is not None:
                break
        if target is None and span.role == ROLE_CON:
            # the cue may hang off the content ("X, he said, Y")
            owner = {i: 0 for i in range(span.start, span.end)}
            for g_index, c in enumerate(cues):
                if c.sent != span.sent:
                    continue
                for r in _roots(c, head):
                    if _climb(r, head, owner, limit=3) is not None:
                        target = g_index
                        break
                if target is not None:
                    break
        if target is not None and cues[target].sent != span.sent and span.role == ROLE_SRC:
            target = None
        if target is None:
            target = nearest(span, span.role)
        if target is None:
            if span.role == ROLE_CON:
                pending_contents.append(span)
            continue
        if span.role == ROLE_CON:
            groups[target].contents.append(span)
        else:
            groups[target].sources.append(span)

    # contents with no cue in their sentence: continue the previous attribution, but only
    # quoted text does that (an interrupted or multi-paragraph quote)
    pending_contents = [c for c in pending_contents if _opens_quote(doc, c)]
    if pending_contents:
        with_content = sorted((g for g in range(len(groups)) if groups[g].contents), key=lambda g: cues[g].start)
        for span in pending_contents:
            prev = [g for g in with_content if groups[g].contents[-1].end <= span.start or cues[g].end <= span.start]
            target = None
            if prev:
                g = max(prev, key=lambda g: max(groups[g].contents[-1].end, cues[g].end))
                gap_cues = [c for c in cues if max(groups[g].contents[-1].end, cues[g].end) <= c.start < span.start]
                if not gap_cues and span.para - groups[g].contents[-1].para <= 1:
                    target = g
            if target is None:
                nxt = [g for g in range(len(groups)) if cues[g].start >= span.end and not groups[g].contents and cues[g].para == span.para and cues[g].sent - span.sent <= 1]
                if nxt:
                    target = min(nxt, key=lambda g: cues[g].start)
            if target is not None:
                groups[target].contents.append(span)
    del last_group
    _share_sources(groups, head)
    return [g for g in groups if g.contents]


def _share_sources(groups: list[Group], head: list[int]) -> None:
    """A sourceless cue governed by (or governing) a sourced cue shares its source ("said X, citing Y")."""
    owner: dict[int, int] = {}
    for g_index, g in enumerate(groups):
        for i in range(g.cue.start, g.cue.end):
            owner[i] = g_index
    for g_index, g in enumerate(groups):
        if g.sources or not g.contents:
            continue
        for r in _roots(g.cue, head):
            other = _climb(r, head, owner, limit=2)
            if other is not None and other != g_index and groups[other].sources and groups[other].cue.sent == g.cue.sent:
                g.sources = list(groups[other].sources)
                break


def _opens_quote(doc: Doc, span: RoleSpan) -> bool:
    return doc[span.start].text in _QUOTE_TOKENS or (span.start > 0 and doc[span.start - 1].text in _QUOTE_TOKENS)


_QUOTE_TOKENS = frozenset({'"', "“", "‘", "'", "''", "``", "«"})
