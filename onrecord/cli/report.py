"""The readable report of ``onrecord analyze --format text``, written for a journalist."""

from __future__ import annotations

import textwrap

from onrecord.records import ArticleRecord, Attribution, Source

_GROUPS = (("named", "Named sources"), ("anonymous", "Anonymous sources"), ("collective", "Collective sources"))
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
    body = textwrap.fill(_excerpt(a.content.text, 240), WIDTH, initial_indent="      ", subsequent_indent="      ")
    return f"{head}\n{body}"


def render_report(record: ArticleRecord) -> str:
    """Render one record as plain text: summary, sources by identity, statements, gaps."""
    out: list[str] = []
    title = record.title or _excerpt(record.text.strip().splitlines()[0] if record.text.strip() else "", 100)
    out.append("=" * WIDTH)
    out.append(title)
    meta = [m for m in (record.outlet, record.published, record.url) if m]
    if meta:
        out.append(" · ".join(meta))
    s = record.summary()
    out.append(
        f"{s['attributions']} statements · {s['sources']} sources "
        f"({s['named_sources']} named, {s['anonymous_sources']} anonymous, {s['collective_sources']} collective) · "
        f"{s['non_responses']} non-responses · {s['hedged_attributions']} hedged"
    )
    out.append("-" * WIDTH)
    by_id = {src.id: src for src in record.sources}
    for identity, heading in _GROUPS:
        group = [src for src in record.sources if src.identity == identity]
        if not group:
            continue
        out.append(f"{heading} ({len(group)})")
        for member in sorted(group, key=lambda x: -len(x.attribution_ids)):
            out.append(_source_line(member, len(member.attribution_ids)))
    out.append("")
    out.append(f"Statements ({len(record.attributions)})")
    for a in record.attributions:
        src = by_id.get(a.source_id or "")
        label = (src.name if src and src.name else None) or (a.source.text if a.source else "(no source)")
        out.append(_statement_line(a, _excerpt(label, 60)))
    if record.non_responses:
        out.append("")
        out.append(f"Non-responses ({len(record.non_responses)})")
        for n in record.non_responses:
            actor = n.actor.text if n.actor else "(no actor named)"
            out.append(f"  • {actor} — {n.kind.replace('_', ' ')}: “{_excerpt(n.span.text, 100)}”")
    hedged = [a for a in record.attributions if a.hedges]
    if hedged:
        out.append("")
        out.append(f"Hedged claims ({len(hedged)})")
        for a in hedged:
            out.append(f"  • [{', '.join(a.hedges)}] {_excerpt(a.content.text, 110)}")
    if record.dropped:
        out.append("")
        out.append(f"Left out as boilerplate ({len(record.dropped)})")
        for d in record.dropped:
            out.append(f"  • {_excerpt(d.text, 100)}")
    return "\n".join(out) + "\n"
