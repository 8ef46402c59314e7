"""Kinds in the generic findings table: stored, exported and searched on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from onrecord.findings import Filter, FindingKind, Stage, stage_added
from onrecord.records import ArticleRecord, Attribution, Offsets, Provenance, Source, Span
from onrecord.store import BadQuery, Store


@dataclass(frozen=True, slots=True)
class Tally:
    """A counted thing, with a unit: enough to exercise exact and substring filters."""

    id: str
    text: str
    spans: Offsets
    value: int
    unit: str
    attribution_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "spans": [list(s) for s in self.spans],
                "value": self.value, "unit": self.unit, "attribution_id": self.attribution_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tally:
        return cls(d["id"], d["text"], tuple((s, e) for s, e in d["spans"]), d["value"], d["unit"],
                   d.get("attribution_id"))


TALLIES: FindingKind[Tally] = FindingKind(
    "tallies", Tally, "Tallies",
    filters=(Filter("unit", "unit", "Unit contains this text.", "contains"),
             Filter("value", "value", "Exactly this value.")),
)
TEXT = "Police counted 300 trucks and 12 Trucks more, then 40 buses."


def _record(rid: str, published: str) -> ArticleRecord:
    tallies = (Tally("F1", "300 trucks", ((15, 25),), 300, "trucks"),
               Tally("F2", "12 Trucks", ((30, 39),), 12, "Trucks"),
               Tally("F3", "40 buses", ((51, 59),), 40, "buses"))
    assert all(TEXT[t.spans[0][0]:t.spans[0][1]] == t.text for t in tallies)
    return ArticleRecord(id=rid, text=TEXT, provenance=Provenance("0", "test", ()), url=f"https://e.x/{rid}",
                         outlet="e.x", published=published, findings={"tallies": tallies})


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    db = str(tmp_path / "f.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with stage_added(Stage("onrecord_test_tallies", "tests:none", TALLIES)), Store.open(db) as s:
        s.migrate()
        yield s


def test_stored_and_searched(store: Store) -> None:
    store.store_record(_record("a1", "2025-03-01"), input_key="a1")
    store.store_record(_record("a2", "2025-03-05"), input_key="a2")
    rows = store.findings("tallies", where={"unit": "TRUCK"})
    assert [(r["article_id"], r["label"]) for r in rows] == [
        ("a2", "300 trucks"), ("a2", "12 Trucks"), ("a1", "300 trucks"), ("a1", "12 Trucks")]
    assert rows[0]["value"] == 300 and rows[0]["unit"] == "trucks"
    assert all(TEXT[r["start_char"]:r["end_char"]] == r["text"] for r in rows)
    assert [r["label"] for r in store.findings("tallies", where={"value": "40"}, since="2025-03-02")] == [
        "40 buses"]
    assert store.findings("tallies", where={"unit": "100%_"}) == []  # LIKE wildcards are literal
    assert len(store.findings("tallies", limit=2, offset=5)) == 1


def test_who_says_so(store: Store) -> None:
    text = "Two officials said 40 buses crossed. Police counted 300 trucks."
    said = Attribution("A1", "indirect", "statement", Span("said", ((14, 18),)),
                       Span("Two officials", ((0, 13),)), Span("40 buses crossed", ((19, 35),)), "S1")
    officials = Source("S1", None, "Two officials", "anonymous", 2, "person", "official", None,
                       ((0, 13),), ("A1",))
    tallies = (Tally("F1", "40 buses", ((19, 27),), 40, "buses", "A1"),
               Tally("F2", "300 trucks", ((52, 62),), 300, "trucks"))
    record = ArticleRecord(id="w1", text=text, provenance=Provenance("0", "test", ()),
                           findings={"attributions": (said,), "sources": (officials,), "tallies": tallies})
    store.store_record(record, input_key="w1")
    rows = store.findings("tallies")
    assert [(r["label"], r["said_by"], r["said_by_identity"]) for r in rows] == [
        ("40 buses", "Two officials", "anonymous"), ("300 trucks", None, None)]


def test_a_new_version_replaces_its_findings(store: Store) -> None:
    store.store_record(_record("a1", "2025-03-01"), input_key="a1")
    changed = _record("a1", "2025-03-01")
    store.store_record(ArticleRecord(**{**{f: getattr(changed, f) for f in changed.__dataclass_fields__},
                                        "findings": {"tallies": changed.findings["tallies"][:1]}}),
                       input_key="a1")
    assert [r["label"] for r in store.findings("tallies")] == ["300 trucks"]  # latest version only


def test_unknown_kind_or_filter_is_a_clear_error(store: Store) -> None:
    with pytest.raises(BadQuery, match="use one of"):
        store.findings("attributions")  # typed kinds have their own queries
    with pytest.raises(BadQuery, match="no filter 'colour': use one of unit, value"):
        store.findings("tallies", where={"colour": "red"})
