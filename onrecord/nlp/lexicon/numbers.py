"""Figures: number words, scales, qualifiers, currencies, and the words that make a number no figure.

Read by ``figures.py``. Forms, lower-cased, unless a comment says otherwise. The conventions
are the wire README's "Figures" section: every cardinal quantity with its qualifier and unit;
not source counts, definite references, ages, ordinals, frequencies, numbers in names, dates
or durations (durations are times).
"""

from __future__ import annotations

from typing import Final

# Cardinal number words and their values ("twenty-five" is read as "twenty" + "five").
NUMBER_WORDS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Multipliers written as words ("two million", "1.5 billion", "a hundred").
SCALE_WORDS: Final[dict[str, int]] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}
# Multipliers glued to digits ("$1.5bn", "€50m", "20k").
SCALE_SUFFIXES: Final[dict[str, int]] = {
    "bn": 1_000_000_000, "b": 1_000_000_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "k": 1_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}
# Counting nouns with a value ("a dozen ships", "two dozen").
COUNT_NOUNS: Final[dict[str, int]] = {"dozen": 12, "score": 20}
# Vague quantities: a figure with a null value ("dozens of investors", "tens of thousands").
VAGUE_WORDS: Final[frozenset[str]] = frozenset({
    "dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens", "scores",
    "handful",
})
# Vague words that may follow "of" inside one quantity ("tens of thousands", "hundreds of millions").
VAGUE_SCALES: Final[frozenset[str]] = frozenset({
    "thousands", "millions", "billions", "trillions", "hundreds",
})
# Shares of a whole ("about a third of the money": 0.33); the record keeps two decimals.
FRACTIONS: Final[dict[str, float]] = {
    "half": 0.5, "third": 0.33, "thirds": 0.33, "quarter": 0.25, "quarters": 0.25, "fifth": 0.2,
    "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}
FRACTION_WORDS: Final[dict[str, float]] = {
    "two-thirds": 0.67, "three-quarters": 0.75, "three-fourths": 0.75, "one-third": 0.33,
    "one-quarter": 0.25, "one-half": 0.5, "one-fifth": 0.2, "two-fifths": 0.4, "three-fifths": 0.6,
}
HALF: Final = "half"  # "half of the residents" (a share without "a")
HANDFUL: Final = "handful"  # "a handful of ...": vague
# The unit of a share: "share of the money".
SHARE_UNIT: Final = "share of"
# The article that stands for one before a scale, count noun or fraction ("a dozen", "a third").
INDEFINITE_ONE: Final[frozenset[str]] = frozenset({"a", "an"})
# The word that joins "one hundred and fifty" and "tens of thousands".
NUMBER_JOINERS: Final[frozenset[str]] = frozenset({"and"})
OF: Final = "of"
# Words joining the two ends of a range ("two or three", "200 to 300", "10-12").
RANGE_JOINERS: Final[frozenset[str]] = frozenset({"or", "to", "-", "–"})
# "4 in 10 voters": a proportion, kept as a share.
PROPORTION_WORD: Final = "in"
# "between 200 and 300": "and" joins a range after these.
RANGE_OPENERS: Final[frozenset[str]] = frozenset({"between"})

# Qualifiers before a number, longest first wins (token forms).
QUALIFIERS: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("no", "more", "than"), "up_to"), (("not", "more", "than"), "up_to"),
    (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"),
    (("as", "many", "as"), "up_to"), (("as", "much", "as"), "up_to"), (("as", "few", "as"), "exactly"),
    (("a", "maximum", "of"), "up_to"), (("a", "minimum", "of"), "at_least"),
    (("an", "estimated"), "about"), (("just", "over"), "more_than"), (("just", "under"), "nearly"),
    (("well", "over"), "more_than"), (("more", "than"), "more_than"), (("over",), "more_than"),
    (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"), (("above",), "more_than"),
    (("at", "least"), "at_least"), (("a", "minimum"), "at_least"),
    (("up", "to"), "up_to"), (("at", "most"), "up_to"), (("fewer", "than"), "up_to"),
    (("less", "than"), "up_to"), (("under",), "up_to"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("close", "to"), "nearly"),
    (("about",), "about"), (("around",), "about"), (("roughly",), "about"), (("approximately",), "about"),
    (("some",), "about"), (("estimated",), "about"), (("approx.",), "about"), (("circa",), "about"),
    (("an", "approximate"), "about"), (("exactly",), "exactly"), (("precisely",), "exactly"),
)
QUALIFIER_MAX_WORDS: Final = 3

# Percent words after a number ("12 percent", "12%", "12 per cent"), and point units.
PERCENT_WORDS: Final[frozenset[str]] = frozenset({"percent", "%", "pct", "per-cent"})
PER_CENT: Final[tuple[str, str]] = ("per", "cent")
PERCENT_UNIT: Final = "percent"
POINT_UNITS: Final[dict[str, str]] = {"percentage": "percentage points", "basis": "basis points"}
POINT_NOUNS: Final[frozenset[str]] = frozenset({"point", "points"})
# "tonnes per year", "euros per share": the rate word joined to the unit.
PER_WORDS: Final[frozenset[str]] = frozenset({"per", "a"})
PER: Final = "per"
# Units written before the number ("magnitude 6.1").
PRE_UNITS: Final[frozenset[str]] = frozenset({"magnitude"})

# Currency symbols before digits, alone or glued ("$", "S$240"), as written (case kept).
CURRENCY_SYMBOLS: Final[dict[str, str]] = {
    "$": "USD", "US$": "USD", "USD$": "USD", "S$": "SGD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "NT$": "TWD", "R$": "BRL", "MX$": "MXN", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₦": "NGN", "₱": "PHP", "₹": "INR", "₺": "TRY", "₩": "KRW", "₴": "UAH",
    "₽": "RUB", "₪": "ILS", "Rs": "INR", "Rs.": "INR", "Ksh": "KES", "KSh": "KES", "R": "ZAR", "zł": "PLN",
}
# ISO 4217 codes written as words ("EUR 5 million", "5 million USD"), upper case as written.
CURRENCY_CODES: Final[frozenset[str]] = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "SGD", "HKD", "INR", "NGN", "ZAR",
    "KES", "PHP", "PLN", "SEK", "NOK", "DKK", "TRY", "RUB", "UAH", "BRL", "MXN", "KRW", "IDR", "MYR",
    "THB", "VND", "EGP", "ILS", "AED", "SAR", "QAR", "GHS", "ETB", "UGX", "TZS", "HUF", "CZK", "RON",
})
# Currency nouns after a number ("23,000 euros"); singular and plural forms.
CURRENCY_WORDS: Final[dict[str, str]] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "naira": "NGN", "rand": "ZAR", "shilling": "KES", "shillings": "KES",
    "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "rupees": "INR", "franc": "CHF",
    "francs": "CHF", "zloty": "PLN", "zlotys": "PLN", "zlotys.": "PLN", "lira": "TRY", "liras": "TRY",
    "hryvnia": "UAH", "hryvnias": "UAH", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB",
    "roubles": "RUB", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "won": "KRW", "dirham": "AED",
    "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "shekel": "ILS", "shekels": "ILS", "cedi": "GHS",
    "cedis": "GHS", "birr": "ETB", "dong": "VND", "forint": "HUF", "forints": "HUF", "koruna": "CZK",
    "peso": "PHP", "pesos": "PHP", "krona": "SEK", "kronor": "SEK", "krone": "DKK", "kroner": "DKK",
    "real": "BRL", "reais": "BRL",
}
# Words before a currency noun that change its code ("Singapore dollars", "Norwegian kroner").
CURRENCY_QUALIFIED: Final[dict[tuple[str, str], str]] = {
    ("singapore", "USD"): "SGD", ("singaporean", "USD"): "SGD", ("australian", "USD"): "AUD",
    ("canadian", "USD"): "CAD", ("hong", "USD"): "HKD", ("kong", "USD"): "HKD", ("new", "USD"): "TWD",
    ("zealand", "USD"): "NZD", ("taiwan", "USD"): "TWD", ("egyptian", "GBP"): "EGP",
    ("mexican", "PHP"): "MXN", ("philippine", "PHP"): "PHP", ("colombian", "PHP"): "COP",
    ("argentine", "PHP"): "ARS", ("chilean", "PHP"): "CLP", ("norwegian", "DKK"): "NOK",
    ("danish", "DKK"): "DKK", ("swedish", "SEK"): "SEK", ("icelandic", "SEK"): "ISK",
    ("ugandan", "KES"): "UGX", ("tanzanian", "KES"): "TZS", ("kenyan", "KES"): "KES",
    ("pakistani", "INR"): "PKR", ("indian", "INR"): "INR", ("sri", "INR"): "LKR",
    ("swiss", "CHF"): "CHF", ("west", "CHF"): "XOF", ("cfa", "CHF"): "XOF", ("u.s.", "USD"): "USD",
    ("us", "USD"): "USD",
}
# Vague money: "hundreds of millions of dollars" (a currency noun after "of").

