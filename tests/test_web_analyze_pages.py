"""The ``/analyze`` page in a real browser: Playwright (sync API) driving Debian's chromium against
real ``onrecord serve`` subprocesses (tests/web_server.py) and a loopback page server
(tests/loopback_server.py) for the URL case.

Two servers: a read-only one that refuses private addresses (the default), and one started with
``--allow-store --allow-private``. Skipped when Playwright or /usr/bin/chromium is missing; a
failing test leaves a screenshot in tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from loopback_server import Server, reply
from loopback_server import serve as serve_pages
from web_server import fixture_store, serve

pytestmark = pytest.mark.slow
ARTICLE = Path(__file__).parent / "fixtures" / "html" / "council_vote.html"
TITLE = "Council approves night bus trial"
HARBOUR = Path(__file__).parent / "fixtures" / "html" / "harbour_talks.html"


@pytest.fixture(scope="module")
def pages() -> Iterator[Server]:
    def page_of(path: Path) -> Any:
        return lambda h, s: reply(h, 200, path.read_bytes(), {"Content-Type": "text/html; charset=utf-8"})
    with serve_pages({"/council": page_of(ARTICLE), "/harbour": page_of(HARBOUR)}) as server:
        yield server


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(fixture_store(tmp_path_factory.mktemp("web") / "ro.db")) as url:
        yield url


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(fixture_store(tmp_path_factory.mktemp("web") / "rw.db"), allow_store=True,
               args=["--allow-private"]) as url:
        yield url


def submit(page: Any) -> Any:
    """Send the analyse form; return the response to the POST."""
    with page.expect_response(lambda r: r.url.endswith("/analyze") and r.request.method == "POST",
                              timeout=60_000) as info:
        page.click("form.analyze button")
    page.wait_for_load_state("load")
    return info.value


def assert_council_xray(page: Any) -> None:
    page.wait_for_selector("#article-text")
    assert page.locator("main h1").inner_text() == TITLE
    assert page.locator("#article-text .hl-content").count() >= 2
    assert page.locator("#article-text .hl-source").count() >= 1
    assert page.locator("#article-text .hl-cue").count() >= 1
    statements = " ".join(page.locator("#article-text .hl-content").all_inner_texts())
    assert "People deserve a safe way home" in statements
    assert page.locator(".source-btn", has_text="Amira Haddad").count() == 1


def test_uploaded_html_file_shows_an_xray(page: Any, read_only: str) -> None:
    page.goto(f"{read_only}/analyze")
    assert page.locator("input[name=store]").count() == 0  # read-only server: no "Store it"
    page.set_input_files("input[name=file]", files=[{
        "name": "council_vote.html", "mimeType": "text/html", "buffer": ARTICLE.read_bytes()}])
    response = submit(page)
    assert response.status == 200
    assert_council_xray(page)
    assert page.locator("a", has_text="JSON record").count() == 0  # nothing was stored
    assert page.locator(".note").count() == 0
    assert not page.console_errors


def test_loopback_url_is_refused_with_a_readable_message_without_allow_private(
    page: Any, read_only: str
) -> None:
    page.goto(f"{read_only}/analyze")
    page.fill("input[name=url]", "http://127.0.0.1:1/")
    response = submit(page)
    assert 400 <= response.status < 500, response.status  # refused, never a 500
    error = page.locator(".error[role=alert]")
    assert error.count() == 1
    message = error.inner_text()
    assert message.startswith("Cannot analyse this input:")
    assert any(word in message.lower() for word in ("private", "loopback", "local")), message
    assert "Traceback" not in page.content()
    assert page.input_value("input[name=url]") == "http://127.0.0.1:1/"  # the form keeps the URL
    assert page.locator("#article-text").count() == 0


def test_url_on_a_loopback_server_shows_an_xray_with_allow_private(page: Any, writable: str,
                                                                   pages: Server) -> None:
    url = pages.url("/council")
    page.goto(f"{writable}/analyze")
    page.fill("input[name=url]", url)
    response = submit(page)
    assert response.status == 200
    assert_council_xray(page)
    assert page.locator(f"a[href='{url}']").get_attribute("rel") == "noopener noreferrer nofollow"
    assert any(r["path"] == "/council" for r in pages.requests)
    assert page.locator("a", has_text="JSON record").count() == 0  # "Store it" was not ticked


def test_unreachable_url_with_allow_private_is_a_readable_message(page: Any, writable: str) -> None:
    page.goto(f"{writable}/analyze")
    page.fill("input[name=url]", "http://127.0.0.1:1/")
    response = submit(page)
    assert 400 <= response.status < 500, response.status
    assert page.locator(".error[role=alert]").inner_text().startswith("Cannot analyse this input:")


def _stored_ids(base: str) -> set[str]:
    items = httpx.get(f"{base}/api/articles", params={"per_page": 200}).json()["items"]
    return {a["article_id"] for a in items}


def test_store_it_checkbox_stores_the_article(page: Any, writable: str, pages: Server) -> None:
    before = _stored_ids(writable)
    page.goto(f"{writable}/analyze")
    checkbox = page.locator("input[type=checkbox][name=store]")
    assert checkbox.count() == 1 and not checkbox.is_checked()
    page.fill("input[name=url]", pages.url("/harbour"))
    checkbox.check()
    response = submit(page)
    assert response.status == 200
    page.wait_for_selector("#article-text")
    assert page.locator(".note").inner_text() == "Stored (stored)."
    json_url = page.locator("a", has_text="JSON record").get_attribute("href")
    assert json_url and json_url.startswith("/api/articles/")
    record = httpx.get(writable + json_url).json()
    # the page's canonical URL wins over the address it was fetched from
    assert record["url"] == json.loads(HARBOUR.with_suffix(".expected.json").read_text())["url"]
    assert record["title"] == page.locator("main h1").inner_text()
    after = _stored_ids(writable)
    assert after - before == {record["id"]}

    page.goto(f"{writable}/")  # the home list shows it, and it opens as a stored x-ray
    page.locator(f"a[href='/articles/{record['id']}']").first.click()
    page.wait_for_selector("#article-text")
    assert page.locator("main h1").inner_text() == record["title"]
    assert page.locator("#article-text .hl").count() > 0


def test_a_stored_analysis_has_a_permalink_and_a_headline_title(page: Any, writable: str) -> None:
    """Pasted plain text: its headline line is the title, and storing gives the x-ray an address."""
    text = ("Ferry service to resume after storm, operator says\n\n"
            "\u201cWe expect the first boats to leave at six,\u201d spokeswoman Ingrid Berg told "
            "reporters.\n")
    page.goto(f"{writable}/analyze")
    page.fill("textarea[name=text]", text)
    submit(page)
    page.wait_for_selector("#article-text")
    assert page.locator("main h1").inner_text() == "Ferry service to resume after storm, operator says"
    assert page.locator("a[rel=bookmark]").count() == 0  # not stored: nothing to link to
    page.goto(f"{writable}/analyze")
    page.fill("textarea[name=text]", text)
    page.locator("input[type=checkbox][name=store]").check()
    submit(page)
    page.wait_for_selector("#article-text")
    permalink = page.locator("a[rel=bookmark]", has_text="Permalink").get_attribute("href")
    assert permalink and permalink.startswith("/articles/")
    page.goto(writable + permalink)
    assert page.locator("main h1").inner_text() == "Ferry service to resume after storm, operator says"
    assert page.locator("#article-text .hl-content").count() >= 1
