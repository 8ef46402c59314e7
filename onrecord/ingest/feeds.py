"""RSS and Atom feeds to RawDocuments: the feed is read safely, then each entry's article fetched.

The XML is checked with defusedxml before feedparser sees it: a feed with a DTD or entity
declarations (an entity bomb, an external entity reaching for local files) is refused
unexpanded. Entry links are fetched with a ``PoliteFetcher`` (guarded client, robots.txt,
per-host delay). Each article carries the entry's URL, publication date and title, the
title as plain text (feeds put markup and entities in titles; tags are stripped and
entities unescaped once).

The feed itself failing (unreachable, unsafe, not a feed) is yielded as one
``InputFailure`` for the feed, so a batch of feeds goes on. Origins: the feed URL or path
for the feed; ``FEED#ENTRY_ID`` (the entry's id/guid, else its link) for an entry.

Reason codes (``InputFailure.error.code``):

- ``unsafe_xml``: the feed declares a DTD or entities; it is not parsed.
- ``bad_feed``: not well-formed RSS or Atom, or an entry without a link.
- ``duplicate_entry``: a skip; an entry whose link was already read from this feed.
- ``robots_disallowed``: a skip; robots.txt forbids fetching the entry's article.
- the codes of ``fetch_url`` (``fetch``, ``unsupported_input``, ...) for articles that fail.
"""

from __future__ import annotations

import calendar
import contextlib
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import feedparser
import httpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from onrecord.errors import DuplicateEntry, FeedError, IngestError, OnrecordError, UnsafeXml
from onrecord.ingest.decode import check_size
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.fetch import make_client
from onrecord.ingest.politeness import PoliteFetcher
from onrecord.settings import Settings

_FEED_ROOTS = {"rss", "feed", "RDF", "channel"}
# Declarations are refused even where the XML parser would not reach them (a feed that is
# not well-formed still goes to feedparser's lenient parser).
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_HTML_TITLE_TYPES = {"text/html", "application/xhtml+xml"}


def iter_feed(
    url_or_path: str | Path,
    settings: Settings,
    client: httpx.Client | None = None,
    fetcher: PoliteFetcher | None = None,
) -> Iterator[RawDocument | InputFailure]:
    """Yield the article of every entry in an RSS/Atom feed, or an InputFailure saying why not.

    Args:
        url_or_path: an http(s) feed URL, or a path to a feed file.
        settings: fetch settings, ``respect_robots``, ``per_host_delay``, ``max_fetch_bytes``.
        client: a client from ``make_client`` (one is made and closed if None).
        fetcher: a ``PoliteFetcher`` to share robots.txt and host delays with other readers.
    """
    if fetcher is None:
        with contextlib.nullcontext(client) if client is not None else make_client(settings) as own:
            yield from iter_feed(url_or_path, settings, own, PoliteFetcher(settings, own))
        return
    origin = str(url_or_path)
    try:
        data = _read_feed(origin, settings, fetcher)
        entries = parse_feed(data, origin)
    except OnrecordError as exc:
        yield InputFailure(origin=origin, line=None, error=exc)
        return
    seen: set[str] = set()
    base = origin if _is_url(origin) else None
    for entry in entries:
        yield _entry_article(entry, origin, base, seen, fetcher)


def _is_url(origin: str) -> bool:
    return origin.lower().startswith(("http://", "https://"))


def _read_feed(origin: str, settings: Settings, fetcher: PoliteFetcher) -> bytes:
    if _is_url(origin):
        return fetcher.fetch_bytes(origin).body
    path = Path(origin)
    try:
        check_size(path.stat().st_size, origin, settings.max_fetch_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(
            f"Cannot read feed '{origin}': {exc.strerror or exc}. Check the path; feed URLs must "
            "start with http:// or https://."
        ) from exc


def parse_feed(data: bytes, origin: str) -> list[dict[str, Any]]:
    """Check a feed's XML is safe, then parse it with feedparser; return its entries.

    Raises:
        UnsafeXml: the document declares a DTD or entities (never expanded).
        FeedError: it is not RSS or Atom.
    """
    if _DECLARATION.search(data):
        raise _unsafe(origin, "it declares a DTD or entities")
    root: str | None = None
    try:
        element = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        root = element.tag.rsplit("}", 1)[-1]
    except DefusedXmlException as exc:
        raise _unsafe(origin, type(exc).__name__) from exc
    except ParseError:
        pass  # not well-formed: feedparser's lenient parser may still read it
    if root is not None and root not in _FEED_ROOTS:
        raise FeedError(
            f"Cannot read feed '{origin}': not RSS or Atom (root element is <{root}>). "
            "For a web page, pass its URL as an article instead."
        )
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries: list[dict[str, Any]] = list(parsed.entries)
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise FeedError(f"Cannot read feed '{origin}': it is not a readable RSS or Atom feed ({why}).")
    return entries


def _unsafe(origin: str, why: str) -> UnsafeXml:
    return UnsafeXml(
        f"Refused feed '{origin}': {why}. Feeds never need DTDs or entity declarations, and "
        "expanding them can exhaust memory (an 'entity bomb') or read local files; it was not parsed."
    )


def _entry_article(
    entry: dict[str, Any], feed: str, base: str | None, seen: set[str], fetcher: PoliteFetcher
) -> RawDocument | InputFailure:
    link = str(entry.get("link") or "").strip()
    if link and base is not None:
        link = urljoin(base, link)  # feeds may give links relative to the feed's own URL
    key = f"{feed}#{entry.get('id') or link or _entry_title(entry) or 'entry'}"
    try:
        if not link:
            raise FeedError(f"Feed entry '{key}' has no link to an article; there is nothing to fetch.")
        if link in seen:
            raise DuplicateEntry(f"Skipped '{key}': its link '{link}' was already read from this feed.")
        seen.add(link)
        page = fetcher.fetch(link)
    except OnrecordError as exc:
        return InputFailure(origin=key, line=None, error=exc)
    return RawDocument(
        origin=key,
        data=page.data,
        kind=page.kind,
        url=page.url,
        published=_entry_date(entry),
        warnings=page.warnings,
        title=_entry_title(entry),
    )


def _entry_date(entry: dict[str, Any]) -> str | None:
    """The entry's publication date (else its update date) in ISO 8601, UTC."""
    for field in ("published_parsed", "updated_parsed"):
        value = entry.get(field)
        if isinstance(value, time.struct_time):
            return datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat().replace("+00:00", "Z")
    return None


def _entry_title(entry: dict[str, Any]) -> str | None:
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    detail = entry.get("title_detail") or {}
    if detail.get("type") in _HTML_TITLE_TYPES:
        title = plain_text(title)
    return _SPACE.sub(" ", title).strip() or None


class _TextOnly(HTMLParser):
    """Collect the text of an HTML fragment, leaving out tags, scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags stripped, entities unescaped exactly once."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)
