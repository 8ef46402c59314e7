"""How the story layer reads text: quote-folded, lower-cased words, sentences and the lead.

Copies and re-reports change typography (curly quotes, dashes), so everything compared across
articles goes through ``fold`` first; offsets are never taken from folded text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from onrecord.nlp.lexicon.stories import QUOTE_FOLDS, STORY_STOPWORDS

_FOLD = str.maketrans(QUOTE_FOLDS)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"'s$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
LEAD_WORDS = 60  # the lead: the first sentences of the body up to this many words


def fold(text: str) -> str:
    """NFKC, ASCII quotes and dashes, lower case: the form two outlets' copies agree on."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD).lower()


def words(text: str) -> list[str]:
    """Folded word tokens (apostrophes kept inside words)."""
    return _WORD.findall(fold(text).replace("'", ""))


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stop words, no one-letter tokens, and no possessive "'s",
    so "Bieber's" and "Bieber" are one term (headlines name their subject both ways)."""
    found = (_POSSESSIVE.sub("", w).replace("'", "") for w in _WORD.findall(fold(text)))
    return [w for w in found if len(w) > 1 and w not in STORY_STOPWORDS]


def story_terms(text: str) -> list[str]:
    """Content words that say which story a title or lead belongs to: no figures ("3", "2m",
    "0.41"). Unrelated reports share small numbers, and reports of one story round theirs
    differently ("$3.5m", "nearly $2 million"); on the dev sets they only cost (docs/stories.md)."""
    return [w for w in content_words(text) if not w[0].isdigit()]


def body_of(text: str, title: str | None) -> str:
    """The article text without its headline (HTML input and most JSONL put it first)."""
    if title and text.startswith(title):
        return text[len(title):].lstrip()
    return text


def sentences(text: str) -> Iterator[str]:
    """Sentences and paragraph lines, stripped; a rough split is enough to compare copies."""
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if piece:
            yield piece


def lead_of(body: str) -> str:
    """The first sentences of the body, up to ``LEAD_WORDS`` words: where a story says what it is."""
    taken: list[str] = []
    count = 0
    for sentence in sentences(body):
        taken.append(sentence)
        count += len(sentence.split())
        if count >= LEAD_WORDS:
            break
    return " ".join(taken)


def hash32(value: str) -> int:
    """A stable 32-bit hash (Python's ``hash`` changes per process)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=4).digest(), "big")
