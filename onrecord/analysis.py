"""The one-call Python API: ``onrecord.analyze(text_or_html)`` → ArticleRecord."""

from __future__ import annotations

from onrecord.ingest import RawDocument
from onrecord.ingest.decode import looks_like_html
from onrecord.ingest.document import Kind
from onrecord.pipeline import analyze_one
from onrecord.records import ArticleRecord
from onrecord.settings import Settings


def analyze(
    text_or_html: str,
    url: str | None = None,
    published: str | None = None,
    *,
    id: str | None = None,
    settings: Settings | None = None,
) -> ArticleRecord:
    """Analyse one article given as plain text or as an HTML page.

    Plain text is analysed exactly as given, so offsets point into it. HTML goes through
    article extraction first. Raises an ``OnrecordError`` subclass when the input cannot
    be analysed (empty, not English, no article text in the page).
    """
    kind: Kind = "html" if looks_like_html(text_or_html) else "text"
    raw = RawDocument(origin=url or "<string>", data=text_or_html, kind=kind, id=id, url=url,
                      published=published)
    return analyze_one(raw, settings or Settings())
