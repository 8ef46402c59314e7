"""Nouns that say what kind of source speaks: organisations, outlets, documents, publics.

Keys are lower-cased lemmas, mapped to the role the source takes where a dict. The lists
were written from SOURCE_LABELS.md (rules R1-R10) and from reading PolNeAR train texts.
"""

from __future__ import annotations

from typing import Final

# Role nouns of an organisation, mapped to role; type is organisation unless media.
ORG_ROLES: Final[dict[str, str]] = {
    "ministry": "official", "department": "official", "agency": "official", "police": "official",
    "government": "official", "administration": "official", "court": "official", "army": "official",
    "military": "official", "navy": "official", "force": "official", "commission": "official",
    "authority": "official", "office": "official", "council": "official", "embassy": "official",
    "prosecutor's office": "official", "bureau": "official", "service": "official",
    "regulator": "official", "cabinet": "official", "pentagon": "official", "kremlin": "official",
    "white house": "official", "fbi": "official", "cia": "official", "imf": "official",
    "un": "official", "nato": "official", "state department": "official", "guard": "official",
    "coast guard": "official", "fed": "official", "federal reserve": "official", "epa": "official",
    "nasa": "official", "treasury": "official", "justice department": "official",
    "fire department": "official", "tribunal": "official",
    "panel": "official", "inspectorate": "official", "central bank": "official",
    "congress": "politician", "senate": "politician", "house": "politician", "parliament": "politician",
    "party": "politician", "legislature": "politician", "gop": "politician", "rnc": "politician",
    "dnc": "politician", "caucus": "politician", "assembly": "politician",
    "campaign": "spokesperson", "super pac": "spokesperson", "pac": "spokesperson",
    "institute": "expert", "university": "expert", "think tank": "expert", "foundation": "expert",
    "center": "expert", "centre": "expert", "laboratory": "expert", "lab": "expert",
    "company": "other", "firm": "other", "group": "other", "union": "other", "association": "other",
    "corporation": "other", "bank": "other", "operator": "other", "carrier": "other",
    "organization": "other", "organisation": "other", "charity": "other", "club": "other",
    "coalition": "other", "network": "other", "alliance": "other", "federation": "other",
    "league": "other", "maker": "other", "manufacturer": "other", "retailer": "other",
    "airline": "other", "insurer": "other", "lender": "other", "producer": "other",
    "developer": "other", "chain": "other", "team": "other", "church": "other",
    "hospital": "other", "school": "other", "committee": "politician", "subsidiary": "other",
    "inc.": "other", "corp.": "other", "ltd": "other", "plc": "other", "co.": "other", "llc": "other",
    "ngo": "other", "charity group": "other", "owner": "other", "consulate": "official",
    "mission": "official", "secretariat": "official",
    "directorate": "official", "regime": "official", "junta": "official", "forum": "other",
    "body": "official", "watchdog": "official", "unit": "official", "division": "official",
}

# Last words of organisation names ("Baltic Gateway Terminals", "Nordic Feeder Line").
ORG_NAME_HEADS: Final[frozenset[str]] = frozenset({
    "terminals", "line", "lines", "group", "holdings", "systems", "labs", "partners", "airlines",
    "airways", "motors", "energy", "industries", "technologies", "pharmaceuticals", "capital",
    "ventures", "logistics", "shipping", "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.",
    "llc", "plc", "ag", "sa", "gmbh", "bank", "fund", "trust", "international", "resources",
    "mining", "media", "foods", "health", "solutions", "services", "networks", "enterprises",
    "corporation", "company", "associates", "police", "ministry", "department", "agency", "office",
    "council", "commission", "committee", "institute", "university", "college", "foundation",
    "association", "union", "party", "campaign", "court", "authority", "board", "bureau", "army",
    "navy", "force", "forces", "guard", "administration", "government", "center", "centre",
})

