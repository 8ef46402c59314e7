"""Titles and role nouns of people, honorifics, and titles that name one office holder.

The record's role for a person comes from these (SOURCE_LABELS.md rules R2 and R8). Keys
are lower-cased lemmas; two-word titles ("press secretary") are keys too.
"""

from __future__ import annotations

from typing import Final

# Title and role nouns of a single person (or their plural), mapped to the record's role.
PERSON_ROLES: Final[dict[str, str]] = {
    # appointed / non-elected state actors
    "minister": "official", "secretary": "official", "official": "official", "director": "official",
    "commissioner": "official", "officer": "official", "inspector": "official", "prosecutor": "official",
    "judge": "official", "justice": "official", "ambassador": "official", "diplomat": "official",
    "envoy": "official", "general": "official", "admiral": "official", "colonel": "official",
    "commander": "official", "sheriff": "official", "investigator": "official", "detective": "official",
    "regulator": "official", "authority": "official", "chief": "official", "attorney general": "official",
    "police chief": "official", "harbour master": "official", "harbor master": "official",
    "deputy": "official", "undersecretary": "official", "agent": "official", "trooper": "official",
    "policeman": "official", "policewoman": "official", "constable": "official", "marshal": "official",
    "coroner": "official", "administrator": "official", "bureaucrat": "official", "soldier": "official",
    "captain": "official", "lieutenant": "official", "sergeant": "official", "ranger": "official",
    "governor general": "official", "central banker": "official", "superintendent": "official",
    # elected office holders, candidates, parties
    "president": "politician", "senator": "politician", "sen.": "politician", "rep.": "politician",
    "pres.": "politician", "sen": "politician", "rep": "politician", "gov": "politician",
    "representative": "politician", "congressman": "politician", "congresswoman": "politician",
    "governor": "politician", "gov.": "politician", "mayor": "politician", "lawmaker": "politician",
    "legislator": "politician", "candidate": "politician", "nominee": "politician",
    "speaker": "politician", "leader": "politician", "mp": "politician", "parliamentarian": "politician",
    "chairman": "politician", "chairwoman": "politician", "chair": "politician", "councillor": "politician",
    "councilman": "politician", "councilwoman": "politician", "councilor": "politician",
    "politician": "politician", "prime minister": "politician", "premier": "politician",
    "vice president": "politician", "running mate": "politician", "democrat": "politician",
    "republican": "politician", "incumbent": "politician", "challenger": "politician",
    "assemblyman": "politician", "assemblywoman": "politician", "delegate": "politician",
    "chancellor": "politician", "opposition": "politician", "contender": "politician",
    "presidential": "politician", "whip": "politician", "majority leader": "politician",
    "minority leader": "politician", "alderman": "politician", "alderwoman": "politician",
    "superdelegate": "politician", "selectman": "politician", "state senator": "politician",
    # people speaking for someone else
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "press secretary": "spokesperson", "aide": "spokesperson", "adviser": "spokesperson",
    "advisor": "spokesperson", "surrogate": "spokesperson", "lawyer": "spokesperson",
    "attorney": "spokesperson", "counsel": "spokesperson", "campaign manager": "spokesperson",
    "manager": "spokesperson", "staffer": "spokesperson", "representative for": "spokesperson",
    "chief of staff": "spokesperson", "communications director": "spokesperson",
    "press officer": "spokesperson",
    # experts and commentators
    "professor": "expert", "analyst": "expert", "economist": "expert", "researcher": "expert",
    "scientist": "expert", "expert": "expert", "pollster": "expert", "fellow": "expert",
    "biologist": "expert", "ecologist": "expert", "physicist": "expert", "chemist": "expert",
    "climatologist": "expert", "hydrologist": "expert", "herder": "citizen",
    "scholar": "expert", "historian": "expert", "strategist": "expert", "consultant": "expert",
    "lecturer": "expert", "specialist": "expert", "epidemiologist": "expert", "academic": "expert",
    "physician": "expert", "doctor": "expert", "dr.": "expert", "virologist": "expert",
    "criminologist": "expert", "statistician": "expert", "demographer": "expert", "engineer": "expert",
    "observer": "expert", "political scientist": "expert", "prof.": "expert", "seismologist": "expert",
    "meteorologist": "expert", "forecaster": "expert", "geologist": "expert",
    # journalists
    "reporter": "journalist", "correspondent": "journalist", "journalist": "journalist",
    "editor": "journalist", "columnist": "journalist", "host": "journalist", "anchor": "journalist",
    "commentator": "journalist", "moderator": "journalist", "writer": "journalist",
    "blogger": "journalist", "interviewer": "journalist", "broadcaster": "journalist",
    "pundit": "journalist", "fact-checker": "journalist", "checker": "journalist",
    "producer": "journalist", "photographer": "journalist", "cameraman": "journalist",
    # ordinary people
    "voter": "citizen", "resident": "citizen", "witness": "citizen", "protester": "citizen",
    "protestor": "citizen", "supporter": "citizen", "parent": "citizen", "student": "citizen",
    "worker": "citizen", "dockworker": "citizen", "farmer": "citizen", "shopper": "citizen",
    "respondent": "citizen", "citizen": "citizen", "neighbor": "citizen", "neighbour": "citizen",
    "passenger": "citizen", "victim": "citizen", "survivor": "citizen", "mother": "citizen",
    "father": "citizen", "teacher": "citizen", "nurse": "citizen", "driver": "citizen",
    "villager": "citizen", "fan": "citizen", "attendee": "citizen", "veteran": "citizen",
    "homeowner": "citizen", "tenant": "citizen", "patient": "citizen", "employee": "citizen",
    "miner": "citizen", "fisherman": "citizen", "operator": "citizen", "owner": "other",
    "participant": "citizen", "demonstrator": "citizen", "refugee": "citizen", "crowd": "citizen",
    "american": "citizen", "millennial": "citizen", "people": "citizen", "person": "citizen",
    "man": "citizen", "woman": "citizen", "friend": "other", "relative": "citizen",
    "retiree": "citizen", "widow": "citizen", "widower": "citizen", "pensioner": "citizen",
    "shopkeeper": "citizen", "vendor": "citizen", "commuter": "citizen", "local": "citizen",
    "consumer": "citizen", "customer": "citizen", "caller": "citizen", "couple": "citizen",
    # other: business, activists, celebrities
    "executive": "other", "ceo": "other", "founder": "other", "activist": "other", "donor": "other",
    "businessman": "other", "businesswoman": "other", "investor": "other", "critic": "other",
    "actor": "other", "actress": "other", "singer": "other", "filmmaker": "other", "author": "other",
    "organizer": "other", "advocate": "other", "trader": "other", "banker": "other",
    "entrepreneur": "other", "rapper": "other", "comedian": "other", "star": "other",
    "wife": "other", "husband": "other", "daughter": "other", "son": "other", "sister": "other",
    "brother": "other", "member": "other", "leader of": "other", "cleric": "other", "priest": "other",
    "bishop": "other", "pastor": "other", "rabbi": "other", "imam": "other",
    "chief executive": "other", "board": "other", "evangelical": "other", "frontrunner": "politician",
    "front-runner": "politician", "hopeful": "politician", "billionaire": "other", "magnate": "other",
    "tycoon": "other", "mogul": "other", "celebrity": "other", "businessperson": "other",
    "industrialist": "other", "philanthropist": "other", "heir": "other", "family": "citizen",
    "lobbyist": "other", "plaintiff": "citizen", "defendant": "other", "suspect": "other",
    "accuser": "citizen", "user": "citizen", "insider": "other", "source": "other",
}

