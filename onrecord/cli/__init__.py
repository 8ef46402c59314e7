"""The ``onrecord`` command: a click group with one module per command.

Errors change form here, once: an ``OnrecordError`` becomes a message and exit code 1 (no
traceback), bad flags exit 2 (click's usage errors); an unexpected error keeps its traceback.
``onrecord analyze --debug`` prints the traceback of each input that failed.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

import click

from onrecord import __version__, torch_guard
from onrecord.errors import OnrecordError
from onrecord.findings import kind_named, kinds

torch_guard.hide_from_spacy()  # before any command imports spaCy (see torch_guard)

# command name -> "module:attribute"; a command's module (and spaCy, for the analysing ones)
# is imported only when that command runs, so reading the store starts fast
COMMANDS = {
    "analyze": "onrecord.cli.analyze:analyze_command",
    "evaluate": "onrecord.cli.evaluate:evaluate_command",
    "ingest": "onrecord.cli.ingest:ingest_command",
    "config": "onrecord.cli.config:config_group",
    "articles": "onrecord.cli.query:articles_command",
    "sources": "onrecord.cli.query:sources_command",
    "quotes": "onrecord.cli.query:quotes_command",
    "search": "onrecord.cli.query:search_command",
    "stats": "onrecord.cli.query:stats_command",
    "runs": "onrecord.cli.query:runs_command",
    "export": "onrecord.cli.query:export_command",
    "db": "onrecord.cli.db:db_group",
    "serve": "onrecord.cli.serve:serve_command",
    "stories": "onrecord.cli.stories:stories_group",
}

# other spellings a user types (the web UI says "Analyse"): resolved, never listed
ALIASES = {"analyse": "analyze"}


class OnrecordGroup(click.Group):
    """The command group: commands load on demand, and every command's ``OnrecordError``
    becomes a message and exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *(k.name for k in kinds() if k.is_searchable)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(ALIASES.get(cmd_name, cmd_name))
        if target is None:
            kind = kind_named(cmd_name)  # a kind in the generic table: onrecord figures, places, …
            if kind is None or not kind.is_searchable:
                return None
            from onrecord.cli.findings import finding_command

            return finding_command(kind)
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

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


__all__ = ["cli"]
