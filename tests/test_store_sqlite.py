"""SQLite-only behaviour: concurrent writer processes, read-only files, a full disk, speed at 20,000
articles."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.pool import ConnectionPoolEntry
from test_store_records import Quote, full_record, make_record
from unprivileged import file_modes_apply

from onrecord.store import Store, StoreError, schema
from onrecord.store import writer as store_writer

TESTS = Path(__file__).parent

WRITER = textwrap.dedent("""
    import sys
    from onrecord.store import Store
    from test_store_records import Quote, make_record

    db, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(db)
    store.migrate()
    run = store.start_run("ingest", [name], {})
    for i in range(n):
        shared = i % 2 == 0  # both processes store the even articles: one stores, one finds them unchanged
        rid = f"shared-{i}" if shared else f"{name}-{i}"
        record = make_record(rid, url=f"https://example.com/{rid}", quotes=[Quote("Jane Doe", f"Item {rid}")])
        store.store_record(record, run_id=run, input_key=rid)
    store.finish_run(run, "ok")
""")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}


def test_two_writer_processes_on_one_file_both_finish(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.db")
    n = 40
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, db, name, str(n)], env=_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("p1", "p2")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = Store.open(db)
    assert store.check() == []
    runs = store.runs()
    assert len(runs) == 2 and all(r["status"] == "ok" for r in runs)
    assert sum(r["stored"] for r in runs) == n // 2 + 2 * (n // 2)  # shared once, each one's own
    assert sum(r["unchanged"] for r in runs) == n // 2
    assert all(r["stored"] + r["unchanged"] == n for r in runs)
    assert len(store.articles(limit=1000)) == n // 2 * 3


def test_read_only_database_is_a_clear_store_error_and_writes_nothing(tmp_path: Path) -> None:
    """SQLite refusing a write (SQLITE_READONLY) becomes a StoreError naming the file.

    ``PRAGMA query_only`` makes SQLite itself refuse every write, which works even as root
    (root ignores file modes; the chmod test below covers ordinary users).
    """
    db = tmp_path / "ro.db"
    store = Store.open(str(db))
    store.migrate()
    store.store_record(full_record())

    def read_only(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    event.listen(store.engine, "connect", read_only)
    store.engine.dispose()
    with pytest.raises(StoreError) as err:
        store.store_record(make_record("other", quotes=[Quote("Jane Doe", "Hello")]))
    assert err.value.code == "read_only"
    assert str(db) in str(err.value) and "writable" in str(err.value) and "--db" in str(err.value)
    assert [a["article_id"] for a in store.articles()] == ["full-1"]  # reading still works


_PROBE = """
import sys
import tempfile
from onrecord.store import Store, StoreError
try:
    store = Store.open(sys.argv[1])
    store.migrate()
    store.start_run("ingest", [], {})
except StoreError as exc:
    print(exc.code)
    print(exc)
    sys.exit(3)
print("wrote")
"""


def _as_unprivileged(db: Path) -> subprocess.CompletedProcess[str]:
    """Try a write in a child to which file modes apply (root drops the capabilities that
    override them; see tests/unprivileged.py), as the same user, so it reads this checkout
    wherever it was cloned."""
    cmd = [*file_modes_apply(), sys.executable, "-c", _PROBE, str(db)]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=60)


def test_read_only_file_and_folder_are_clear_store_errors(tmp_path: Path) -> None:
    root = tmp_path / "ro"
    root.mkdir()
    try:
        db = root / "ro.db"
        with Store.open(str(db)) as store:
            store.migrate()
        db.chmod(0o444)
        root.chmod(0o555)
        done = _as_unprivileged(db)
        assert done.returncode == 3, done.stdout + done.stderr
        assert done.stdout.splitlines()[0] == "read_only" and str(db) in done.stdout
        done = _as_unprivileged(root / "new.db")  # a folder the user cannot write to
        assert done.returncode == 3, done.stdout + done.stderr
        assert done.stdout.splitlines()[0] == "cannot_open" and str(root) in done.stdout
    finally:
        root.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def test_missing_folder_and_bad_urls(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "nope" / "x.db")).migrate()
    with pytest.raises(StoreError, match="No database"):
        Store.open(str(tmp_path / "missing.db"), create=False)
    for url in ("mysql://x/y", ":memory:", "postgresql+asyncpg://u@h/d"):
        with pytest.raises(StoreError):
            Store.open(url)
    assert Store.open("postgresql://u:secret@h/d").target.label == "postgresql+psycopg://u:***@h/d"
    assert Store.open(f"sqlite:///{tmp_path}/a.db").target.path == tmp_path / "a.db"


def test_full_disk_leaves_no_partial_record(tmp_path: Path) -> None:
    """SQLite's page limit gives the same SQLITE_FULL error as a full disk, on a real file."""
    store = Store.open(str(tmp_path / "full.db"))
    store.migrate()
    run = store.start_run("ingest", [], {})
    store.store_record(full_record(), run_id=run, input_key="small")
    with store.engine.connect() as conn:
        pages = int(conn.execute(text("PRAGMA page_count")).scalar_one())

    def cap(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()
    big = make_record("big", body="Long report. " * 40_000, quotes=[Quote("Jane Doe", "Yes " * 500)])
    with pytest.raises(StoreError) as err:
        store.store_record(big, run_id=run, input_key="big")
    assert err.value.code == "disk_full" and "Nothing of the record" in str(err.value)
    event.remove(store.engine, "connect", cap)
    store.engine.dispose()
    assert [a["article_id"] for a in store.articles()] == ["full-1"]
    assert store.input_states(["small", "big"]) == {"small": "stored"}
    assert store.runs()[0]["stored"] == 1
    assert store.check() == []


def test_wal_and_busy_timeout_are_on(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "p.db"))
    store.migrate()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert int(conn.execute(text("PRAGMA busy_timeout")).scalar_one()) >= 10_000
        assert int(conn.execute(text("PRAGMA foreign_keys")).scalar_one()) == 1


