"""A plain text's first line as its title, when the line reads like a headline.

Plain text keeps no markup, so the only sign of a headline is layout: a short first line
that is not a sentence, set off from the body by a blank line. "Ferry service to resume
after storm, operator says" qualifies; "The minister said on Monday that ..." (a sentence
with its full stop), a dateline paragraph or a byline does not. The text itself is never
changed: the title is metadata, and offsets still point into the input.
"""

from __future__ import annotations

import re

from onrecord.nlp.lexicon.boilerplate import BYLINE

MIN_WORDS, MAX_WORDS = 3, 25  # "Fire kills 12" to a long wire headline
MAX_CHARS = 200
# "LONDON (Reuters) -", "QUITO, Ecuador, March 12 (Wire) —": a dateline opens the body, not a headline
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,[^()]{0,40})?\s*\([^)]{2,40}\)\s*[-\u2013\u2014]")
_SENTENCE_END = (".", ",", ";", ":")


def headline_of(text: str) -> str | None:
    """The first line of ``text`` when it looks like a headline, else None."""
    lines = text.lstrip().split("\n", 2)
    if len(lines) < 3 or lines[1].strip():
        return None  # a headline stands alone: a blank line must follow it
    line = lines[0].strip()
    words = line.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or len(line) > MAX_CHARS:
        return None
    if line.endswith(_SENTENCE_END) or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return None
    if BYLINE.match(line) or _DATELINE.match(line):
        return None
    return line
