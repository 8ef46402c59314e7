"""The real-page regression set: look-alike wire and business pages through ``onrecord ingest``.

Each ``tests/fixtures/pages/NAME.html`` reproduces a pattern that real pages turned into
noise (issue 14 §3); ``NAME.expected.json`` pins what the stored record must and must not
hold (format in ``tests/fixtures/pages/README.md``). The folder goes through the real path:
the CLI's ingest, HTML extraction, every stage, a real SQLite store, read back.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from onrecord.store import Store

pytestmark = pytest.mark.model

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(PAGES.glob("*.expected.json"))

Stored = dict[str, dict[str, Any]]  # expected.json name -> stored record


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().replace("\u201c", '"').replace("\u201d", '"').split()).strip(" ,.")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    """Ingest the pages folder once; the latest record of each page, by its expected file."""
    folder = tmp_path_factory.mktemp("pages")
    for page in PAGES.glob("*.html"):
        shutil.copy(page, folder / page.name)
    db = folder / "pages.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stored"] == len(CASES)
    out: Stored = {}
    with Store.open(str(db), create=False) as store:
        by_url = {row["url"]: row["article_id"] for row in store.articles()}
        for case in CASES:
            exp = json.loads(case.read_text(encoding="utf-8"))
            record = store.article(by_url[exp["url"]])
            assert record is not None
            out[case.name] = record
    return out


def _lines(text: str, prefix: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` that starts with ``prefix``."""
    found, pos = [], 0
    for line in text.split("\n"):
        if line.startswith(prefix):
            found.append((pos, pos + len(line)))
        pos += len(line) + 1
    return found


def _spans(a: dict[str, Any]) -> list[list[int]]:
    return [sp for role in ("cue", "source", "content") if a[role] for sp in a[role]["spans"]]


def test_every_page_has_expectations() -> None:
    assert len(CASES) == len(list(PAGES.glob("*.html"))) >= 2


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_page_yields_what_it_must(case: Path, stored: Stored) -> None:
    exp, rec = json.loads(case.read_text(encoding="utf-8")), stored[case.name]
    assert (rec["title"], rec["outlet"]) == (exp["title"], exp["outlet"])
    for want in exp["attributions"]:
        assert any(
            _norm(a["cue"]["text"]) == _norm(want["cue"])
            and a["source"] is not None and _norm(want["source"]) in _norm(a["source"]["text"])
            and _norm(want["content_contains"]) in _norm(a["content"]["text"])
            for a in rec["attributions"]
        ), want
    for want in exp["sources"]:
        assert any(all(s.get(k) == v for k, v in want.items()) for s in rec["sources"]), \
            (want, [{k: s.get(k) for k in want} for s in rec["sources"]])
    dropped = {(d["text"], d["reason"]) for d in rec["dropped"]}
    for want in exp["dropped"]:
        assert (want["text"], want["reason"]) in dropped


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_page_yields_nothing_it_must_not(case: Path, stored: Stored) -> None:
    exp, rec = json.loads(case.read_text(encoding="utf-8")), stored[case.name]
    for word in exp["no_source_contains"]:
        assert not [a for a in rec["attributions"] if a["source"] and word in a["source"]["text"]], word
        assert not [s for s in rec["sources"] if word in (s["name"] or "")], word
    for prefix in exp["no_findings_in_lines"]:
        lines = _lines(rec["text"], prefix)
        assert lines, f"the page must have a line starting {prefix!r}"
        hits = [a for a in rec["attributions"] for s, e in _spans(a) for ls, le in lines if s < le and ls < e]
        assert not hits, (prefix, hits)
    for bad in exp["no_cue_with_content"]:
        assert not [a for a in rec["attributions"] if _norm(a["cue"]["text"]) == bad["cue"]
                    and bad["content_contains"] in a["content"]["text"]], bad


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_source_labels_stay_in_one_paragraph(case: Path, stored: Stored) -> None:
    """A name, description or affiliation never crosses a line break nor keeps edge whitespace."""
    rec = stored[case.name]
    for s in rec["sources"]:
        for key in ("name", "description", "affiliation"):
            value = s.get(key)
            if value is not None:
                assert "\n" not in value and value == value.strip(), (key, value)
                assert not value.endswith(" ."), (key, value)
    for a in rec["attributions"]:
        if a["source"] is not None:
            assert "\n\n" not in a["source"]["text"], a["source"]
        for role in ("cue", "source", "content"):
            if a[role]:
                assert " ".join(rec["text"][s:e] for s, e in a[role]["spans"]) == a[role]["text"]
