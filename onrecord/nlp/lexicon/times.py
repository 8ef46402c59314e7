"""Times: the words of dates, periods, durations and tense, read by ``nlp/times.py``.

Names are written as they appear in text (weekdays and months capitalised); every other
word is matched case-insensitively. Lemmas where a comment says so.
"""

from __future__ import annotations

from typing import Final

WEEKDAYS: Final[dict[str, int]] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6,
}
# Full month names (a bare month must be written in full); abbreviations only with a day.
MONTHS: Final[dict[str, int]] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
MONTH_ABBREVIATIONS: Final[dict[str, int]] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}
# A bare month that is also a common word counts only after one of these (lower-cased).
AMBIGUOUS_MONTHS: Final[frozenset[str]] = frozenset({"May", "March"})
MONTH_PREPOSITIONS: Final[frozenset[str]] = frozenset({
    "in", "since", "by", "until", "till", "of", "from", "through", "early", "mid", "late", "last",
    "next", "this", "before", "after", "during", "to", "and", "between", "or", "end",
})
# Fixed-date holidays: (month, day).
HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "New Year's Eve": (12, 31), "New Year’s Eve": (12, 31), "New Year's Day": (1, 1),
    "New Year’s Day": (1, 1), "Christmas Eve": (12, 24), "Christmas Day": (12, 25), "Christmas": (12, 25),
    "Boxing Day": (12, 26), "Halloween": (10, 31), "Valentine's Day": (2, 14), "Valentine’s Day": (2, 14),
}

# Parts of a day: dropped from the value ("late Friday", "Sunday afternoon" take the day).
DAY_PARTS: Final[tuple[str, ...]] = ("morning", "afternoon", "evening", "night")
EARLY_LATE: Final[tuple[str, ...]] = ("early", "late")
# Parts of a month ("early / mid / late July": days 1-10, 11-20, 21-end) and of a year
# ("early / mid / late 2023": January-April, May-August, September-December).
MONTH_PARTS: Final[dict[str, tuple[int, int | None]]] = {
    "early": (1, 10), "mid": (11, 20), "late": (21, None),
}
YEAR_PARTS: Final[dict[str, tuple[int, int]]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
END_OF: Final[tuple[str, ...]] = ("the end of", "the start of", "the beginning of")

# last / this / next + weekday, month, week ...
LAST: Final[tuple[str, ...]] = ("last", "past", "previous")
THIS: Final[tuple[str, ...]] = ("this",)
NEXT: Final[tuple[str, ...]] = ("next", "coming")

# Days counted from publication.
DEICTIC_DAYS: Final[dict[str, int]] = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0,
    "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0, "this afternoon": 0,
    "this evening": 0,
}
OVERNIGHT: Final[str] = "overnight"

# Days counted from the expression before ("the following day").
ANCHORED_DAYS: Final[dict[str, int]] = {
    "the following day": 1, "the next day": 1, "the previous day": -1, "the day before": -1,
    "the day after": 1, "the same day": 0,
}
OFFSET_BACK: Final[tuple[str, ...]] = ("ago",)
OFFSET_ANCHORED: Final[dict[str, int]] = {"later": 1, "earlier": -1}
THIS_TIME_LAST_YEAR: Final[str] = "this time last year"

# Units of periods and durations, singular: ISO designator and whether it is a time unit.
UNITS: Final[dict[str, tuple[str, bool]]] = {
    "minute": ("M", True), "hour": ("H", True), "day": ("D", False), "night": ("D", False),
    "week": ("W", False), "month": ("M", False), "year": ("Y", False), "decade": ("Y", False),
}
DECADE: Final[str] = "decade"
PERIOD_UNITS: Final[tuple[str, ...]] = ("week", "weekend", "month", "year")
WEEKEND: Final[str] = "weekend"
NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "a hundred": 100,
    "a dozen": 12, "a couple of": 2,
}
VAGUE_NUMBERS: Final[tuple[str, ...]] = ("a matter of", "several", "a few", "many", "some")
DURATION_QUALIFIERS: Final[tuple[str, ...]] = (
    "nearly", "almost", "about", "around", "roughly", "more than", "less than", "fewer than",
    "over", "at least", "up to", "just over", "just under", "under", "some",
)
DURATION_EXTRA: Final[tuple[str, ...]] = ("more", "further", "full")
# "a day and a half" and its kind: fixed durations.
FIXED_DURATIONS: Final[dict[str, str]] = {
    "a day and a half": "PT36H", "half an hour": "PT30M", "an hour and a half": "PT90M",
    "half a day": "PT12H", "a year and a half": "P18M",
}
# A singular "a day" is a duration only after one of these ("in a year", not "twice a year").
SINGULAR_DURATION_BEFORE: Final[frozenset[str]] = frozenset({
    "in", "for", "within", "over", "after", "about", "nearly", "almost", "than", "least", "to",
    "around", "roughly", "just", "only", "under",
})
# A bare plural ("for years", "within days") is a vague duration only after one of these.
BARE_PLURAL_BEFORE: Final[frozenset[str]] = frozenset({"for", "within", "over", "after", "in"})
BARE_PLURAL_AFTER: Final[tuple[str, ...]] = ("of ", "in advance")  # "years of drought"
# What makes a number of years an age, not a time ("62 years old").
AGE_AFTER: Final[tuple[str, ...]] = ("old", "of age")

