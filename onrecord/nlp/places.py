"""Places: the toponyms of an article, with country, GeoNames id, point and kind.

``find_places(doc)`` is pure. Candidates come from two places:

* spaCy's GPE, LOC and FAC entities (a leading "the" and a trailing "'s" dropped); a name
  the gazetteer does not know is kept, with a kind from its cue word ("Arequipa region",
  "Kivu province") and the article's main country;
* a scan of capitalised proper-noun runs (up to four tokens) for names the gazetteer knows
  well: countries, regions, seas, US states and cities over 100,000 people. This finds the
  toponyms inside organisation names ("University of California") that the tagger misses.

A name that is also a person's is not a place: inside a PERSON entity, after "Mr"/"Dr", a
first name that is the subject of a verb of speech ("Jordan said"), a word that is part of a
person's name elsewhere in the article, or a mention of a source that is a person. Nothing
comes from a dropped line. Ambiguous names go to the reading whose country the article
mentions ("Valencia" in a story about Spain), unless that reading is far smaller.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from onrecord.findings import PLACES
from onrecord.nlp.component import StageComponent
from onrecord.nlp.extensions import dropped_mask, register_extensions, sources_of, text_of, words_of, writer
from onrecord.nlp.gazetteer import Entry, gazetteer, normalise
from onrecord.nlp.lexicon.names import FEMALE_NAMES, MALE_NAMES
from onrecord.nlp.lexicon.places import (
    ADMIN_CUES,
    CITY_CUES,
    DEMONYMS,
    DIRECTION_MODIFIERS,
    DIRECTION_NAMES,
    FACILITY_CUES,
    GENERIC_WORDS,
    NAME_WORDS,
    NATURAL_CUES,
    OUTLET_WORDS,
    PERSON_CUES,
    SPEECH_LEMMAS,
)
from onrecord.records import Place, PlaceKind

_ENT_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAX_SCAN = 6  # tokens in a scanned name ("Port-au-Prince" is five)
_SCAN_MIN_POPULATION = 50_000  # a city found by the scan alone must be at least this big
_SCAN_MIN_SINGLE = 50_000  # … and this big when its name is one word
_CONTEXT_RATIO = 50  # a reading in a mentioned country wins unless this many times smaller
_STATE_RATIO = 5  # a city in a mentioned US state wins unless this many times smaller
_TRIM_HEAD = frozenset({"the", "The", "THE"})
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_CONNECTORS = frozenset({"of", "and", "-", "de", "la", "du", "del", "upon", "on"})
_TRIM_TAIL = frozenset({"'s", "\u2019s", "'", "\u2019", ".", ",", "-"})


class _Candidate:
    __slots__ = ("start", "end", "label", "entries", "cue")

    def __init__(self, start: int, end: int, label: str, entries: tuple[Entry, ...], cue: str | None) -> None:
        self.start, self.end, self.label, self.entries, self.cue = start, end, label, entries, cue


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in _TRIM_HEAD or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _TRIM_TAIL or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _name_like(tok: Token) -> bool:
    return _name_word(tok.text)


def _name_word(text: str) -> bool:
    """Capitalised and holding a letter: a word that may belong to a name."""
    # the first letter is nearly always the letter; the scan is for "Ⅷ-class" and the like
    return text[:1].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text))


def _span_text(text: str, starts: list[int], words: list[str], i: int, j: int) -> str:
    """``doc[i:j].text`` cut from the Doc's text (tokens ``i`` to ``j - 1``): no Span, no Tokens."""
    return text[starts[i]:starts[j - 1] + len(words[j - 1])]


