"""The Ray engine (``run_ray``) on a local two-CPU Ray cluster: Parquet output and the SQLite store.

The inputs are a CC-NEWS-style WARC (articles, an image, a 404, a page with no article) and a
JSONL shard (texts and a broken line): every input must end as exactly one of stored,
unchanged, skipped or failed, with offsets into the stored text that hold.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warc_builder import write_warc

from onrecord.distributed.rows import PARQUET_TABLES, RowIds, record_rows
from onrecord.errors import ConfigError
from onrecord.records import ArticleRecord, Attribution, NonResponse, Provenance, Source, Span
from onrecord.settings import Settings
from onrecord.store import schema

PEOPLE = ("Ilsa Vantreight", "Tomas Brisbury", "Petra Lindqvist", "Oskar Penhallow", "Noemi Castellane")
TEXTS = (
    ('The ferry service will resume on Monday, officials said. "We are ready," said Ilsa Vantreight, '
    "the harbour master. The operator declined to comment."),
    ("According to two people familiar with the talks, the tariff could rise by at least 4 percent. "
    "Tomas Brisbury, a spokesperson for the water board, said no decision had been made."),
    ('Petra Lindqvist told reporters that the bridge was safe. "There is no danger," she said. '
    "The council did not immediately respond to a request for comment."),
)


def _page(n: int) -> str:
    who = PEOPLE[n % len(PEOPLE)]
    return f"""<html><head><title>Harbour story {n}</title></head><body><article>
