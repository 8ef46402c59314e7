"""The Makefile's install stamps: ``make demo`` installs the runtime dependencies only, ``make test``
adds the dev group, and neither reinstalls what is already there (checked with ``make -n``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def planned(target: str, venv: Path) -> str:
    """The commands ``make TARGET`` would run with its virtual environment at ``venv``."""
    result = subprocess.run(["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    return result.stdout


def _stamp(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    newer = (ROOT / "pyproject.toml").stat().st_mtime + 10
    os.utime(path, (newer, newer))


def test_demo_installs_the_runtime_only_and_test_adds_the_dev_group(tmp_path: Path) -> None:
    venv = tmp_path / "fresh"
    demo = planned("demo", venv)
    assert "pip install --quiet -e ." in demo and "--group dev" not in demo
    test = planned("test", venv)
    assert "pip install --quiet -e ." in test and "pip install --quiet --group dev" in test


def test_nothing_is_reinstalled_that_is_there(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _stamp(venv / ".installed-runtime")  # after `make demo`
    assert "pip install" not in planned("demo", venv)
    after_demo = planned("test", venv)
    assert "--group dev" in after_demo and "-e ." not in after_demo  # the dev group only
    _stamp(venv / ".installed-dev")  # after `make test`
    assert "pip install" not in planned("test", venv) and "pip install" not in planned("demo", venv)
