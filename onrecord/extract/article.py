"""What extract hands to the NLP stages: article text plus the metadata the page carried."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.records import Dropped


@dataclass(frozen=True, slots=True)
class Article:
    """Clean article text and metadata; every offset in the final record points into ``text``.

    For plain-text input ``text`` is the input unchanged. For HTML it is the title, a blank
    line, then the body paragraphs separated by blank lines (see ``extract.text``).
    """

    text: str
    title: str | None
    outlet: str | None
    authors: tuple[str, ...]
    published: str | None  # ISO 8601 date when known
    url: str | None  # canonical URL when the page names one, else the URL it came from
    language: str | None  # ISO 639-1 code when detection is confident
    dropped: tuple[Dropped, ...] = ()  # boilerplate left out of ``text`` (no offsets: it is not in it)
    warnings: tuple[str, ...] = ()  # carried from ingest (e.g. a guessed charset) for the record