# Vague references (TIMEX3): phrase -> value.
REFERENCES: Final[dict[str, str]] = {
    "the coming days": "FUTURE_REF", "the coming weeks": "FUTURE_REF", "the coming months": "FUTURE_REF",
    "the coming years": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the days ahead": "FUTURE_REF", "the weeks ahead": "FUTURE_REF", "the months ahead": "FUTURE_REF",
    "soon": "FUTURE_REF", "recent days": "PAST_REF", "recent weeks": "PAST_REF", "recent months": "PAST_REF",
    "recent years": "PAST_REF", "lately": "PAST_REF", "recently": "PAST_REF", "at present": "PRESENT_REF",
}
# Periods relative to publication: "earlier this month", "later this year", "earlier in the week".
EARLIER_LATER: Final[tuple[str, ...]] = ("earlier", "later")
THIS_OR_THE: Final[tuple[str, ...]] = ("this", "in the")
EARLY_NEXT_YEAR_PARTS: Final[tuple[str, ...]] = ("early", "late")

# Quarters and halves of a year.
ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "final": 4,
}
QUARTER: Final[str] = "quarter"
HALF: Final[str] = "half"
FIRST_MONTHS: Final[str] = "the first"  # "the first nine months of the year"

# Times of day: they take the day of the expression before, else the publication day.
CLOCK_WORDS: Final[tuple[str, ...]] = ("midnight", "noon", "midday", "dawn", "dusk", "daybreak")
CLOCK_SUFFIXES: Final[tuple[str, ...]] = ("a.m.", "p.m.", "am", "pm")
CLOCK_QUALIFIERS: Final[tuple[str, ...]] = (
    "about", "around", "shortly before", "shortly after", "just before", "just after",
)
LOCAL_TIME: Final[str] = "local time"
# "the 15th" is a day of the month, unless one of these follows ("the 15th century").
NOT_AFTER_NTH: Final[tuple[str, ...]] = (
    "century", "anniversary", "time", "floor", "round", "place", "birthday", "amendment", "of", "day",
    "year", "edition", "annual", "largest", "biggest", "most", "straight", "consecutive", "person",
)

# Seasons (northern meteorological): first month and length.
SEASONS: Final[dict[str, int]] = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}

# Preceding words dropped from a span ("on Tuesday" -> "Tuesday").
LEADING_PREPOSITIONS: Final[tuple[str, ...]] = ("on", "in", "at", "by", "since", "until", "within")

# Tense: auxiliaries (forms) and lemmas that put a weekday or a bare date in the future.
FUTURE_AUXILIARIES: Final[frozenset[str]] = frozenset({
    "will", "'ll", "shall", "wo", "would", "’ll", "could", "may", "might", "should", "must",
})
PERFECT_AUXILIARIES: Final[frozenset[str]] = frozenset({"have", "has", "had", "'ve", "’ve"})
# Words on a noun that put its event ahead ("its next meeting in November", "a potential cut").
FUTURE_MODIFIERS: Final[frozenset[str]] = frozenset({
    "next", "upcoming", "coming", "potential", "planned", "proposed", "scheduled", "possible", "future",
})
# "every Thursday", "each May": frequencies, not times.
FREQUENCY_BEFORE: Final[frozenset[str]] = frozenset({"every", "each", "per"})
FUTURE_LEMMAS: Final[frozenset[str]] = frozenset({
    "plan", "schedule", "due", "expect", "intend", "aim", "promise", "pledge", "vow", "threaten",
    "prepare", "propose", "hope", "set", "upcoming", "scheduled", "planned", "predict", "forecast",
    "project", "anticipate",
})
# "moved to March 23", "postponed until Monday": a new date lies ahead (lemmas; prepositions, forms).
RESCHEDULE_LEMMAS: Final[frozenset[str]] = frozenset({
    "move", "postpone", "delay", "reschedule", "push", "adjourn", "extend", "defer", "bring",
})
RESCHEDULE_PREPOSITIONS: Final[frozenset[str]] = frozenset({"to", "until", "till", "into"})
PAST_AUXILIARIES: Final[frozenset[str]] = frozenset({"did", "was", "were"})
# Reporting verbs (lemmas): "said on Tuesday" names the day a dateline without a year fell on.
REPORTING_LEMMAS: Final[frozenset[str]] = frozenset({"say", "report", "tell", "announce", "confirm"})


# A pattern runs only on a text that holds one of its words (lower-cased substrings): most
# articles have no "weekend" or "overnight", and skipping a pattern saves a scan of the text.
PATTERN_GATES: Final[dict[str, tuple[str, ...]]] = {
    "week_of": ("week of",),
    "holiday": ("eve", "christmas", "halloween", "valentine", "new year", "boxing"),
    "q_code": ("q1", "q2", "q3", "q4"),
    "first_months": ("first",),
    "week_from": ("week from",),
    "overnight": (OVERNIGHT,),
    "this_time": (THIS_TIME_LAST_YEAR,),
    "weekend": (WEEKEND,),
    "earlier_later": EARLIER_LATER,
    "part_year": EARLY_LATE,
    "end_of": END_OF,
    "ref": ("coming", "future", "ahead", "soon", "recent", "lately", "present"),
    "anchored": tuple(ANCHORED_DAYS),
    "fixed": ("half",),
    "season": tuple(SEASONS),
    "decade": ("0s", "0's", "0’s"),
    "quarter": (QUARTER, HALF),
    "offset": ("ago", *OFFSET_ANCHORED),
    "deictic": ("yesterday", "today", "tomorrow", "tonight", "last night", "this morning",
                "this afternoon", "this evening"),
    "clock": ("a.m", "p.m", "am", "pm", *CLOCK_WORDS),
}
