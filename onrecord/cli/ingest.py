"""``onrecord ingest SOURCE...``: analyse articles and store them, resumably, with every input accounted for.

The work is done by ``onrecord.run`` (local engine) or ``onrecord.distributed.ray_engine``
(``--engine ray``, imported only when asked for). The summary goes to stderr as text, or to
stdout as one JSON document with ``--format json``.
"""

from __future__ import annotations

import importlib
import json
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import click

from onrecord.cli.options import build_settings, settings_options
from onrecord.cli.query import db_option
from onrecord.errors import OnrecordError
from onrecord.ingest.files import is_url
from onrecord.run import IngestCounts, IngestOptions, IngestResult, run_ingest
from onrecord.settings import Settings

EXIT_INTERRUPTED = 130  # the shell's convention for a command stopped by Ctrl-C


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analysis worker processes; each loads the model once. One process writes.")
@click.option("--urls", "url_lists", is_flag=True,
              help="File arguments are lists of article URLs, one per line.")
@click.option("--respect-robots", "respect_robots", is_flag=True, default=None,
              help="Obey robots.txt when fetching feed entries, URL lists and URLs.")
@click.option("--per-host-delay", "per_host_delay", type=click.FloatRange(min=0), default=None,
              help="Seconds between two requests to the same host (default 1.0).")
@click.option("--follow-links", "follow_links", is_flag=True, default=None,
              help="In a folder, also read symlinks to files outside it (skipped by default).")