def _person_words(doc: Doc) -> frozenset[str]:
    """Lower-cased words of multi-word PERSON entities ("Michael Jordan" -> jordan)."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.lower_ for t in ent if _name_like(t))
    return frozenset(words)


def _person_tokens(doc: Doc) -> set[int]:
    """Tokens inside a PERSON entity or a mention of a source that is a person."""
    gaz = gazetteer()
    marked = {t.i for ent in doc.ents if ent.label_ == "PERSON" and not _known_area(gaz.lookup(ent.text), ent)
              for t in ent}
    for source in sources_of(doc):
        if source.type != "person":
            continue
        for s, e in source.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            # a mention that is a bare name ("Jordan said"), not a description with a place in it
            if span is not None and all(t.pos_ == "PROPN" or t.is_punct for t in span):
                marked.update(range(span.start, span.end))
    return marked


def _outlet_tokens(words: list[str]) -> set[int]:
    """Tokens of a parenthesised outlet name ("(West Africa Wire)"): the publisher, not a place."""
    marked: set[int] = set()
    n = len(words)
    for i, word in enumerate(words):
        if word != "(":
            continue
        end = i + 1
        while end < n and end - i <= 6 and words[end] != ")":
            end += 1
        closed = end < n and words[end] == ")" and end > i + 1
        if closed and words[end - 1].lower() in OUTLET_WORDS:
            marked.update(range(i + 1, end))
    return marked


def _known_area(entries: tuple[Entry, ...], ent: Span) -> bool:
    """A multi-word PERSON entity that is a country, region or state ("Tamil Nadu")."""
    return len(ent) > 1 and bool(entries) and entries[0].kind != "city" and not entries[0].alternate


def _is_person(doc: Doc, start: int, end: int, person_words: frozenset[str], person_toks: set[int]) -> bool:
    single_person = end - start == 1 and doc[start].ent_type_ == "PERSON" and doc[start].ent_iob_ == "B" and (
        start + 1 >= len(doc) or doc[start + 1].ent_iob_ != "I")
    if not single_person and any(i in person_toks for i in range(start, end)):
        return True
    if start > 0 and doc[start - 1].lower_ in PERSON_CUES:
        return True
    if end - start != 1:
        return False
    tok = doc[start]
    if tok.lower_ in person_words:
        return True
    first_name = tok.lower_ in MALE_NAMES or tok.lower_ in FEMALE_NAMES
    return first_name and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in SPEECH_LEMMAS


def _cue(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """A trailing kind word inside the span ("Arequipa region"): the end without it, and the word."""
    last = doc[end - 1].lower_
    if end - start > 1 and last in ADMIN_CUES | CITY_CUES | FACILITY_CUES | NATURAL_CUES:
        return end - 1, last
    return end, None


def _mostly_not_place(doc: Doc) -> frozenset[str]:
    """Names the tagger calls an organisation or a person more often than a place ("Wedbush")."""
    votes: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in _ENT_LABELS:
            votes[normalise(ent.text)] += 1
        elif ent.label_ in ("ORG", "PERSON"):
            votes[normalise(ent.text)] -= 1
    return frozenset(k for k, v in votes.items() if v < 0)


def _entity_candidates(doc: Doc, skip: list[bool]) -> Iterable[_Candidate]:
    gaz = gazetteer()
    not_place = _mostly_not_place(doc)
    for ent in doc.ents:
        if ent.label_ not in _ENT_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end or any(skip[start:end]):
            continue
        if end - start == 1 and doc[start].lower_ in GENERIC_WORDS:
            continue
        entries = gaz.lookup(doc[start:end].text)
        cue = None
        if not entries:
            bare_end, cue = _cue(doc, start, end)
            if cue is not None:
                entries = tuple(e for e in gaz.lookup(doc[start:bare_end].text)
                                if e.kind != "country" and not e.alternate)
            elif end - start > 1 and doc[start].lower_ in DIRECTION_NAMES:
                # "West Wales": the country of the place it is named after, no point
                entries = tuple(e._replace(kind="region", geonames_id=None, lat=None, lon=None,
                                           name=doc[start:end].text)
                                for e in gaz.lookup(doc[start + 1:end].text)[:1] if e.country_code)
        if not entries and normalise(doc[start:end].text) in not_place:
            continue
        yield _Candidate(start, end, ent.label_, entries, cue)


def _acronym(tok: Token) -> bool:
    line_start = tok.i == 0 or "\n" in tok.doc[tok.i - 1].text_with_ws
    return tok.is_upper and len(tok.text) <= 4 and not line_start


def _scan_ok(entries: tuple[Entry, ...], key: str, single: bool) -> bool:
    if not entries or key in GENERIC_WORDS or (single and key in NAME_WORDS):
        return False
    best = entries[0]
    if best.alternate:
        return False
    if best.kind == "city":
        return best.population >= (_SCAN_MIN_SINGLE if single else _SCAN_MIN_POPULATION)
    # US states and home nations; other ISO subdivisions only when their name has two words or more
    return best.kind != "admin" or best.population > 0 or not single


def _scan_candidates(doc: Doc, taken: list[bool], min_len: int, words: list[str], names: list[bool]
                     ) -> Iterable[_Candidate]:
    """Runs of capitalised words (joined by "of", "and", "-") that the gazetteer knows well.

    ``words`` are the tokens' texts and ``names`` their ``_name_word``: read once per Doc.
    """
    gaz = gazetteer()
    n = len(doc)
    text_all, starts = text_of(doc), doc.to_array(IDX).tolist()
    i = 0
    while i < n:
        if taken[i] or not names[i] or (doc[i].pos_ not in _NAME_POS and not doc[i].is_upper):
            i += 1
            continue
        found = None
        for j in range(min(n, i + _MAX_SCAN), i + min_len - 1, -1):
            if any(taken[i:j]) or not names[j - 1]:
                continue
            if not all(names[k] or words[k].lower() in _CONNECTORS for k in range(i, j)):
                continue
            if j - i == 1 and doc[i].is_sent_start and not doc[i].is_upper:
                continue  # "Most economists …"
            text = _span_text(text_all, starts, words, i, j)
            entries = gaz.lookup(text)
            if j - i == 1 and _acronym(doc[i]) and all(e.kind == "city" for e in entries):
                continue  # "OAS" is not the town of Oas; a dateline's "LIMA," starts its line
            if _scan_ok(entries, normalise(text), j - i == 1):
                found = _Candidate(i, j, "SCAN", entries, None)
                break
        if found is None:
            i += 1
            continue
        yield found
        i = found.end


def _repeat_candidates(
    doc: Doc, found: list[_Candidate], taken: list[bool], person_toks: set[int], person_words: frozenset[str],
    words: list[str], names: list[bool],
) -> Iterable[_Candidate]:
    """Other mentions of a name already found as a place (one sense per article): "Cauvery" in
    "Cauvery Management Board" once "the Cauvery" is a place. A single-word PERSON entity may be
    one ("in Riverdale"); a word of a person's full name is not."""
    known: dict[str, _Candidate] = {}
    for c in found:
        if c.end - c.start <= _MAX_SCAN and (c.entries or c.label == "LOC"):
            known.setdefault(normalise(doc[c.start:c.end].text), c)
    if not known:
        return
    single_person = {ent.start for ent in doc.ents if ent.label_ == "PERSON" and len(ent) == 1}
    n = len(doc)
    text, starts = text_of(doc), doc.to_array(IDX).tolist()
    i = 0
    while i < n:
        hit = None
        if names[i] and words[i] not in _TRIM_HEAD:
            for j in range(min(n, i + _MAX_SCAN), i, -1):
                if not names[j - 1]:
                    continue
                blocked = any(taken[k] and not (k in single_person and k in person_toks) for k in range(i, j))
                if blocked or (j - i == 1 and words[i].lower() in person_words):
                    continue
                prev = known.get(normalise(_span_text(text, starts, words, i, j)))
                if prev is not None:
                    hit = _Candidate(i, j, prev.label, prev.entries, prev.cue)
                    break
        if hit is None:
            i += 1
            continue
        yield hit
        i = hit.end


