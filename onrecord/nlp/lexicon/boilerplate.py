"""Boilerplate lines and the reason each is left out: one vocabulary for HTML pages and plain text.

Two paths use it. Text inside an article (``nlp/boilerplate.py``) is checked line by line
against ``LINE_RULES`` and the line is recorded as ``Dropped`` with offsets. Blocks of an
HTML page (``extract/boilerplate.py``) are checked against ``PAGE_RULES`` before analysis.
Both name a line by the same ``REASONS``: the reason is the first ``LINE_RULES`` match, and
only a line those rules do not know falls back to the reason of the ``PAGE_RULES`` entry
that caught it. So "READ MORE: …" is ``read_more`` from a page and from a text file alike.

``PAGE_RULES`` catch a few kinds of line that running text never keeps (cookie notices,
copyright lines, bare dates), which is why the two lists differ. Plain data: compiled
patterns only, no spaCy.
"""

from __future__ import annotations

import re
from typing import Final

REASONS: Final = (
    "read_more",  # a "READ MORE:" link to another story
    "related",  # a related-stories link or box heading
    "click_here",  # "Click here to …"
    "newsletter",  # a sign-up prompt
    "social_follow",  # "Follow us on …", "Share this article"
    "credit_line",  # "Reporting by …; Editing by …"
    "advertisement",  # an advertisement slug
    "photo_credit",  # a caption or photo credit
    "caption",  # a <figcaption> (HTML)
    "cookie_notice",  # a cookie banner (HTML)
    "copyright",  # "All rights reserved" (HTML)
    "app_prompt",  # "Download our app" (HTML)
    "donation_prompt",  # "Support independent journalism" (HTML)
    "navigation",  # "Skip to content" (HTML)
    "date_line",  # a line that is only a date (HTML)
    "byline",  # "By Jane Doe" (HTML)
    "boilerplate",  # any block of a page region named as boilerplate (HTML)
)

# -- text: whole lines inside an article -----------------------------------------------------------

DASH: Final = r"[:|\u2013\u2014-]"  # the separator after a label: colon, bar, en/em dash, hyphen

SOCIAL_NETWORKS: Final = (
    r"(?:Twitter|X|Facebook|Instagram|LinkedIn|Threads|Bluesky|TikTok|YouTube|Telegram|"
    r"WhatsApp|Mastodon|Google News)"
)