# Words of an outlet's name, and nouns that describe an outlet.
MEDIA_NAMES: Final[frozenset[str]] = frozenset({
    "cnn", "nbc", "abc", "cbs", "msnbc", "npr", "pbs", "bbc", "fox", "politico", "reuters", "ap",
    "associated press", "breitbart", "huffpost", "huffington post", "axios", "buzzfeed", "vox",
    "slate", "salon", "politifact", "newsweek", "xinhua", "tass", "interfax", "al jazeera",
    "the hill", "the atlantic", "the economist", "bloomberg news", "usa today", "the new yorker",
    "mother jones", "national review", "the intercept", "the daily beast", "cnbc", "afp",
    "factcheck.org", "the guardian", "the independent", "daily mail", "the sun", "yahoo news",
})
MEDIA_NAME_HEADS: Final[frozenset[str]] = frozenset({
    "times", "post", "journal", "herald", "tribune", "gazette", "daily", "magazine", "news",
    "wire", "dispatch", "press", "tv", "radio", "telegraph", "guardian", "observer", "chronicle",
    "examiner", "courier", "inquirer", "register", "bulletin", "globe", "star", "mirror", "standard",
    "broadcasting", "television", "channel", "sentinel", "monitor", "review", "weekly", "today",
})
# Words that make any multi-word name an outlet ("The Daily Ledger", "Meridian Wire").
STRONG_MEDIA_WORDS: Final[frozenset[str]] = frozenset({
    "times", "daily", "herald", "tribune", "gazette", "journal", "chronicle", "news", "magazine",
    "ledger", "courier", "dispatch", "inquirer", "telegraph", "wire", "newspaper", "broadcasting",
})
MEDIA_NOUNS: Final[frozenset[str]] = frozenset({
    "newspaper", "paper", "outlet", "broadcaster", "magazine", "network", "station", "channel",
    "website", "daily", "tabloid", "news agency", "wire service", "newsroom", "publication",
    "program", "programme", "show", "site", "blog", "news outlet", "media",
})

# Documents and other non-agent sources, mapped to the role they take with no known issuer.
DOCUMENT_NOUNS: Final[dict[str, str]] = {
    "poll": "expert", "survey": "expert", "study": "expert", "analysis": "expert",
    "research": "expert", "model": "expert", "forecast": "expert", "average": "expert",
    "estimate": "expert", "paper": "expert", "index": "expert", "projection": "expert",
    "report": "official", "data": "official", "figure": "official", "statistic": "official",
    "record": "official", "filing": "official", "law": "official", "treaty": "official",
    "ruling": "official", "order": "official", "document": "official", "assessment": "official",
    "audit": "official", "review": "official", "bill": "politician", "indictment": "official",
    "complaint": "official", "lawsuit": "other", "suit": "other", "memo": "official",
    "draft": "official", "schedule": "official", "census": "official", "budget": "official",
    "statement": "other", "letter": "other", "post": "other", "tweet": "other", "email": "other",
    "e-mail": "other", "video": "other", "ad": "spokesperson", "advertisement": "spokesperson",
    "commercial": "spokesperson", "release": "other", "press release": "other", "message": "other",
    "website": "other", "book": "other", "memoir": "other", "transcript": "other", "note": "other",
    "footage": "other", "photo": "other", "return": "politician", "tax return": "politician",
    "platform": "politician", "plan": "other", "proposal": "other", "policy": "other",
    "manifesto": "politician", "speech": "other", "interview": "other", "article": "journalist",
    "story": "journalist", "editorial": "journalist", "op-ed": "journalist", "column": "journalist",
    "investigation": "journalist", "tally": "journalist", "fact-check": "journalist",
    "check": "journalist", "calculation": "expert",
    "guidance": "official", "guideline": "official", "regulation": "official", "rule": "official",
    "notice": "official", "warning": "official", "advisory": "official", "evidence": "other",
    "account": "other", "claim": "other", "result": "expert", "finding": "expert", "trial": "expert",
    "documents": "official", "cable": "official", "emails": "other", "testimony": "other",
    "crisis": "other", "program": "other", "agreement": "official", "resolution": "official",
    "text": "other", "declaration": "official", "communique": "official", "motion": "politician",
    "decree": "official", "verdict": "official", "judgment": "official", "sheet": "official",
    "charge": "official", "affidavit": "official", "deposition": "other", "petition": "other",
}

