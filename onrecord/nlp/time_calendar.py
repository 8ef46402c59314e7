"""Calendar arithmetic for ``time_values.py``, relative to a reference day (publication or dateline).

Pure functions over ``datetime.date``; the value conventions are those of
``shared/data/times/README.md``: days ``YYYY-MM-DD``, closed intervals ``A/B``, weeks Monday to
Sunday. An impossible date ("February 30") gives None, never an exception.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
MIN_YEAR, MAX_YEAR = 1, 9998


def parse_published(value: object) -> date | None:
    """The day of a ``published`` value: ISO 8601 (date or date-time, as written) or RFC 2822."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    m = _ISO_DAY.match(text)
    if m:
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def interval(start: date | None, end: date | None) -> str | None:
    if start is None or end is None or end < start:
        return None
    return f"{start.isoformat()}/{end.isoformat()}"


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_interval(year: int, month: int, first: int = 1, last: int | None = None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    end = last_day(year, month)
    return interval(make_date(year, month, min(first, end)), make_date(year, month, min(last or end, end)))


def year_interval(year: int, first_month: int = 1, last_month: int = 12) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return interval(make_date(year, first_month, 1), make_date(year, last_month, last_day(year, last_month)))


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_interval(day: date, weeks: int = 0) -> str | None:
    start = shift(week_start(day), 7 * weeks)
    return interval(start, shift(start, 6) if start else None)


def weekend_interval(day: date, weeks: int = 0) -> str | None:
    saturday = shift(week_start(day), 7 * weeks + 5)
    return interval(saturday, shift(saturday, 1) if saturday else None)


def weekday(ref: date, target: int, relation: str | None, future: bool) -> date | None:
    """A weekday relative to ``ref``: by tense when bare, else last / this / next."""
    delta = target - ref.weekday()
    if relation == "last":
        return shift(ref, delta - 7 if delta >= 0 else delta)
    if relation == "this":
        return shift(ref, delta)
    if relation == "next":
        return shift(ref, delta + 7)
    if future:
        return shift(ref, delta % 7)
    return shift(ref, -((-delta) % 7))


def month_day(ref: date, month: int, day: int, future: bool) -> date | None:
    """Month and day without a year: the nearest such date in the direction of the tense."""
    for year in ((ref.year, ref.year + 1) if future else (ref.year, ref.year - 1)):
        candidate = make_date(year, month, day)
        if candidate is None:
            continue
        if (candidate >= ref) if future else (candidate <= ref):
            return candidate
    return None


def month_year(ref: date, month: int, relation: str | None, future: bool) -> int:
    """The year of a named month without one: last / next / this, else by tense."""
    if relation == "last":
        return ref.year if month < ref.month else ref.year - 1
    if relation == "next":
        return ref.year if month > ref.month else ref.year + 1
    if relation == "this" or month == ref.month:
        return ref.year
    if future:
        return ref.year if month > ref.month else ref.year + 1
    return ref.year if month < ref.month else ref.year - 1


def quarter_interval(ref: date, ordinal: int, half: bool, year: int | None) -> str | None:
    """A quarter (or half) of ``year``, else the most recent one that has begun."""
    months = 6 if half else 3
    count = 12 // months
    if not 1 <= ordinal <= count:
        return None
    first = (ordinal - 1) * months + 1
    if year is None:
        year = ref.year if ref.month >= first else ref.year - 1
    return year_interval(year, first, first + months - 1)


def duration(number: float | None, designator: str, is_time: bool) -> str:
    """An ISO 8601 duration; ``None`` as the number gives the unspecified ``X``."""
    if number is None:
        amount = "X"
    elif float(number).is_integer():
        amount = str(int(number))
    else:
        amount = f"{number:g}"
    return f"PT{amount}{designator}" if is_time else f"P{amount}{designator}"


__all__ = [
    "add_months", "duration", "interval", "iso", "last_day", "make_date", "month_day", "month_interval",
    "month_year", "parse_published", "quarter_interval", "shift", "week_interval", "week_start",
    "weekday", "weekend_interval", "year_interval",
]
