"""Credentials in a URL (``http://user:secret@host/``) never reach a record: not stored, not
exported, not linked (issue 14)."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from loopback_server import Server, reply, serve

from onrecord.extract.metadata import strip_credentials
from onrecord.ingest import RawDocument
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.web.pages import safe_http_url

TEXT = ("“The bridge will reopen on Monday,” said Jane Doe, a city official. "
        "The mayor's office declined to comment.")


@pytest.mark.parametrize(("url", "clean"), [
    ("http://user:secret@news.example/a?x=1#f", "http://news.example/a?x=1#f"),
    ("https://token@news.example:8443/a", "https://news.example:8443/a"),
    ("https://a:b@c@news.example/", "https://news.example/"),
    ("https://news.example/@handle", "https://news.example/@handle"),  # an @ in the path stays
    (None, None),
])
def test_strip_credentials(url: str | None, clean: str | None) -> None:
    assert strip_credentials(url) == clean


def test_the_x_ray_never_links_credentials() -> None:
    assert safe_http_url("https://user:secret@news.example/a") == "https://news.example/a"


@pytest.mark.model
def test_a_record_from_a_url_with_credentials_is_stored_and_exported_without_them(tmp_path: Path) -> None:
    from onrecord.pipeline import analyze_one

    with_secret = analyze_one(RawDocument(origin="in.jsonl:1", data=TEXT, kind="text",
                                          url="https://user:secret@news.example/bridge"), Settings())
    plain = analyze_one(RawDocument(origin="in.jsonl:1", data=TEXT, kind="text",
                                    url="https://news.example/bridge"), Settings())
    assert with_secret.url == "https://news.example/bridge"
    assert with_secret.id == plain.id  # the id is the URL's, credentials or not
    with Store.open(str(tmp_path / "c.db")) as store:
        store.migrate()
        store.store_record(with_secret, input_key="k")
        for fmt in ("jsonl", "csv"):
            store.export(fmt, str(tmp_path / fmt))
    files = [p for p in tmp_path.rglob("*") if p.is_file()]  # the store's own files and every export
    dumped = b"".join(p.read_bytes() for p in files)
    assert b"secret" not in dumped and b"news.example/bridge" in dumped


@pytest.mark.parametrize(("message", "clean"), [
    ("Cannot fetch 'http://user:secret@news.example/a': the server answered 404 Not Found.",
     "Cannot fetch 'http://news.example/a': the server answered 404 Not Found."),
    ("'http://a:b@x.example/' redirects to 'https://c:d@y.example/z'",
     "'http://x.example/' redirects to 'https://y.example/z'"),
    ("mail me at jane@example.org; see https://news.example/@handle", None),
])
def test_strip_credentials_takes_them_out_of_every_url_in_a_message(message: str, clean: str | None) -> None:
    assert strip_credentials(message) == (clean or message)


def _article(h: BaseHTTPRequestHandler, server: Server) -> None:
    reply(h, 200, (Path(__file__).parent / "fixtures" / "html" / "council_vote.html").read_bytes(),
          {"Content-Type": "text/html; charset=utf-8"})


@pytest.mark.model
def test_ingest_and_analyze_keep_url_credentials_out_of_keys_failures_and_messages(tmp_path: Path) -> None:
    """A URL list and URL arguments given with credentials: the pages are fetched with them (basic
    auth), and no ledger key, failure row, run argument or printed message holds them (issue 14 §2)."""
    from click.testing import CliRunner

    from onrecord.cli import cli

    with serve({"/a": _article}) as server:
        secret = server.url("/a").replace("http://", "http://user:secret@")
        missing = server.url("/missing").replace("http://", "http://user:secret@")
        urls = tmp_path / "urls.txt"
        lines = [secret, missing, secret, "ftp://user:secret@files.example/x"]  # stored, 404, twice, refused
        urls.write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = tmp_path / "store" / "c.db"
        db.parent.mkdir()
        listed = CliRunner().invoke(cli, ["ingest", "--urls", str(urls), "--db", str(db), "--allow-private",
                                          "--per-host-delay", "0", "--format", "json"])
        given = CliRunner().invoke(cli, ["ingest", missing.replace("/missing", "/gone"), "--db", str(db),
                                         "--allow-private", "--format", "json"])
        analysed = CliRunner().invoke(cli, ["analyze", missing, "--allow-private"])
        assert any(r["headers"].get("Authorization", "").startswith("Basic ") for r in server.requests)
    assert listed.exit_code == 1 and given.exit_code == 1 and analysed.exit_code == 1  # failures, reported
    for result, named in ((listed, "/missing"), (given, "/gone"), (analysed, "/missing")):
        printed = result.output + (result.stderr or "")
        assert named in printed and "secret" not in printed
    with Store.open(str(db)) as store:
        store.export("jsonl", str(tmp_path / "export"))
    dumped = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p != urls)
    assert b"secret" not in dumped  # ledger keys, failure rows and messages, run arguments, records
    assert b"Council approves night bus trial" in dumped and b"/missing" in dumped and b"/gone" in dumped
