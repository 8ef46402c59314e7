"""The fast attribute ruler and cached lemmatizer give exactly spaCy's own annotations."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from onrecord.nlp.fast_tagging import (
    CachedLemmatizer,
    FastAttributeRuler,
    _IndexedWords,
    speed_up_rule_components,
)
from onrecord.nlp.model import MODEL_PACKAGE, load_base_model

ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]

# Rare patterns of the model's ruler and lemmatizer: contractions, "gonna", "let's", "y'all",
# existential "there is", spaces, currency, abbreviations, base forms and irregular plurals.
TRICKY = [
    "Y'all ain't gonna believe it, but let's see: there are 3 mice and there's one child.",
    "C'mon, they gotta go!  He's said   she'd have been there.\n\nThe children's geese ran.",
    "The U.S. Sen. said $4.5bn was spent -- “not enough” – on the 1990s ... OK?",
    "I can't, won't and shouldn't. Isn't it? Ain't nobody. 'Tis the season.",
    "",
    "   \n\n  ",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    return spacy.load(MODEL_PACKAGE)


@pytest.fixture(scope="module")
def fast() -> Language:
    return speed_up_rule_components(spacy.load(MODEL_PACKAGE))


def texts(fixtures_dir: Path) -> list[str]:
    articles = sorted((fixtures_dir / "articles").glob("*.txt"))
    assert len(articles) >= 5
    return [*TRICKY, *(p.read_text(encoding="utf-8") for p in articles)]


def test_the_fast_twins_replace_the_models_components_in_place(fast: Language, plain: Language) -> None:
    assert fast.pipe_names == plain.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler").twin, FastAttributeRuler)  # type: ignore[attr-defined]
    assert isinstance(fast.get_pipe("lemmatizer").twin, CachedLemmatizer)  # type: ignore[attr-defined]


def test_every_annotation_equals_spacys_own(fast: Language, plain: Language, fixtures_dir: Path) -> None:
    inputs = texts(fixtures_dir)
    for text, a, b in zip(inputs, plain.pipe(inputs), fast.pipe(inputs), strict=True):
        assert numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), text[:60]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b], text[:60]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], text[:60]


def test_a_second_pass_over_cached_answers_is_still_exact(fast: Language, plain: Language) -> None:
    """The caches fill on the first document; later ones read them."""
    for _ in range(2):
        for a, b in zip(plain.pipe(TRICKY), fast.pipe(TRICKY), strict=True):
            assert [(t.pos_, t.lemma_, str(t.morph)) for t in a] == [
                (t.pos_, t.lemma_, str(t.morph)) for t in b]


def test_onrecords_base_model_uses_the_fast_twins() -> None:
    nlp = load_base_model()
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "_Twin"
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "_Twin"


def test_the_lemma_indexes_answer_membership_from_a_set(fast: Language, plain: Language) -> None:
    """The word lists keep their words and order; only ``in`` is faster."""
    ours = fast.get_pipe("lemmatizer").twin.original.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    theirs = plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert list(ours) == list(theirs)
    for pos, words in theirs.items():
        assert isinstance(ours[pos], _IndexedWords) and ours[pos] == words
        assert words[0] in ours[pos] and "not-a-lemma-xyz" not in ours[pos]
