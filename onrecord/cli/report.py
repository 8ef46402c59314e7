"""The readable report of ``onrecord analyze --format text``, written for a journalist."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, get_args

from onrecord.findings import ATTRIBUTIONS, SOURCES, Finding, FindingKind, kinds, resolve
from onrecord.records import ArticleRecord, Attribution, Identity, NonResponse, Source

WIDTH = 88


def _excerpt(text: str, limit: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _source_line(source: Source, statements: int) -> str:
    label = source.name or _excerpt(source.description or "", 60) or "(unnamed)"
    details: list[str] = [source.type, source.role]
    if source.count is not None:
        details.insert(0, f"count {source.count}")
    if source.affiliation:
        details.append(f"affiliation: {source.affiliation}")
    plural = "statement" if statements == 1 else "statements"
    return f"  • {label} — {', '.join(details)} — {statements} {plural}"


def _statement_line(a: Attribution, source_label: str) -> str:
    flags: list[str] = []
    if a.mode != "statement":
        flags.append(a.mode)
    if a.negated:
        flags.append("denial/negated")
    if a.hedges:
        flags.append("hedged: " + ", ".join(a.hedges))
    flag_text = f"  [{'; '.join(flags)}]" if flags else ""
    head = f"  {source_label} — {a.cue.text}{flag_text}"
    indent = " " * 6
    body = textwrap.fill(_excerpt(a.content.text, 240), WIDTH,
                         initial_indent=indent, subsequent_indent=indent)
    return f"{head}\n{body}"


def statements_section(record: ArticleRecord, found: Sequence[Attribution]) -> list[str]:
    """Every statement with its source and cue, then the hedged ones."""
    by_id = {src.id: src for src in record.sources}
    out = [f"Statements ({len(found)})"]
    for a in found:
        src = by_id.get(a.source_id or "")
        label = (src.name if src and src.name else None) or (a.source.text if a.source else "(no source)")
        out.append(_statement_line(a, _excerpt(label, 60)))
    hedged = [a for a in found if a.hedges]
    if hedged:
        out.append("")
        out.append(f"Hedged claims ({len(hedged)})")
        for a in hedged:
            out.append(f"  • [{', '.join(a.hedges)}] {_excerpt(a.content.text, 110)}")
    return out


def sources_section(record: ArticleRecord, found: Sequence[Source]) -> list[str]:
    """Sources grouped by identity, the most quoted first."""
    out: list[str] = []
    for identity in get_args(Identity):
        group = [src for src in found if src.identity == identity]
        if not group:
            continue
        out.append(f"{identity.capitalize()} sources ({len(group)})")
        for member in sorted(group, key=lambda x: -len(x.attribution_ids)):
            out.append(_source_line(member, len(member.attribution_ids)))
    return out


def non_responses_section(record: ArticleRecord, found: Sequence[NonResponse]) -> list[str]:
    out = [f"Non-responses ({len(found)})"]
    for n in found:
        actor = n.actor.text if n.actor else "(no actor named)"
        out.append(f"  • {actor} — {n.kind.replace('_', ' ')}: “{_excerpt(n.span.text, 100)}”")
    return out


def generic_section(kind: FindingKind[Any], found: Sequence[Finding]) -> list[str]:
    """The kind's title and one line per finding (its label)."""
    return [f"{kind.title} ({len(found)})", *(f"  • {_excerpt(kind.label_of(f), 110)}" for f in found)]


def render_report(record: ArticleRecord) -> str:
    """Render one record as plain text: summary, then each finding kind's section, then gaps."""
    out: list[str] = []
    title = record.title or _excerpt(record.text.strip().splitlines()[0] if record.text.strip() else "", 100)
    out.append("=" * WIDTH)
    out.append(title)
    meta = [m for m in (record.outlet, record.published, record.url) if m]
    if meta:
        out.append(" · ".join(meta))
    s = record.summary()
    out.append(
        f"{s.get('attributions', 0)} statements · {s.get('sources', 0)} sources "
        f"({s.get('named_sources', 0)} named, {s.get('anonymous_sources', 0)} anonymous, "
        f"{s.get('collective_sources', 0)} collective) · "
        f"{s.get('non_responses', 0)} non-responses · {s.get('hedged_attributions', 0)} hedged"
    )
    out.append("-" * WIDTH)
    for kind in _report_order():
        found = record.of(kind)
        if not found and kind is not ATTRIBUTIONS:  # "Statements (0)" is news; other empty kinds are not
            continue
        out.extend(resolve(kind.report)(record, found) if kind.report else generic_section(kind, found))
        out.append("")
    if record.dropped:
        out.append(f"Left out as boilerplate ({len(record.dropped)})")
        for d in record.dropped:
            out.append(f"  • {_excerpt(d.text, 100)}")
    return "\n".join(out).rstrip("\n") + "\n"


def _report_order() -> list[FindingKind[Any]]:
    """Sources first (a reader's first question is on whose word), then the record's order."""
    return sorted(kinds(), key=lambda k: k is not SOURCES)