def test_check_reports_an_old_schema(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "old.db"))
    store.migrate()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    [problem] = store.check()
    assert "onrecord db migrate" in problem
    with pytest.raises(StoreError, match="onrecord db migrate"):
        store.articles()


def _bulk_articles(store: Store, n: int) -> None:
    """n latest articles written straight into the tables (the writer is tested elsewhere;
    here only the reads are timed), then the search index rebuilt from them."""
    outlets = [f"outlet{i}.com" for i in range(25)]
    rows = []
    for i in range(n):
        body = f"Report {i} on harbour works and shipping."
        if i % 7 == 0:
            body += " The ministry declined to comment."
        rows.append({
            "article_id": f"a{i}", "canonical_key": f"url:https://x/{i}", "version": 1, "is_latest": True,
            "url": f"https://x/{i}", "outlet": outlets[i % 25], "title": f"Story {i}",
            "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "language": "en", "text": body,
            "text_hash": f"{i:064d}", "record_hash": f"{i:064d}", "n_attributions": i % 4,
            "n_hedged": i % 2, "n_sources": 2, "n_anonymous_sources": i % 3 // 2,
            "n_non_responses": int(i % 7 == 0), "record": "{}", "stored_at": "2025-12-01T00:00:00+00:00",
        })
    with store.engine.begin() as conn:
        conn.execute(schema.articles.insert(), rows)
        conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))


def test_stats_and_search_over_20000_articles_answer_within_a_second(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "big.db"))
    store.migrate()
    _bulk_articles(store, 20_000)
    assert store.check() == []
    started = time.perf_counter()
    by_outlet = store.stats("outlet")
    stats_s = time.perf_counter() - started
    assert len(by_outlet) == 25 and sum(r["articles"] for r in by_outlet) == 20_000
    started = time.perf_counter()
    hits = store.search('"declined to comment" ministry', limit=20)
    search_s = time.perf_counter() - started
    assert len(hits) == 20 and all("[" in h["snippet"] for h in hits)
    started = time.perf_counter()
    common = store.search("harbour shipping", outlet="outlet3.com", since="2025-06-01", limit=20)
    common_s = time.perf_counter() - started
    assert len(common) == 20
    assert stats_s < 1.0 and search_s < 1.0 and common_s < 1.0, (stats_s, search_s, common_s)
    by_month = store.stats("month")
    assert len(by_month) == 12


def test_writer_keeps_pace_as_the_table_grows(tmp_path: Path) -> None:
    """Storing stays one index probe per record: the second thousand is not slower than the first."""
    store = Store.open(str(tmp_path / "pace.db"))
    store.migrate()
    timings = []
    for batch in range(2):
        started = time.perf_counter()
        with store.engine.begin() as conn:
            for i in range(batch * 1000, (batch + 1) * 1000):
                record = make_record(f"w{i}", url=f"https://example.com/{i}", body=f"Report {i}.",
                                     quotes=[Quote("Jane Doe", f"Statement {i}")])
                store_writer.store_record(conn, record, run_id=None, input_key=None)
        timings.append(time.perf_counter() - started)
    assert timings[1] < timings[0] * 2, timings


_READER = """
import sys
from starlette.testclient import TestClient
from onrecord.cli import cli
from onrecord.web.app import create_app
from click.testing import CliRunner
db = sys.argv[1]
for args in (["articles"], ["search", "talks"], ["db", "check"], ["sources"]):
    result = CliRunner().invoke(cli, [*args, "--db", db])
    print(" ".join(args), result.exit_code, (result.output + (result.stderr or "")).strip().splitlines()[-1:])
with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
    answer = client.get("/api/articles")
    print("serve", answer.status_code, client.get("/").status_code, len(answer.json()["items"]))
"""


def test_a_read_only_store_can_be_read(tmp_path: Path) -> None:
    """articles, search, db check and serve on a file and folder this user cannot write (issue 14)."""
    root = tmp_path / "ro"
    root.mkdir()
    db = root / "ro.db"
    try:
        with Store.open(str(db)) as store:
            store.migrate()
            store.store_record(full_record(), input_key="k")
        before = db.read_bytes()
        db.chmod(0o444)
        root.chmod(0o555)
        done = subprocess.run([*file_modes_apply(), sys.executable, "-c", _READER, str(db)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        lines = done.stdout.splitlines()
        assert [line.split(" [")[0] for line in lines] == [
            "articles 0", "search talks 0", "db check 0", "sources 0", "serve 200 200 1"], done.stdout
        assert sorted(p.name for p in root.iterdir()) == ["ro.db"] and db.read_bytes() == before
    finally:
        root.chmod(0o755)
        db.chmod(0o644)


def test_another_applications_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('ada')")
    before = other.read_bytes()
    with pytest.raises(StoreError) as err:
        Store.open(str(other)).migrate()
    assert err.value.code == "not_onrecord" and "another application's tables (users)" in str(err.value)
    assert "left it untouched" in str(err.value)
    assert other.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"not a database at all, just some notes\n" * 200)
    with pytest.raises(StoreError, match="it is not a SQLite database") as err:
        Store.open(str(garbage))
    assert err.value.code == "not_onrecord"
    empty = tmp_path / "empty.db"
    empty.touch()  # an empty file is a new store
    with Store.open(str(empty)) as store:
        store.migrate()
        assert store.check() == []
