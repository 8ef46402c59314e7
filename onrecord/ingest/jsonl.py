"""JSON Lines batches: one article per line, ``{"id", "text" | "html" | "url", "published"?, "title"?,
"outlet"?, "authors"?}``.

``published`` may be a date or a full ISO 8601 timestamp with its time zone (stories order
articles by it); ``outlet`` names the publisher and wins over the URL's host; ``title`` is the
headline as the input gives it; ``authors`` is a list of names. A ``published`` that is not a
real date ("2026-02-30") fails its line, so a typo never sorts an article into the wrong month.

A bad line becomes an ``InputFailure`` carrying its line number and the rest of the file is
still read. URL records are fetched lazily, when the reader reaches them, so a large batch
never holds more than one page in memory.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from onrecord.errors import IngestError, NoArticleText, OnrecordError, UnsupportedInput
from onrecord.ingest.dates import check_published
from onrecord.ingest.decode import check_size
from onrecord.ingest.document import InputFailure, Kind, RawDocument, open_input
from onrecord.ingest.fetch import fetch_url, make_client
from onrecord.settings import Settings

# JSON may escape each character as \uXXXX (6 bytes), so a line may be up to ~6x the text it
# carries; longer lines are skipped unread to keep memory bounded.
_ESCAPE_FACTOR = 6
_FIELDS = "one of 'text', 'html' or 'url'"


def iter_jsonl(
    path: Path, settings: Settings, client: httpx.Client | None = None
) -> Iterator[RawDocument | InputFailure]:
    """Yield one RawDocument per record of a .jsonl file, or an InputFailure for a bad line.

    Raises:
        IngestError: the file cannot be opened.
    """
    handle = open_input(path)
    with contextlib.ExitStack() as stack:
        stack.enter_context(handle)

        def get_client() -> httpx.Client:
            nonlocal client
            if client is None:
                client = stack.enter_context(make_client(settings))
            return client

        line_cap = settings.max_text_bytes * _ESCAPE_FACTOR + 4096
        for number, line in _lines(handle, line_cap):
            origin = f"{path}:{number}"
            try:
                if line is None:
                    raise IngestError(
                        f"'{origin}' is longer than {line_cap:,} bytes, far above the text limit of "
                        f"{settings.max_text_bytes:,} bytes. Raise it with --max-bytes or "
                        "ONRECORD_MAX_TEXT_BYTES."
                    )
                if line.strip():
                    yield _document(_parse(line, origin), origin, number, settings, get_client)
            except OnrecordError as exc:
                yield InputFailure(origin=origin, line=number, error=exc)


def _lines(handle: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Lines with 1-based numbers; None in place of a line longer than ``cap`` (skipped unread)."""
    number = 0
    while True:
        line = handle.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield number, None
        else:
            yield number, line


def _parse(line: bytes, origin: str) -> dict[str, Any]:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UnsupportedInput(
            f"'{origin}' is not valid UTF-8 (byte {exc.start} of the line); JSON Lines files must be UTF-8."
        ) from exc
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"'{origin}' is not valid JSON ({exc.msg} at column {exc.colno}). Fix or remove the line."
        ) from exc
    if not isinstance(record, dict):
        raise IngestError(
            f"'{origin}' is a JSON {type(record).__name__}, not an object with 'id' and {_FIELDS}."
        )
    return record


def _document(
    record: dict[str, Any],
    origin: str,
    number: int,
    settings: Settings,
    get_client: Callable[[], httpx.Client],
) -> RawDocument:
    """Turn one record into a RawDocument: 'text' wins over 'html', which wins over 'url'."""
    record_id = _optional_str(record, "id", origin, allow_int=True)
    url = _optional_str(record, "url", origin)
    published = _optional_str(record, "published", origin)
    title = _optional_str(record, "title", origin)
    outlet = _optional_str(record, "outlet", origin)
    title = title.strip() or None if title else None
    outlet = outlet.strip() or None if outlet else None
    authors = _authors(record, origin)
    if published is not None:
        check_published(published, origin)
    for field in ("text", "html"):
        if record.get(field) is not None:
            content = _optional_str(record, field, origin) or ""
            if not content.strip():
                raise NoArticleText(
                    f"'{origin}' has an empty '{field}'; there is no article text to analyse."
                )
            try:
                size = len(content.encode("utf-8"))
            except UnicodeEncodeError as exc:
                raise UnsupportedInput(
                    f"'{origin}' has a '{field}' with an unpaired surrogate escape "
                    f"(\\u{ord(content[exc.start]):04x}); it cannot be valid text. Fix the record."
                ) from exc
            check_size(size, origin, settings.max_text_bytes)
            kind: Kind = "text" if field == "text" else "html"
            return RawDocument(
                origin=origin,
                data=content,
                kind=kind,
                id=record_id,
                url=url,
                published=published,
                line=number,
                title=title,
                outlet=outlet,
                authors=authors,
            )
    if url:
        fetched = fetch_url(url, settings, get_client())
        return RawDocument(
            origin=origin,
            data=fetched.data,
            kind=fetched.kind,
            id=record_id,
            url=fetched.url,
            published=published,
            line=number,
            warnings=fetched.warnings,
            title=title,
            outlet=outlet,
            authors=authors,
        )
    keys = ", ".join(f"'{k}'" for k in sorted(record)) or "none"
    raise IngestError(f"'{origin}' has no article: a record needs {_FIELDS} (its keys: {keys}).")


def _optional_str(record: dict[str, Any], key: str, origin: str, allow_int: bool = False) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise IngestError(f"'{origin}' has a {type(value).__name__} for '{key}'; it must be a string.")


def _authors(record: dict[str, Any], origin: str) -> tuple[str, ...]:
    """'authors': a list of names (a single name as a string is one author)."""
    value = record.get("authors")
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise IngestError(f"'{origin}' has a {type(value).__name__} for 'authors'; it must be a list of "
                          'names, e.g. ["Jane Doe", "Ali Khan"].')
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
