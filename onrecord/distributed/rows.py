"""Store rows for writers that have no database (Parquet shards from the Ray engine).

The flattening itself is ``onrecord.store.rows``, shared with the store writer, so a
Parquet shard and ``onrecord export --format parquet`` of the same records read the same
(a test checks the columns against ``onrecord.store.schema``).

Identifiers the database would assign (``articles.row_id``, each finding's ``id``) are
given by the caller, so child rows can point at their article through ``article_row_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from onrecord.records import ArticleRecord
from onrecord.store.rows import Row, article_columns, canonical_key, finding_rows, record_json
from onrecord.store.schema import exported_tables

# Tables the Parquet output holds, in dependency order: the store's export tables less ``runs``
# (a run's summary is the count dict run_ray returns).
PARQUET_TABLES = tuple(t.name for t in exported_tables() if t.name != "runs")


@dataclass
class RowIds:
    """Sequential ids per table, standing in for the database's autoincrement columns."""

    last: dict[str, int] = field(default_factory=dict)

    def next(self, table: str) -> int:
        value = self.last.get(table, 0) + 1
        self.last[table] = value
        return value


def article_row(record: ArticleRecord, row_id: int, *, run_id: int | None, stored_at: str) -> Row:
    """The ``articles`` row of a record, as the first (and latest) version of its article."""
    columns = article_columns(record, key=canonical_key(record), version=1, as_json=record_json(record),
                              run_id=run_id, stored_at=stored_at)
    return {"row_id": row_id, **columns}


def record_rows(record: ArticleRecord, ids: RowIds, *, run_id: int | None, stored_at: str
                ) -> Iterator[tuple[str, Row]]:
    """Every row one record contributes, ids assigned: the article first, then its findings."""
    row_id = ids.next("articles")
    yield "articles", article_row(record, row_id, run_id=run_id, stored_at=stored_at)
    for table, row in finding_rows(record, row_id):
        yield table, {"id": ids.next(table), **row}


def failure_row(ids: RowIds, *, run_id: int | None, input_key: str, origin: str | None, stage: str,
                reason: str, message: str, failed_at: str) -> Row:
    """A ``failures`` row: an input that could not be analysed, and why."""
    return {"id": ids.next("failures"), "run_id": run_id, "input_key": input_key, "origin": origin,
            "stage": stage, "reason": reason, "message": message, "failed_at": failed_at}


def input_row(*, input_key: str, state: str, origin: str | None, reason: str | None, run_id: int | None,
              article_row_id: int | None, updated_at: str) -> Row:
    """An ``inputs`` (ledger) row: where one input ended up, stored, skipped or failed."""
    return {"input_key": input_key, "state": state, "origin": origin, "reason": reason, "run_id": run_id,
            "article_row_id": article_row_id, "updated_at": updated_at}
