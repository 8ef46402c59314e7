"""robots.txt rules, fetched once per site through the guarded client and cached.

What a missing or broken robots.txt means follows Python's ``urllib.robotparser`` (and RFC
9309 for the common cases): 401 or 403 forbid the whole site; any other failure (404, a
network error, a 5xx, an unreadable file) allows it, since no rules could be read.
"""

from __future__ import annotations

import logging
import threading
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from onrecord.errors import FetchError, OnrecordError
from onrecord.ingest.fetch import Fetched
from onrecord.settings import Settings

logger = logging.getLogger(__name__)

# robots.txt files above this are read only this far (RFC 9309 asks parsers for >= 500 KiB).
_ROBOTS_BYTES = 512 * 1024


def host_key(url: str) -> str:
    """The host a URL is for, lower-cased; what the per-host delay counts by."""
    return (urlsplit(url).hostname or "").lower()


def robots_url(url: str) -> str:
    """The robots.txt URL of the site ``url`` is on (scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


@dataclass(frozen=True)
class RobotsRules:
    """What one site's robots.txt says to our user agent."""

    source: str  # the robots.txt URL, for messages
    parser: urllib.robotparser.RobotFileParser
    user_agent: str

    def allows(self, url: str) -> bool:
        """True when ``url`` may be fetched."""
        return self.parser.can_fetch(self.user_agent, url)

    @property
    def crawl_delay(self) -> float | None:
        """The Crawl-delay the site asks of our user agent, if any."""
        delay = self.parser.crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None


class RobotsCache:
    """robots.txt per site (scheme://host:port), fetched on first use; ``reset`` empties it."""

    def __init__(self, settings: Settings, fetch: Callable[[str], Fetched]) -> None:
        self._settings = settings
        self._fetch = fetch
        self._lock = threading.Lock()
        self._rules: dict[str, RobotsRules] = {}
        self._site_locks: dict[str, threading.Lock] = {}

    def rules_for(self, url: str) -> RobotsRules:
        """The rules for the site of ``url``, fetching its robots.txt the first time."""
        source = robots_url(url)
        with self._lock:
            if source in self._rules:
                return self._rules[source]
            site_lock = self._site_locks.setdefault(source, threading.Lock())
        with site_lock:  # one fetch per site even when threads ask at once
            with self._lock:
                if source in self._rules:
                    return self._rules[source]
            rules = self._load(source)
            with self._lock:
                self._rules[source] = rules
        return rules

    def reset(self) -> None:
        """Forget every cached robots.txt."""
        with self._lock:
            self._rules.clear()
            self._site_locks.clear()

    def _load(self, source: str) -> RobotsRules:
        parser = urllib.robotparser.RobotFileParser(source)
        try:
            fetched = self._fetch(source)
        except FetchError as exc:
            if exc.status in {401, 403}:
                logger.info("%s answered %s: the site forbids robots", source, exc.status)
                parser.parse(["User-agent: *", "Disallow: /"])
            else:
                logger.info("No usable %s (%s): the site is allowed", source, exc)
                parser.parse([])  # no rules: everything allowed
        except OnrecordError as exc:
            logger.info("No usable %s (%s): the site is allowed", source, exc)
            parser.parse([])
        else:
            text = fetched.body[:_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        return RobotsRules(source, parser, self._settings.user_agent)
