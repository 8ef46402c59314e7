"""The store contract, run on SQLite (a file in tmp_path) and on a real throwaway PostgreSQL."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text
from test_store_records import Quote, full_record, make_record

from onrecord.records import ArticleRecord
from onrecord.store import BadQuery, Store, StoreError


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        db = str(tmp_path / "onrecord.db")
    else:
        db = request.getfixturevalue("postgres_url")
    s = Store.open(db)
    s.migrate()
    yield s
    s.close()


def rows(store: Store, sql: str, **params: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def count(store: Store, table: str) -> int:
    return int(rows(store, f"SELECT count(*) AS n FROM {table}")[0]["n"])


def test_migrate_from_empty_then_check_is_clean(store: Store) -> None:
    assert store.check() == []
    store.migrate()  # again: a no-op
    assert store.check() == []
    assert rows(store, "SELECT version_num FROM alembic_version") == [{"version_num": "0004"}]


def test_a_run_whose_process_is_gone_is_closed_as_interrupted(store: Store) -> None:
    """A run killed with SIGKILL never closes its row; the next run on this host does."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = store.start_run("ingest", ["a"], {})
    live = store.start_run("ingest", ["b"], {})
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE runs SET pid = :p WHERE id = :i"), {"p": dead.pid, "i": stale})
    store.start_run("ingest", ["c"], {})
    status = {r["id"]: r["status"] for r in rows(store, "SELECT id, status FROM runs")}
    assert status[stale] == "interrupted" and status[live] == "running"  # ours is alive
    assert rows(store, "SELECT finished_at FROM runs WHERE id = :i", i=stale)[0]["finished_at"]


def test_upgrade_from_the_first_schema_keeps_the_data(tmp_path: Path) -> None:
    from alembic import command

    from onrecord.store import migrate as store_migrate

    db = tmp_path / "old.db"
    old = Store.open(str(db))
    with old.engine.begin() as conn:
        command.upgrade(store_migrate._config(conn), "0001")
    with old.engine.begin() as conn:
        conn.execute(text("INSERT INTO runs (command, inputs, started_at, onrecord_version, settings, "
                          "n_stored, n_unchanged, n_skipped, n_failed, status) "
                          "VALUES ('ingest', '[]', 'x', '0', '{}', 0, 0, 0, 0, 'ok')"))
    old.migrate()
    assert old.check() == []
    runs = rows(old, "SELECT command, host, pid FROM runs")
    assert runs == [{"command": "ingest", "host": None, "pid": None}]


def test_record_round_trips_into_tables(store: Store) -> None:
    record = full_record()
    run = store.start_run("ingest", ["feed.xml"], {"min_confidence": 0.5})
    assert store.store_record(record, run_id=run, input_key="feed.xml#1") == "stored"
    [article] = rows(store, "SELECT * FROM articles")
    assert article["article_id"] == record.id and article["version"] == 1 and bool(article["is_latest"])
    assert article["canonical_key"] == "url:https://news.example.com/2025/09/talks"
    assert (
        article["url"], article["outlet"], article["title"], article["published"], article["language"]
    ) == (record.url, record.outlet, record.title, record.published, record.language)
    assert article["authors"] == "A. Writer; B. Editor"
    assert article["text"] == record.text and len(article["text_hash"]) == 64
    assert json.loads(article["record"]) == record.to_dict()
    assert article["run_id"] == run and article["stored_at"].startswith("20")
    assert (article["n_attributions"], article["n_sources"], article["n_anonymous_sources"],
            article["n_non_responses"], article["n_hedged"]) == (3, 2, 1, 1, 1)

    attrs = rows(store, "SELECT * FROM attributions ORDER BY content_start")
    assert [a["attribution_id"] for a in attrs] == [a.id for a in record.attributions]
    for row, a in zip(attrs, record.attributions, strict=True):
        assert row["article_row_id"] == article["row_id"]
        assert (row["kind"], row["mode"], row["cue_text"], row["content_text"]) == (
            a.kind, a.mode, a.cue.text, a.content.text)
        assert a.source is not None
        assert (row["source_text"], row["source_start"], row["source_end"]) == (a.source.text, a.source.start,
                                                                               a.source.end)
        assert (row["content_start"], row["content_end"]) == (a.content.start, a.content.end)
        assert record.text[row["cue_start"]:row["cue_end"]] == "said"
        assert json.loads(row["content_spans"]) == [list(s) for s in a.content.spans]
        assert row["source_id"] == a.source_id and row["confidence"] == pytest.approx(0.875)
        assert bool(row["negated"]) is False and bool(row["hedged"]) is bool(a.hedges)
        assert row["hedges"] == ("; ".join(a.hedges) or None)

    srcs = {s["source_id"]: s for s in rows(store, "SELECT * FROM sources")}
    for s in record.sources:
        row = srcs[s.id]
        assert (row["name"], row["description"], row["identity"], row["count"], row["type"], row["role"],
                row["affiliation"]) == (
            s.name, s.description, s.identity, s.count, s.type, s.role, s.affiliation)
        assert (row["mention_count"], row["attribution_count"]) == (len(s.mentions), len(s.attribution_ids))
    mentions = rows(store, "SELECT * FROM source_mentions ORDER BY start_char")
    assert len(mentions) == 3 and {m["text"] for m in mentions} == {"Jane Doe", "a senior official"}
    assert all(record.text[m["start_char"]:m["end_char"]] == m["text"] for m in mentions)
    [nr] = rows(store, "SELECT * FROM non_responses")
    assert (nr["kind"], nr["actor_text"], nr["text"]) == ("declined_to_comment", "The embassy",
                                                         "The embassy declined to comment.")
    assert record.text[nr["start_char"]:nr["end_char"]] == nr["text"]
    assert store.input_states(["feed.xml#1", "never-seen"]) == {"feed.xml#1": "stored"}


