"""Times on the real English model: values by the README convention, anchors, offsets, speakers."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from onrecord import analyze
from onrecord.nlp import time_calendar as tv
from onrecord.nlp.boilerplate import find_boilerplate
from onrecord.nlp.extensions import register_extensions, set_dropped, set_published
from onrecord.nlp.model import load_base_model
from onrecord.nlp.times import dateline_day, find_times
from onrecord.records import TimeExpression

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    return load_base_model()


def _times(nlp: Language, text: str, published: str | None = "2025-09-08") -> list[TimeExpression]:
    doc = nlp.make_doc(text)
    set_published(doc, published)
    doc = nlp(doc)
    set_dropped(doc, find_boilerplate(text))
    found = find_times(doc)
    for t in found:
        (s, e), = t.spans
        assert text[s:e] == t.text
    assert [t.id for t in found] == [f"T{i}" for i in range(1, len(found) + 1)]
    return found


def _only(nlp: Language, text: str, published: str = "2025-09-08") -> TimeExpression:
    found = _times(nlp, text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


# Publication dates: 2025-09-08 is a Monday, 2025-09-12 a Friday, 2025-12-30 a Tuesday.
# (sentence, published, span text, value, vague, anchor)
PUB = "publication"
CASES = [
    # bare weekdays by tense; part-of-day words dropped; the publication weekday itself
    ("The council voted late Friday to delay the contract.", "2025-09-08", "late Friday", "2025-09-05",
     False, PUB),
    ("The ministers will meet again on Thursday.", "2025-09-08", "Thursday", "2025-09-11", False, PUB),
    ("The rally, planned for Sunday, was cancelled.", "2025-09-12", "Sunday", "2025-09-14", False, PUB),
    ("The bridge collapsed on Friday afternoon.", "2025-09-12", "Friday afternoon", "2025-09-12", False, PUB),
    ("Polls closed at 8 p.m. on Sunday.", "2025-09-08", "8 p.m. on Sunday", "2025-09-07", False, PUB),
    # last / this / next + weekday
    ("The ministry issued the warning last Friday.", "2025-09-12", "last Friday", "2025-09-05", False, PUB),
    ("The premier visits the districts this Thursday.", "2025-09-08", "this Thursday", "2025-09-11", False,
     PUB),
    ("Talks resume next Tuesday.", "2025-09-12", "next Tuesday", "2025-09-16", False, PUB),
    # deictic days
    ("The governor signed the bill yesterday.", "2025-09-08", "yesterday", "2025-09-07", False, PUB),
    ("Gunmen attacked a police post last night.", "2025-09-08", "last night", "2025-09-07", False, PUB),
    ("The body was found the day before yesterday.", "2025-09-08", "the day before yesterday", "2025-09-06",
     False, PUB),
    # weeks, months, years
    ("Shares fell last week.", "2025-09-08", "last week", "2025-09-01/2025-09-07", False, PUB),
    ("The inquiry reports next month.", "2025-09-08", "next month", "2025-10-01/2025-10-31", False, PUB),
    ("Prices rose earlier this month.", "2025-09-08", "earlier this month", "2025-09-01/2025-09-07", False,
     PUB),
    ("Rates may fall later this year.", "2025-09-08", "later this year", "2025-09-09/2025-12-31", False, PUB),
    ("The airline will cut jobs by December.", "2025-09-08", "December", "2025-12-01/2025-12-31", False, PUB),
    ("Inflation slowed in November.", "2025-12-30", "November", "2025-11-01/2025-11-30", False, PUB),
    ("The tram line opens in late July.", "2025-06-11", "late July", "2025-07-21/2025-07-31", False, PUB),
    ("Fuel prices rose sharply last year.", "2026-01-06", "last year", "2025-01-01/2025-12-31", False, PUB),
    ("The company plans to list early next year.", "2025-09-08", "early next year", "2026-01-01/2026-04-30",
     True, PUB),
    ("Exports fell in the first quarter.", "2025-04-24", "the first quarter", "2025-01-01/2025-03-31",
     False, PUB),
    # month and day without a year, in the direction of the tense; holidays
    ("The new law comes into force on Jan. 1.", "2025-12-30", "Jan. 1", "2026-01-01", False, PUB),
    ("Fireworks injured 40 people on New Year's Eve.", "2026-01-02", "New Year's Eve", "2025-12-31", False,
     PUB),
    ("The summit has been moved to the week of March 23.", "2026-03-14", "the week of March 23",
     "2026-03-23/2026-03-29", False, PUB),
    # offsets
    ("Two days ago, a ship ran aground.", "2025-10-15", "Two days ago", "2025-10-13", False, PUB),
    ("Two years ago, the factory was fined.", "2025-03-17", "Two years ago", "2023-01-01/2023-12-31",
     False, PUB),
    # durations and vague references
    ("The ceasefire was signed after three days of talks.", "2025-09-08", "three days", "P3D", False, "none"),
    ("The trial is expected to last two weeks.", "2025-09-08", "two weeks", "P2W", False, "none"),
    ("The smelter has been closed for the past six months.", "2025-09-08", "the past six months", "P6M",
     False,
     "none"),
    ("The terminal was shut for nearly 36 hours.", "2025-09-08", "nearly 36 hours", "PT36H", False, "none"),
    ("The bridge will reopen in a matter of weeks.", "2025-09-08", "a matter of weeks", "PXW", True, "none"),
    ("New guidelines come in the coming days.", "2025-09-08", "the coming days", "FUTURE_REF", True, "none"),
    ("At present, the airport runs at half capacity.", "2025-09-08", "At present", "PRESENT_REF", True,
     "none"),
    # explicit dates need no anchor
    ("The fund collapsed on March 4, 2021.", "2025-09-08", "March 4, 2021", "2021-03-04", False, "none"),
    ("Returns were misstated between 2019 and 2023.", "2025-09-08", "2019 and 2023", "2019-01-01/2023-12-31",
     False, "none"),
    ("The plant opens in mid-2026.", "2025-09-08", "mid-2026", "2026-05-01/2026-08-31", False, "none"),
]


@pytest.mark.parametrize(("text", "published", "span", "value", "vague", "anchor"), CASES)
def test_values_follow_the_convention(
    nlp: Language, text: str, published: str, span: str, value: str, vague: bool, anchor: str,
) -> None:
    found = _only(nlp, text, published)
    assert (found.text, found.value, found.vague, found.anchor) == (span, value, vague, anchor)


def test_anchored_to_the_expression_before(nlp: Language) -> None:
    found = _times(nlp, "The president arrived on Sept. 2 and met local leaders the following day.")
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("Sept. 2", "2025-09-02", "publication"), ("the following day", "2025-09-03", "text")]


NOT_TIMES = [
    "A 62-year-old man was hurt.",
    "The clinic sees patients twice a week.",
    "The plant produces 50 million doses a year.",
    "The market draws thousands of people every Thursday.",
    "You may go now.",
    "About 2,000 people were evacuated.",
]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_ages_frequencies_and_numbers_are_not_times(nlp: Language, text: str) -> None:
    assert _times(nlp, text) == []


DATELINE = ("Hackers claim attack\n\nGDANSK, Poland, March 4 (NPA) — A cyberattack halted loading at the "
            "terminal, the operator said on Tuesday. The post appeared late Sunday.")


def test_dateline_anchors_when_there_is_no_publication_date(nlp: Language) -> None:
    found = _times(nlp, DATELINE, published=None)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("March 4", "2025-03-04", "dateline"), ("Tuesday", "2025-03-04", "dateline"),
        ("late Sunday", "2025-03-02", "dateline")]


def test_publication_date_wins_over_the_dateline(nlp: Language) -> None:
    found = _times(nlp, DATELINE, published="2025-03-05T09:30:00Z")
    assert found[0].value == "2025-03-04"  # the dateline's own day, resolved against publication
    assert found[1].value == "2025-03-04"
    assert {t.anchor for t in found} == {"publication"}


def test_dateline_year_and_today() -> None:
    day, bounds = dateline_day("GDANSK, Poland, March 4, 2019 (NPA) — Text.")
    assert day == date(2019, 3, 4)
    assert bounds is not None
    assert dateline_day(DATELINE, today=date(2026, 12, 6))[0] == date(2025, 3, 4)  # March 4, 2025 a Tuesday
    assert dateline_day("No dateline here.")[0] is None


def test_no_date_at_all_leaves_relative_times_unresolved(nlp: Language) -> None:
    text = "The council voted late Friday and will meet again next month. It was founded in 1990."
    found = _times(nlp, text, published=None)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("late Friday", None, "none"), ("next month", None, "none"),
        ("1990", "1990-01-01/1990-12-31", "none")]


def test_offsets_after_a_title(nlp: Language) -> None:
    text = "Strike ends\n\nDockworkers returned to work on Monday after a strike of two weeks."
    found = _times(nlp, text)
    assert [(t.text, t.spans) for t in found] == [
        ("Monday", ((text.index("Monday"), text.index("Monday") + 6),)),
        ("two weeks", ((text.index("two weeks"), text.index("two weeks") + 9),))]


def test_attribution_inside_and_outside_the_quote() -> None:
    text = ('"We will meet again next Tuesday," the minister said. The talks broke down on Monday.')
    record = analyze(text, published="2025-09-12")
    times = {t["text"]: t for t in record.to_dict()["times"]}
    (attribution,) = record.attributions
    assert times["next Tuesday"]["attribution_id"] == attribution.id
    assert times["next Tuesday"]["value"] == "2025-09-16"
    assert times["Monday"]["attribution_id"] is None
    assert times["Monday"]["value"] == "2025-09-08"
    assert "onrecord_times" in record.provenance.stages


def test_a_dropped_line_yields_nothing(nlp: Language) -> None:
    text = ("The strike began on Monday.\n\nREAD MORE: Why the strike planned for Friday matters\n\n"
            "It goes on.")
    assert [t.text for t in _times(nlp, text)] == ["Monday"]


def test_bad_input_gives_none_or_a_sane_value(nlp: Language) -> None:
    assert _only(nlp, "The vote was held on February 30.").value is None
    assert _only(nlp, "The vote was held on February 30, 2024.").value is None
    long = "The crowd, " + "which waited and waited, " * 400 + "dispersed on Friday."
    found = _times(nlp, long)
    assert [(t.text, t.value) for t in found] == [("Friday", "2025-09-05")]
    for published in ("not a date", "2025-13-45", "", "Tue, 04 Mar 2025 10:00:00 +0000"):
        found = _times(nlp, "The port reopened on Monday.", published=published or None)
        assert len(found) == 1
        if published.startswith("Tue"):
            assert found[0].value == "2025-03-03"
    assert analyze("Nothing happened here at all.").to_dict()["times"] == []


def test_calendar_edges() -> None:
    assert tv.parse_published("2025-03-04T23:30:00-05:00") == date(2025, 3, 4)
    assert tv.parse_published("garbage") is None
    assert tv.make_date(2025, 2, 30) is None
    assert tv.make_date(99999, 1, 1) is None
    assert tv.month_day(date(2024, 12, 30), 1, 1, future=True) == date(2025, 1, 1)
    assert tv.month_day(date(2025, 1, 2), 12, 31, future=False) == date(2024, 12, 31)
    assert tv.month_day(date(2025, 3, 1), 2, 29, future=False) == date(2024, 2, 29)
    assert tv.weekday(date(2025, 9, 12), 4, None, future=False) == date(2025, 9, 12)
    assert tv.weekday(date(2025, 9, 12), 4, "last", future=False) == date(2025, 9, 5)
    assert tv.duration(None, "W", False) == "PXW"
    assert tv.duration(36, "H", True) == "PT36H"


def test_round_trip() -> None:
    t = TimeExpression("T1", "late Tuesday", ((3, 15),), "2025-03-04", False, "publication", "A1")
    assert TimeExpression.from_dict(t.to_dict()) == t
