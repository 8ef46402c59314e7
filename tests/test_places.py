"""Places on the real English model: kinds, countries, points, persons that are not places, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from onrecord import analyze
from onrecord.nlp.boilerplate import find_boilerplate
from onrecord.nlp.extensions import register_extensions, set_dropped
from onrecord.nlp.gazetteer import gazetteer, normalise, reset_gazetteer
from onrecord.nlp.model import load_base_model
from onrecord.nlp.places import find_places
from onrecord.records import ArticleRecord, Place
from onrecord.store import Store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    return load_base_model()


def _places(nlp: Language, text: str, demonyms: bool = False) -> list[Place]:
    doc: Doc = nlp(text)
    set_dropped(doc, find_boilerplate(text))
    found = find_places(doc, demonyms=demonyms)
    for p in found:
        (s, e), = p.spans
        assert text[s:e] == p.text
    assert [p.id for p in found] == [f"P{i}" for i in range(1, len(found) + 1)]
    return found


def _by_text(found: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in found}


def test_cities_countries_and_points(nlp: Language) -> None:
    text = "Dockworkers in Gdansk walked out on Monday, and the strike spread across Poland."
    found = _by_text(_places(nlp, text))
    gdansk, poland = found["Gdansk"], found["Poland"]
    assert (gdansk.kind, gdansk.country_code, gdansk.geonames_id) == ("city", "PL", 3099434)
    assert gdansk.lat is not None and gdansk.lon is not None
    assert abs(gdansk.lat - 54.35) < 0.1 and abs(gdansk.lon - 18.65) < 0.1
    assert (poland.kind, poland.country_code) == ("country", "PL")


def test_admin_areas_with_a_cue_word_and_us_states(nlp: Language) -> None:
    found = _by_text(_places(nlp, "Farmers in Texas and in the Kaduna state of Nigeria lost their crops."))
    assert (found["Texas"].kind, found["Texas"].country_code) == ("admin", "US")
    kaduna = next(p for t, p in found.items() if t.startswith("Kaduna"))
    assert kaduna.country_code == "NG"


def test_regions_and_seas(nlp: Language) -> None:
    text = ("Tankers crossed the Black Sea while storms hit the Caribbean. "
            "Aid reached northern Kenya on Friday. Ships waited in the Middle East.")
    found = _by_text(_places(nlp, text))
    assert found["Black Sea"].kind == "sea" and found["Black Sea"].country_code is None
    assert found["Caribbean"].kind == "region" and found["Caribbean"].country_code is None
    north = found["northern Kenya"]
    assert (north.kind, north.country_code, north.lat) == ("region", "KE", None)
    assert found["Middle East"].country_code is None


def test_a_facility(nlp: Language) -> None:
    found = _places(nlp, "The plane landed at Heathrow Airport after a long delay over the Atlantic.")
    assert any(p.kind == "facility" and "Heathrow" in p.text for p in found), found


def test_a_place_inside_an_organisation_name(nlp: Language) -> None:
    found = _by_text(_places(nlp, "Researchers at the University of California published the study."))
    assert found["California"].country_code == "US"


def test_a_person_named_like_a_place_is_not_a_place(nlp: Language) -> None:
    found = _places(nlp, "“We will not sign this,” Jordan said on Tuesday.")
    assert not any(p.text == "Jordan" for p in found)
    found = _places(nlp, "Michael Jordan visited Paris. Jordan told reporters the trip was private.")
    assert [p.text for p in found] == ["Paris"]
    assert found[0].country_code == "FR"


def test_the_country_jordan_is_still_a_place(nlp: Language) -> None:
    found = _places(nlp, "Refugees crossed from Syria into Jordan last year.")
    assert {p.text: p.country_code for p in found} == {"Syria": "SY", "Jordan": "JO"}


def test_ambiguous_city_follows_the_article_country(nlp: Language) -> None:
    found = _places(nlp, "Police in Spain arrested four men in Barcelona and Valencia.")
    assert _by_text(found)["Valencia"].country_code == "ES"


def test_demonyms_only_on_request(nlp: Language) -> None:
    text = "Turkish officials met Polish diplomats in Ankara."
    assert [p.text for p in _places(nlp, text)] == ["Ankara"]
    with_adj = _by_text(_places(nlp, text, demonyms=True))
    assert with_adj["Turkish"].country_code == "TR" and with_adj["Polish"].country_code == "PL"


def test_a_dropped_line_yields_nothing(nlp: Language) -> None:
    text = "READ MORE: Floods in Kenya and Uganda\n"
    assert find_boilerplate(text), "the line is boilerplate"
    assert _places(nlp, text) == []


def test_a_2000_token_sentence_does_not_raise(nlp: Language) -> None:
    text = "Convoys moved from Gdansk to Warsaw and " * 250 + "then stopped."
    found = _places(nlp, text)
    assert found and all(p.country_code == "PL" for p in found)


def test_empty_and_placeless_text(nlp: Language) -> None:
    assert _places(nlp, "") == []
    assert _places(nlp, "The committee met and nothing was decided.") == []


def test_gazetteer_is_lazy_and_resettable() -> None:
    reset_gazetteer()
    gaz = gazetteer()
    assert gazetteer() is gaz
    assert gaz.lookup("the Netherlands")[0].country_code == "NL"
    assert gaz.lookup("U.S.")[0].country_code == "US"
    assert normalise("Saint-\u00c9tienne") == "saint-etienne"
    reset_gazetteer()
    assert gazetteer() is not gaz


def test_place_round_trip() -> None:
    p = Place("P1", "Gdansk", ((0, 6),), "Gda\u0144sk", "PL", 54.35, 18.65, 3099434, "city")
    assert Place.from_dict(p.to_dict()) == p
    assert set(p.to_dict()) == {
        "id", "text", "spans", "name", "country_code", "lat", "lon", "geonames_id", "kind"}


def test_places_in_the_record_and_the_store(tmp_path: Path) -> None:
    text = "Dockworkers in Gdansk walked out on Monday, the union said. Ports across Poland were shut.\n"
    record = analyze(text)
    found = record.to_dict()["places"]
    assert [(p["text"], p["country_code"]) for p in found] == [("Gdansk", "PL"), ("Poland", "PL")]
    with Store.open(str(tmp_path / "places.db")) as store:
        store.migrate()
        store.store_record(record, input_key=record.id)
        stored = store.article(record.id)
    assert stored is not None
    assert ArticleRecord.from_dict(stored) == record


def test_place_adjectives_setting_reaches_the_stage() -> None:
    # Off (the wire convention) an adjective is no place; the setting counts it, as GeoWebNews does.
    from onrecord import Settings, analyze

    text = "Turkish officials met in Ankara on Monday to discuss the talks."
    off = [p["text"] for p in analyze(text).to_dict()["places"]]
    on = analyze(text, settings=Settings(place_adjectives=True)).to_dict()["places"]
    assert off == ["Ankara"]
    assert [(p["text"], p["country_code"]) for p in on] == [("Turkish", "TR"), ("Ankara", "TR")]
