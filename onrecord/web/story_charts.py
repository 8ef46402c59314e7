"""Server-side SVG for the story page: the timeline of a story's articles and its provenance graph.

No JavaScript and nothing from a CDN, like ``charts.py``: every label and tooltip from the store
is escaped, each article is a link to its x-ray, and colour is never the only signal (each role
has its own shape, each relation its own dash). Articles without a publication date are left
out of the timeline (the page lists them) and drawn at the right end of the graph.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from onrecord.stories.members import timestamp

W = 760
LEFT, RIGHT, TOP = 170, 24, 16
LANE_H = 30
MAX_DRAWN = 300  # articles one chart draws (the earliest); the page says when there are more

# role -> (label, colour, shape): dark colours (≥ 4.5:1 on white), a shape each.
ROLE_STYLE = {
    "first_report": ("first report", "#047857", "star"),
    "independent": ("independent report", "#1d4ed8", "circle"),
    "credited": ("credited re-report", "#b45309", "triangle"),
    "copy": ("copy", "#4b5563", "square"),
}
_OTHER_ROLE = ("other", "#374151", "circle")
# relation type -> (label, colour, dash)
RELATION_STYLE = {
    "copy_of": ("copies", "#4b5563", ""),
    "cites": ("credits", "#b45309", "7 4"),
    "follows_up": ("follows up", "#047857", "2 4"),
}


def role_label(role: str | None) -> str:
    """How the page names a role: "copy", "credited re-report", "independent report", …"""
    return ROLE_STYLE.get(str(role), _OTHER_ROLE)[0]


def _shape(shape: str, cx: float, cy: float, r: float, colour: str) -> str:
    """One marker: filled for reports of their own, hollow for copies and credited re-reports."""
    hollow = shape in ("square", "triangle")
    paint = f'fill="{"white" if hollow else colour}" stroke="{colour}" stroke-width="2"'
    if shape == "square":
        return f'<rect x="{cx - r:.1f}" y="{cy - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {paint}/>'
    if shape == "triangle":
        pts = f"{cx:.1f},{cy - r - 1:.1f} {cx + r + 1:.1f},{cy + r:.1f} {cx - r - 1:.1f},{cy + r:.1f}"
        return f'<polygon points="{pts}" {paint}/>'
    if shape == "star":
        pts = " ".join(f"{cx + (r + 2 if i % 2 == 0 else r / 2) * math.sin(i * math.pi / 5):.1f},"
                       f"{cy - (r + 2 if i % 2 == 0 else r / 2) * math.cos(i * math.pi / 5):.1f}"
                       for i in range(10))
        return f'<polygon points="{pts}" {paint}/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" {paint}/>'


def _when(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _short(text: object, n: int = 20) -> str:
    value = str(text or "–")
    return value if len(value) <= n else value[: n - 1] + "…"


def _link(article_id: str, inner: str, tip: str) -> str:
    href = f"/articles/{quote(article_id, safe='')}"
    return f'<a href="{escape(href)}" class="node" data-article="{escape(article_id)}">' \
           f'<title>{escape(tip)}</title>{inner}</a>'


def _tip(a: Mapping[str, Any]) -> str:
    return (f"{a.get('published') or 'undated'} · {a.get('outlet') or 'unknown outlet'} · "
            f"{role_label(a.get('role'))} · {a.get('title') or a.get('article_id')}")


def _role_legend(y: float) -> list[str]:
    parts = []
    for i, (label, colour, shape) in enumerate(ROLE_STYLE.values()):
        lx = 12 + i * 180
        parts.append(_shape(shape, lx + 6, y - 4, 5, colour) +
                     f'<text x="{lx + 16}" y="{y}" class="legend">{escape(label)}</text>')
    return parts


def story_timeline(articles: Sequence[Mapping[str, Any]], *, title: str) -> Markup:
    """The story's articles by outlet (one lane each, in order of first appearance) and time.

    ``articles``: ``store.story_part("articles", …)`` rows (article_id, outlet, published, title,
    role). Markers: a star for the first report, a filled circle for an independent report, a
    hollow triangle for a credited re-report, a hollow square for a copy.
    """
    stamped = ((timestamp(a.get("published")), a) for a in articles[:MAX_DRAWN])
    dated = sorted(((ts, a) for ts, a in stamped if ts is not None),
                   key=lambda p: (p[0], str(p[1].get("article_id"))))
    lanes = list(dict.fromkeys(str(a.get("outlet") or "–") for _, a in dated))
    height = TOP + LANE_H * max(1, len(lanes)) + 64
    parts = [f'<svg class="chart story-timeline" viewBox="0 0 {W} {height}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    if not dated:
        parts.append(f'<text x="{W / 2}" y="{height / 2}" text-anchor="middle" class="axis">'
                     'No dated articles</text></svg>')
        return Markup("".join(parts))
    t0, t1 = dated[0][0], dated[-1][0]
    pad = 14  # keeps the first and last marks off the lane labels and the edge
    iw = W - LEFT - RIGHT - 2 * pad

    def x(ts: float) -> float:
        return LEFT + pad + (iw / 2 if t1 == t0 else iw * (ts - t0) / (t1 - t0))

    for i, lane in enumerate(lanes):
        yy = TOP + LANE_H * i + LANE_H / 2
        parts.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
                     f'<text x="{LEFT - 8}" y="{yy + 4:.1f}" text-anchor="end" class="axis">'
                     f'<title>{escape(lane)}</title>{escape(_short(lane))}</text>')
    axis_y = TOP + LANE_H * len(lanes) + 16
    ticks = [t0] if t1 == t0 else [t0, t0 + (t1 - t0) / 2, t1]
    for k, ts in enumerate(ticks):
        anchor = "middle" if len(ticks) == 1 else ("start", "middle", "end")[k]
        parts.append(f'<text x="{x(ts):.1f}" y="{axis_y}" text-anchor="{anchor}" class="axis">'
                     f'{_when(ts)}</text>')
    seen: dict[tuple[int, int], int] = {}
    for ts, a in dated:
        row = lanes.index(str(a.get("outlet") or "–"))
        cx = x(ts)
        n = seen[(row, round(cx))] = seen.get((row, round(cx)), 0) + 1  # same time and outlet: side by side
        cy = TOP + LANE_H * row + LANE_H / 2
        _, colour, shape = ROLE_STYLE.get(str(a.get("role")), _OTHER_ROLE)
        marker = _shape(shape, cx + 9 * (n - 1), cy, 6, colour)
        parts.append(_link(str(a["article_id"]), marker, _tip(a)))
    parts += _role_legend(axis_y + 30)
    parts.append("</svg>")
    return Markup("".join(parts))


def provenance_graph(articles: Sequence[Mapping[str, Any]], relations: Sequence[Mapping[str, Any]], *,
                     title: str) -> Markup:
    """Articles as nodes (left to right in time order, one row per outlet) and their relations as
    arrows from the later article to the one it copies, credits or follows up."""
    shown = list(articles[:MAX_DRAWN])
    ordered = sorted(shown, key=lambda a: (timestamp(a.get("published")) is None,
                                           timestamp(a.get("published")) or 0.0, str(a.get("article_id"))))
    lanes = list(dict.fromkeys(str(a.get("outlet") or "–") for a in ordered))
    height = TOP + LANE_H * 1.6 * max(1, len(lanes)) + 54
    iw = W - LEFT - RIGHT
    n = len(ordered)
    pos: dict[str, tuple[float, float]] = {}
    for i, a in enumerate(ordered):
        px = LEFT + (iw / 2 if n == 1 else iw * i / (n - 1))
        py = TOP + LANE_H * 1.6 * lanes.index(str(a.get("outlet") or "–")) + LANE_H * 0.8
        pos[str(a["article_id"])] = (px, py)
    parts = [f'<svg class="chart provenance" viewBox="0 0 {W} {height:.0f}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             "<defs>"]
    for rtype, (_, colour, _) in RELATION_STYLE.items():
        parts.append(f'<marker id="arrow-{rtype}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
                     f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
                     f'fill="{colour}"/></marker>')
    parts.append("</defs>")
    if not ordered:
        parts.append(f'<text x="{W / 2}" y="{height / 2}" text-anchor="middle" class="axis">'
                     'No articles</text>')
    for i, lane in enumerate(lanes):
        yy = TOP + LANE_H * 1.6 * i + LANE_H * 0.8
        parts.append(f'<text x="{LEFT - 14}" y="{yy + 4:.1f}" text-anchor="end" class="axis">'
                     f'<title>{escape(lane)}</title>{escape(_short(lane))}</text>')
    for r in relations:
        source, target = str(r.get("article_id")), r.get("target_id")
        if source not in pos or target is None or str(target) not in pos:
            continue
        (x1, y1), (x2, y2) = pos[source], pos[str(target)]
        rtype = str(r.get("type"))
        label, colour, dash = RELATION_STYLE.get(rtype, ("related", "#374151", ""))
        arrow = f' marker-end="url(#arrow-{rtype})"' if rtype in RELATION_STYLE else ""
        # a curve bowed to one side of the line (so edges into one article fan out), ending at the
        # target's edge; on one row, leftward edges bow upward
        dx, dy = x2 - x1, y2 - y1
        span = max(1.0, (dx * dx + dy * dy) ** 0.5)
        bow = min(0.3 * span, 60.0)
        mx, my = (x1 + x2) / 2 - dy / span * bow, (y1 + y2) / 2 + dx / span * bow
        length = max(1.0, ((x2 - mx) ** 2 + (y2 - my) ** 2) ** 0.5)
        ex, ey = x2 - 9 * (x2 - mx) / length, y2 - 9 * (y2 - my) / length
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        tip = f"{source} {label} {target}"
        parts.append(f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" fill="none" '
                     f'stroke="{colour}" stroke-width="2"{dash_attr}{arrow} class="edge" '
                     f'data-type="{escape(rtype)}"><title>{escape(tip)}</title></path>')
    for a in ordered:
        px, py = pos[str(a["article_id"])]
        _, colour, shape = ROLE_STYLE.get(str(a.get("role")), _OTHER_ROLE)
        parts.append(_link(str(a["article_id"]), _shape(shape, px, py, 7, colour), _tip(a)))
    ly = height - 30
    for i, (label, colour, dash) in enumerate(RELATION_STYLE.values()):
        lx = 12 + i * 180
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" x2="{lx + 30}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
                     f'stroke-width="2"{dash_attr}/><text x="{lx + 36}" y="{ly}" class="legend">'
                     f'{escape(label)}</text>')
    parts += _role_legend(ly + 20)
    parts.append("</svg>")
    return Markup("".join(parts))
