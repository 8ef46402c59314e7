"""Write WARC files the way CC-NEWS does: one gzip member per record, warcinfo first.

Written by hand (WARC/1.0 headers + an HTTP response block) so tests control every byte,
and so faults (truncation, a corrupt member) can be made on purpose. ``write_warc`` is also
what a benchmark uses to build a large archive from article templates.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import uuid
from collections.abc import Iterable
from pathlib import Path

WARC_DATE = "2025-09-12T08:30:00Z"
_REASONS = {200: "OK", 301: "Moved Permanently", 404: "Not Found", 500: "Internal Server Error"}


def _record_id(seed: str) -> str:
    return f"<urn:uuid:{uuid.UUID(hashlib.md5(seed.encode()).hexdigest())}>"


def warc_record(
    warc_type: str,
    block: bytes,
    *,
    url: str | None = None,
    content_type: str,
    date: str = WARC_DATE,
    extra: dict[str, str] | None = None,
) -> bytes:
    """One uncompressed WARC/1.0 record: headers, a blank line, the block, two CRLFs."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {warc_type}",
        f"WARC-Date: {date}",
        f"WARC-Record-ID: {_record_id(f'{warc_type} {url} {len(block)} {block[:64]!r}')}",
    ]
    if url is not None:
        headers.append(f"WARC-Target-URI: {url}")
    headers += [f"{k}: {v}" for k, v in (extra or {}).items()]
    headers += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def http_response(
    body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8", extra: str = ""
) -> bytes:
    """An HTTP/1.1 response block as a crawler stores it."""
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n{extra}\r\n"
    )
    return head.encode("latin-1") + body


def response_record(
    url: str,
    body: bytes,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    extra: dict[str, str] | None = None,
) -> bytes:
    """A response record for ``url``, uncompressed; ``extra`` adds WARC headers."""
    return warc_record(
        "response",
        http_response(body, status, content_type),
        url=url,
        content_type="application/http; msgtype=response",
        extra=extra,
    )


def warcinfo_record() -> bytes:
    """The warcinfo record CC-NEWS files start with."""
    info = b"software: onrecord-tests\r\nformat: WARC File Format 1.0\r\n"
    return warc_record("warcinfo", info, content_type="application/warc-fields")


def request_record(url: str) -> bytes:
    """A request record, which readers must pass over."""
    block = f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()
    return warc_record("request", block, url=url, content_type="application/http; msgtype=request")


Article = tuple[str, bytes | str, int, str]  # (url, html, status, content type)


def article_records(articles: Iterable[Article], with_requests: bool = False) -> Iterable[bytes]:
    """Uncompressed records for ``articles``, each optionally preceded by its request record."""
    for url, html, status, content_type in articles:
        body = html.encode("utf-8") if isinstance(html, str) else html
        if with_requests:
            yield request_record(url)
        yield response_record(url, body, status, content_type)


def write_warc(
    path: Path,
    articles: Iterable[Article],
    *,
    compress: bool | None = None,
    with_requests: bool = False,
) -> list[int]:
    """Write a WARC of ``articles`` (after a warcinfo record); return each record's byte offset.

    ``compress`` defaults to the suffix: ``.gz`` gives one gzip member per record (CC-NEWS
    layout). The offsets are those of the members (or records) in the file, warcinfo first.
    """
    gzipped = path.suffix == ".gz" if compress is None else compress
    offsets: list[int] = []
    with path.open("wb") as out:
        for record in itertools.chain([warcinfo_record()], article_records(articles, with_requests)):
            offsets.append(out.tell())
            out.write(gzip.compress(record, mtime=0) if gzipped else record)
    return offsets
