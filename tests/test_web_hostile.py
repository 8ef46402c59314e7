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
from onrecord.settings import Settings
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
    with TestClient(create_app(db), raise_server_exceptions=False, base_url="http://127.0.0.1") as c:
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



# --- forms from other sites, hosts, NUL, binary uploads ----------------------------------------

FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture
def storing(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, allow_store=True), raise_server_exceptions=False,
                    base_url="http://127.0.0.1") as c:
        yield c


def _articles(db: str) -> int:
    from onrecord.store import Store

    with Store.open(db) as store:
        return len(store.articles(limit=1000))


@pytest.mark.parametrize("headers", [
    {"origin": "null"},  # a sandboxed iframe or a data: page
    {"origin": "null", "sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "cross-site"},  # no Origin at all, but the browser says where it came from
    {"sec-fetch-site": "same-site"},
    {"origin": "http://evil.example"},
])
def test_a_form_from_another_site_is_refused_and_stores_nothing(
    storing: TestClient, db: str, headers: dict[str, str]
) -> None:
    before = _articles(db)
    body = "text=The+mayor+said+yes.&store=on"
    answer = storing.post("/analyze", content=body, headers=HTML | FORM | headers)
    assert answer.status_code == 403, answer.text
    assert "This form can only be sent from this site." in answer.text
    assert _articles(db) == before


@pytest.mark.parametrize("headers", [
    {}, {"origin": "http://127.0.0.1"}, {"origin": "null", "sec-fetch-site": "same-origin"},
    {"origin": "http://127.0.0.1", "sec-fetch-site": "same-origin"},
])
def test_a_form_from_this_site_passes_the_check(storing: TestClient, headers: dict[str, str]) -> None:
    answer = storing.post("/analyze", content="text=", headers=HTML | FORM | headers)
    assert answer.status_code == 400 and "Paste some text" in answer.text  # past the check: nothing given


def test_an_unknown_host_is_refused_and_never_used_in_links(client: TestClient, db: str) -> None:
    evil = {"host": "evil.example", "origin": "http://evil.example"}
    answer = client.get("/api/articles?per_page=1", headers=evil)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_host" and "'evil.example'" in error["message"]
    assert "web_allowed_hosts" in error["message"] and "evil.example/" not in answer.text
    assert client.post("/analyze", content="text=x", headers=HTML | FORM | evil).status_code == 400
    ok = client.get("/api/articles?per_page=1").json()
    assert ok["next"].startswith("http://127.0.0.1/api/articles?")
    named = create_app(db, settings=Settings(web_allowed_hosts="news.example, [2001:db8::1]"))
    with TestClient(named, base_url="http://news.example:8000") as c:
        assert c.get("/api/articles?per_page=1").json()["next"].startswith("http://news.example:8000/")
        assert c.get("/api/articles", headers={"host": "[2001:db8::1]:8000"}).status_code == 200
        assert c.get("/api/articles", headers={"host": "evil.example"}).status_code == 400


def test_nul_in_the_form_text_is_a_400(client: TestClient) -> None:
    answer = client.post("/analyze", content="text=The+mayor%00+said+yes.", headers=HTML | FORM)
    assert answer.status_code == 400 and "NUL character (U+0000) at character 9" in answer.text


def test_a_binary_upload_is_refused_like_the_command_line(client: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    answer = client.post("/analyze", files={"file": ("photo.html", png, "text/html")}, headers=HTML)
    assert answer.status_code == 422
    assert "Cannot analyse this input: &#39;photo.html&#39; looks like a PNG image" in answer.text


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_nul_in_api_analyze_is_a_400_on_both_backends(
    backend: str, db: str, request: pytest.FixtureRequest
) -> None:
    target = db if backend == "sqlite" else fixture_store(request.getfixturevalue("postgres_url"), [])
    with TestClient(create_app(target, allow_store=True), raise_server_exceptions=False,
                    base_url="http://127.0.0.1") as c:
        before = c.get("/api/articles").json()["items"]
        for body in ({"text": "The mayor\x00 said yes.", "store": True}, {"html": "<p>a\x00</p>"},
                     {"url": "http://example.com/\x00"}):
            answer = c.post("/api/analyze", json=body)
            assert answer.status_code == 400, answer.text
            error = answer.json()["error"]
            assert error["code"] == "invalid_parameter" and "NUL character (U+0000)" in error["message"]
        assert c.get("/api/articles").json()["items"] == before
