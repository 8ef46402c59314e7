"""Shared fixtures: the full onrecord pipeline (loaded once) and paths to our own fixtures."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import browser, page  # noqa: F401  (web UI tests: a real chromium)
from postgres import postgres_server, postgres_url  # noqa: F401  (store tests: a real PostgreSQL)

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]

if TYPE_CHECKING:
    import pluggy
    from spacy.language import Language


@pytest.fixture(scope="session")
def onrecord_nlp() -> Language:
    """The full pipeline: English model plus every onrecord stage."""
    from onrecord.nlp.model import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-floors", action="store_true", default=False,
                     help="Rewrite tests/fixture_floors.json from this run (lowers floors on purpose).")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    """Keep each phase's report on the item (``item.rep_call``), so browser fixtures can take a
    screenshot when the test failed (a hook only works here, not in a test module)."""
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
