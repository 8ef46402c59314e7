"""Boilerplate lines inside article text: "READ MORE:" links, newsletter prompts, photo credits.

Extraction from HTML removes most page furniture, but plain-text and wire inputs keep
some of it between paragraphs. Rather than delete those lines (which would shift every
offset), this stage finds whole lines and records them as ``Dropped`` with their offsets;
later stages skip findings inside them through ``extensions.dropped_mask``.

Every rule looks at one whole line and is anchored (line start, or a credit at the line
end), because a looser match would drop real paragraphs that merely mention a newsletter
or a photograph. Lines longer than ``MAX_LINE_CHARS`` are never boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language

from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import register_extensions, set_dropped
from onrecord.records import Dropped

# Real boilerplate lines are short; a caption with a long description still fits.
MAX_LINE_CHARS = 320

_DASH = r"[:|\u2013\u2014-]"  # the separator after a label: colon, bar, en/em dash, hyphen

_SOCIAL = (
    r"(?:Twitter|X|Facebook|Instagram|LinkedIn|Threads|Bluesky|TikTok|YouTube|Telegram|"
    r"WhatsApp|Mastodon|Google News)"
)

# (reason, pattern) in order of precedence; the first rule that matches names the reason.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "READ MORE: …", "Also read: …", "SEE ALSO – …"; case-insensitive labels that
    # practically never open a news paragraph.
    ("read_more", re.compile(rf"^(?:READ MORE|ALSO READ|READ ALSO|SEE ALSO|MORE ON THIS STORY|"
                             rf"FURTHER READING)\s*{_DASH}\s*\S", re.IGNORECASE)),
    ("related", re.compile(rf"^(?:RELATED|RELATED (?:COVERAGE|STORY|STORIES|CONTENT|ARTICLES?|"
                           rf"READING|NEWS))\s*{_DASH}\s*\S", re.IGNORECASE)),
    # Upper-case only: "Watch: …" or "More: …" in mixed case can be prose.
    ("read_more", re.compile(rf"^(?:READ|MORE|WATCH|LISTEN|TRENDING|RECOMMENDED|MUST READ|"
                             rf"EDITOR'S PICKS?)\s*{_DASH}\s*\S")),
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
                                 rf"\b.*(?:\bon {_SOCIAL}\b|@\w)", re.IGNORECASE)),
    ("social_follow", re.compile(rf"^Share (?:this|on|via)\b.*\b(?:{_SOCIAL}|email|article|story)\b",
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


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every non-blank line, surrounding whitespace excluded."""
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def classify_line(line: str) -> str | None:
    """The reason code when a whole line is boilerplate, else None."""
    if len(line) > MAX_LINE_CHARS:
        return None
    for reason, pattern in _RULES:
        if pattern.search(line):
            return reason
    return None


def find_boilerplate(text: str) -> list[Dropped]:
    """Find whole boilerplate lines in ``text`` without changing it.

    Returns one ``Dropped`` per line, with a specific reason code ("read_more",
    "related", "click_here", "newsletter", "social_follow", "credit_line",
    "advertisement", "photo_credit") and ``spans == ((start, end),)`` such that
    ``text[start:end]`` is the line without its surrounding whitespace.
    """
    found: list[Dropped] = []
    for start, end in _lines(text):
        line = text[start:end]
        reason = classify_line(line)
        if reason is not None:
            found.append(Dropped(text=line, reason=reason, spans=((start, end),)))
    return found


@Language.factory(
    "onrecord_boilerplate",
    assigns=["doc._.onrecord_dropped"],
    requires=[],
    default_config={},
)
def make_boilerplate(nlp: Language, name: str) -> StageComponent[list[Dropped]]:
    """Build the boilerplate component; registers onrecord's Doc extensions first."""
    register_extensions()
    return StageComponent(name, lambda doc: find_boilerplate(doc.text), set_dropped)


__all__ = ["classify_line", "find_boilerplate", "make_boilerplate"]
