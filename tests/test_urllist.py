"""URL lists: one article URL a line, comments and blanks ignored, bad lines reported by number."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from loopback_server import Handler, Server, reply, serve

from onrecord.errors import DuplicateEntry, FetchError, InvalidUrl
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.urllist import iter_url_list
from onrecord.settings import Settings

LOCAL = Settings(allow_private=True, per_host_delay=0, connect_timeout=2, read_timeout=2, total_timeout=5)


def _page(h: BaseHTTPRequestHandler, server: Server) -> None:
    reply(h, 200, b"<html><body><p>A story.</p></body></html>", {"Content-Type": "text/html"})


def _redirect(location: str) -> Handler:
    def handler(h: BaseHTTPRequestHandler, server: Server) -> None:
        reply(h, 302, b"", {"Location": location})

    return handler


@pytest.fixture
def server() -> Iterator[Server]:
    routes = {"/a": _page, "/b": _page, "/loop-a": _redirect("/loop-b"), "/loop-b": _redirect("/loop-a")}
    with serve(routes) as running:
        yield running


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_urls_are_fetched_and_bad_lines_reported(server: Server, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "# morning batch",
            server.url("/a"),
            "",
            "   ",
            "file:///etc/passwd",
            "ftp://files.example/a.txt",
            "not a url",
            server.url("/loop-a"),
            server.url("/a"),
            f"  {server.url('/b')}  ",
        ],
    )
    items = list(iter_url_list(path, LOCAL))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [(d.origin, d.line) for d in docs] == [(server.url("/a"), 2), (server.url("/b"), 10)]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [(f.line, type(f.error)) for f in failures] == [
        (5, InvalidUrl),
        (6, InvalidUrl),
        (7, InvalidUrl),
        (8, FetchError),
        (9, DuplicateEntry),
    ]
    assert failures[0].origin == f"{path}:5" and failures[0].error.code == "invalid_url"
    assert "'file:///etc/passwd' is not an http:// or https:// URL" in str(failures[0].error)
    assert failures[3].origin == server.url("/loop-a") and "redirect loop" in str(failures[3].error)
    assert failures[4].error.code == "duplicate_entry"
    # Items come in file order, so a resumed run can skip the origins it has.
    assert [i.line for i in items] == [2, 5, 6, 7, 8, 9, 10]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:{port}/a", "a loopback address 127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "a link-local address 169.254.169.254"),
        ("http://[::ffff:127.0.0.1]:{port}/a", "an IPv4-mapped IPv6 address"),
        ("http://0x7f.1:{port}/a", "a loopback address 127.0.0.1"),
        ("http://2130706433:{port}/a", "a loopback address 127.0.0.1"),
    ],
)
def test_private_addresses_are_refused(server: Server, tmp_path: Path, url: str, problem: str) -> None:
    target = url.format(port=server.port)
    path = _write(tmp_path, [target])
    settings = Settings(per_host_delay=0, connect_timeout=1, read_timeout=1, total_timeout=3)
    [failure] = list(iter_url_list(path, settings))
    assert isinstance(failure, InputFailure) and isinstance(failure.error, FetchError)
    assert problem in str(failure.error), str(failure.error)
    assert server.requests == []


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    from onrecord.errors import IngestError

    with pytest.raises(IngestError, match="Cannot read"):
        list(iter_url_list(tmp_path / "absent.txt", LOCAL))


def test_given_client_is_left_open(server: Server, tmp_path: Path) -> None:
    from onrecord.ingest.fetch import make_client

    path = _write(tmp_path, [server.url("/a")])
    with make_client(LOCAL) as client:
        list(iter_url_list(path, LOCAL, client))
        assert not client.is_closed
