"""The promised public API: a sorted __all__ and the one-call analyze()."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import onrecord

if TYPE_CHECKING:
    from spacy.language import Language


def test_all_is_sorted_and_exported() -> None:
    assert onrecord.__all__ == sorted(onrecord.__all__)
    for name in onrecord.__all__:
        assert hasattr(onrecord, name), name


@pytest.mark.model
def test_analyze_returns_record_with_contract_keys(onrecord_nlp: Language) -> None:
    text = 'Rail workers will strike on Monday, union leader Ana Costa said. "We have no choice," she added.'
    record = onrecord.analyze(text)
    d = record.to_dict()
    for key in ("id", "url", "title", "outlet", "authors", "published", "language", "text", "attributions",
                "sources", "non_responses", "dropped", "summary",
                "provenance"):
        assert key in d, key
    assert d["text"] == text
    assert [(t["text"], t["value"], t["anchor"]) for t in d["times"]] == [("Monday", None, "none")]  # no date
    assert d["places"] == []  # the places stage ran and found none
    assert d["figures"] == []  # the figures stage ran and found none
    assert d["summary"]["attributions"] == len(d["attributions"]) >= 1
    assert d["provenance"]["onrecord"] == onrecord.__version__
    assert "en_core_web_sm" in d["provenance"]["spacy_model"]


@pytest.mark.model
def test_analyze_is_deterministic_and_ids_stable(onrecord_nlp: Language) -> None:
    text = "The minister said on Tuesday that the bridge would reopen next month."
    a, b = onrecord.analyze(text), onrecord.analyze(text)
    assert a.to_dict() == b.to_dict()
    assert a.id == b.id


@pytest.mark.model
def test_analyze_html_goes_through_extraction(onrecord_nlp: Language) -> None:
    body = " ".join(["The port authority said the cranes would be back in service by Friday."] * 4)
    html = (
        "<!DOCTYPE html><html><head><title>Port reopens</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Port reopens</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    record = onrecord.analyze(html, url="https://news.example.org/port")
    assert "Home | World" not in record.text
    assert record.url == "https://news.example.org/port"
    for a in record.attributions:
        for s, e in a.cue.spans:
            assert record.text[s:e] in a.cue.text


def test_empty_text_raises_clear_error() -> None:
    with pytest.raises(onrecord.NoArticleText):
        onrecord.analyze("   \n  ")
