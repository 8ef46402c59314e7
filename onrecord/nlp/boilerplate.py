"""Boilerplate lines inside article text: "READ MORE:" links, newsletter prompts, photo credits.

Extraction from HTML removes most page furniture, but plain-text and wire inputs keep
some of it between paragraphs. Rather than delete those lines (which would shift every
offset), this stage finds whole lines and records them as ``Dropped`` with their offsets;
later stages skip findings inside them through ``extensions.dropped_mask``.

The rules (``LINE_RULES`` in ``onrecord.nlp.lexicon.boilerplate``, shared with the HTML
extractor so a line gets the same reason on both paths) each look at one whole line and are
anchored (line start, or a credit at the line end), because a looser match would drop real
paragraphs that merely mention a newsletter or a photograph. Lines longer than
``MAX_LINE_CHARS`` are never boilerplate.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language

from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import register_extensions, set_dropped, text_of
from onrecord.nlp.lexicon.boilerplate import LINE_RULES
from onrecord.records import Dropped

# Real boilerplate lines are short; a caption with a long description still fits.
MAX_LINE_CHARS = 320


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
    return next((reason for reason, pattern in LINE_RULES if pattern.search(line)), None)


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
    return StageComponent(name, lambda doc: find_boilerplate(text_of(doc)), set_dropped)


__all__ = ["classify_line", "find_boilerplate", "make_boilerplate"]
