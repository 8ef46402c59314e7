"""RSS/Atom feeds: safe XML first, then each entry's article fetched from a loopback server."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from feed_builder import atom, entity_bomb, external_entity, rss
from loopback_server import Handler, Server, reply, serve

from onrecord.errors import DuplicateEntry, FeedError, FetchError, RobotsDisallowed, UnsafeXml
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.feeds import iter_feed, parse_feed, plain_text
from onrecord.settings import Settings

LOCAL = Settings(
    allow_private=True, per_host_delay=0, respect_robots=True,
    connect_timeout=2, read_timeout=2, total_timeout=5,
)
PAGE = "<html><head><title>{0}</title></head><body><p>{0}: the minister said on Friday.</p></body></html>"


def _page(name: str) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        reply(h, 200, PAGE.format(name).encode(), {"Content-Type": "text/html; charset=utf-8"})

    return handler


def _feed_of(build: Callable[[Server], bytes]) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        body = build(server)
        reply(h, 200, body, {"Content-Type": "application/rss+xml"})

    return handler


def _rss(server: Server) -> bytes:
    return rss(
        [
            ("Minister &lt;b&gt;quits&lt;/b&gt; &amp;amp; more", server.url("/a"), "guid-a",
             "Fri, 12 Sep 2025 08:30:00 GMT"),
            ("Second story", server.url("/b"), "guid-b", None),
            ("Second story again", server.url("/b"), "guid-b2", None),
            ("Private", server.url("/private/c"), "guid-c", None),
        ]
    )  # fmt: skip


def _robots(h: BaseHTTPRequestHandler, server: Server) -> None:
    reply(h, 200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})


ROUTES = {
    "/feed.xml": _feed_of(_rss),
    "/bomb.xml": _feed_of(lambda s: entity_bomb()),
    "/external.xml": _feed_of(lambda s: external_entity(s.url("/secret"))),
    "/page.xml": _feed_of(lambda s: b"<html><body><p>not a feed</p></body></html>"),
    "/relative.xml": _feed_of(lambda s: rss([("Rel", "/a", "r1", None), ("Rel b", "b", "r2", None)])),
    "/a": _page("Story A"),
    "/b": _page("Story B"),
    "/private/c": _page("Story C"),
    "/secret": _page("SECRET"),
    "/robots.txt": _robots,
}


@pytest.fixture
def server() -> Iterator[Server]:
    with serve(ROUTES) as running:
        yield running


def _paths(server: Server) -> list[str]:
    return [r["path"] for r in server.requests]


def test_feed_entries_become_articles(server: Server) -> None:
    feed = server.url("/feed.xml")
    items = list(iter_feed(feed, LOCAL))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.origin for d in docs] == [f"{feed}#guid-a", f"{feed}#guid-b"]
    first = docs[0]
    assert first.url == server.url("/a") and first.kind == "html"
    assert "Story A" in str(first.data)
    assert first.published == "2025-09-12T08:30:00Z"
    assert first.title == "Minister quits & more"
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [(f.origin, type(f.error)) for f in failures] == [
        (f"{feed}#guid-b2", DuplicateEntry),
        (f"{feed}#guid-c", RobotsDisallowed),
    ]
    assert [f.error.code for f in failures] == ["duplicate_entry", "robots_disallowed"]
    assert _paths(server).count("/b") == 1 and "/private/c" not in _paths(server)
    assert _paths(server).count("/robots.txt") == 1


@pytest.mark.parametrize(
    ("xml_title", "title_type", "expected"),
    [
        ("Minister &lt;b&gt;quits&lt;/b&gt; &amp;amp; more", "html", "Minister quits & more"),
        ("AT&amp;T &lt;3 plain", "text", "AT&T <3 plain"),
        ('<div xmlns="http://www.w3.org/1999/xhtml">Talks <b>stall</b></div>', "xhtml", "Talks stall"),
        ("Tom &lt;script&gt;alert(1)&lt;/script&gt;Jerry", "html", "Tom Jerry"),
    ],
)
def test_entry_titles_are_plain_text(
    server: Server, tmp_path: Path, xml_title: str, title_type: str, expected: str
) -> None:
    path = tmp_path / "feed.atom"
    path.write_bytes(atom([(xml_title, server.url("/a"), "tag:a", "2025-09-12T08:30:00Z")], title_type))
    [doc] = list(iter_feed(path, LOCAL))
    assert isinstance(doc, RawDocument)
    assert doc.title == expected
    assert doc.origin == f"{path}#tag:a" and doc.published == "2025-09-12T08:30:00Z"


def test_cdata_title_with_markup() -> None:
    [entry] = parse_feed(
        rss([("<![CDATA[Tom <i>&amp;</i> Jerry]]>", "https://n.example/a", None, None)]), "f"
    )
    assert plain_text(entry["title"]) == "Tom & Jerry"


def test_entity_bomb_is_refused_unexpanded(server: Server) -> None:
    started = time.monotonic()
    [failure] = list(iter_feed(server.url("/bomb.xml"), LOCAL))
    assert time.monotonic() - started < 2
    assert isinstance(failure, InputFailure) and isinstance(failure.error, UnsafeXml)
    assert failure.error.code == "unsafe_xml" and failure.origin == server.url("/bomb.xml")
    assert "declares a DTD or entities" in str(failure.error) and "lol" not in str(failure.error)
    assert "/a" not in _paths(server)


def test_external_entity_is_never_fetched(server: Server) -> None:
    [failure] = list(iter_feed(server.url("/external.xml"), LOCAL))
    assert isinstance(failure, InputFailure) and isinstance(failure.error, UnsafeXml)
    assert "/secret" not in _paths(server)


@pytest.mark.parametrize("declaration", [b"<!DOCTYPE rss>", b"<!doctype rss SYSTEM 'x.dtd'>"])
def test_any_dtd_is_refused(declaration: bytes) -> None:
    feed = rss([("a", "https://n.example/a", None, None)]).replace(b"<rss", declaration + b"<rss", 1)
    with pytest.raises(UnsafeXml):
        parse_feed(feed, "feed.xml")


def test_not_a_feed(server: Server) -> None:
    [failure] = list(iter_feed(server.url("/page.xml"), LOCAL))
    assert isinstance(failure, InputFailure) and isinstance(failure.error, FeedError)
    assert "not RSS or Atom (root element is <html>)" in str(failure.error)
    with pytest.raises(FeedError, match="not a readable RSS or Atom feed"):
        parse_feed(b"just some words", "words.txt")


def test_unreachable_feed_is_one_failure(server: Server) -> None:
    [failure] = list(iter_feed(server.url("/missing.xml"), LOCAL))
    assert isinstance(failure, InputFailure) and isinstance(failure.error, FetchError)
    assert failure.error.status == 404


def test_entry_without_link(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_bytes(rss([("No link", "", "g1", None)]))
    [failure] = list(iter_feed(path, LOCAL))
    assert isinstance(failure, InputFailure) and failure.error.code == "bad_feed"
    assert failure.origin == f"{path}#g1"


def test_missing_feed_file_is_a_failure(tmp_path: Path) -> None:
    [failure] = list(iter_feed(tmp_path / "absent.xml", LOCAL))
    assert isinstance(failure, InputFailure) and "Cannot read feed" in str(failure.error)


def test_relative_entry_links_resolve_against_the_feed(server: Server) -> None:
    items = list(iter_feed(server.url("/relative.xml"), LOCAL))
    assert [getattr(i, "url", None) for i in items] == [server.url("/a"), server.url("/b")]


def test_feed_title_fills_in_when_the_page_has_none() -> None:
    from onrecord.extract.text import extract_article

    body = "<p>" + "The minister said on Friday that the harbour talks would resume next week. " * 3 + "</p>"
    page = f"<html><body><article>{body}</article></body></html>"
    raw = RawDocument(origin="https://n.example/a", data=page, kind="html", title="Harbour talks resume")
    article = extract_article(raw, Settings(check_language=False))
    assert article.title == "Harbour talks resume"
    assert article.text.startswith("Harbour talks resume\n\n")