# (reason, pattern) in order of precedence; the first rule that matches names the reason.
# Every rule looks at one whole line and is anchored (line start, or a credit at the line end).
LINE_RULES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    # "READ MORE: …", "Also read: …", "SEE ALSO – …"; case-insensitive labels that
    # practically never open a news paragraph.
    ("read_more", re.compile(rf"^(?:READ MORE|ALSO READ|READ ALSO|SEE ALSO|MORE ON THIS STORY|"
                             rf"FURTHER READING)\s*{DASH}\s*\S", re.IGNORECASE)),
    ("related", re.compile(rf"^(?:RELATED|RELATED (?:COVERAGE|STORY|STORIES|CONTENT|ARTICLES?|"
                           rf"READING|NEWS))\s*{DASH}\s*\S", re.IGNORECASE)),
    # Upper-case only: "Watch: …" or "More: …" in mixed case can be prose.
    ("read_more", re.compile(rf"^(?:READ|MORE|WATCH|LISTEN|TRENDING|RECOMMENDED|MUST READ|"
                             rf"EDITOR'S PICKS?)\s*{DASH}\s*\S")),
    ("click_here", re.compile(r"^(?:Click|Tap) (?:here|the link|on the link|to)\b", re.IGNORECASE)),
    ("newsletter", re.compile(
        r"^(?:Sign up|Subscribe|Get|Receive|Join|Want|Don't miss|Never miss|Stay (?:informed|"
        r"up to date)|Enter your email|Like this story)\b.*\b(?:newsletters?|briefings?|inbox|"
        r"sign up|subscribe|subscription|digest|bulletin)\b", re.IGNORECASE)),
    ("newsletter", re.compile(r"(?:^|[.!?]\s+)(?:Sign up|Subscribe)\b[^.!?]*\b(?:now|here|today|free|"
                              r"newsletters?|briefings?|inbox)\b[^.!?]*[.!?]?$", re.IGNORECASE)),
    # A prompt phrased otherwise ("To get the newsletter, sign up below."); a reported
    # sentence about a newsletter carries a speech verb and is left alone.
    ("newsletter", re.compile(r"^(?!.*\b(?:said|says|told)\b)(?=.*\b(?:newsletters?|briefings?)\b)"
                              r".*\b(?:sign up|subscribe)\b.{0,60}$", re.IGNORECASE)),
    ("social_follow", re.compile(rf"^Follow (?:us|me|the \w+|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)"
                                 rf"\b.*(?:\bon {SOCIAL_NETWORKS}\b|@\w)", re.IGNORECASE)),
    ("social_follow", re.compile(rf"^Share (?:this|on|via)\b.*\b(?:{SOCIAL_NETWORKS}|email|article|story)\b",
                                 re.IGNORECASE)),
    ("credit_line", re.compile(
        r"^\(?(?:(?:Additional )?Reporting|Writing|Written|Editing|Edited|Compiled|Produced|Graphics|"
        r"Research|Translated|Contributing reporting) by\b", re.IGNORECASE)),
    ("credit_line", re.compile(r"^(?:Contributing|With files from|Additional reporting)\s*[:\u2014-]",
                               re.IGNORECASE)),
    ("advertisement", re.compile(
        r"^(?:ADVERTISEMENT|Advertisement|Sponsored(?: content)?|SPONSORED(?: CONTENT)?|"
        r"Story continues below(?: advertisement)?|Continue reading(?: the| below| the main story)?.*|"
        r"Scroll to continue(?: with content)?|Article continues (?:below|after advertisement))"
        r"\s*[.:]?$")),
    # Captions: a label at the start ("Photo: …", "FILE PHOTO: …") ...
    ("photo_credit", re.compile(
        r"^(?:Photo|Photos|Photograph|Picture|Pictured|Image|Caption|File photo|FILE PHOTO|"
        r"Video|Graphic)\s*[:|]", re.IGNORECASE)),
    # ... or a credit at the end: "(Photo: Jane Doe/Agency)", "Photograph: Jane Doe/Reuters",
    # "| AP Photo", "Credit: …", "(Agency/Photographer)".
    ("photo_credit", re.compile(
        r"[(\[](?:Photo|Photograph|Picture|Image|Credit|Video|Illustration)s?(?: credit)?\s*(?:by\b|:)"
        r"[^()\[\]]*[)\]]\s*$", re.IGNORECASE)),
    ("photo_credit", re.compile(
        r"\b(?:Photograph|Photo|Picture|Image|Credit)(?: [Cc]redit)?\s*(?::|\.{2,3}|…)\s*[^.]{2,80}$")),
    # Agency credit in capitals: "… on Sunday. REUTERS/Jane Doe/File Photo".
    ("photo_credit", re.compile(r"[.!?”]\s+[A-Z]{2,}(?:/[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}){1,3}$")),
    ("photo_credit", re.compile(r"\|\s*(?:[A-Z][\w&'’.-]*\s*)*(?:Photo|Photos|Images?|Pictures?)"
                                r"\b[^|]*$")),
    ("photo_credit", re.compile(r"\((?:[A-Z][\w&'’. -]{1,40}/)+[A-Z][\w&'’. -]{1,40}\)\s*$")),
    ("photo_credit", re.compile(r"\b(?:Getty Images|AP Photo(?:/[\w .'-]+)?)\)?\.?\s*$")),
)

