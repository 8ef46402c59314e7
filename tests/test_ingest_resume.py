"""``onrecord ingest`` as real processes: killed with SIGKILL and resumed, two writers at once, a
read-only db."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_ingest_run import assert_healthy, buckets, ingest, ledger, query, write_article_warc, write_stories
from unprivileged import file_modes_apply

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]


def _start(*args: str, user: list[str] | None = None) -> subprocess.Popen[str]:
    """``onrecord ingest ARGS --format json`` in its own process group (so a kill takes its workers too)."""
    cmd = [*(user or []), sys.executable, "-m", "onrecord", "ingest", *args, "--format", "json"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "HOME": "/tmp"})


def _finish(proc: subprocess.Popen[str]) -> tuple[int, dict[str, Any], str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, (json.loads(out) if out.strip() else {}), err


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def _wait_until(proc: subprocess.Popen[str], done: Callable[[], bool], timeout: float = 90) -> None:
    """Poll until ``done()`` (a few records are stored), the run ends, or the time is up."""
    deadline = time.monotonic() + timeout
    while not done() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def test_sigkill_then_resume_finishes_the_work(tmp_path: Path) -> None:
    warc = tmp_path / "CC-NEWS-kill.warc.gz"
    write_article_warc(warc, 40)
    db = tmp_path / "k.db"
    proc = _start(str(warc), "--db", str(db), "--jobs", "2")
    _wait_until(proc, lambda: _stored(db) >= 3)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-write
    proc.communicate(timeout=30)
    before = _stored(db)
    assert 3 <= before < 40, "the run should have been killed part-way"
    assert query(db, "SELECT status FROM runs") == [("running",)]  # never closed: it was killed

    code, summary, err = _finish(_start(str(warc), "--db", str(db)))
    assert code == 0, err
    assert summary["read"] == 40 == buckets(summary)
    assert summary["already_done"] >= before
    states = ledger(db)
    assert len(states) == 40 and set(states.values()) == {"stored"}  # each input once, all done
    assert query(db, "SELECT COUNT(*) FROM articles") == [(40,)]  # nothing duplicated
    assert query(db, "SELECT COUNT(DISTINCT article_row_id) FROM inputs") == [(40,)]
    # the interrupted run is closed by the rerun
    assert query(db, "SELECT status FROM runs ORDER BY id") == [("interrupted",), ("ok",)]
    assert_healthy(db)


def test_two_writers_on_one_file_both_finish(tmp_path: Path) -> None:
    shared, extra = tmp_path / "shared", tmp_path / "extra"
    write_stories(shared, 12)
    write_stories(extra, 6, start=12)
    db = tmp_path / "c.db"
    procs = [_start(str(shared), "--db", str(db)), _start(str(extra), str(shared), "--db", str(db))]
    results = [_finish(p) for p in procs]
    for code, summary, err in results:
        assert code == 0, err
        assert summary["read"] == buckets(summary)
    stored = sum(int(s["stored"]) for _, s, _ in results)
    assert stored == 18  # every article stored by exactly one of them
    assert query(db, "SELECT COUNT(*) FROM articles") == [(18,)]
    assert len(ledger(db)) == 18
    assert query(db, "SELECT status FROM runs") == [("ok",), ("ok",)]
    assert_healthy(db)


def test_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "ro"
    root.mkdir()
    try:
        stories = root / "stories"
        write_stories(stories, 2)
        db = root / "ro.db"
        assert ingest(str(stories / "s000.txt"), "--db", str(db))[0] == 0
        db.chmod(0o444)
        root.chmod(0o555)
        # root ignores file modes: the child drops the capabilities that override them, and
        # stays the same user, so it can read a checkout in a private folder
        code, _, err = _finish(_start(str(stories), "--db", str(db), user=file_modes_apply()))
        assert code == 1
        assert "read-only" in err and str(db) in err and "Traceback" not in err
        assert query(db, "SELECT COUNT(*) FROM articles") == [(1,)]  # nothing written
    finally:
        root.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def test_ctrl_c_closes_the_run_as_interrupted_and_keeps_the_work(tmp_path: Path) -> None:
    warc = tmp_path / "CC-NEWS-int.warc.gz"
    write_article_warc(warc, 40)
    db = tmp_path / "i.db"
    proc = _start(str(warc), "--db", str(db), "--jobs", "2")
    _wait_until(proc, lambda: _stored(db) >= 3)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole group
    code, summary, err = _finish(proc)
    assert code == 130, err
    assert summary["status"] == "interrupted" and "Traceback" not in err
    assert summary["read"] == buckets(summary)  # what was read but not finished is in_flight
    assert query(db, "SELECT status FROM runs") == [("interrupted",)]
    kept = _stored(db)
    assert kept >= 3 and kept == summary["stored"]
    code, summary, _ = _finish(_start(str(warc), "--db", str(db)))
    assert (code, summary["stored"] + summary["already_done"]) == (0, 40)


def _pg_count(url: str, sql: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            row = conn.execute(sql).fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:  # tables not made yet, or the server is restarting
        return 0


def test_postgres_restart_mid_batch_then_resume(tmp_path: Path, postgres_url: str) -> None:
    """The server restarts while a run writes: the run reconnects or stops cleanly, and a
    second run leaves every input stored exactly once."""
    from postgres import restart_postgres

    warc = tmp_path / "CC-NEWS-pg.warc.gz"
    write_article_warc(warc, 40)
    proc = _start(str(warc), "--db", postgres_url)
    _wait_until(proc, lambda: _pg_count(postgres_url, "SELECT COUNT(*) FROM articles") >= 3)
    assert proc.poll() is None, "the run ended before the restart"
    restart_postgres(postgres_url)
    code, _, err = _finish(proc)
    assert code in (0, 1), err  # finished after reconnecting, or stopped with a message
    if code == 1:
        assert "PostgreSQL" in err or "database" in err.lower(), err

    code, summary, err = _finish(_start(str(warc), "--db", postgres_url))
    assert code == 0, err
    assert _pg_count(postgres_url, "SELECT COUNT(*) FROM articles") == 40
    assert _pg_count(postgres_url, "SELECT COUNT(DISTINCT canonical_key) FROM articles") == 40
    assert _pg_count(postgres_url, "SELECT COUNT(*) FROM inputs WHERE state = 'stored'") == 40
    assert summary["read"] == summary["stored"] + summary["already_done"] + summary["unchanged"]
