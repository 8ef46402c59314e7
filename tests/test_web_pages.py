"""The web pages in a real browser: Playwright (sync API) driving Debian's chromium against a real
``onrecord serve`` subprocess over a store of our own invented articles (tests/web_server.py).

Skipped when Playwright or /usr/bin/chromium is missing. Screenshots go to tests/artifacts/
(gitignored): one per failing test, and the long article's x-ray at laptop and phone sizes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser import ARTIFACTS
from test_store_records import Quote, make_record
from web_server import fixture_records, fixture_store, serve

from onrecord.records import ArticleRecord
from onrecord.web.highlight import layers

pytestmark = pytest.mark.slow

PAYLOAD_ID = "web-payload"
LONG_ID = "web-long"
REAL_ID = "web-real"
PAYLOAD_BODY = ("<script>window.__pwned = 1; alert(1)</script> "
                "<img src=x onerror=\"window.__pwned=2;alert(2)\"> "
                "<svg onload=alert(3)></svg> [link](javascript:alert(4))")


def payload_record() -> ArticleRecord:
    eve = Quote("<b>Eve</b> Jones", "<script>window.__pwned = 3; alert(1)</script>")
    bad = Quote("<img src=x onerror=alert(5)>", "<img src=x onerror=\"window.__pwned=4\">",
                identity="anonymous", hedge="<i>allegedly</i>", role="other")
    return make_record(PAYLOAD_ID, quotes=[eve, bad], non_responses=["<script>alert(6)</script>"],
                       url="javascript:window.__pwned=5;alert(7)", outlet="evil.example",
                       published="2025-09-05", title="<img src=x onerror=alert(8)><script>alert(9)</script>",
                       body=PAYLOAD_BODY)


def long_record() -> ArticleRecord:
    people = [Quote("Maria Lopez",
                    "We will not raise the tax this year, whatever the committee decides in the end"),
              Quote("a senior adviser", "The plan is already dead and everybody in the building knows it",
                    identity="anonymous", hedge="reportedly", role="other"),
              Quote("John Smith", "Workers deserve a fair deal on pay and we will keep saying so",
                    role="spokesperson"),
              Quote("Dr Aiko Tanaka", "The numbers in the draft simply do not add up", role="expert")]
    sentence = ("Budget talks went on late into the night as ministers argued over the draft plan, "
                "and the opposition accused the government of hiding the real cost from voters.")
    body = " ".join([sentence] * 3)
    quotes = [people[i % len(people)] for i in range(14)]
    return make_record(LONG_ID, quotes=quotes, non_responses=["The ministry", "The treasury"],
                       url="https://news.example.com/2025/09/long", outlet="news.example.com",
                       published="2025-09-25",
                       title="A long night of budget talks leaves the tax plan in doubt", body=body)


def analysed_record() -> ArticleRecord:
    """A fixture article through the real pipeline: a dropped READ MORE line and a non-response."""
    import onrecord

    path = Path(__file__).parent / "fixtures" / "articles" / "police_told_basic.txt"
    text = path.read_text(encoding="utf-8")
    return onrecord.analyze(text, "https://larkspur.example/2025/10/gdansk", "2025-10-07", id=REAL_ID)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = fixture_store(tmp_path_factory.mktemp("web") / "web.db",
                       [*fixture_records(), payload_record(), long_record(), analysed_record()])
    with serve(db) as url:
        yield url


def test_legend_switches_a_layer_off_and_on(page: Any, base: str) -> None:
    page.goto(f"{base}/articles/{LONG_ID}")
    cues = page.locator("#article-text .hl-cue")
    assert cues.count() > 0
    box = page.locator(".legend input[data-layer='cue']")
    box.uncheck()
    assert page.locator("#article-text .hl-cue.hl-off").count() == cues.count()
    assert page.locator("#article-text .hl-content.hl-off").count() == 0  # other layers stay on
    box.check()
    assert page.locator("#article-text .hl-off").count() == 0


def test_xray_shows_highlighted_spans_and_click_scrolls_to_statements(page: Any, base: str) -> None:
    page.goto(f"{base}/articles/{LONG_ID}")
    for kind in ("source", "cue", "content", "nonresp", "hedge"):
        assert page.locator(f"#article-text .hl-{kind}").count() > 0, kind
    assert page.locator(".legend .hl").count() == len(layers())  # one legend entry per layer
    assert page.locator(".summary").inner_text().startswith("14")
    assert page.get_attribute("a[href^='https://news.example.com']", "rel") == "noopener noreferrer nofollow"
    assert page.locator(f"a[href='/api/articles/{LONG_ID}']").count() == 1

    button = page.locator(".source-btn", has_text="Dr Aiko Tanaka")
    sid = button.get_attribute("data-source")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    active = page.locator(f"#article-text .hl-content.is-active[data-source='{sid}']")
    assert active.count() >= 3
    assert page.locator("#article-text .hl-content.is-active").count() == active.count()  # only this source's
    active.first.wait_for(state="visible")
    page.wait_for_function("""sid => {
        const el = document.querySelector(`#article-text .hl-content.is-active[data-source="${sid}"]`);
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
    }""", arg=sid, timeout=5000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "xray-1366x900-source-pinned.png"))
    button.click()  # unpin
    assert page.locator("#article-text .is-active").count() == 0
    assert not page.console_errors
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "xray-1366x900.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/articles/{LONG_ID}")
    page.screenshot(path=str(ARTIFACTS / "xray-390x844.png"))
    page.screenshot(path=str(ARTIFACTS / "xray-390x844-full.png"), full_page=True)
    panel, text = page.locator(".panel").bounding_box(), page.locator("#article-text").bounding_box()
    assert panel["y"] > text["y"] + text["height"] - 1  # the panel stacks below the text on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_xray_of_an_analysed_article_greys_dropped_lines(page: Any, base: str) -> None:
    page.goto(f"{base}/articles/{REAL_ID}")
    dropped = page.locator("#article-text .hl-dropped")
    assert dropped.count() >= 1 and dropped.first.inner_text().startswith("READ MORE")
    assert page.locator("#article-text .hl-nonresp").inner_text().endswith("declined to comment")
    assert page.locator(".panel h3", has_text="Anonymous").inner_text() == "Anonymous (1)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "xray-analysed-1366x900.png"), full_page=True)


def test_payload_article_runs_no_script(page: Any, base: str) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    paths = (f"/articles/{PAYLOAD_ID}", "/", "/sources", "/search?q=script",
             "/sources/%3Cb%3EEve%3C%2Fb%3E%20Jones")
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{base}/articles/{PAYLOAD_ID}")
    page.locator(".source-btn").first.click()
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert violations == []  # our own script and stylesheet load under the CSP
    assert page.locator("#article-text script, #article-text img, main img, main b, main svg").count() == 0
    assert "<script>window.__pwned = 1; alert(1)</script>" in page.locator("#article-text").inner_text()
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert(8)><script>alert(9)</script>"
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".source-btn .name", has_text="<b>Eve</b> Jones").count() == 1
    # the JS highlight is based on data attributes, not on markup: the text is unchanged
    assert page.locator(".hl-content.is-active").count() >= 1


def test_search_shows_marked_snippets_and_bad_query_message(page: Any, base: str) -> None:
    page.goto(f"{base}/search")
    page.fill("input[name=q]", "budget")
    page.click("form[role=search] button")
    page.wait_for_url(re.compile(r"/search\?q=budget"))
    assert page.locator(".results li").count() >= 2
    assert page.locator(".snippet mark").count() >= 2
    assert page.locator(".snippet mark").first.inner_text().lower() == "budget"
    page.locator(".results a").first.click()
    assert page.locator("#article-text .hl").count() > 0

    page.goto(f"{base}/search?q=%22unclosed")
    assert page.locator(".error").count() == 1
    response = httpx.get(f"{base}/search?q=%22unclosed")
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]


def test_analyze_pasted_text_shows_an_xray(page: Any, base: str) -> None:
    page.goto(f"{base}/analyze")
    assert page.locator("input[name=store]").count() == 0  # the server is read-only
    text = ('"We have been following this group since July," said Inspector Tomasz Wrona, a spokesman for '
            "the regional police.\n\nThe bank that owns most of the machines declined to comment.\n")
    page.fill("textarea[name=text]", text)
    page.click("form.analyze button")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text .hl-content").count() >= 1
    assert page.locator("#article-text .hl-source").count() >= 1
    assert page.locator("#article-text").inner_text() == text
    assert page.locator(".source-btn", has_text="Tomasz Wrona").count() == 1


def test_pages_without_javascript_and_bad_params(browser: Any, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        paths = ("/", "/sources", "/outlets", "/search?q=tax", f"/articles/{LONG_ID}",
                 "/sources/Maria%20Lopez")
        for path in paths:
            assert page.goto(base + path).status == 200, path
            assert page.locator("main h1").count() == 1, path
        page.goto(f"{base}/outlets")
        assert page.locator("svg.chart").count() >= 2
        assert page.locator("svg.chart polyline").count() >= 1  # daily.example.org spans two months
        page.goto(f"{base}/sources/Maria%20Lopez")
        assert page.locator(".quotes li").count() >= 2
        page.locator(".quotes a").first.click()
        assert "/articles/" in page.url
    finally:
        context.close()
    for path in ("/?page=0", "/?page=10001", "/?page=x", "/sources?identity=bogus",
                 "/search?q=a&since=yesterday", "/search?q=" + "x" * 600):
        response = httpx.get(base + path)
        assert response.status_code == 400, path
        assert "text/html" in response.headers["content-type"]
    assert httpx.get(f"{base}/articles/does-not-exist").status_code == 404


def test_clicking_a_source_highlights_every_mention_of_it(page: Any, base: str) -> None:
    """"The officer", "he": a pinned source lights each of its mentions, and no other source's."""
    record = httpx.get(f"{base}/api/articles/{REAL_ID}").json()
    officer = next(s for s in record["sources"] if len(s["mentions"]) >= 3)
    page.goto(f"{base}/articles/{REAL_ID}")
    page.locator(f".source-btn[data-source='{officer['id']}']").click()
    active = page.locator(f"#article-text .hl-source.is-active[data-source='{officer['id']}']")
    texts = [record["text"][s:e] for s, e in officer["mentions"]]
    assert sorted(active.all_inner_texts()) == sorted(texts)
    others = page.locator(f"#article-text .hl-source.is-active:not([data-source='{officer['id']}'])")
    assert others.count() == 0
    shown = page.evaluate("""sid => [...document.querySelectorAll(
        `#article-text .hl-source[data-source="${sid}"]`)].map(el => getComputedStyle(el).boxShadow)""",
                          officer["id"])
    assert shown and all(s != "none" for s in shown)  # drawn, not only classed


