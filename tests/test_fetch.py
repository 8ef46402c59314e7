"""The guarded HTTP client, against real HTTP servers on loopback (never the network)."""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from loopback_server import Handler, Server, reply, serve

from onrecord.errors import FetchError, UnsupportedInput
from onrecord.ingest import addresses
from onrecord.ingest.addresses import GuardedBackend, address_problem
from onrecord.ingest.fetch import fetch_url, make_client
from onrecord.settings import Settings

HTML = (Path(__file__).parent / "fixtures" / "html" / "harbour_talks.html").read_bytes()
LOCAL = Settings(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=5)


def _html(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, HTML, {"Content-Type": "text/html; charset=utf-8"})


def _plain(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, "Plain “wire” copy.\n".encode(), {"Content-Type": "text/plain; charset=utf-8"})


def _cp1252(handler: BaseHTTPRequestHandler, server: Server) -> None:
    body = "<html><body><p>The minister’s “plan” costs €40m.</p></body></html>".encode("cp1252")
    reply(handler, 200, body, {"Content-Type": "text/html; charset=windows-1252"})


def _untyped_html(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, HTML, {"Content-Type": "application/octet-stream"})


def _png(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, {"Content-Type": "image/png"})


def _untyped_png(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "40")
    handler.end_headers()
    handler.wfile.write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)


def _slow(handler: BaseHTTPRequestHandler, server: Server) -> None:
    server.stop.wait(3)  # says nothing for longer than the read timeout
    reply(handler, 200, b"late", {"Content-Type": "text/plain"})


