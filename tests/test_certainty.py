"""Certainty on the real English model: hedges that govern an attribution, disclaimers, negation.

Attributions are built by hand from (source, cue, content) strings so that these tests
do not depend on the attribution extractor.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.nlp.certainty import annotate_certainty, find_disclaimers, make_certainty
from onrecord.nlp.extensions import attributions_of, register_extensions, set_attributions
from onrecord.nlp.lexicon import hedges
from onrecord.nlp.model import load_base_model
from onrecord.records import Attribution, Span

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    return load_base_model()


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    span = Span.from_offsets(text, [(start, start + len(part))])
    assert text[start:start + len(part)] == span.text
    return span


def att(text: str, source: str | None, cue: str, content: str, after: int = 0) -> Attribution:
    """An attribution from substrings of ``text`` (first occurrence at or after ``after``)."""
    return Attribution(
        id=f"a{after}-{cue}", kind="indirect", mode="statement",
        cue=_span(text, cue, after), source=_span(text, source, after) if source else None,
        content=_span(text, content, after),
    )


def _annotate(nlp: Language, text: str, specs: list[tuple[str | None, str, str]]) -> list[Attribution]:
    doc: Doc = nlp(text)
    return annotate_certainty(doc, [att(text, *spec) for spec in specs])


# (sentence, source, cue, content, hedges as written)
HEDGED = [
    ("The minister said the talks could collapse within days.",
     "The minister", "said", "the talks could collapse within days", ("could",)),
    ("Officials said the ban may be lifted next month.",
     "Officials", "said", "the ban may be lifted next month", ("may",)),
    ("Investigators said the fire might have started in the kitchen.",
     "Investigators", "said", "the fire might have started in the kitchen", ("might",)),
    ("The agency said the suspect allegedly paid the guards.",
     "The agency", "said", "the suspect allegedly paid the guards", ("allegedly",)),
    ("Analysts say the merger is a potential threat to competition.",
     "Analysts", "say", "the merger is a potential threat to competition", ("potential",)),
    ("The inspectors said the dam appeared to have cracked.",
     "The inspectors", "said", "the dam appeared to have cracked", ("appeared to",)),
    ("Police said the attackers are believed to have fled north.",
     "Police", "said", "the attackers are believed to have fled north", ("are believed to",)),
    ("Doctors said the toll was likely to rise.",
     "Doctors", "said", "the toll was likely to rise", ("likely",)),
    ("Officials said two suspected smugglers were detained at the border.",
     "Officials", "said", "two suspected smugglers were detained at the border", ("suspected",)),
    ("Several clubs have reportedly asked the league for a delay.",
     "Several clubs", "have reportedly asked", "the league for a delay", ("reportedly",)),
    ("Unconfirmed reports on local radio said a bridge had collapsed.",
     "Unconfirmed reports on local radio", "said", "a bridge had collapsed", ("Unconfirmed",)),
    ("The union said prices could rise and the strike may spread.",
     "The union", "said", "prices could rise and the strike may spread", ("could", "may")),
    ("The bank said risks remained, which could push inflation up again.",
     "The bank", "said", "risks remained, which could push inflation up again", ("could",)),
]


@pytest.mark.parametrize(("text", "source", "cue", "content", "hedges"), HEDGED)
def test_hedges_inside_the_attribution(nlp: Language, text: str, source: str, cue: str, content: str,
                                       hedges: tuple[str, ...]) -> None:
    (a,) = _annotate(nlp, text, [(source, cue, content)])
    assert a.hedges == hedges
    assert a.negated is False


NOT_HEDGED = [
    ("She said the clinic would close if the money could not be found.",
     "She", "said", "the clinic would close if the money could not be found"),
    ("He said that in May the port handled record volumes.",
     "He", "said", "that in May the port handled record volumes"),
    ("Police said 12 people suspected of smuggling were arrested.",
     "Police", "said", "12 people suspected of smuggling were arrested"),
    ("Residents said they could hear gunfire all night.",
     "Residents", "said", "they could hear gunfire all night"),
    ("The mayor said the bridge will reopen on Friday.",
     "The mayor", "said", "the bridge will reopen on Friday"),
    ("The coach said he did not know which players might return.",
     "The coach", "said", "he did not know which players might return"),
    ("She declined to say whether the group was believed to be responsible.",
     "She", "declined to say", "whether the group was believed to be responsible"),
]


@pytest.mark.parametrize(("text", "source", "cue", "content"), NOT_HEDGED)
def test_no_hedge(nlp: Language, text: str, source: str, cue: str, content: str) -> None:
    (a,) = _annotate(nlp, text, [(source, cue, content)])
    assert a.hedges == ()


def test_indirect_question_modal_is_not_a_hedge(nlp: Language) -> None:
    text = "The company did not say how the hackers could have entered the network."
    spec = ("The company", "did not say", "how the hackers could have entered the network")
    (a,) = _annotate(nlp, text, [spec])
    assert a.hedges == ()
    assert a.negated is True


def test_author_hedge_is_not_attached(nlp: Language) -> None:
    text = "The storm could strengthen overnight. The agency said roads in the valley were closed."
    (a,) = _annotate(nlp, text, [("The agency", "said", "roads in the valley were closed")])
    assert a.hedges == ()


def test_disclaimer_in_next_sentence(nlp: Language) -> None:
    text = ("The rebel group said in a post that it had seized the air base. "
            "The claim could not be independently verified.")
    (a,) = _annotate(nlp, text, [("The rebel group", "said in a post", "that it had seized the air base")])
    assert a.hedges == ("could not be independently verified",)


def test_without_evidence_goes_to_the_nearest_cue(nlp: Language) -> None:
    text = ("The party said the count was fair and accused the opposition of fraud, "
            "without providing evidence.")
    said, accused = _annotate(nlp, text, [
        ("The party", "said", "the count was fair"),
        ("The party", "accused", "the opposition of fraud"),
    ])
    assert said.hedges == ()
    assert accused.hedges == ("without providing evidence",)


def test_plural_disclaimer_covers_the_accounts(nlp: Language) -> None:
    text = ("Two farmers said the shelling began at dawn.\n\n"
            "A third farmer said the market was hit. Their accounts could not be independently verified.")
    atts = _annotate(nlp, text, [
        ("Two farmers", "said", "the shelling began at dawn"),
        ("A third farmer", "said", "the market was hit"),
    ])
    assert [a.hedges for a in atts] == [("could not be independently verified",)] * 2


def test_singular_disclaimer_skips_a_denial(nlp: Language) -> None:
    text = ("The rebels said in a video that they had shot down a drone. The army denied that any aircraft "
            "was lost. The video's authenticity could not be independently confirmed.")
    claim, denial = _annotate(nlp, text, [
        ("The rebels", "said in a video", "that they had shot down a drone"),
        ("The army", "denied", "that any aircraft was lost"),
    ])
    assert claim.hedges == ("could not be independently confirmed",)
    assert denial.hedges == ()
    assert denial.negated is True


def test_disclaimer_on_the_source(nlp: Language) -> None:
    text = "The survey, which has not been peer reviewed, found that most residents oppose the plan."
    (a,) = _annotate(nlp, text, [("The survey", "found", "that most residents oppose the plan")])
    assert a.hedges == ("has not been peer reviewed",)


def test_disclaimer_two_paragraphs_away_is_not_attached(nlp: Language) -> None:
    text = ("The ministry said the drought had eased.\n\nFarmers met in the town hall.\n\n"
            "Rain fell on Tuesday. The figures have not been independently verified.")
    (a,) = _annotate(nlp, text, [("The ministry", "said", "the drought had eased")])
    assert a.hedges == ()


DISCLAIMERS = [
    ("It has not been independently verified.", "has not been independently verified"),
    ("He spoke without providing evidence.", "without providing evidence"),
    ("They accused the council without evidence.", "without evidence"),
    ("The video's authenticity could not be independently confirmed.",
     "could not be independently confirmed"),
    ("The Harbour Herald could not independently verify the claim.", "could not independently verify"),
    ("Neither account could be independently verified.", "Neither account could be independently verified"),
    ("It was not possible to independently verify the figures.", "not possible to independently verify"),
    ("The party has not provided evidence for the claim.", "has not provided evidence"),
    ("The paper, which has not yet been peer-reviewed, was posted online.", "has not yet been peer-reviewed"),
]


@pytest.mark.parametrize(("text", "phrase"), DISCLAIMERS)
def test_find_disclaimers(text: str, phrase: str) -> None:
    (found,) = find_disclaimers(spacy.blank("en")(text))
    start, end, written = found
    assert written == phrase == text[start:end]


@pytest.mark.parametrize("text", [
    "The auditors verified the accounts in March.",
    "The result was confirmed on Monday.",
    "The court said the evidence was strong.",
])
def test_no_disclaimer(text: str) -> None:
    assert find_disclaimers(spacy.blank("en")(text)) == []


def test_disclaimer_stems_cover_every_pattern() -> None:
    """find_disclaimers skips a text without a stem: every pattern must require one."""
    required = (hedges._VERIFIED, hedges._VERIFY, hedges._EVIDENCE, "peer[- ]reviewed")
    for pattern in hedges.DISCLAIMER_PATTERNS:
        assert any(group in pattern for group in required), pattern
    for group in required:
        words = group.removeprefix("(?:").removesuffix(")").split("|")
        assert all(any(stem in w for stem in hedges.DISCLAIMER_STEMS) for w in words), group


@pytest.mark.parametrize("text", [
    "It has not been independently verıfied.", "It has not been ſubstantiated.",
])
def test_disclaimer_with_a_folded_letter(text: str) -> None:
    """Letters IGNORECASE folds to ASCII but lower() keeps still reach the patterns."""
    (found,) = find_disclaimers(spacy.blank("en")(text))
    assert text[found[0]:found[1]].startswith("has not been")


# (sentence, source, cue, content, negated)
NEGATION = [
    ("The company denied that it had polluted the river.",
     "The company", "denied", "that it had polluted the river", True),
    ("The minister rejected the claim.", "The minister", "rejected", "the claim", True),
    ("The statement did not say how many people were hurt.",
     "The statement", "did not say", "how many people were hurt", True),
    ("The indictment does not name the buyer.", "The indictment", "does not name", "the buyer", True),
    ("Her lawyer said her client denied any wrongdoing.",
     "Her lawyer", "said", "her client denied any wrongdoing", False),
    ("The ministry said the fire was under control.",
     "The ministry", "said", "the fire was under control", False),
    # A non-response or a request for anonymity mistaken for an attribution is not a negated statement.
    ("The embassy did not respond to a request for comment.",
     "The embassy", "did not respond to", "a request for comment", False),
    ("Two officials asked not to be identified.", "Two officials", "asked not", "to be identified", False),
]


@pytest.mark.parametrize(("text", "source", "cue", "content", "negated"), NEGATION)
def test_negation(nlp: Language, text: str, source: str, cue: str, content: str, negated: bool) -> None:
    (a,) = _annotate(nlp, text, [(source, cue, content)])
    assert a.negated is negated


def test_returns_copies(nlp: Language) -> None:
    text = "Officials said the ban may be lifted."
    original = att(text, "Officials", "said", "the ban may be lifted")
    (a,) = annotate_certainty(nlp(text), [original])
    assert original.hedges == () and a.hedges == ("may",)
    assert a.id == original.id and a.content == original.content


def test_component_rewrites_attributions(nlp: Language) -> None:
    text = "The mayor denied the report. Officials said the ban may be lifted."
    doc = nlp(text)
    set_attributions(doc, [att(text, "The mayor", "denied", "the report"),
                           att(text, "Officials", "said", "the ban may be lifted")])
    component = make_certainty(nlp, "onrecord_certainty")
    out = attributions_of(component(doc))
    assert [(a.negated, a.hedges) for a in out] == [(True, ()), (False, ("may",))]
