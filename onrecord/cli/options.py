"""Option sets that several commands share, as decorators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from onrecord.errors import ConfigError
from onrecord.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def settings_options(func: F) -> F:
    """Options that map onto Settings fields (command line beats env beats file)."""
    decorators = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="Settings file (default: ./onrecord.toml when present)."),
        click.option("--allow-private", is_flag=True, default=None,
                     help="Allow fetching private, loopback and link-local addresses."),
        click.option("--max-bytes", "max_text_bytes", type=click.IntRange(min=1), default=None,
                     help="Refuse inputs larger than this many bytes (default 5,000,000)."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                     help="Leave out attributions whose confidence is below this."),
        click.option("--accurate", is_flag=True, default=None,
                     help="Add the transformer tagger beside the CRF: finds more attributions and "
                          "sources, about 2.3x slower (needs pip install 'onrecord[accurate]')."),
        click.option("--no-language-check", "check_language", flag_value=False, default=None,
                     help="Analyse texts even when they do not look English."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def build_settings(config_file: str | None, **overrides: Any) -> Settings:
    """Settings from defaults < file < env < these command-line values."""
    from pathlib import Path

    try:
        settings, _ = load_settings(Path(config_file) if config_file else None, overrides=overrides)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    return settings