# Nouns for particular unnamed informants (rule R4: anonymous even without a number).
INFORMANT_NOUNS: Final[frozenset[str]] = frozenset({
    "source", "official", "aide", "adviser", "advisor", "authority", "regulator", "investigator",
    "officer", "diplomat", "prosecutor", "insider", "spokesman", "spokeswoman", "spokesperson",
    "lawyer", "attorney", "staffer", "representative", "negotiator", "agent", "detective",
    "confidant", "associate", "ally", "operative", "strategist", "employee", "executive",
    "organizer", "member", "person", "people", "individual", "one", "other", "colleague",
    "policeman", "soldier", "trooper", "staff", "commander", "envoy", "friend", "manager",
    "counsel", "surrogate",
})
# Words that tie people to a particular matter ("people familiar with", "briefed on").
INFORMANT_MARKERS: Final[frozenset[str]] = frozenset({
    "familiar", "briefed", "involved", "close", "knowledgeable", "aware", "direct", "present",
    "who", "with", "speaking", "requested", "authorized",
})
# Plural categories and publics (rule R4: collective).
GROUP_NOUNS: Final[frozenset[str]] = frozenset({
    "voter", "critic", "analyst", "expert", "economist", "resident", "lawmaker", "legislator",
    "republican", "democrat", "conservative", "liberal", "progressive", "american", "millennial",
    "investor", "activist", "protester", "supporter", "opponent", "observer", "scientist",
    "researcher", "environmentalist", "evangelical", "citizen", "parent", "student", "worker",
    "dockworker", "farmer", "consumer", "company", "nation", "country", "state", "group",
    "advocate", "candidate", "politician", "leader", "businesses", "business", "employer",
    "shipper", "pollster", "strategist", "historian", "scholar", "doctor",
    "physician", "commentator", "pundit", "respondent", "participant", "witness", "villager",
    "person", "people", "man", "woman", "family", "youth", "teenager", "adult", "senior",
    "independent", "moderate", "immigrant", "refugee", "muslim", "christian", "catholic",
    "union", "organization", "organisation", "bank", "firm", "lender", "retailer", "airline",
    "trader", "buyer", "seller", "homeowner", "tenant", "driver", "owner", "fan", "user",
    "customer", "patient", "survivor", "victim", "veteran", "donor", "demonstrator",
    "delegate", "member", "crowd", "public", "audience", "majority", "minority", "electorate",
    "community", "agency", "government", "insurer", "manufacturer", "producer",
})
# Singular nouns for a public or a category (collective, rule R4).
COLLECTIVE_SINGULARS: Final[frozenset[str]] = frozenset({
    "electorate", "public", "crowd", "audience", "community", "base", "left", "right", "establishment",
    "population", "youth", "middle class", "working class", "world", "nation", "country", "everyone",
})
PROPORTION_WORDS: Final[frozenset[str]] = frozenset({
    "percent", "%", "majority", "minority", "most", "many", "some", "half", "third", "quarter",
    "fifth", "share", "plurality", "few", "several", "all", "none", "number", "proportion",
    "portion", "fraction", "dozens", "hundreds", "thousands", "millions", "percentage", "much",
})
# Generic pronoun-like sources with no referent in the text.
GENERIC_SOURCES: Final[dict[str, str]] = {
    "some": "citizen", "many": "citizen", "others": "other", "most": "citizen", "few": "citizen",
    "those": "citizen", "everyone": "citizen", "everybody": "citizen", "no one": "citizen",
    "nobody": "citizen", "someone": "citizen", "somebody": "citizen", "anyone": "citizen",
    "people": "citizen", "you": "citizen", "one": "other", "all": "citizen",
}

NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "a": 1, "an": 1, "another": 1, "both": 2, "pair": 2, "couple": 2, "single": 1, "trio": 3,
}

# Name endings of a company ("Acme Corp", "Volta AG"): dropped when matching names, and a
# sign that a name is no person's.
CORPORATE_SUFFIXES: Final[frozenset[str]] = frozenset({
    "ag", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "sa", "co", "co.", "llc", "gmbh", "nv", "se",
    "s.a.", "bv",
})
# Nouns that may point back to any named organisation ("the company" after "Acme Corp").
GENERIC_ORG_NOUNS: Final[frozenset[str]] = frozenset({
    "company", "firm", "group", "operator", "carrier", "organization", "organisation", "campaign", "business",
    "maker", "lender", "bank",
})
# People who speak from inside an organisation; its kind decides their role ("sources" stay
# other whoever they are, R8).
INSIDER_NOUNS: Final[frozenset[str]] = frozenset({
    "official", "operative", "staff", "staffer", "member", "employee",
})
# Polls and poll averages are the pollster's, even when an outlet runs them (R3).
POLL_NOUNS: Final[frozenset[str]] = frozenset({"poll", "survey", "average", "tracking", "polling"})
# The poll nouns that make "in a poll" an attribution without a name in it (singular only,
# attributions/evidence.py).
SINGLE_POLL_NOUNS: Final[frozenset[str]] = frozenset({"poll", "survey"})
# Verbs of getting hold of a document ("a draft seen by NPA"): the agent did not issue it.
LEAK_VERBS: Final[frozenset[str]] = frozenset({"see", "obtain", "review", "leak", "view", "examine"})
# Sources that make "according to" evidence rather than a statement (forms, not lemmas).
EVIDENCE_SOURCES: Final[frozenset[str]] = frozenset((
    "poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "data", "analysis",
    "estimate", "estimates", "record", "records", "document", "documents", "figures", "statistics",
    "numbers", "census", "research", "results", "filing", "filings",
))

