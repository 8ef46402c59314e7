"""The figures stage: quantities with qualifier, unit, currency and the attribution that states them."""

from __future__ import annotations

import json
import time

import pytest
from spacy.language import Language

from onrecord.findings import FIGURES
from onrecord.nlp.extensions import attributions_of, findings_of
from onrecord.nlp.figures import find_figures
from onrecord.records import Figure

pytestmark = pytest.mark.model

Row = tuple[str, float | int | None, str | None, str | None, str | None]


def figures(nlp: Language, text: str) -> list[Figure]:
    doc = nlp(text)
    found = findings_of(doc, FIGURES)
    for f in found:
        (s, e), = f.spans
        assert text[s:e] == f.text
    assert [f.id for f in found] == [f"F{k}" for k in range(1, len(found) + 1)]
    return found


def rows(nlp: Language, text: str) -> list[Row]:
    return [(f.text, f.value, f.qualifier, f.unit, f.currency) for f in figures(nlp, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The convoy of more than 300 trucks reached the border.",
     ("more than 300 trucks", 300, "more_than", "trucks", None)),
    ("The port paid about S$240 million for the cranes.",
     ("about S$240 million", 240_000_000, "about", "SGD", "SGD")),
    ("Prices rose by up to 12 percent last year.", ("up to 12 percent", 12, "up_to", "percent", None)),
    ("Shares fell as much as 14 percent.", ("as much as 14 percent", 14, "up_to", "percent", None)),
    ("Turnout was nearly 12% lower.", ("nearly 12%", 12, "nearly", "percent", None)),
    ("The ministry sent 2,000 troops to the region.", ("2,000 troops", 2000, None, "troops", None)),
    ("The lender lost $1.5 billion on the deal.", ("$1.5 billion", 1_500_000_000, None, "USD", "USD")),
    ("He received at least 11 payments.", ("at least 11 payments", 11, "at_least", "payments", None)),
    ("The fund paid about 23,000 euros.", ("about 23,000 euros", 23000, "about", "EUR", "EUR")),
    ("A dozen ships left the harbour.", ("A dozen ships", 12, None, "ships", None)),
    ("Tens of thousands of people fled the city.",
     ("Tens of thousands of people", None, None, "people", None)),
    ("The firm was sued by dozens of investors.", ("dozens of investors", None, None, "investors", None)),
    ("About a third of the money went missing.",
     ("About a third of the money", 0.33, "about", "share of the money", None)),
    ("The navy lost six of its ships.", ("six of its ships", 6, None, "ships", None)),
    ("The quake had a magnitude 6.1 reading.", ("magnitude 6.1", 6.1, None, "magnitude", None)),
    ("The village lies 40 kilometres from the coast.", ("40 kilometres", 40, None, "kilometres", None)),
    ("The board proposed 1.20 euros per share.",
     ("1.20 euros per share", 1.2, None, "EUR per share", "EUR")),
    ("The bank cut rates by 25 basis points.", ("25 basis points", 25, None, "basis points", None)),
    ("The pact covers some 40 countries.", ("some 40 countries", 40, "about", "countries", None)),
    ("The plant makes 5 million tonnes per year.",
     ("5 million tonnes per year", 5_000_000, None, "tonnes per year", None)),
    ("An estimated 1.2 billion rand was moved.",
     ("An estimated 1.2 billion rand", 1_200_000_000, "about", "ZAR", "ZAR")),
    ("Exactly 500 votes separated them.", ("Exactly 500 votes", 500, "exactly", "votes", None)),
    ("The firm raised €50m from backers.", ("€50m", 50_000_000, None, "EUR", "EUR")),
    ("A handful of residents stayed behind.", ("A handful of residents", None, None, "residents", None)),
    ("Twenty-five workers were hurt.", ("Twenty-five workers", 25, None, "workers", None)),
    ("Oil traded at $5 a barrel.", ("$5 a barrel", 5, None, "USD per barrel", "USD")),
    ("Fines reached Ksh 2 billion.", ("Ksh 2 billion", 2_000_000_000, None, "KES", "KES")),
    ("Between 200 and 300 homes were damaged.",  # a range keeps its lower bound
     ("Between 200 and 300 homes", 200, None, "homes", None)),
    ("One in five homes was damaged.", ("One in five homes", 0.2, None, "share of homes", None)),
    ("The storm destroyed nearly two-thirds of the crops.",
     ("nearly two-thirds of the crops", 0.67, "nearly", "share of the crops", None)),
])
def test_figure(onrecord_nlp: Language, text: str, expected: Row) -> None:
    assert rows(onrecord_nlp, text) == [expected]


