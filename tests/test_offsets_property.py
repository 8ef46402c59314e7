"""Offsets are sacred: for every span we emit, text[start:end] is the span's text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onrecord
from onrecord.findings import kinds

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


INVISIBLES = ["", "", "\u200b", "\u00ad", "\u2060", "\ufeff", "\u200c", "\u200d"]


@st.composite
def hidden(draw: st.DrawFn, words: list[str]) -> str:
    """A word, sometimes with an invisible format character inside (issue 14 §2)."""
    word = draw(st.sampled_from(words))
    at = draw(st.integers(0, len(word)))
    return word[:at] + draw(st.sampled_from(INVISIBLES)) + word[at:]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    name, verb = draw(hidden(NAMES)), draw(hidden(VERBS))
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
    for kind in kinds():  # every kind, the generic ones too (times, figures, places, events)
        for finding in record.get(kind.name, ()):
            for span in _spans(finding):
                _check_span(text, span)


def _spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every {"text", "spans"} object in a finding's JSON form, nested ones too."""
    if isinstance(value, list):
        for v in value:
            yield from _spans(v)
    elif isinstance(value, dict):
        if isinstance(value.get("text"), str) and value.get("spans"):
            yield value
        for v in value.values():
            yield from _spans(v)
