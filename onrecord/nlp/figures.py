"""Figures: the numbers an article states, with qualifier, unit and currency, and who states them.

"more than 300 trucks", "about S$240 million", "up to 12 percent", "dozens of investors".
The conventions are the wire README's "Figures" section. The stage is a left-to-right scan
over tokens: a number core (digits, number words, scales, fractions, vague plurals), the
qualifier words before it, a currency symbol or noun, and the unit noun the number counts
(its head in the parse, or the noun after "of"). Numbers that are no figures are dropped by
rule: source counts (inside a source mention), definite references ("the two companies"),
ages, ordinals, years, dates and durations (spaCy's DATE/TIME and duration nouns: those are
times), frequencies, and numbers in names ("Flight 370"). Each figure is tied to the
attribution whose content holds it (``attributed.attribution_holding``).

Everything is token and dictionary look-ups over the existing parse: no model calls.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import get_args

from spacy.attrs import IS_PUNCT, IS_SPACE, LIKE_NUM, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from onrecord.findings import FIGURES
from onrecord.nlp.attributed import attribution_holding
from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import (
    attributions_of,
    dropped_mask,
    register_extensions,
    sources_of,
    text_of,
    words_of,
    writer,
)
from onrecord.nlp.lexicon import numbers as vocab
from onrecord.records import Figure, Qualifier

_SYMBOLS = sorted(vocab.CURRENCY_SYMBOLS, key=len, reverse=True)
_DIGITS = re.compile(
    r"^(?P<cur>" + "|".join(re.escape(s) for s in _SYMBOLS) + r")?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suf>" + "|".join(sorted(vocab.SCALE_SUFFIXES, key=len, reverse=True)) + r"|%)?$"
)
_MAX_VALUE = 1e18  # larger values are kept as floats; JSON and SQLite read them either way
_ONE_TOKEN_NUMBER = re.compile(r"^[a-z]+(?:-[a-z]+)?$")
# Words a number may start with (a cheap test before reading one).
_STARTERS = frozenset({
    *vocab.NUMBER_WORDS, *vocab.VAGUE_WORDS, *vocab.FRACTION_WORDS, *vocab.INDEFINITE_ONE, vocab.HALF,
    *vocab.CURRENCY_SYMBOLS, *vocab.CURRENCY_CODES,
})
_HAS_DIGIT = re.compile(r"\d")
_QUALIFIERS: dict[str, Qualifier] = {q: q for q in get_args(Qualifier)}
# Words that may stand between a number and its unit noun and belong to the unit ("aid trucks").
_UNIT_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "PUNCT", "VERB"})
# Dependencies from a number to the noun it counts.
_COUNTING_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})


@dataclass(slots=True)
class _Core:
    """A number read from tokens ``[start, end)``."""

    start: int
    end: int
    value: float | None
    currency: str | None = None
    percent: bool = False
    share: bool = False  # a fraction: the unit is "share of ..."
    digits: bool = False  # written in digits


def _word_value(word: str) -> int | None:
    """The value of a number word, hyphenated tens included ("twenty-five")."""
    if word in vocab.NUMBER_WORDS:
        return vocab.NUMBER_WORDS[word]
    if "-" in word and _ONE_TOKEN_NUMBER.match(word):
        tens, _, ones = word.partition("-")
        if tens in vocab.NUMBER_WORDS and ones in vocab.NUMBER_WORDS:
            return vocab.NUMBER_WORDS[tens] + vocab.NUMBER_WORDS[ones]
    return None


def _fraction_at(doc: Doc, i: int) -> tuple[int, float] | None:
    """A fraction word starting at ``i``: ("two-thirds" | "two - thirds" | "a third"), end and value."""
    low = doc[i].lower_
    if low in vocab.FRACTION_WORDS:
        return i + 1, vocab.FRACTION_WORDS[low]
    if i + 2 < len(doc) and doc[i + 1].text in vocab.HYPHENS:
        joined = low + "-" + doc[i + 2].lower_
        if joined in vocab.FRACTION_WORDS:
            return i + 3, vocab.FRACTION_WORDS[joined]
    if (low in vocab.INDEFINITE_ONE or low == vocab.ONE) and i + 1 < len(doc) \
            and doc[i + 1].lower_ in vocab.FRACTIONS:
        return i + 2, vocab.FRACTIONS[doc[i + 1].lower_]
    return None


def _read_core(doc: Doc, i: int) -> _Core | None:
    """The number starting at token ``i``, or None."""
    tok = doc[i]
    low = tok.lower_
    n = len(doc)
    if (frac := _fraction_at(doc, i)) is not None:
        end, value = frac
        return _Core(i, end, value, share=True)
    if low == vocab.HALF and i + 1 < n and doc[i + 1].lower_ == vocab.OF:
        return _Core(i, i + 1, vocab.FRACTIONS[vocab.HALF], share=True)
    total = 0.0
    current: float | None = None
    vague = False
    currency: str | None = None
    percent = digits = False
    j = i
    if low in vocab.INDEFINITE_ONE:
        if i + 1 >= n:
            return None
        nxt = doc[i + 1].lower_
        if nxt in vocab.SCALE_WORDS or nxt in vocab.COUNT_NOUNS:
            current, j = 1.0, i + 1
        elif nxt == vocab.HANDFUL:
            return _Core(i, i + 2, None)
        else:
            return None
    while j < n:
        t = doc[j]
        w = t.lower_
        m = _DIGITS.match(t.text)
        if m is not None:
            if current is not None or vague or digits:
                break
            try:
                current = float(m.group("num").replace(",", ""))
            except ValueError:  # pragma: no cover - the pattern only matches numbers
                return None
            digits = True
            if m.group("cur"):
                currency = vocab.CURRENCY_SYMBOLS[m.group("cur")]
            suf = m.group("suf")
            if suf == "%":
                percent = True
            elif suf:
                current *= vocab.SCALE_SUFFIXES[suf]
            j += 1
            # "€50 m", "$1.5 bn": a scale suffix split off by the tokenizer.
            if j < n and not doc[j - 1].whitespace_ and doc[j].lower_ in vocab.SCALE_SUFFIXES \
                    and not suf:
                current *= vocab.SCALE_SUFFIXES[doc[j].lower_]
                j += 1
            continue
        if (wv := _word_value(w)) is not None:
            if digits or vague:
                break
            current = (current or 0.0) + wv
            j += 1
            continue
        if w in vocab.SCALE_WORDS and (current is not None or j > i) and not vague:
            scale = vocab.SCALE_WORDS[w]
            if scale == 100:
                current = (current if current is not None else 1.0) * scale
            else:
                total += (current if current is not None else 1.0) * scale
                current = None
            j += 1
            continue
        if w in vocab.COUNT_NOUNS and current is not None and not digits:
            current *= vocab.COUNT_NOUNS[w]
            j += 1
            continue
        if w in vocab.VAGUE_WORDS and j == i:
            vague = True
            j += 1
            # "tens of thousands", "hundreds of millions"
            while j + 1 < n and doc[j].lower_ == vocab.OF and doc[j + 1].lower_ in vocab.VAGUE_SCALES:
                j += 2
            break
        if t.text in vocab.HYPHENS and current is not None and not digits and not t.whitespace_ \
                and j + 1 < n and (wv := _word_value(doc[j + 1].lower_)) is not None and wv < 10:
            current += wv  # "twenty - five"
            j += 2
            continue
        if w in vocab.NUMBER_JOINERS and current is not None and not digits and j + 1 < n \
                and _word_value(doc[j + 1].lower_) is not None:
            j += 1
            continue
        break
    if j == i or (current is None and total == 0 and not vague):
        return None
    result = None if vague else total + (current or 0.0)
    return _Core(i, j, result, currency=currency, percent=percent, digits=digits)


def _clean_value(value: float | None) -> float | int | None:
    if value is None or not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) < _MAX_VALUE:
        return int(value)
    return round(value, 6) if abs(value) < _MAX_VALUE else value


def _qualifier_before(lowers: list[str], start: int) -> tuple[int, Qualifier | None]:
    """The qualifier words right before ``start``: their first token and the qualifier.

    ``lowers`` is every token's lower-cased text (``_lowers``), read once per Doc.
    """
    for words, qual in vocab.QUALIFIERS:
        k = len(words)
        if start - k < 0:
            continue
        if tuple(lowers[start - k:start]) == words:
            return start - k, _as_qualifier(qual)
    return start, None


def _lowers(doc: Doc) -> list[str]:
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []


def _may_start(doc: Doc, dropped: list[bool], lowers: list[str]) -> list[bool]:
    """Per token: whether a figure may start there (the first tests of ``find_figures``'s loop).

    Read from columns, so that a Python Token is made only where one may start.
    """
    flags = doc.to_array([IS_SPACE, IS_PUNCT, LIKE_NUM]).tolist() if len(doc) else []
    out = []
    for word, low, (space, punct, like_num), skip in zip(words_of(doc), lowers, flags, dropped, strict=True):
        out.append(not (skip or space or punct and word not in vocab.CURRENCY_SYMBOLS) and bool(
            like_num or low in _STARTERS or word in _STARTERS or _HAS_DIGIT.search(word)))
    return out


def _as_qualifier(q: str) -> Qualifier | None:
    return _QUALIFIERS.get(q)


def _is_age(doc: Doc, core: _Core) -> bool:
    n = len(doc)
    if core.start > 0 and doc[core.start - 1].lower_ in vocab.AGE_BEFORE:
        return True
    j = core.end
    if j < n and doc[j].lower_.lstrip("-").startswith(vocab.AGE_AFTER):
        return True
    if j < n and doc[j].text in vocab.HYPHENS:
        j += 1
    if j < n and doc[j].lower_ in vocab.AGE_YEAR:
        j += 1
        if j < n and doc[j].text in vocab.HYPHENS:
            j += 1
        if j < n and doc[j].lower_ in vocab.AGE_OLD:
            return True
    # "Smith, 45," : a bare number set off by commas after a name.
    first = doc[core.start]
    return (core.end - core.start == 1 and first.dep_ == "appos" and first.head.pos_ == "PROPN"
            and core.start > 0 and doc[core.start - 1].text == ","
            and (core.end >= n or doc[core.end].is_punct))


def _in_name(doc: Doc, core: _Core) -> bool:
    first = doc[core.start]
    if core.currency is None and not core.percent:
        ent = first.ent_type_
        if ent in vocab.NAME_ENTITIES:
            return True
    if core.start > 0:
        prev = doc[core.start - 1]
        word = prev.lower_
        if word == "." and core.start > 1 and not doc[core.start - 2].whitespace_:
            word = doc[core.start - 2].lower_ + "."  # "No. 10" read as "No" "." "10"
        if word in vocab.NAME_BEFORE and word not in vocab.PRE_UNITS:
            return True
        if prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.is_alpha \
                and prev.ent_type_ not in {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"} \
                and (first.head.i == prev.i or prev.head.i == first.i
                     or (prev.dep_ == "compound" and prev.head.i == first.head.i)) and core.currency is None:
            return True
    return False


def _is_year(doc: Doc, core: _Core) -> bool:
    if core.end - core.start != 1 or core.currency or core.percent:
        return False
    text = doc[core.start].text
    lo, hi = vocab.YEAR_RANGE
    return text.isdigit() and len(text) == 4 and lo <= int(text) <= hi


def _is_time(doc: Doc, core: _Core) -> bool:
    """Dates, times and ordinals as spaCy reads them (digits and words alike)."""
    if core.currency or core.percent or core.share:
        return False
    return any(doc[k].ent_type_ in vocab.TIME_ENTITIES for k in range(core.start, core.end))


def _noun_after_of(doc: Doc, j: int) -> int | None:
    """The noun an "of" at ``j`` leads to ("of its ships", "of the money"), within a few tokens."""
    n = len(doc)
    k = j + 1
    while k < n and k <= j + vocab.UNIT_MAX_DISTANCE + 1:
        t = doc[k]
        if t.tag_ in vocab.SUPERLATIVE_TAGS:
            return None
        if t.pos_ in {"NOUN", "PROPN"} and not (k + 1 < n and doc[k + 1].pos_ in {"NOUN", "PROPN"}
                                               and doc[k + 1].dep_ != "appos" and t.dep_ == "compound"):
            return k
        if t.pos_ not in {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"} and t.dep_ != "poss":
            return None
        k += 1
    return None


@dataclass(slots=True)
class _Unit:
    end: int  # last token of the figure, exclusive
    unit: str | None
    currency: str | None
    head: Token | None  # the counted noun, when there is one


def _currency_noun(doc: Doc, k: int) -> str | None:
    """The ISO code a currency noun or code at ``k`` names, with a nation word before it."""
    t = doc[k]
    if t.text in vocab.CURRENCY_CODES:
        return t.text
    code = vocab.CURRENCY_WORDS.get(t.lower_)
    if code is None:
        return None
    if k > 0:
        code = vocab.CURRENCY_QUALIFIED.get((doc[k - 1].lower_, code), code)
    return code


def _read_unit(doc: Doc, core: _Core) -> _Unit:
    n = len(doc)
    j = core.end
    currency = core.currency
    if core.percent:
        return _Unit(j, vocab.PERCENT_UNIT, None, None)
    if j < n and doc[j].lower_ in vocab.PERCENT_WORDS:
        return _Unit(j + 1, vocab.PERCENT_UNIT, None, None)
    if j + 1 < n and (doc[j].lower_, doc[j + 1].lower_) == vocab.PER_CENT:
        return _Unit(j + 2, vocab.PERCENT_UNIT, None, None)
    if j + 1 < n and doc[j].lower_ in vocab.POINT_UNITS and doc[j + 1].lower_ in vocab.POINT_NOUNS:
        return _Unit(j + 2, vocab.POINT_UNITS[doc[j].lower_], None, None)
    # "of": "dozens of investors", "six of its ships", "a third of the money", "millions of dollars".
    if j < n and doc[j].lower_ == vocab.OF and (k := _noun_after_of(doc, j)) is not None:
        code = _currency_noun(doc, k)
        if code is not None:
            return _Unit(k + 1, code, code, None)
        if core.share:
            words = doc[j + 1:k + 1].text.lower()
            return _Unit(k + 1, f"{vocab.SHARE_UNIT} {words}", None, doc[k])
        return _Unit(k + 1, doc[k].lower_, None, doc[k])
    # Currency right after the number ("23,000 euros", "5 million USD", "1.5 billion Singapore dollars").
    for k in range(j, min(n, j + 2)):
        code = _currency_noun(doc, k)
        if code is not None:
            currency = code
            j = k + 1
            break
        if not doc[k].is_alpha or doc[k].text in vocab.CURRENCY_CODES:
            break
    if currency is not None:
        return _with_rate(doc, _Unit(j, currency, currency, None))
    # The noun the number counts: its head in the parse, or the next noun.
    last = doc[core.end - 1]
    head: Token | None = None
    if last.head.i >= core.end and last.head.i - core.end < vocab.UNIT_MAX_DISTANCE \
            and last.head.pos_ in {"NOUN", "PROPN"} and last.dep_ in _COUNTING_DEPS:
        head = last.head
    elif j < n and doc[j].pos_ == "NOUN" and doc[j].lower_ not in vocab.NOT_UNITS:
        head = doc[j]
        while head.i + 1 < n and head.dep_ == "compound" and doc[head.i + 1].pos_ == "NOUN" \
                and head.head.i == head.i + 1:
            head = doc[head.i + 1]
    if head is None or head.lower_ in vocab.NOT_UNITS:
        return _Unit(j, None, None, None)
    if any(doc[k].is_punct and doc[k].text not in vocab.HYPHENS for k in range(j, head.i)):
        return _Unit(j, None, None, None)
    modifiers_only = all(doc[k].pos_ in _UNIT_MODIFIER_POS for k in range(j, head.i))
    unit = doc[j:head.i + 1].text.lower() if head.i >= j and modifiers_only else head.lower_
    unit = unit.lstrip("".join(vocab.HYPHENS)) or head.lower_
    return _with_rate(doc, _Unit(head.i + 1, unit, None, head))


def _with_rate(doc: Doc, u: _Unit) -> _Unit:
    """"tonnes per year", "euros per share": the rate joins the unit."""
    j = u.end
    n = len(doc)
    if u.unit is None or j + 1 >= n or doc[j].lower_ not in vocab.PER_WORDS:
        return u
    k = j + 1
    if doc[j].lower_ == vocab.PER and doc[k].pos_ == "DET" and k + 1 < n:
        k += 1
    if doc[k].pos_ not in {"NOUN", "PROPN"}:
        return u
    return _Unit(k + 1, f"{u.unit} {vocab.PER} {doc[k].lower_}", u.currency, u.head)


def _counted_source(doc: Doc, core: _Core, mentions: list[tuple[int, int]]) -> bool:
    """Whether the number counts a source ("two officials", "two of the people", "three people — two
    officials and a diplomat"): it sits in a mention and reaches the mention's head through
    counting, apposition and coordination only."""
    tok = doc[core.start]
    for s, e in mentions:
        if not s <= tok.i < e:
            continue
        node = tok
        steps = 0
        while s <= node.head.i < e and node.head.i != node.i and steps < 20:
            if node.dep_ not in {"nummod", "quantmod", "appos", "conj", "cc", "compound", "nmod", "amod",
                                 "punct"} and node.i != tok.i:
                break
            node = node.head
            steps += 1
        else:
            return True
    return False


def _mention_tokens(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of every source mention and attribution source."""
    spans: list[tuple[int, int]] = []
    offsets = [m for src in sources_of(doc) for m in src.mentions]
    offsets += [o for a in attributions_of(doc) if a.source is not None for o in a.source.spans]
    for s, e in offsets:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            spans.append((span.start, span.end))
    return spans


def find_figures(doc: Doc) -> list[Figure]:
    """Every figure in ``doc``, in text order, with ids "F1", "F2", …"""
    dropped = dropped_mask(doc)
    mentions = _mention_tokens(doc)
    attributions = attributions_of(doc)
    found: list[tuple[int, int, float | int | None, Qualifier | None, str | None, str | None]] = []
    n = len(doc)
    lowers = _lowers(doc)
    may_start = _may_start(doc, dropped, lowers)
    i = 0
    while i < n:
        if not may_start[i]:
            i += 1
            continue
        tok = doc[i]
        start = i
        currency: str | None = None
        # A currency symbol or code standing alone before the digits ("$ 1.5 billion", "USD 5 million").
        if (tok.text in vocab.CURRENCY_SYMBOLS or tok.text in vocab.CURRENCY_CODES) and i + 1 < n \
                and _DIGITS.match(doc[i + 1].text):
            currency = vocab.CURRENCY_SYMBOLS.get(tok.text, tok.text)
            i += 1
        core = _read_core(doc, i)
        if core is None:
            i = start + 1
            continue
        if currency is not None and core.currency is None:
            core.currency = currency
        keep = _keep(doc, core, start, dropped, mentions)
        if keep is None:
            i = max(core.end, start + 1)
            continue
        # "two or three times", "200 to 300 people": one figure, read from the first number.
        second = _range_end(doc, core, start)
        after = (second or core).end
        if after < n and doc[after].lemma_.lower() in vocab.FREQUENCY_NOUNS:
            i = after + 1
            continue
        unit = _read_unit(doc, second or core)
        if second is None and (whole := _proportion_of(doc, core)) is not None:
            # "4 in 10 voters": a share (0.4) of what the second number counts.
            unit = _read_unit(doc, whole)
            unit = _Unit(max(unit.end, whole.end), f"{vocab.SHARE_UNIT} {unit.unit}" if unit.unit else None,
                         None, unit.head)
            core.value = round((core.value or 0.0) / (whole.value or 1.0), 2)
            core.share = True
        if unit.head is not None and (unit.head.lemma_.lower() in vocab.DURATION_NOUNS
                                      or unit.head.lemma_.lower() in vocab.FREQUENCY_NOUNS):
            i = max(unit.end, start + 1)
            continue
        if second is not None and unit.unit is None and second.currency is None and second.percent is False:
            unit = _Unit(second.end, None, None, None)
        if second is not None and core.currency is None:
            core.currency = second.currency
        q_start, qualifier = _qualifier_before(lowers, start)
        opens_range = start > 0 and doc[start - 1].lower_ in vocab.RANGE_OPENERS
        if second is not None and q_start == start and opens_range:
            q_start = start - 1  # "between 200 and 300 people"
        if q_start == start and start > 0 and doc[start - 1].lower_ in vocab.PRE_UNITS:
            q_start = start - 1
        if q_start == start - 1 and doc[q_start].lower_ in vocab.PRE_UNITS:
            unit = _Unit(core.end, doc[q_start].lower_, None, None)
            q_start, qualifier = _qualifier_before(lowers, q_start)
        if qualifier is None and q_start == start and unit.currency is None and _definite(doc, start, core):
            i = max(unit.end, start + 1)
            continue
        if doc[core.start].lower_ == vocab.ONE and qualifier is None and unit.head is None \
                and core.end - core.start == 1:
            i = max(unit.end, start + 1)
            continue
        end_tok = max(unit.end, core.end)
        while end_tok > core.end and dropped[end_tok - 1]:
            end_tok -= 1
        s_char = doc[q_start].idx
        e_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        code = unit.currency or core.currency
        found.append((s_char, e_char, _clean_value(core.value), qualifier, unit.unit, code))
        i = end_tok
    text = text_of(doc)
    figures = []
    for k, (s, e, value, qualifier, unit_text, code) in enumerate(found, start=1):
        figures.append(Figure(
            id=f"F{k}", text=text[s:e], spans=((s, e),), value=value, qualifier=qualifier,
            unit=unit_text, currency=code, attribution_id=attribution_holding(attributions, s, e),
        ))
    return figures


def _keep(doc: Doc, core: _Core, start: int, dropped: list[bool],
          mentions: list[tuple[int, int]]) -> bool | None:
    """True when the number may be a figure; None when a rule says it is none."""
    if any(dropped[k] for k in range(start, core.end)):
        return None
    if _is_time(doc, core):
        return None
    if _is_year(doc, core) or _is_age(doc, core) or _in_name(doc, core):
        return None
    if _counted_source(doc, core, mentions):
        return None
    return True


def _proportion_of(doc: Doc, core: _Core) -> _Core | None:
    """The whole of "4 in 10" (the core is the 4), else None."""
    j = core.end
    if j + 1 >= len(doc) or doc[j].lower_ != vocab.PROPORTION_WORD or core.value is None or core.share:
        return None
    whole = _read_core(doc, j + 1)
    if whole is None or not whole.value or whole.value < core.value or whole.currency or whole.percent:
        return None
    return whole


def _range_end(doc: Doc, core: _Core, start: int) -> _Core | None:
    """The second number of a range ("two or three", "200 to 300", "between 200 and 300"), else None."""
    j = core.end
    if j + 1 >= len(doc) or core.value is None:
        return None
    between = start > 0 and doc[start - 1].lower_ in vocab.RANGE_OPENERS
    if doc[j].lower_ not in vocab.RANGE_JOINERS and not (between and doc[j].lower_ in vocab.NUMBER_JOINERS):
        return None
    second = _read_core(doc, j + 1)
    if second is None or second.value is None or second.share != core.share:
        return None
    return second


def _definite(doc: Doc, start: int, core: _Core) -> bool:
    """"the two companies": a definite reference to things already counted."""
    if start == 0 or core.currency or core.percent or core.share:
        return False
    return doc[start - 1].lower_ in vocab.DEFINITE_BEFORE


@Language.factory(
    "onrecord_figures",
    assigns=["doc._.onrecord_figures"],
    requires=["token.dep", "token.pos", "token.ent_type", "doc._.onrecord_attributions",
              "doc._.onrecord_sources"],
    default_config={},
)
def make_figures(nlp: Language, name: str) -> StageComponent[list[Figure]]:
    """Build the figures component; registers onrecord's Doc extensions first."""
    register_extensions()
    return StageComponent(name, find_figures, writer(FIGURES))


__all__ = ["find_figures", "make_figures"]