def _trickle(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    for _ in range(1000):  # a byte every 0.05 s: never idle long enough for the read timeout
        if server.stop.wait(0.05):
            return
        handler.wfile.write(b"x")
        handler.wfile.flush()


def _big(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, b"word " * 1000, {"Content-Type": "text/plain"})


def _big_unannounced(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()  # no Content-Length: HTTP/1.0 body runs until the connection closes
    for _ in range(100):
        handler.wfile.write(b"word " * 100)


def _gzip_bomb(handler: BaseHTTPRequestHandler, server: Server) -> None:
    body = gzip.compress(b"a" * 200_000)
    reply(handler, 200, body, {"Content-Type": "text/plain", "Content-Encoding": "gzip"})


# 64 MB of zeros, gzipped twice: about 200 bytes on the wire (issue 14 had 1 GiB in a few KB).
_STACKED = gzip.compress(gzip.compress(bytes(64 << 20), 9), 9)
_SINGLE = gzip.compress(bytes(32 << 20), 9)  # 32 MB of zeros in about 32 KB: one read's worth
_TEXT = "Plain copy, compressed. " * 50


def _gzip_gzip(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, _STACKED, {"Content-Type": "text/plain", "Content-Encoding": "gzip, gzip"})


def _gzip_single(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, _SINGLE, {"Content-Type": "text/plain", "Content-Encoding": "gzip"})


def _deflate(raw: bool) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        body = packer.compress(_TEXT.encode()) + packer.flush()
        reply(h, 200, body, {"Content-Type": "text/plain", "Content-Encoding": "deflate"})

    return handler


_HEADER_LINES_SENT: list[int] = []
_HEADER_TRICKLE_DONE = threading.Event()


def _header_trickle(handler: BaseHTTPRequestHandler, server: Server) -> None:
    """One header line every 0.05 s for 10 s: never idle for a read timeout, far past the deadline."""
    sent = 0
    try:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
        for i in range(200):
            if server.stop.wait(0.05):
                return
            handler.wfile.write(f"X-Pad-{i}: x\r\n".encode())
            handler.wfile.flush()
            sent += 1
        handler.wfile.write(b"Content-Length: 2\r\n\r\nok")
    finally:
        _HEADER_LINES_SENT.append(sent)
        _HEADER_TRICKLE_DONE.set()


def _redirect(location: str, status: int = 302) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        target = location.replace("PORT", str(server.port))
        reply(h, status, b"", {"Location": target})

    return handler


def _status(code: int) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        reply(h, code, b"nope", {"Content-Type": "text/plain"})

    return handler


ROUTES = {
    "/article": _html,
    "/plain": _plain,
    "/cp1252": _cp1252,
    "/untyped-html": _untyped_html,
    "/png": _png,
    "/untyped-png": _untyped_png,
    "/slow": _slow,
    "/trickle": _trickle,
    "/big": _big,
    "/big-unannounced": _big_unannounced,
    "/gzip-bomb": _gzip_bomb,
    "/gzip-gzip": _gzip_gzip,
    "/gzip-single": _gzip_single,
    "/deflate": _deflate(raw=False),
    "/deflate-raw": _deflate(raw=True),
    "/header-trickle": _header_trickle,
    "/moved": _redirect("/article", 301),
    "/relative": _redirect("plain", 307),
    "/loop-a": _redirect("/loop-b"),
    "/loop-b": _redirect("/loop-a"),
    "/chain-3": _redirect("/chain-2"),
    "/chain-2": _redirect("/chain-1"),
    "/chain-1": _redirect("/article"),
    "/to-ten": _redirect("http://10.0.0.1/secret"),
    "/to-metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-ipv6-loopback": _redirect("http://[::1]:PORT/article"),
    "/to-ftp": _redirect("ftp://127.0.0.1/file.txt"),
    "/forbidden": _status(403),
    "/error": _status(503),
}


@pytest.fixture
def server() -> Iterator[Server]:
    with serve(ROUTES) as running:
        yield running


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1 as public, so redirects from the test server to private hosts can be refused."""
    real = addresses.address_problem
    monkeypatch.setattr(addresses, "address_problem", lambda a: None if str(a) == "127.0.0.1" else real(a))


# --- the address check -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("10.0.0.1", "a private address"),
        ("10.255.1.2", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.10", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("127.0.0.1", "a loopback address"),
        ("127.8.8.8", "a loopback address"),
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "a reserved address"),
        ("224.0.0.1", "a multicast address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "an IPv4-mapped IPv6 address"),
        ("::ffff:10.0.0.1", "an IPv4-mapped IPv6 address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private address"),
        ("2002:c0a8:0101::1", "an IPv6 address wrapping a private address (192.168.1.1)"),
        ("64:ff9b::a00:1", "an IPv6 address wrapping a private address (10.0.0.1)"),
    ],
)
def test_non_public_addresses_are_named(address: str, problem: str) -> None:
    assert address_problem(address) == problem


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


def test_loopback_is_refused_by_default(server: Server) -> None:
    with pytest.raises(FetchError) as info:
        fetch_url(server.url("/article"), Settings())
    assert str(info.value) == (
        f"Refused to fetch '{server.url('/article')}': it resolves to a loopback address 127.0.0.1; "
        "pass --allow-private to allow it."
    )
    assert server.requests == []


def test_connect_time_guard_is_in_the_client(server: Server) -> None:
    # Bypasses fetch_url's own check: the transport must refuse at connect time too, so a DNS
    # answer that changes between check and connect cannot reach a private address.
    with make_client(Settings()) as client, pytest.raises(FetchError, match="loopback address 127.0.0.1"):
        client.get(server.url("/article"))
    assert server.requests == []


def test_guarded_backend_tries_each_allowed_address(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # A name whose first address refuses connections (nothing listens on ::1 here).
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["::1", "127.0.0.1"])
    GuardedBackend(allow_private=True).connect_tcp("two-addresses.test", server.port, timeout=2).close()


def test_guarded_backend_refuses_private_and_allows_when_told(server: Server) -> None:
    with pytest.raises(FetchError, match="Refused to connect to 'localhost'"):
        GuardedBackend(allow_private=False).connect_tcp("localhost", server.port)
    GuardedBackend(allow_private=True).connect_tcp("127.0.0.1", server.port, timeout=2).close()


@pytest.mark.usefixtures("loopback_is_public")
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-ten", "redirects to a private address 10.0.0.1; pass --allow-private to allow it"),
        ("/to-metadata", "redirects to a link-local address 169.254.169.254"),
        ("/to-ipv6-loopback", "redirects to a loopback address ::1"),
    ],
)
def test_redirect_into_private_network_is_refused(server: Server, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as info:
        fetch_url(server.url(path), Settings(connect_timeout=2, read_timeout=2))
    assert str(info.value).startswith(f"Refused: '{server.url(path)}' redirects to")


@pytest.mark.usefixtures("loopback_is_public")
def test_public_fetch_passes_the_check(server: Server) -> None:
    raw = fetch_url(server.url("/article"), Settings())
    assert raw.kind == "html"


# --- fetching ----------------------------------------------------------------------------


def test_html_page(server: Server) -> None:
    raw = fetch_url(server.url("/article"), LOCAL)
    assert raw.kind == "html"
    assert raw.origin == raw.url == server.url("/article")
    assert isinstance(raw.data, str) and "Harbour deal stalls" in raw.data
    assert server.requests[0]["headers"]["User-Agent"] == LOCAL.user_agent


def test_plain_text_page(server: Server) -> None:
    raw = fetch_url(server.url("/plain"), LOCAL)
    assert (raw.kind, raw.data) == ("text", "Plain “wire” copy.\n")


def test_charset_from_content_type_header(server: Server) -> None:
    raw = fetch_url(server.url("/cp1252"), LOCAL)
    assert "The minister’s “plan” costs €40m." in str(raw.data)
    assert raw.warnings == ()


def test_untyped_body_is_sniffed(server: Server) -> None:
    assert fetch_url(server.url("/untyped-html"), LOCAL).kind == "html"
    with pytest.raises(UnsupportedInput, match="looks like a PNG image"):
        fetch_url(server.url("/untyped-png"), LOCAL)


def test_non_text_content_type_is_refused(server: Server) -> None:
    with pytest.raises(UnsupportedInput, match="is image/png, not a web page or plain text"):
        fetch_url(server.url("/png"), LOCAL)


def test_user_agent_comes_from_settings(server: Server) -> None:
    settings = Settings(allow_private=True, user_agent="onrecord-test/1.0")
    with make_client(LOCAL) as client:  # a client made with other settings still sends this UA
        fetch_url(server.url("/plain"), settings, client)
    assert server.requests[0]["headers"]["User-Agent"] == "onrecord-test/1.0"


def test_client_is_reused_across_fetches(server: Server) -> None:
    with make_client(LOCAL) as client:
        first = fetch_url(server.url("/plain"), LOCAL, client)
        second = fetch_url(server.url("/article"), LOCAL, client)
    assert (first.kind, second.kind) == ("text", "html")


def test_404_names_the_status(server: Server) -> None:
    with pytest.raises(FetchError) as info:
        fetch_url(server.url("/missing"), LOCAL)
    assert str(info.value) == (
        f"Cannot fetch '{server.url('/missing')}': the server answered 404 Not Found. Check the address."
    )


@pytest.mark.parametrize(("path", "advice"), [("/forbidden", "need a login"), ("/error", "Try again later")])
def test_other_statuses(server: Server, path: str, advice: str) -> None:
    with pytest.raises(FetchError, match=advice):
        fetch_url(server.url(path), LOCAL)


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    with pytest.raises(FetchError) as info:
        fetch_url(url, LOCAL)
    assert str(info.value) == f"Cannot fetch '{url}': connection refused. Check the address or your network."


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_name(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)  # no DNS query leaves the machine
    with pytest.raises(FetchError, match="the host 'no-such-host.invalid' could not be resolved"):
        fetch_url("http://no-such-host.invalid/story", LOCAL)


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "http://"])
def test_only_http_urls(url: str) -> None:
    with pytest.raises(FetchError, match="(only http:// and https://|not a valid URL)"):
        fetch_url(url, LOCAL)


# --- deadlines and caps ----------------------------------------------------------------


def test_read_timeout_on_a_silent_server(server: Server) -> None:
    settings = Settings(allow_private=True, read_timeout=0.3, total_timeout=5)
    with pytest.raises(FetchError, match=r"the server sent nothing for 0.3 s.*ONRECORD_READ_TIMEOUT"):
        fetch_url(server.url("/slow"), settings)


def test_total_deadline_on_a_trickling_server(server: Server) -> None:
    settings = Settings(allow_private=True, read_timeout=1, total_timeout=0.5)
    with pytest.raises(FetchError, match=r"longer than 0.5 s in all.*ONRECORD_TOTAL_TIMEOUT"):
        fetch_url(server.url("/trickle"), settings)


@pytest.mark.parametrize("path", ["/big", "/big-unannounced", "/gzip-bomb"])
def test_byte_cap(server: Server, path: str) -> None:
    settings = Settings(allow_private=True, max_fetch_bytes=4000)
    with pytest.raises(FetchError, match=r"larger than 4,000 bytes.*ONRECORD_MAX_FETCH_BYTES"):
        fetch_url(server.url(path), settings)


def test_stacked_encodings_are_refused_before_inflating(server: Server) -> None:
    with pytest.raises(FetchError, match=r"compressed 2 times over \(Content-Encoding: gzip, gzip\)"):
        fetch_url(server.url("/gzip-gzip"), LOCAL)


def test_one_gzip_layer_inflates_no_further_than_the_cap(server: Server) -> None:
    """32 MB packed in one read: the decoder must stop at the cap, not inflate it all first."""
    settings = Settings(allow_private=True, max_fetch_bytes=100_000)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"larger than 100,000 bytes"):
            fetch_url(server.url("/gzip-single"), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak:,} bytes"


@pytest.mark.parametrize("path", ["/deflate", "/deflate-raw"])
def test_deflate_with_and_without_the_zlib_header(server: Server, path: str) -> None:
    assert fetch_url(server.url(path), LOCAL).data == _TEXT


def test_the_client_asks_only_for_codings_it_can_bound(server: Server) -> None:
    fetch_url(server.url("/plain"), LOCAL)
    assert server.requests[-1]["headers"]["Accept-Encoding"] == "gzip, deflate"


def test_total_deadline_covers_trickled_headers(server: Server) -> None:
    _HEADER_LINES_SENT.clear()
    _HEADER_TRICKLE_DONE.clear()
    settings = Settings(allow_private=True, read_timeout=1, total_timeout=0.5)
    with pytest.raises(FetchError, match=r"longer than 0.5 s in all.*ONRECORD_TOTAL_TIMEOUT"):
        fetch_url(server.url("/header-trickle"), settings)
    server.stop.set()  # the handler stops at its next line; count what it had sent by then
    assert _HEADER_TRICKLE_DONE.wait(30)
    # the client hung up near the deadline, long before the 200 lines a slow server had to send
    assert _HEADER_LINES_SENT and _HEADER_LINES_SENT[0] < 150


# --- redirects -----------------------------------------------------------------------------


def test_redirect_is_followed(server: Server) -> None:
    raw = fetch_url(server.url("/moved"), LOCAL)
    assert raw.origin == server.url("/moved")
    assert raw.url == server.url("/article")


def test_relative_redirect(server: Server) -> None:
    assert fetch_url(server.url("/relative"), LOCAL).url == server.url("/plain")


def test_redirect_loop(server: Server) -> None:
    with pytest.raises(FetchError, match=r"redirect loop \('.*/loop-b' redirects back to '.*/loop-a'\)"):
        fetch_url(server.url("/loop-a"), LOCAL)


def test_redirect_limit(server: Server) -> None:
    settings = Settings(allow_private=True, max_redirects=2)
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch_url(server.url("/chain-3"), settings)
    assert fetch_url(server.url("/chain-3"), Settings(allow_private=True, max_redirects=3)).kind == "html"


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    with pytest.raises(FetchError, match="it redirects to 'ftp://127.0.0.1/file.txt'; only http"):
        fetch_url(server.url("/to-ftp"), LOCAL)


def test_fetch_error_is_not_an_httpx_error(server: Server) -> None:
    # Callers catch OnrecordError only; httpx's exceptions must not leak.
    with pytest.raises(FetchError) as info:
        fetch_url(server.url("/slow"), Settings(allow_private=True, read_timeout=0.2))
    assert not isinstance(info.value, httpx.HTTPError)


# --- TLS -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 'localhost', made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_tls_goes_through_the_guard_with_the_host_name(self_signed: tuple[Path, Path]) -> None:
    # The guarded backend connects to the checked address, but TLS must still be negotiated
    # and verified for the host name (SNI), not the address: an untrusted certificate fails.
    cert, key = self_signed
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    with serve(ROUTES, tls=context) as running:
        url = f"https://localhost:{running.port}/article"
        with pytest.raises(FetchError, match="the secure connection failed .*CERTIFICATE_VERIFY_FAILED"):
            fetch_url(url, LOCAL)
        with pytest.raises(FetchError, match="loopback address"):
            fetch_url(url, Settings())
    assert names == ["localhost"]
