"""Our attribution scorer: the counting rules that ``onrecord evaluate`` relies on."""

from __future__ import annotations

from onrecord.evaluation.attributions import AttributionScores, score_attributions
from onrecord.evaluation.matching import max_matching

TEXT = 'Jane Doe said "the bridge is safe." Officials warned that prices could rise.'
#       0123456789012345678901234567890123456789012345678901234567890123456789012345
GOLD = [
    {"source": [[0, 8]], "cue": [[9, 13]], "content": [[14, 34]]},
    {"source": [[35, 44]], "cue": [[45, 51]], "content": [[52, 75]]},
]


def f1(scores: AttributionScores, row: str) -> float:
    return round(scores.rows[row].f1, 6)


def test_perfect_and_empty() -> None:
    s = score_attributions([(TEXT, GOLD, GOLD)])
    assert all(c.f1 == 1.0 for c in s.rows.values())
    s = score_attributions([(TEXT, GOLD, [])])
    assert all(c.f1 == 0.0 for c in s.rows.values())


def test_trimmed_forgives_quote_marks_strict_does_not() -> None:
    pred = [dict(GOLD[0], content=[[15, 33]]), GOLD[1]]
    s = score_attributions([(TEXT, GOLD, pred)])
    assert f1(s, "content exact trimmed") == 1.0
    assert f1(s, "content exact strict") == 0.5
    assert f1(s, "attribution lenient") == 1.0


def test_duplicates_match_once() -> None:
    s = score_attributions([(TEXT, GOLD, [GOLD[0], GOLD[0]])])
    c = s.rows["attribution exact strict"]
    assert (c.tp, c.pred, c.gold) == (1, 2, 2)


def test_content_on_wrong_cue_does_not_count() -> None:
    pred = [{"source": [[0, 8]], "cue": [[45, 51]], "content": [[14, 34]]}]
    s = score_attributions([(TEXT, GOLD, pred)])
    assert s.rows["content exact strict"].tp == 0
    assert s.rows["attribution lenient"].tp == 0


def test_lenient_empty_sources_agree() -> None:
    gold = [{"source": [], "cue": [[45, 51]], "content": [[52, 75]]}]
    assert score_attributions([(TEXT, gold, gold)]).rows["attribution lenient"].tp == 1
    pred = [{"source": [[35, 44]], "cue": [[45, 51]], "content": [[52, 75]]}]
    assert score_attributions([(TEXT, gold, pred)]).rows["attribution lenient"].tp == 0


def test_maximum_not_greedy_matching() -> None:
    # left 0 can take 0 or 1, left 1 only 0: greedy would give 1, maximum gives 2.
    assert sorted(max_matching([[0, 1], [0]], 2)) == [0, 1]


def test_calibration_buckets() -> None:
    pred = [
        dict(GOLD[0], confidence=0.95),
        {"source": [], "cue": [[0, 4]], "content": [[60, 70]], "confidence": 0.3},
    ]
    s = score_attributions([(TEXT, GOLD, pred)])
    buckets = {b: (n, p) for b, n, p in s.calibration()}
    assert buckets["[0.90, 1.00]"] == (1, 1.0)
    assert buckets["[0.00, 0.50)"] == (1, 0.0)
