"""``onrecord analyze INPUT...``: put articles on the record (files, URLs, stdin, JSONL)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from onrecord.cli.options import build_settings, settings_options
from onrecord.cli.report import render_report
from onrecord.errors import OnrecordError
from onrecord.ingest import InputFailure, RawDocument, iter_inputs, make_client
from onrecord.ingest.credentials import strip_credentials, strip_error_credentials
from onrecord.pipeline import ItemFailure, analyze_documents
from onrecord.records import ArticleRecord
from onrecord.settings import Settings


def _inputs(paths: tuple[str, ...], settings: Settings) -> Iterator[RawDocument | InputFailure]:
    """Every input record in order; an argument that cannot be read becomes an InputFailure."""
    needs_client = any(p.startswith(("http://", "https://")) or p.endswith(".jsonl") for p in paths)
    client = make_client(settings) if needs_client else None
    try:
        for path in paths:
            try:
                yield from iter_inputs(path, settings, client=client)  # stdin looked up only for -
            except OnrecordError as exc:  # a URL's credentials are for fetching, never for a message
                error = strip_error_credentials(exc)
                yield InputFailure(origin=strip_credentials(path), line=None, error=error)
    finally:
        if client is not None:
            client.close()


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="A readable report, one JSON record, or one record per line.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for batches; each loads the model once.")
@click.option("--follow-links", "follow_links", is_flag=True, default=None,
              help="In a folder, also read symlinks to files outside it (skipped by default).")
@click.option("--silent", is_flag=True, help="No progress on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for failures.")
@settings_options
def analyze_command(
    inputs: tuple[str, ...], fmt: str, jobs: int, silent: bool, debug: bool, config_file: str | None,
    **overrides: object,
) -> None:
    """Analyse articles: .txt, .html/.htm, .jsonl batches, URLs, or - for stdin.

    .txt is analysed exactly as given, so offsets point into your file. HTML and URLs go
    through article extraction. A .jsonl holds one object per line with "id" and one of
    "text", "html" or "url"; records come out in input order with the same ids.

    Exit status: 0 when every input succeeded, 1 when some failed (counted on stderr),
    2 for bad usage.
    """
    settings = build_settings(config_file, **overrides)
    failures: list[ItemFailure] = []
    ok = 0
    records: list[ArticleRecord] = []
    show_progress = not silent and sys.stderr.isatty()
    for result in analyze_documents(_inputs(inputs, settings), settings, jobs=jobs):
        if isinstance(result, ItemFailure):
            failures.append(result)
            click.echo(f"onrecord: failed: {result.message}", err=True)
            if debug:
                import traceback

                traceback.print_exception(result.error, file=sys.stderr)
            continue
        ok += 1
        if fmt == "jsonl":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif fmt == "text":
            click.echo(render_report(result))
        else:
            records.append(result)
        if show_progress:
            click.echo(f"\ronrecord: {ok + len(failures)} analysed", err=True, nl=False)
    if show_progress:
        click.echo("", err=True)
    if fmt == "json":
        payload = records[0].to_dict() if len(records) == 1 else [r.to_dict() for r in records]
        if records:
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if failures or ok + len(failures) > 1:
        click.echo(f"onrecord: {ok} analysed, {len(failures)} failed", err=True)
    if failures:
        sys.exit(1)
