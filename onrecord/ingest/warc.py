"""WARC archives (CC-NEWS layout) to RawDocuments, streamed record by record with fastwarc.

Only ``response`` records are read. A 200 HTML response becomes a ``RawDocument`` decoded
with the charset its HTTP headers declare (through ``decode_input``, so a page labelled
UTF-8 that is really Latin-1 is decoded by guess, with a warning, never as mojibake).
Every item's origin is ``PATH@OFFSET``, the byte offset of its record (of its gzip member in
a ``.warc.gz``), a stable key a killed run can resume from.

fastwarc ends quietly on a file cut short and stops at the first corrupt gzip member, so
this module checks what it was given: a record whose body is shorter than its
Content-Length is reported, and when fastwarc stops before the end of the file the reader
looks for the next gzip member (magic ``1f 8b 08`` that inflates to ``WARC/``) or, in an
uncompressed file, the next ``WARC/1.x`` line, reports the stretch it could not read, and
goes on from there.

Reason codes (``InputFailure.error.code``):

- ``not_html``, ``http_status``: skips (``SkippedInput``): the record is not an HTML page, or
  its HTTP status is not 200.
- ``crawler_truncated``: a skip; the crawler stored only part of the page (``WARC-Truncated``).
- ``truncated_record``: the file ends inside this record.
- ``damaged_archive``: a stretch of the file (a corrupt gzip member, garbage) cannot be read;
  the message gives its byte range, or says the rest of the file from byte N is lost.
- ``unsupported_input``: the file holds no WARC record at all; also, with ``too_large``, the
  decoding codes of ``decode_input`` for single records.

A file gzipped as one stream rather than per record cannot be re-synchronised; its offsets
are positions in the decompressed stream (``PATH@OFFSET`` still, stable across runs).
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from onrecord.errors import (
    CrawlerTruncated,
    DamagedArchive,
    HttpStatus,
    IngestError,
    InputTooLarge,
    NotHtml,
    OnrecordError,
    TruncatedRecord,
    UnsupportedInput,
)
from onrecord.ingest.archived_http import parse_http_response
from onrecord.ingest.decode import declared_html_charset, decode_input
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.fetch import HTML_TYPES, SNIFF_TYPES, looks_like_html_bytes
from onrecord.ingest.opening import open_regular
from onrecord.settings import Settings

logger = logging.getLogger(__name__)

_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = re.compile(rb"WARC/1\.[01]\r?\n")
_CHUNK = 1 << 16
_HTTP_HEAD_LIMIT = 1 << 16  # bytes of HTTP status line and headers allowed on top of the body cap
# A per-record gzip member (CC-NEWS) inflates to one record; the first is a small warcinfo.
# If the first member inflates past this, the file is one gzip stream, not one per record.
_FIRST_MEMBER_LIMIT = 8 << 20
# How much of a candidate gzip member is inflated to check it starts a WARC record.
_PROBE_BYTES = 64


def iter_warc(path: Path | str, settings: Settings) -> Iterator[RawDocument | InputFailure]:
    """Yield a RawDocument per 200 HTML response in a WARC file, an InputFailure per bad record.

    Args:
        path: a ``.warc`` or ``.warc.gz`` file (compression is detected from the bytes).
        settings: ``max_fetch_bytes`` caps a record's body; ``max_text_bytes`` its decoded text.

    Raises:
        IngestError: the file cannot be opened at all.
    """
    path = Path(path)
    handle = open_regular(path)  # a FIFO or device named *.warc would block or never end
    with handle:
        size = os.fstat(handle.fileno()).st_size
        gzipped = handle.read(3) == _GZIP_MAGIC
        if gzipped and not _is_per_record(handle, size):
            yield from _iter_single_stream(path, settings)
            return
        reported: set[int] = set()
        start: int | None = 0
        while start is not None and start < size:
            progress = _Progress()
            yield from _read_segment(handle, path, start, settings, progress, reported)
            failure, start = _resume_point(handle, path, size, gzipped, start, progress, reported)
            if failure is not None:
                yield failure


@dataclass
class _Progress:
    """How far fastwarc got in one run over the file, and why it stopped."""

    last_pos: int | None = None  # offset of the last record fastwarc returned
    broken_at: int | None = None  # a record whose body could not be read
    error: str | None = None  # fastwarc's own words, when it raised


def _read_segment(
    handle: BinaryIO,
    path: Path,
    start: int,
    settings: Settings,
    progress: _Progress,
    reported: set[int],
) -> Iterator[RawDocument | InputFailure]:
    """Run fastwarc from ``start`` until the file ends or fastwarc raises; record where it got."""
    handle.seek(start)
    records = iter(ArchiveIterator(handle, record_types=WarcRecordType.any_type, parse_http=False))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (OSError, ValueError) as exc:
            progress.error = str(exc)
            return
        offset = record.stream_pos
        progress.last_pos = offset
        if record.headers.get("Content-Length") is None:
            # fastwarc returns a record whose header block was cut off with what it got;
            # ``_resume_point`` tells a file that ends here from a damaged stretch.
            progress.broken_at = offset
            return
        if record.record_type != WarcRecordType.response:
            continue
        origin = f"{path}@{offset}"
        try:
            item = _response(record, path, origin, settings)
        except (OSError, ValueError) as exc:
            progress.broken_at, progress.error = offset, str(exc)
            return
        if isinstance(item, InputFailure) and isinstance(item.error, TruncatedRecord):
            reported.add(offset)
        yield item


def _response(record: WarcRecord, path: Path, origin: str, settings: Settings) -> RawDocument | InputFailure:
    """One response record to a RawDocument, or an InputFailure saying why not."""
    url = record.headers.get("WARC-Target-URI")
    offset = record.stream_pos
    limit = settings.max_fetch_bytes + _HTTP_HEAD_LIMIT
    try:
        block, expected = _read_block(record, limit)
        if len(block) < min(expected, limit + 1):
            raise TruncatedRecord(
                f"'{path}' ends inside the record at byte {offset:,} ({url}): it should hold "
                f"{expected:,} bytes but only {len(block):,} are there. The file was cut short (an "
                "interrupted download?); download it again to read this record."
            )
        if expected > limit:
            raise InputTooLarge(
                f"'{origin}' ({url}) is {expected:,} bytes, above max_fetch_bytes "
                f"({settings.max_fetch_bytes:,}). Raise ONRECORD_MAX_FETCH_BYTES to read it."
            )
        response = parse_http_response(block, origin, settings.max_fetch_bytes)
        if record.headers.get("WARC-Truncated"):
            reason = record.headers.get("WARC-Truncated")
            raise CrawlerTruncated(
                f"Skipped '{origin}' ({url}): the crawler stored only part of the page "
                f"(WARC-Truncated: {reason}); half a page is not analysed."
            )
        if response.status != 200:
            said = f"HTTP status {response.status}" if response.status else "no HTTP status line"
            raise HttpStatus(f"Skipped '{origin}' ({url}): the archived response has {said}, not 200.")
        mime = response.mime
        body = response.body
        if mime not in HTML_TYPES and not (mime in SNIFF_TYPES and looks_like_html_bytes(body)):
            raise NotHtml(f"Skipped '{origin}' ({url}): it is {mime or 'untyped'}, not an HTML page.")
        declared = response.charset or declared_html_charset(body)
        decoded = decode_input(body, origin, declared, max_bytes=settings.max_text_bytes)
    except OnrecordError as exc:
        return InputFailure(origin=origin, line=None, error=exc)
    return RawDocument(
        origin=origin,
        data=decoded.text,
        kind="html",
        url=url,
        warnings=(decoded.warning,) if decoded.warning else (),
        crawled=record.headers.get("WARC-Date"),
    )


def _read_block(record: WarcRecord, limit: int) -> tuple[bytes, int]:
    """Read the record block, at most ``limit + 1`` bytes; return it and the declared length."""
    expected = record.content_length
    want = min(expected, limit + 1)
    chunks: list[bytes] = []
    got = 0
    while got < want:
        chunk = record.reader.read(min(want - got, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks), expected


def _resume_point(
    handle: BinaryIO,
    path: Path,
    size: int,
    gzipped: bool,
    start: int,
    progress: _Progress,
    reported: set[int],
) -> tuple[InputFailure | None, int | None]:
    """After fastwarc stops: the failure for the unread stretch, if any, and where to go on."""
    if progress.broken_at is not None:
        bad = progress.broken_at
    elif progress.last_pos is None:
        bad = start
    else:
        end = _record_end(handle, progress.last_pos, gzipped)
        if end is None:
            bad = progress.last_pos
        elif _only_padding(handle, end, size):
            return None, None
        else:
            bad = end
    if bad in reported:  # a truncated record, already reported as such
        return None, None
    following = _next_start(handle, bad + 1, gzipped)
    origin = f"{path}@{bad}"
    why = f" ({progress.error})" if progress.error else ""
    if following is None:
        if bad == 0 and progress.last_pos is None:
            not_warc = UnsupportedInput(
                f"'{path}' is not a WARC file: no WARC record was found in it{why}. onrecord reads "
                ".warc and .warc.gz archives (one gzip member per record, as CC-NEWS, or one stream)."
            )
            return InputFailure(origin=origin, line=None, error=not_warc), None
        if _runs_past_end(handle, bad, size, gzipped):
            error: DamagedArchive = TruncatedRecord(
                f"'{path}' ends inside the record at byte {bad:,}{why}. The file was cut short (an "
                "interrupted download?); download it again to read this record."
            )
        else:
            error = DamagedArchive(
                f"The rest of '{path}' from byte {bad:,} could not be read{why}; no WARC record "
                "was found after it. The file is damaged; download it again."
            )
        return InputFailure(origin=origin, line=None, error=error), None
    logger.warning("'%s': skipping damaged bytes %d to %d", path, bad, following)
    error = DamagedArchive(
        f"Bytes {bad:,} to {following:,} of '{path}' could not be read{why}; the records in them "
        f"are lost. Reading went on from byte {following:,}."
    )
    return InputFailure(origin=origin, line=None, error=error), following


def _record_end(handle: BinaryIO, offset: int, gzipped: bool) -> int | None:
    """Where the record (gzip member) at ``offset`` ends, or None if it is cut short or corrupt."""
    if gzipped:
        return _member_end(handle, offset)
    handle.seek(offset)
    head = handle.read(_CHUNK)
    split = head.find(b"\r\n\r\n")
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", head[: split + 2], re.IGNORECASE)
    if split < 0 or match is None:
        return None
    return offset + split + 4 + int(match.group(1))


def _member_end(handle: BinaryIO, offset: int) -> int | None:
    """Inflate the gzip member at ``offset`` (discarding its output) to find where it ends."""
    handle.seek(offset)
    inflater = zlib.decompressobj(wbits=31)
    consumed = 0
    try:
        while not inflater.eof:
            chunk = handle.read(_CHUNK)
            if not chunk:
                return None
            consumed += len(chunk)
            inflater.decompress(chunk, _CHUNK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        return None
    return offset + consumed - len(inflater.unused_data) - len(inflater.unconsumed_tail)


def _only_padding(handle: BinaryIO, end: int, size: int) -> bool:
    """True when nothing but line breaks (or NUL padding) follows ``end``."""
    if size - end > _CHUNK:
        return False
    handle.seek(end)
    return not handle.read().strip(b"\r\n\x00")


def _next_start(handle: BinaryIO, offset: int, gzipped: bool) -> int | None:
    """The next offset at or after ``offset`` where a readable record starts, or None."""
    pattern = _GZIP_MAGIC if gzipped else b"WARC/1."
    position = offset
    handle.seek(position)
    carry = b""
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        base = position - len(carry)
        index = window.find(pattern)
        while index >= 0:
            candidate = base + index
            if _starts_record(handle, candidate, gzipped):
                return candidate
            index = window.find(pattern, index + 1)
        position += len(chunk)
        carry = window[-(len(pattern) - 1) :]
        handle.seek(position)


def _starts_record(handle: BinaryIO, offset: int, gzipped: bool) -> bool:
    """True when a gzip member inflating to 'WARC/1.x' (or a 'WARC/1.x' line) starts at ``offset``."""
    handle.seek(offset)
    head = handle.read(_CHUNK)
    if gzipped:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, _PROBE_BYTES)
        except zlib.error:
            return False
    elif offset > 0:
        handle.seek(offset - 1)
        if handle.read(1) != b"\n":
            return False
    return _WARC_LINE.match(head) is not None


def _runs_past_end(handle: BinaryIO, offset: int, size: int, gzipped: bool) -> bool:
    """True when the record at ``offset`` is intact so far but the file ends inside it."""
    handle.seek(offset)
    if gzipped:
        inflater = zlib.decompressobj(wbits=31)
        try:
            while chunk := handle.read(_CHUNK):
                inflater.decompress(chunk, _CHUNK)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                if inflater.eof:
                    return False
        except zlib.error:
            return False
        return True
    head = handle.read(_CHUNK)
    if not _WARC_LINE.match(head):
        return False
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.IGNORECASE)
    split = head.find(b"\r\n\r\n")
    return split < 0 or (match is not None and offset + split + 4 + int(match.group(1)) > size)


def _is_per_record(handle: BinaryIO, size: int) -> bool:
    """True when the first gzip member ends early and another member follows (CC-NEWS layout)."""
    handle.seek(0)
    inflater = zlib.decompressobj(wbits=31)
    consumed = inflated = 0
    try:
        while not inflater.eof and inflated <= _FIRST_MEMBER_LIMIT:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            consumed += len(chunk)
            inflated += len(inflater.decompress(chunk, _FIRST_MEMBER_LIMIT))
    except zlib.error:
        return True  # a corrupt first member: the member-wise reader reports and skips it
    if not inflater.eof:
        return inflated <= _FIRST_MEMBER_LIMIT  # cut short within the first member
    end = consumed - len(inflater.unused_data)
    return end < size


def _iter_single_stream(path: Path, settings: Settings) -> Iterator[RawDocument | InputFailure]:
    """A .warc.gz compressed as one stream: read through Python's gzip, which notices a cut-off end."""
    with gzip.open(path, "rb") as stream:
        records = iter(
            ArchiveIterator(
                stream, record_types=WarcRecordType.any_type, parse_http=False, stream_detect=False
            )
        )
        offset: int | None = None
        problem: str | None = None
        while problem is None:
            try:
                record = next(records)
            except StopIteration:
                break
            except (OSError, EOFError, ValueError, zlib.error) as exc:
                problem = str(exc) or type(exc).__name__
                break
            offset = record.stream_pos
            if record.headers.get("Content-Length") is None:
                problem = "a record's headers are cut off"
            elif record.record_type == WarcRecordType.response:
                try:
                    yield _response(record, path, f"{path}@{offset}", settings)
                except (OSError, EOFError, zlib.error) as exc:
                    problem = str(exc) or type(exc).__name__
        if problem is None and offset is not None:
            return
        origin = f"{path}@{offset or 0}"
        error: IngestError
        if offset is None:
            error = UnsupportedInput(
                f"'{path}' is not a WARC file: no WARC record was found in it ({problem or 'empty'}). "
                "onrecord reads .warc and .warc.gz archives."
            )
        else:
            error = DamagedArchive(
                f"The rest of '{path}' from decompressed byte {offset:,} could not be read ({problem}). "
                "It is gzipped as one stream, so nothing after a damaged spot can be recovered; "
                "download it again."
            )
        yield InputFailure(origin=origin, line=None, error=error)
