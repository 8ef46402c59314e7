"""Recognise boilerplate in news pages: "READ MORE:" links, related boxes, newsletter prompts, captions.

trafilatura removes most page furniture on its own; these rules catch what it keeps inside
the body (a "READ MORE:" paragraph, an "Advertisement" slug, a byline) and name what it
removed silently, so a record can list what was left out of the analysed text.
Only recognisable items are named: navigation menus and footers are not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html as lxml_html

MAX_LINE = 300  # characters; a longer block is running text, whatever words it starts with

_PREFIX = re.compile(
    r"^(read more|read also|also read|read next|more on this story|more on this|related|see also|"
    r"recommended|watch|listen|trending|most read|click here)\s*[:|–—\-»>]",
    re.IGNORECASE,
)
_WHOLE = re.compile(
    r"^(related( stories| articles| coverage| content| links| reading)?|more (stories|news)( from .{1,40})?|"
    r"most (read|popular|viewed)|recommended( for you| stories)?|you (may|might) also like|advertisement|"
    r"story continues below( advertisement)?|skip to (main )?content|share( this (article|story))?|"
    r"sponsored( content)?|trending( now)?|top stories|read more)\W*$",
    re.IGNORECASE,
)
_PROMPT = re.compile(
    r"((sign up|subscribe|register)\b.{0,80}\b(newsletter|inbox|e-?mail|alerts|briefing))|"
    r"(newsletter\b.{0,40}\b(sign up|subscribe))|\bwe use cookies\b|\baccept (all )?cookies\b|"
    r"\bcookie (policy|settings)\b|\bfollow us on\b|\ball rights reserved\b|\bcopyright ©|"
    r"\bdownload (our|the) app\b|\bsupport (our|independent) journalism\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"((^|[.)]\s+)(photo|photograph|image|picture|illustration|file photo)s?( credit)?\s*:\s*\S.{0,80}$)|"
    r"(\((photo|image)\s*:.{1,80}\)\s*$)|"
    r"(\b(AP Photo|Getty Images|via Reuters|AFP via Getty Images)\b.{0,40}$)",
    re.IGNORECASE,
)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    r"^((published|updated|posted|last updated|first published)( on)?\s*:?\s*)?"
    r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?)\s+\d{{4}}"
    r"(,?\s+(at\s+)?\d{1,2}[:.]\d{2}(\s?[ap]\.?m\.?)?(\s+[A-Z]{2,5})?)?\W*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^[Bb][Yy]\s+[A-Z][\w'’.\-]*(\s+[A-Z][\w'’.\-]*){0,3}(\s*(,|and|&)\s+\S.*)?$")
# Class or id names of page regions that hold boilerplate rather than article text.
_CHROME_CLASS = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
_BOILERPLATE_CLASS = re.compile(
    r"related|recirc|more-stories|newsletter|signup|sign-up|subscribe|promo|share-|social|"
    r"advert|sponsor|outbrain|taboola|read-?more",
    re.IGNORECASE,
)
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "nav", "header", "footer", "form", "svg"}
_BLOCK_TAGS = {"p", "li", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td"}


def normalise(text: str) -> str:
    """Collapse runs of whitespace, as trafilatura does, so texts can be compared."""
    return " ".join(text.split())


def is_boilerplate(line: str) -> bool:
    """True for a short line of page furniture (a link, prompt, credit or bare date), not article text."""
    line = normalise(line)
    if not line or len(line) > MAX_LINE:
        return False
    return bool(
        _PREFIX.match(line)
        or _WHOLE.match(line)
        or is_date_line(line)
        or _PROMPT.search(line)
        or _CREDIT.search(line)
    )


def is_date_line(line: str) -> bool:
    """True for a line that is only a date ("Monday 2 March 2026", "Updated: March 2, 2026 10:15")."""
    return bool(_DATE_LINE.match(normalise(line)))


def is_byline(line: str) -> bool:
    """True for a byline ("By Jane Doe and Ali Khan, Transport Correspondent")."""
    line = normalise(line)
    return len(line) <= 120 and not line.endswith((".", "!", "?", '"', "”")) and bool(_BYLINE.match(line))


def parse_page(page: str) -> lxml_html.HtmlElement | None:
    """Parse an HTML page for the scans here; None when lxml cannot make a tree of it."""
    try:
        return lxml_html.document_fromstring(page)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None


def removed_boilerplate(root: lxml_html.HtmlElement) -> list[str]:
    """Recognisable boilerplate in a parsed page, in document order, outside nav, header and footer.

    Captions (<figcaption>) count as boilerplate; so does every block of a region whose class
    or id names it (a related-stories box, a newsletter sign-up).
    """
    found: dict[str, None] = {}
    for text in _scan(root, in_boilerplate_region=False):
        if text and len(text) <= MAX_LINE:
            found.setdefault(text, None)
    return list(found)


def _scan(element: lxml_html.HtmlElement, in_boilerplate_region: bool) -> Iterator[str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if _CHROME_CLASS.search(names):
        return
    in_region = in_boilerplate_region or bool(_BOILERPLATE_CLASS.search(names))
    children = [c for c in element if isinstance(c.tag, str)]
    has_blocks = any(
        c.tag in _BLOCK_TAGS or c.tag in {"div", "ul", "ol", "section", "aside", "figure"} for c in children
    )
    if tag in _BLOCK_TAGS or not has_blocks:
        text = normalise(element.text_content())
        # Bare dates are furniture inside the body, but listing the page's <time> is only noise.
        if tag == "figcaption" or (text and (in_region or is_boilerplate(text)) and not is_date_line(text)):
            yield text
            return
        if tag in _BLOCK_TAGS:
            return
    for child in children:
        yield from _scan(child, in_region)
