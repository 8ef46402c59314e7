"""Reading command-line inputs: files, directories, stdin, URLs and JSON Lines batches."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import BinaryIO

import pytest
from loopback_server import Server, reply, serve

from onrecord.errors import FetchError, IngestError, InputTooLarge, NoArticleText, UnsupportedInput
from onrecord.ingest import InputFailure, RawDocument, iter_inputs, make_client
from onrecord.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SETTINGS = Settings()
LOCAL = Settings(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=5)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def _read(
    arg: str | Path, settings: Settings = SETTINGS, stdin: BinaryIO | None = None
) -> list[RawDocument | InputFailure]:
    return list(iter_inputs(str(arg), settings, stdin=stdin))


def _docs(items: list[RawDocument | InputFailure]) -> list[RawDocument]:
    assert all(isinstance(i, RawDocument) for i in items), items
    return [i for i in items if isinstance(i, RawDocument)]


def test_txt_is_decoded_and_otherwise_unchanged(tmp_path: Path) -> None:
    text = "  Leading spaces stay.\r\nSo do CRLF line ends — and “quotes”.\n\n\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("utf-8"))
    [doc] = _docs(_read(path))
    assert (doc.kind, doc.data, doc.origin) == ("text", text, str(path))


def test_html_file(tmp_path: Path) -> None:
    [doc] = _docs(_read(FIXTURES / "harbour_talks.html"))
    assert doc.kind == "html"
    assert '<h1 class="headline">' in str(doc.data)


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>“Quoted” — €5</p></body></html>'
    path = tmp_path / "old.htm"
    path.write_bytes(page.encode("cp1252"))
    [doc] = _docs(_read(path))
    assert doc.kind == "html" and "“Quoted” — €5" in str(doc.data)
    assert doc.warnings == ()


def test_latin1_txt_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "The café owner, José Núñez, said the façade would be restored by spring."
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    [doc] = _docs(_read(path))
    assert doc.data == text
    assert len(doc.warnings) == 1 and "not valid UTF-8" in doc.warnings[0]


@pytest.mark.parametrize(
    ("content", "error"), [(b"", NoArticleText), (b" \n\t\n", NoArticleText), (PNG, UnsupportedInput)]
)
def test_unreadable_single_file_raises(tmp_path: Path, content: bytes, error: type[Exception]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error):
        _read(path)


def test_file_above_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 100)
    with pytest.raises(InputTooLarge, match="'.*big.txt' is 500 bytes, above the limit of 100 bytes"):
        _read(path, Settings(max_text_bytes=100))


def test_missing_file() -> None:
    with pytest.raises(IngestError) as info:
        _read("no/such/story.txt")
    assert str(info.value).startswith("Cannot read 'no/such/story.txt': no such file or directory.")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_text("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    (tmp_path / "notes.md").write_text("Just words.")
    (tmp_path / "image.bin").write_bytes(PNG)
    assert _docs(_read(tmp_path / "page.dat"))[0].kind == "html"
    assert _docs(_read(tmp_path / "notes.md"))[0].kind == "text"
    with pytest.raises(UnsupportedInput) as info:
        _read(tmp_path / "image.bin")
    assert (
        str(info.value)
        == f"'{tmp_path / 'image.bin'}' looks like a PNG image; onrecord reads .txt, .html and .jsonl."
    )


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second story.")
    (tmp_path / "a.html").write_text("<html><body><p>First story.</p></body></html>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm").write_text("<html><body><p>Third.</p></body></html>")
    (tmp_path / "sub" / "d.jsonl").write_text('{"id": "d1", "text": "Fourth."}\n')
    (tmp_path / "skip.png").write_bytes(PNG)  # not a readable suffix: skipped in directories
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = _read(tmp_path)
    assert [i.origin for i in items] == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "sub" / "c.htm"),
        f"{tmp_path / 'sub' / 'd.jsonl'}:1",
    ]
    failure = items[2]
    assert isinstance(failure, InputFailure) and isinstance(failure.error, NoArticleText)
    assert [i.kind for i in items if isinstance(i, RawDocument)] == ["html", "text", "html", "text"]


def test_directory_without_inputs(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    with pytest.raises(IngestError, match="holds no .txt, .html, .htm or .jsonl files"):
        _read(tmp_path)


def test_stdin_text_and_html() -> None:
    [text] = _docs(_read("-", stdin=io.BytesIO("A plain “story”.\n".encode())))
    assert (text.origin, text.kind, text.data) == ("-", "text", "A plain “story”.\n")
    [page] = _docs(_read("-", stdin=io.BytesIO(b"  <!doctype html><html><body><p>x</p></body></html>")))
    assert page.kind == "html"


def test_stdin_above_cap() -> None:
    with pytest.raises(InputTooLarge, match="standard input is more than 10 bytes"):
        _read("-", Settings(max_text_bytes=10), stdin=io.BytesIO(b"x" * 50))


def test_stdin_binary() -> None:
    with pytest.raises(UnsupportedInput, match="standard input looks like a PNG image"):
        _read("-", stdin=io.BytesIO(PNG))


# --- JSON Lines ------------------------------------------------------------------------------


def _jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        [
            json.dumps(
                {"id": "a", "text": "First story.", "published": "2025-09-12", "url": "https://x.example/a"}
            ),
            '{"id": "b", "text": "missing brace"',
            json.dumps({"id": "c", "title": "no body"}),
            "",
            json.dumps({"id": 4, "html": "<html><body><p>Fourth story.</p></body></html>"}),
        ],
    )
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputFailure", "InputFailure", "RawDocument"]
    first, bad_json, no_body, fourth = items
    assert isinstance(first, RawDocument) and isinstance(fourth, RawDocument)
    assert (first.id, first.kind, first.data, first.line) == ("a", "text", "First story.", 1)
    assert (first.published, first.url, first.origin) == ("2025-09-12", "https://x.example/a", f"{path}:1")
    assert (fourth.id, fourth.kind, fourth.line) == ("4", "html", 5)
    assert isinstance(bad_json, InputFailure) and bad_json.line == 2
    assert str(bad_json.error).startswith(f"'{path}:2' is not valid JSON (Expecting ',' delimiter")
    assert isinstance(no_body, InputFailure) and no_body.line == 3
    assert str(no_body.error) == (
        f"'{path}:3' has no article: a record needs one of 'text', 'html' or 'url' (its keys: 'id', 'title')."
    )


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ('["a list"]', IngestError, "is a JSON list, not an object"),
        ('{"id": "x", "text": "   "}', NoArticleText, "has an empty 'text'"),
        ('{"id": "x", "text": 42}', IngestError, "has a int for 'text'; it must be a string"),
        ('{"id": "x", "text": "bad \\ud800 surrogate"}', UnsupportedInput, "unpaired surrogate"),
        ('{"id": "x", "text": "' + "y" * 200 + '"}', InputTooLarge, "above the limit of 100 bytes"),
    ],
)
def test_jsonl_record_problems(tmp_path: Path, line: str, error: type[Exception], message: str) -> None:
    path = _jsonl(tmp_path, [line, '{"id": "ok", "text": "Fine."}'])
    failure, ok = _read(path, Settings(max_text_bytes=100))
    assert isinstance(failure, InputFailure) and isinstance(failure.error, error)
    assert message in str(failure.error)
    assert isinstance(ok, RawDocument) and ok.id == "ok"


@pytest.mark.parametrize("published",
                         ["2026-02-30", "2026-13", "yesterday", "2026-02-12T25:00:00Z", "12/02/2026"])
def test_jsonl_published_must_be_a_real_date(tmp_path: Path, published: str) -> None:
    """A date that looks right but is no day fails its line, named by its line number."""
    path = _jsonl(tmp_path, ['{"id": "ok", "text": "Fine."}',
                             json.dumps({"id": "bad", "text": "Also fine.", "published": published})])
    ok, failure = _read(path)
    assert isinstance(ok, RawDocument) and isinstance(failure, InputFailure) and failure.line == 2
    assert str(failure.error).startswith(f"'{path}:2' has published {published!r}, which is not a real date")


@pytest.mark.parametrize("published",
                         ["2026-02-28", "2026-02", "2026-02-12T14:05:00Z", "2026-02-12T14:05:00+01:00"])
def test_jsonl_published_dates_and_timestamps_are_accepted(tmp_path: Path, published: str) -> None:
    [doc] = _read(_jsonl(tmp_path, [json.dumps({"id": "a", "text": "Fine.", "published": published})]))
    assert isinstance(doc, RawDocument) and doc.published == published


def test_jsonl_authors(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [
        json.dumps({"id": "a", "text": "Fine.", "authors": ["Jane Doe", " Ali Khan ", "Jane Doe", ""]}),
        json.dumps({"id": "b", "html": "<p>Fine.</p>", "authors": "Mei Chen"}),
        json.dumps({"id": "c", "text": "Fine.", "authors": [{"name": "Jane Doe"}]}),
    ])
    first, second, bad = _read(path)
    assert isinstance(first, RawDocument) and first.authors == ("Jane Doe", "Ali Khan")
    assert isinstance(second, RawDocument) and second.authors == ("Mei Chen",)
    assert isinstance(bad, InputFailure) and bad.line == 3
    assert "'authors'; it must be a list of names" in str(bad.error)


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "ok"}\n')
    failure, ok = _read(path)
    assert isinstance(failure, InputFailure) and "not valid UTF-8" in str(failure.error)
    assert isinstance(ok, RawDocument)


def test_jsonl_overlong_line_is_skipped_unread(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path, [json.dumps({"id": "big", "text": "z" * 5000}), json.dumps({"id": "ok", "text": "Fine."})]
    )
    failure, ok = _read(path, Settings(max_text_bytes=10))
    assert isinstance(failure, InputFailure) and failure.line == 1
    assert "longer than" in str(failure.error)
    assert isinstance(ok, RawDocument) and ok.line == 2


# --- URLs, alone and inside JSON Lines --------------------------------------------------------


def _page(handler: BaseHTTPRequestHandler, server: Server) -> None:
    reply(handler, 200, (FIXTURES / "council_vote.html").read_bytes(), {"Content-Type": "text/html"})


@pytest.fixture
def server() -> Iterator[Server]:
    with serve({"/story": _page}) as running:
        yield running


def test_url_argument(server: Server) -> None:
    [doc] = _docs(_read(server.url("/story"), LOCAL))
    assert doc.kind == "html" and doc.url == server.url("/story")


def test_jsonl_urls_are_fetched_lazily_and_failures_reported(tmp_path: Path, server: Server) -> None:
    path = _jsonl(
        tmp_path,
        [
            json.dumps({"id": "u1", "url": server.url("/story"), "published": "2025-01-02"}),
            json.dumps({"id": "u2", "url": server.url("/gone")}),
        ],
    )
    with make_client(LOCAL) as client:
        items = iter_inputs(str(path), LOCAL, client=client)
        first = next(items)
        assert len(server.requests) == 1  # the second URL is not fetched before it is reached
        rest = list(items)
    assert isinstance(first, RawDocument)
    assert (first.id, first.kind, first.published, first.line, first.url) == (
        "u1",
        "html",
        "2025-01-02",
        1,
        server.url("/story"),
    )
    [failure] = rest
    assert isinstance(failure, InputFailure) and failure.line == 2 and isinstance(failure.error, FetchError)
    assert "404" in str(failure.error)


def test_jsonl_urls_without_a_client(tmp_path: Path, server: Server) -> None:
    path = _jsonl(tmp_path, [json.dumps({"id": "u1", "url": server.url("/story")})])
    [doc] = _docs(_read(path, LOCAL))
    assert doc.kind == "html"


def test_jsonl_private_url_is_refused_by_default(tmp_path: Path, server: Server) -> None:
    path = _jsonl(tmp_path, [json.dumps({"id": "u1", "url": server.url("/story")})])
    [failure] = _read(path)
    assert isinstance(failure, InputFailure) and "pass --allow-private" in str(failure.error)
    assert server.requests == []