# "About 4 in 10", "Large majorities of", "most party insiders", "Nearly half": shares of a public.
PROPORTION_START_PATTERN: Final = (
    r"^(?:(?:about|nearly|almost|roughly|more than|fewer than|less than|over|just|only|some|large|small|"
    r"overwhelming|narrow|clear|a|an|the)\s+)*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s+percent|%)?\s+in\s+(?:\d+|ten)\b|^(?:(?:about|nearly|almost|roughly|more than|large|small|"
    r"overwhelming|narrow|clear|a|the)\s+)*(?:majority|majorities|most|half|plurality|minority|third|"
    r"two-thirds|quarter|share)\b"
)
# Endings of agent nouns ("-er", "-ist"): a common noun that denotes people.
AGENT_SUFFIXES: Final = (
    "er", "or", "ist", "ian", "ant", "ent", "ee", "goer", "ite", "crat", "aire", "man", "woman",
)
# Number words that count a person but give no number of their own ("a spokesman", "both sides").
NOT_COUNTING_NUMBER_WORDS: Final = ("a", "an", "another", "both", "pair", "couple", "single")

# Words the description rules (``source_descriptions.DESCRIPTION_RULES``) test one by one.
# Plural in meaning though not in form ("people say", "police said").
PLURAL_ONLY_NOUNS: Final[frozenset[str]] = frozenset({"people", "police", "staff"})
# Quantifiers that take a subset of a referent ("Many of the protesters").
SUBSET_QUANTIFIERS: Final[frozenset[str]] = frozenset({
    "some", "many", "most", "all", "several", "none", "each", "both",
})
# Words that pick one member out of numbered informants ("the second official", "the other
# official"): a mention of the group the article already counted, not a new source.
MEMBER_ORDINALS: Final[frozenset[str]] = frozenset({"first", "second", "third", "fourth", "other"})
# Members of a subset that give it no role of their own ("two of the people", "one of them").
ROLELESS_MEMBERS: Final[frozenset[str]] = frozenset({"people", "person", "them", "those", "us"})
# The prepositions of a share ("4 in 10", "half of"), and a percentage.
OF: Final = "of"
SHARE_PREPOSITIONS: Final[frozenset[str]] = frozenset({"of", "in"})
PERCENT_WORDS: Final[frozenset[str]] = frozenset({"percent", "%"})
# "a group of black parents": a category (R4).
GROUP: Final = "group"
# Party members, as words and as word starts ("Democrats", "Republican-leaning").
PARTY_MEMBERS: Final[tuple[str, ...]] = ("democrat", "republican")
# Outlet nouns that are a particular outlet only when definite or named ("the network").
GENERIC_MEDIA_NOUNS: Final[frozenset[str]] = frozenset({"network", "program", "show", "site"})
# "data" is plural in meaning; a "return" (a tax return) is a particular person's document.
DATA: Final = "data"
TAX_RETURN: Final = "return"
# Organisation nouns that are also a person's role, read as an organisation when singular.
ORG_OR_PERSON_NOUNS: Final[frozenset[str]] = frozenset({"authority", "operator"})
# "the police" is a particular force, named and definite however it is written.
POLICE: Final = "police"
# "the public": citizens.
PUBLIC: Final = "public"
# Nouns for people that say nothing of their role ("three people", "one").
PEOPLE_NOUNS: Final[frozenset[str]] = frozenset({"people", "person", "individual", "other", "one"})
# Informant nouns that stay anonymous even as category nouns ("people familiar with").
INFORMANT_CATEGORY_NOUNS: Final[frozenset[str]] = frozenset({"people", "person", "official", "member"})
# Members of a possessor ("his supporters", "the party's members"): particular people.
MEMBER_NOUNS: Final[frozenset[str]] = frozenset({"supporter", "member", "staff"})
# First words of a name ending in an outlet word that is no outlet ("White House Press", "Press Office").
NOT_MEDIA_NAME_STARTS: Final[tuple[str, ...]] = ("white", "press")
# Prepositions that name a document's issuer ("a report by X", "a statement from X").
ISSUER_PREPOSITIONS: Final[tuple[str, ...]] = ("by", "from", "of")
# Documents whose role is expert whoever issues them (R3), as ``sources.py`` reads them; unlike
# POLL_NOUNS this list has no "tracking".
EXPERT_DOCUMENT_NOUNS: Final[tuple[str, ...]] = ("poll", "survey", "average", "polling")
# The generic source "one" ("one said"): a person, anonymous.
ONE: Final = "one"
# "Most Democrats" is a share, "the most recent data" a superlative.
MOST: Final = "most"
