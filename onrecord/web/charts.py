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
W, H = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 64


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
                         f'{escape(str(r.get(label_key)))}</text>')
    for li, (key, label, colour, dash) in enumerate(SERIES):
        pts = [(x(i), y(float(r[key]))) for i, r in enumerate(rows) if r.get(key) is not None]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(pts) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         f'stroke-width="2.5"{dash_attr}/>')
        for px, py in pts:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>')
        lx, ly = LEFT + (li % 3) * 200, H - 22
        parts.append(f'<line x1="{lx}" x2="{lx + 26}" y1="{ly}" y2="{ly}" stroke="{colour}" '
                     'stroke-width="2.5"'
                     f'{dash_attr}/><text x="{lx + 32}" y="{ly + 4}" class="legend">{escape(label)}</text>')
    if n == 0:
        parts.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="axis">'
                     'No dated articles</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
