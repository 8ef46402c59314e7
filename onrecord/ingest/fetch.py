"""The guarded HTTP client: one URL in, one RawDocument out, within deadlines and a byte cap.

Redirects are followed by hand so that every hop is checked: its scheme, loops, the hop
limit, and the address its host resolves to (see ``addresses``). The client's transport
repeats the address check at connect time and connects to the checked address, so a DNS
answer that changes between the two cannot reach a private network. Proxies from the
environment are ignored (``trust_env=False``): a proxy would hide the real destination.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import httpcore
import httpx

from onrecord.errors import FetchError, OnrecordError, UnsupportedInput
from onrecord.ingest.addresses import FETCH_DEADLINE, GuardedBackend, pick_address, refusal
from onrecord.ingest.credentials import strip_credentials, strip_error_credentials
from onrecord.ingest.decode import declared_html_charset, decode_input
from onrecord.ingest.document import Kind, RawDocument
from onrecord.settings import Settings

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = {"text/plain", "text/markdown"}
SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})  # look at the bytes
_REDIRECTS = {301, 302, 303, 307, 308}
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
# Only codings whose decoded size can be bounded as they inflate (zlib's max_length): a bomb of a
# few KB must stop at max_fetch_bytes, not after inflating to a gigabyte (issue 14).
_ACCEPT_ENCODING = "gzip, deflate"
_ZLIB_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
_T = TypeVar("_T")
_Reader = Callable[[str, httpx.Response, Settings, float], _T]
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<!--)", re.IGNORECASE)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with a connection pool whose network backend checks addresses.

    httpx does not take a network backend, so the pool built by ``HTTPTransport.__init__``
    is replaced; ``test_fetch.py`` checks the guard is in place (httpx is pinned).
    """

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(allow_private),
        )


def looks_like_html_bytes(body: bytes) -> bool:
    """True when an untyped body starts like an HTML document."""
    return _HTML_START.match(body[:1024]) is not None


def make_client(settings: Settings) -> httpx.Client:
    """Build the HTTP client every fetch goes through; close it when done."""
    return httpx.Client(
        transport=_GuardedTransport(settings.allow_private),
        timeout=_timeout(settings, settings.total_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT, "Accept-Encoding": _ACCEPT_ENCODING},
        follow_redirects=False,
        trust_env=False,
    )


def _timeout(settings: Settings, remaining: float) -> httpx.Timeout:
    connect = min(settings.connect_timeout, remaining)
    read = min(settings.read_timeout, remaining)
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