@click.option("--force", is_flag=True, help="Analyse again inputs an earlier run finished.")
@click.option("--retry-failed", is_flag=True, help="Analyse again inputs that failed in an earlier run.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="The run summary: text on stderr, or one JSON document on stdout.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, failure lines or text summary on stderr.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run here (worker processes) or on a Ray cluster.")
@click.option("--address", default=None, help="Ray cluster address (--engine ray), e.g. auto.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write Parquet shards to this folder (--engine ray only).")
@settings_options
def ingest_command(
    sources: tuple[str, ...], db: str | None, jobs: int, url_lists: bool, force: bool, retry_failed: bool,
    fmt: str, quiet: bool, engine: str, address: str | None, out_dir: str | None, config_file: str | None,
    **overrides: Any,
) -> None:
    """Analyse articles and store them: folders, files, WARC archives, feeds, URL lists.

    Each SOURCE is a folder (read recursively), a .txt/.html/.htm/.jsonl file, a .warc or
    .warc.gz archive (HTML responses only), an http(s) URL (an RSS/Atom feed: every entry's
    article; else the page itself), or with --urls a file of article URLs.

    Running it again stores nothing twice: inputs an earlier run finished are counted as
    "already done", and a run killed part-way resumes where it stopped. Every input ends
    stored, unchanged, skipped (not an article) or failed, and the summary adds up.

    Exit status: 0 when every input was stored, unchanged, skipped or already done; 1 when
    some inputs failed (the run still finished the others; the summary counts them) or for
    a fatal error (the database cannot be written); 2 for bad usage; 130 when interrupted
    (the work done so far is kept).
    """
    if engine == "local" and (out_dir is not None or address is not None):
        raise click.UsageError("--out and --address go with --engine ray.")
    _check_sources(sources, url_lists)
    settings = build_settings(config_file, **overrides)
    if engine == "ray":
        _run_ray(list(sources), settings, db=db, out_dir=out_dir, address=address, jobs=jobs, fmt=fmt,
                 quiet=quiet)
        return
    options = IngestOptions(jobs=jobs, force=force, retry_failed=retry_failed, url_lists=url_lists)
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        with _sigterm_interrupts():
            result = run_ingest(list(sources), settings, db=db, options=options,
                                on_failure=None if quiet else _print_failure, on_progress=progress)
    except OnrecordError as exc:  # the store cannot be opened or migrated: no run started
        raise click.ClickException(str(exc)) from exc
    progress.done()
    _print_summary(result, fmt, quiet)
    if result.error is not None:
        raise click.ClickException(str(result.error))
    if result.status == "interrupted":
        sys.exit(EXIT_INTERRUPTED)
    if result.counts.failed:
        sys.exit(1)  # like `onrecord analyze`: the batch went on, but something failed


def _check_sources(sources: tuple[str, ...], url_lists: bool) -> None:
    """Refuse, before any work, arguments that name nothing: a typo should not become a failed input."""
    for source in sources:
        if source == "-" or is_url(source):
            continue
        path = Path(source)
        if not path.exists():
            raise click.ClickException(f"Cannot read '{source}': no such file or directory. Check the path; "
                                       "URLs must start with http:// or https://.")
        if url_lists and path.is_dir():
            raise click.ClickException(f"Cannot read '{source}' as a URL list (--urls): it is a directory.")


def _print_failure(key: str, stage: str, error: OnrecordError) -> None:
    message = str(error)
    where = "" if key in message else f"{key}: "
    click.echo(f"onrecord: failed ({stage}, {error.code}): {where}{message}", err=True)


class _Progress:
    """A counter on stderr, redrawn at most a few times a second, only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._last = 0.0
        self._shown = False

    def __call__(self, counts: IngestCounts) -> None:
        self.show(counts.read, counts.stored + counts.new_version + counts.unchanged, counts.skipped,
                  counts.failed)

    def ray_counts(self, counts: dict[str, int]) -> None:
        """The Ray engine's counts (``run_ray``'s ``on_progress``): the same line."""
        self.show(counts["read"], counts["stored"] + counts["unchanged"], counts["skipped"], counts["failed"])

    def show(self, read: int, done: int, skipped: int, failed: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last < 0.25:
            return
        self._last, self._shown = now, True
        click.echo(f"\ronrecord: {read} read, {done} stored, {skipped} skipped, {failed} failed",
                   err=True, nl=False)

    def done(self) -> None:
        if self._shown:
            click.echo("", err=True)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops a run like Ctrl-C: the run row is closed "interrupted", finished work kept."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _breakdown(counter: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.items())


def render_summary(result: IngestResult) -> str:
    """The text summary: one line per bucket, and the sum that must hold."""
    c = result.counts
    run = f"run {result.run_id}" if result.run_id is not None else "run"
    lines = [f"onrecord ingest: {run} {result.status} in {result.seconds:.1f} s: {c.read} read"]
    rows = [
        ("stored", c.stored, "new articles"),
        ("new version", c.new_version, "articles stored before, analysed differently now"),
        ("unchanged", c.unchanged, "same article and analysis already in the store"),
        ("skipped", c.skipped, _breakdown(dict(sorted(c.skipped_by_reason.items()))) or "not articles"),
        ("failed", c.failed, (_breakdown(dict(sorted(c.failed_by_stage.items()))) + "; normal in a batch, "
                              "see 'onrecord runs'") if c.failed else "errors, by stage"),
        ("already done", c.already_done, "finished by an earlier run; --force redoes them"),
    ]
    lines += [f"  {name:<12} {count:>7}  ({note})" for name, count, note in rows]
    if c.accounted != c.read:  # cannot happen unless interrupted between reading and accounting
        lines.append(f"  in flight    {c.read - c.accounted:>7}  "
                     "(read but not finished: the next run does them)")
    return "\n".join(lines)


def _print_summary(result: IngestResult, fmt: str, quiet: bool) -> None:
    if fmt == "json":
        payload = {"run_id": result.run_id, "status": result.status, "seconds": round(result.seconds, 3),
                   "error": str(result.error) if result.error else None, **result.counts.to_dict()}
        click.echo(json.dumps(payload, ensure_ascii=False))
    elif not quiet:
        click.echo(render_summary(result), err=True)


def _run_ray(sources: list[str], settings: Settings, *, db: str | None, out_dir: str | None,
             address: str | None, jobs: int, fmt: str, quiet: bool) -> None:
    """Hand the same stages to the Ray engine, imported only now (Ray is an optional extra)."""
    try:
        engine = importlib.import_module("onrecord.distributed.ray_engine")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] == "ray":
            raise click.ClickException("--engine ray needs Ray: pip install 'onrecord[ray]'") from exc
        raise click.ClickException("--engine ray is not available in this onrecord installation "
                                   "(onrecord.distributed.ray_engine is missing); "
                                   "install it with pip install 'onrecord[ray]'.") from exc
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())
    try:
        counts: dict[str, int] = engine.run_ray(sources, settings, db=db, out_dir=out_dir, address=address,
                                                jobs=jobs, on_progress=progress.ray_counts)
    except OnrecordError as exc:
        raise click.ClickException(str(exc)) from exc
    progress.done()
    if fmt == "json":
        click.echo(json.dumps({"engine": "ray", **counts}, ensure_ascii=False))
    elif not quiet:
        click.echo("onrecord ingest (ray): " + ", ".join(f"{v} {k}" for k, v in counts.items()), err=True)