def test_tables_have_a_csv_download_with_their_filters(page: Any, base: str) -> None:
    for path, rows_in_csv in (("/sources?identity=anonymous", None), ("/outlets", None), ("/", None)):
        page.goto(base + path)
        link = page.locator("p.download a[download]")
        assert link.count() == 1, path
        href = link.get_attribute("href")
        assert href and "format=csv" in href, path
        with page.expect_download() as info:
            link.click()
        lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
        rows = page.locator("table.list tbody tr").count()
        assert len(lines) == 1 + (rows_in_csv or rows), (path, lines[:3])
    page.goto(f"{base}/sources?identity=anonymous")
    assert "identity=anonymous" in (page.locator("p.download a").get_attribute("href") or "")


def test_outlet_links_follow_one_stated_rule(page: Any, base: str) -> None:
    page.goto(f"{base}/outlets")
    assert "Each outlet name lists its sources" in page.locator("p.note").first.inner_text()
    for row in page.locator("table.list tbody tr").all():
        cells = row.locator("td")
        name = cells.first.inner_text()
        if name == "(unknown)":
            assert cells.first.locator("a").count() == 0
            continue
        assert cells.first.locator("a").get_attribute("href") == "/sources?outlet=" + name.replace(" ", "+")
        chart = cells.last.locator("a")
        if chart.count():  # the "By month" column: a link to the outlet's chart, or a dash
            assert page.locator(chart.get_attribute("href") or "").locator("svg.chart").count() == 1
        else:
            assert cells.last.inner_text() == "–"


def test_charts_say_n_for_every_point(page: Any, base: str) -> None:
    """A month of two articles can read 0% or 100%: each point says how many articles it has."""
    page.goto(f"{base}/outlets")
    points = page.locator("svg.chart circle[data-n]")
    assert points.count() >= 3
    for point in points.all():
        n = int(point.get_attribute("data-n") or "0")
        tip = point.locator("title").text_content() or ""
        assert re.search(rf"of (\d+ \w+, )?{n} articles?$", tip), tip
        assert (point.get_attribute("fill") == "white") == (n < 5)  # few articles: a hollow point
    assert page.locator("svg.chart text.n", has_text="n=").count() >= 2