def fetch_url(url: str, settings: Settings, client: httpx.Client | None = None) -> RawDocument:
    """Fetch one page (HTML or plain text), following redirects under the guards above.

    Args:
        url: an http or https URL.
        settings: timeouts, byte cap, redirect limit, allow_private, user_agent.
        client: a client from ``make_client``, reused across fetches; one is made if None.

    Raises:
        FetchError: unreachable, refused address, redirect loop or limit, non-2xx status,
            deadline passed, or body above ``max_fetch_bytes``.
        UnsupportedInput: the page is neither HTML nor text (an image, a PDF).
    """
    if client is not None:
        return _fetch(url, settings, client, _document)
    with make_client(settings) as own:
        return _fetch(url, settings, own, _document)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body as bytes, for callers that parse it themselves (feeds, robots.txt)."""

    url: str  # final URL after redirects
    content_type: str  # the Content-Type header as sent ('' when absent)
    body: bytes


def fetch_bytes(url: str, settings: Settings, client: httpx.Client) -> Fetched:
    """Fetch any 2xx body as bytes, under the same guards, deadlines and byte cap as ``fetch_url``.

    Raises:
        FetchError: as ``fetch_url``; ``FetchError.status`` holds the HTTP status of a non-2xx answer.
    """
    return _fetch(url, settings, client, _raw)


def _raw(original: str, response: httpx.Response, settings: Settings, deadline: float) -> Fetched:
    _check_status(original, response)
    body = _read_capped(original, response, settings, deadline)
    return Fetched(str(response.url), response.headers.get("content-type", ""), body)


def _fetch(url: str, settings: Settings, client: httpx.Client, read: _Reader[_T]) -> _T:
    """Follow redirects under the guards, then hand the final response to ``read``.

    The total deadline covers every hop's connection, headers and body: the network streams
    read it from ``FETCH_DEADLINE`` (a server trickling one header line a second is stopped).
    """
    deadline = time.monotonic() + settings.total_timeout
    token = FETCH_DEADLINE.set(deadline)
    try:
        return _follow(url, settings, client, read, deadline)
    except OnrecordError as exc:  # credentials in the URL are for fetching, never for a message
        strip_error_credentials(exc)
        raise
    finally:
        FETCH_DEADLINE.reset(token)


def _follow(url: str, settings: Settings, client: httpx.Client, read: _Reader[_T], deadline: float) -> _T:
    current = _parse(url, url)
    seen = {str(current)}
    for hop in range(settings.max_redirects + 1):
        _check_host(url, current, redirected=hop > 0, allow_private=settings.allow_private)
        response = _send(url, current, settings, client, deadline)
        try:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                target = _parse(url, str(current.join(response.headers["location"])))
                if str(target) in seen:
                    raise FetchError(
                        f"Cannot fetch '{url}': redirect loop ('{current}' redirects back to "
                        f"'{target}'). The site is misconfigured; try the final address directly."
                    )
                seen.add(str(target))
                current = target
                continue
            return read(strip_credentials(url), response, settings, deadline)  # names the input
        finally:
            response.close()
    raise FetchError(
        f"Cannot fetch '{url}': more than {settings.max_redirects} redirects. "
        "Raise max_redirects (ONRECORD_MAX_REDIRECTS) if this is expected."
    )


def _parse(original: str, url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"Cannot fetch '{original}': '{url}' is not a valid URL ({exc}).") from exc
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        where = "" if url == original else f": it redirects to '{url}'"
        raise FetchError(f"Cannot fetch '{original}'{where}; only http:// and https:// URLs can be fetched.")
    return parsed


def _check_host(original: str, url: httpx.URL, redirected: bool, allow_private: bool) -> None:
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        address, problem = pick_address(url.host, port, allow_private)
    except FetchError as exc:
        raise FetchError(
            f"Cannot fetch '{original}': the host '{url.host}' could not be resolved ({exc.__cause__}). "
            "Check the address or your network."
        ) from exc
    if problem is None:
        return
    if redirected:
        raise FetchError(f"Refused: '{original}' redirects to {refusal(address, problem)} ('{url}').")
    raise FetchError(f"Refused to fetch '{original}': it resolves to {refusal(address, problem)}.")


def _send(
    original: str, url: httpx.URL, settings: Settings, client: httpx.Client, deadline: float
) -> httpx.Response:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _too_slow(original, settings)
    request = client.build_request(
        "GET", url, headers={"User-Agent": settings.user_agent}, timeout=_timeout(settings, remaining)
    )
    try:
        return client.send(request, stream=True)
    except httpx.HTTPError as exc:
        raise _http_error(original, exc, settings, deadline) from exc


def _http_error(original: str, exc: httpx.HTTPError, settings: Settings, deadline: float) -> FetchError:
    """The FetchError for a failed exchange; a timeout at the total deadline says so."""
    if isinstance(exc, httpx.TimeoutException) and time.monotonic() >= deadline - 0.01:
        return _too_slow(original, settings)
    return FetchError(f"Cannot fetch '{original}': {_reason(exc, settings)}")


def _reason(exc: httpx.HTTPError, settings: Settings) -> str:
    """Say in words why an HTTP exchange failed, and what to do about it."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection within {settings.connect_timeout:g} s. Check the address or your network."
    if isinstance(exc, httpx.TimeoutException):
        return (
            f"the server sent nothing for {settings.read_timeout:g} s. Try again later, or raise "
            "read_timeout (ONRECORD_READ_TIMEOUT)."
        )
    if isinstance(exc, httpx.ConnectError):
        lowered = detail.lower()
        if "refused" in lowered:
            return "connection refused. Check the address or your network."
        if "ssl" in lowered or "certificate" in lowered:
            return f"the secure connection failed ({detail}). The site's certificate may be invalid."
        return f"cannot connect ({detail}). Check the address or your network."
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke off or sent a malformed response ({detail}). Try again later."
    if isinstance(exc, httpx.DecodingError):
        return f"the response could not be decompressed ({detail})."
    return f"{detail}. Check the address or your network."


def _too_slow(original: str, settings: Settings) -> FetchError:
    return FetchError(
        f"Cannot fetch '{original}': it took longer than {settings.total_timeout:g} s in all. "
        "Try again later, or raise total_timeout (ONRECORD_TOTAL_TIMEOUT)."
    )


