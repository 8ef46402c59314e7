"""Quote marks and dashes, as tokens (spaCy keeps ``` `` ``` and ``''`` as written) and as characters.

Several rules read quote marks, each with the set its annotation convention needs; the sets
stand side by side here, each with the rule it serves.
"""

from __future__ import annotations

from typing import Final

# The tagger's quote-state features: marks that only open, only close, or do either.
OPEN_QUOTES: Final[frozenset[str]] = frozenset({"“", "«", "‘", "„"})
CLOSE_QUOTES: Final[frozenset[str]] = frozenset({"”", "»", "’"})
AMBIGUOUS_QUOTES: Final[frozenset[str]] = frozenset({'"', "''", "``", "'"})
# The straight apostrophe: marked as a quote, but it never changes the quote state.
APOSTROPHE: Final = "'"
# Single curly quotes: also apostrophes, so they never change the tagger's quote state.
SINGLE_OPEN_QUOTE: Final = "‘"
SINGLE_CLOSE_QUOTE: Final = "’"
# Curly and straight double quotes, counted to see whether a quotation is left open.
LEFT_DOUBLE_QUOTE: Final = "“"
RIGHT_DOUBLE_QUOTE: Final = "”"
STRAIGHT_DOUBLE_QUOTE: Final = '"'
# Quote tokens that open or close a quotation in grouping and layout rules.
QUOTE_OPENERS: Final[frozenset[str]] = frozenset({"“", '"', "``"})
QUOTE_CLOSERS: Final[frozenset[str]] = frozenset({"”", '"', "''"})
# Quote tokens that start (or stand right before) quoted text: a content continuing a quote.
QUOTE_TOKENS: Final[frozenset[str]] = frozenset({'"', "“", "‘", "'", "''", "``", "«"})
# Characters that mark a direct quotation's edges (the attribution kind).
QUOTE_CHARS: Final = "\"“”«»‘’„'`"
# Double-quote characters: a content with none of them is indirect speech.
DOUBLE_QUOTE_CHARS: Final = '"“”'
# Apostrophe-like marks that do not open (resp. close) a direct quotation.
NOT_OPENING_QUOTES: Final = "'’"
NOT_CLOSING_QUOTES: Final = "'‘"
# Quote marks glued to a content's edges, pulled into its character span.
QUOTE_MARKS: Final = "'\"“”‘’`"
# A closing quote run after a content's last character: ',”', '.”', "''".
CLOSING_TAIL_PATTERN: Final = r"[,.?!]?['\"”’]+(?!\w)"
# Tokens that the non-response rules treat as quote marks (a quote's own words are skipped).
NON_RESPONSE_QUOTES: Final[frozenset[str]] = frozenset({"“", "”", '"'})

# Dashes before a sign-off name ("“Quote.” ― Name").
DASHES: Final[frozenset[str]] = frozenset({"—", "–", "-", "--", "―"})
# Dashes that end a dateline ("GDANSK, March 4 (NPA) —").
DATELINE_DASHES: Final[frozenset[str]] = frozenset({"—", "--", "–"})
# Punctuation tokens trimmed from a content's edges (PolNeAR leaves them out).
EDGE_PUNCT: Final[frozenset[str]] = frozenset({".", ",", ";", ":", "—", "–", "-", "--", "(", ")"})
# Characters trimmed from each role's character span: a cue keeps a colon, a content no dash.
TRIM_CHARS: Final[dict[str, str]] = {"CUE": " \t\n\xa0,;", "SRC": " \t\n\xa0,;:", "CON": " \t\n\xa0,;:—–-"}
# Tokens skipped at the start (resp. end) of content found around a cue ("..., Mr. Graham said, ...").
NEARBY_LEAD_TRIM: Final = (",", "—", "-", ":")
NEARBY_TAIL_TRIM: Final = (",", ".", "—", "-", ":")
# The possessive ending, straight and curly ("CNN's", "CNN’s"), cut off an outlet's name.
STRAIGHT_POSSESSIVE: Final = "'s"
CURLY_POSSESSIVE: Final = "’s"
