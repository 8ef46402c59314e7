"""The ``onrecord`` command: a click group with one module per command.

Errors change form here, once: an ``OnrecordError`` becomes a message and exit code 1,
bad flags exit 2 (click's usage errors). Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from onrecord import __version__
from onrecord.cli.analyze import analyze_command
from onrecord.cli.config import config_group
from onrecord.cli.evaluate import evaluate_command
from onrecord.cli.ingest import ingest_command
from onrecord.cli.query import add_store_commands
from onrecord.errors import OnrecordError


class OnrecordGroup(click.Group):
    """The command group: every command's ``OnrecordError`` becomes a message and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OnrecordError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=OnrecordGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="onrecord")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Put news reports on the record: who said what, on whose word, how sure."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


cli.add_command(analyze_command)
cli.add_command(config_group)
cli.add_command(evaluate_command)
cli.add_command(ingest_command)
add_store_commands(cli)

__all__ = ["cli"]