HONORIFICS: Final[dict[str, str | None]] = {
    "mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f",
    "dr.": None, "dr": None, "sen.": None, "rep.": None, "gov.": None, "prof.": None,
    "pres.": None, "pres": None, "sen": None, "rep": None, "gov": None, "atty.": None,
    "gen": None, "supt.": None, "insp.": None, "cmdr.": None, "amb.": None,
    "gen.": None, "lt.": None, "col.": None, "sgt.": None, "adm.": None, "capt.": None,
    "president": None, "senator": None, "governor": None, "sir": "m", "lady": "f", "lord": "m",
    "rev.": None, "judge": None, "justice": None, "mayor": None, "secretary": None,
    "minister": None, "chief": None, "inspector": None, "madam": "f", "madame": "f",
}
GENDERED_NOUNS: Final[dict[str, str]] = {
    "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "congressman": "m",
    "congresswoman": "f", "businessman": "m", "businesswoman": "f", "man": "m", "woman": "f",
    "mother": "f", "father": "m", "wife": "f", "husband": "m", "daughter": "f", "son": "m",
    "actress": "f", "actor": "m", "policeman": "m", "policewoman": "f", "councilman": "m",
    "councilwoman": "f", "assemblyman": "m", "assemblywoman": "f", "sister": "f", "brother": "m",
    "girl": "f", "boy": "m", "grandmother": "f", "grandfather": "m", "queen": "f", "king": "m",
}

