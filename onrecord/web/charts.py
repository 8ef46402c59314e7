"""Server-side SVG charts: no JavaScript, labels escaped, a <title> and a table-like legend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

# (key in the stats row, label, colour, dash) — dark colours: ≥ 4.5:1 on white; dashes so colour
# is not the only way to tell the lines apart.
SERIES = (
    ("anonymous_source_share", "Anonymous-source share", "#1d4ed8", ""),
    ("non_response_rate", "Non-response rate", "#b91c1c", "6 3"),
    ("hedged_share", "Hedged share", "#047857", "2 3"),
)
W, H = 640, 256
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 80
# A share over fewer articles than this swings from 0% to 100% on one article: its point is
# drawn hollow, and every point says its n (articles, and what the share counts) on hover.
MIN_ARTICLES = 5


def _base(row: Mapping[str, Any], key: str) -> tuple[int | None, str]:
    """What a share in ``row`` is a share of: (count, noun)."""
    if key == "anonymous_source_share":
        parts = [row.get(k) for k in ("named_sources", "anonymous_sources", "collective_sources")]
        known = [int(p) for p in parts if p is not None]
        return (sum(known) if len(known) == len(parts) else None), "sources"
    if key == "hedged_share":
        return (int(row["statements"]) if row.get("statements") is not None else None), "statements"
    return (int(row["articles"]) if row.get("articles") is not None else None), "articles"


def share_chart(rows: Sequence[Mapping[str, Any]], *, label_key: str = "month", title: str = "") -> Markup:
    """A line chart of the three shares (0–100%) over ``rows`` (``store.stats(by="month")``), oldest first."""
    rows = sorted(rows, key=lambda r: str(r.get(label_key)))
    iw, ih = W - LEFT - RIGHT, H - TOP - BOTTOM
    n = len(rows)

    def x(i: int) -> float:
        return LEFT + (iw / 2 if n == 1 else iw * i / (n - 1))

    def y(v: float) -> float:
        return TOP + ih * (1 - v)

    parts = [(f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}" '
              f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')]
    for pct in (0, 25, 50, 75, 100):
        yy = y(pct / 100)
        parts.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
                     f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" class="axis">{pct}%</text>')
    step = max(1, n // 8)
    for i, r in enumerate(rows):
        if i % step == 0 or i == n - 1:
            anchor = "middle" if n == 1 else "start" if i == 0 else "end" if i == n - 1 else "middle"
            parts.append(f'<text x="{x(i):.1f}" y="{H - BOTTOM + 16}" text-anchor="{anchor}" class="axis">'
                         f'{escape(str(r.get(label_key)))}</text>'
                         f'<text x="{x(i):.1f}" y="{H - BOTTOM + 30}" text-anchor="{anchor}" class="axis n">'
                         f'n={int(r.get("articles") or 0)}</text>')
    for li, (key, label, colour, dash) in enumerate(SERIES):
        shown = [(i, r) for i, r in enumerate(rows) if r.get(key) is not None]
        pts = [(x(i), y(float(r[key]))) for i, r in shown]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(pts) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         f'stroke-width="2.5"{dash_attr}/>')
        for (px, py), (_, r) in zip(pts, shown, strict=True):
            articles = int(r.get("articles") or 0)
            base, noun = _base(r, key)
            of = f"{base} {noun}, " if base is not None and noun != "articles" else ""
            tip = (f"{r.get(label_key)}: {label} {float(r[key]):.0%} of {of}{articles} "
                   f"article{'s' * (articles != 1)}")
            fill = "white" if articles < MIN_ARTICLES else colour
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{fill}" stroke="{colour}" '
                         f'stroke-width="1.5" data-n="{articles}"><title>{escape(tip)}</title></circle>')
        lx, ly = LEFT + (li % 3) * 200, H - 22
        parts.append(f'<line x1="{lx}" x2="{lx + 26}" y1="{ly}" y2="{ly}" stroke="{colour}" '
                     'stroke-width="2.5"'
                     f'{dash_attr}/><text x="{lx + 32}" y="{ly + 4}" class="legend">{escape(label)}</text>')
    parts.append(f'<text x="{LEFT}" y="{H - 6}" class="legend">n = articles that month; '
                 f'○ hollow: fewer than {MIN_ARTICLES} articles</text>')
    if n == 0:
        parts.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="axis">'
                     'No dated articles</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# Event statuses: colour and a shape cue, so colour is not the only way to tell them apart.
STATUS_STYLE = {
    "asserted": ("#1d4ed8", "happened, as reported"),
    "hedged": ("#b45309", "hedged (reportedly, allegedly)"),
    "negated": ("#b91c1c", "denied"),
    "future": ("#047857", "planned or threatened"),
    "hypothetical": ("#6b21a8", "hypothetical (would, could)"),
}
_OTHER = ("#374151", "other")


def timeline_chart(points: Sequence[Mapping[str, Any]], *, lane_key: str, title: str) -> Markup:
    """Reports over time: one dot per row (x: ``published``, lane: ``row[lane_key]``), coloured by
    ``status``; a hollow dot when the report rests on an anonymous source (``said_by_identity``).

    Rows without a publication date are left out of the chart (they stay in the table).
    """
    dated = sorted((p for p in points if p.get("published")), key=lambda p: str(p["published"]))
    lanes = sorted({str(p.get(lane_key) or "–") for p in dated})
    days = sorted({str(p["published"])[:10] for p in dated})
    lane_h, left, top = 26, 150, 16
    height = top + lane_h * max(1, len(lanes)) + 70
    iw = W - left - RIGHT
    parts = [(f'<svg class="chart timeline" viewBox="0 0 {W} {height}" role="img" '
              f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')]
    if not dated:
        parts.append(f'<text x="{W / 2}" y="{height / 2}" text-anchor="middle" class="axis">'
                     'No dated reports</text></svg>')
        return Markup("".join(parts))

    def x(day: str) -> float:
        return left + (iw / 2 if len(days) == 1 else iw * days.index(day) / (len(days) - 1))

    for i, lane in enumerate(lanes):
        yy = top + lane_h * i + lane_h / 2
        parts.append(f'<line x1="{left}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" class="axis">'
                     f'{escape(lane)}</text>')
    axis_y = top + lane_h * len(lanes) + 16
    for day in (days[0], days[-1]) if len(days) > 1 else (days[0],):
        parts.append(f'<text x="{x(day):.1f}" y="{axis_y}" text-anchor="middle" class="axis">{day}</text>')
    stacked: dict[tuple[str, str], int] = {}
    for p in dated:
        day, lane = str(p["published"])[:10], str(p.get(lane_key) or "–")
        n = stacked[(day, lane)] = stacked.get((day, lane), 0) + 1
        colour, meaning = STATUS_STYLE.get(str(p.get("status")), _OTHER)
        anonymous = p.get("said_by_identity") == "anonymous"
        fill = "white" if anonymous else colour
        cx, cy = x(day) + 7 * (n - 1), top + lane_h * lanes.index(lane) + lane_h / 2
        tip = f"{day} · {p.get('outlet') or ''} · {p.get('label') or ''} · {meaning}"
        if anonymous:
            tip += " · on an anonymous source's word"
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{fill}" stroke="{colour}" '
                     f'stroke-width="2"><title>{escape(tip)}</title></circle>')
    ly = axis_y + 22
    for i, (colour, meaning) in enumerate(STATUS_STYLE.values()):
        lx = 8 + (i % 3) * 210
        yy = ly + (i // 3) * 16
        parts.append(f'<circle cx="{lx + 5}" cy="{yy - 4}" r="5" fill="{colour}"/>'
                     f'<text x="{lx + 14}" y="{yy}" class="legend">{escape(meaning)}</text>')
    parts.append(f'<text x="{8 + 2 * 210}" y="{ly + 16}" class="legend">○ hollow: anonymous source</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