def test_same_record_twice_is_stored_once(store: Store) -> None:
    record = full_record()
    run = store.start_run("ingest", [], {})
    assert store.store_record(record, run_id=run, input_key="k") == "stored"
    assert store.store_record(record, run_id=run, input_key="k") == "unchanged"
    assert (count(store, "articles"), count(store, "attributions"), count(store, "sources")) == (1, 3, 2)
    [r] = store.runs()
    assert (r["stored"], r["unchanged"]) == (1, 1)


def test_identity_without_url_is_the_text(store: Store) -> None:
    a = make_record("one", quotes=[Quote("Jane Doe", "Yes")])
    b = make_record("two", quotes=[Quote("Jane Doe", "Yes")])  # same text, other id: same article
    assert store.store_record(a) == "stored"
    assert store.store_record(b) == "new_version"  # same text, different record: kept as a version
    assert store.store_record(make_record("three", quotes=[Quote("Jane Doe", "No")])) == "stored"
    assert count(store, "articles") == 3 and len(store.articles()) == 2


def test_changed_text_at_same_url_is_a_new_version(store: Store) -> None:
    url = "https://news.example.com/story"
    old = make_record("s", url=url, quotes=[Quote("Jane Doe", "We will talk")])
    new = make_record("s", url=url + "/", quotes=[Quote("Jane Doe", "We will not talk")])
    assert store.store_record(old) == "stored"
    assert store.store_record(new) == "new_version"
    versions = rows(store, "SELECT version, is_latest, text FROM articles ORDER BY version")
    assert [(v["version"], bool(v["is_latest"])) for v in versions] == [(1, False), (2, True)]
    assert versions[0]["text"] == old.text and versions[1]["text"] == new.text
    assert count(store, "attributions") == 2  # the old version's findings are kept
    [listed] = store.articles()
    assert listed["version"] == 2
    assert [q["content"] for q in store.quotes()] == ["We will not talk"]
    assert store.store_record(new) == "unchanged"


def test_a_record_is_stored_whole_or_not_at_all(store: Store) -> None:
    good = full_record()
    # Two sources with one id: the sources insert, after the article and attributions, violates
    # uq_sources_article_source, so everything written before it must roll back.
    findings = {**good.findings, "sources": good.sources + good.sources[:1]}
    fields = {f: getattr(good, f) for f in good.__dataclass_fields__}
    broken = ArticleRecord(**{**fields, "findings": findings})
    run = store.start_run("ingest", [], {})
    with pytest.raises(StoreError) as err:
        store.store_record(broken, run_id=run, input_key="k")
    assert good.id in str(err.value)
    for table in ("articles", "attributions", "sources", "source_mentions", "non_responses", "inputs"):
        assert count(store, table) == 0, table
    assert store.search("embassy") == []
    [r] = store.runs()
    assert r["stored"] == 0
    assert store.store_record(good, run_id=run, input_key="k") == "stored"  # and the store still works


