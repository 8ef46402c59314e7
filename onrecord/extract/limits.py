"""Detect HTML that libxml2 parsed only in part, so half a page is never stored as an article.

libxml2 (under lxml, under trafilatura) stops at a resource limit, such as nesting deeper
than 256 elements or a text node over 10 MB, and returns what it had parsed so far; the
only trace is an entry in the parser's error log. This module parses the page with the
same parser settings trafilatura uses and raises ``ParseResourceLimit`` when the log
shows such a stop. It does not raise the limits (XML_PARSE_HUGE): pages that deep or that
large are generated junk or attacks, not news articles.
"""

from __future__ import annotations

import contextlib

import lxml.etree
import lxml.html

from onrecord.errors import ParseResourceLimit

# Error-log entries that mean libxml2 gave up part-way rather than repaired bad markup.
_LIMIT_TYPES = {"ERR_RESOURCE_LIMIT", "ERR_INTERNAL_ERROR", "ERR_NO_MEMORY"}
_LIMIT_WORDS = ("excessive depth", "huge input lookup", "resource limit", "xml_parse_huge")


def check_parse_limits(page: str, name: str) -> None:
    """Parse ``page`` as HTML and raise if libxml2 stopped at one of its limits.

    Args:
        page: the decoded HTML.
        name: how to name the page in the message (a quoted path or URL).

    Raises:
        ParseResourceLimit: the parser stopped part-way (too deeply nested, or too large).
    """
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
    )
    try:
        lxml.html.document_fromstring(page, parser=parser)
    except ValueError:
        # A str with an XML encoding declaration must be parsed as bytes.
        parser = lxml.html.HTMLParser(
            collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, encoding="utf-8"
        )
        with contextlib.suppress(ValueError, lxml.etree.ParserError):
            lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:
        pass  # an empty document: extraction reports it as having no text
    for entry in parser.error_log:
        message = entry.message.strip()
        if entry.type_name in _LIMIT_TYPES or any(word in message.lower() for word in _LIMIT_WORDS):
            raise ParseResourceLimit(
                f"Skipped {name}: the HTML parser stopped part-way ({message}), so only part of the "
                "page could be read. Pages nested this deeply or this large are not news articles; "
                "if this one is, save its text as a .txt file to analyse it."
            )
