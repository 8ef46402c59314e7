"""The store's commands (articles, sources, quotes, search, stats, runs, export, db) through click."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_store_records import Quote, full_record, make_record

from onrecord.cli import cli
from onrecord.store import Store
from onrecord.store.schema import exported_tables


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    code, _, err = run("db", "migrate", "--db", path)
    assert code == 0 and "up to date" in err
    with Store.open(path) as store:
        run_id = store.start_run("ingest", ["fixtures"], {})
        store.store_record(full_record(), run_id=run_id, input_key="full")
        store.store_record(make_record("r1", url="https://reuters.com/r1", outlet="reuters.com",
                                       published="2025-09-20", non_responses=["The navy"],
                                       quotes=[Quote("people familiar with the plans", "Ships will sail",
                                                     identity="anonymous", hedge="reportedly")]),
                           run_id=run_id, input_key="r1")
        store.store_record(make_record("r0", url="https://reuters.com/r0", outlet="reuters.com",
                                       published="2025-08-01", quotes=[Quote("Jane Doe", "Earlier")]),
                           run_id=run_id, input_key="r0")
        store.finish_run(run_id, "ok")
    return path


def test_db_check_and_runs(db: str) -> None:
    assert run("db", "check", "--db", db)[:2] == (0, "ok\n")
    code, out, _ = run("runs", "--db", db, "--format", "jsonl")
    [r] = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and (r["stored"], r["status"]) == (3, "ok")
    code, out, _ = run("runs", "--db", db)
    assert code == 0 and "stored" in out.splitlines()[0] and "ingest" in out


def test_articles_filters_and_table(db: str) -> None:
    code, out, _ = run("articles", "--outlet", "reuters.com", "--since", "2025-09-01", "--db", db)
    assert code == 0
    header, rule, *lines = out.splitlines()
    # the id first: all that names an article without title or URL (issue 14 §5)
    assert header.split()[:4] == ["article_id", "published", "outlet", "title"] and set(rule) <= {"-", " "}
    assert len(lines) == 1 and lines[0].split()[:2] == ["r1", "2025-09-20"] and "reuters.com/r1" in lines[0]
    code, out, _ = run("articles", "--format", "csv", "--db", db)
    assert [row["article_id"] for row in csv.DictReader(io.StringIO(out))] == ["r1", "full-1", "r0"]


def test_sources_quotes_and_search(db: str) -> None:
    code, out, _ = run("sources", "--identity", "anonymous", "--outlet", "reuters.com", "--format", "jsonl",
                       "--db", db)
    assert code == 0
    assert [json.loads(line)["name"] for line in out.splitlines()] == ["people familiar with the plans"]
    code, out, _ = run("quotes", "--source", "Jane Doe", "--format", "jsonl", "--db", db)
    quotes = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [q["content"] for q in quotes] == ["We will not back down", "Nothing is agreed yet",
                                                           "Earlier"]
    code, out, _ = run("search", "declined to comment", "--db", db)
    assert code == 0 and "[declined]" in out and "reuters.com" in out
    assert any(line.split()[:2] == ["r1", "2025-09-20"] for line in out.splitlines())  # the id names it
    code, out, _ = run("search", '"declined to comment"', "--outlet", "reuters.com", "--format", "jsonl",
                       "--db", db)
    assert [json.loads(line)["article_id"] for line in out.splitlines()] == ["r1"]
    assert run("search", "unicorns", "--db", db)[1] == "(no matches)\n"


def test_stats_by_outlet_and_month(db: str) -> None:
    code, out, _ = run("stats", "--by", "outlet", "--format", "csv", "--db", db)
    rows = {r["outlet"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and rows["reuters.com"]["articles"] == "2"
    assert rows["reuters.com"]["non_response_rate"] == "0.5" and rows["reuters.com"]["hedged_share"] == "0.5"
    code, out, _ = run("stats", "--by", "month", "--db", db)
    assert code == 0 and "2025-09" in out and "statements_per_article" in out


def test_export_formats(db: str, tmp_path: Path) -> None:
    out_dir = tmp_path / "dump"
    code, out, _ = run("export", "--format", "parquet", "--out", str(out_dir), "--db", db)
    names = [Path(line).stem for line in out.splitlines()]
    assert code == 0 and names == [t.name for t in exported_tables()]
    assert "findings" in names  # the generic table of kinds without typed tables
    assert pq.read_table(out_dir / "articles.parquet").num_rows == 3
    for fmt in ("csv", "jsonl"):
        assert run("export", "--format", fmt, "--out", str(tmp_path / fmt), "--db", db)[0] == 0
    assert len((tmp_path / "jsonl" / "attributions.jsonl").read_text().splitlines()) == 5


def test_errors_are_messages_not_tracebacks(db: str, tmp_path: Path) -> None:
    code, _, err = run("search", '"declined to', "--db", db)
    assert code == 1 and "not closed" in err and "Traceback" not in err
    code, _, err = run("articles", "--db", str(tmp_path / "typo.db"))
    assert code == 1 and "No database" in err
    assert not (tmp_path / "typo.db").exists()
    code, _, err = run("articles", "--since", "yesterday", "--db", db)
    assert code == 1 and "YYYY-MM-DD" in err
    assert run("stats", "--by", "week", "--db", db)[0] == 2
    code, _, err = run("db", "check", "--db", "mysql://nope")
    assert code == 1 and "Unsupported database URL" in err


def test_commands_on_postgresql(postgres_url: str) -> None:
    assert run("db", "migrate", "--db", postgres_url)[0] == 0
    with Store.open(postgres_url) as store:
        store.store_record(full_record())
    assert run("db", "check", "--db", postgres_url)[:2] == (0, "ok\n")
    code, out, _ = run("quotes", "--source", "jane", "--format", "jsonl", "--db", postgres_url)
    assert code == 0 and len(out.splitlines()) == 2
    code, out, _ = run("search", "embassy comment", "--format", "jsonl", "--db", postgres_url)
    assert code == 0 and "[embassy]" in json.loads(out)["snippet"].lower()


@pytest.mark.model
def test_an_analysed_article_goes_in_and_comes_back_out(tmp_path: Path) -> None:
    from onrecord import analyze

    text = ('The harbour expansion will begin next month, Mayor Ana Ruiz said on Tuesday. '
            '"We have waited long enough," Ruiz told reporters. The port authority declined to comment.')
    record = analyze(text, url="https://example.org/harbour", published="2025-09-02")
    db = str(tmp_path / "real.db")
    with Store.open(db) as store:
        store.migrate()
        assert store.store_record(record) == "stored"
        assert store.store_record(record) == "unchanged"
        assert len(store.quotes()) == len(record.attributions) > 0
    code, out, _ = run("search", "declined to comment", "--format", "jsonl", "--db", db)
    assert code == 0 and json.loads(out)["url"] == "https://example.org/harbour"


def _stats_csv(db: str) -> dict[str, dict[str, str]]:
    code, out, _ = run("stats", "--by", "outlet", "--format", "csv", "--db", db)
    assert code == 0
    return {r["outlet"]: r for r in csv.DictReader(io.StringIO(out))}


def _assert_identity_stats(rows: dict[str, dict[str, str]]) -> None:
    """full-1: Jane Doe (named) says two things, a senior official (anonymous) one."""
    full = rows["news.example.com"]
    assert (full["named_sources"], full["anonymous_sources"], full["collective_sources"]) == ("1", "1", "0")
    assert full["anonymous_source_share"] == "0.5"  # one of two sources ...
    assert full["anonymous_statement_share"] == "0.3333"  # ... but one of three statements
    reuters = rows["reuters.com"]
    assert (reuters["statements"], reuters["anonymous_statement_share"]) == ("2", "0.5")


def test_stats_count_identities_and_anonymous_statements(db: str) -> None:
    _assert_identity_stats(_stats_csv(db))


def test_stats_count_identities_on_postgresql(postgres_url: str) -> None:
    assert run("db", "migrate", "--db", postgres_url)[0] == 0
    with Store.open(postgres_url) as store:
        store.store_record(full_record())
        store.store_record(make_record("r1", url="https://reuters.com/r1", outlet="reuters.com",
                                       quotes=[Quote("people familiar with the plans", "Ships will sail",
                                                     identity="anonymous")]))
        store.store_record(make_record("r0", url="https://reuters.com/r0", outlet="reuters.com",
                                       quotes=[Quote("Jane Doe", "Earlier")]))
    _assert_identity_stats(_stats_csv(postgres_url))
