"""Hedges and disclaimers: the words that say how sure anyone is, and the negation words.

Read by ``certainty.py``. Lower-cased forms unless a comment says lemmas.
"""

from __future__ import annotations

from typing import Final

# Single words that hedge wherever they stand in a cue or content.
HEDGE_WORDS: Final[frozenset[str]] = frozenset({
    "potential", "potentially", "allegedly", "reportedly", "apparently", "apparent", "purportedly",
    "purported", "possibly", "probably", "presumably", "perhaps", "unconfirmed", "unverified",
    "likely", "unlikely", "supposedly", "ostensibly",
})
# Hedges read in a source too: "Unconfirmed reports on social media said".
SOURCE_HEDGES: Final[frozenset[str]] = frozenset({"unconfirmed", "unverified"})
# "possible" hedges, except after these words ("as soon as possible", "if possible").
POSSIBLE: Final = "possible"
NOT_HEDGING_BEFORE_POSSIBLE: Final[frozenset[str]] = frozenset({
    "as", "if", "where", "whenever", "everything", "anything",
})
# Epistemic modals; "could" is also ability, see ABILITY_VERBS.
MODALS: Final[frozenset[str]] = frozenset({"could", "may", "might"})
COULD: Final = "could"
# "could see", "could hear" (lemmas): ability or perception, not uncertainty.
ABILITY_VERBS: Final[frozenset[str]] = frozenset({"see", "hear", "feel", "smell", "stand", "afford", "sleep"})
# "appeared to", "it seems (that)" (lemmas).
SEEM_LEMMAS: Final[frozenset[str]] = frozenset({"appear", "seem"})
# "is believed to", "are thought to", "was alleged to", "is reported to": hearsay passives.
HEARSAY_PASSIVES: Final[frozenset[str]] = frozenset({
    "believed", "thought", "alleged", "reported", "rumoured", "rumored", "suspected", "understood",
})
# Hedging attributive participles: "the suspected attacker", "an alleged plot".
HEDGING_PARTICIPLES: Final[frozenset[str]] = frozenset({"suspected", "alleged"})
# The infinitive marker after a hedge ("appeared to"), and the expletive subject ("it seemed").
TO: Final = "to"
# The passive auxiliary of a hearsay passive ("is believed to"), a lemma.
BE: Final = "be"
IT: Final = "it"
# A modal in an indirect question or a condition states no claim ("did not say how they could ...").
CONDITION_MARKS: Final[frozenset[str]] = frozenset({"if", "unless", "until", "whether", "once", "lest"})
# The tagger also tags complementiser "that" as a wh-word; it opens no indirect question.
THAT: Final = "that"
# Negation words of a cue ("did not say"); non-responses use their own list.
NEG_WORDS: Final[frozenset[str]] = frozenset({"not", "n't", "never"})
# Subjects and objects that make a disclaimer cover several claims ("Their accounts could not be verified").
PLURAL_WORDS: Final[frozenset[str]] = frozenset({"they", "them", "these", "those", "both", "all"})
PLURAL_QUANTIFIERS: Final[frozenset[str]] = frozenset({"neither", "none", "both", "either"})

# Verification and evidence disclaimers ("has not been independently verified", "without
# providing evidence"), as regular-expression alternatives matched case-insensitively.
_VERIFIED = "(?:" + "|".join((
    "verified", "confirmed", "corroborated", "substantiated", "authenticated",
)) + ")"
_VERIFY = "(?:" + "|".join(("verify", "confirm", "corroborate", "substantiate", "authenticate")) + ")"
_EVIDENCE = "(?:" + "|".join(("evidence", "proof")) + ")"
DISCLAIMER_PATTERNS: Final[tuple[str, ...]] = (
    (
        rf"\b(?:has|have|had|could|can|was|were|is|are)(?: not|n't)(?: yet)?(?: been| be)?"
        rf"(?: independently| immediately| officially| separately)? {_VERIFIED}\b"
    ),
    (
        rf"\b(?:could|can|was|were|is|are|has|have|had)(?: not|n't)(?: been)?(?: able to)?"
        rf"(?: independently| immediately)? {_VERIFY}\b"
    ),
    rf"\b(?:unable|not possible|not able|no way) to (?:independently )?{_VERIFY}\b",
    # "Neither claim could be independently verified."
    (
        rf"\b(?:neither|none)\b[\w ]{{0,40}}?\b(?:could|can|has|have|was|were)(?: be| been)?"
        rf"(?: independently)? {_VERIFIED}\b"
    ),
    (
        rf"\bwithout (?:(?:providing|offering|giving|citing|presenting|producing|showing) )?(?:any )?"
        rf"{_EVIDENCE}\b"
    ),
    rf"\b(?:provided|offered|gave|presented|produced|cited|showed) no {_EVIDENCE}\b",
    (
        rf"\b(?:did|does|has|have|had)(?: not|n't)(?: yet)? "
        rf"(?:provide|offer|give|present|produce|cite|show)(?:d|n)? (?:any )?{_EVIDENCE}\b"
    ),
    r"\b(?:has|have|had|was|were|is|are)(?: not|n't)(?: yet)?(?: been)? peer[- ]reviewed\b",
)
# Every pattern above ends in a word of _VERIFIED, _VERIFY or _EVIDENCE, or in "peer-reviewed",
# so a text without one of these stems (lower-cased) holds no disclaimer: certainty skips the
# patterns there. Add the stem of any new pattern's required word.
DISCLAIMER_STEMS: Final[tuple[str, ...]] = (
    "verif", "confirm", "corroborat", "substantiat", "authenticat", "evidence", "proof", "peer",
)
# Letters outside ASCII that IGNORECASE matches to an ASCII letter of the stems ("ı" to "i",
# "ſ" to "s") but that lower() leaves as they are: a text with one is always scanned.
DISCLAIMER_FOLDS: Final[tuple[str, ...]] = ("\u0130", "\u0131", "\u017f")