<h1>Harbour story {n}</h1><p class="byline">By Desmond Achterberg</p>
<p>The harbour board approved plan number {n} on Tuesday after a long debate, officials said.</p>
<p>"This is the right decision for the town and for the port," said {who}, who chairs the board.</p>
<p>According to a person familiar with the talks, the cost could rise to more than {n + 2} million crowns.</p>
<p>The ministry declined to comment on the plan or on the vote.</p>
</article></body></html>"""


def _write_inputs(root: Path) -> tuple[Path, Path]:
    warc = root / "news.warc.gz"
    html_type = "text/html; charset=utf-8"
    write_warc(warc, [
        *[(f"https://harbour.example/story/{n}", _page(n), 200, html_type) for n in range(5)],
        ("https://harbour.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), 200, "image/png"),
        ("https://harbour.example/gone", "<html><body>Not found</body></html>", 404, html_type),
        ("https://harbour.example/empty", "<html><head><title>x</title></head><body></body></html>", 200,
         html_type),
    ])
    jsonl = root / "batch.jsonl"
    lines = [json.dumps({"id": f"t{i}", "text": text}) for i, text in enumerate(TEXTS)]
    jsonl.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    return warc, jsonl


# 5 WARC articles + 3 JSONL texts stored; the image and the 404 skipped; the empty page and the
# broken JSON line failed.
EXPECTED = {"read": 12, "stored": 8, "unchanged": 0, "skipped": 2, "failed": 2}


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    import ray  # a dev dependency: CI runs this on a local cluster, never skips it
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _check_counts(counts: dict[str, int]) -> None:
    assert counts == EXPECTED
    assert counts["stored"] + counts["unchanged"] + counts["skipped"] + counts["failed"] == counts["read"]


@pytest.mark.slow
@pytest.mark.model
def test_run_ray_writes_parquet_and_the_store(tmp_path: Path, local_ray: None) -> None:
    import pyarrow.parquet as pq

    from onrecord.distributed import run_ray

    warc, jsonl = _write_inputs(tmp_path)
    out = tmp_path / "out"
    counts = run_ray([str(warc), str(jsonl)], Settings(), db=None, out_dir=str(out), address=None, jobs=2)
    _check_counts(counts)

    tables = {name: pq.read_table(out / name) for name in PARQUET_TABLES}
    for name, table in tables.items():
        assert table.column_names == [c.name for c in schema.metadata.tables[name].columns], name
    articles = tables["articles"].to_pylist()
    assert len(articles) == 8
    urls = {a["url"] for a in articles if a["url"]}
    assert urls == {f"https://harbour.example/story/{n}" for n in range(5)}
    assert {a["article_id"] for a in articles} >= {"t0", "t1", "t2"}
    texts = {a["row_id"]: a["text"] for a in articles}
    attributions = tables["attributions"].to_pylist()
    assert attributions and {a["article_row_id"] for a in attributions} <= set(texts)
    for a in attributions:
        text = texts[a["article_row_id"]]
        assert text[a["cue_start"]:a["cue_end"]] == a["cue_text"]
        if a["source_start"] is not None:
            assert text[a["source_start"]:a["source_end"]] == a["source_text"]
        fragments = json.loads(a["content_spans"])
        assert " ".join(text[s:e] for s, e in fragments) == a["content_text"]
    for m in tables["source_mentions"].to_pylist():
        assert texts[m["article_row_id"]][m["start_char"]:m["end_char"]] == m["text"]
    non_responses = tables["non_responses"].to_pylist()
    assert non_responses
    for n in non_responses:
        assert texts[n["article_row_id"]][n["start_char"]:n["end_char"]] == n["text"]

    failures = tables["failures"].to_pylist()
    assert sorted((f["stage"], f["reason"]) for f in failures) == [("extract", "no_article_text"),
                                                                    ("ingest", "ingest")]
    keys = {f["reason"]: f["input_key"] for f in failures}
    assert keys["ingest"] == f"{jsonl}:4" and keys["no_article_text"].startswith(f"{warc}@")
    ledger = tables["inputs"].to_pylist()
    assert len(ledger) == 12 and len({r["input_key"] for r in ledger}) == 12
    states = sorted((r["state"], r["reason"]) for r in ledger if r["state"] != "stored")
    assert states == [("failed", "ingest"), ("failed", "no_article_text"), ("skipped", "http_status"),
                      ("skipped", "not_html")]
    assert all(r["input_key"].startswith((f"{warc}@", f"{jsonl}:")) for r in ledger)

    # The same shards into a SQLite store, then again: the second run changes nothing.
    db = tmp_path / "runs.db"
    first = run_ray([str(warc), str(jsonl)], Settings(), db=str(db), out_dir=None, address=None, jobs=1)
    _check_counts(first)
    again = run_ray([str(warc), str(jsonl)], Settings(), db=str(db), out_dir=None, address=None, jobs=1)
    assert again == {**EXPECTED, "stored": 0, "unchanged": 8}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (8,)
        assert conn.execute("SELECT count(*) FROM attributions").fetchone() == (len(attributions),)
        runs = conn.execute("SELECT status, n_stored, n_unchanged, n_skipped, n_failed FROM runs ORDER BY id")
        assert runs.fetchall() == [("ok", 8, 0, 2, 2), ("ok", 0, 8, 2, 2)]
        reasons = conn.execute("SELECT stage, reason FROM failures ORDER BY stage, id").fetchall()
        assert reasons == [("extract", "no_article_text")] * 2 + [("ingest", "ingest")] * 2  # one per run
        ledger_db = dict(conn.execute("SELECT state, count(*) FROM inputs GROUP BY state").fetchall())
        assert ledger_db == {"stored": 8, "skipped": 2, "failed": 2}
        row = conn.execute("SELECT text, cue_start, cue_end, cue_text FROM attributions JOIN articles "
                           "ON articles.row_id = attributions.article_row_id LIMIT 1").fetchone()
        assert row[0][row[1]:row[2]] == row[3]


def _record() -> ArticleRecord:
    text = 'Officials said "it is done." The ministry declined to comment.'
    cue, source, content = Span.from_offsets(text, [(10, 14)]), Span.from_offsets(text, [(0, 9)]), \
        Span.from_offsets(text, [(16, 27)])
    attribution = Attribution("q1", "direct", "statement", cue, source, content, "s1", ("reportedly",))
    officials = Source("s1", None, "officials", "collective", None, "person", "official", None, ((0, 9),),
                       ("q1",))
    declined = NonResponse(Span.from_offsets(text, [(29, 41)]), "declined_to_comment",
                           Span.from_offsets(text, [(29, 62)]))
    return ArticleRecord(
        id="a1", text=text, url="https://x.example/a",
        provenance=Provenance("0.1.0", "en_core_web_sm 3.8.0", ("onrecord_attributions",)),
        findings={"attributions": (attribution,), "sources": (officials,), "non_responses": (declined,)},
    )


def test_flattened_rows_have_the_store_columns() -> None:
    rows: dict[str, list[dict[str, Any]]] = {}
    for table, row in record_rows(_record(), RowIds(), run_id=None, stored_at="2025-01-01T00:00:00+00:00"):
        rows.setdefault(table, []).append(row)
    assert set(rows) == {"articles", "attributions", "sources", "source_mentions", "non_responses"}
    for table, table_rows in rows.items():
        columns = {c.name for c in schema.metadata.tables[table].columns}
        assert all(set(r) == columns for r in table_rows), table
    assert rows["attributions"][0]["hedged"] is True and rows["articles"][0]["n_hedged"] == 1
    assert rows["source_mentions"][0]["text"] == "Officials"


def test_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from onrecord.distributed import run_ray

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ConfigError, match=r"pip install 'onrecord\[ray\]'"):
        run_ray([str(tmp_path)], Settings(), db=None, out_dir=str(tmp_path / "o"), address=None, jobs=1)


def test_inputs_must_be_shards(tmp_path: Path) -> None:
    from onrecord.distributed.shards import expand_shards

    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(ConfigError, match="WARC or JSON Lines"):
        expand_shards([str(page)])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "a.warc.gz").write_bytes(b"")
    assert expand_shards([str(tmp_path)]) == [str(tmp_path / "a.warc.gz"), str(tmp_path / "sub" / "b.jsonl")]


# Ray's own lines seen on a plain `onrecord ingest --engine ray` before (issue 14 §4). Not here:
# the C++ core's actor-restart caveat ("core_worker.cc"), which Python logging cannot reach
# (onrecord/distributed/ray_logs.py).
RAY_NOISE = ("Token authentication", "Progress bars disabled", "Started a local Ray instance",
             "streaming_executor", "Execution plan", "WARNING", " INFO ")


@pytest.mark.slow
@pytest.mark.model
def test_cli_ray_run_shows_onrecord_progress_not_ray_logs(tmp_path: Path) -> None:
    """On a terminal: onrecord's progress line and summary, none of Ray's log lines."""
    import os
    import pty
    import subprocess

    shard = tmp_path / "batch.jsonl"
    shard.write_text("\n".join(json.dumps({"id": f"t{i}", "text": t}) for i, t in enumerate(TEXTS)) + "\n",
                     encoding="utf-8")
    main, terminal = pty.openpty()  # stderr a terminal, as for a user: progress is drawn only there
    onrecord = Path(sys.executable).with_name("onrecord")
    proc = subprocess.Popen([str(onrecord), "ingest", str(shard), "--engine", "ray", "--jobs", "1",
                             "--out", str(tmp_path / "out")], stdout=subprocess.DEVNULL, stderr=terminal,
                            stdin=subprocess.DEVNULL, env={**os.environ, "RAY_ADDRESS": ""})
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=600) == 0
    os.close(main)
    err = b"".join(chunks).decode("utf-8", "replace")
    progress = [line for line in err.replace("\r\n", "\n").replace("\r", "\n").splitlines()
                if line.startswith("onrecord: ")]
    assert progress and progress[0].endswith("stored, 0 skipped, 0 failed"), err
    assert "onrecord ingest (ray): 3 read, 3 stored" in err
    noise = [word for word in RAY_NOISE if word in err]
    assert not noise, err
