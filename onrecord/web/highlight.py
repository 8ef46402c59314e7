"""Highlighted HTML built on the server from escaped text.

The article text is split at every span boundary; each piece is escaped with
``markupsafe.escape`` and wrapped in ``<span>`` elements for the marks covering it, so
overlapping and nested spans (a content span containing a source mention) always give
well-formed HTML and every character of the text appears exactly once, in order. Class
names are ours; attribute values come from the record and are escaped too. Only these
functions and ``charts.py`` (SVG with escaped labels) build ``Markup`` in the web UI.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from onrecord.findings import DROPPED_LAYER, Finding, FindingKind, Layer, kinds, resolve
from onrecord.records import ArticleRecord, Attribution, Event, NonResponse, Source


def layers() -> tuple[Layer, ...]:
    """Every x-ray layer, outermost first: the dropped lines, then each finding kind's layers.

    Nesting follows ``Layer.depth``: a segment inside dropped text, a content span and a source
    mention gets <span dropped><span content><span source>…</span></span></span>.
    """
    declared = [DROPPED_LAYER, *(layer for kind in kinds() for layer in kind.layers)]
    return tuple(sorted(declared, key=lambda layer: layer.depth))


_ATTR_NAME = re.compile(r"^data-[a-z][a-z0-9-]*$")
_CORE_CSS = frozenset({"dropped", "nonresp", "content", "hedge", "source", "cue", "event"})  # in app.css


def layer_class(name: str) -> str:
    """The CSS classes of a layer's marks: a layer without a rule of its own gets ``hl-finding``."""
    return f"hl hl-{name}" + ("" if name in _CORE_CSS else " hl-finding")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted stretch ``[start, end)`` of the text."""

    start: int
    end: int
    kind: str  # a layer name (``layers()``): becomes the class "hl hl-<kind>"
    data: tuple[tuple[str, str], ...] = ()  # data-* attributes, e.g. (("data-source", "S1"),)
    title: str | None = None  # tooltip


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` wrapped in spans; offsets are clamped to the text."""
    order = {layer.name: i for i, layer in enumerate(layers())}
    n = len(text)
    kept: list[Mark] = []
    for m in marks:
        if m.kind not in order:
            raise ValueError(f"unknown mark kind {m.kind!r}")
        s, e = max(0, min(n, m.start)), max(0, min(n, m.end))
        if e > s:
            kept.append(Mark(s, e, m.kind, m.data, m.title))
    bounds = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    # One sweep over the sorted boundaries (it used to test every mark for every piece: 45 s for
    # 10,000 statements). A mark covers piece [a, b) when start <= a < end; the active marks are
    # kept in nesting order (layer, start, longest first, then given order), as sorted before.
    keys = sorted(range(len(kept)), key=lambda i: (order[kept[i].kind], kept[i].start, -kept[i].end, i))
    rank = {i: r for r, i in enumerate(keys)}
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i, m in enumerate(kept):
        starting.setdefault(m.start, []).append(rank[i])
        ending.setdefault(m.end, []).append(rank[i])
    opened = {rank[i]: (_open(m, first=True), _open(m, first=False)) for i, m in enumerate(kept)}
    active: list[int] = []  # ranks of the marks covering the current piece, in nesting order
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        for r in ending.get(a, ()):
            del active[bisect.bisect_left(active, r)]
        fresh = starting.get(a, ())
        for r in fresh:
            bisect.insort(active, r)
        new = set(fresh)
        opening = "".join(opened[r][0] if r in new else opened[r][1] for r in active)
        out.append(opening + str(escape(text[a:b])) + "</span>" * len(active))
    return Markup("".join(out))


def _open(m: Mark, *, first: bool) -> str:
    classes = layer_class(m.kind) + (" hl-start" if first else "")
    attrs = [f'class="{classes}"']
    for name, value in m.data:
        if not _ATTR_NAME.match(name):
            raise ValueError(f"bad attribute name {name!r}")
        attrs.append(f'{name}="{escape(value)}"')
    if m.title:
        attrs.append(f'title="{escape(m.title)}"')
    return "<span " + " ".join(attrs) + ">"


def record_marks(record: ArticleRecord) -> list[Mark]:
    """Marks for every finding kind of a record (each kind's ``marks`` hook), and its dropped lines."""
    marks: list[Mark] = []
    for kind in kinds():
        found = record.of(kind)
        if found and kind.layers:
            marks.extend(resolve(kind.marks)(record, found) if kind.marks else generic_marks(kind, found))
    for d in record.dropped:
        for s, e in d.spans:
            marks.append(Mark(s, e, DROPPED_LAYER.name, (), f"Dropped as boilerplate ({d.reason})"))
    return marks


def generic_marks(kind: FindingKind[Any], found: Sequence[Finding]) -> Iterator[Mark]:
    """One mark per span of each finding, on the kind's first layer, titled with its label."""
    layer = kind.layers[0]
    for finding in found:
        plain = finding.to_dict()
        title = f"{kind.title}: {kind.label_of(finding)}"
        data = (("data-finding", str(plain["id"])),) if plain.get("id") else ()
        for s, e in _pairs(plain.get("spans") or ()):
            yield Mark(s, e, layer.name, data, title)


def _source_names(record: ArticleRecord) -> dict[str, str]:
    return {s.id: s.name or s.description or s.identity or "source" for s in record.sources}


