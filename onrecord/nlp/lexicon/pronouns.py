"""Pronouns: person, number and gender of each, and the first-person and relative forms."""

from __future__ import annotations

from typing import Final

PRONOUN_FEATURES: Final[dict[str, tuple[str | None, str]]] = {
    # word: (gender, number); gender "n" = non-person
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"), "himself": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"), "herself": ("f", "sg"),
    "it": ("n", "sg"), "its": ("n", "sg"), "itself": ("n", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "their": (None, "pl"), "theirs": (None, "pl"),
    "themselves": (None, "pl"),
}
FIRST_PERSON: Final[frozenset[str]] = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL: Final[frozenset[str]] = frozenset({"we", "us", "our", "ours", "ourselves"})
RELATIVE_PRONOUNS: Final[frozenset[str]] = frozenset({"who", "which", "that", "whose", "whom"})

# Determiners that make a description definite ("the minister", "this company").
DEFINITE_DETERMINERS: Final[frozenset[str]] = frozenset({"the", "this", "that", "these", "those"})
# Possessive determiners: "his report" has no named issuer.
POSSESSIVE_DETERMINERS: Final[frozenset[str]] = frozenset({"his", "her", "their", "its", "our", "my", "your"})
# Clitics a tokenizer splits off a subject pronoun ("We’ve", "they're"): part of the source.
SUBJECT_CLITICS: Final[frozenset[str]] = frozenset({
    "’ve", "'ve", "’re", "'re", "’ll", "'ll", "’d", "'d", "’m", "'m",
})
# Articles, dropped from a description's text and its matching key.
ARTICLES: Final[frozenset[str]] = frozenset({"a", "an", "the"})
# Possessive determiners a pronoun markable may take where the tagger says otherwise.
POSSESSIVE_MARKABLES: Final[frozenset[str]] = frozenset({"his", "its", "their", "our", "my"})
# Indefinite articles: "a source of" is no subset of a referent.
INDEFINITE_ARTICLES: Final[frozenset[str]] = frozenset({"a", "an"})
# Pronouns a subset is taken from ("one of them", "some of us").
SUBSET_PRONOUNS: Final[frozenset[str]] = frozenset({"them", "those", "us"})
# The definite article, as a word and as the start of a name ("the Pentagon").
THE: Final = "the"
THE_PREFIX: Final = "the "
# Relative pronouns that open a non-restrictive clause after a comma (", which ...", ", who ...").
RELATIVE_TAIL_OPENERS: Final[frozenset[str]] = frozenset({"which", "who"})
# Relative and wh-pronouns PolNeAR puts in a content when the reporting clause follows them
# ("which he said was careless", "what she called a hoax").
RELATIVE_CONTENT_PRONOUNS: Final[frozenset[str]] = frozenset({"which", "what", "who", "whom"})
