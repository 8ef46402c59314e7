"""Run the migrations shipped in ``onrecord/store/migrations`` from code (no alembic.ini).

Upgrades run inside one write transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on
PostgreSQL), so two processes opening a fresh database at once migrate it once.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection

from onrecord.store.schema import metadata

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK = 7_202_511  # advisory lock id for migrations; any constant works
_SEARCH_OBJECTS = ("articles_fts", "ix_articles_fts")  # backend-specific search, outside the metadata


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str | None:
    """The newest migration this onrecord ships (read from the scripts once per process)."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The migration the database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; a no-op when it is there already."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        if current_revision(conn) == head_revision():
            return
        command.upgrade(_config(conn), "head")


def schema_drift(connection: Connection) -> list[str]:
    """Differences between the database's tables and ``schema.py`` (empty when they agree)."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if name is None:
            return True
        return not name.startswith(_SEARCH_OBJECTS) and name != "alembic_version"

    ctx = MigrationContext.configure(connection, opts={"include_object": include})
    return [repr(diff) for diff in compare_metadata(ctx, metadata)]
