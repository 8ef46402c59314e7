"""Non-responses on the real English model: kinds, actors and phrase spans, with hard negatives."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.nlp.boilerplate import find_boilerplate
from onrecord.nlp.extensions import non_responses_of, register_extensions, set_dropped
from onrecord.nlp.model import load_base_model
from onrecord.nlp.nonresponses import find_non_responses, make_non_responses
from onrecord.records import NonResponse

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    return load_base_model()


def _parse(nlp: Language, text: str) -> Doc:
    doc = nlp(text)
    set_dropped(doc, find_boilerplate(text))
    return doc


def _check_offsets(text: str, nr: NonResponse) -> None:
    for start, end in nr.span.spans:
        assert text[start:end] in nr.span.text
    if nr.actor is not None:
        (start, end), = nr.actor.spans
        assert text[start:end] == nr.actor.text


# (sentence, kind, actor, whole phrase)
POSITIVE = [
    ("The harbour authority declined to comment on the fire.", "declined_to_comment",
     "The harbour authority", "The harbour authority declined to comment on the fire"),
    ("A spokesman for the airline declined to say whether flights would resume.", "declined_to_comment",
     "A spokesman for the airline",
     "A spokesman for the airline declined to say whether flights would resume"),
    ("The club refused to give details of the settlement.", "declined_to_comment",
     "The club", "The club refused to give details of the settlement"),
    ("The embassy would not comment on the arrests.", "declined_to_comment",
     "The embassy", "The embassy would not comment on the arrests"),
    ("Northwind Mining did not immediately respond to a request for comment on Sunday.", "did_not_respond",
     "Northwind Mining", "Northwind Mining did not immediately respond to a request for comment"),
    ("A lawyer for the captain did not return calls seeking comment.", "did_not_respond",
     "A lawyer for the captain", "A lawyer for the captain did not return calls seeking comment"),
    ("The regional governor did not reply to emailed questions.", "did_not_respond",
     "The regional governor", "The regional governor did not reply to emailed questions"),
    ("The shipping company has yet to respond to questions about the spill.", "did_not_respond",
     "The shipping company", None),
    ("The farm's owner could not be reached for comment.", "could_not_be_reached",
     "The farm's owner", "The farm's owner could not be reached for comment"),
    ("The coach was not available for comment.", "could_not_be_reached", "The coach", None),
    ("Police in Tromso referred questions to the county prosecutor.", "referred_elsewhere",
     "Police in Tromso", "Police in Tromso referred questions to the county prosecutor"),
    ("Asked about the delay, a council spokeswoman said: “No comment.”", "no_comment",
     "a council spokeswoman", "a council spokeswoman said: “No comment.”"),
    ("“No comment,” the striker's agent said.", "no_comment", "the striker's agent", None),
    ("The bank said it had no immediate comment.", "no_comment", "it", None),
    ("Messages left at the company's headquarters went unanswered.", "did_not_respond", None,
     "Messages left at the company's headquarters went unanswered"),
    ("Calls to the mayor's office were not returned.", "did_not_respond", None, None),
    ("Neither the club nor its owner responded to requests for comment.", "did_not_respond",
     "Neither the club nor its owner", None),
    ("The agency would neither confirm nor deny the figures.", "declined_to_comment",
     "The agency", "The agency would neither confirm nor deny the figures"),
    ("No one at the shipyard could be reached for comment.", "could_not_be_reached",
     "No one at the shipyard", "No one at the shipyard could be reached for comment"),
    ("There was no immediate response from the interior ministry.", "did_not_respond",
     "the interior ministry", "There was no immediate response from the interior ministry"),
    ("A spokesman said the bank does not comment on individual clients.", "declined_to_comment",
     "the bank", "the bank does not comment on individual clients"),
    ("Attempts to reach the ship's owner were unsuccessful.", "could_not_be_reached",
     "the ship's owner", "Attempts to reach the ship's owner were unsuccessful"),
    ("“No comment at this stage,” said a spokeswoman for the rail operator.", "no_comment",
     "a spokeswoman for the rail operator",
     "“No comment at this stage,” said a spokeswoman for the rail operator"),
    # issue 15: the actor names the person, not only "Its director"
    ("Its director, Peter Kiprono, could not be reached.", "could_not_be_reached",
     "Its director, Peter Kiprono", "Its director, Peter Kiprono, could not be reached"),
    ("The ministry, which oversees the port, declined to comment.", "declined_to_comment",
     "The ministry", "The ministry, which oversees the port, declined to comment"),
]


@pytest.mark.parametrize(("text", "kind", "actor", "phrase"), POSITIVE)
def test_non_response_found(
    nlp: Language, text: str, kind: str, actor: str | None, phrase: str | None
) -> None:
    (nr,) = find_non_responses(_parse(nlp, text))
    assert nr.kind == kind
    assert (nr.actor.text if nr.actor else None) == actor
    if phrase is not None:
        assert nr.span.text == phrase
    _check_offsets(text, nr)


NEGATIVE = [
    "A senior officer, who spoke on condition of anonymity, said the search would go on.",
    "A diplomat who asked not to be named said talks had stalled.",
    "The group did not say how much money it wanted.",
    "An engineer at the plant, who declined to be identified, said the valves had failed before.",
    "The patient did not respond to treatment and was moved to intensive care.",
    "The council declined to renew the contract last year.",
    "Shares in the company declined 4 percent on Tuesday.",
    "The company refused to give the workers a pay rise.",
    "An agreement has not been reached on the budget.",
    "The minister said she would answer questions in parliament next week.",
    "“We did not respond to the threats, and we never will,” the director said.",
    "The union said there had been no response from management to its pay offer.",
    "Police refused to release the names of the victims.",
    "The court refused requests to halt the demolition.",
    "The files will not be disclosed until the trial.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_non_response(nlp: Language, text: str) -> None:
    assert find_non_responses(_parse(nlp, text)) == []


def test_two_actors_in_one_sentence(nlp: Language) -> None:
    text = ("The ferry operator declined to name the crew members, and port police did not "
            "immediately respond to a request for comment.")
    found = find_non_responses(_parse(nlp, text))
    assert [(n.kind, n.actor.text if n.actor else None) for n in found] == [
        ("declined_to_comment", "The ferry operator"),
        ("did_not_respond", "port police"),
    ]
    for nr in found:
        _check_offsets(text, nr)


def test_referral_with_participle_keeps_the_main_subject(nlp: Language) -> None:
    text = "The customs agency declined to comment, referring questions to the finance ministry."
    found = find_non_responses(_parse(nlp, text))
    assert [n.kind for n in found] == ["declined_to_comment", "referred_elsewhere"]
    declined, referred = found
    assert declined.span.text == "The customs agency declined to comment"
    assert referred.actor is not None and referred.actor.text == "The customs agency"
    assert referred.span.text == "referring questions to the finance ministry"


def test_relative_clause_actor(nlp: Language) -> None:
    text = "The ministry referred questions to the coast guard, which declined to comment."
    found = find_non_responses(_parse(nlp, text))
    assert [(n.kind, n.actor.text if n.actor else None) for n in found] == [
        ("referred_elsewhere", "The ministry"),
        ("declined_to_comment", "which"),
    ]
    assert found[0].span.text == "The ministry referred questions to the coast guard"


def test_phrase_stops_at_the_paragraph(nlp: Language) -> None:
    text = ("Inspectors referred questions to the transport agency, which said it was reviewing the case.\n\n"
            "The bus company could not be reached for comment.")
    found = find_non_responses(_parse(nlp, text))
    assert [n.kind for n in found] == ["referred_elsewhere", "could_not_be_reached"]
    assert "\n" not in found[0].span.text
    assert found[1].span.text == "The bus company could not be reached for comment"


def test_findings_in_dropped_lines_are_ignored(nlp: Language) -> None:
    text = ("Storm closes airport\n\nRELATED: Why the minister declined to comment on the airport\n\n"
            "The airport operator declined to comment.")
    found = find_non_responses(_parse(nlp, text))
    assert [n.actor.text if n.actor else None for n in found] == ["The airport operator"]


def test_component_stores_findings(nlp: Language) -> None:
    component = make_non_responses(nlp, "onrecord_non_responses")
    doc = component(_parse(nlp, "The museum declined to comment."))
    assert [n.kind for n in non_responses_of(doc)] == ["declined_to_comment"]
