"""Attribution scores: exact (strict and trimmed), lenient, and token overlap per role.

The definitions follow the PolNeAR scoring conventions used by the project's evaluation:

- tokens are ``\\w+|[^\\w\\s]``; a span set *touches* a token when it covers one of its
  characters;
- ``strict`` compares covered character positions; ``trimmed`` compares the word tokens
  touched (punctuation and whitespace forgiven), falling back to non-space characters for a
  span set with no word token (a ":" cue);
- exact and lenient scores count a maximum one-to-one matching per document; a source or
  content only counts when its cue shares a token with the gold cue;
- lenient: cues share a token, sources share a token (or both are empty), contents share a
  token.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from onrecord.evaluation.matching import max_matching

ROLES = ("cue", "source", "content")
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
Spans = list[tuple[int, int]]


@dataclass
class Counts:
    """True positives, predictions and gold items for one row of the table."""

    tp: float = 0
    pred: float = 0
    gold: float = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class AttributionScores:
    """Every row of the attribution table, plus whether each prediction matched (lenient)."""

    rows: dict[str, Counts] = field(default_factory=dict)
    matched_flags: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, lenient match)

    def row(self, name: str) -> Counts:
        return self.rows.setdefault(name, Counts())

    def calibration(
        self, edges: Sequence[float] = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)
    ) -> list[tuple[str, int, float]]:
        """Precision of predictions per confidence bucket: (bucket, count, precision)."""
        out = []
        for lo, hi in itertools.pairwise(edges):
            inside = [m for c, m in self.matched_flags if lo <= c < hi]
            prec = sum(inside) / len(inside) if inside else 0.0
            out.append((f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", len(inside), prec))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            name: {"p": c.precision, "r": c.recall, "f1": c.f1, "tp": c.tp, "pred": c.pred, "gold": c.gold}
            for name, c in self.rows.items()
        }


class _TokenIndex:
    """Token index of one text, to turn span sets into comparable forms."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tok_of_char = [-1] * len(text)
        self.is_word: list[bool] = []
        for k, m in enumerate(TOKEN_RE.finditer(text)):
            for i in range(m.start(), m.end()):
                self.tok_of_char[i] = k
            self.is_word.append(m.group()[0].isalnum() or m.group()[0] == "_")

    def chars(self, spans: Spans) -> frozenset[int]:
        return frozenset(i for s, e in spans for i in range(s, e))

    def tokens(self, spans: Spans) -> frozenset[int]:
        return frozenset(t for i in self.chars(spans) if (t := self.tok_of_char[i]) >= 0)

    def trimmed(self, spans: Spans) -> frozenset[Any]:
        words = frozenset(t for t in self.tokens(spans) if self.is_word[t])
        if words:
            return words
        return frozenset(("c", i) for i in self.chars(spans) if not self.text[i].isspace())


def _spans_of(value: Any) -> Spans:
    """Accept {"text", "spans"}, a bare list of [s, e], or None."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("spans") or []
    return [(int(s), int(e)) for s, e in value if int(e) > int(s)]


def _prepared(index: _TokenIndex, attrs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for a in attrs:
        item: dict[str, Any] = {"confidence": float(a.get("confidence", 1.0))}
        for role in ROLES:
            spans = _spans_of(a.get(role))
            item[role] = {
                "strict": index.chars(spans), "trimmed": index.trimmed(spans), "tok": index.tokens(spans)
            }
        out.append(item)
    return out


def _match_count(pred: list[dict[str, Any]], gold: list[dict[str, Any]], edge: Any) -> tuple[int, list[int]]:
    edges = [[j for j, g in enumerate(gold) if edge(p, g)] for p in pred]
    match = max_matching(edges, len(gold))
    return sum(m >= 0 for m in match), match


def score_attributions(
    pairs: Iterable[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]],
) -> AttributionScores:
    """Score (text, gold attributions, predicted attributions) triples, one per document."""
    scores = AttributionScores()
    for text, gold_raw, pred_raw in pairs:
        index = _TokenIndex(text)
        gold, pred = _prepared(index, gold_raw), _prepared(index, pred_raw)

        def linked(p: dict[str, Any], g: dict[str, Any]) -> bool:
            return bool(p["cue"]["tok"] & g["cue"]["tok"])

        for form in ("strict", "trimmed"):
            tests = {
                "cue": lambda p, g, f=form: p["cue"][f] == g["cue"][f],
                "source": lambda p, g, f=form: linked(p, g) and p["source"][f] == g["source"][f],
                "content": lambda p, g, f=form: linked(p, g) and p["content"][f] == g["content"][f],
                "attribution": lambda p, g, f=form: all(p[r][f] == g[r][f] for r in ROLES),
            }
            for unit, test in tests.items():
                tp, _ = _match_count(pred, gold, test)
                row = scores.row(f"{unit} exact {form}")
                row.tp += tp
                row.pred += len(pred)
                row.gold += len(gold)

        def lenient(p: dict[str, Any], g: dict[str, Any]) -> bool:
            no_sources = not p["source"]["tok"] and not g["source"]["tok"]
            sources = no_sources or bool(p["source"]["tok"] & g["source"]["tok"])
            return linked(p, g) and sources and bool(p["content"]["tok"] & g["content"]["tok"])

        tp, match = _match_count(pred, gold, lenient)
        row = scores.row("attribution lenient")
        row.tp += tp
        row.pred += len(pred)
        row.gold += len(gold)
        scores.matched_flags.extend((p["confidence"], m >= 0) for p, m in zip(pred, match, strict=True))

        for role in ROLES:
            ptok = frozenset().union(*(p[role]["tok"] for p in pred)) if pred else frozenset()
            gtok = frozenset().union(*(g[role]["tok"] for g in gold)) if gold else frozenset()
            row = scores.row(f"{role} overlap token")
            row.tp += len(ptok & gtok)
            row.pred += len(ptok)
            row.gold += len(gtok)
    return scores


ROW_ORDER = (
    "cue exact strict", "cue exact trimmed", "cue overlap token",
    "source exact strict", "source exact trimmed", "source overlap token",
    "content exact strict", "content exact trimmed", "content overlap token",
    "attribution exact strict", "attribution exact trimmed", "attribution lenient",
)


def format_table(scores: AttributionScores) -> str:
    """The scores as a plain-text table (P, R, F1 in percent)."""
    lines = [f"{'unit':<28}{'P':>8}{'R':>8}{'F1':>8}"]
    for name in ROW_ORDER:
        c = scores.rows.get(name, Counts())
        lines.append(f"{name:<28}{100 * c.precision:8.1f}{100 * c.recall:8.1f}{100 * c.f1:8.1f}")
    return "\n".join(lines)
