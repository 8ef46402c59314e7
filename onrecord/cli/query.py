"""Query commands over the store: ``articles``, ``sources``, ``quotes``, ``search``, ``stats``,
``runs`` and ``export``.

All take ``--db`` (a SQLite file, default ./onrecord.db, or postgresql://…). stdout carries
data only: a table for people by default, ``--format jsonl`` or ``csv`` for programs.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from onrecord.store import Store
from onrecord.store.queries import IDENTITIES, ROLES, STATS_BY
from onrecord.store.schema import EXPORT_FORMATS

F = TypeVar("F", bound=Callable[..., Any])
OUTPUT_FORMATS = ("table", "jsonl", "csv")
CELL_WIDTH = 48  # long titles and quotes are cut in the table view only


def db_option(func: F) -> F:
    """``--db``: where the store lives."""
    return click.option(
        "--db", "db", default=None, envvar="ONRECORD_DB", show_envvar=True,
        help="SQLite file (default ./onrecord.db) or postgresql://user@host/dbname.",
    )(func)


def output_options(func: F) -> F:
    """``--format`` plus paging, shared by every listing command."""
    func = click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows.")(func)
    func = click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True,
                        help="At most this many rows.")(func)
    return click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                        show_default=True, help="A table for people, or jsonl / csv for programs.")(func)


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Write rows to stdout in the chosen format (table, jsonl or csv)."""
    keys = list(columns or (rows[0].keys() if rows else []))
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        out = csv.DictWriter(sys.stdout, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        if keys:
            out.writeheader()
        out.writerows(rows)
    else:
        click.echo(render_table(rows, keys))


def render_table(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """Fixed-width columns, cells cut to CELL_WIDTH characters."""
    if not rows:
        return "(no rows)"

    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"

    cells = [[cell(row.get(k)) for k in keys] for row in rows]
    widths = [max(len(k), *(len(r[i]) for r in cells)) for i, k in enumerate(keys)]
    lines = ["  ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _open(db: str | None) -> Store:
    return Store.open(db, create=False)


@click.command("articles")
@click.option("--outlet", help="Only this outlet (e.g. reuters.com).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@output_options
@db_option
def articles_command(outlet: str | None, since: str | None, until: str | None, fmt: str, limit: int,
                     offset: int, db: str | None) -> None:
    """List stored articles (latest versions), newest first."""
    with _open(db) as store:
        rows = store.articles(outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    # the id first: it names the article for `onrecord serve`'s /articles/{id} and the API, and it is
    # all a plain-text article without title or URL has
    columns = None if fmt != "table" else ["article_id", "published", "outlet", "title", "attributions",
                                           "sources", "non_responses", "url"]
    emit(rows, fmt, columns)


@click.command("sources")
@click.option("--identity", type=click.Choice(IDENTITIES), help="Named, anonymous or collective sources.")
@click.option("--role", help=f"{', '.join(ROLES[:-1])} or {ROLES[-1]}.")
@click.option("--outlet", help="Only sources cited by this outlet.")
@click.option("--name", help="Name (or description) contains this text.")
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@output_options
@db_option
def sources_command(identity: str | None, role: str | None, outlet: str | None, name: str | None,
                    since: str | None, fmt: str, limit: int, offset: int, db: str | None) -> None:
    """List sources across articles, most cited first (unnamed ones by description)."""
    with _open(db) as store:
        rows = store.sources(identity=identity, role=role, outlet=outlet, name=name, since=since,
                             limit=limit, offset=offset)
    emit(rows, fmt)


@click.command("quotes")
@click.option("--source", help="Said by a source whose name contains this text.")
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--text", "text_contains", help="The statement contains this text.")
@output_options
@db_option
def quotes_command(source: str | None, outlet: str | None, since: str | None, until: str | None,
                   text_contains: str | None, fmt: str, limit: int, offset: int, db: str | None) -> None:
    """List attributed statements: who said what, where and when."""
    with _open(db) as store:
        rows = store.quotes(source=source, outlet=outlet, since=since, until=until, text=text_contains,
                            limit=limit, offset=offset)
    columns = None if fmt != "table" else ["published", "outlet", "source", "cue", "content", "hedges"]
    emit(rows, fmt, columns)


@click.command("search")
@click.argument("query")
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--identity", type=click.Choice(IDENTITIES),
              help="Only articles citing at least one source of this identity.")
@output_options
@db_option
def search_command(query: str, outlet: str | None, since: str | None, until: str | None, identity: str | None,
                   fmt: str, limit: int, offset: int, db: str | None) -> None:
    """Full-text search: every word must match; put "exact phrases" in double quotes.

    Matches in the snippet are shown in [brackets].
    """
    with _open(db) as store:
        rows = store.search(query, outlet=outlet, since=since, until=until, identity=identity, limit=limit,
                            offset=offset)
    columns = ["published", "outlet", "title", "snippet", "url"] if fmt == "table" else None
    if fmt == "table":
        for row in rows:
            heading = row["title"] or row["url"] or ""
            click.echo(f"{row['article_id']}  {row['published'] or '-'}  {row['outlet'] or '-'}  {heading}")
            click.echo(f"    {row['snippet']}")
        if not rows:
            click.echo("(no matches)")
        return
    emit(rows, fmt, columns)


@click.command("stats")
@click.option("--by", type=click.Choice(STATS_BY), default="outlet", show_default=True,
              help="Group by outlet or by month published.")
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True,
              help="A table for people, or jsonl / csv for programs.")
@db_option
def stats_command(by: str, outlet: str | None, since: str | None, until: str | None, fmt: str,
                  db: str | None) -> None:
    """Per outlet or month: articles, statements per article, sources by identity (named,
    anonymous, collective), the anonymous share of sources and of statements, non-response
    rate (articles with one) and hedged share of statements. --format csv for a spreadsheet."""
    with _open(db) as store:
        rows = store.stats(by, outlet=outlet, since=since, until=until)
    emit(rows, fmt)


@click.command("runs")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many runs.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True,
              help="A table for people, or jsonl / csv for programs.")
@db_option
def runs_command(limit: int, fmt: str, db: str | None) -> None:
    """List recent runs with their counts (stored, unchanged, skipped, failed)."""
    with _open(db) as store:
        rows = store.runs(limit)
    columns = None if fmt != "table" else ["id", "command", "status", "started_at", "finished_at", "stored",
                                           "unchanged", "skipped", "failed"]
    emit(rows, fmt, columns)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="parquet", show_default=True,
              help="File format: one file per table.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Folder to write into (created when missing).")
@db_option
def export_command(fmt: str, out_dir: str, db: str | None) -> None:
    """Export every table (articles, attributions, sources, …) for pandas, DuckDB or a spreadsheet."""
    with _open(db) as store:
        written = store.export(fmt, out_dir)
    for path in written.values():
        click.echo(str(path))

