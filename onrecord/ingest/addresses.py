"""Which network addresses onrecord may fetch from: public ones only, unless told otherwise.

A URL given by a user, or a redirect chosen by a server, must not make onrecord reach into
the local network (routers, cloud metadata at 169.254.169.254, services on localhost).
Every host is resolved and every address checked, on each redirect hop and again at connect
time (``GuardedBackend``), so a DNS answer that changes between check and connect is caught.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterable

import httpcore

from onrecord.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
logger = logging.getLogger(__name__)

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


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
                return self._backend.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                logger.debug("Cannot connect to %s at %s; trying the next address", host, address)
        return self._backend.connect_tcp(allowed[-1], port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchError("onrecord does not fetch over Unix sockets.")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)
