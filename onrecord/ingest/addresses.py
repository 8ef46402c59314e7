"""Which network addresses onrecord may fetch from: public ones only, unless told otherwise.

A URL given by a user, or a redirect chosen by a server, must not make onrecord reach into
the local network (routers, cloud metadata at 169.254.169.254, services on localhost).
Every host is resolved and every address checked, on each redirect hop and again at connect
time (``GuardedBackend``), so a DNS answer that changes between check and connect is caught.
"""

from __future__ import annotations

import contextvars
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore

from onrecord.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
logger = logging.getLogger(__name__)

_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# The monotonic time by which the current fetch must be done (connect, headers and body), set
# by ``fetch._fetch`` for the thread it runs in. httpx only bounds each read, so a server
# sending one header line a second would otherwise hold a fetch for as long as it likes.
FETCH_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("fetch_deadline", default=None)


def address_problem(address: str | IPAddress) -> str | None:
    """Say why an address is not a public one ("a loopback address"), or None if it is public."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return "an IPv4-mapped IPv6 address"
        embedded = _embedded_ipv4(ip)
        if embedded is not None and address_problem(embedded):
            return f"an IPv6 address wrapping {address_problem(embedded)} ({embedded})"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved or not ip.is_global:
        return "a reserved address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside a 6to4, Teredo or NAT64 address, if any."""
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in resolver order.

    Raises:
        FetchError: the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve host '{host}': {exc}. Check the address or your network.") from exc
    seen: dict[str, None] = {}
    for *_, sockaddr in infos:
        seen.setdefault(str(sockaddr[0]).split("%", 1)[0], None)
    return list(seen)


def allowed_addresses(host: str, port: int, allow_private: bool) -> tuple[list[str], tuple[str, str] | None]:
    """Resolve ``host`` and keep the addresses onrecord may connect to, in resolver order.

    Returns the allowed addresses and, when there are none, the first refused address and
    why it was refused; callers word the refusal for their context.
    """
    addresses = resolve(host, port)
    if allow_private:
        return addresses, None
    allowed = [a for a in addresses if address_problem(a) is None]
    if allowed:
        return allowed, None
    first = addresses[0]
    return [], (first, address_problem(first) or "a refused address")


def pick_address(host: str, port: int, allow_private: bool) -> tuple[str, str | None]:
    """The first address to connect to and None, or the first refused address and why."""
    allowed, refused = allowed_addresses(host, port, allow_private)
    return (allowed[0], None) if refused is None else refused


def refusal(address: str, problem: str) -> str:
    """The tail of a refusal message: '... a private address 10.0.0.1; pass --allow-private ...'."""
    return f"{problem} {address}; pass --allow-private to allow it"


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve and check at connect time, then connect to the checked address itself."""

    def __init__(self, allow_private: bool, backend: httpcore.NetworkBackend | None = None) -> None:
        self._allow_private = allow_private
        self._backend = backend or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        allowed, refused = allowed_addresses(host, port, self._allow_private)
        if refused is not None:
            raise FetchError(f"Refused to connect to '{host}': it resolves to {refusal(*refused)}.")
        # Try each allowed address in turn, as socket.create_connection does ('localhost' may
        # resolve to ::1 first while the server listens on 127.0.0.1 only).
        for address in allowed[:-1]:
            try:
                return self._connect(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                logger.debug("Cannot connect to %s at %s; trying the next address", host, address)
        return self._connect(allowed[-1], port, timeout, local_address, socket_options)

    def _connect(
        self,
        address: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.NetworkStream:
        timeout = _within_deadline(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(address, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchError("onrecord does not fetch over Unix sockets.")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _within_deadline(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the current fetch's deadline; ``error`` once it has passed."""
    deadline = FETCH_DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error("the total deadline of the fetch has passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every read and write ends by the fetch's total deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _within_deadline(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within_deadline(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(
            ssl_context, server_hostname, _within_deadline(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)
