"""Command-line sources of an ingest run, dispatched to the ingest readers.

Each argument goes to the reader its form calls for, and every record read becomes a
``RawDocument`` or an ``InputFailure`` (never an exception), so one bad argument does not
stop a batch:

- a directory: walked recursively (hidden entries skipped, sorted), each file by suffix;
- ``.warc`` / ``.warc.gz``: ``iter_warc`` (HTML responses only);
- ``.txt`` / ``.html`` / ``.htm`` / ``.jsonl`` (and other files, sniffed): ``iter_inputs``;
- with ``url_lists``, a file: ``iter_url_list``;
- an http(s) URL: fetched once; an RSS/Atom feed (by content type, or ``<rss``/``<feed``
  at its start) goes to ``iter_feed`` with the body already fetched, anything else is an article.

Paths are made absolute first: record origins are the resume keys of the store's ledger, and
``stories/a.txt`` must be the same input whichever folder the command is started from.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path

import httpx

from onrecord.errors import IngestError, OnrecordError, UnsupportedInput
from onrecord.ingest import (
    InputFailure,
    PoliteFetcher,
    RawDocument,
    iter_feed,
    iter_inputs,
    iter_url_list,
    iter_warc,
)
from onrecord.ingest.credentials import strip_credentials, strip_error_credentials
from onrecord.ingest.decode import declared_html_charset, decode_input
from onrecord.ingest.document import Kind
from onrecord.ingest.fetch import HTML_TYPES, SNIFF_TYPES, Fetched, looks_like_html_bytes
from onrecord.ingest.files import JSONL_SUFFIXES, SUFFIX_KINDS, is_url
from onrecord.ingest.opening import link_outside
from onrecord.settings import Settings

Item = RawDocument | InputFailure

WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
    "application/xml", "text/xml",
})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
_FEED_START = re.compile(rb"<(rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


class RunFetcher(PoliteFetcher):
    """A PoliteFetcher that can hand back a body fetched already (a feed URL is fetched once)."""

    def __init__(self, settings: Settings, client: httpx.Client) -> None:
        super().__init__(settings, client)
        self._primed: dict[str, Fetched] = {}

    def prime(self, url: str, fetched: Fetched) -> None:
        self._primed[url] = fetched

    def fetch_bytes(self, url: str) -> Fetched:
        primed = self._primed.pop(url, None)
        return primed if primed is not None else super().fetch_bytes(url)


def iter_sources(
    args: list[str], settings: Settings, fetcher: RunFetcher, *, url_lists: bool = False
) -> Iterator[Item]:
    """Every record of every argument, in order; no origin or message carries URL credentials."""
    for arg in args:
        try:
            for item in _iter_arg(arg, settings, fetcher, url_lists):
                yield _without_credentials(item)
        except OnrecordError as exc:  # the argument as a whole cannot be read
            yield _without_credentials(InputFailure(origin=arg, line=None, error=exc))


def _without_credentials(item: Item) -> Item:
    """``item`` with credentials taken out of its origin and, for a failure, its message: a URL
    given with ``user:secret@`` is fetched with them, but ledger keys and failure rows never hold them."""
    if isinstance(item, InputFailure):
        strip_error_credentials(item.error)
    origin = strip_credentials(item.origin)
    return item if origin == item.origin else dataclasses.replace(item, origin=origin)


def _iter_arg(arg: str, settings: Settings, fetcher: RunFetcher, url_lists: bool) -> Iterator[Item]:
    if arg == "-":
        yield from iter_inputs(arg, settings)  # a closed stdin is an IngestError, not a crash
        return
    if is_url(arg):
        yield from _iter_url(arg, settings, fetcher)
        return
    path = Path(os.path.abspath(arg))
    if path.is_dir():
        if url_lists:
            raise IngestError(f"Cannot read '{arg}' as a URL list: it is a directory. Pass the list file.")
        yield from _iter_directory(path, settings, fetcher)
    elif path.exists():
        yield from _iter_file(path, settings, fetcher, url_lists)
    else:
        raise IngestError(
            f"Cannot read '{arg}': no such file or directory. Check the path; URLs must start "
            "with http:// or https://."
        )


def _iter_file(path: Path, settings: Settings, fetcher: RunFetcher, url_lists: bool) -> Iterator[Item]:
    if url_lists:
        yield from iter_url_list(path, settings, fetcher.client, fetcher)
    elif is_warc(path):
        yield from iter_warc(path, settings)
    else:
        yield from iter_inputs(str(path), settings, client=fetcher.client)


def _iter_directory(root: Path, settings: Settings, fetcher: RunFetcher) -> Iterator[Item]:
    found = False
    for path in _directory_files(root):
        found = True
        outside = None if settings.follow_links else link_outside(path, root)
        if outside is not None:
            yield InputFailure(origin=str(path), line=None, error=outside)
            continue
        try:
            yield from _iter_file(path, settings, fetcher, url_lists=False)
        except OnrecordError as exc:
            yield InputFailure(origin=str(path), line=None, error=exc)
    if not found:
        raise IngestError(
            f"Cannot read '{root}': the directory holds no .txt, .html, .htm, .jsonl, .warc "
            "or .warc.gz files."
        )


def _directory_files(root: Path) -> list[Path]:
    """Files ingest reads under ``root``, sorted, hidden files and folders left out."""
    paths: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            suffix = path.suffix.lower()
            if suffix in SUFFIX_KINDS or suffix in JSONL_SUFFIXES or is_warc(path):
                paths.append(path)
    return sorted(paths, key=lambda p: p.relative_to(root).parts)


def _iter_url(url: str, settings: Settings, fetcher: RunFetcher) -> Iterator[Item]:
    try:
        fetched = fetcher.fetch_bytes(url)
    except OnrecordError as exc:
        yield InputFailure(origin=url, line=None, error=exc)
        return
    if is_feed(fetched):
        fetcher.prime(url, fetched)
        yield from iter_feed(url, settings, fetcher.client, fetcher)
        return
    try:
        yield article_from_fetched(url, fetched)
    except OnrecordError as exc:
        yield InputFailure(origin=url, line=None, error=exc)


def is_feed(fetched: Fetched) -> bool:
    """RSS/Atom by content type, or (when the type says nothing certain) by its first element."""
    mime = fetched.content_type.split(";", 1)[0].strip().lower()
    if mime in FEED_TYPES:
        return True
    if mime in HTML_TYPES:
        return False
    head = fetched.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return _FEED_START.search(head) is not None


def article_from_fetched(url: str, fetched: Fetched) -> RawDocument:
    """A fetched page as a RawDocument, typed and decoded as ``fetch_url`` would do it."""
    content_type = fetched.content_type
    mime = content_type.split(";", 1)[0].strip().lower()
    kind: Kind
    if mime in HTML_TYPES:
        kind = "html"
    elif mime in _TEXT_TYPES:
        kind = "text"
    elif mime in SNIFF_TYPES:
        kind = "html" if looks_like_html_bytes(fetched.body) else "text"
    else:
        raise UnsupportedInput(
            f"'{url}' is {mime}, not a web page, plain text or an RSS/Atom feed; "
            "onrecord reads HTML and text pages."
        )
    match = _CHARSET.search(content_type)
    declared = match.group(1) if match else (declared_html_charset(fetched.body) if kind == "html" else None)
    decoded = decode_input(fetched.body, url, declared)
    warnings = (decoded.warning,) if decoded.warning else ()
    return RawDocument(origin=url, data=decoded.text, kind=kind, url=fetched.url, warnings=warnings)
