"""``onrecord <kind>``: one listing command per finding kind in the generic findings table.

The commands are built from the declarations in ``onrecord.findings`` (name, title and
filters), so a new kind gets ``onrecord figures --unit trucks``-style search with no code
here: each declared ``Filter`` becomes an option.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from onrecord.cli.query import _open, db_option, emit, output_options
from onrecord.findings import FindingKind

# Leading columns of the table view; the kind's own attributes follow.
_LEAD = ("published", "outlet", "article_id", "finding_id", "label")
_HIDDEN = frozenset({"text", "start_char", "end_char"})  # in --format jsonl/csv, not in the table


def finding_command(kind: FindingKind[Any]) -> click.Command:
    """The listing command of one kind: its filters, the article filters, output and paging."""

    def run(fmt: str, limit: int, offset: int, db: str | None, outlet: str | None, since: str | None,
            until: str | None, **where: str | None) -> None:
        with _open(db) as store:
            rows = store.findings(kind.name, where={k: v for k, v in where.items() if v}, outlet=outlet,
                                  since=since, until=until, limit=limit, offset=offset)
        columns = None
        if fmt == "table" and rows:
            rest = [k for k, v in rows[0].items()  # spans (actor, trigger, …) stay in jsonl/csv
                    if k not in _LEAD and k not in _HIDDEN and not isinstance(v, dict)]
            columns = [*_LEAD, *rest]
        emit(rows, fmt, columns)

    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option(f"--{f.name.replace('_', '-')}", f.name, help=f.help) for f in kind.filters
    ]
    options += [
        click.option("--outlet", help="Only this outlet."),
        click.option("--since", help="Published on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Published on or before this date (YYYY-MM-DD)."),
        output_options, db_option,
    ]
    for option in reversed(options):
        run = option(run)
    return click.command(kind.name, help=f"{kind.title} found in stored articles, newest first.")(run)
