"""WARC reading: CC-NEWS layout, skips with reason codes, and damaged files (cut short, corrupt member)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from warc_builder import http_response, response_record, warc_record, warcinfo_record, write_warc

from onrecord.errors import DamagedArchive, HttpStatus, NotHtml, SkippedInput, TruncatedRecord
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.warc import iter_warc
from onrecord.settings import Settings

SETTINGS = Settings()


def _page(n: int) -> str:
    words = " ".join(f"word{i}" for i in range(40))
    return f"<html><head><title>Story {n}</title></head><body><p>Story {n}: {words}.</p></body></html>"


def _articles(count: int) -> list[tuple[str, bytes | str, int, str]]:
    return [(f"https://news.example/{n}", _page(n), 200, "text/html; charset=utf-8") for n in range(count)]


def _docs(items: list[RawDocument | InputFailure]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _failures(items: list[RawDocument | InputFailure]) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


@pytest.mark.parametrize("name", ["news.warc.gz", "news.warc"])
def test_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    offsets = write_warc(path, _articles(3), with_requests=name.endswith(".gz"))
    items = list(iter_warc(path, SETTINGS))
    assert _failures(items) == []
    docs = _docs(items)
    assert [d.url for d in docs] == [f"https://news.example/{n}" for n in range(3)]
    assert all(d.kind == "html" and isinstance(d.data, str) and "Story" in d.data for d in docs)
    assert docs[0].crawled == "2025-09-12T08:30:00Z" and docs[0].published is None
    response_offsets = offsets[2::2] if name.endswith(".gz") else offsets[1:]
    assert [d.origin for d in docs] == [f"{path}@{o}" for o in response_offsets]


def test_origins_are_stable_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    write_warc(path, _articles(4))
    first = [i.origin for i in iter_warc(path, SETTINGS)]
    assert first == [i.origin for i in iter_warc(str(path), SETTINGS)]
    assert len(set(first)) == 4


def test_non_html_and_non_200_are_skipped_with_reason_codes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    write_warc(
        path,
        [
            ("https://news.example/ok", _page(1), 200, "text/html"),
            ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, 200, "image/png"),
            ("https://news.example/gone", _page(2), 404, "text/html"),
            ("https://news.example/moved", b"", 301, "text/html"),
            ("https://news.example/untyped", _page(3), 200, "application/octet-stream"),
        ],
    )
    items = list(iter_warc(path, SETTINGS))
    assert [d.url for d in _docs(items)] == ["https://news.example/ok", "https://news.example/untyped"]
    skips = _failures(items)
    assert [type(f.error) for f in skips] == [NotHtml, HttpStatus, HttpStatus]
    assert [f.error.code for f in skips] == ["not_html", "http_status", "http_status"]
    assert all(isinstance(f.error, SkippedInput) for f in skips)
    assert "image/png, not an HTML page" in str(skips[0].error)
    assert "HTTP status 404" in str(skips[1].error)


def test_charset_from_http_header_and_mislabelled_latin1(tmp_path: Path) -> None:
    path = tmp_path / "charsets.warc.gz"
    body = "<html><body><p>The minister’s “plan” costs €40m.</p></body></html>"
    latin1 = "<html><body><p>Le café du président a fermé à Genève.</p></body></html>".encode("latin-1")
    write_warc(
        path,
        [
            ("https://news.example/cp", body.encode("cp1252"), 200, "text/html; charset=windows-1252"),
            ("https://news.example/liar", latin1, 200, "text/html; charset=utf-8"),
        ],
    )
    labelled, liar = _docs(list(iter_warc(path, SETTINGS)))
    assert "The minister’s “plan” costs €40m." in str(labelled.data) and labelled.warnings == ()
    assert "Le café du président a fermé à Genève." in str(liar.data)
    assert "Ã" not in str(liar.data)
    assert len(liar.warnings) == 1 and "not valid UTF-8 (it declares utf-8)" in liar.warnings[0]


def test_truncated_warc_gz_reports_the_last_record(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    offsets = write_warc(path, _articles(4))
    data = path.read_bytes()
    path.write_bytes(data[: offsets[-1] + (len(data) - offsets[-1]) // 2])  # cut the last member
    items = list(iter_warc(path, SETTINGS))
    assert len(_docs(items)) == 3
    [failure] = _failures(items)
    assert isinstance(failure.error, TruncatedRecord) and failure.error.code == "truncated_record"
    assert failure.origin == f"{path}@{offsets[-1]}"
    assert f"'{path}' ends inside the record at byte {offsets[-1]:,}" in str(failure.error)


@pytest.mark.parametrize("cut", [10, 80, 200])
def test_truncated_plain_warc_reports_the_last_record(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.warc"
    offsets = write_warc(path, _articles(3))
    path.write_bytes(path.read_bytes()[: offsets[-1] + cut])  # inside the headers or the body
    items = list(iter_warc(path, SETTINGS))
    assert len(_docs(items)) == 2
    [failure] = _failures(items)
    assert isinstance(failure.error, TruncatedRecord)
    assert failure.origin == f"{path}@{offsets[-1]}"


def test_truncated_inside_a_gzip_header_of_the_last_member(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    offsets = write_warc(path, _articles(2))
    path.write_bytes(path.read_bytes()[: offsets[-1] + 12])
    items = list(iter_warc(path, SETTINGS))
    assert len(_docs(items)) == 1
    [failure] = _failures(items)
    assert isinstance(failure.error, DamagedArchive) and failure.origin == f"{path}@{offsets[-1]}"


def test_corrupt_member_in_the_middle_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.warc.gz"
    offsets = write_warc(path, _articles(6))
    data = bytearray(path.read_bytes())
    bad = offsets[3]  # the third article (warcinfo is offsets[0])
    data[bad + 20 : bad + 60] = b"\xff" * 40
    path.write_bytes(bytes(data))
    items = list(iter_warc(path, SETTINGS))
    assert [d.url for d in _docs(items)] == [f"https://news.example/{n}" for n in (0, 1, 3, 4, 5)]
    [failure] = _failures(items)
    assert type(failure.error) is DamagedArchive and failure.error.code == "damaged_archive"
    assert failure.origin == f"{path}@{bad}"
    assert f"Bytes {bad:,} to {offsets[4]:,} of '{path}' could not be read" in str(failure.error)
    # Items come in file order: the failure sits between the records around it.
    assert [i.origin for i in items].index(failure.origin) == 2


def test_garbage_between_members_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc.gz"
    members = [gzip.compress(r, mtime=0) for r in (warcinfo_record(), *_records(3))]
    junk = b"\x1f\x8b\x08 not a member at all" * 3
    path.write_bytes(members[0] + members[1] + junk + members[2] + members[3])
    items = list(iter_warc(path, SETTINGS))
    assert [d.url for d in _docs(items)] == [f"https://news.example/{n}" for n in range(3)]
    [failure] = _failures(items)
    start = len(members[0]) + len(members[1])
    assert failure.origin == f"{path}@{start}"
    assert f"to {start + len(junk):,}" in str(failure.error)


def test_corrupt_tail_without_a_next_member(tmp_path: Path) -> None:
    path = tmp_path / "tail.warc.gz"
    offsets = write_warc(path, _articles(3))
    data = bytearray(path.read_bytes())
    data[offsets[-1] + 20 :] = b"\x00" * (len(data) - offsets[-1] - 20)
    path.write_bytes(bytes(data))
    items = list(iter_warc(path, SETTINGS))
    assert len(_docs(items)) == 2
    [failure] = _failures(items)
    assert f"The rest of '{path}' from byte {offsets[-1]:,} could not be read" in str(failure.error)


def test_garbage_in_a_plain_warc_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc"
    records = [warcinfo_record(), *_records(3)]
    junk = b"this is not a WARC record\r\n\r\n"
    path.write_bytes(records[0] + records[1] + junk + records[2] + records[3])
    items = list(iter_warc(path, SETTINGS))
    assert [d.url for d in _docs(items)] == [f"https://news.example/{n}" for n in range(3)]
    [failure] = _failures(items)
    assert type(failure.error) is DamagedArchive


def test_single_stream_gzip_is_read_and_a_cut_end_reported(tmp_path: Path) -> None:
    plain = tmp_path / "plain.warc"
    write_warc(plain, _articles(3))
    whole = gzip.compress(plain.read_bytes(), mtime=0)
    path = tmp_path / "one-stream.warc.gz"
    path.write_bytes(whole)
    items = list(iter_warc(path, SETTINGS))
    assert len(_docs(items)) == 3 and _failures(items) == []
    assert len({i.origin for i in items}) == 3
    path.write_bytes(whole[:-30])
    items = list(iter_warc(path, SETTINGS))
    assert isinstance(_failures(items)[-1].error, DamagedArchive)


def test_oversized_record_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, [("https://news.example/big", _page(1) * 50, 200, "text/html"), *_articles(1)])
    items = list(iter_warc(path, Settings(max_fetch_bytes=1000)))
    assert [type(i).__name__ for i in items] == ["InputFailure", "RawDocument"]
    assert _failures(items)[0].error.code == "too_large"


def _records(count: int) -> list[bytes]:
    return [response_record(url, str(html).encode()) for url, html, _, _ in _articles(count)]


def test_record_the_crawler_truncated_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "partial.warc.gz"
    partial = response_record("https://news.example/p", _page(9).encode(), extra={"WARC-Truncated": "length"})
    members = [gzip.compress(r, mtime=0) for r in (warcinfo_record(), partial, *_records(1))]
    path.write_bytes(b"".join(members))
    items = list(iter_warc(path, SETTINGS))
    assert [type(i).__name__ for i in items] == ["InputFailure", "RawDocument"]
    skip = _failures(items)[0].error
    assert isinstance(skip, SkippedInput) and skip.code == "crawler_truncated"


def test_chunked_and_gzipped_http_bodies_are_undone(tmp_path: Path) -> None:
    html = _page(7).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in (html[:50], html[50:])) + b"0\r\n\r\n"
    blocks = [
        http_response(chunked, extra="Transfer-Encoding: chunked\r\n"),
        http_response(gzip.compress(html), extra="Content-Encoding: gzip\r\n"),
    ]
    records = [
        warc_record("response", b, url=f"https://news.example/{n}", content_type="application/http")
        for n, b in enumerate(blocks)
    ]
    path = tmp_path / "coded.warc"
    path.write_bytes(warcinfo_record() + b"".join(records))
    docs = _docs(list(iter_warc(path, SETTINGS)))
    assert [d.data for d in docs] == [html.decode(), html.decode()]


def test_a_large_archive_streams(tmp_path: Path) -> None:
    path = tmp_path / "many.warc.gz"
    write_warc(path, _articles(2000))
    count = sum(1 for item in iter_warc(path, SETTINGS) if isinstance(item, RawDocument))
    assert count == 2000


@pytest.mark.parametrize(
    "content", [b"just some text, not an archive\n" * 10, gzip.compress(b"plain words\n")]
)
def test_a_file_that_is_not_a_warc(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(content)
    [failure] = list(iter_warc(path, SETTINGS))
    assert isinstance(failure, InputFailure) and failure.error.code == "unsupported_input"
    assert "is not a WARC file" in str(failure.error)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    from onrecord.errors import IngestError

    with pytest.raises(IngestError, match="Cannot read"):
        list(iter_warc(tmp_path / "absent.warc.gz", SETTINGS))
