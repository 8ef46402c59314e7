"""Polite fetching: robots.txt obeyed and cached, and requests to one host spaced out."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from loopback_server import Handler, Server, reply, serve

from onrecord.errors import FetchError, RobotsDisallowed
from onrecord.ingest.fetch import make_client
from onrecord.ingest.politeness import HostThrottle, PoliteFetcher
from onrecord.settings import Settings

LOCAL = Settings(
    allow_private=True, per_host_delay=0, respect_robots=True,
    connect_timeout=2, read_timeout=2, total_timeout=5,
)


def _page(h: BaseHTTPRequestHandler, server: Server) -> None:
    reply(h, 200, b"<html><body><p>A story.</p></body></html>", {"Content-Type": "text/html"})


def _robots(body: bytes, status: int = 200) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        reply(h, status, body, {"Content-Type": "text/plain"})

    return handler


def _routes(robots: Handler | None) -> dict[str, Handler]:
    paths = ("/news/1", "/news/2", "/news/3", "/private/x", "/onrecord-only")
    routes: dict[str, Handler] = {path: _page for path in paths}
    if robots is not None:
        routes["/robots.txt"] = robots
    return routes


RULES = (
    b"User-agent: *\nDisallow: /private/\n\n"
    b"User-agent: onrecord\nDisallow: /onrecord-only\nDisallow: /private/\n"
)


@pytest.fixture
def server() -> Iterator[Server]:
    with serve(_routes(_robots(RULES))) as running:
        yield running


def _fetcher(settings: Settings = LOCAL) -> PoliteFetcher:
    return PoliteFetcher(settings, make_client(settings))


def test_disallowed_paths_are_not_fetched(server: Server) -> None:
    fetcher = _fetcher()
    assert fetcher.fetch(server.url("/news/1")).kind == "html"
    with pytest.raises(RobotsDisallowed) as info:
        fetcher.fetch(server.url("/private/x"))
    assert info.value.code == "robots_disallowed"
    assert f"robots.txt ({server.url('/robots.txt')})" in str(info.value)
    with pytest.raises(RobotsDisallowed):  # the group naming our product token applies to us
        fetcher.fetch(server.url("/onrecord-only"))
    paths = [r["path"] for r in server.requests]
    assert paths == ["/robots.txt", "/news/1"]  # fetched once, then cached
    assert server.requests[0]["headers"]["User-Agent"] == LOCAL.user_agent


def test_robots_can_be_ignored_when_told(server: Server) -> None:
    fetcher = _fetcher(Settings(allow_private=True, per_host_delay=0, respect_robots=False))
    assert fetcher.fetch(server.url("/private/x")).kind == "html"
    assert [r["path"] for r in server.requests] == ["/private/x"]


def test_cache_reset_fetches_again(server: Server) -> None:
    fetcher = _fetcher()
    fetcher.fetch(server.url("/news/1"))
    fetcher.robots.reset()
    fetcher.fetch(server.url("/news/2"))
    assert [r["path"] for r in server.requests].count("/robots.txt") == 2


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        (None, True),  # 404: no rules
        (_robots(b"", 500), True),  # a failure to read rules allows (as urllib.robotparser)
        (_robots(b"no", 401), False),  # 401/403: the site forbids robots
        (_robots(b"no", 403), False),
        (_robots(b"\x00\xff garbage \xfe"), True),
    ],
)
def test_missing_or_failing_robots(robots: Handler | None, allowed: bool) -> None:
    with serve(_routes(robots)) as running:
        fetcher = _fetcher()
        if allowed:
            assert fetcher.fetch(running.url("/news/1")).kind == "html"
        else:
            with pytest.raises(RobotsDisallowed):
                fetcher.fetch(running.url("/news/1"))


def test_refused_address_stays_refused_with_robots() -> None:
    fetcher = _fetcher(Settings(per_host_delay=0))
    with pytest.raises(FetchError, match="loopback address"):
        fetcher.fetch("http://127.0.0.1:9/news")


def test_requests_to_one_host_are_spaced(server: Server) -> None:
    settings = Settings(allow_private=True, per_host_delay=0.25, respect_robots=True)
    fetcher = _fetcher(settings)
    for n in (1, 2, 3):
        fetcher.fetch(server.url(f"/news/{n}"))
    times = [r["time"] for r in server.requests]
    assert [r["path"] for r in server.requests] == ["/robots.txt", "/news/1", "/news/2", "/news/3"]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.2, gaps


def test_crawl_delay_slows_a_host_down() -> None:
    with serve(_routes(_robots(b"User-agent: *\nCrawl-delay: 1\n"))) as running:
        fetcher = _fetcher()
        fetcher.fetch(running.url("/news/1"))
        fetcher.fetch(running.url("/news/2"))
        times = [r["time"] for r in running.requests]
    assert times[-1] - times[-2] >= 0.9  # urllib.robotparser reads whole seconds only


def _frozen_clock() -> float:
    """Time stands still, so every wait is exactly the reserved gap (no sleeping in tests)."""
    return 100.0


def test_throttle_reserves_slots_per_host() -> None:
    waits: list[float] = []
    throttle = HostThrottle(1.0, clock=_frozen_clock, sleep=waits.append)
    assert [throttle.wait("a.example") for _ in range(3)] == [0.0, 1.0, 2.0]
    assert throttle.wait("b.example") == 0.0  # another host is not held up
    assert waits == [1.0, 2.0]
    throttle.reset()
    assert throttle.wait("a.example") == 0.0


def test_throttle_is_thread_safe() -> None:
    throttle = HostThrottle(0.5, clock=_frozen_clock, sleep=lambda seconds: None)
    results: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(25):
            waited = throttle.wait("same.example")
            with lock:
                results.append(waited)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 200 requests got 200 distinct slots, 0.5 s apart: no two threads shared one.
    assert sorted(results) == [n * 0.5 for n in range(200)]
