"""Stories in the API and the web UI (issue 13 §7), against a real ``onrecord serve`` on SQLite and
on PostgreSQL, over invented articles with stories built (tests/story_web_fixtures.py).

The API: the list envelope, filters, sorting, CSV and error shape of the other lists. The pages:
the story list, the story page (timeline, provenance graph, claims table), the x-ray's story
panel (where each repeated claim first appeared), the events page counting once per story, and
hostile titles and outlets shown as text; in a real browser, the same page runs no script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from postgres import backend_store
from story_web_fixtures import COPY, CREDIT, EVIL_A, EVIL_B, FOLLOW, OTHER, WIRE, story_of, story_store
from test_web_api import assert_error
from web_server import serve

STORY_PATHS = ("", "/articles", "/relations", "/claims")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The story store on one backend (a fresh PostgreSQL database on the session's cluster)."""
    yield from backend_store(request, tmp_path_factory.mktemp("stories") / "web.db", story_store)


@pytest.fixture(scope="module")
def base(db: str) -> Iterator[str]:
    with serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def story(db: str) -> str:
    return story_of(db, WIRE)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- the API ---------------------------------------------------------------------------------

def test_stories_list_has_the_envelope_and_the_summary(client: httpx.Client, story: str) -> None:
    body = client.get("/api/stories").json()
    assert set(body) == {"items", "page", "per_page", "total", "next"}
    assert body["total"] == 3 and body["next"] is None  # Varnholm, the hostile pair, the cycle lanes
    first = body["items"][0]
    assert first["story_id"] == story  # the most recently active first
    assert first["first_report"] == WIRE and first["n_articles"] == 4 and first["n_outlets"] == 4
    assert first["n_independent"] == 2
    assert first["summary"].startswith("4 articles in 4 outlets; 2 independent reports; the central claim")
    paged = client.get("/api/stories", params={"per_page": 1}).json()
    assert paged["total"] == 3 and len(paged["items"]) == 1 and "page=2" in paged["next"]
    last = client.get("/api/stories", params={"per_page": 1, "page": 3}).json()
    assert last["total"] == 3 and last["next"] is None
    assert client.get("/api/stories", params={"min_articles": 2}).json()["total"] == 2


def test_stories_filters(client: httpx.Client, story: str, db: str) -> None:
    def ids(**params: Any) -> set[str]:
        return {s["story_id"] for s in client.get("/api/stories", params=params).json()["items"]}

    assert ids(outlet="Lowmoor Gazette") == {story}  # a story with an article from the outlet
    assert ids(outlet="Fenwick Wire") == {story, story_of(db, OTHER)}
    assert ids(since="2031-05-06") == {story}  # still active on the 6th
    assert ids(until="2031-04-30") == {story_of(db, EVIL_A)}
    assert ids(since="2031-05-05", until="2031-05-05") == {story, story_of(db, OTHER)}
    assert ids(outlet="nobody") == set()
    by_size = client.get("/api/stories", params={"sort": "-n_articles"}).json()
    assert [s["n_articles"] for s in by_size["items"]] == [4, 2, 1] and by_size["total"] == 3


def test_one_story_and_its_parts(client: httpx.Client, story: str) -> None:
    one = client.get(f"/api/stories/{story}").json()
    assert one["story_id"] == story and one["first_report"] == WIRE
    top = one["claims"][0]  # the harbour master's quote, in all four articles
    assert top["origin_article"] == WIRE and top["repeats"] == 4 and top["independent_reports"] == 2
    assert top["sources_phrase"] == "Ilse Brandvold"
    articles = client.get(f"/api/stories/{story}/articles").json()
    assert [(a["article_id"], a["role"]) for a in articles["items"]] == [
        (WIRE, "first_report"), (COPY, "copy"), (CREDIT, "credited"), (FOLLOW, "independent")]
    assert articles["total"] == 4
    only = client.get(f"/api/stories/{story}/articles", params={"outlet": "Thornby Courier"}).json()
    assert [a["article_id"] for a in only["items"]] == [CREDIT] and only["total"] == 1
    relations = client.get(f"/api/stories/{story}/relations").json()["items"]
    assert {(r["article_id"], r["type"], r["target_id"]) for r in relations} == {
        (COPY, "copy_of", WIRE), (CREDIT, "cites", WIRE), (FOLLOW, "follows_up", WIRE)}
    cites = next(r for r in relations if r["type"] == "cites")
    assert cites["evidence"]["phrase"] == "Fenwick Wire reported"
    claims = client.get(f"/api/stories/{story}/claims", params={"per_page": 2}).json()
    assert claims["total"] == 4 and len(claims["items"]) == 2 and claims["next"]
    assert all(c["origin_article_id"] == WIRE for c in claims["items"])
    assert {"content_text", "content_spans", "origin_attribution_id", "match"} <= set(claims["items"][0])


