"""Settings: built once at the edge (CLI start-up, API factory) and passed down explicitly.

Precedence: built-in defaults < ``onrecord.toml`` < ``ONRECORD_*`` environment < command line.
Modules never read the environment themselves; ``load_settings`` does, here.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from onrecord.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob onrecord has, with its default."""

    max_text_bytes: int = 5_000_000  # inputs above this are refused (InputTooLarge)
    max_fetch_bytes: int = 10_000_000  # byte cap on a fetched page
    connect_timeout: float = 10.0  # seconds to open a connection
    read_timeout: float = 20.0  # seconds between bytes
    total_timeout: float = 60.0  # seconds for a whole fetch, redirects included
    max_redirects: int = 5
    allow_private: bool = False  # fetch private, loopback and link-local addresses
    user_agent: str = "onrecord/0.1 (+https://github.com/onrecord/onrecord)"
    respect_robots: bool = False  # obey robots.txt when fetching feed entries and URL lists
    per_host_delay: float = 1.0  # seconds between two requests to the same host (politeness)
    min_confidence: float = 0.0  # attributions below this are left out of the record
    accurate: bool = False  # add the transformer tagger beside the CRF: slower, finds more sources
    cue_threshold: float | None = None  # CRF cue marginal a lexicon word needs; None: the model's own (0.3)
    place_adjectives: bool = False  # count country adjectives ("Turkish officials") as places
    check_language: bool = True  # refuse texts that are clearly not English
    follow_links: bool = False  # in an ingest folder, read symlinks to files outside the folder
    jobs: int = 1  # analysis worker processes for batches
    web_analyze_timeout: float = 30.0  # seconds for one analysis asked of `onrecord serve`
    web_analyze_concurrency: int = 2  # analyses `onrecord serve` runs at once; more get 503
    web_analysis_isolation: str = "process"  # "process": killable worker per slot; "thread": in the server
    web_analysis_memory_mb: int = 2048  # address space one web analysis worker may take (process mode)
    web_allowed_hosts: str = ""  # Host names `onrecord serve` answers to besides loopback ones; '*': any
    story_window_days: float = 7.0  # stories build compares articles published this many days apart
    story_threshold: float = 0.225  # cosine to a story's centroid an article needs to join it
    story_merge_threshold: float = 0.25  # cosine between two stories' centroids that merges them
    story_absorb_threshold: float | None = 0.05  # a headline-only fragment folds into a larger story
    story_headline_merge_threshold: float | None = 0.2  # two headline-only fragments merge at this cosine


ENV_PREFIX = "ONRECORD_"


# Settings whose default is None ("not set") and the type of a value when one is given.
_OPTIONAL_TYPES: dict[str, type] = {"cue_threshold": float}


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if default is None:
        if raw is None or str(raw).strip().lower() in {"", "none"}:
            return None
        default = _OPTIONAL_TYPES[name]()
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"Setting '{name}' must be true or false, got {raw!r}.")
    try:
        return type(default)(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"Setting '{name}' must be a {type(default).__name__}, got {raw!r}."
        ) from exc


def load_settings(
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> tuple[Settings, dict[str, str]]:
    """Build Settings from defaults, a TOML file, ONRECORD_* variables and overrides.

    Returns the settings and, per field, where its value came from.
    """
    base = Settings()
    values: dict[str, Any] = {f.name: getattr(base, f.name) for f in fields(Settings)}
    origin = {name: "default" for name in values}
    path = config_file or Path("onrecord.toml")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"Cannot read settings file '{path}': {exc}.") from exc
        for key, raw in data.get("onrecord", data).items():
            if key not in values:
                raise ConfigError(
                    f"Unknown setting '{key}' in '{path}'. Valid settings: {', '.join(sorted(values))}."
                )
            values[key] = _coerce(key, raw, getattr(base, key))
            origin[key] = str(path)
    env = os.environ if environ is None else environ
    for key in values:
        env_name = ENV_PREFIX + key.upper()
        if env_name in env:
            values[key] = _coerce(key, env[env_name], getattr(base, key))
            origin[key] = f"env {env_name}"
    for key, raw in (overrides or {}).items():
        if raw is None:
            continue
        if key not in values:
            raise ConfigError(f"Unknown setting '{key}'.")
        values[key] = _coerce(key, raw, getattr(base, key))
        origin[key] = "command line"
    return dataclasses.replace(base, **values), origin
