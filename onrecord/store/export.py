"""Export every table to Parquet, CSV or JSON Lines: one file per table, streamed in batches.

Rows are read with a streaming cursor and written ``BATCH_ROWS`` at a time, so an export
of millions of articles needs memory for one batch, not for the table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Boolean, Float, Integer, Table, select
from sqlalchemy.engine import Connection

from onrecord.store.errors import StoreError
from onrecord.store.schema import EXPORT_FORMATS, exported_tables

BATCH_ROWS = 2_000  # articles rows carry full texts and records: keep a batch to a few MB


def export_tables(conn: Connection, fmt: str, out_dir: Path) -> dict[str, Path]:
    """Write each table to ``out_dir/<table>.<fmt>``; returns the files written by table name."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"Cannot export as {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.",
                         code="bad_format")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the export folder '{out_dir}': {exc.strerror}. Pick another "
                         "folder with --out.", code="cannot_write") from exc
    written: dict[str, Path] = {}
    for table in exported_tables():
        path = out_dir / f"{table.name}.{fmt}"
        try:
            _WRITERS[fmt](table, _batches(conn, table), path)
        except OSError as exc:
            raise StoreError(f"Cannot write '{path}': {exc.strerror or exc}.", code="cannot_write") from exc
        written[table.name] = path
    return written


def _batches(conn: Connection, table: Table) -> Iterator[Sequence[Any]]:
    order = list(table.primary_key.columns)
    result = conn.execution_options(stream_results=True, max_row_buffer=BATCH_ROWS).execute(
        select(table).order_by(*order))
    yield from result.partitions(BATCH_ROWS)


def arrow_schema(table: Table) -> pa.Schema:
    def arrow_type(column: Any) -> pa.DataType:
        if isinstance(column.type, Boolean):
            return pa.bool_()
        if isinstance(column.type, Integer):
            return pa.int64()
        if isinstance(column.type, Float):
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(c.name, arrow_type(c), nullable=c.nullable) for c in table.columns])


def _write_parquet(table: Table, batches: Iterator[Sequence[Any]], path: Path) -> None:
    schema = arrow_schema(table)
    names = [c.name for c in table.columns]
    with pq.ParquetWriter(path, schema) as writer:
        for rows in batches:
            columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
            # Booleans come back from SQLite as 0/1.
            for field in schema:
                if field.type == pa.bool_():
                    columns[field.name] = [None if v is None else bool(v) for v in columns[field.name]]
            writer.write_table(pa.table(columns, schema=schema))


def _write_csv(table: Table, batches: Iterator[Sequence[Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.name for c in table.columns])
        for rows in batches:
            out.writerows(tuple(row) for row in rows)


def _write_jsonl(table: Table, batches: Iterator[Sequence[Any]], path: Path) -> None:
    names = [c.name for c in table.columns]
    booleans = {c.name for c in table.columns if isinstance(c.type, Boolean)}
    with path.open("w", encoding="utf-8") as fh:
        for rows in batches:
            for row in rows:
                item = {
                    n: (bool(v) if n in booleans and v is not None else v)
                    for n, v in zip(names, row, strict=True)
                }
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")


_WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}