def _check_status(original: str, response: httpx.Response) -> None:
    status = response.status_code
    if not 200 <= status < 300:
        error = FetchError(_status_message(original, status, response.reason_phrase))
        error.status = status
        raise error


def _document(original: str, response: httpx.Response, settings: Settings, deadline: float) -> RawDocument:
    _check_status(original, response)
    content_type = response.headers.get("content-type", "")
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime not in HTML_TYPES | _TEXT_TYPES | SNIFF_TYPES:
        raise UnsupportedInput(
            f"'{original}' is {mime}, not a web page or plain text; onrecord reads HTML and text pages."
        )
    body = _read_capped(original, response, settings, deadline)
    kind: Kind
    if mime in HTML_TYPES:
        kind = "html"
    elif mime in _TEXT_TYPES:
        kind = "text"
    else:
        kind = "html" if looks_like_html_bytes(body) else "text"
    match = _CHARSET.search(content_type)
    declared = match.group(1) if match else (declared_html_charset(body) if kind == "html" else None)
    decoded = decode_input(body, original, declared)
    warnings = (decoded.warning,) if decoded.warning else ()
    return RawDocument(
        origin=original, data=decoded.text, kind=kind, url=str(response.url), warnings=warnings
    )


def _status_message(original: str, status: int, phrase: str) -> str:
    said = f"{status} {phrase}".strip()
    if status in {401, 403}:
        advice = "The page may need a login, or the site may block automated clients."
    elif status in {404, 410}:
        advice = "Check the address."
    elif status == 429 or status >= 500:
        advice = "Try again later."
    else:
        advice = "Check the address."
    return f"Cannot fetch '{original}': the server answered {said}. {advice}"


def _read_capped(original: str, response: httpx.Response, settings: Settings, deadline: float) -> bytes:
    """Read the body, stopping as soon as it passes the byte cap or the total deadline."""
    cap = settings.max_fetch_bytes
    too_large = FetchError(
        f"Cannot fetch '{original}': the page is larger than {cap:,} bytes. Raise max_fetch_bytes "
        "(ONRECORD_MAX_FETCH_BYTES) to allow it."
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    coding = _coding(original, response.headers.get("content-encoding", ""))
    inflater: zlib._Decompress | None = None
    chunks: list[bytes] = []
    size = 0
    try:
        for raw in response.iter_raw():
            pending = raw
            if coding is not None and inflater is None and raw:
                inflater = _decompressor(coding, raw)
            while pending:
                if inflater is None:
                    chunk, pending = pending, b""
                else:  # never more than the room left + 1 byte per call, however well it packs
                    chunk = inflater.decompress(pending, cap - size + 1)
                    pending = inflater.unconsumed_tail
                size += len(chunk)
                if size > cap:
                    raise too_large
                chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _too_slow(original, settings)
        if inflater is not None:
            chunk = inflater.flush(cap - size + 1)
            if size + len(chunk) > cap:
                raise too_large
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise _http_error(original, exc, settings, deadline) from exc
    except zlib.error as exc:
        raise FetchError(
            f"Cannot fetch '{original}': the response could not be decompressed ({exc})."
        ) from exc
    return b"".join(chunks)


def _decompressor(coding: str, first: bytes) -> zlib._Decompress:
    """A zlib decompressor for ``coding``; 'deflate' may come raw, without the zlib header."""
    wbits = _ZLIB_WBITS[coding]
    zlib_header = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    if coding == "deflate" and not zlib_header:
        wbits = -zlib.MAX_WBITS
    return zlib.decompressobj(wbits)


def _coding(original: str, content_encoding: str) -> str | None:
    """The response's one content coding (gzip or deflate) or None; stacked codings are refused.

    ``Content-Encoding: gzip, gzip`` lets a few KB inflate to gigabytes in one step of a
    decoder chain, before any cap can look; no real site needs two layers.
    """
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return None
    if len(codings) > 1:
        raise FetchError(
            f"Cannot fetch '{original}': the response is compressed {len(codings)} times over "
            f"(Content-Encoding: {content_encoding}). onrecord refuses stacked encodings: they are "
            "how decompression bombs are built, and no real site needs them."
        )
    coding = codings[0]
    if coding not in _ZLIB_WBITS:
        raise FetchError(
            f"Cannot fetch '{original}': the response uses Content-Encoding '{coding}', which "
            "onrecord did not ask for (it accepts gzip and deflate)."
        )
    return coding