# -- HTML: blocks of a page, whitespace collapsed --------------------------------------------------

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A line that is only a date ("Monday 2 March 2026", "Updated: March 2, 2026 10:15").
DATE_LINE: Final = re.compile(
    r"^((published|updated|posted|last updated|first published)( on)?\s*:?\s*)?"
    r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?)\s+\d{{4}}"
    r"(,?\s+(at\s+)?\d{1,2}[:.]\d{2}(\s?[ap]\.?m\.?)?(\s+[A-Z]{2,5})?)?\W*$",
    re.IGNORECASE,
)
# "By Jane Doe and Ali Khan, Transport Correspondent".
BYLINE: Final = re.compile(r"^[Bb][Yy]\s+[A-Z][\w'’.\-]*(\s+[A-Z][\w'’.\-]*){0,3}(\s*(,|and|&)\s+\S.*)?$")

_LABEL_END = r"\s*[:|–—\-»>]"  # a page label's separator: also » and >
# (reason, pattern), searched in order: a page block that one of them finds is boilerplate (the
# anchored ones start with ``^``). A block the ``LINE_RULES`` also know takes its reason from them.
PAGE_RULES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    # A label and a separator: "Read more » …", "Related: …", "Click here – …".
    ("read_more", re.compile(
        r"^(read more|read also|also read|read next|more on this story|more on this|see also|"
        rf"recommended|watch|listen|trending|most read){_LABEL_END}", re.IGNORECASE)),
    ("related", re.compile(rf"^related{_LABEL_END}", re.IGNORECASE)),
    ("click_here", re.compile(rf"^click here{_LABEL_END}", re.IGNORECASE)),
    # A whole block that is only a heading or slug.
    ("read_more", re.compile(r"^read more\W*$", re.IGNORECASE)),
    ("related", re.compile(
        r"^(related( stories| articles| coverage| content| links| reading)?|"
        r"more (stories|news)( from .{1,40})?|most (read|popular|viewed)|recommended( for you| stories)?|"
        r"you (may|might) also like|"
        r"trending( now)?|top stories)\W*$", re.IGNORECASE)),
    ("advertisement", re.compile(
        r"^(advertisement|story continues below( advertisement)?|sponsored( content)?)\W*$", re.IGNORECASE)),
    ("navigation", re.compile(r"^skip to (main )?content\W*$", re.IGNORECASE)),
    ("social_follow", re.compile(r"^share( this (article|story))?\W*$", re.IGNORECASE)),
    ("date_line", DATE_LINE),
    # Prompts and notices anywhere in a short block.
    ("newsletter", re.compile(
        r"((sign up|subscribe|register)\b.{0,80}\b(newsletter|inbox|e-?mail|alerts|briefing))|"
        r"(newsletter\b.{0,40}\b(sign up|subscribe))", re.IGNORECASE)),
    ("cookie_notice", re.compile(r"\bwe use cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings)\b",
                                 re.IGNORECASE)),
    ("social_follow", re.compile(r"\bfollow us on\b", re.IGNORECASE)),
    ("copyright", re.compile(r"\ball rights reserved\b|\bcopyright ©", re.IGNORECASE)),
    ("app_prompt", re.compile(r"\bdownload (our|the) app\b", re.IGNORECASE)),
    ("donation_prompt", re.compile(r"\bsupport (our|independent) journalism\b", re.IGNORECASE)),
    # Captions and credits at the end of a block.
    ("photo_credit", re.compile(
        r"((^|[.)]\s+)(photo|photograph|image|picture|illustration|file photo)s?( credit)?\s*:\s*\S.{0,80}$)|"
        r"(\((photo|image)\s*:.{1,80}\)\s*$)|"
        r"(\b(AP Photo|Getty Images|via Reuters|AFP via Getty Images)\b.{0,40}$)",
        re.IGNORECASE)),
)

# Class or id names of page regions: chrome left out without a word, and boilerplate regions
# whose every block is listed as left out.
CHROME_CLASS: Final = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
BOILERPLATE_CLASS: Final = re.compile(
    r"related|recirc|more-stories|newsletter|signup|sign-up|subscribe|promo|share-|social|"
    r"advert|sponsor|outbrain|taboola|read-?more",
    re.IGNORECASE,
)