# Titles that say "head of something" without saying what: the organisation decides the
# role ("president of the company" is other, "director of the FBI" official).
GENERIC_TITLES: Final[frozenset[str]] = frozenset({
    "director", "chairman", "chairwoman", "chair", "president", "head", "chief", "manager",
    "member", "leader", "executive director", "co-director", "vice president", "officer",
})

# Title words that describe parties and movements as readily as people: before a name they
# do not make it a person ("the opposition Civic Alliance" is a party).
ORG_DESCRIBING_TITLES: Final[frozenset[str]] = frozenset({"opposition"})

# Titles unique to one office holder: named even without a name in the text (rule R2).
UNIQUE_TITLES: Final[frozenset[str]] = frozenset({
    "president", "pope", "pentagon", "white house", "kremlin", "vice president", "speaker",
    "prime minister", "chancellor", "governor", "attorney general", "mayor", "king", "queen",
    "fbi", "cia", "congress", "senate", "supreme court", "state department", "justice department",
})

# A party tag after a name ("Paul Ryan (R-Wis.)", "Sen. Jane Doe, D-Md."): an elected member.
PARTY_TAG_PATTERN: Final = r"^,?\s*\(?(?:R|D|I|Rep|Dem)\.?\s?[-–]\s?[A-Z]"
# Words before a name that are no part of it, stripped with honorifics ("the former vice President X").
TITLE_PREFIXES: Final[tuple[str, ...]] = ("the", "former", "then", "-", "vice")
# Words that mark an earlier office ("then-Secretary of State"): the office role stands (R8).
EARLIER_OFFICE_MARKERS: Final[tuple[str, ...]] = ("then", "then-")
# "the opposition leader": a politician whatever the title noun.
OPPOSITION: Final = "opposition"
# Titles that give the capacity a person speaks in, whatever other title they hold (R8).
SPOKESPERSON_TITLES: Final[tuple[str, ...]] = ("spokesman", "spokeswoman", "spokesperson")
# State offices that are elected, not appointed (R8: "Ohio Secretary of State Jon Husted").
ELECTED_STATE_OFFICES: Final[tuple[str, ...]] = ("attorney general", "secretary of state")
# Prepositions that tie a person to an organisation ("a spokesman for X", "an analyst at Y").
AFFILIATION_PREPOSITIONS: Final[tuple[str, ...]] = ("for", "at", "of", "with", "from", "to")
# The copula: "X is the campaign's political director" gives X a title.
BE: Final = "be"
# "an 81-year-old widow": an age introduces a private person.
AGE_MARKER: Final = "year-old"
