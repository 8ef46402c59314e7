"""``onrecord ingest`` over the network: a feed URL, a URL list, an article URL (real HTTP on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from feed_builder import rss
from loopback_server import Handler, Server, reply, serve
from test_ingest_run import article_html, buckets, ingest, ledger

pytestmark = pytest.mark.model

NET = ("--allow-private", "--per-host-delay", "0")


def _page(i: int) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        reply(h, 200, article_html(i).encode(), {"Content-Type": "text/html; charset=utf-8"})
    return handler


def _feed(h: BaseHTTPRequestHandler, server: Server) -> None:
    entries = [(f"Plan {i}", server.url(f"/a{i}"), f"guid-{i}", None) for i in range(3)]
    entries.append(("Gone", server.url("/gone"), "guid-gone", None))
    entries.append(("Plan 0 again", server.url("/a0"), "guid-dup", None))
    reply(h, 200, rss(entries), {"Content-Type": "application/octet-stream"})  # sniffed as a feed


@pytest.fixture
def server() -> Iterator[Server]:
    routes = {"/feed": _feed, "/a0": _page(0), "/a1": _page(1), "/a2": _page(2), "/a3": _page(3)}
    with serve(routes) as running:
        yield running


def test_feed_url_stores_every_entry_once(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    feed = server.url("/feed")
    code, summary, stderr = ingest(feed, "--db", str(db), *NET)
    assert code == 1, stderr  # the 404 entry failed; the rest were stored
    assert summary["stored"] == 3
    assert summary["skipped_by_reason"] == {"duplicate_entry": 1}
    assert summary["failed_by_stage"] == {"ingest": 1}  # /gone answers 404
    assert summary["read"] == 5 == buckets(summary)
    assert ledger(db)[f"{feed}#guid-1"] == "stored"
    assert [r["path"] for r in server.requests].count("/feed") == 1  # the feed is fetched once
    code, again, _ = ingest(feed, "--db", str(db), *NET)  # polling the feed again: nothing new
    assert again["already_done"] == 5 and again["stored"] == 0


def test_url_list_and_article_url(server: Server, tmp_path: Path) -> None:
    db = tmp_path / "u.db"
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# today\n{server.url('/a1')}\n{server.url('/a2')}\nftp://nope\n{server.url('/a1')}\n")
    code, summary, stderr = ingest(str(urls), "--urls", "--db", str(db), *NET)
    assert code == 1, stderr  # the ftp line failed
    # the repeated URL is the same input key: "already done", its ledger row stays "stored"
    assert (summary["stored"], summary["failed"], summary["already_done"]) == (2, 1, 1)
    assert summary["read"] == 4 == buckets(summary)
    assert ledger(db)[server.url("/a2")] == "stored"
    assert ledger(db)[f"{urls}:4"] == "failed"  # the invalid line, keyed by its line
    code, summary, _ = ingest(server.url("/a3"), "--db", str(db), *NET)  # an article URL
    assert (code, summary["stored"]) == (0, 1)
    code, summary, _ = ingest(server.url("/a3"), "--db", str(db), *NET)
    assert summary["already_done"] == 1


def test_private_addresses_are_refused_without_allow_private(server: Server, tmp_path: Path) -> None:
    code, summary, stderr = ingest(server.url("/a1"), "--db", str(tmp_path / "p.db"))
    assert code == 1 and summary["failed"] == 1 == summary["read"]
    assert "failed (ingest, fetch)" in stderr
