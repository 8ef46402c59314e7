"""Every HTML error is the ``error.html`` page, and each app keeps its own analysis limits.

In-process (starlette's TestClient over ``create_app``): these pin how errors are rendered and
where the limits live; tests/test_web_limits.py checks the limits themselves over real HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_server import fixture_store

from onrecord.errors import ConfigError
from onrecord.settings import Settings
from onrecord.web.app import create_app
from onrecord.web.security import AnalysisLimits

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fixture_store(tmp_path_factory.mktemp("errors") / "web.db", records=[])  # errors need no articles


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    # a loopback base URL: the app answers only to the host names it is allowed (security.py)
    with TestClient(create_app(db), raise_server_exceptions=False, base_url="http://127.0.0.1") as c:
        yield c


def assert_error_page(response: Any, status: int, words: str) -> None:
    """The error.html page: the site's layout (navigation, footer) around one alert."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in response.headers
    page = response.text
    assert f"<title>Error {status} · onrecord</title>" in page
    assert '<nav aria-label="Main">' in page and '<footer class="site">' in page
    assert '<p class="error" role="alert">' in page and words in page


def test_page_errors_render_error_html(client: TestClient) -> None:
    assert_error_page(client.get("/?page=0", headers=HTML), 400, "&#39;page&#39; must be a whole number")
    assert_error_page(client.get("/articles/nope", headers=HTML), 404, "No article with this id")


def test_app_errors_for_a_browser_render_error_html(client: TestClient) -> None:
    # unknown route (the HTTP exception handler), a form body over the cap (the Guard middleware)
    assert_error_page(client.get("/no/such/page", headers=HTML), 404, "Nothing at /no/such/page")
    too_big = client.post("/analyze", content=b"x" * 2_100_000,
                          headers=HTML | {"content-type": "application/x-www-form-urlencoded"})
    assert_error_page(too_big, 413, "The request body is larger than")


def test_the_same_errors_for_the_api_stay_json(client: TestClient) -> None:
    for response in (client.get("/api/no/such", headers=HTML), client.post("/api/analyze", json={})):
        assert response.headers["content-type"].startswith("application/json")
        assert set(response.json()["error"]) == {"code", "message", "status"}


def test_each_app_keeps_its_own_analysis_limits(db: str) -> None:
    one = create_app(db, settings=Settings(web_analyze_timeout=5.0, web_analyze_concurrency=1))
    three = create_app(db, settings=Settings(web_analyze_concurrency=3))
    first: AnalysisLimits = one.state.analysis_limits
    second: AnalysisLimits = three.state.analysis_limits
    assert (first.timeout, first.concurrency) == (5.0, 1)
    assert (second.timeout, second.concurrency) == (30.0, 3)  # building the second app left the first alone
    assert first.slots is not second.slots
    with pytest.raises(ConfigError, match="web_analyze_concurrency"):
        create_app(db, settings=Settings(web_analyze_concurrency=0))


def test_limits_are_refused_out_of_range() -> None:
    with pytest.raises(ConfigError, match="web_analyze_timeout"):
        AnalysisLimits.from_settings(Settings(web_analyze_timeout=float("nan")))
    assert AnalysisLimits.from_settings(Settings()).concurrency == Settings().web_analyze_concurrency
