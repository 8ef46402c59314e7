"""Words the story layer (``onrecord/stories``) needs: stop words, credit phrases, quote marks.

Kept here with the other vocabularies so a reviewer reads every word list in one place.
"""

from __future__ import annotations

from typing import Final

# Function words and reporting verbs left out of the lexical similarity of titles and leads:
# they say nothing about which story an article belongs to.
STORY_STOPWORDS: Final[frozenset[str]] = frozenset("""
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours said says say saying told tells
    according reported reports report reporting news new monday tuesday wednesday thursday
    friday saturday sunday today yesterday tomorrow week year month mr mrs ms dr one two three
    four five six seven eight nine ten first last people percent s t re ve ll d m
""".split())  # noqa: SIM905 - a word list reads best as prose

# Phrases that credit an outlet as the source of what an article reports, written around the
# outlet's name (``{o}``): "the Capital Ledger reported", "according to NPA", "told NPA".
CREDIT_PATTERNS: Final[tuple[str, ...]] = (
    r"{o}\s*(?:,\s*)?(?:first\s+|earlier\s+|previously\s+|also\s+)?(?:reported|reports|said|says|revealed|"
    r"disclosed|wrote|writes|broke\s+the\s+news)",
    r"according\s+to\s+(?:a\s+report\s+(?:by|in|from)\s+|reports?\s+(?:by|in|from)\s+)?{o}",
    r"(?:told|telling|tells)\s+{o}",
    r"(?:reported|first\s+reported|revealed|published|quoted)\s+(?:\w+\s+){{0,3}}?by\s+{o}",
    r"(?:a\s+)?report\s+(?:by|in|from)\s+{o}",
    r"(?:cited|citing|quoted|quoting)\s+(?:by\s+|in\s+)?{o}",
    r"{o}\s*(?:'s|’s)\s+(?:report|reporting|story|article)",
    r"\(\s*{o}\s*\)",  # a copy's dateline keeps the agency: "GDANSK, March 4 (NPA) —"
)

# Words of an outlet name left out of its initials ("Northbridge Press Agency" → NPA).
OUTLET_NAME_FILLERS: Final[frozenset[str]] = frozenset({"the", "of", "and", "&", "de", "la", "le"})

# Quote marks and apostrophes folded to ASCII before claims are compared, so that a verbatim
# quote survives an outlet's typography.
QUOTE_FOLDS: Final[dict[str, str]] = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
}

# Pronouns and generic words that name no particular speaker; two claims with such speakers
# are compared on content alone.
GENERIC_SPEAKERS: Final[frozenset[str]] = frozenset({
    "he", "she", "they", "it", "we", "i", "his", "her", "their", "the", "a", "an", "spokesman",
    "spokeswoman", "spokesperson", "official", "officials", "source", "sources", "statement",
    "agency", "newspaper", "report", "wire",
})

# Leading articles an event's actor or target loses before two reports of a story are compared:
# "the police" in one article and "police" in the next are one actor (onrecord/web/story_counts.py).
EVENT_KEY_ARTICLES: Final[tuple[str, ...]] = ("the", "an", "a")
