"""Invisible format characters (zero-width space, soft hyphen, …) are left out of what spaCy reads,
and every offset points into the text as given (issue 14 §2)."""

from __future__ import annotations

from typing import Any

import pytest

import onrecord
from onrecord.findings import kinds
from onrecord.nlp.invisible import INVISIBLE, without_invisible

SETTINGS = onrecord.Settings(check_language=False)


def test_a_text_without_invisible_characters_is_analysed_as_given() -> None:
    text = "Maria Kowalski said the talks had failed. 👨\u200d👩\u200d👧 \u0915\u094d\u200d\u0937"
    analysed, offsets = without_invisible(text)
    assert analysed is text and offsets is None  # emoji and Devanagari joiners are kept


def test_offsets_map_back_into_the_original() -> None:
    text = "\ufeffMaria Ko\u200bwalski sa\u00adid it\u200b\u200b."
    analysed, offsets = without_invisible(text)
    assert analysed == "Maria Kowalski said it."
    assert offsets is not None
    for start, end in [(0, 14), (15, 19), (20, 22), (0, len(analysed))]:
        s, e = offsets.span(start, end)
        assert text[s:e].replace("\u200b", "").replace("\u00ad", "") == analysed[start:end]
        assert not INVISIBLE.match(text[s]) and not INVISIBLE.match(text[e - 1])  # edges are visible
    assert offsets.span(0, 14) == (1, 16)
    assert offsets.span(15, 19) == (17, 22) and offsets.span(20, 22) == (23, 25)


def test_restore_maps_every_span_and_mention_and_reads_the_text_again() -> None:
    text = "Ko\u200bwalski sa\u00adid no."
    analysed, offsets = without_invisible(text)
    assert offsets is not None and analysed == "Kowalski said no."
    found: dict[str, Any] = {
        "cue": {"text": "said", "spans": [[9, 13]]},
        "nested": [{"text": "Kowalski no", "spans": [[0, 8], [14, 16]], "value": 3}],
        "mentions": [[0, 8]],
        "other": "Kowalski",
    }
    restored = offsets.restore(found)
    assert restored["cue"] == {"text": "sa\u00adid", "spans": [[10, 15]]}
    assert restored["nested"] == [{"text": "Ko\u200bwalski no", "spans": [[0, 9], [16, 18]], "value": 3}]
    assert restored["mentions"] == [[0, 9]]
    assert restored["other"] == "Kowalski"


def _spans(value: Any) -> list[dict[str, Any]]:
    """Every {"text", "spans"} object in a record's JSON form."""
    if isinstance(value, list):
        return [s for v in value for s in _spans(v)]
    if not isinstance(value, dict):
        return []
    own = [value] if isinstance(value.get("text"), str) and value.get("spans") else []
    return own + [s for v in value.values() for s in _spans(v)]


def _assert_offsets(record: dict[str, Any], text: str) -> None:
    assert record["text"] == text
    for span in _spans({k: v for k, v in record.items() if k != "text"}):
        assert " ".join(text[s:e] for s, e in span["spans"]) == span["text"]
    for source in record["sources"]:
        for s, e in source["mentions"]:
            assert 0 <= s < e <= len(text)


CASES = [
    ("Anna\u200bLena Berg said on Friday that the talks had failed in Warsaw.",
     "AnnaLena Berg said on Friday that the talks had failed in Warsaw."),
    ("Maria Ko\u200bwalski said on Friday that the talks had failed in Warsaw.",
     "Maria Kowalski said on Friday that the talks had failed in Warsaw."),
    ("Maria Kowalski sa\u00adid on Friday that 300 police officers had arrested protesters in Warsaw.",
     "Maria Kowalski said on Friday that 300 police officers had arrested protesters in Warsaw."),
    ("\ufeffMaria\u2060 Kowalski said that the talks had failed.",
     "Maria Kowalski said that the talks had failed."),
]


@pytest.mark.model
@pytest.mark.parametrize(("given", "clean"), CASES)
def test_an_invisible_character_loses_no_source(given: str, clean: str) -> None:
    expected = onrecord.analyze(clean, settings=SETTINGS)
    record = onrecord.analyze(given, settings=SETTINGS)
    assert expected.attributions and expected.sources  # the clean text has its source
    _assert_offsets(record.to_dict(), given)

    def strip(s: str) -> str:
        return INVISIBLE.sub("", s)

    assert [(strip(a.source.text) if a.source else None, strip(a.cue.text), strip(a.content.text))
            for a in record.attributions] == [
        (a.source.text if a.source else None, a.cue.text, a.content.text) for a in expected.attributions]
    assert [(s.name, s.identity, s.type, len(s.mentions)) for s in record.sources] == [
        (s.name, s.identity, s.type, len(s.mentions)) for s in expected.sources]
    for kind in kinds():  # times, figures, places, events: the same findings
        assert [strip(f.to_dict().get("text") or "") for f in record.of(kind)] == [
            f.to_dict().get("text") or "" for f in expected.of(kind)], kind.name
