"""Highlighted HTML built on the server from escaped text.

The article text is split at every span boundary; each piece is escaped with
``markupsafe.escape`` and wrapped in ``<span>`` elements for the marks covering it, so
overlapping and nested spans (a content span containing a source mention) always give
well-formed HTML and every character of the text appears exactly once, in order. Class
names are ours; attribute values come from the record and are escaped too. These
functions are the only place in the web UI that builds ``Markup``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Nesting order, outermost first: a segment inside dropped text, a content span and a source
# mention gets <span dropped><span content><span source>…</span></span></span>.
KINDS = ("dropped", "nonresp", "content", "hedge", "source", "cue")
_ORDER = {k: i for i, k in enumerate(KINDS)}
_ATTR_NAME = re.compile(r"^data-[a-z][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted stretch ``[start, end)`` of the text."""

    start: int
    end: int
    kind: str  # one of KINDS: becomes the class "hl hl-<kind>"
    data: tuple[tuple[str, str], ...] = ()  # data-* attributes, e.g. (("data-source", "S1"),)
    title: str | None = None  # tooltip


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` wrapped in spans; offsets are clamped to the text."""
    n = len(text)
    kept: list[Mark] = []
    for m in marks:
        if m.kind not in _ORDER:
            raise ValueError(f"unknown mark kind {m.kind!r}")
        s, e = max(0, min(n, m.start)), max(0, min(n, m.end))
        if e > s:
            kept.append(Mark(s, e, m.kind, m.data, m.title))
    bounds = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    kept.sort(key=lambda m: (_ORDER[m.kind], m.start, -m.end))
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        piece = str(escape(text[a:b]))
        active = [m for m in kept if m.start <= a and m.end >= b]
        opening = "".join(_open(m, first=m.start == a) for m in active)
        out.append(opening + piece + "</span>" * len(active))
    return Markup("".join(out))


def _open(m: Mark, *, first: bool) -> str:
    classes = f"hl hl-{m.kind}" + (" hl-start" if first else "")
    attrs = [f'class="{classes}"']
    for name, value in m.data:
        if not _ATTR_NAME.match(name):
            raise ValueError(f"bad attribute name {name!r}")
        attrs.append(f'{name}="{escape(value)}"')
    if m.title:
        attrs.append(f'title="{escape(m.title)}"')
    return "<span " + " ".join(attrs) + ">"


def record_marks(record: Mapping[str, Any]) -> list[Mark]:
    """Marks for a record in its JSON form (``ArticleRecord.to_dict()`` or the stored ``record``)."""
    marks: list[Mark] = []
    names = {s["id"]: _source_label(s) for s in record.get("sources") or ()}
    seen_sources: set[tuple[int, int, str]] = set()

    def source_mark(s: int, e: int, sid: str | None) -> None:
        key = (s, e, sid or "")
        if key in seen_sources:
            return
        seen_sources.add(key)
        data = (("data-source", sid),) if sid else ()
        marks.append(Mark(s, e, "source", data, f"Source: {names.get(sid or '', 'unlinked')}"))

    for att in record.get("attributions") or ():
        sid = att.get("source_id")
        data: tuple[tuple[str, str], ...] = (("data-attr", str(att["id"])),)
        if sid:
            data += (("data-source", str(sid)),)
        who = names.get(sid or "", (att.get("source") or {}).get("text") or "no source")
        hedges = [str(h) for h in att.get("hedges") or ()]
        title = f"Said by {who}" + (f" (hedged: {', '.join(hedges)})" if hedges else "")
        every = _pairs(att["content"]["spans"]) + _pairs(att["cue"]["spans"])
        if att.get("source"):
            every += _pairs(att["source"]["spans"])
        for s, e in _pairs(att["content"]["spans"]):
            marks.append(Mark(s, e, "content", data, title))
        if hedges and every:  # hedges carry no offsets: find the words within the statement's reach
            marks.extend(_hedge_marks(str(record["text"]), min(p[0] for p in every), max(p[1] for p in every), hedges))
        for s, e in _pairs(att["cue"]["spans"]):
            marks.append(Mark(s, e, "cue", data, f"Cue ({att.get('kind')}, {att.get('mode')})"))
        if att.get("source"):
            for s, e in _pairs(att["source"]["spans"]):
                source_mark(s, e, sid)
    for src in record.get("sources") or ():
        for s, e in _pairs(src.get("mentions") or ()):
            source_mark(s, e, str(src["id"]))
    for nr in record.get("non_responses") or ():
        for s, e in _pairs(nr.get("spans") or ()):
            marks.append(Mark(s, e, "nonresp", (("data-kind", str(nr.get("kind"))),),
                              f"Non-response: {str(nr.get('kind', '')).replace('_', ' ')}"))
    for d in record.get("dropped") or ():
        for s, e in _pairs(d.get("spans") or ()):
            marks.append(Mark(s, e, "dropped", (), f"Dropped as boilerplate ({d.get('reason')})"))
    return marks


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


def _source_label(src: Mapping[str, Any]) -> str:
    return str(src.get("name") or src.get("description") or src.get("identity") or "source")


def record_html(record: Mapping[str, Any]) -> Markup:
    """The record's text with every source, cue, content, hedge, non-response and dropped line marked."""
    return highlight(str(record.get("text") or ""), record_marks(record))


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