# Not figures.
# Durations are times ("14 months", "24 hours"); lemmas of the unit noun.
DURATION_NOUNS: Final[frozenset[str]] = frozenset({
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night",
    "fortnight", "weekend", "quarter", "season", "term", "moment", "millennium",
})
# Frequencies and multipliers ("two or three times a week", "three times as many"); lemmas.
FREQUENCY_NOUNS: Final[frozenset[str]] = frozenset({"time"})
# Ages: "a 38-year-old", "Smith, 45,", "aged 45", "at age 45"; forms.
AGE_BEFORE: Final[frozenset[str]] = frozenset({"aged", "age", "ages"})
AGE_AFTER: Final[tuple[str, ...]] = ("year-old", "years-old", "yr-old", "month-old", "week-old", "day-old")
AGE_YEAR: Final[frozenset[str]] = frozenset({"year", "years", "month", "months", "yr", "yrs"})
AGE_OLD: Final[frozenset[str]] = frozenset({"old", "olds"})
HYPHENS: Final[frozenset[str]] = frozenset({"-", "–", "‑"})
# Definite references to things already counted ("the two companies"): not figures.
DEFINITE_BEFORE: Final[frozenset[str]] = frozenset({
    "the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "both", "all",
})
# Numbers in names and labels: "No. 3", "Flight 370", "Article 5", "Category 4"; forms.
NAME_BEFORE: Final[frozenset[str]] = frozenset({
    "no.", "no", "nos.", "number", "#", "flight", "route", "article", "section", "resolution",
    "chapter", "category", "level", "phase", "stage", "gate", "terminal", "platform", "line", "room",
    "unit", "block", "lot", "case", "bill", "rule", "paragraph", "clause", "item", "page", "vol.",
    "volume", "episode", "season", "group", "camp", "sector", "zone", "berth", "pier", "building",
    "highway", "road", "ward", "district", "precinct", "model", "type", "version", "mark", "class",
    "grade", "row", "seat", "channel", "pillar", "tier", "covid", "g",
})
# spaCy entity labels of names and of dates, times and ordinals: a number inside one is no figure.
NAME_ENTITIES: Final[frozenset[str]] = frozenset({
    "PERSON", "ORG", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "GPE", "LOC", "NORP", "LANGUAGE",
})
TIME_ENTITIES: Final[frozenset[str]] = frozenset({"DATE", "TIME", "ORDINAL"})
# A bare four-digit number in this range is a year ("in 2024"), not a figure.
YEAR_RANGE: Final[tuple[int, int]] = (1800, 2100)
# "one of the largest ports": a superlative, no count. Tags.
SUPERLATIVE_TAGS: Final[frozenset[str]] = frozenset({"JJS", "RBS"})
# "one" only counts as a nummod, with a qualifier, or as "one of" + plural noun.
ONE: Final = "one"
# Unit stop words: nouns after a number that are no unit of it ("2,000 more", "300 each").
NOT_UNITS: Final[frozenset[str]] = frozenset({
    "more", "less", "fewer", "each", "apiece", "other", "others", "or", "so", "times",
})
# How far a unit noun may stand from its number ("300 armoured aid trucks").
UNIT_MAX_DISTANCE: Final = 4
