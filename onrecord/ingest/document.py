"""What ingest hands to extract: one raw input, still undecoded or not yet turned into article text.

Every reader (files, stdin, URLs, JSON Lines) yields ``RawDocument`` for what it could read and
``InputFailure`` for what it could not, so a batch keeps going past a bad record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from onrecord.errors import OnrecordError

Kind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input as read: plain text or HTML, plus what the input said about itself."""

    # Where it came from, for messages, and a stable key to resume a killed run by: a path, a URL,
    # '-', 'path:LINE', 'archive.warc.gz@OFFSET' (byte offset of the record), 'FEED_URL#ENTRY_ID'.
    origin: str
    data: bytes | str  # str once decoded by ingest; bytes when a reader leaves decoding to extract
    kind: Kind
    id: str | None = None  # id given by the input (JSON Lines 'id'); None: derive one later
    url: str | None = None  # final URL after redirects, or the 'url' given in a JSON Lines record
    published: str | None = None  # publication date given by the input; wins over extracted dates
    line: int | None = None  # line number within a JSON Lines file
    warnings: tuple[str, ...] = ()  # things the user should know, e.g. a guessed character set
    title: str | None = None  # plain-text title given by the input (a feed entry); extraction may differ
    crawled: str | None = None  # when a crawler fetched it (WARC-Date, ISO 8601); not a publication date
    outlet: str | None = None  # the publishing outlet the input gives (JSON Lines); wins over the URL host
    authors: tuple[str, ...] = ()  # bylines the input gives (JSON Lines 'authors'); win over extracted


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input, or one record within an input, that could not be read; the rest carry on."""

    origin: str  # the same stable key as RawDocument.origin for the record that failed
    line: int | None
    error: OnrecordError  # its ``code`` is the reason code; SkippedInput subclasses mean "not an article"


def open_input(path: Path) -> BinaryIO:
    """Open an input file for reading bytes; a missing or unreadable file is an IngestError, and a
    device or FIFO is refused unread (``NotRegularFile``: a FIFO would block the run forever)."""
    from onrecord.ingest.opening import open_regular  # opening -> decode -> this module

    return open_regular(path)


def display_name(origin: str) -> str:
    """Name an input in messages: quoted path or URL, or 'standard input' for '-'."""
    return "standard input" if origin == "-" else f"'{origin}'"