@pytest.mark.parametrize("text", [
    "Two officials said the talks had stalled.",  # a source's count
    "Three people familiar with the plan said it was shelved.",
    "The two companies declined to comment.",  # a definite reference
    "Smith, 45, was arrested at the scene.",  # ages
    "A 38-year-old worker was charged.",
    "The suspect, aged 19, was released.",
    "She was the first to arrive and the second to leave.",  # ordinals
    "Flight 370 vanished over the ocean.",  # numbers in names
    "The council passed Resolution 2231.",
    "The strike began on March 4, 2025, at 3 p.m.",  # dates and times
    "The law was passed in 2024.",
    "He was held for 14 months.",  # durations are times
    "They meet two or three times a week.",  # frequencies
    "It is one of the largest ports in Europe.",
])
def test_not_a_figure(onrecord_nlp: Language, text: str) -> None:
    assert rows(onrecord_nlp, text) == []


def test_offsets_and_order_in_a_paragraph(onrecord_nlp: Language) -> None:
    text = ("GDANSK, Poland, March 4 (NPA) — More than 300 trucks were stuck at the terminal, "
            "and losses could reach 2 million euros, the operator said. "
            "About 40 percent of the cargo was food.")
    found = figures(onrecord_nlp, text)
    assert [f.text for f in found] == ["More than 300 trucks", "2 million euros", "About 40 percent"]


def test_attribution_inside_and_outside_a_quote(onrecord_nlp: Language) -> None:
    text = ('“We lost 40 homes in one night,” the mayor said on Tuesday. '
            "The town has 3,000 residents.")
    doc = onrecord_nlp(text)
    found = {f.text: f for f in findings_of(doc, FIGURES)}
    assert set(found) == {"40 homes", "3,000 residents"}
    holder = found["40 homes"].attribution_id
    assert holder is not None and holder in {a.id for a in attributions_of(doc)}
    assert found["3,000 residents"].attribution_id is None


def test_nothing_from_a_dropped_line(onrecord_nlp: Language) -> None:
    text = ("KIGALI, March 4 (NPA) — Rwanda sent 500 soldiers to the border, the army said.\n\n"
            "READ MORE: Why 3,000 refugees crossed the border last year\n\n"
            "The army did not say how long the soldiers would stay.\n")
    found = figures(onrecord_nlp, text)
    assert [f.text for f in found] == ["500 soldiers"]


def test_bad_inputs_give_a_sane_value_or_none(onrecord_nlp: Language) -> None:
    (huge,) = figures(onrecord_nlp, "The claim was for 1,000,000,000,000,000,000 dollars.")
    assert huge.value == 10 ** 18 and huge.currency == "USD"
    (endless,) = figures(onrecord_nlp, "They counted " + "9" * 400 + " trucks.")
    assert endless.value is None and endless.unit == "trucks"
    json.dumps([f.to_dict() for f in (huge, endless)], allow_nan=False)


def test_a_sentence_of_two_thousand_tokens(onrecord_nlp: Language) -> None:
    text = "Officials counted " + ", ".join(f"{k} trucks" for k in range(1, 700)) + " at the border."
    doc = onrecord_nlp(text)
    started = time.perf_counter()
    found = find_figures(doc)
    assert time.perf_counter() - started < 2.0
    assert len(doc) >= 2000
    assert len(found) > 600 and all(f.unit == "trucks" for f in found if f.value is not None)


def test_record_round_trip() -> None:
    f = Figure("F1", "more than 300 trucks", ((10, 30),), 300, "more_than", "trucks", None, "A4")
    assert Figure.from_dict(json.loads(json.dumps(f.to_dict()))) == f
    assert f.to_dict() == {
        "id": "F1", "text": "more than 300 trucks", "spans": [[10, 30]], "value": 300,
        "qualifier": "more_than", "unit": "trucks", "currency": None, "attribution_id": "A4"}
    assert Figure.from_dict({"id": "F2", "text": "x", "spans": [[0, 1]], "value": "bad"}).value is None
