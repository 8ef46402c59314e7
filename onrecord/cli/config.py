"""``onrecord config show``: every effective setting and where its value came from."""

from __future__ import annotations

from pathlib import Path

import click

from onrecord.errors import ConfigError
from onrecord.settings import load_settings


@click.group("config")
def config_group() -> None:
    """Inspect onrecord's settings."""


@config_group.command("show")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Settings file (default: ./onrecord.toml when present).")
def show(config_file: str | None) -> None:
    """Print each setting, its value and where it came from."""
    try:
        settings, origin = load_settings(Path(config_file) if config_file else None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    for name in sorted(origin):
        click.echo(f"{name} = {getattr(settings, name)!r}  ({origin[name]})")
