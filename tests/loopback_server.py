"""A real HTTP server on 127.0.0.1 for fetch tests: routes map a path to a handler function.

Tests never reach the network; they reach this server, which runs in a thread and is shut
down at the end of each test. Handlers may sleep; ``stop`` cuts the sleeps short.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler, "Server"], None]


@dataclass
class Server:
    port: int
    stop: threading.Event
    requests: list[dict[str, Any]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def reply(
    handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None
) -> None:
    """Send a complete response."""
    handler.send_response(status)
    all_headers = {"Content-Length": str(len(body))} | (headers or {})
    for key, value in all_headers.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that time out leave broken pipes behind; that is the point of those tests."""


@contextmanager
def serve(routes: dict[str, Handler], tls: ssl.SSLContext | None = None) -> Iterator[Server]:
    """Run a server with ``routes`` (path → handler) on a free loopback port; HTTPS with ``tls``."""
    state: dict[str, Server] = {}

    class RequestHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server = state["server"]
            server.requests.append(
                {"path": self.path, "headers": dict(self.headers), "time": time.monotonic()}
            )
            route = routes.get(self.path.split("?", 1)[0])
            if route is None:
                reply(self, 404, b"not found", {"Content-Type": "text/plain"})
            else:
                route(self, server)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output clean."""

    httpd = _Quiet(("127.0.0.1", 0), RequestHandler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    server = Server(port=httpd.server_address[1], stop=threading.Event())
    state["server"] = server
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
