"""The store: ArticleRecords in SQLite (default, one file) or PostgreSQL (``postgresql://…``).

``Store`` is the one entry point for writers (``onrecord ingest``) and readers (the CLI
query commands). Each record is written in one transaction; driver errors a user can fix
(read-only file, full disk, a lock held too long) come out as ``StoreError`` naming the
database and what to do.

    store = Store.open("onrecord.db")        # or None, sqlite:///path, postgresql://…
    store.migrate()
    run = store.start_run("ingest", ["feeds.txt"], {"min_confidence": 0.5})
    store.store_record(record, run_id=run, input_key=record.id)   # "stored" | "new_version" | "unchanged"
    store.finish_run(run, "ok")
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from onrecord import __version__
from onrecord.findings import kind_named, kinds
from onrecord.records import ArticleRecord
from onrecord.store import migrate as _migrate
from onrecord.store import queries as _queries
from onrecord.store import schema as t
from onrecord.store import search as _search
from onrecord.store import story_queries as _story_queries
from onrecord.store import writer as _writer
from onrecord.store.engine import (
    READ,
    Target,
    check_foreign_file,
    check_writable,
    is_read_only,
    make_engine,
    parse_target,
    translated_errors,
)
from onrecord.store.errors import BadQuery, SchemaMismatch, StoreError
from onrecord.store.writer import InputState, Outcome

RUN_STATUSES = ("ok", "failed", "interrupted")
SCHEMA_RECHECK = 60.0  # seconds a passed schema check holds for reads (a server reads many times)


def _close_abandoned_runs(conn: Connection, host: str) -> None:
    """Mark this host's "running" runs whose process is gone as "interrupted"."""
    rows = conn.execute(select(t.runs.c.id, t.runs.c.pid).where(t.runs.c.status == "running",
                                                                 t.runs.c.host == host)).all()
    gone = [int(r.id) for r in rows if r.pid is not None and not _alive(int(r.pid))]
    if gone:
        conn.execute(update(t.runs).where(t.runs.c.id.in_(gone))
                     .values(status="interrupted", finished_at=_writer.now()))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


@contextmanager
def _migration_lock(target: Target) -> Iterator[None]:
    """One migrating process at a time on a SQLite file.

    Two ingests starting on a new file both create the schema; SQLite's own locks can leave
    one of them waiting out the busy timeout. An advisory flock on the file itself (separate
    from SQLite's byte-range locks) lines them up; PostgreSQL uses an advisory lock instead.
    """
    if target.path is None:
        yield
        return
    with open(target.path, "ab") as handle:  # creates the file: SQLite takes an empty file as new
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _finding_where(kind: str, where: Mapping[str, str] | None) -> list[tuple[Any, str]]:
    """(declared filter, value) pairs for ``where``; BadQuery for an unknown kind or filter."""
    declared = kind_named(kind)
    searchable = [k.name for k in kinds() if k.is_searchable]
    if declared is None or not declared.is_searchable:
        raise BadQuery(f"Unknown finding kind {kind!r}: use one of {', '.join(searchable) or '(none)'}.")
    by_name = {f.name: f for f in declared.filters}
    pairs = []
    for name, value in (where or {}).items():
        if name not in by_name:
            valid = ", ".join(by_name) or "(none)"
            raise BadQuery(f"{kind} has no filter {name!r}: use one of {valid}.")
        if value:
            pairs.append((by_name[name], value))
    return pairs


