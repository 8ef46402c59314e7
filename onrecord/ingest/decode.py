"""Bytes to text, strictly: UTF-8, else a declared charset, else a confident guess; never a silent '�'.

Offsets in every record point into the decoded text, so decoding must be exact and explainable:
a character replaced or dropped here would shift every finding after it. Binary files are
recognised by their magic numbers and refused with a message saying what they look like.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from onrecord.errors import InputTooLarge, NoArticleText, UnsupportedInput
from onrecord.ingest.document import display_name

logger = logging.getLogger(__name__)

READABLE = "onrecord reads .txt, .html and .jsonl"

# Leading bytes of common binary formats, and how to name them in a message. Only signatures
# no English text starts with are listed; other binaries are caught by their NUL bytes.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file, which are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file; decompress it first"),
    (b"(\xb5/\xfd", "a zstd-compressed file; decompress it first"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable program"),
    (b"OggS", "an Ogg audio/video file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)

# Byte-order marks, longest first: UTF-32 LE starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A guess is trusted only when charset-normalizer sees almost no "mess" (odd symbols, mixed
# scripts) in the decoded text; above this the result is as likely wrong as right.
_MAX_CHAOS = 0.1
# Labels browsers decode as windows-1252 (WHATWG Encoding Standard): cp1252 is a superset of
# Latin-1's printable range, and pages labelled Latin-1 routinely use its curly quotes and dashes.
_WINDOWS_1252_LABELS = {"latin_1", "iso8859_1", "ascii", "cp1252"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec used, and a note for the user when the codec was a guess."""

    text: str
    encoding: str
    warning: str | None = None


def sniff_binary(data: bytes) -> str | None:
    """Say what binary format ``data`` looks like ("a PNG image"), or None if it may be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "a bzip2-compressed file; decompress it first"
    if data[4:8] == b"ftyp":
        return "an MP4/MOV video or HEIC image"
    if data[:4] == b"RIFF" and data[8:12] in {b"WEBP", b"WAVE", b"AVI "}:
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[data[8:12]]
    if b"\x00" in data[:8192]:
        return "binary data (it contains NUL bytes; if it is UTF-16 text, convert it to UTF-8)"
    return None


def check_size(size: int, origin: str, max_bytes: int | None, *, exact: bool = True) -> None:
    """Refuse an input above the size cap before it is read or decoded.

    ``exact=False`` when only the first ``max_bytes + 1`` bytes were read (a stream).

    Raises:
        InputTooLarge: naming the cap and how to raise it.
    """
    if max_bytes is not None and size > max_bytes:
        size_text = f"{size:,} bytes" if exact else f"more than {max_bytes:,} bytes"
        raise InputTooLarge(
            f"{display_name(origin)} is {size_text}, above the limit of {max_bytes:,} bytes. "
            "Raise the limit with --max-bytes or ONRECORD_MAX_TEXT_BYTES."
        )


def decode_bytes(
    data: bytes, origin: str, declared: str | None = None, *, max_bytes: int | None = None
) -> str:
    """Decode an input strictly; see ``decode_input``, which also reports guessed charsets."""
    return decode_input(data, origin, declared, max_bytes=max_bytes).text


def decode_input(
    data: bytes, origin: str, declared: str | None = None, *, max_bytes: int | None = None
) -> Decoded:
    """Decode an input: strict UTF-8 (BOM removed), else ``declared``, else a confident guess.

    Args:
        data: the raw bytes.
        origin: the input's name, used in messages.
        declared: a charset named by the input (HTTP header, <meta charset>), if any.
        max_bytes: size cap (Settings.max_text_bytes); None for no cap.

    Raises:
        InputTooLarge: ``data`` is above ``max_bytes``.
        UnsupportedInput: binary content, or text whose character set cannot be identified.
        NoArticleText: empty or whitespace-only input.
    """
    check_size(len(data), origin, max_bytes)
    name = display_name(origin)
    decoded = _decode(data, origin, declared)
    if not decoded.text.strip():
        what = "empty" if not data else "empty (only whitespace)"
        raise NoArticleText(f"{name} is {what}; there is no article text to analyse.")
    if decoded.warning:
        logger.warning(decoded.warning)
    return decoded


def _decode(data: bytes, origin: str, declared: str | None) -> Decoded:
    name = display_name(origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UnsupportedInput(
                    f"Cannot decode {name}: it starts with a {encoding} byte-order mark but byte "
                    f"{exc.start + len(bom)} is not valid {encoding}. Re-save it as UTF-8."
                ) from exc
    looks_like = sniff_binary(data)
    if looks_like:
        raise UnsupportedInput(f"{name} looks like {looks_like}; {READABLE}.")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared_codec = _codec_name(declared)
    if declared_codec and declared_codec != "utf_8":
        for codec in _candidates(declared_codec):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    guess = _guess(data)
    if guess is not None:
        codec, text = guess
        said = f" (it declares {declared})" if declared else ""
        return Decoded(
            text,
            codec,
            f"{name} is not valid UTF-8{said}: byte {utf8_error.start} is 0x{data[utf8_error.start]:02x}. "
            f"Decoded it as {codec}, a guess; convert the file to UTF-8 to be sure.",
        )
    raise UnsupportedInput(
        f"Cannot decode {name}: it is not valid UTF-8 (byte {utf8_error.start} is "
        f"0x{data[utf8_error.start]:02x}) and its character set could not be identified. "
        "Convert it to UTF-8, e.g. with 'iconv -f WINDOWS-1252 -t UTF-8'."
    )


def _codec_name(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("'\"")).name.replace("-", "_")
    except LookupError:
        logger.info("Ignoring unknown charset label %r", label)
        return None


def _candidates(codec: str) -> tuple[str, ...]:
    return ("cp1252", codec) if codec in _WINDOWS_1252_LABELS else (codec,)


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, preferring cp1252 when it is as plausible as the best."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.chaos > _MAX_CHAOS:
        return None
    # charset-normalizer often ranks Central European cp1250 first for Western text with
    # curly quotes; cp1252 is by far the commoner codec for English-language news.
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.005:
            return "cp1252", data.decode("cp1252")
    return best.encoding, data.decode(best.encoding)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""", re.IGNORECASE)


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<!--)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when decoded text is an HTML document rather than plain article text."""
    return bool(_HTML_START.match(text[:1024]))