def test_story_csv_and_openapi(client: httpx.Client, story: str) -> None:
    csv = client.get(f"/api/stories/{story}/articles", params={"format": "csv"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("article_id,outlet,published")
    schema = client.get("/openapi.json").json()
    for suffix in STORY_PATHS:
        assert f"/api/stories/{{story_id}}{suffix}" in schema["paths"]
    assert "/api/stories" in schema["paths"]


@pytest.mark.parametrize("suffix", STORY_PATHS)
def test_story_errors_have_the_one_shape(client: httpx.Client, story: str, suffix: str) -> None:
    assert "onrecord stories build" in assert_error(client.get(f"/api/stories/st-nothing{suffix}"), 404,
                                                    "not_found")["message"]
    assert_error(client.get(f"/api/stories/{'x' * 65}{suffix}"), 400, "invalid_parameter")
    assert_error(client.get(f"/api/stories/{story}{suffix}", params={"bogus": "1"}), 400, "invalid_parameter")


def test_story_list_errors(client: httpx.Client) -> None:
    assert "since" in assert_error(client.get("/api/stories", params={"since": "May"}), 400,
                                   "bad_query")["message"]
    assert_error(client.get("/api/stories", params={"sort": "story_id"}), 400, "invalid_parameter")
    assert_error(client.get("/api/stories", params={"per_page": 201}), 400, "invalid_parameter")
    assert_error(client.get("/api/stories", params={"outlet": "x\x00"}), 400, "invalid_parameter")
    assert_error(client.get("/api/stories", params={"outlet": "x" * 501}), 400, "invalid_parameter")


# -- the pages ------------------------------------------------------------------------------

def test_story_page_draws_the_timeline_graph_and_claims(client: httpx.Client, story: str) -> None:
    page = client.get(f"/stories/{story}")
    assert page.status_code == 200
    html = page.text
    text = _text(html)
    assert "4 articles in 4 outlets; 2 independent reports; the central claim rests on 2 reports citing " \
           "Ilse Brandvold" in text
    timeline = html[html.index('class="chart story-timeline"'):]
    timeline = timeline[: timeline.index("</svg>")]
    for aid in (WIRE, COPY, CREDIT, FOLLOW):  # every article is a mark linking to its x-ray
        assert f'href="/articles/{aid}"' in timeline
    assert "first report" in timeline and "credited re-report" in timeline and "copy" in timeline
    graph = html[html.index('class="chart provenance"'):]
    graph = graph[: graph.index("</svg>")]
    assert {m for m in re.findall(r'data-type="([a-z_]+)"', graph)} == {"copy_of", "cites", "follows_up"}
    assert graph.count('class="edge"') == 3
    claims = html[html.index('class="list claims"'):]
    claims = _text(claims[: claims.index("</table>")])
    assert "The crane failed without warning" in claims
    assert "4 articles in 4 outlets; 2 independent reports; rests on Ilse Brandvold" in claims
    assert "2 articles in 2 outlets; 1 independent report; rests on 1 anonymous source" in claims
    assert f'href="/articles/{WIRE}#attr-' in html  # the claim's origin, at the statement
    articles = _text(html[html.index('class="list story-articles"'):])
    assert "copy copies Lowmoor" not in articles and "copy copies Fenwick Wire" in articles
    assert "credited re-report credits Fenwick Wire" in articles
    assert "independent report follows up Fenwick Wire" in articles


def test_story_list_page_and_nav(client: httpx.Client, story: str) -> None:
    page = client.get("/stories")
    assert page.status_code == 200 and f'href="/stories/{story}"' in page.text
    assert 'href="/stories" aria-current="page"' in page.text  # in the navigation
    assert 'href="/stories"' in client.get("/").text
    filtered = client.get("/stories", params={"outlet": "nobody"})
    assert filtered.status_code == 200 and "No stories match." in filtered.text
    assert client.get("/stories", params={"since": "May"}).status_code == 400
    assert client.get("/stories/st-nothing").status_code == 404
    assert client.get("/stories/" + "x" * 65).status_code == 404


def test_xray_says_where_each_repeated_claim_first_appeared(client: httpx.Client, story: str) -> None:
    html = client.get(f"/articles/{COPY}").text
    panel = html[html.index('class="story-note"'):]
    panel = panel[: panel.index("</section>")]
    assert f'href="/stories/{story}"' in panel and "<strong>copy</strong>" in panel
    origins = re.findall(r'class="origin" href="([^"]+)">([^<]+)</a>', panel)
    assert len(origins) == 2  # the harbour master's quote and the dock workers'
    assert all(href.startswith(f"/articles/{WIRE}#attr-") for href, _ in origins)
    assert all(label == "Fenwick Wire, 2031-05-04 07:00" for _, label in origins)
    wire = client.get(f"/articles/{WIRE}").text
    assert "<strong>first report</strong>" in wire and 'class="origin"' not in wire  # repeats nothing
    assert "No other stored article reports" in client.get(f"/articles/{OTHER}").text


def test_events_page_counts_once_per_story(client: httpx.Client, story: str) -> None:
    html = client.get("/findings/events").text
    text = _text(html)
    assert "Counted once per story: 1 event from 4 reports" in text  # the crane collapse, four times
    assert html.count('1 of 4 reports of it</a>') == 4  # each report still its own row
    assert html.count(f'href="/stories/{story}"') == 4
    one = _text(client.get("/findings/events", params={"outlet": "Ashcombe Daily"}).text)
    assert "Counted once per story: 1 event from 1 report" in one


def test_hostile_titles_and_outlets_are_text(client: httpx.Client, db: str) -> None:
    evil = story_of(db, EVIL_A)
    for url in (f"/stories/{evil}", "/stories", f"/articles/{EVIL_B}"):
        html = client.get(url).text
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html, url
        assert "</text><script>" not in html and "<b>Mayor</b>" not in html, url
    page = client.get(f"/stories/{evil}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&lt;svg onload=&#34;window.__pwned=3&#34;&gt;Evil &amp; Co" in page
    assert "javascript:" not in page


@pytest.mark.slow
def test_story_page_in_a_browser(page: Any, base: str, db: str, story: str) -> None:
    page.goto(f"{base}/stories/{story}")
    marks = page.locator("svg.story-timeline a.node")
    assert marks.count() == 4
    assert page.locator("svg.provenance path.edge").count() == 3
    assert page.locator("table.claims tbody tr").count() == 2
    box = page.locator("svg.provenance").bounding_box()
    assert box is not None and box["width"] > 500
    page.locator(f'svg.story-timeline a.node[data-article="{COPY}"]').click()
    page.wait_for_url(f"**/articles/{COPY}")
    origin = page.locator(".story-note a.origin").first
    assert origin.inner_text() == "Fenwick Wire, 2031-05-04 07:00"
    origin.click()
    page.wait_for_url(f"**/articles/{WIRE}#attr-*")
    page.goto(f"{base}/stories/{story_of(db, EVIL_A)}")
    assert page.evaluate("window.__pwned") is None and not page.dialogs
    assert "<script>window.__pwned = 1</script>" in page.locator("h1").inner_text()
    assert page.console_errors == []
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the charts scroll, nothing breaks
    page.goto(f"{base}/stories/{story}")
    assert page.locator("svg.story-timeline").is_visible()


def test_empty_store_has_no_stories(tmp_path: Path) -> None:
    from web_server import fixture_store

    db = fixture_store(tmp_path / "none.db", [])
    with serve(db) as url:
        body = httpx.get(url + "/api/stories").json()
        assert body["items"] == [] and body["total"] == 0
        assert "onrecord stories build" in httpx.get(url + "/stories").text
        assert "Counted once per story" not in httpx.get(url + "/findings/events").text
