"""URL lists: a text file of article URLs, one a line, each fetched politely.

Blank lines and lines starting with ``#`` are ignored. Each URL's origin is the URL itself
(a stable key to resume by) and ``line`` its line number. A line that is not an http(s)
URL (``file://``, ``ftp://``, a bare word) is a failure naming its line.

Reason codes (``InputFailure.error.code``):

- ``invalid_url``: the line is not an http or https URL.
- ``duplicate_entry``: a skip; the URL was already listed above.
- ``robots_disallowed``: a skip; robots.txt forbids fetching it.
- the codes of ``fetch_url`` (``fetch``, ``unsupported_input``, ...) for pages that fail.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import httpx

from onrecord.errors import DuplicateEntry, InvalidUrl, OnrecordError
from onrecord.ingest.credentials import strip_credentials, strip_error_credentials
from onrecord.ingest.document import InputFailure, RawDocument, open_input
from onrecord.ingest.fetch import make_client
from onrecord.ingest.politeness import PoliteFetcher
from onrecord.settings import Settings

_MAX_LINE = 64 * 1024  # longer lines are not URLs anyone meant; they are reported, unread


def iter_url_list(
    path: Path | str,
    settings: Settings,
    client: httpx.Client | None = None,
    fetcher: PoliteFetcher | None = None,
) -> Iterator[RawDocument | InputFailure]:
    """Fetch every URL listed in a text file; yield a RawDocument or an InputFailure for each.

    Raises:
        IngestError: the file cannot be opened.
    """
    if fetcher is None:
        with contextlib.nullcontext(client) if client is not None else make_client(settings) as own:
            yield from iter_url_list(path, settings, own, PoliteFetcher(settings, own))
        return
    path = Path(path)
    handle = open_input(path)
    seen: set[str] = set()
    with handle:
        for number, raw in enumerate(iter(lambda: handle.readline(_MAX_LINE + 1), b""), start=1):
            where = f"{path}:{number}"
            try:
                url = _url(raw, where)
                if url is None:
                    continue
            except OnrecordError as exc:
                yield InputFailure(origin=where, line=number, error=strip_error_credentials(exc))
                continue
            shown = strip_credentials(url)  # fetched with its credentials, never keyed or shown with them
            try:
                if url in seen:
                    raise DuplicateEntry(f"Skipped '{shown}' ({where}): it is listed above already.")
                seen.add(url)
                page = fetcher.fetch(url)
            except OnrecordError as exc:
                yield InputFailure(origin=shown, line=number, error=strip_error_credentials(exc))
                continue
            yield RawDocument(
                origin=shown, data=page.data, kind=page.kind, url=page.url, line=number,
                warnings=page.warnings,
            )


def _url(raw: bytes, where: str) -> str | None:
    """The URL on a line, None for a blank or comment line.

    Raises:
        InvalidUrl: the line is not an http(s) URL.
    """
    if len(raw) > _MAX_LINE:
        raise InvalidUrl(f"'{where}' is longer than {_MAX_LINE:,} bytes; it is not a URL.")
    try:
        line = raw.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise InvalidUrl(f"'{where}' is not valid UTF-8 (byte {exc.start}); list one URL per line.") from exc
    if not line or line.startswith("#"):
        return None
    try:
        parsed = httpx.URL(line)
    except httpx.InvalidURL as exc:
        raise InvalidUrl(f"'{where}': '{line}' is not a valid URL ({exc}).") from exc
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise InvalidUrl(
            f"'{where}': '{line}' is not an http:// or https:// URL; URL lists hold web addresses only."
        )
    return line
