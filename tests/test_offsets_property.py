"""Offsets are sacred: for every span we emit, text[start:end] is the span's text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord

pytestmark = pytest.mark.model

NAMES = ["Jane Doe", "Ahmed Karimi", "José Núñez", "the minister", "Two officials",
         "A spokeswoman for the port", "critics", "Zoë O'Brien-Smith"]
VERBS = ["said", "told reporters", "warned", "denied", "insisted", "wrote on X", "confirmed", "noted"]
CLAUSES = ["the talks had failed", "prices could rise", "no decision was made", "the bridge is safe",
           "the army reportedly moved north", "the vote was allegedly rigged"]
QUOTES = ["\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", ""]
SPACES = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0"]
EXTRAS = ["READ MORE: Ten things to know", "Sign up for our newsletter", "(Photo: Kim Lee / Agency)",
          "The ministry declined to comment.", "He did not immediately respond to a request for comment.",
          "No comment.", "According to the report,", "—", ":", "😀", "\u200b"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    name, verb = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS))
    clause = draw(st.sampled_from(CLAUSES))
    q1, q2 = draw(st.sampled_from(QUOTES)), draw(st.sampled_from(QUOTES))
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"{name} {verb} that {clause}."
    if form == 1:
        return f"{q1}{clause.capitalize()},{q2} {name} {verb}."
    if form == 2:
        return f"{q1}{clause.capitalize()},{q2} {verb} {name}. {q1}And more,{q2}"
    return draw(st.sampled_from(EXTRAS))


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(sentences(), min_size=1, max_size=8))
    glue = [draw(st.sampled_from(SPACES)) for _ in parts]
    return "Title line\n\n" + "".join(p + g for p, g in zip(parts, glue, strict=True))


def _check_span(text: str, span: dict[str, Any] | None) -> None:
    if span is None:
        return
    pieces = []
    for s, e in span["spans"]:
        assert 0 <= s < e <= len(text)
        pieces.append(text[s:e])
    assert " ".join(pieces) == span["text"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_span_points_into_the_text(text: str) -> None:
    record = onrecord.analyze(text, settings=onrecord.Settings(check_language=False)).to_dict()
    assert record["text"] == text
    for a in record["attributions"]:
        for role in ("cue", "source", "content"):
            _check_span(text, a[role])
        assert 0.0 <= a["confidence"] <= 1.0
    for src in record["sources"]:
        for s, e in src["mentions"]:
            assert 0 <= s < e <= len(text)
    for n in record["non_responses"]:
        _check_span(text, n["actor"])
        _check_span(text, {"text": n["text"], "spans": n["spans"]})
    for d in record["dropped"]:
        for s, e in d.get("spans", []):
            assert text[s:e] == d["text"]
