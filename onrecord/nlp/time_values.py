"""Time values: what each kind of time expression means, relative to the reference day.

One handler per pattern of ``nlp/times.py`` turns a match into its value (the convention of
``shared/data/times/README.md``), using the calendar arithmetic of ``time_calendar.py`` and
the tense of the verb that governs the expression. A handler returns None to reject a match
("May" the verb, "twice a week", an age).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from spacy.tokens import Token

from onrecord.nlp import time_calendar as tv
from onrecord.nlp.lexicon import times as lex
from onrecord.nlp.time_tense import Context

MONTH_NUMBERS = {**lex.MONTHS, **lex.MONTH_ABBREVIATIONS}


def month_number(text: str) -> int:
    return MONTH_NUMBERS[text.rstrip(".")]


# -- the values ---------------------------------------------------------------------------------

# A handler returns (value, vague, needs): needs is "ref" (resolved against the reference
# day), "text" (against the expression before) or "none" (absolute or a duration).
Result = tuple[str | None, bool, str]
Handler = Callable[[re.Match[str], Context, int, int], Result | None]


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    t = " ".join(text.lower().split())
    if t in lex.NUMBER_WORDS:
        return float(lex.NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def _unit(text: str) -> str:
    t = text.lower()
    return t[:-1] if t.endswith("s") and t[:-1] in lex.UNITS else t


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _day_value(ctx: Context, day: date | None) -> Result:
    return (tv.iso(day), False, "ref")


def _h_iso(m: re.Match[str], ctx: Context, s: int, e: int) -> Result:
    return (tv.iso(tv.make_date(int(m["year"]), int(m["mo"]), int(m["day"]))), False, "none")


def _calendar_day(month: int, day: int, year_text: str | None, ctx: Context, s: int, e: int) -> Result:
    """A month and day: with a year, that date; without, the nearest one the tense points to."""
    year = _year(year_text)
    if year is not None:
        return (tv.iso(tv.make_date(year, month, day)), False, "none")
    if ctx.ref is None:
        return (None, False, "ref")
    return _day_value(ctx, tv.month_day(ctx.ref, month, day, ctx.future(s, e)))


def _h_date(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    return _calendar_day(month_number(m["mon"]), int(re.sub(r"\D", "", m["day"])), m["year"], ctx, s, e)


def _h_week_of(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    day = tv.month_day(ctx.ref, month_number(m["mon"]), int(re.sub(r"\D", "", m["day"])), ctx.future(s, e))
    return (tv.week_interval(day) if day else None, False, "ref")


def _h_holiday(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    month, day = lex.HOLIDAYS[m["hol"]]
    return _calendar_day(month, day, m["year"], ctx, s, e)


def _h_month(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    month = lex.MONTHS[m["mon"]]
    rel = (m["rel"] or "").lower() or None
    if not (rel or m["part"] or m["end"] or m["year"]) and m["mon"] in lex.AMBIGUOUS_MONTHS:
        before = ctx.text[max(0, s - 12):s].split()
        if not before or before[-1].lower() not in lex.MONTH_PREPOSITIONS:
            return None
    year = _year(m["year"])
    needs = "none" if year is not None else "ref"
    if year is None:
        if ctx.ref is None:
            return (None, False, "ref")
        norm = "last" if rel in lex.LAST else "next" if rel in lex.NEXT else "this" if rel else None
        year = tv.month_year(ctx.ref, month, norm, ctx.future(s, e))
    if m["part"]:
        first, last = lex.MONTH_PARTS[m["part"].lower()]
        return (tv.month_interval(year, month, first, last), False, needs)
    if m["end"]:
        day = tv.last_day(year, month) if "end" in m["end"].lower() else 1
        return (tv.iso(tv.make_date(year, month, day)), False, needs)
    return (tv.month_interval(year, month), False, needs)


def _h_year_range(m: re.Match[str], ctx: Context, s: int, e: int) -> Result:
    return (tv.interval(tv.make_date(int(m["y1"]), 1, 1), tv.make_date(int(m["y2"]), 12, 31)), False, "none")


def _h_decade(m: re.Match[str], ctx: Context, s: int, e: int) -> Result:
    start = int(m["dec"])
    return (tv.interval(tv.make_date(start, 1, 1), tv.make_date(start + 9, 12, 31)), False, "none")


def _h_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Result:
    year = int(m["year"])
    if m["part"]:
        first, last = lex.YEAR_PARTS[m["part"].lower()]
        return (tv.year_interval(year, first, last), False, "none")
    if m["end"]:
        end = "end" in m["end"].lower()
        return (tv.iso(tv.make_date(year, 12, 31) if end else tv.make_date(year, 1, 1)), False, "none")
    return (tv.year_interval(year), False, "none")


def _relative_year(ctx: Context, rel: str | None) -> int | None:
    if ctx.ref is None:
        return None
    r = (rel or "").lower().split()[0] if rel else ""
    return ctx.ref.year - 1 if r in lex.LAST else ctx.ref.year + 1 if r in lex.NEXT else ctx.ref.year


def _h_quarter(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    ordinal = lex.ORDINALS[m["ord"].lower()]
    half = m["qh"].lower() == lex.HALF
    year = _year(m["year"])
    if year is None and m["yrel"] and not m["yrel"].lower().startswith("the"):
        year = _relative_year(ctx, m["yrel"])
    if year is not None:
        value = tv.quarter_interval(date(2000, 1, 1), ordinal, half, year)
        return (value, False, "none" if m["year"] else "ref")
    if ctx.ref is None:
        return (None, False, "ref")
    return (tv.quarter_interval(ctx.ref, ordinal, half, None), False, "ref")


def _h_q_code(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    year = _year(m["year"])
    if year is None and ctx.ref is None:
        return (None, False, "ref")
    ref = ctx.ref or date(2000, 1, 1)
    return (tv.quarter_interval(ref, int(m["qn"]), False, year), False, "none" if year else "ref")


def _h_first_months(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    n = _number(m["num"])
    year = _year(m["year"]) or (ctx.ref.year if ctx.ref else None)
    if n is None or year is None or not 1 <= n <= 12:
        return (None, False, "ref")
    return (tv.year_interval(year, 1, int(n)), False, "none" if m["year"] else "ref")


def _h_weekday(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    rel = (m["rel"] or "").lower()
    norm = "last" if rel in lex.LAST else "next" if rel in lex.NEXT else "this" if rel else None
    future = ctx.future(s, e) if norm is None else False
    return _day_value(ctx, tv.weekday(ctx.ref, lex.WEEKDAYS[m["wd"]], norm, future))


def _h_week_from(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    day = tv.weekday(ctx.ref, lex.WEEKDAYS[m["wd"]], None, True)
    return _day_value(ctx, tv.shift(day, 7) if day else None)


def _h_deictic(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    return _day_value(ctx, tv.shift(ctx.ref, lex.DEICTIC_DAYS[" ".join(m["deic"].lower().split())]))


def _h_overnight(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    return _day_value(ctx, ctx.ref if ctx.future(s, e) else tv.shift(ctx.ref, -1))


def _h_this_time(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    return _day_value(ctx, tv.shift(ctx.ref, -365))


def _period(ref: date, unit: str, step: int) -> str | None:
    if unit == "week":
        return tv.week_interval(ref, step)
    if unit == lex.WEEKEND:
        return tv.weekend_interval(ref, step)
    if unit == "month":
        y, mo = tv.add_months(ref.year, ref.month, step)
        return tv.month_interval(y, mo)
    return tv.year_interval(ref.year + step)


def _h_rel_period(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    rel = m["rel"].lower().split()[0]
    unit = m["unit"].lower()
    if m["the"] or rel in ("past", "coming") or unit == lex.DECADE:  # "the past week": a duration
        designator, is_time = lex.UNITS.get(unit, ("Y", False))
        return (tv.duration(10 if unit == lex.DECADE else 1, designator, is_time), False, "none")
    if ctx.ref is None:
        return (None, False, "ref")
    step = -1 if rel in lex.LAST else 1 if rel in lex.NEXT else 0
    return (_period(ctx.ref, unit, step), False, "ref")


def _h_weekend(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    if ctx.future(s, e) or ctx.ref.weekday() >= 5:
        return (tv.weekend_interval(ctx.ref), False, "ref")
    return (tv.weekend_interval(ctx.ref, -1), False, "ref")


def _bounds(ref: date, unit: str) -> tuple[date | None, date | None]:
    if unit == "week":
        start = tv.week_start(ref)
        return start, tv.shift(start, 6)
    if unit == "month":
        return ref.replace(day=1), ref.replace(day=tv.last_day(ref.year, ref.month))
    return ref.replace(month=1, day=1), ref.replace(month=12, day=31)


def _h_earlier_later(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    start, end = _bounds(ctx.ref, m["unit"].lower())
    if m["el"].lower() == lex.EARLIER_LATER[0]:
        return (tv.interval(start, tv.shift(ctx.ref, -1)) or tv.iso(start), False, "ref")
    return (tv.interval(tv.shift(ctx.ref, 1), end) or tv.iso(end), False, "ref")


def _h_part_year(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    year = _relative_year(ctx, m["rel"])
    if year is None:
        return (None, False, "ref")
    first, last = lex.YEAR_PARTS[m["el"].lower()]
    return (tv.year_interval(year, first, last), True, "ref")


def _h_end_of(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    start, end = _bounds(ctx.ref, m["unit"].lower())
    return _day_value(ctx, end if m["which"].lower() == "end" else start)


def _h_ref(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    text = " ".join(m[0].lower().split())
    around = ctx.text[max(0, s - 3):s].lower() + "|" + ctx.text[e:e + 3].lower()
    if text == "soon" and ("as" in around.split("|")[0] or around.split("|")[1].strip().startswith("as")):
        return None
    return (lex.REFERENCES[text], True, "none")


def _h_offset(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    n = _number(m["num"])
    unit = _unit(m["unit"])
    direction = m["dir"].lower()
    if n is None or unit not in ("day", "week", "month", "year") or not n.is_integer():
        return None
    if direction in lex.OFFSET_BACK:
        if ctx.ref is None:
            return (None, False, "ref")
        return (_offset(tv.iso(ctx.ref), unit, -int(n)), False, "ref")
    if ctx.previous is None:
        return (None, False, "text")
    return (_offset(ctx.previous, unit, int(n) * lex.OFFSET_ANCHORED[direction]), False, "text")


def _offset(value: str | None, unit: str, n: int) -> str | None:
    """A day value moved by n units; years give the whole calendar year ("two years ago")."""
    if value is None:
        return None
    parts = [tv.parse_published(v) for v in value.split("/")]
    if any(p is None for p in parts):
        return None
    days = [p for p in parts if p is not None]
    if unit == "day":
        moved = [tv.shift(d, n) for d in days]
    elif unit == "week":
        moved = [tv.shift(d, 7 * n) for d in days]
    elif unit == "month":
        moved = []
        for d in days:
            y, mo = tv.add_months(d.year, d.month, n)
            moved.append(tv.make_date(y, mo, min(d.day, tv.last_day(y, mo))) if 1 <= y <= 9998 else None)
    else:
        if len(days) == 1:
            return tv.year_interval(days[0].year + n)
        moved = [tv.make_date(d.year + n, d.month, min(d.day, 28 if d.month == 2 else d.day)) for d in days]
    if len(moved) == 1:
        return tv.iso(moved[0])
    return tv.interval(moved[0], moved[-1])


def _h_anchored(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.previous is None:
        return (None, False, "text")
    return (_offset(ctx.previous.split("/")[0], "day", lex.ANCHORED_DAYS[" ".join(m[0].lower().split())]),
            False, "text")


def _h_fixed(m: re.Match[str], ctx: Context, s: int, e: int) -> Result:
    return (lex.FIXED_DURATIONS[" ".join(m[0].lower().split())], False, "none")


def word_before(ctx: Context, s: int) -> str:
    before = ctx.text[max(0, s - 20):s].split()
    return before[-1].lower() if before else ""


def _last_token(ctx: Context, e: int) -> Token:
    return ctx.doc[ctx.doc.char_span(0, e, alignment_mode="expand").end - 1]  # type: ignore[union-attr]


def _is_age(ctx: Context, e: int) -> bool:
    after = ctx.text[e:e + 12].lower().lstrip(" -")
    return any(after.startswith(w) for w in lex.AGE_AFTER)


def _h_duration(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    unit = _unit(m["unit"])
    raw = " ".join(m["num"].lower().split())
    if _is_age(ctx, e) or unit not in lex.UNITS:
        return None
    n = _number(raw)
    vague = raw in lex.VAGUE_NUMBERS
    if n == 1 and not (m["qual"] or m["pn"]) and word_before(ctx, s) not in lex.SINGULAR_DURATION_BEFORE:
        return None  # "twice a week", "50 million doses a year": frequencies
    if raw in ("a", "an") and (m["unit"].lower().endswith("s") or _last_token(ctx, e).dep_ == "compound"):
        return None  # "a night raid"
    if unit == lex.DECADE and n is not None:
        n *= 10
    designator, is_time = lex.UNITS[unit]
    if (not vague and n is not None and word_before(ctx, s) == "in" and not m["pn"]
            and unit in ("day", "week") and ctx.ref is not None and ctx.future(s, e)):
        return (_offset(tv.iso(ctx.ref), unit, int(n)) if n.is_integer() else None, False, "ref")
    return (tv.duration(None if vague else n, designator, is_time), vague, "none")


def _h_adj_duration(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    unit = _unit(m["unit"])
    n = _number(m["num"])
    if n is None or unit not in lex.UNITS or _is_age(ctx, e):
        return None
    designator, is_time = lex.UNITS[unit]
    return (tv.duration(n * (10 if unit == lex.DECADE else 1), designator, is_time), False, "none")


def _h_bare_plural(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    after = " ".join(ctx.text[e:e + 16].split()).lower()
    if word_before(ctx, s) not in lex.BARE_PLURAL_BEFORE and not after.startswith(lex.BARE_PLURAL_AFTER):
        return None
    if word_before(ctx, s) in ("the", "these", "those", "many", "several", "few"):
        return None
    designator, is_time = lex.UNITS[_unit(m["unit"])]
    return (tv.duration(None, designator, is_time), True, "none")


def _h_clock(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.previous and len(ctx.previous) == 10 and "\n\n" not in ctx.text[ctx.previous_end:s]:
        return (ctx.previous, False, "text")
    if ctx.ref is None:
        return (None, False, "ref")
    return _day_value(ctx, ctx.ref)


def _h_nth(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if ctx.ref is None:
        return (None, False, "ref")
    n = int(m["nth"])
    here = tv.make_date(ctx.ref.year, ctx.ref.month, n)
    future = ctx.future(s, e)
    if here is not None and ((here >= ctx.ref) if future else (here <= ctx.ref)):
        return _day_value(ctx, here)
    y, mo = tv.add_months(ctx.ref.year, ctx.ref.month, 1 if future else -1)
    return _day_value(ctx, tv.make_date(y, mo, n))


def _h_season(m: re.Match[str], ctx: Context, s: int, e: int) -> Result | None:
    if not (m["rel"] or m["the"] or m["year"]) and word_before(ctx, s) not in lex.MONTH_PREPOSITIONS:
        return None
    first = lex.SEASONS[m["season"].lower()]
    year = _year(m["year"])

    def span_of(y: int) -> tuple[date | None, date | None]:
        ey, em = tv.add_months(y, first, 2)
        return tv.make_date(y, first, 1), tv.make_date(ey, em, tv.last_day(ey, em))

    if year is None:
        if ctx.ref is None:
            return (None, False, "ref")
        rel = (m["rel"] or "").lower()
        ref = ctx.ref
        spans = [span_of(y) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
        past = [sp for sp in spans if sp[1] is not None and sp[1] < ref]
        now = [sp for sp in spans if sp[0] is not None and sp[1] is not None and sp[0] <= ref <= sp[1]]
        coming = [sp for sp in spans if sp[0] is not None and sp[0] > ref]
        if rel in lex.LAST:
            chosen = past[-1]
        elif rel in lex.NEXT:
            chosen = coming[0]
        elif now:
            chosen = now[0]
        else:
            chosen = coming[0] if ctx.future(s, e) else past[-1]
        return (tv.interval(*chosen), False, "ref")
    return (tv.interval(*span_of(year)), False, "none")


HANDLERS: dict[str, Handler] = {
    "iso": _h_iso, "date_md": _h_date, "date_dm": _h_date, "week_of": _h_week_of, "holiday": _h_holiday,
    "month": _h_month, "year_range": _h_year_range, "decade": _h_decade, "year": _h_year,
    "quarter": _h_quarter, "q_code": _h_q_code, "first_months": _h_first_months, "weekday": _h_weekday,
    "week_from": _h_week_from, "deictic": _h_deictic, "overnight": _h_overnight, "this_time": _h_this_time,
    "rel_period": _h_rel_period, "weekend": _h_weekend, "earlier_later": _h_earlier_later,
    "part_year": _h_part_year, "end_of": _h_end_of, "ref": _h_ref, "offset": _h_offset,
    "anchored": _h_anchored, "fixed": _h_fixed, "duration": _h_duration, "adj_duration": _h_adj_duration,
    "bare_plural": _h_bare_plural, "clock": _h_clock, "nth": _h_nth, "season": _h_season,
}


__all__ = ["HANDLERS", "MONTH_NUMBERS", "Handler", "Result", "month_number", "word_before"]