def test_runs_skips_failures_and_resume_ledger(store: Store) -> None:
    run = store.start_run("ingest", ["a.jsonl"], {"jobs": 2})
    store.store_record(full_record(), run_id=run, input_key="a.jsonl:1")
    store.store_record(full_record(), run_id=run, input_key="a.jsonl:2")
    store.record_skip(run, "a.jsonl:3", "a.jsonl line 3", "not_english")
    store.record_failure(run, "a.jsonl:4", "a.jsonl line 4", "extract", "no_article_text", "Empty page.")
    store.finish_run(run, "ok")
    [r] = store.runs()
    assert (r["stored"], r["unchanged"], r["skipped"], r["failed"], r["status"]) == (1, 1, 1, 1, "ok")
    assert r["stored"] + r["unchanged"] + r["skipped"] + r["failed"] == 4
    assert json.loads(r["inputs"]) == ["a.jsonl"] and json.loads(r["settings"]) == {"jobs": 2}
    assert r["finished_at"] is not None and r["onrecord_version"]
    keys = [f"a.jsonl:{i}" for i in range(1, 6)]
    assert store.input_states(keys) == {"a.jsonl:1": "stored", "a.jsonl:2": "stored", "a.jsonl:3": "skipped",
                                        "a.jsonl:4": "failed"}
    [failure] = rows(store, "SELECT * FROM failures")
    assert (failure["run_id"], failure["input_key"], failure["origin"], failure["stage"], failure["reason"],
            failure["message"]) == (
        run, "a.jsonl:4", "a.jsonl line 4", "extract", "no_article_text", "Empty page.")
    with pytest.raises(StoreError):
        store.finish_run(run, "done")


def _stats_corpus(store: Store) -> None:
    a_quotes = [Quote("Jane Doe", "We are ready", hedge="reportedly"),
                Quote("a senior official", "They are not", identity="anonymous")]
    store.store_record(make_record("A", outlet="a.com", published="2025-09-01",
                                   non_responses=["The ministry"], quotes=a_quotes))
    b_quotes = [
        Quote("people familiar with the talks", "A deal is near", identity="anonymous", hedge="reportedly")
    ]
    store.store_record(make_record("B", url="https://a.com/b", outlet="a.com", published="2025-10-03",
                                   quotes=[Quote("Jane Doe", "old"), Quote("John Roe", "old too")]))
    # A newer version of B replaces the first one in every statistic.
    store.store_record(make_record("B", url="https://a.com/b", outlet="a.com", published="2025-10-03",
                                   quotes=b_quotes))
    store.store_record(make_record("C", outlet="b.com", published="2025-10-20",
                                   non_responses=["The embassy"]))


def test_stats_by_outlet_and_month_match_hand_counts(store: Store) -> None:
    _stats_corpus(store)
    # a.com: A (2 statements, 2 sources / 1 anonymous, 1 hedged, a non-response) and
    # B (1 statement, 1 anonymous source, hedged). b.com: C (nothing said, a non-response).
    # a.com's sources: Jane Doe (named), a senior official and people familiar (anonymous); 2 of
    # its 3 statements rest on an anonymous source.
    assert store.stats("outlet") == [
        {"outlet": "a.com", "articles": 2, "statements": 3, "statements_per_article": 1.5,
         "named_sources": 1, "anonymous_sources": 2, "collective_sources": 0,
         "anonymous_source_share": 0.6667, "anonymous_statement_share": 0.6667,
         "non_response_rate": 0.5, "hedged_share": 0.6667},
        {"outlet": "b.com", "articles": 1, "statements": 0, "statements_per_article": 0.0,
         "named_sources": 0, "anonymous_sources": 0, "collective_sources": 0,
         "anonymous_source_share": None, "anonymous_statement_share": None,
         "non_response_rate": 1.0, "hedged_share": None},
    ]
    by_month = {r["month"]: r for r in store.stats("month")}
    assert set(by_month) == {"2025-09", "2025-10"}
    assert by_month["2025-10"]["articles"] == 2 and by_month["2025-10"]["statements_per_article"] == 0.5
    assert by_month["2025-10"]["non_response_rate"] == 0.5 and by_month["2025-10"]["hedged_share"] == 1.0
    assert store.stats("outlet", since="2025-10-01")[0]["articles"] == 1
    with pytest.raises(BadQuery):
        store.stats("week")


