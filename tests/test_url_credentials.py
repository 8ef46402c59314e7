"""Credentials in a URL (``http://user:secret@host/``) never reach a record: not stored, not
exported, not linked (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
