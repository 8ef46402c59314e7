"""Parquet output of a distributed run: one dataset (a folder of part files) per store table.

``OUT/articles/part-00000.parquet``, ``OUT/attributions/part-00000.parquet``, … with the
columns and Arrow types of ``onrecord export --format parquet``, so DuckDB
(``read_parquet('OUT/articles/*.parquet')``), pandas or pyarrow read a folder as one table.
``OUT`` may be a local folder or a URI pyarrow understands (``s3://bucket/prefix``).
Rows are buffered per table and written as row groups; a new part file starts every
``ARTICLES_PER_PART`` articles so no single file grows without bound.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from onrecord.distributed.rows import PARQUET_TABLES
from onrecord.distributed.shards import is_uri
from onrecord.store import schema
from onrecord.store.errors import StoreError
from onrecord.store.export import arrow_schema
from onrecord.store.rows import Row

# articles rows carry the text and the record JSON (tens of KB): a row group of 1,000 is a few tens of MB.
ROW_GROUP_ROWS = 1_000
ARTICLES_PER_PART = 10_000


def parquet_schema(table: str) -> pa.Schema:
    """The Arrow schema ``onrecord export`` gives a store table, with ``run_id`` nullable.

    A Parquet-only run has no row in a ``runs`` table, so its rows carry no run id.
    """
    exported = arrow_schema(schema.metadata.tables[table])  # the same column types as `onrecord export`
    return pa.schema([f.with_nullable(True) if f.name == "run_id" else f for f in exported])


class ParquetOutput:
    """Write rows table by table into ``out_dir``; refuses a folder that already holds a run."""

    def __init__(self, out_dir: str) -> None:
        if is_uri(out_dir):
            self.filesystem, self.base = fs.FileSystem.from_uri(out_dir)
        else:
            self.filesystem, self.base = fs.LocalFileSystem(), str(Path(out_dir).absolute())
        self.label = out_dir
        self.schemas = {t: parquet_schema(t) for t in PARQUET_TABLES}
        self.buffers: dict[str, list[Row]] = {t: [] for t in PARQUET_TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.has_file: set[str] = set()
        self.part = 0
        self.articles_in_part = 0
        self._prepare()

    def _prepare(self) -> None:
        try:
            for table in PARQUET_TABLES:
                folder = f"{self.base}/{table}"
                existing = self.filesystem.get_file_info(fs.FileSelector(folder, allow_not_found=True))
                if any(f.type == fs.FileType.File for f in existing):
                    raise StoreError(f"'{self.label}' already holds Parquet output ('{table}/' is not "
                                     "empty). Give --out an empty folder, so two runs are not mixed.",
                                     code="not_empty")
                self.filesystem.create_dir(folder, recursive=True)
        except OSError as exc:
            raise StoreError(f"Cannot write Parquet to '{self.label}': {exc}", code="cannot_write") from exc

    def add(self, table: str, row: Row) -> None:
        """Queue one row; full buffers are written as a row group."""
        buffer = self.buffers[table]
        buffer.append(row)
        if table == "articles":
            self.articles_in_part += 1
        if len(buffer) >= ROW_GROUP_ROWS:
            self._flush(table)
        if self.articles_in_part >= ARTICLES_PER_PART:
            self._next_part()

    def _flush(self, table: str) -> None:
        rows = self.buffers[table]
        writer = self._writer(table)
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=self.schemas[table]))
            self.buffers[table] = []

    def _writer(self, table: str) -> pq.ParquetWriter:
        if table not in self.writers:
            path = f"{self.base}/{table}/part-{self.part:05d}.parquet"
            try:
                self.writers[table] = pq.ParquetWriter(path, self.schemas[table], filesystem=self.filesystem)
            except OSError as exc:
                raise StoreError(f"Cannot write '{path}': {exc}", code="cannot_write") from exc
            self.has_file.add(table)
        return self.writers[table]

    def _next_part(self) -> None:
        for table in PARQUET_TABLES:
            if self.buffers[table] or table in self.writers:
                self._flush(table)
        self._close_writers()
        self.part += 1
        self.articles_in_part = 0

    def _close_writers(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers = {}

    def close(self) -> dict[str, str]:
        """Write what is buffered and close every file; each table gets a file, even when empty."""
        for table in PARQUET_TABLES:
            if self.buffers[table] or table in self.writers or table not in self.has_file:
                self._flush(table)
        self._close_writers()
        return {t: f"{self.label.rstrip('/')}/{t}" for t in PARQUET_TABLES}

