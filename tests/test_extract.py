"""Article extraction: plain text passes through unchanged; HTML pages become headline + body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import NoArticleText
from onrecord.extract import Article, extract_article
from onrecord.extract.boilerplate import is_boilerplate, is_byline, parse_page
from onrecord.extract.metadata import canonical_link, strip_tracking
from onrecord.ingest import RawDocument
from onrecord.settings import Settings

HTML = Path(__file__).parent / "fixtures" / "html"
SETTINGS = Settings()
CASES = sorted(p.name.removesuffix(".expected.json") for p in HTML.glob("*.expected.json"))
BODY = (
    "<p>The harbour authority said on Monday that the north quay would close for repairs for "
    "three weeks, after inspectors found cracks in the concrete.</p>"
    "<p>Shipping firms said they had not been warned and would divert vessels to the southern quay.</p>"
)


def _page(name: str) -> RawDocument:
    return RawDocument(
        origin=str(HTML / f"{name}.html"), data=(HTML / f"{name}.html").read_text(), kind="html"
    )


def _html(body: str, head: str = "") -> RawDocument:
    return RawDocument(
        origin="page.html", data=f"<html><head>{head}</head><body>{body}</body></html>", kind="html"
    )


def test_fixtures_exist() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("name", CASES)
def test_fixture_page(name: str) -> None:
    expected = json.loads((HTML / f"{name}.expected.json").read_text())
    article = extract_article(_page(name), SETTINGS)
    # Two formats: ours (with/without/dropped) and the lead's site_* pages (text_contains...).
    keys = [k for k in ("title", "outlet", "published", "url", "language") if k in expected]
    assert {k: getattr(article, k) for k in keys} == {k: expected[k] for k in keys}
    assert list(article.authors) == expected["authors"]
    assert article.text.startswith(expected.get("starts_with", article.title or ""))
    for snippet in expected.get("with", expected.get("text_contains", [])):
        assert snippet in article.text
    for snippet in expected.get("without", expected.get("text_not_contains", [])):
        assert snippet not in article.text
    dropped = [d.text for d in article.dropped]
    if "dropped" in expected:
        assert dropped == expected["dropped"]
    assert all(d.spans == () for d in article.dropped)
    for text in expected.get("not_dropped", []):
        assert text not in dropped


def test_html_text_layout_is_title_blank_line_paragraphs() -> None:
    article = extract_article(_page("council_vote"), SETTINGS)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs)


def test_page_without_article_text() -> None:
    with pytest.raises(NoArticleText) as info:
        extract_article(_page("section_index"), SETTINGS)
    assert str(info.value).startswith(f"No article text found in '{HTML / 'section_index.html'}'")


@pytest.mark.parametrize(
    "body",
    [
        '<div id="root"></div><script>window.app.start()</script>',
        "<p>Subscribe to continue reading.</p><p>Already a member? Log in.</p>",
        "",
    ],
)
def test_stub_pages_have_no_article_text(body: str) -> None:
    with pytest.raises(NoArticleText, match="No article text found in 'page.html'"):
        extract_article(_html(body, "<title>Story</title>"), SETTINGS)


def test_plain_text_is_returned_exactly() -> None:
    text = "  Headline here\r\n\r\nBody “quoted” — said X.\u00a0Trailing\t\n\n"
    raw = RawDocument(
        origin="a.txt", data=text, kind="text", url="https://www.example.org/s", published="2025-01-02"
    )
    article = extract_article(raw, SETTINGS)
    assert article == Article(
        text=text,
        title=None,
        outlet="example.org",
        authors=(),
        published="2025-01-02",
        url="https://www.example.org/s",
        language=None,
    )


def test_plain_text_bytes_are_decoded() -> None:
    raw = RawDocument(origin="a.txt", data="café “x”".encode(), kind="text")
    assert extract_article(raw, SETTINGS).text == "café “x”"


def test_whitespace_text_has_no_article() -> None:
    with pytest.raises(NoArticleText, match="'a.txt' has no text"):
        extract_article(RawDocument(origin="a.txt", data=" \n ", kind="text"), SETTINGS)


def test_given_metadata_wins_and_url_falls_back() -> None:
    raw = RawDocument(
        origin="batch.jsonl:3",
        data=f'<html><head><meta name="date" content="2024-01-01"></head><body>{BODY}</body></html>',
        kind="html",
        url="https://www.harbour-news.example/quay",
        published="2025-05-06",
    )
    article = extract_article(raw, SETTINGS)
    assert article.published == "2025-05-06"
    assert article.url == "https://www.harbour-news.example/quay"
    assert article.outlet == "harbour-news.example"


def test_byline_and_boilerplate_lines_in_the_body_are_dropped() -> None:
    body = (
        "<h1>Quay to close</h1><p>By Jane Doe and Ali Khan</p>" + BODY + "<p>READ MORE: Dredging begins</p>"
    )
    article = extract_article(_html(f"<article>{body}</article>"), SETTINGS)
    assert "Jane Doe" not in article.text and "READ MORE" not in article.text
    assert ("By Jane Doe and Ali Khan", "byline") in [(d.text, d.reason) for d in article.dropped]
    assert ("READ MORE: Dredging begins", "read_more") in [(d.text, d.reason) for d in article.dropped]


def test_warnings_are_carried() -> None:
    raw = RawDocument(origin="a.txt", data="Some text.", kind="text", warnings=("guessed cp1252",))
    assert extract_article(raw, SETTINGS).warnings == ("guessed cp1252",)


def test_spanish_page_is_labelled() -> None:
    body = (
        "<p>El ministro de Transporte dijo el jueves que las obras del puerto se retrasarán por lo menos "
        "un año, según dos funcionarios que participaron en las negociaciones.</p>"
        "<p>La oposición ha pedido una investigación parlamentaria sobre la promesa de financiación, "
        "y según la prensa local presentará una moción la próxima semana.</p>"
    )
    assert extract_article(_html(f"<article>{body}</article>"), SETTINGS).language == "es"


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Quay contract awarded",
        "Read more » Ferry fares rise",
        "Related: Taxi licences frozen",
        "Advertisement",
        "Story continues below advertisement",
        "Sign up for our free morning newsletter",
        "Subscribe to our daily briefing by email",
        "We use cookies to improve your experience.",
        "Cranes at the quay. Photo: Ines Barros/Coastal Ledger",
        "Commuters wait. (Photo: Meridian Wire)",
        "Copyright © 2025 The Ledger. All rights reserved.",
        "Monday 2 March 2026",
        "Updated: March 2, 2026 at 10:15 a.m. EST",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Read the full report, officials said, before drawing conclusions.",
        "Related parties must disclose donations, the commission said.",
        "The minister said she would subscribe to the plan.",
        "Watchdog groups said the photo had been altered.",
        "x" * 400,
    ],
)
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Mara Velloso", True),
        ("By Ruth Okafor and Leon Sauer", True),
        ("By Mara Velloso, Transport Correspondent", True),
        ("By March, prices had risen sharply.", False),
        ("By the time the council met, the money was gone", False),
    ],
)
def test_bylines(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


def test_canonical_link_wins_and_tracking_is_removed() -> None:
    root = parse_page('<html><head><link rel="canonical" href="/news/a?id=7&utm_source=rss"></head></html>')
    assert root is not None
    link = canonical_link(root, "https://paper.example/feed/item")
    assert link == "https://paper.example/news/a?id=7&utm_source=rss"
    assert strip_tracking(link) == "https://paper.example/news/a?id=7"
    assert strip_tracking("https://p.example/a?fbclid=x&utm_medium=feed") == "https://p.example/a"
    assert strip_tracking("https://p.example/a") == "https://p.example/a"
