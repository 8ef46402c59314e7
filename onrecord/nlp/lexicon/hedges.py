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

# Verification and evidence disclaimers, as regular-expression alternatives.
VERIFIED: Final[tuple[str, ...]] = ("verified", "confirmed", "corroborated", "substantiated", "authenticated")
VERIFY: Final[tuple[str, ...]] = ("verify", "confirm", "corroborate", "substantiate", "authenticate")
EVIDENCE: Final[tuple[str, ...]] = ("evidence", "proof")
