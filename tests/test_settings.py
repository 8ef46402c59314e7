"""Settings precedence: defaults < onrecord.toml < ONRECORD_* environment < command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import ConfigError
from onrecord.settings import Settings, load_settings


def test_defaults(tmp_path: Path) -> None:
    settings, origin = load_settings(tmp_path / "absent.toml", environ={})
    assert settings == Settings()
    assert set(origin.values()) == {"default"}


def test_precedence(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.toml"
    path.write_text("max_text_bytes = 100\nallow_private = true\nmin_confidence = 0.2\n", encoding="utf-8")
    settings, origin = load_settings(
        path, environ={"ONRECORD_MAX_TEXT_BYTES": "200", "ONRECORD_ALLOW_PRIVATE": "no"},
        overrides={"min_confidence": 0.5, "jobs": None},
    )
    assert settings.max_text_bytes == 200 and origin["max_text_bytes"] == "env ONRECORD_MAX_TEXT_BYTES"
    assert settings.allow_private is False
    assert settings.min_confidence == 0.5 and origin["min_confidence"] == "command line"
    assert origin["jobs"] == "default"


def test_unknown_setting_lists_valid_ones(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.toml"
    path.write_text("max_bites = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max_text_bytes"):
        load_settings(path, environ={})


def test_bad_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="allow_private"):
        load_settings(tmp_path / "x.toml", environ={"ONRECORD_ALLOW_PRIVATE": "maybe"})


def test_cue_threshold_is_unset_by_default_and_read_like_any_setting(tmp_path: Path) -> None:
    settings, origin = load_settings(tmp_path / "absent.toml", environ={})
    assert settings.cue_threshold is None  # the attribution model's own threshold applies
    path = tmp_path / "onrecord.toml"
    path.write_text("cue_threshold = 0.4\n", encoding="utf-8")
    assert load_settings(path, environ={})[0].cue_threshold == 0.4
    settings, origin = load_settings(path, environ={"ONRECORD_CUE_THRESHOLD": "0.25"})
    assert settings.cue_threshold == 0.25 and origin["cue_threshold"] == "env ONRECORD_CUE_THRESHOLD"
    assert load_settings(path, environ={"ONRECORD_CUE_THRESHOLD": "none"})[0].cue_threshold is None
    with pytest.raises(ConfigError, match="cue_threshold"):
        load_settings(path, environ={"ONRECORD_CUE_THRESHOLD": "high"})
