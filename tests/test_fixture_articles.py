"""Quality gate: our fictional fixture articles against what they must and must not yield.

Each ``tests/fixtures/articles/NAME.txt`` has ``NAME.expected.json`` listing clear-cut
findings. Per category, the share of expected findings that onrecord gets must stay at or
above the floor pinned in ``fixture_floors.json``; ``must_not`` items must never appear.
Lower a floor only on purpose: ``pytest --update-floors`` rewrites the file from this run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import onrecord

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
FLOORS = Path(__file__).parent / "fixture_floors.json"
CASES = sorted(ARTICLES.glob("*.expected.json"))

# (case name, expected findings, record as a dict)
Results = list[tuple[str, dict[str, Any], dict[str, Any]]]


def _norm(s: str | None) -> str:
    plain = (s or "").lower().replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return " ".join(plain.split())


def _attr_ok(exp: dict[str, Any], rec: dict[str, Any]) -> bool:
    for a in rec["attributions"]:
        if _norm(exp["cue"]) not in _norm(a["cue"]["text"]):
            continue
        if _norm(exp.get("content_contains")) not in _norm(a["content"]["text"]):
            continue
        if "source" in exp:
            want, got = _norm(exp["source"]), _norm(a["source"]["text"] if a["source"] else "")
            if exp["source"] is None:
                if got:
                    continue
            elif not got or not (want in got or got in want):
                continue
        if "negated" in exp and a["negated"] != exp["negated"]:
            continue
        return True
    return False


def _source_ok(exp: dict[str, Any], rec: dict[str, Any]) -> bool:
    want = _norm(exp["mention"])
    for s in rec["sources"]:
        texts = [_norm(rec["text"][a:b]) for a, b in s["mentions"]]
        if not any(want == t or (t and (want in t or t in want) and len(t) >= len(want) / 2) for t in texts):
            continue
        return all(s.get(k) == v for k, v in exp.items() if k in {"identity", "count", "type", "role"})
    return False


def _nonresp_ok(exp: dict[str, Any], rec: dict[str, Any]) -> bool:
    return any(
        n["kind"] == exp["kind"] and _norm(exp["actor"]) in _norm(n["actor"]["text"] if n["actor"] else "")
        for n in rec["non_responses"]
    )


def _hedge_ok(hedge: str, rec: dict[str, Any]) -> bool:
    return any(
        _norm(hedge) in _norm(h) or _norm(h) in _norm(hedge) for a in rec["attributions"] for h in a["hedges"]
    )


def _dropped_ok(line: str, rec: dict[str, Any]) -> bool:
    return any(_norm(line) in _norm(d["text"]) for d in rec["dropped"])


def _run(case: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    name = case.name.removesuffix(".expected.json")
    text = (ARTICLES / f"{name}.txt").read_bytes().decode("utf-8")
    return json.loads(case.read_text(encoding="utf-8")), onrecord.analyze(text, id=name).to_dict()


@pytest.fixture(scope="module")
def results(onrecord_nlp: Language) -> Results:
    return [(c.name, *_run(c)) for c in CASES]


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 5


def test_must_not(results: Results) -> None:
    for name, exp, rec in results:
        for bad in exp.get("must_not", []):
            if "content_contains" in bad:
                needle = _norm(bad["content_contains"])
                hits = [a for a in rec["attributions"] if needle in _norm(a["content"]["text"])]
                assert not hits, f"{name}: {bad}"
            if "non_response" in bad:
                needle = _norm(bad["non_response"])
                assert not any(needle in _norm(n["text"]) for n in rec["non_responses"]), name


def test_offsets_are_exact(results: Results) -> None:
    for _, _, rec in results:
        for a in rec["attributions"]:
            for role in ("cue", "source", "content"):
                if a[role]:
                    assert " ".join(rec["text"][s:e] for s, e in a[role]["spans"]) == a[role]["text"]


def test_quality_floors(results: Results, request: pytest.FixtureRequest) -> None:
    checks: dict[str, Callable[[Any, dict[str, Any]], bool]] = {
        "attributions": _attr_ok, "sources": _source_ok, "non_responses": _nonresp_ok,
        "hedges": _hedge_ok, "dropped": _dropped_ok,
    }
    got: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for name, exp, rec in results:
        for category, check in checks.items():
            for item in exp.get(category, []):
                ok = check(item, rec)
                got[category][0] += ok
                got[category][1] += 1
                if not ok:
                    misses.append(f"{name} {category}: {item}")
    shares = {k: round(v[0] / v[1], 3) for k, v in got.items() if v[1]}
    if request.config.getoption("--update-floors"):
        FLOORS.write_text(json.dumps(shares, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    below = {
        k: (shares.get(k, 0.0), floor) for k, floor in floors.items() if shares.get(k, 0.0) + 1e-9 < floor
    }
    assert not below, f"below floor: {below}\nmisses:\n" + "\n".join(misses)
