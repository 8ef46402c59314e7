"""Times: time expressions in the text and their normalised values ("late Tuesday" -> a day).

Candidates come from patterns over the text, built from the word lists in
``lexicon/times.py``: dates, named months and years, weekdays, deictic days, relative periods,
offsets, durations, quarters, times of day and vague references. Each value follows the
convention of ``shared/data/times/README.md`` and is resolved against the article's
``published`` day, else its dateline ("GDANSK, Poland, March 4 (NPA) —"), else left
unresolved (``anchor: none``, value null). Bare weekdays, month-days and months go by the tense
of the verb that governs them. Nothing comes from a dropped line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.findings import TIMES
from onrecord.nlp import time_calendar as tv
from onrecord.nlp.attributed import attribution_holding
from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import (
    attributions_of,
    dropped_mask,
    published_of,
    register_extensions,
    text_of,
    writer,
)
from onrecord.nlp.lexicon import times as lex
from onrecord.nlp.time_tense import Context
from onrecord.nlp.time_values import HANDLERS, month_number, word_before
from onrecord.records import Anchor, TimeExpression

# -- patterns -----------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """The words as one alternation, longest first, factored on shared prefixes (``_trie``)."""
    return "(?:" + _trie(sorted(set(words), key=len, reverse=True)) + ")"


def _trie(words: list[str]) -> str:
    """``"|".join(words)`` (longest first) with shared prefixes factored out: the same matches.

    ``re`` tries every alternative at every position a pattern may start; factored, a position
    tries one branch per distinct first letter (about 0.06 s less per 84 PolNeAR dev articles).
    Words that differ in a letter cannot both match at one place, and a word that is the prefix
    of others comes after them, as it did in the longest-first list, so the first match found
    is the same.
    """
    branches: dict[str, list[str]] = {}  # first letter -> the rests, longest first
    whole = False  # a word ends here
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            whole = True
    parts = [re.escape(first) + _trie(rests) for first, rests in branches.items()]
    if whole:
        parts.append("")
    return parts[0] if len(parts) == 1 and not whole else "(?:" + "|".join(parts) + ")"


def _ci(words: Iterable[str]) -> str:
    return "(?i:" + _alt(words)[3:]  # the same alternation, case-insensitive


_WD = _alt(lex.WEEKDAYS)
_MON_ANY = "(?:" + _alt(lex.MONTHS) + "|" + _alt(lex.MONTH_ABBREVIATIONS) + r"\.?)"
_MON_FULL = _alt(lex.MONTHS)
_YEAR = r"(?<![\w$€£.,/:-])(?:1[89]|20)\d\d(?![\w%]|[.,:/-]\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\w)"
_NUM = rf"(?:{_ci(lex.NUMBER_WORDS)}|{_ci(lex.VAGUE_NUMBERS)}|\d+(?:\.\d+)?)"
_UNIT = _ci(lex.UNITS)
_CLOCK = r"\d{1,2}(?::\d{2})?\s?" + _ci(lex.CLOCK_SUFFIXES) + r"(?!\w)"
_POD = _ci(lex.DAY_PARTS)
_EL = _ci(lex.EARLY_LATE)
_REL = _ci((*lex.LAST, *lex.THIS, *lex.NEXT))
_END = _ci(lex.END_OF)
_PART = _ci(lex.MONTH_PARTS)


def _p(regex: str) -> re.Pattern[str]:
    """A pattern that starts at a word boundary (each pattern ends with its own)."""
    return re.compile(r"(?<![\w’'])" + regex)


_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mo>\d{2})-(?P<day>\d{2})(?!\d)"),
    "date_md": _p(rf"(?:(?P<wd>{_WD}),?\s+)?(?:(?P<pre>(?i:the\s+{_POD}\s+of))\s+)?(?P<mon>{_MON_ANY})\s+"
                  rf"(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"),
    "date_dm": _p(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_ANY})(?!\w)"
                  rf"(?:,?\s+(?P<year>{_YEAR}))?"),
    "week_of": _p(rf"(?i:the\s+week\s+of)\s+(?P<mon>{_MON_ANY})\s+(?P<day>{_DAY})"),
    "holiday": _p(rf"(?P<hol>{_alt(lex.HOLIDAYS)})(?:\s+(?P<year>{_YEAR}))?"),
    "month": _p(rf"(?:(?P<rel>{_REL})\s+|(?P<part>{_PART})[\s-]+|(?P<end>{_END})\s+)?(?P<mon>{_MON_FULL})"
                rf"(?![\w])(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?"),
    "year_range": re.compile(rf"(?P<y1>{_YEAR})\s*(?:(?i:and|to|through)|[-–—])\s*(?P<y2>{_YEAR})"),
    "decade": _p(r"(?:(?i:the)\s+)?(?P<dec>(?:1[89]|20)\d0)['’]?s(?!\w)"),
    "year": re.compile(rf"(?:(?P<part>{_PART})[\s-]+|(?P<end>{_END})\s+|(?<![\w$€£.,/:-]))"
                       r"(?P<year>(?:1[89]|20)\d\d)(?![\w%]|[.,:/-]\d)"),
    "quarter": _p(rf"(?i:(?:the\s+)?(?P<ord>{_alt(lex.ORDINALS)})[\s-]+(?P<qh>quarter|half)"
                  rf"(?:\s+of\s+(?:(?P<year>{_YEAR})|(?P<yrel>{_REL})\s+year|the\s+year))?)(?!\w)"),
    "q_code": re.compile(rf"(?<!\w)Q(?P<qn>[1-4])(?:\s+(?P<year>{_YEAR}))?(?!\w)"),
    "first_months": _p(rf"(?i:the\s+first\s+(?P<num>{_NUM})\s+months\s+of\s+(?:(?P<year>{_YEAR})|"
                       rf"(?:the|this)\s+year))"),
    "weekday": _p(rf"(?:(?P<clock>{_CLOCK})\s+(?i:on)\s+)?(?:(?P<rel>{_REL})\s+)?(?:(?P<el>{_EL})\s+)?"
                  rf"(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}))?(?!\w)"),
    "week_from": _p(rf"(?i:a\s+week\s+from)\s+(?P<wd>{_WD})(?!\w)"),
    "deictic": _p(rf"(?:(?P<el>{_EL})\s+)?(?P<deic>{_ci(lex.DEICTIC_DAYS)})(?:\s+(?P<pod>{_POD}))?(?!\w)"),
    "overnight": _p(rf"{_ci([lex.OVERNIGHT])}(?!\w)"),
    "this_time": _p(rf"{_ci([lex.THIS_TIME_LAST_YEAR])}(?!\w)"),
    "rel_period": _p(rf"(?i:(?P<the>the\s+)?(?P<rel>{_REL})\s+"
                     r"(?P<unit>week|weekend|month|year|decade))(?!\w)"),
    "weekend": _p(r"(?i:the\s+weekend)(?!\w)"),
    "earlier_later": _p(rf"(?i:(?P<el>{_alt(lex.EARLIER_LATER)})\s+{_alt(lex.THIS_OR_THE)}\s+"
                        r"(?P<unit>week|month|year))(?!\w)"),
    "part_year": _p(rf"(?i:(?P<el>{_EL})\s+(?P<rel>{_REL})\s+year)(?!\w)"),
    "end_of": _p(r"(?i:the\s+(?P<which>end|start|beginning)\s+of\s+(?:the|this)\s+"
                 r"(?P<unit>week|month|year))(?!\w)"),
    "ref": _p(rf"{_ci(lex.REFERENCES)}(?!\w)"),
    "offset": _p(rf"(?i:(?P<num>{_NUM})\s+(?P<unit>{_UNIT})s?\s+(?P<dir>ago|later|earlier))(?!\w)"),
    "anchored": _p(rf"{_ci(lex.ANCHORED_DAYS)}(?!\w)"),
    "fixed": _p(rf"{_ci(lex.FIXED_DURATIONS)}(?!\w)"),
    "duration": _p(rf"(?i:(?:(?P<qual>{_alt(lex.DURATION_QUALIFIERS)})\s+)?(?:(?P<the>the\s+)?"
                   rf"(?P<pn>past|next|coming|previous|first|final|(?<=the\s)last)\s+)?(?P<num>{_NUM})\s+"
                   rf"(?:{_alt(lex.DURATION_EXTRA)}\s+)?(?P<unit>{_UNIT})s?)(?!\w)"),
    "adj_duration": _p(rf"(?i:(?P<num>\d+|{_ci(lex.NUMBER_WORDS)})-(?P<unit>{_UNIT}))(?!-old)(?!\w)"),
    "bare_plural": _p(rf"(?i:(?P<unit>{_UNIT})s)(?!\w)"),
    "clock": _p(rf"(?:(?P<qual>{_ci(lex.CLOCK_QUALIFIERS)})\s+)?"
                rf"(?:(?P<clk>{_CLOCK})(?:\s+{_ci([lex.LOCAL_TIME])})?|"
                rf"(?P<word>{_ci(lex.CLOCK_WORDS)}))(?!\w)"),
    "nth": _p(rf"(?i:the\s+(?P<nth>\d{{1,2}})(?:st|nd|rd|th))(?!\w)(?!\s+{_ci(lex.NOT_AFTER_NTH)}(?!\w))"),
    "season": _p(rf"(?i:(?:(?P<rel>{_REL})\s+|(?P<the>the\s+))?(?P<season>{_alt(lex.SEASONS)})"
                 rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?)(?!\w)"),
}

# -- the reference day --------------------------------------------------------------------------

_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'’-]+(?:,\s+[A-Z][\w .'’-]+)?,\s+(?P<mon>{_MON_ANY})\s+(?P<day>\d{{1,2}})(?!\d)"
    rf"(?:,\s+(?P<year>\d{{4}}))?\s*(?:\([^)\n]{{0,60}}\)\s*)?[—–-]",
    re.MULTILINE,
)
_REPORTED_ON = re.compile(rf"(?i:{_alt(('said', 'reported', 'told', 'announced', 'confirmed'))})"
                          rf"(?:\s+\w+){{0,3}}?\s+(?i:on\s+)?(?P<wd>{_WD})(?!\w)")
_ON_WEEKDAY = re.compile(rf"(?<!\w)(?i:on)\s+(?P<wd>{_WD})(?!\w)")
_DATELINE_WINDOW = 600
_DATELINE_TOP = 1500  # the lead paragraph, where "said on Tuesday" names the dateline's day


def dateline_day(text: str, today: date | None = None) -> tuple[date | None, tuple[int, int] | None]:
    """The dateline's day, and the dateline's [start, end) offsets.

    A dateline without a year takes the most recent year (up to ``today``) in which its day
    fell on the weekday the top of the story reports ("said on Tuesday", else the first "on
    Tuesday"); without such a weekday, the most recent year up to ``today``.
    """
    m = _DATELINE.search(text[:_DATELINE_WINDOW])
    if m is None:
        return None, None
    month, day = month_number(m["mon"]), int(m["day"])
    bounds = (m.start(), m.end())
    if m["year"]:
        return tv.make_date(int(m["year"]), month, day), bounds
    today = today or date.today()
    top = text[m.end():m.end() + _DATELINE_TOP].split("\n\n")[0]  # the lead paragraph
    said = _REPORTED_ON.search(top) or _ON_WEEKDAY.search(top)
    fits = {lex.WEEKDAYS[said["wd"]]} if said else set(range(7))
    for year in range(today.year, today.year - 29, -1):
        candidate = tv.make_date(year, month, day)
        if candidate is not None and candidate <= today and candidate.weekday() in fits:
            return candidate, bounds
    return None, bounds


# -- the candidates -----------------------------------------------------------------------------


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Every pattern's matches, the longest kept where they overlap (earlier pattern on a tie)."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    lower = text.lower()
    for rank, (name, pattern) in enumerate(_PATTERNS.items()):
        gate = lex.PATTERN_GATES.get(name)
        if gate is not None and not any(word in lower for word in gate):
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rank, name, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for s, e, _, name, m in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        kept.append((s, e, name, m))
    kept.sort(key=lambda c: c[0])
    return kept


def find_times(doc: Doc) -> list[TimeExpression]:
    """Every time expression outside dropped lines, in text order, with its value."""
    text = text_of(doc)
    ref = tv.parse_published(published_of(doc))
    anchor: Anchor = "publication"
    if ref is None:
        ref, _ = dateline_day(text)
        anchor = "dateline"
    ctx = Context(doc, text, ref, anchor if ref is not None else "none")
    dropped = dropped_mask(doc)
    attributions = attributions_of(doc)
    found: list[TimeExpression] = []
    for s, e, name, m in _candidates(text):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or any(dropped[span.start:span.end]):
            continue
        if word_before(ctx, s) in lex.FREQUENCY_BEFORE:
            continue  # "every Thursday"
        result = HANDLERS[name](m, ctx, s, e)
        if result is None:
            continue
        value, vague, needs = result
        if needs == "ref":
            where: Anchor = ctx.anchor if value is not None else "none"
        elif needs == "text":
            where = "text" if value is not None else "none"
        else:
            where = "none"
        if value is not None and not value.startswith(("P", "PAST", "PRESENT", "FUTURE")):
            ctx.previous, ctx.previous_end = value, e
        found.append(TimeExpression(
            id=f"T{len(found) + 1}", text=text[s:e], spans=((s, e),), value=value, vague=vague,
            anchor=where, attribution_id=attribution_holding(attributions, s, e),
        ))
    return found


@Language.factory("onrecord_times", assigns=["doc._.onrecord_times"])
def make_times(nlp: Language, name: str) -> StageComponent[list[TimeExpression]]:
    """Build the times component; registers onrecord's Doc extensions first."""
    register_extensions()
    return StageComponent(name, find_times, writer(TIMES))


__all__ = ["dateline_day", "find_times", "make_times"]