def test_articles_sources_and_quotes_filters(store: Store) -> None:
    _stats_corpus(store)
    assert [a["article_id"] for a in store.articles()] == ["C", "B", "A"]
    assert [a["article_id"] for a in store.articles(outlet="a.com", since="2025-10-01")] == ["B"]
    assert [a["article_id"] for a in store.articles(until="2025-10-03")] == ["B", "A"]
    assert [a["article_id"] for a in store.articles(limit=1, offset=1)] == ["B"]
    with pytest.raises(BadQuery):
        store.articles(since="last week")

    anonymous = store.sources(identity="anonymous")
    assert {s["name"] for s in anonymous} == {"a senior official", "people familiar with the talks"}
    [jane] = store.sources(name="jane")
    jane_row = (jane["name"], jane["identity"], jane["articles"], jane["citations"])
    assert jane_row == ("Jane Doe", "named", 1, 1)
    assert store.sources(outlet="b.com") == []
    assert store.sources(identity="anonymous", outlet="a.com", since="2025-10-01")[0]["citations"] == 1

    [q] = store.quotes(source="Jane Doe")
    assert (q["source"], q["content"], q["cue"], q["hedges"], q["negated"]) == (
        "Jane Doe", "We are ready", "said", "reportedly", False)
    assert [q["content"] for q in store.quotes(outlet="a.com", text="deal")] == ["A deal is near"]
    assert store.quotes(source="100%_") == []


def test_search_phrase_words_filters_and_bad_queries(store: Store) -> None:
    store.store_record(make_record("p", outlet="a.com", non_responses=["The ministry"], title="Navy talks"))
    store.store_record(make_record("w", outlet="b.com",
                                   body="Officials declined to say more and would not comment on it."))
    phrase = store.search('"declined to comment"')
    assert [r["article_id"] for r in phrase] == ["p"]
    assert "[" in phrase[0]["snippet"] and "comment" in phrase[0]["snippet"]
    assert {r["article_id"] for r in store.search("declined to comment")} == {"p", "w"}
    assert [r["article_id"] for r in store.search("declined comment", outlet="b.com")] == ["w"]
    assert [r["article_id"] for r in store.search("navy")] == ["p"]  # titles are searched too
    assert store.search("NEAR(declined OR) title:x AND") == []  # FTS syntax is just text
    anon = Quote("A senior official", "The budget is late", identity="anonymous")
    store.store_record(make_record("anon", body="Talks on the budget went on.", quotes=[anon]))
    store.store_record(make_record("named", body="Talks on the budget ended.",
                                   quotes=[Quote("Jane Doe", "The budget is ready")]))
    assert {r["article_id"] for r in store.search("budget")} == {"anon", "named"}
    assert [r["article_id"] for r in store.search("budget", identity="anonymous")] == ["anon"]
    assert [r["article_id"] for r in store.search("budget", identity="named")] == ["named"]
    for bad in ('"declined to', "", "--"):
        with pytest.raises(BadQuery):
            store.search(bad)


def test_export_every_table_and_read_back(store: Store, tmp_path: Path) -> None:
    run = store.start_run("ingest", [], {})
    store.store_record(full_record(), run_id=run, input_key="k")
    store.finish_run(run)
    out = tmp_path / "dump"
    for fmt in ("parquet", "csv", "jsonl"):
        written = store.export(fmt, out / fmt)
        assert set(written) == {"runs", "articles", "attributions", "sources", "source_mentions",
                                "non_responses", "findings", "failures", "inputs"}
    attrs = pq.read_table(out / "parquet" / "attributions.parquet").to_pylist()
    assert len(attrs) == 3 and attrs[0]["hedged"] is True
    assert attrs[0]["content_text"] == "We will not back down"
    articles = pq.read_table(out / "parquet" / "articles.parquet").to_pylist()
    assert json.loads(articles[0]["record"]) == full_record().to_dict()
    with (out / "csv" / "sources.csv").open(encoding="utf-8") as fh:
        srcs = list(csv.DictReader(fh))
    assert {s["name"] for s in srcs} == {"Jane Doe", ""} and srcs[0]["identity"] in ("named", "anonymous")
    lines = (out / "jsonl" / "non_responses.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["actor_text"] == "The embassy"
    assert (out / "jsonl" / "failures.jsonl").read_text(encoding="utf-8") == ""
    with pytest.raises(StoreError):
        store.export("xlsx", out / "x")


def test_concurrent_writers_of_one_article_store_it_once(store: Store) -> None:
    """Eight threads (eight connections) store the same new article at once: one row, the rest
    'unchanged' (on PostgreSQL an advisory lock per article lines them up)."""
    from concurrent.futures import ThreadPoolExecutor

    record = make_record("race", url="https://news.example/race", quotes=[Quote("Jane Doe", "First")])
    barrier = threading.Barrier(8)

    def write(_: int) -> str:
        barrier.wait()
        return store.store_record(record)

    with ThreadPoolExecutor(8) as pool:
        outcomes = sorted(pool.map(write, range(8)))
    assert outcomes == ["stored"] + ["unchanged"] * 7
    assert count(store, "articles") == 1
