"""Recognise boilerplate in news pages: "READ MORE:" links, related boxes, newsletter prompts, captions.

trafilatura removes most page furniture on its own; these rules catch what it keeps inside
the body (a "READ MORE:" paragraph, an "Advertisement" slug, a byline) and name what it
removed silently, so a record can list what was left out of the analysed text.
Only recognisable items are named: navigation menus and footers are not listed. The
patterns and reason codes live in ``onrecord.nlp.lexicon.boilerplate``, shared with the text
path, so a line gets the same reason from a page as from a text.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import html as lxml_html

from onrecord.nlp.lexicon.boilerplate import (
    BOILERPLATE_CLASS,
    BYLINE,
    CHROME_CLASS,
    DATE_LINE,
    LINE_RULES,
    PAGE_RULES,
)

MAX_LINE = 300  # characters; a longer block is running text, whatever words it starts with
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "nav", "header", "footer", "form", "svg"}
_BLOCK_TAGS = {"p", "li", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td"}


def normalise(text: str) -> str:
    """Collapse runs of whitespace, as trafilatura does, so texts can be compared."""
    return " ".join(text.split())


def boilerplate_reason(line: str) -> str | None:
    """Why a short line of page furniture (a link, prompt, credit or bare date) is left out, or
    None for article text.

    ``PAGE_RULES`` decide which lines count; the reason is the one the text path gives the same
    line (``LINE_RULES``, see ``onrecord.nlp.lexicon.boilerplate``), else the page rule's own.
    """
    line = normalise(line)
    if not line or len(line) > MAX_LINE:
        return None
    page = next((reason for reason, pattern in PAGE_RULES if pattern.search(line)), None)
    if page is None:
        return None
    return next((reason for reason, pattern in LINE_RULES if pattern.search(line)), page)


def is_boilerplate(line: str) -> bool:
    """True for a short line of page furniture (a link, prompt, credit or bare date), not article text."""
    return boilerplate_reason(line) is not None


def is_date_line(line: str) -> bool:
    """True for a line that is only a date ("Monday 2 March 2026", "Updated: March 2, 2026 10:15")."""
    return bool(DATE_LINE.match(normalise(line)))


def is_byline(line: str) -> bool:
    """True for a byline ("By Jane Doe and Ali Khan, Transport Correspondent")."""
    line = normalise(line)
    return len(line) <= 120 and not line.endswith((".", "!", "?", '"', "”")) and bool(BYLINE.match(line))


def parse_page(page: str) -> lxml_html.HtmlElement | None:
    """Parse an HTML page for the scans here; None when lxml cannot make a tree of it."""
    try:
        return lxml_html.document_fromstring(page)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None


def removed_boilerplate(root: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """Recognisable boilerplate in a parsed page, in document order, outside nav, header and footer:
    (text, reason) pairs.

    Captions (<figcaption>, reason ``caption`` unless a rule names them) count as boilerplate; so
    does every block of a region whose class or id names it (a related-stories box, a newsletter
    sign-up; reason ``boilerplate`` unless a rule names the block).
    """
    found: dict[str, str] = {}
    for text, reason in _scan(root, in_boilerplate_region=False):
        if text and len(text) <= MAX_LINE:
            found.setdefault(text, reason)
    return list(found.items())


def _scan(element: lxml_html.HtmlElement, in_boilerplate_region: bool) -> Iterator[tuple[str, str]]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if CHROME_CLASS.search(names):
        return
    in_region = in_boilerplate_region or bool(BOILERPLATE_CLASS.search(names))
    children = [c for c in element if isinstance(c.tag, str)]
    has_blocks = any(
        c.tag in _BLOCK_TAGS or c.tag in {"div", "ul", "ol", "section", "aside", "figure"} for c in children
    )
    if tag in _BLOCK_TAGS or not has_blocks:
        text = normalise(element.text_content())
        reason = boilerplate_reason(text)
        if tag == "figcaption":
            yield text, reason or "caption"
            return
        # Bare dates are furniture inside the body, but listing the page's <time> is only noise.
        if text and (in_region or reason) and not is_date_line(text):
            yield text, reason or "boilerplate"
            return
        if tag in _BLOCK_TAGS:
            return
    for child in children:
        yield from _scan(child, in_region)
