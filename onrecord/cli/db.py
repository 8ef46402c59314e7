"""``onrecord db migrate|check``: create or upgrade the store's tables, and check its health."""

from __future__ import annotations

import click

from onrecord.cli.query import db_option
from onrecord.store import Store


@click.group("db")
def db_group() -> None:
    """Manage the store (SQLite file or PostgreSQL database)."""


@db_group.command("migrate")
@db_option
def migrate_command(db: str | None) -> None:
    """Create the tables, or upgrade them to this onrecord's schema (safe to repeat)."""
    with Store.open(db) as store:
        store.migrate()
        click.echo(f"onrecord: {store.target.label} is up to date", err=True)


@db_group.command("check")
@db_option
def check_command(db: str | None) -> None:
    """Check the schema version and, on SQLite, the file's integrity; exit 1 on problems."""
    with Store.open(db, create=False) as store:
        problems = store.check()
    for problem in problems:
        click.echo(problem)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) found")
    click.echo("ok")
