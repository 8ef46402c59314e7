"""The attribution whose content holds a span: the speaker of a figure, time or event."""

from __future__ import annotations

from onrecord.nlp.attributed import attribution_holding
from onrecord.records import Attribution, Span


def _att(aid: str, content: list[tuple[int, int]]) -> Attribution:
    return Attribution(aid, "indirect", "statement", Span("said", ((0, 4),)), None,
                       Span("x", tuple(content)))


def test_inside_outside_and_nested() -> None:
    outer = _att("A1", [(10, 100)])
    inner = _att("A2", [(20, 40)])
    split = _att("A3", [(200, 220), (240, 260)])
    atts = [outer, inner, split]
    assert attribution_holding(atts, 25, 30) == "A2"  # the narrowest content wins
    assert attribution_holding(atts, 50, 60) == "A1"
    assert attribution_holding(atts, 245, 250) == "A3"  # the second fragment
    assert attribution_holding(atts, 215, 245) is None  # across the gap: the reporter's words
    assert attribution_holding(atts, 5, 12) is None  # partly outside
    assert attribution_holding([], 0, 1) is None
