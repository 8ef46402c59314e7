"""Hostile requests and heavy records against the web app (issue 14), in-process over a real
SQLite store (starlette's TestClient over ``create_app``); tests/test_web_limits.py covers the
same limits over real HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_store_records import Quote, make_record
from web_server import fixture_records, fixture_store

from onrecord.records import ArticleRecord
from onrecord.web import pages
from onrecord.web.app import create_app
from onrecord.web.highlight import MAX_XRAY_MARKS

HTML = {"accept": "text/html"}


def crowded_record() -> ArticleRecord:
    """10,000 statements, each with its own source: 30,000 highlights."""
    quotes = [Quote(f"Person {i}", f"Statement number {i}") for i in range(10_000)]
    return make_record("crowded", quotes=quotes)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    return fixture_store(folder / "web.db", [*fixture_records(), crowded_record()])


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def test_a_10000_statement_x_ray_renders_off_the_event_loop_and_capped(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_loop: list[bool] = []
    real = pages.xray_context

    def spy(record: ArticleRecord, *, stored: bool) -> Any:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)  # a running loop in this thread: the render blocks every request
        except RuntimeError:
            on_loop.append(False)
        return real(record, stored=stored)

    monkeypatch.setattr(pages, "xray_context", spy)
    pages._XRAY_PAGES.pages.clear()
    page = client.get("/articles/crowded", headers=HTML)
    assert page.status_code == 200
    assert on_loop == [False]
    assert "This article has 30,000 highlights: the page marks the first" in page.text
    assert page.text.count("hl-start") <= MAX_XRAY_MARKS
    assert page.text.count('class="source-btn"') == pages.MAX_PANEL_ITEMS
    assert "… and 9,500 more, in the JSON record" in page.text
    ordinary = client.get(f"/articles/{fixture_records()[0].id}", headers=HTML)
    assert "highlights: the page marks" not in ordinary.text
    assert "more, in the JSON record" not in ordinary.text

