"""The recipe for a new kind of finding: one module (here, this file) and one list entry.

A toy kind, every exclamation sentence, is declared in this file alone: its record class, its
pure function, its spaCy component and one ``Stage`` entry. Added to the pipeline, it shows up
in the record JSON, in an SQLite store (the generic ``findings`` table, and back through
``ArticleRecord.from_dict``), in the export, in ``GET /api/articles/{id}``, in the x-ray page (a
highlight layer and its legend entry), in the ``onrecord analyze`` text report, and is searchable
(``onrecord exclamations --words …``, ``GET /api/findings/exclamations``), with no edit anywhere
else. A kind of the product declares its ``Stage`` in ``onrecord/findings.py`` instead
of calling ``stage_added``; docs/pipeline.md walks through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from spacy.language import Language
from spacy.tokens import Doc

from onrecord import analyze
from onrecord.cli import cli
from onrecord.findings import Filter, FindingKind, Layer, Stage, stage_added
from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import dropped_mask, writer
from onrecord.nlp.model import reset_caches
from onrecord.records import ArticleRecord, Offsets, stable_id
from onrecord.store import Store
from onrecord.web.app import create_app

pytestmark = pytest.mark.model


# 1. The record class: a frozen dataclass with to_dict / from_dict (the record contract).
@dataclass(frozen=True, slots=True)
class Exclamation:
    """A sentence that ends in an exclamation mark."""

    id: str
    text: str
    spans: Offsets

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Exclamation:
        return cls(d["id"], d["text"], tuple((int(s), int(e)) for s, e in d["spans"]))


# 2. The declaration: no hooks, so the store, x-ray and report use the generic forms; one
# search filter gives ``onrecord exclamations --words …`` and ``/api/findings/exclamations?words=…``.
EXCLAMATIONS: FindingKind[Exclamation] = FindingKind(
    "exclamations", Exclamation, "Exclamations", layers=(Layer("exclamation", "exclamation"),),
    filters=(Filter("words", "text", "The exclamation contains these words.", "contains"),),
)


# 3. The pure function over a Doc (nothing comes from a dropped line).
def find_exclamations(doc: Doc) -> list[Exclamation]:
    dropped = dropped_mask(doc)
    found = []
    for sent in doc.sents:
        text = sent.text.rstrip()
        if text.endswith("!") and not any(dropped[sent.start:sent.end]):
            start = sent.start_char
            found.append(Exclamation(stable_id(start, text, length=8), text, ((start, start + len(text)),)))
    return found


# 4. The thin spaCy component.
@Language.factory("onrecord_test_exclamations", assigns=["doc._.onrecord_exclamations"])
def make_exclamations(nlp: Language, name: str) -> StageComponent[list[Exclamation]]:
    return StageComponent(name, find_exclamations, writer(EXCLAMATIONS))


# 5. The one list entry.
STAGE = Stage("onrecord_test_exclamations", f"{__name__}:make_exclamations", EXCLAMATIONS)

TEXT = (
    'The mayor opened the bridge on Monday. "The bridge is safe," she told reporters. '
    "It is finally done! The ministry declined to comment. What a day!\n"
)


@pytest.fixture
def toy_stage() -> Iterator[Stage]:
    with stage_added(STAGE, after="onrecord_non_responses"):
        reset_caches()  # the next build_nlp adds the stage
        yield STAGE
    reset_caches()


def test_the_toy_kind_is_in_the_record_json(toy_stage: Stage) -> None:
    d = analyze(TEXT).to_dict()
    found = d["exclamations"]
    assert [f["text"] for f in found] == ["It is finally done!", "What a day!"]
    for f in found:
        (s, e), = f["spans"]
        assert TEXT[s:e] == f["text"]
    assert d["summary"]["exclamations"] == 2
    assert "onrecord_test_exclamations" in d["provenance"]["stages"]
    assert d["attributions"], "the other stages still run"


def test_without_the_stage_the_key_is_absent() -> None:
    # "exclamations": [] would claim that none were found.
    assert "exclamations" not in analyze(TEXT).to_dict()


def test_sqlite_round_trip_and_export(toy_stage: Stage, tmp_path: Path) -> None:
    record = analyze(TEXT)
    with Store.open(str(tmp_path / "toy.db")) as store:
        store.migrate()
        assert store.store_record(record, input_key=record.id) == "stored"
        stored = store.article(record.id)
        assert stored is not None
        assert ArticleRecord.from_dict(stored) == record
        assert [f["text"] for f in stored["exclamations"]] == ["It is finally done!", "What a day!"]
        files = store.export("jsonl", tmp_path / "export")
    every = [json.loads(line) for line in files["findings"].read_text(encoding="utf-8").splitlines()]
    rows = [r for r in every if r["kind"] == "exclamations"]  # the product's own kinds are there too
    assert [(r["kind"], r["label"]) for r in rows] == [
        ("exclamations", "It is finally done!"), ("exclamations", "What a day!")]
    assert all(TEXT[r["start_char"]:r["end_char"]] == r["text"] for r in rows)


def test_api_xray_and_report(toy_stage: Stage, tmp_path: Path) -> None:
    record = analyze(TEXT)
    db = str(tmp_path / "toy.db")
    with Store.open(db) as store:
        store.migrate()
        store.store_record(record, input_key=record.id)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:  # an allowed host
        api = client.get(f"/api/articles/{record.id}")
        assert api.status_code == 200
        assert [f["text"] for f in api.json()["exclamations"]] == ["It is finally done!", "What a day!"]
        listed = client.get("/api/findings/exclamations", params={"words": "DAY"})
        assert listed.status_code == 200
        assert [(i["article_id"], i["text"]) for i in listed.json()["items"]] == [(record.id, "What a day!")]
        assert client.get("/api/findings/exclamations", params={"colour": "red"}).status_code == 400
        assert client.get("/api/findings/no_such_kind").status_code == 404
        page = client.get(f"/articles/{record.id}")
        assert page.status_code == 200
        html = page.text
    assert html.count('class="hl hl-exclamation hl-finding hl-start"') == 2  # one highlight per finding
    assert '<span class="hl hl-exclamation hl-finding">exclamation</span>' in html  # the legend
    assert "<h2>Exclamations</h2>" in html  # the panel list

    article = tmp_path / "toy.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    assert "Exclamations (2)" in result.output
    assert "  • What a day!" in result.output

    found = CliRunner().invoke(cli, ["exclamations", "--words", "finally", "--format", "jsonl", "--db", db])
    assert found.exit_code == 0, found.output
    assert [json.loads(line)["label"] for line in found.output.splitlines()] == ["It is finally done!"]