def attribution_marks(record: ArticleRecord, found: Sequence[Attribution]) -> Iterator[Mark]:
    """Each statement's content, hedge words and cue (its source is drawn by ``source_marks``)."""
    names = _source_names(record)
    for att in found:
        sid = att.source_id
        data: tuple[tuple[str, str], ...] = (("data-attr", att.id),)
        if sid:
            data += (("data-source", sid),)
        who = names.get(sid or "", att.source.text if att.source else "no source")
        title = f"Said by {who}" + (f" (hedged: {', '.join(att.hedges)})" if att.hedges else "")
        every = [*att.content.spans, *att.cue.spans, *(att.source.spans if att.source else ())]
        for s, e in att.content.spans:
            yield Mark(s, e, "content", data, title)
        if att.hedges and every:  # hedges carry no offsets: find the words within the statement's reach
            start, end = min(p[0] for p in every), max(p[1] for p in every)
            yield from _hedge_marks(record.text, start, end, att.hedges)
        for s, e in att.cue.spans:
            yield Mark(s, e, "cue", data, f"Cue ({att.kind}, {att.mode})")


def source_marks(record: ArticleRecord, found: Sequence[Source]) -> Iterator[Mark]:
    """Every source span of a statement and every mention of a source, once each."""
    names = _source_names(record)
    seen: set[tuple[int, int, str]] = set()
    spans = [(s, e, a.source_id) for a in record.attributions if a.source for s, e in a.source.spans]
    spans += [(s, e, src.id) for src in found for s, e in src.mentions]
    for s, e, sid in spans:
        if (s, e, sid or "") in seen:
            continue
        seen.add((s, e, sid or ""))
        data = (("data-source", sid),) if sid else ()
        yield Mark(s, e, "source", data, f"Source: {names.get(sid or '', 'unlinked')}")


def non_response_marks(record: ArticleRecord, found: Sequence[NonResponse]) -> Iterator[Mark]:
    for nr in found:
        for s, e in nr.span.spans:
            title = f"Non-response: {nr.kind.replace('_', ' ')}"
            yield Mark(s, e, "nonresp", (("data-kind", nr.kind),), title)


_STATUS_WORDS = {"asserted": "reported as done", "hedged": "hedged", "negated": "denied or not done",
                 "future": "planned or threatened", "hypothetical": "hypothetical"}


def event_marks(record: ArticleRecord, found: Sequence[Event]) -> Iterator[Mark]:
    """Each event's trigger, marked by status (``data-status``) and tied to the attribution that
    says it happened (``data-attr``, ``data-source``), so picking a source lights its events too."""
    names = _source_names(record)
    said = {a.id: a for a in record.attributions}
    for ev in found:
        data: tuple[tuple[str, str], ...] = (("data-status", ev.status),)
        att = said.get(ev.attribution_id or "")
        if att is not None:
            data += (("data-attr", att.id),)
            if att.source_id:
                data += (("data-source", att.source_id),)
            who = names.get(att.source_id or "", att.source.text if att.source else "an unnamed source")
            voice = f"said by {who}"
        else:
            voice = "in the reporter's own words"
        mode = f", {ev.mode}" if ev.mode else ""
        title = f"Event: {ev.event_type}{mode}, {_STATUS_WORDS.get(ev.status, ev.status)}; {voice}"
        for s, e in ev.trigger.spans:
            yield Mark(s, e, "event", data, title)


def _hedge_marks(text: str, start: int, end: int, hedges: Sequence[str]) -> list[Mark]:
    """The hedge words found as whole words within ``[start, end)``."""
    out: list[Mark] = []
    for h in hedges:
        if not h.strip():
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(h) + r"(?!\w)", text[start:end], flags=re.IGNORECASE):
            out.append(Mark(start + m.start(), start + m.end(), "hedge", (), f"Hedge: {h}"))
    return out


def _pairs(spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    return [(int(p[0]), int(p[1])) for p in spans]


def record_html(record: ArticleRecord) -> Markup:
    """The record's text with every source, cue, content, hedge, non-response and dropped line marked."""
    return highlight(record.text, record_marks(record))


# Highlights one x-ray page draws at most: about 2,000 statements (a long real article has a few
# hundred). Beyond that the page is megabytes of spans a reader cannot use; the JSON has them all.
MAX_XRAY_MARKS = 6_000


@dataclass(frozen=True, slots=True)
class Capped:
    """An x-ray that shows only its first highlights."""

    shown: int  # highlights drawn
    total: int  # highlights the record has
    until: int  # the character offset where the drawn highlights stop


def xray_html(record: ArticleRecord, max_marks: int = MAX_XRAY_MARKS) -> tuple[Markup, Capped | None]:
    """``record_html``, drawing only the highlights that start before the ``max_marks``-th one.

    Returns the HTML and, when highlights were left out, how many and from where; the whole
    text is always shown.
    """
    marks = record_marks(record)
    if len(marks) <= max_marks:
        return highlight(record.text, marks), None
    starts = sorted(m.start for m in marks)
    until = starts[max_marks]
    kept = [m for m in marks if m.start < until]
    return highlight(record.text, kept), Capped(len(kept), len(marks), until)


def snippet_html(snippet: str | None, start: str = "[", end: str = "]") -> Markup:
    """A search snippet with the store's ``[match]`` brackets turned into ``<mark>``, the rest escaped.

    Brackets that do not pair up (the article's own) stay as text, so the HTML is always
    well-formed.
    """
    out: list[str] = []
    open_ = False
    buf: list[str] = []
    for ch in snippet or "":
        if ch == start and not open_:
            out.append(str(escape("".join(buf))) + "<mark>")
            buf, open_ = [], True
        elif ch == end and open_:
            out.append(str(escape("".join(buf))) + "</mark>")
            buf, open_ = [], False
        else:
            buf.append(ch)
    out.append(str(escape("".join(buf))))
    if open_:
        out.append("</mark>")
    return Markup("".join(out))
