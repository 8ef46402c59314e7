"""Command-line inputs to RawDocuments: files, directories, standard input, URLs, JSON Lines.

An error about the whole argument (a missing path, a binary file named on the command line)
is raised; an error about one item inside it (a file in a directory, a line of a .jsonl) is
yielded as an ``InputFailure`` so the other items are still read. Everything is lazy: a
directory of a million files is read one file at a time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from onrecord.errors import IngestError, OnrecordError
from onrecord.ingest.decode import check_size, declared_html_charset, decode_input, looks_like_html
from onrecord.ingest.document import InputFailure, Kind, RawDocument
from onrecord.ingest.fetch import fetch_url
from onrecord.ingest.jsonl import iter_jsonl
from onrecord.ingest.opening import link_outside, read_regular
from onrecord.settings import Settings

# Suffixes read from directories, and the kind each one is; other files are skipped there.
SUFFIX_KINDS: dict[str, Kind] = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def is_url(arg: str) -> bool:
    """True for arguments onrecord fetches rather than opens."""
    return arg.lower().startswith(("http://", "https://"))


def iter_inputs(
    arg: str,
    settings: Settings,
    client: httpx.Client | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | InputFailure]:
    """Read one command-line argument: '-', a URL, a file or a directory.

    Args:
        arg: '-' for standard input, an http(s) URL, or a path.
        settings: size caps and fetch settings.
        client: an HTTP client from ``make_client`` for URLs (one is made when needed if None).
        stdin: the byte stream for '-' (default: ``sys.stdin.buffer``).

    Raises:
        IngestError: the argument itself cannot be read (subclasses say why).
    """
    if arg == "-":
        yield read_stdin(stdin or stdin_stream(), settings)
    elif is_url(arg):
        yield fetch_url(arg, settings, client)
    else:
        path = Path(arg)
        if path.is_dir():
            yield from _iter_directory(path, settings, client)
        elif path.exists():
            yield from _iter_file(path, settings, client)
        else:
            raise IngestError(
                f"Cannot read '{arg}': no such file or directory. Check the path; URLs must start "
                "with http:// or https://, and '-' reads standard input."
            )


def stdin_stream() -> BinaryIO:
    """Standard input as bytes, looked up only when '-' is read.

    Raises:
        IngestError: standard input is closed (``cmd <&-``, or a service started without one).
    """
    if sys.stdin is None:  # Python sets it to None when descriptor 0 was closed at start-up
        raise IngestError(_STDIN_CLOSED)
    return sys.stdin.buffer


_STDIN_CLOSED = ("Cannot read standard input ('-'): it is closed. Pipe the text in "
                 "(e.g. '- < story.txt') or name the file instead of '-'.")


def read_stdin(stream: BinaryIO, settings: Settings) -> RawDocument:
    """Read standard input, up to the size cap, as HTML or text (by looking at it)."""
    try:
        data = stream.read(settings.max_text_bytes + 1)
    except (OSError, ValueError) as exc:  # a closed or write-only descriptor 0
        raise IngestError(f"{_STDIN_CLOSED} ({exc})") from exc
    check_size(len(data), "-", settings.max_text_bytes, exact=False)
    decoded = decode_input(data, "-", declared_html_charset(data))
    kind: Kind = "html" if looks_like_html(decoded.text) else "text"
    return RawDocument(origin="-", data=decoded.text, kind=kind, warnings=_warnings(decoded.warning))


def read_file(path: Path, settings: Settings) -> RawDocument:
    """Read one .txt or .html file; other suffixes are sniffed (HTML, text, or refused).

    Plain text is decoded and otherwise left exactly as it is, so offsets point into the file.
    """
    origin = str(path)
    data = read_regular(path, settings.max_text_bytes)
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    declared = declared_html_charset(data) if kind != "text" else None
    decoded = decode_input(data, origin, declared, max_bytes=settings.max_text_bytes)
    if kind is None:
        kind = "html" if looks_like_html(decoded.text) else "text"
    return RawDocument(origin=origin, data=decoded.text, kind=kind, warnings=_warnings(decoded.warning))


def _warnings(warning: str | None) -> tuple[str, ...]:
    return (warning,) if warning else ()


def _iter_file(
    path: Path, settings: Settings, client: httpx.Client | None
) -> Iterator[RawDocument | InputFailure]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path, settings, client)
    else:
        yield read_file(path, settings)


def _iter_directory(
    root: Path, settings: Settings, client: httpx.Client | None
) -> Iterator[RawDocument | InputFailure]:
    found = False
    for path in _directory_files(root):
        found = True
        outside = None if settings.follow_links else link_outside(path, root)
        if outside is not None:
            yield InputFailure(origin=str(path), line=None, error=outside)
            continue
        try:
            yield from _iter_file(path, settings, client)
        except OnrecordError as exc:
            yield InputFailure(origin=str(path), line=None, error=exc)
    if not found:
        raise IngestError(f"Cannot read '{root}': the directory holds no .txt, .html, .htm or .jsonl files.")


def _directory_files(root: Path) -> Iterator[Path]:
    """Readable files under ``root`` in sorted order, skipping hidden files and folders."""
    paths: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            suffix = Path(name).suffix.lower()
            if not name.startswith(".") and (suffix in SUFFIX_KINDS or suffix in JSONL_SUFFIXES):
                paths.append(Path(folder, name))
    yield from sorted(paths, key=lambda p: p.relative_to(root).parts)