def _demonym_candidates(doc: Doc, taken: list[bool]) -> Iterable[_Candidate]:
    """Country adjectives ("Turkish"), as places of that country (GeoWebNews' convention)."""
    gaz = gazetteer()
    for tok in doc:
        if taken[tok.i] or not _name_like(tok):
            continue
        code = DEMONYMS.get(tok.lower_)
        if code is None:
            continue
        country = gaz.countries.get(code) if code else None
        entry = country or Entry(tok.text, "region", None, None, None, None)
        yield _Candidate(tok.i, tok.i + 1, "DEMONYM", (entry,), None)


def _country_context(cands: list[_Candidate]) -> tuple[Counter[str], set[tuple[str, str]]]:
    """Country codes the article names unambiguously, counted, and the US states it names."""
    counts: Counter[str] = Counter()
    states: set[tuple[str, str]] = set()
    for c in cands:
        codes = {e.country_code for e in c.entries if not e.alternate and e.country_code}
        if len(codes) == 1 and c.entries[0].kind in ("country", "admin", "city"):
            counts[codes.pop()] += 1
        top = c.entries[0] if c.entries else None
        if top is not None and top.kind == "admin" and top.admin1 and top.country_code:
            states.add((top.country_code, top.admin1))
    return counts, states


def _choose(entries: tuple[Entry, ...], context: Counter[str], states: set[tuple[str, str]]) -> Entry | None:
    if not entries:
        return None
    best = entries[0]
    wide = best.kind in ("country", "region", "sea")
    if wide and (best.country_code is None or best.country_code in context):
        return best
    pool = [e for e in entries if best.alternate or not e.alternate]
    # "Garden City" in a story that names New York: the one in that state
    size = max(best.population, 1)
    in_state = [e for e in pool if e.kind == "city" and e.country_code and e.admin1
                and (e.country_code, e.admin1) in states and e.population * _STATE_RATIO >= size]
    if in_state:
        return max(in_state, key=lambda e: e.population)
    for e in pool:
        if e.country_code in context and (e.kind != "city" or e.population * _CONTEXT_RATIO >= size):
            return e
    return best


