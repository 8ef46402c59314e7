"""Polite fetching for batches: robots.txt obeyed, and requests to one host spaced out.

``fetch_url`` fetches what it is told; readers that fetch many pages from the same sites
(feeds, URL lists) go through a ``PoliteFetcher`` instead, so a run of thousands of URLs
neither ignores a site's robots.txt nor hammers it. One fetcher is made per run and may be
shared by threads: the host clock and the robots cache are locked.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from onrecord.errors import RobotsDisallowed
from onrecord.ingest.document import RawDocument
from onrecord.ingest.fetch import Fetched, fetch_bytes, fetch_url
from onrecord.ingest.robots import RobotsCache, host_key
from onrecord.settings import Settings

# A Crawl-delay above this is treated as this: a site asking for an hour between requests
# would otherwise stall a batch; its pages are still fetched, only slowly.
MAX_CRAWL_DELAY = 30.0


class HostThrottle:
    """Keep at least ``delay`` seconds between the starts of two requests to the same host.

    Each caller reserves the next free slot for its host under a lock and sleeps outside
    it, so threads waiting for different hosts do not hold each other up.
    """

    def __init__(
        self,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._delay = max(0.0, delay)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        """Space requests to ``host`` further apart (a robots.txt Crawl-delay); never closer."""
        with self._lock:
            self._host_delay[host] = max(self._delay, min(delay, MAX_CRAWL_DELAY))

    def wait(self, host: str) -> float:
        """Block until a request to ``host`` may start; return the seconds waited."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self._host_delay.get(host, self._delay)
        waited = start - now
        if waited > 0:
            self._sleep(waited)
        return waited

    def reset(self) -> None:
        """Forget every host (tests, or a new run with the same fetcher)."""
        with self._lock:
            self._next.clear()
            self._host_delay.clear()


class PoliteFetcher:
    """``fetch_url`` behind robots.txt (when ``settings.respect_robots``) and a per-host delay."""

    def __init__(self, settings: Settings, client: httpx.Client) -> None:
        self.settings = settings
        self.client = client
        self.throttle = HostThrottle(settings.per_host_delay)
        self.robots = RobotsCache(settings, self._fetch_robots)

    def fetch(self, url: str) -> RawDocument:
        """Fetch a page politely.

        Raises:
            RobotsDisallowed: robots.txt forbids our user agent this URL (a skip, not a failure).
            FetchError, UnsupportedInput: as ``fetch_url``.
        """
        self._check_robots(url)
        self.throttle.wait(host_key(url))
        return fetch_url(url, self.settings, self.client)

    def fetch_bytes(self, url: str) -> Fetched:
        """Fetch any body (a feed) politely; raises as ``fetch`` does."""
        self._check_robots(url)
        self.throttle.wait(host_key(url))
        return fetch_bytes(url, self.settings, self.client)

    def _check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        rules = self.robots.rules_for(url)
        delay = rules.crawl_delay
        if delay is not None:
            self.throttle.set_delay(host_key(url), delay)
        if not rules.allows(url):
            raise RobotsDisallowed(
                f"Skipped '{url}': the site's robots.txt ({rules.source}) does not allow "
                f"'{self.settings.user_agent}' to fetch it. Set respect_robots = false "
                "(ONRECORD_RESPECT_ROBOTS) only for sites you have permission to crawl."
            )

    def _fetch_robots(self, url: str) -> Fetched:
        self.throttle.wait(host_key(url))
        return fetch_bytes(url, self.settings, self.client)