class Store:
    """One database: the writer's and the readers' way in. Use ``Store.open``."""

    def __init__(self, target: Target, engine: Engine) -> None:
        self.target = target
        self.engine = engine
        self._schema_checked_at = -SCHEMA_RECHECK  # monotonic time of the last schema check that passed

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True) -> Store:
        """Open the database ``db`` (None → ./onrecord.db).

        With ``create=False`` a missing SQLite file is an error rather than a new empty
        database: the query commands use that so a typo in ``--db`` does not go unnoticed.
        """
        target = parse_target(db)
        if target.path is not None and not target.path.exists() and not create:
            raise StoreError(f"No database at '{target.path}'. Store articles first (onrecord ingest), "
                             "or pass --db with the right path.", code="not_found")
        check_foreign_file(target)  # another application's SQLite file: refused, untouched
        return cls(target, make_engine(target))

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    def migrate(self) -> None:
        """Create or upgrade the tables to this onrecord's schema (safe to call every time)."""
        check_writable(self.target)
        with translated_errors(self.target, "migrate"), _migration_lock(self.target):
            _migrate.upgrade(self.engine)

    def check(self) -> list[str]:
        """Problems found (empty when healthy): schema version, drift from schema.py, and on SQLite
        ``PRAGMA integrity_check`` and the search index's own check."""
        problems: list[str] = []
        with translated_errors(self.target, "check"), self.engine.connect().execution_options(**READ) as conn:
            current, head = _migrate.current_revision(conn), _migrate.head_revision()
            if current != head:
                return [(f"schema is at revision {current or 'none'}, this onrecord needs {head}: "
                        f"run 'onrecord db migrate --db {self.target.label}'")]
            problems += [f"schema differs from onrecord's: {d}" for d in _migrate.schema_drift(conn)]
            if conn.dialect.name == "sqlite":
                lines = [str(r[0]) for r in conn.execute(text("PRAGMA integrity_check"))]
                problems += [f"integrity_check: {line}" for line in lines if line != "ok"]
        # FTS5's check is written as an INSERT: a read-only file (opened immutable) cannot run it
        if self.target.path is not None and not is_read_only(self.target.path):
            with translated_errors(self.target, "check"), self.engine.begin() as wconn:
                # FTS5's integrity-check compares the index with the articles it covers
                check = "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
                try:
                    wconn.execute(text(check))
                except DBAPIError as exc:  # a corrupt index is the finding we report
                    problems.append(f"search index: {exc.orig}")
        return problems

    def _write(self) -> Any:
        check_writable(self.target)
        return self.engine.begin()

    def _read(self) -> Any:
        return self.engine.connect().execution_options(**READ)

    def _ensure_schema(self, conn: Connection) -> None:
        """Refuse to read a database at another schema version; once seen right, it is checked
        again at most every SCHEMA_RECHECK seconds (a read is a few hundred microseconds)."""
        if time.monotonic() - self._schema_checked_at < SCHEMA_RECHECK:
            return
        current, head = _migrate.current_revision(conn), _migrate.head_revision()
        if current != head:
            raise SchemaMismatch(f"The database '{self.target.label}' is at schema {current or 'none'}, "
                                 f"this onrecord needs {head}. "
                                 f"Run 'onrecord db migrate --db {self.target.label}'.")
        self._schema_checked_at = time.monotonic()

    # -- runs and the write side ----------------------------------------------------------

    def start_run(self, command: str, inputs: Iterable[str], settings: dict[str, Any], *,
                  model_version: str | None = None) -> int:
        """Open a run (status "running") and return its id; counts start at zero.

        Runs left "running" by a process on this host that no longer exists (killed, or the
        machine rebooted mid-run) are closed as "interrupted" first.
        """
        host = socket.gethostname()
        with translated_errors(self.target, "start a run in"), self._write() as conn:
            _close_abandoned_runs(conn, host)
            result = conn.execute(insert(t.runs).values(
                command=command, inputs=json.dumps(list(inputs), ensure_ascii=False),
                started_at=_writer.now(), onrecord_version=__version__, model_version=model_version,
                settings=json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str),
                n_stored=0, n_unchanged=0, n_skipped=0, n_failed=0, status="running", host=host,
                pid=os.getpid(),
            ).returning(t.runs.c.id))
            return int(result.scalar_one())

    def finish_run(self, run_id: int, status: str = "ok") -> None:
        """Close a run with ``ok``, ``failed`` or ``interrupted``."""
        if status not in RUN_STATUSES:
            raise StoreError(f"Unknown run status {status!r}: use one of {', '.join(RUN_STATUSES)}.",
                             code="bad_status")
        with translated_errors(self.target, "finish a run in"), self._write() as conn:
            conn.execute(update(t.runs).where(t.runs.c.id == run_id)
                         .values(status=status, finished_at=_writer.now()))

    def store_record(self, record: ArticleRecord, *, run_id: int | None = None,
                     input_key: str | None = None, identity: str | None = None) -> Outcome:
        """Store one record in one transaction: "stored", "new_version" or "unchanged".

        ``identity`` names the article across versions when the record cannot (a file without a
        URL: ``file:PATH``); by default it is the canonical URL, else the text's hash.
        """
        with translated_errors(self.target, f"store article {record.id!r} in"), self._write() as conn:
            return _writer.store_record(conn, record, run_id=run_id, input_key=input_key, identity=identity)

    def record_skip(self, run_id: int, input_key: str, origin: str | None, reason: str) -> None:
        """Note an input that was skipped on purpose (counted, and not redone on resume)."""
        with translated_errors(self.target, "record a skip in"), self._write() as conn:
            _writer.record_skip(conn, run_id, input_key, origin, reason)

    def record_failure(self, run_id: int, input_key: str, origin: str | None, stage: str, reason: str,
                       message: str) -> None:
        """Note an input that failed: a failures row, its ledger state, the run's count."""
        with translated_errors(self.target, "record a failure in"), self._write() as conn:
            _writer.record_failure(conn, run_id, input_key, origin, stage, reason, message)

    def input_states(self, keys: Iterable[str]) -> dict[str, InputState]:
        """The ledger state of each key that has one; keys never seen are absent (to do)."""
        wanted = list(dict.fromkeys(keys))
        states: dict[str, InputState] = {}
        with translated_errors(self.target, "read"), self._read() as conn:
            for i in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
                chunk = wanted[i:i + 500]
                rows = conn.execute(select(t.inputs.c.input_key, t.inputs.c.state)
                                    .where(t.inputs.c.input_key.in_(chunk)))
                states.update({str(r.input_key): r.state for r in rows})
        return states

    # -- the read side --------------------------------------------------------------------

    def _query(self, action: str, fn: Any, /, **kwargs: Any) -> list[dict[str, Any]]:
        with translated_errors(self.target, action), self._read() as conn:
            self._ensure_schema(conn)
            rows: list[dict[str, Any]] = fn(conn, **kwargs)
            return rows

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Latest article versions, newest first."""
        return self._query("list articles in", _queries.list_articles, outlet=outlet, since=since,
                           until=until, limit=limit, offset=offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The latest stored record of one article (the JSON contract as a dict), or None."""
        version = self.article_version(article_id)
        record: dict[str, Any] | None = json.loads(version[1]) if version else None
        return record

    def article_hash(self, article_id: str) -> str | None:
        """The record hash of an article's latest version (it names the version), or None."""
        rows = self._query("read an article in", _queries.article_hash, article_id=article_id)
        return str(rows[0]["record_hash"]) if rows else None

    def article_version(self, article_id: str) -> tuple[str, str] | None:
        """(record_hash, record JSON) of an article's latest version, or None: the hash names
        the version, so a reader can cache what it renders from it."""
        rows = self._query("read an article in", _queries.article_record, article_id=article_id)
        return (str(rows[0]["record_hash"]), str(rows[0]["record"])) if rows else None

    def sources(self, *, identity: str | None = None, role: str | None = None, outlet: str | None = None,
                name: str | None = None, since: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
        """Sources aggregated across articles by name, with article and citation counts."""
        return self._query("list sources in", _queries.list_sources, identity=identity, role=role,
                           outlet=outlet, name=name, since=since, limit=limit, offset=offset)

    def quotes(self, *, source: str | None = None, outlet: str | None = None, since: str | None = None,
               until: str | None = None, text: str | None = None, limit: int = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        """Attributed statements, optionally by source name, outlet, date or words in the content."""
        return self._query("list quotes in", _queries.list_quotes, source=source, outlet=outlet, since=since,
                           until=until, text_contains=text, limit=limit, offset=offset)

    def search(self, query: str, *, outlet: str | None = None, since: str | None = None,
               until: str | None = None, identity: str | None = None, limit: int = 20,
               offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over titles and texts; words and "quoted phrases" must all match.

        ``identity`` keeps articles citing at least one source of that identity.
        """
        _search.parse_query(query)  # a bad query is the user's to fix, before touching the database
        return self._query("search", _search.search_articles, query=query, outlet=outlet, since=since,
                           until=until, identity=identity, limit=limit, offset=offset)

    def total(self, listing: str, **filters: Any) -> int:
        """How many rows a listing ("articles", "sources", "quotes", "search", "stories", "findings"
        or "runs") matches in all, with the same filters as its method: the API's ``total`` on a
        first page."""
        fn = {"articles": _queries.list_articles, "sources": _queries.list_sources,
              "quotes": _queries.list_quotes, "search": _search.search_articles,
              "stories": _story_queries.list_stories, "findings": _queries.list_findings,
              "runs": _queries.list_runs}[listing]
        if listing == "findings":
            filters["where"] = _finding_where(filters["kind"], filters.get("where"))
        rows = self._query(f"count {listing} in", fn, count=True, limit=0, offset=0, **filters)
        return int(rows[0]["total"])

    def findings(self, kind: str, *, where: Mapping[str, str] | None = None, outlet: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Findings of one kind (``figures``, ``places``, …) filtered by its declared filters."""
        pairs = _finding_where(kind, where)
        return self._query(f"list {kind} in", _queries.list_findings, kind=kind, where=pairs, outlet=outlet,
                           since=since, until=until, limit=limit, offset=offset)

    def findings_per_story(self, kind: str, *, where: Mapping[str, str] | None = None,
                           outlet: str | None = None, since: str | None = None,
                           until: str | None = None) -> list[dict[str, Any]]:
        """Per event type: reports, articles, and events counted once per story (same type, actor
        and target within one story; an article in no story counts on its own)."""
        pairs = _finding_where(kind, where)
        return self._query(f"count {kind} per story in", _queries.findings_per_story, kind=kind, where=pairs,
                           outlet=outlet, since=since, until=until)

    def story_event_reports(self, kind: str, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """For each given article in a story: its story's reports of each event (see
        ``findings_per_story``)."""
        return self._query(f"read {kind} per story in", _queries.story_event_reports, kind=kind,
                           article_ids=list(article_ids))

    def stats(self, by: str = "outlet", *, outlet: str | None = None, since: str | None = None,
              until: str | None = None) -> list[dict[str, Any]]:
        """Per outlet or month: articles, statements per article, anonymous share, non-response rate,
        hedged share."""
        return self._query("compute stats in", _queries.stats, by=by, outlet=outlet, since=since, until=until)

    def stories(self, *, limit: int = 100, offset: int = 0, min_articles: int = 1, outlet: str | None = None,
                since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        """Stories built by ``onrecord stories build``, the most recently active first; ``outlet``
        keeps stories with an article from it, ``since``/``until`` those active in that window."""
        return self._query("list stories in", _story_queries.list_stories, limit=limit, offset=offset,
                           min_articles=min_articles, outlet=outlet, since=since, until=until)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its summary and per-claim sourcing, or None."""
        rows = self._query("read a story in", _story_queries.get_story, story_id=story_id)
        return rows[0] if rows else None

    def story_part(self, part: str, story_id: str, *, limit: int = 1000, offset: int = 0,
                   count: bool = False, **filters: Any) -> list[dict[str, Any]]:
        """A story's ``articles`` (``outlet=`` filters them), ``relations`` or ``claims``; with
        ``count``, ``[{"total": n}]``."""
        fn = {"articles": _story_queries.story_articles, "relations": _story_queries.story_relations,
              "claims": _story_queries.story_claims}.get(part)
        if fn is None:
            raise BadQuery(f"A story has no part {part!r}: use articles, relations or claims.")
        return self._query(f"read a story's {part} in", fn, story_id=story_id, limit=limit, offset=offset,
                           count=count, **filters)

    def article_story(self, article_id: str) -> dict[str, Any] | None:
        """The story of one article and where its repeated claims first appeared, or None."""
        rows = self._query("read an article's story in", _story_queries.article_story, article_id=article_id)
        return rows[0] if rows else None

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        """Recent runs with their counts, newest first."""
        return self._query("list runs in", _queries.list_runs, limit=limit)

    def export(self, fmt: str, out_dir: str | Path) -> dict[str, Path]:
        """Write every table to ``out_dir`` as parquet, csv or jsonl (one file per table)."""
        with translated_errors(self.target, "export"), self._read() as conn:
            self._ensure_schema(conn)
            from onrecord.store.export import export_tables  # pyarrow loads only for exports

            return export_tables(conn, fmt, Path(out_dir))


__all__ = ["BadQuery", "InputState", "Outcome", "SchemaMismatch", "Store", "StoreError"]
