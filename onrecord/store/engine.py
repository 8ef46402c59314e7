"""Database URLs, SQLite pragmas and the single BEGIN IMMEDIATE write path.

SQLite is the default: one file, no server. pysqlite's own transaction handling is
switched off and every transaction is opened here with ``BEGIN IMMEDIATE``, so a writer
takes the write lock up front and waits (``busy_timeout``) instead of failing half-way
with "database is locked" when another process writes the same file. Read connections
(``read_options``) open a plain deferred ``BEGIN`` so readers never block writers (WAL).
PostgreSQL URLs are given to psycopg 3.

A SQLite file this user cannot write (or in a folder it cannot write, where SQLite cannot make
its ``-wal`` and ``-shm`` files) is opened read-only and immutable, so reading commands work on
it; any write still fails as ``read_only``. A file that already holds another application's
tables (no onrecord migration history) is refused before anything touches it: onrecord would
otherwise switch it to WAL mode and add its own tables.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

from onrecord.store.errors import StoreError

DEFAULT_DB = "onrecord.db"
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another process's transaction
READ = {"onrecord_read": True}  # execution option: deferred BEGIN for read-only work


@dataclass(frozen=True, slots=True)
class Target:
    """Where the store lives: a SQLite file or a PostgreSQL URL (never logged: it may hold a password)."""

    url: str  # SQLAlchemy URL
    path: Path | None  # the SQLite file, None for PostgreSQL

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def label(self) -> str:
        """A name safe to show in messages (no password)."""
        if self.path is not None:
            return str(self.path)
        return _hide_password(self.url)


def parse_target(db: str | None) -> Target:
    """Turn ``--db`` (None, a path, ``sqlite:///path`` or ``postgresql://…``) into a Target."""
    value = (db or DEFAULT_DB).strip()
    if value.startswith(("postgresql://", "postgres://")):
        return Target("postgresql+psycopg://" + value.split("://", 1)[1], None)
    if value.startswith("postgresql+psycopg://"):
        return Target(value, None)
    if value.startswith("postgresql+"):
        raise StoreError(f"Unsupported PostgreSQL driver in '{_hide_password(value)}': "
                         "use postgresql://… (onrecord talks to PostgreSQL through psycopg 3).",
                         code="bad_url")
    if value.startswith("sqlite:///"):
        value = value[len("sqlite:///"):]
    elif "://" in value:
        raise StoreError(f"Unsupported database URL '{_hide_password(value)}': give a file path, "
                         "sqlite:///path or postgresql://user@host/dbname.", code="bad_url")
    if not value or value == ":memory:":
        raise StoreError("The store needs a file: give --db PATH (an in-memory database would be lost "
                         "when the command ends).", code="bad_url")
    path = Path(value).expanduser().absolute()
    return Target(f"sqlite:///{path}", path)


def make_engine(target: Target) -> Engine:
    """An engine with onrecord's connection settings for the target's backend."""
    if target.path is None:
        # Without a flush to disk at every commit a bulk ingest runs about 10% faster. A server
        # crash can then lose the last few commits, but each record shares its transaction with
        # its ledger row, so a resumed run redoes exactly those: nothing is half-stored.
        return create_engine(target.url, pool_pre_ping=True,
                             connect_args={"options": "-c synchronous_commit=off"})
    read_only = is_read_only(target.path)
    url = f"sqlite:///file:{target.path}?mode=ro&immutable=1&uri=true" if read_only else target.url
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", functools.partial(_sqlite_connect, read_only=read_only))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def is_read_only(path: Path) -> bool:
    """True for an existing SQLite file that this process cannot write, or whose folder it cannot
    write (SQLite needs to create ``-wal`` and ``-shm`` there)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def check_foreign_file(target: Target) -> None:
    """Refuse an existing SQLite file that is not an onrecord store, leaving it untouched.

    Raises:
        StoreError: ``not_onrecord``: the file is not a SQLite database, or holds tables that are
            not onrecord's and no onrecord migration history.
    """
    path = target.path
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise StoreError(f"Cannot use '{path}' as a store: it is not a SQLite database. Pass --db with the "
                         "path of an onrecord store, or a new file.", code="not_onrecord")
    # a read-only connection with the usual locks (it sees a live store's WAL); immutable only when
    # SQLite could not make its -shm file beside a file we cannot write anyway
    options = "mode=ro&immutable=1" if is_read_only(path) else "mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?{options}", uri=True, timeout=30)) as conn:
            tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Cannot use '{path}' as a store: SQLite cannot read it ({exc}). Pass --db with the "
                         "path of an onrecord store, or a new file.", code="not_onrecord") from exc
    from onrecord.store.schema import metadata  # a store mid-way through its first migration is ours

    ours = set(metadata.tables) | {"alembic_version"}
    foreign = {t for t in tables if t not in ours and not t.startswith(("articles_fts", "sqlite_"))}
    if foreign and "alembic_version" not in tables:
        shown = ", ".join(sorted(foreign)[:5]) + (", …" if len(foreign) > 5 else "")
        raise StoreError(f"Cannot use '{path}' as a store: it holds another application's tables ({shown}) "
                         "and no onrecord history. onrecord left it untouched; pass --db with a new file.",
                         code="not_onrecord")


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry, *,
                    read_only: bool = False) -> None:
    """Take transactions away from pysqlite and set the pragmas every connection needs."""
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            return  # nothing to switch: the file stays as it is
        mode = cursor.execute("PRAGMA journal_mode").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            # WAL lets readers go on while one process writes; it is a property of the file.
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, far fewer fsyncs
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Open every write transaction with BEGIN IMMEDIATE: the lock is taken before any change."""
    if conn.get_execution_options().get("onrecord_read"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def translated_errors(target: Target, action: str) -> Iterator[None]:
    """Turn driver errors users can fix (read-only file, full disk, lock held) into StoreError."""
    try:
        yield
    except DBAPIError as exc:
        raise _store_error(target, action, exc) from exc
    except sqlite3.OperationalError as exc:  # raised by the connect hook before SQLAlchemy wraps it
        raise _store_error(target, action, exc) from exc


def _store_error(target: Target, action: str, exc: BaseException) -> StoreError:
    orig: Any = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    where = target.label
    low = text.lower()
    if "readonly" in low or "read-only" in low:
        return StoreError(f"Cannot {action} '{where}': the database is read-only ({text}). Make the file "
                          f"and its folder writable (SQLite also writes '{where}-wal' and '{where}-shm'), "
                          "or pass --db with another path.", code="read_only")
    if "unable to open" in low:
        folder = target.path.parent if target.path else where
        return StoreError(f"Cannot {action} '{where}': the file cannot be opened or created ({text}). "
                          f"Check that the folder '{folder}' exists and is writable, "
                          "or pass --db with another path.",
                          code="cannot_open")
    if "disk is full" in low or "disk full" in low or "no space left" in low:
        return StoreError(f"Cannot {action} '{where}': the disk is full ({text}). Nothing of the record "
                          "was written; free some space and run the command again.", code="disk_full")
    if "locked" in low or "busy" in low:
        return StoreError(f"Cannot {action} '{where}': another process held the database for more than "
                          f"{BUSY_TIMEOUT_MS // 1000} s ({text}). Try again when it has finished.",
                          code="busy")
    if target.path is None and ("connection" in low or getattr(exc, "connection_invalidated", False)):
        return StoreError(f"Cannot {action} '{where}': cannot reach PostgreSQL ({text}). Check that the "
                          "server is running and the URL is right.", code="cannot_connect")
    if "no such table" in low or ("relation" in low and "does not exist" in low):
        return StoreError(f"Cannot {action} '{where}': the database has no onrecord tables ({text}). "
                          f"Run 'onrecord db migrate --db {where}' first.", code="schema_mismatch")
    return StoreError(f"Cannot {action} '{where}': {text}", code="database")


def check_writable(target: Target) -> None:
    """Fail early, and clearly, when a SQLite file or its folder cannot be written."""
    path = target.path
    if path is None:
        return
    if not path.parent.is_dir():
        raise StoreError(f"Cannot open '{path}': the folder '{path.parent}' does not exist. Create it or "
                         "pass --db with another path.", code="cannot_open")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"Cannot write '{path}': the file is read-only. Make it writable (chmod u+w) or "
                         "pass --db with another path.", code="read_only")
    if not path.exists() and not os.access(path.parent, os.W_OK):
        raise StoreError(f"Cannot create '{path}': the folder '{path.parent}' is not writable. Pick a "
                         "writable folder with --db.", code="cannot_open")


def _hide_password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url
