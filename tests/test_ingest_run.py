"""``onrecord ingest`` over files, folders and WARC archives: accounting, idempotence, jobs, faults.

Real SQLite files in tmp_path; the CLI runs in-process (the model loads once per session).
The helpers here (invented articles, database probes) are shared by the other test_ingest_* files.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warc_builder import write_warc

from onrecord.cli import cli
from onrecord.store import Store, StoreError

pytestmark = pytest.mark.model

NAMES = ["Jane Doe", "Omar Haddad", "Lena Fischer", "Tomas Ruiz", "Mei Chen", "Ada Okafor"]


def article_text(i: int) -> str:
    """A short invented news text with a direct quote, a named source and a non-response."""
    name = NAMES[i % len(NAMES)]
    return (f"“The council will vote on plan {i} next week,” said {name}, a city official. "
            f"Residents of district {i} said they had not been consulted about the plan. "
            "The mayor's office declined to comment.")


def article_html(i: int) -> str:
    return (f"<html><head><title>Plan {i} vote</title></head><body><article><h1>Plan {i} vote</h1>"
            f"<p>{article_text(i)}</p></article></body></html>")


def write_stories(folder: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` articles as .txt and .html files, some in a subfolder."""
    (folder / "more").mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / "more" / f"s{i:03d}.html" if i % 2 else folder / f"s{i:03d}.txt"
        path.write_text(article_html(i) if i % 2 else article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def write_article_warc(path: Path, n: int) -> None:
    write_warc(path, [(f"https://news.example/plan-{i}", article_html(i), 200, "text/html; charset=utf-8")
                      for i in range(n)])


def ingest(*args: str) -> tuple[int, dict[str, Any], str]:
    """Run ``onrecord ingest ARGS --format json``; return exit code, summary, stderr."""
    result = CliRunner().invoke(cli, ["ingest", *args, "--format", "json"], catch_exceptions=False)
    summary = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, summary, result.stderr


def buckets(summary: dict[str, Any]) -> int:
    """The accounting rule every run must keep."""
    outcomes = ("stored", "new_version", "unchanged", "skipped", "failed", "already_done", "in_flight")
    return sum(summary[k] for k in outcomes)


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def ledger(db: Path) -> dict[str, str]:
    return {str(k): str(v) for k, v in query(db, "SELECT input_key, state FROM inputs")}


def assert_healthy(db: Path) -> None:
    """No duplicate articles, one latest version per identity, integrity_check ok."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    dupes = query(db, "SELECT canonical_key, COUNT(*) FROM articles WHERE is_latest GROUP BY canonical_key "
                      "HAVING COUNT(*) > 1")
    assert dupes == []
    with Store.open(str(db)) as store:
        assert store.check() == []


def test_folder_is_stored_and_summary_adds_up(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    paths = write_stories(stories, 6)
    (stories / "notes.md").write_text("not read: unknown suffix")
    db = tmp_path / "t.db"
    code, summary, _ = ingest(str(stories), "--db", str(db))
    assert code == 0, summary
    assert summary["status"] == "ok"
    assert summary["read"] == 6 == summary["stored"] == buckets(summary)
    # keys are absolute paths and the content's hash (an edited file is new work)
    assert {k.split("#sha256:")[0] for k in ledger(db)} == {str(p) for p in paths}
    assert set(ledger(db).values()) == {"stored"}
    assert query(db, "SELECT status, n_stored FROM runs") == [("ok", 6)]
    assert query(db, "SELECT COUNT(*) FROM attributions")[0][0] >= 6
    assert_healthy(db)


def test_ingesting_twice_stores_nothing_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = tmp_path / "stories"
    write_stories(stories, 4)
    db = tmp_path / "t.db"
    assert ingest(str(stories), "--db", str(db))[1]["stored"] == 4
    monkeypatch.chdir(stories)  # a relative path to the same files is the same input
    code, summary, _ = ingest(".", "--db", str(db))
    assert code == 0
    assert summary["read"] == 4 == summary["already_done"] == buckets(summary)
    assert summary["stored"] == summary["unchanged"] == 0
    code, summary, _ = ingest(".", "--db", str(db), "--force")  # analysed again: same records
    assert summary["unchanged"] == 4 == buckets(summary)
    assert query(db, "SELECT COUNT(*) FROM articles") == [(4,)]
    write_stories(stories, 1, start=4)  # one new file: only it is analysed
    code, summary, _ = ingest(".", "--db", str(db))
    assert (summary["stored"], summary["already_done"]) == (1, 4)
    assert_healthy(db)


def test_warc_skips_and_failures_are_counted(tmp_path: Path) -> None:
    warc = tmp_path / "CC-NEWS-test.warc.gz"
    good = [
        (f"https://news.example/plan-{i}", article_html(i), 200, "text/html; charset=utf-8") for i in range(3)
    ]
    offsets = write_warc(warc, [
        *good,
        ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", 200, "image/png"),
        ("https://news.example/gone", "<html><body>Not found</body></html>", 404, "text/html"),
        ("https://news.example/empty", "<html><body></body></html>", 200, "text/html"),
        ("https://news.example/plan-9", article_html(9), 200, "text/html; charset=utf-8"),
    ])
    data = warc.read_bytes()
    warc.write_bytes(data[: offsets[-1] + (len(data) - offsets[-1]) // 2])  # the last record cut short
    db = tmp_path / "w.db"
    code, summary, stderr = ingest(str(warc), "--db", str(db))
    assert code == 1, stderr  # some records failed; the batch went on
    assert summary["stored"] == 3
    assert summary["skipped_by_reason"] == {"http_status": 1, "not_html": 1}
    assert summary["failed"] == 2 and summary["failed_by_stage"] == {"extract": 1, "ingest": 1}
    assert summary["read"] == 7 == buckets(summary)
    states = ledger(db)
    assert states[f"{warc}@{offsets[1]}"] == "stored"
    assert sorted(states.values()).count("skipped") == 2
    assert query(db, "SELECT stage, reason FROM failures ORDER BY stage") == [
        ("extract", "no_article_text"), ("ingest", "truncated_record")]
    assert "failed (extract, no_article_text)" in stderr
    code, again, _ = ingest(str(warc), "--db", str(db))  # failures and skips are final too
    assert again["already_done"] == 7 == again["read"]
    code, again, _ = ingest(str(warc), "--db", str(db), "--retry-failed")
    assert again["failed"] == 2 and again["already_done"] == 5


def test_jobs_2_stores_the_same_as_jobs_1(tmp_path: Path) -> None:
    warc = tmp_path / "a.warc.gz"
    write_article_warc(warc, 12)
    rows = []
    for jobs in ("1", "2"):
        db = tmp_path / f"j{jobs}.db"
        code, summary, _ = ingest(str(warc), "--db", str(db), "--jobs", jobs)
        assert code == 0 and summary["stored"] == 12
        rows.append(query(db, "SELECT a.article_id, a.record_hash, i.input_key FROM articles a "
                              "JOIN inputs i ON i.article_row_id = a.row_id ORDER BY a.article_id"))
    assert rows[0] == rows[1]  # same records, paired with the same input keys


def test_full_disk_mid_run_stops_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = tmp_path / "stories"
    write_stories(stories, 5)
    db = tmp_path / "t.db"
    real = Store.store_record
    calls = {"n": 0}

    def store_record(self: Store, record: Any, **kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise StoreError(f"Cannot store article in '{db}': the disk is full.", code="disk_full")
        return real(self, record, **kw)

    monkeypatch.setattr(Store, "store_record", store_record)
    code, summary, stderr = ingest(str(stories), "--db", str(db))
    assert code == 1
    assert "disk is full" in stderr
    assert summary["status"] == "failed" and summary["stored"] == 2
    assert query(db, "SELECT status FROM runs") == [("failed",)]
    monkeypatch.setattr(Store, "store_record", real)
    code, summary, _ = ingest(str(stories), "--db", str(db))  # space freed: the rest is done
    assert (code, summary["stored"], summary["already_done"]) == (0, 3, 2)
    assert_healthy(db)


def test_bad_arguments_exit_1_before_any_work(tmp_path: Path) -> None:
    code, summary, stderr = ingest(str(tmp_path / "missing"), "--db", str(tmp_path / "t.db"))
    assert code == 1 and "no such file or directory" in stderr and summary == {}
    assert not (tmp_path / "t.db").exists()
    code, _, stderr = ingest(str(tmp_path), "--db", str(tmp_path / "no" / "t.db"))
    assert code == 1 and "does not exist" in stderr
    code, _, stderr = ingest(str(tmp_path), "--out", str(tmp_path / "shards"))
    assert code == 2 and "--engine ray" in stderr


def test_text_summary_names_every_bucket(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    write_stories(stories, 2)
    result = CliRunner().invoke(cli, ["ingest", str(stories), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0
    assert result.stdout == ""  # stdout carries data only
    for word in ("2 read", "stored", "unchanged", "skipped", "failed", "already done"):
        assert word in result.stderr


def test_ray_engine_is_called_with_the_run_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def run_ray(inputs: list[str], settings: Any, **kw: Any) -> dict[str, int]:
        calls.append({"inputs": inputs, **kw})
        return {"read": 3, "stored": 3}

    fake = types.ModuleType("onrecord.distributed.ray_engine")
    monkeypatch.setattr(fake, "run_ray", run_ray, raising=False)
    monkeypatch.setitem(sys.modules, "onrecord.distributed.ray_engine", fake)
    code, summary, _ = ingest(str(tmp_path), "--engine", "ray", "--address", "auto",
                              "--out", str(tmp_path / "o"), "--jobs", "2")
    assert code == 0 and summary == {"engine": "ray", "read": 3, "stored": 3}
    progress = calls[0].pop("on_progress")  # the CLI's progress line (drawn only on a terminal)
    assert callable(progress)
    assert calls == [{"inputs": [str(tmp_path)], "db": None, "out_dir": str(tmp_path / "o"),
                      "address": "auto", "jobs": 2}]


def test_ray_engine_missing_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onrecord.distributed.ray_engine", None)  # import fails
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--engine", "ray"])
    assert result.exit_code == 1
    assert "pip install 'onrecord[ray]'" in result.stderr


def test_a_run_whose_only_input_failed_is_not_ok(tmp_path: Path) -> None:
    """A run with nothing but failures says so, in the summary and in 'onrecord runs'."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"x\xff\xfe\x00\x01 binary")
    db = tmp_path / "s.db"
    code, summary, _ = ingest(str(bad), "--db", str(db))
    assert code == 1 and summary["failed"] == 1 and summary["status"] == "failed"
    text = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(db), "--retry-failed"])
    assert "onrecord ingest: run 2 failed in" in text.stderr and "run 2 ok" not in text.stderr
    assert query(db, "SELECT status FROM runs ORDER BY id") == [("failed",), ("failed",)]
    (tmp_path / "good.txt").write_text(article_text(1), encoding="utf-8")
    code, summary, _ = ingest(str(tmp_path), "--db", str(db), "--retry-failed")
    assert code == 1 and summary["status"] == "ok"  # one stored, one failed: the run itself was ok
