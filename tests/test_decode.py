"""Strict decoding: UTF-8, declared charsets, confident guesses, and refusals that say why."""

from __future__ import annotations

import codecs
import io
import logging
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.errors import InputTooLarge, NoArticleText, UnsupportedInput
from onrecord.ingest.decode import declared_html_charset, decode_bytes, decode_input, sniff_binary

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
LATIN1 = "The café owner, José Núñez, said the façade would be restored by spring."
CP1252 = "Officials said the naïve plan — costing €40m — was “unworkable”, according to the minister’s aide."


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "not read")
    return buffer.getvalue()


def test_utf8_is_decoded_unchanged() -> None:
    text = "Minister’s “plan”\r\nline two — ok\n"
    assert decode_bytes(text.encode("utf-8"), "a.txt") == text


def test_utf8_bom_is_removed() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"Hello there", "a.txt") == "Hello there"


def test_utf16_with_bom_is_decoded() -> None:
    assert decode_bytes("Hello “there”".encode("utf-16"), "a.txt") == "Hello “there”"


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n"])
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(NoArticleText, match="'empty.txt' is (empty|only whitespace)"):
        decode_bytes(data, "empty.txt")


def test_png_is_refused_naming_the_format() -> None:
    with pytest.raises(UnsupportedInput) as info:
        decode_bytes(PNG, "photo.txt")
    assert str(info.value) == "'photo.txt' looks like a PNG image; onrecord reads .txt, .html and .jsonl."


def test_zip_is_refused() -> None:
    with pytest.raises(UnsupportedInput, match="'a.txt' looks like a ZIP archive"):
        decode_bytes(_zip_bytes(), "a.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [(b"%PDF-1.7\n...", "a PDF document"), (b"\x1f\x8b\x08\x00", "gzip"), (b"abc\x00def", "NUL bytes")],
)
def test_other_binary_formats(data: bytes, what: str) -> None:
    with pytest.raises(UnsupportedInput, match=what):
        decode_bytes(data, "x.txt")


def test_latin1_is_decoded_correctly_and_reported(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="onrecord.ingest.decode"):
        decoded = decode_input(LATIN1.encode("latin-1"), "old.txt")
    assert decoded.text == LATIN1
    assert decoded.warning is not None
    assert "'old.txt' is not valid UTF-8" in decoded.warning
    assert "convert the file to UTF-8" in decoded.warning
    assert decoded.warning in caplog.text


def test_cp1252_curly_quotes_and_euro_are_decoded() -> None:
    decoded = decode_input(CP1252.encode("cp1252"), "win.txt")
    assert decoded.text == CP1252
    assert decoded.encoding == "cp1252"


def test_declared_charset_is_used_without_warning() -> None:
    text = "Привет, мир. Министр сказал журналистам, что переговоры продолжатся."
    decoded = decode_input(text.encode("koi8-r"), "ru.html", declared="koi8-r")
    assert decoded.text == text
    assert decoded.warning is None


def test_declared_latin1_decodes_as_windows_1252() -> None:
    # Pages labelled ISO-8859-1 routinely use cp1252's curly quotes (WHATWG treats them alike).
    assert decode_bytes(CP1252.encode("cp1252"), "p.html", declared="iso-8859-1") == CP1252


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_bytes(b"plain ascii", "p.html", declared="no-such-charset") == "plain ascii"


def test_undecodable_bytes_are_refused_not_replaced() -> None:
    data = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(UnsupportedInput, match="not valid UTF-8"):
        decode_bytes(data, "junk.txt")


def test_size_cap_names_the_limit_and_how_to_raise_it() -> None:
    with pytest.raises(InputTooLarge) as info:
        decode_bytes(b"x" * 101, "big.txt", max_bytes=100)
    message = str(info.value)
    assert "'big.txt' is 101 bytes, above the limit of 100 bytes" in message
    assert "--max-bytes" in message and "ONRECORD_MAX_TEXT_BYTES" in message


def test_stdin_is_named_in_messages() -> None:
    with pytest.raises(NoArticleText, match="standard input is empty"):
        decode_bytes(b"", "-")


def test_sniff_binary_lets_text_through() -> None:
    assert sniff_binary(b"Plain words, nothing else.") is None


def test_meta_charset_is_found() -> None:
    assert declared_html_charset(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    assert (
        declared_html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
        == "ISO-8859-1"
    )
    assert declared_html_charset(b"<html><body>no meta</body></html>") is None


@given(st.text(min_size=1).filter(lambda s: s.strip() and not s.startswith("\ufeff")))
def test_any_utf8_text_round_trips_exactly(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # lone surrogates are not text
    if sniff_binary(data) is None:
        assert decode_bytes(data, "h.txt") == text
