"""Alembic environment: runs on the connection the Store passes in (no alembic.ini, no URL here)."""

from __future__ import annotations

from alembic import context

from onrecord.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
