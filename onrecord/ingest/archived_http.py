"""HTTP responses as a crawler stored them (a WARC response block): status, headers, body.

Parsed here rather than by fastwarc so that the WARC reader sees the whole block and can
compare its length with the record's Content-Length: a cut-off block must be reported, not
read as a shorter page. Chunked transfer coding and gzip/deflate content coding are undone
(most CC-NEWS records store the body already decoded, but other crawlers do not), under the
same byte cap as a live fetch.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from onrecord.errors import InputTooLarge, UnsupportedInput

_STATUS_LINE = re.compile(rb"HTTP/\d(?:\.\d)?\s+(\d{3})")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    """An archived HTTP response: status (0 when there is no status line), headers, decoded body."""

    status: int
    headers: dict[str, str]  # lower-cased names; a repeated header keeps its last value
    body: bytes

    @property
    def mime(self) -> str:
        """The media type of Content-Type, lower-cased, without parameters ('' when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset Content-Type declares, if any."""
        match = _CHARSET.search(self.headers.get("content-type", ""))
        return match.group(1) if match else None


def parse_http_response(block: bytes, origin: str, cap: int) -> ArchivedResponse:
    """Split a stored HTTP response into status, headers and body (transfer/content coding undone).

    Raises:
        InputTooLarge: the decoded body is above ``cap`` bytes.
        UnsupportedInput: a content coding other than gzip/deflate, or a body that does not decode.
    """
    split = block.find(b"\r\n\r\n")
    head, body = (block[:split], block[split + 4 :]) if split >= 0 else (block, b"")
    lines = head.split(b"\r\n")
    status_match = _STATUS_LINE.match(lines[0])
    if status_match is None:
        return ArchivedResponse(0, {}, b"")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            headers[name.strip().decode("latin-1").lower()] = value.strip().decode("latin-1")
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    coding = headers.get("content-encoding", "").strip().lower()
    if coding in {"gzip", "x-gzip", "deflate"}:
        body = _inflate(body, coding, origin, cap)
    elif coding not in {"", "identity"}:
        raise UnsupportedInput(
            f"'{origin}' is stored with content coding '{coding}', which onrecord cannot undo."
        )
    if len(body) > cap:
        raise InputTooLarge(
            f"'{origin}' is larger than {cap:,} bytes. Raise max_fetch_bytes (ONRECORD_MAX_FETCH_BYTES)."
        )
    return ArchivedResponse(int(status_match.group(1)), headers, body)


def _dechunk(body: bytes) -> bytes:
    """Undo chunked transfer coding; a malformed chunk ends the body where it starts."""
    parts: list[bytes] = []
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            break
        try:
            size = int(body[position:line_end].split(b";", 1)[0].strip(), 16)
        except ValueError:
            break
        if size == 0:
            break
        start = line_end + 2
        parts.append(body[start : start + size])
        position = start + size + 2
    return b"".join(parts)


def _inflate(body: bytes, coding: str, origin: str, cap: int) -> bytes:
    """Decompress a gzip or deflate body, stopping past ``cap`` (a compression bomb)."""
    wbits = 47 if coding != "deflate" else 15  # 47: gzip or zlib header, detected
    try:
        try:
            inflater = zlib.decompressobj(wbits=wbits)
            out = inflater.decompress(body, cap + 1)
        except zlib.error:
            if coding != "deflate":
                raise
            inflater = zlib.decompressobj(wbits=-15)  # raw deflate, as some servers send
            out = inflater.decompress(body, cap + 1)
    except zlib.error as exc:
        raise UnsupportedInput(f"'{origin}' has a {coding} body that does not decompress ({exc}).") from exc
    if len(out) > cap:
        raise InputTooLarge(
            f"'{origin}' decompresses to more than {cap:,} bytes. Raise max_fetch_bytes "
            "(ONRECORD_MAX_FETCH_BYTES) to read it."
        )
    return out
