"""The write side: one record becomes one article row plus its findings, in one transaction.

Every function here takes a Connection that is already inside a transaction (the Store
opens it), so a record is stored whole or not at all. Identity is the canonical URL, else
a hash of the text; the same record stored twice is "unchanged", a changed record at the
same identity becomes a new version and the old one is kept with ``is_latest`` false.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from onrecord.records import ArticleRecord
from onrecord.store import schema as t
from onrecord.store.rows import (
    Row,
    article_columns,
    canonical_key,
    finding_rows,
    record_json,
    sha256,
    story_feature_row,
)

Outcome = Literal["stored", "new_version", "unchanged"]
InputState = Literal["stored", "skipped", "failed"]


def now() -> str:
    """UTC time as ISO 8601, the form every date column uses."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def store_record(
    conn: Connection, record: ArticleRecord, *, run_id: int | None, input_key: str | None,
    identity: str | None = None,
) -> Outcome:
    """Write one record (article row, findings, search index, ledger, run count); ``identity``
    overrides the canonical key (versions of one file)."""
    key = identity or canonical_key(record)
    as_json = record_json(record)
    record_hash = sha256(as_json)
    if conn.dialect.name == "postgresql":
        # Writers of one article take turns (SQLite's BEGIN IMMEDIATE already makes them): two
        # processes storing the same new article would otherwise both pick version 1.
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
    # The newest version is the latest one. Looking it up through the (canonical_key, version)
    # unique index keeps this one index probe; a filter on is_latest lets SQLite's planner pick
    # the is_latest index and scan every article.
    latest = conn.execute(
        select(t.articles.c.row_id, t.articles.c.version, t.articles.c.record_hash)
        .where(t.articles.c.canonical_key == key).order_by(t.articles.c.version.desc()).limit(1)
    ).first()
    outcome: Outcome
    if latest is not None and latest.record_hash == record_hash:
        outcome, row_id = "unchanged", int(latest.row_id)
    else:
        version = int(latest.version) if latest is not None else 0
        if latest is not None:
            conn.execute(
                update(t.articles).where(t.articles.c.row_id == latest.row_id).values(is_latest=False)
            )
        columns = article_columns(record, key=key, version=version + 1, as_json=as_json, run_id=run_id,
                                  stored_at=now())
        row_id = int(conn.execute(_INSERT_ARTICLE, columns).scalar_one())
        _insert_findings(conn, row_id, record)
        conn.execute(insert(t.story_features), story_feature_row(record, row_id))
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO articles_fts(rowid, title, text) VALUES (:r, :title, :text)"),
                         {"r": row_id, "title": record.title or "", "text": record.text})
        outcome = "new_version" if latest is not None else "stored"
    if input_key is not None:
        set_input_state(conn, input_key, "stored", reason=outcome, run_id=run_id, article_row_id=row_id)
    if run_id is not None:
        bump_run(conn, run_id, "n_unchanged" if outcome == "unchanged" else "n_stored")
    return outcome


_INSERT_ARTICLE = insert(t.articles).returning(t.articles.c.row_id)  # one compiled statement, reused


def _insert_findings(conn: Connection, row_id: int, r: ArticleRecord) -> None:
    by_table: dict[str, list[Row]] = {}
    for table, row in finding_rows(r, row_id):
        by_table.setdefault(table, []).append(row)
    for table, rows in by_table.items():
        conn.execute(insert(t.metadata.tables[table]), rows)


def _upsert_input(insert_fn: Any) -> Any:
    """INSERT ... ON CONFLICT (input_key) DO UPDATE: one statement, the last word on a key wins."""
    stmt = insert_fn(t.inputs)
    columns = ("state", "origin", "reason", "run_id", "article_row_id", "updated_at")
    return stmt.on_conflict_do_update(index_elements=[t.inputs.c.input_key],
                                      set_={c: stmt.excluded[c] for c in columns})


_UPSERT_INPUT = {True: _upsert_input(sqlite_insert), False: _upsert_input(postgresql_insert)}


def set_input_state(conn: Connection, input_key: str, state: InputState, *, reason: str | None,
                    run_id: int | None, article_row_id: int | None = None, origin: str | None = None) -> None:
    """Record where an input ended up, for resuming: the last word on a key wins."""
    values = {"state": state, "origin": origin, "reason": reason, "run_id": run_id,
              "article_row_id": article_row_id, "updated_at": now()}
    conn.execute(_UPSERT_INPUT[conn.dialect.name == "sqlite"], {"input_key": input_key, **values})


def bump_run(conn: Connection, run_id: int, counter: str) -> None:
    """Add one to a run's counter (n_stored, n_unchanged, n_skipped, n_failed)."""
    column = t.runs.c[counter]
    conn.execute(update(t.runs).where(t.runs.c.id == run_id).values({column: column + 1}))


def record_skip(conn: Connection, run_id: int, input_key: str, origin: str | None, reason: str) -> None:
    """An input that was expected not to yield an article (empty page, not English)."""
    set_input_state(conn, input_key, "skipped", reason=reason, run_id=run_id, origin=origin)
    bump_run(conn, run_id, "n_skipped")


def record_failure(conn: Connection, run_id: int, input_key: str, origin: str | None, stage: str,
                   reason: str, message: str) -> None:
    """An input that failed: a failures row, the ledger state and the run's count."""
    conn.execute(insert(t.failures).values(run_id=run_id, input_key=input_key, origin=origin, stage=stage,
                                           reason=reason, message=message, failed_at=now()))
    set_input_state(conn, input_key, "failed", reason=reason, run_id=run_id, origin=origin)
    bump_run(conn, run_id, "n_failed")
