"""RawDocument to Article: plain text passes through unchanged; HTML goes through trafilatura.

This is the only module that imports trafilatura. For HTML, ``Article.text`` is built like
wire copy: the headline, a blank line, then the body paragraphs separated by blank lines.
The headline is part of the analysed text because headlines carry attributions too
("Minister says ..."), and the blank lines keep sentence splitting from running a headline
into the first paragraph. Boilerplate found in the body is left out and listed in
``Article.dropped`` (without offsets: it is not in the text).
"""

from __future__ import annotations

import dataclasses
import logging
from urllib.parse import urlsplit

import trafilatura

from onrecord.errors import NoArticleText
from onrecord.extract.article import Article
from onrecord.extract.boilerplate import (
    boilerplate_reason,
    is_byline,
    normalise,
    parse_page,
    removed_boilerplate,
)
from onrecord.extract.language import detect_language
from onrecord.extract.limits import check_parse_limits
from onrecord.extract.metadata import canonical_link, strip_tracking
from onrecord.ingest.credentials import strip_credentials
from onrecord.ingest.decode import declared_html_charset, decode_input
from onrecord.ingest.document import RawDocument, display_name
from onrecord.records import Dropped
from onrecord.settings import Settings

logger = logging.getLogger(__name__)

# A page has article text when its paragraphs of at least _PROSE_WORDS words add up to
# _MIN_PROSE_WORDS words; menus, teaser lists and paywall stubs are made of shorter lines.
_PROSE_WORDS = 7
_MIN_PROSE_WORDS = 15
_LANGUAGE_CONFIDENCE = 0.3  # below this Article.language stays None
_BYLINE_LINES = 3  # a byline is looked for only among the first body lines


def extract_article(raw: RawDocument, settings: Settings) -> Article:
    """Turn one raw input into article text and metadata.

    Plain text is returned exactly as given (offsets point into the user's file); its title
    is the one the input gave (a JSON Lines 'title'), else None. An outlet the input names wins
    over the URL's host and the page's site name. HTML is reduced to its article with trafilatura.

    Raises:
        NoArticleText: the input is empty, or the page holds no article text.
        ParseResourceLimit: the HTML parser stopped part-way (nesting or size limit).
        UnsupportedInput, InputTooLarge: undecodable or oversized bytes (see ``decode_input``).
    """
    if raw.url and (safe := strip_credentials(raw.url)) != raw.url:  # nothing derived from the URL
        raw = dataclasses.replace(raw, url=safe)  # (the outlet, trafilatura's site name) may hold them
    warnings = raw.warnings
    if isinstance(raw.data, bytes):
        declared = declared_html_charset(raw.data) if raw.kind == "html" else None
        decoded = decode_input(raw.data, raw.origin, declared, max_bytes=settings.max_text_bytes)
        content = decoded.text
        warnings += (decoded.warning,) if decoded.warning else ()
    else:
        content = raw.data
    if not content.strip():
        raise NoArticleText(f"{display_name(raw.origin)} has no text; there is nothing to analyse.")
    if raw.kind == "text":
        return Article(
            text=content,
            title=raw.title,
            outlet=raw.outlet or _host(raw.url),
            authors=raw.authors,
            published=raw.published,
            url=raw.url,
            language=_language(content),
            warnings=warnings,
        )
    return _extract_html(content, raw, warnings)


def _extract_html(page: str, raw: RawDocument, warnings: tuple[str, ...]) -> Article:
    name = display_name(raw.origin)
    check_parse_limits(page, name)  # libxml2 would otherwise hand trafilatura half the page
    document = trafilatura.bare_extraction(
        page,
        url=raw.url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        # Only dates stated in the markup: the extensive search guesses from copyright lines.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or isinstance(document, dict):
        raise _no_text(name)
    # The page's own headline wins; a feed entry's title (plain text) fills in when it has none.
    title = normalise(document.title) if document.title else (normalise(raw.title) if raw.title else None)
    paragraphs, dropped = _body(document.text or "", title)
    if sum(len(p.split()) for p in paragraphs if len(p.split()) >= _PROSE_WORDS) < _MIN_PROSE_WORDS:
        raise _no_text(name)
    body = "\n\n".join(paragraphs)
    root = parse_page(page)
    kept = {d.text for d in dropped}
    for text, reason in removed_boilerplate(root) if root is not None else []:
        if text not in kept and text not in body and text != title:
            dropped.append(Dropped(text, reason))
            kept.add(text)
    canonical = canonical_link(root, raw.url) if root is not None else None
    url = canonical or document.url or raw.url
    url = strip_tracking(url) if url else None
    return Article(
        text=f"{title}\n\n{body}" if title else body,
        title=title,
        outlet=raw.outlet or _outlet(document.sitename, url),
        authors=raw.authors or _authors(document.author),
        published=raw.published or document.date,
        url=url,
        language=_language(body),
        dropped=tuple(dropped),
        warnings=warnings,
    )


def _body(text: str, title: str | None) -> tuple[list[str], list[Dropped]]:
    """Split trafilatura's text into paragraphs, leaving out the repeated title and boilerplate."""
    paragraphs: list[str] = []
    dropped: list[Dropped] = []
    for line in (normalise(raw_line) for raw_line in text.splitlines()):
        if not line or (not paragraphs and line == title):
            continue
        reason = boilerplate_reason(line)
        if reason is not None:
            dropped.append(Dropped(line, reason))
        elif len(paragraphs) < _BYLINE_LINES and is_byline(line):
            dropped.append(Dropped(line, "byline"))
        else:
            paragraphs.append(line)
    return paragraphs, dropped


def _no_text(name: str) -> NoArticleText:
    return NoArticleText(
        f"No article text found in {name}: the page has no paragraphs of running text. It may be "
        "an index page, a paywall stub or a page built by JavaScript; save the article text as a "
        ".txt file to analyse it."
    )


def _authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins authors with ';'."""
    if not author:
        return ()
    names = (normalise(a) for a in author.split(";"))
    return tuple(dict.fromkeys(n for n in names if n))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def _outlet(sitename: str | None, url: str | None) -> str | None:
    """The site's own name, else the host of its URL."""
    if sitename and sitename.strip():
        return normalise(sitename).removeprefix("www.")
    return _host(url)


def _language(text: str) -> str | None:
    code, confidence = detect_language(text)
    return code if code != "und" and confidence >= _LANGUAGE_CONFIDENCE else None