def _short_forms(doc: Doc, cands: list[_Candidate]) -> None:
    """A first word standing for a longer name the article uses ("Trinidad" after "Trinidad and
    Tobago"): the longer name's entries, when it is a country or a state."""
    longer: dict[str, tuple[Entry, ...]] = {}
    for c in cands:
        if c.end - c.start > 2 and c.entries and c.entries[0].kind in ("country", "admin"):
            longer.setdefault(doc[c.start].lower_, c.entries[:1])
    for c in cands:
        if c.end - c.start == 1 and doc[c.start].lower_ in longer:
            c.entries = longer[doc[c.start].lower_]


def _kind(entry: Entry | None, cand: _Candidate) -> PlaceKind:
    if cand.cue in ADMIN_CUES:
        return "admin"
    if cand.cue in CITY_CUES:
        return "city"
    if cand.cue in FACILITY_CUES or (entry is None and cand.label == "FAC"):
        return "facility"
    if cand.cue in NATURAL_CUES:
        return "sea" if cand.cue in ("sea", "ocean", "gulf", "bay", "strait") else "region"
    if entry is None:
        return "other"
    return entry.kind


def find_places(doc: Doc, demonyms: bool = False) -> list[Place]:
    """Every toponym in ``doc`` outside dropped lines, in text order, ids P1, P2, …

    ``demonyms`` adds country adjectives ("Turkish officials"), as GeoWebNews annotates them;
    the record's convention (the wire set's) leaves them out.
    """
    if not len(doc):
        return []
    dropped = dropped_mask(doc)
    person_words = _person_words(doc)
    person_toks = _person_tokens(doc)
    taken = list(dropped)
    # a one-word PERSON entity that is no first name may still be a place ("… in Valencia")
    loose = {ent.start for ent in doc.ents if ent.label_ == "PERSON" and len(ent) == 1
             and ent.root.lower_ not in MALE_NAMES and ent.root.lower_ not in FEMALE_NAMES
             and ent.root.lower_ not in person_words}
    words = words_of(doc)
    names = [_name_word(w) for w in words]
    for t in (person_toks - loose) | _outlet_tokens(words):
        taken[t] = True

    def keep(found: Iterable[_Candidate]) -> list[_Candidate]:
        kept = [c for c in found if not _is_person(doc, c.start, c.end, person_words, person_toks)]
        for c in kept:
            for i in range(c.start, c.end):
                taken[i] = True
        return kept

    cands = keep(list(_scan_candidates(doc, taken, 2, words, names)))
    cands += keep(list(_entity_candidates(doc, taken)))
    cands += keep(list(_scan_candidates(doc, taken, 1, words, names)))
    cands += keep(list(_repeat_candidates(doc, cands, taken, person_toks, person_words, words, names)))
    if demonyms:
        cands += keep(list(_demonym_candidates(doc, taken)))
    cands.sort(key=lambda c: c.start)
    _short_forms(doc, cands)
    context, states = _country_context(cands)
    main = context.most_common(1)[0][0] if context else None
    places: list[Place] = []
    for c in cands:
        entry = _choose(c.entries, context, states)
        if entry is None and c.label == "SCAN":
            continue
        start = c.start
        kind = _kind(entry, c)
        region = start > 0 and doc[start - 1].lower_ in DIRECTION_MODIFIERS and kind in ("country", "admin")
        if region:
            start -= 1
            kind = "region"
        span = doc[start:c.end]
        if entry is not None:
            code = entry.country_code
            name = f"{doc[start].text} {entry.name}" if region else entry.name
        else:
            code = main
            name = span.text
        # the point and id are the entry's only when the place is that entry ("Arequipa region"
        # is not the city of Arequipa; "northern Kenya" is not Kenya)
        exact = entry is not None and not region and kind == entry.kind
        places.append(Place(
            id=f"P{len(places) + 1}", text=span.text, spans=((span.start_char, span.end_char),), name=name,
            country_code=code, lat=entry.lat if exact and entry else None,
            lon=entry.lon if exact and entry else None,
            geonames_id=entry.geonames_id if exact and entry else None, kind=kind,
        ))
    return places


@Language.factory(
    "onrecord_places", assigns=["doc._.onrecord_places"], requires=["doc.ents"],
    default_config={"demonyms": False},
)
def make_places(nlp: Language, name: str, demonyms: bool = False) -> StageComponent[list[Place]]:
    """Build the places component; registers onrecord's Doc extensions first.

    ``demonyms`` (the ``place_adjectives`` setting) counts country adjectives as places.
    """
    register_extensions()
    if demonyms:
        return StageComponent(name, functools.partial(find_places, demonyms=True), writer(PLACES))
    return StageComponent(name, find_places, writer(PLACES))


__all__ = ["find_places", "make_places"]
