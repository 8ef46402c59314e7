"""Word lists that type a source: titles and role nouns, informant nouns, group nouns, outlets.

Kept apart from the rules that use them (``source_typing.py``, ``coref.py``) so a reviewer
can read and extend the vocabulary in one place. Keys are lower-cased lemmas. The lists were
written from SOURCE_LABELS.md (rules R1-R10) and from reading PolNeAR train texts.
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
    "governor general": "official", "central banker": "official",
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
    "shopkeeper": "citizen", "vendor": "citizen", "commuter": "citizen", "local": "citizen", "consumer": "citizen", "customer": "citizen", "caller": "citizen", "couple": "citizen",
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
    "nasa": "official", "treasury": "official", "justice department": "official", "fire department": "official", "tribunal": "official",
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
ISSUED_DOCUMENTS: Final[frozenset[str]] = frozenset({
    "statement", "letter", "post", "tweet", "email", "e-mail", "video", "release", "message",
    "press release", "speech", "interview", "transcript", "note", "return", "ad", "book", "memoir",
})

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
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common first names with a clear gender, for pronoun agreement before any pronoun is seen.
FEMALE_NAMES: Final[frozenset[str]] = _words(
    "hillary mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
    "betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa "
    "deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda "
    "pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth "
    "maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn "
    "judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara "
    "janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly "
    "danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla "
    "nikki kellyanne huma donna ivanka melania chelsea elizabeth nancy michele carly sarah "
    "loretta condoleezza madeleine dianne kirsten tammy debbie claire kamala jill ivana katrina "
    "marta ewa anna mette helen liina piret ana sofia elena irina olga ingrid astrid fatima "
    "aisha amina priya wanjiru grace nadia leila yasmin ines lucia camila valentina sienna "
    "monica kristen hope omarosa stephanie angela theresa jacinda ursula christine"
)
MALE_NAMES: Final[frozenset[str]] = _words(
    "donald james john robert michael william david richard joseph thomas charles christopher "
    "daniel matthew anthony mark paul steven andrew kenneth joshua kevin brian george timothy "
    "ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin "
    "scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry "
    "tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold "
    "keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan "
    "joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene "
    "vincent russell elijah louis bobby philip johnny barack bernie ted marco jeb chris mike "
    "tim newt rudy reince corey paul mitch harry bill hillary rand lindsey rick ben jim tom "
    "bob dick steve ron marco vladimir xi recep benjamin bashar kim jeremy boris emmanuel "
    "angus lars anders grant tomasz piotr adam rein mark liam oliver lucas hugo felix jan "
    "pedro carlos luis miguel ahmed mohammed muhammad ali omar hassan ibrahim yusuf ivan "
    "sergei dmitry andrei viktor igor chuck newt herman kellyanne"
) - {"hillary", "kellyanne"}

# Well-known office holders of the US coverage PolNeAR samples (R8: "Clinton is a politician
# throughout 2016 coverage"); only consulted when the article itself gives no title.
KNOWN_POLITICIANS: Final[frozenset[str]] = frozenset({
    "trump", "clinton", "obama", "sanders", "cruz", "rubio", "kasich", "pence", "kaine", "ryan",
    "mcconnell", "biden", "carson", "christie", "fiorina", "bush", "romney", "mccain", "pelosi",
    "reid", "schumer", "warren", "graham", "paul", "huckabee", "santorum", "walker", "perry",
    "jindal", "o'malley", "webb", "chafee", "gingrich", "giuliani", "priebus", "wasserman",
    "brazile", "stein", "johnson", "weld", "rendell", "ayotte", "portman", "toomey", "jeb",
    "putin", "merkel", "macron", "netanyahu", "erdogan", "modi", "trudeau", "abe", "duterte",
    "maduro", "rouhani", "zelensky", "zelenskyy", "orban", "sunak", "starmer", "scholz", "meloni",
    "lula", "bolsonaro", "milei", "ramaphosa", "kenyatta", "ruto", "harris", "desantis", "haley",
    "newsom", "cuomo", "de blasio", "blasio", "boehner", "corker",
} | {"o’malley"})  # tokens keep the article's apostrophe

# Titles that say "head of something" without saying what: the organisation decides the
# role ("president of the company" is other, "director of the FBI" official).
GENERIC_TITLES: Final[frozenset[str]] = frozenset({
    "director", "chairman", "chairwoman", "chair", "president", "head", "chief", "manager",
    "member", "leader", "executive director", "co-director", "vice president", "officer",
})

PRONOUN_FEATURES: Final[dict[str, tuple[str | None, str]]] = {
    # word: (gender, number); gender "n" = non-person
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"), "himself": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"), "herself": ("f", "sg"),
    "it": ("n", "sg"), "its": ("n", "sg"), "itself": ("n", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "their": (None, "pl"), "theirs": (None, "pl"),
    "themselves": (None, "pl"),
}
FIRST_PERSON: Final[frozenset[str]] = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL: Final[frozenset[str]] = frozenset({"we", "us", "our", "ours", "ourselves"})
RELATIVE_PRONOUNS: Final[frozenset[str]] = frozenset({"who", "which", "that", "whose", "whom"})

# Titles unique to one office holder: named even without a name in the text (rule R2).
UNIQUE_TITLES: Final[frozenset[str]] = frozenset({
    "president", "pope", "pentagon", "white house", "kremlin", "vice president", "speaker",
    "prime minister", "chancellor", "governor", "attorney general", "mayor", "king", "queen",
    "fbi", "cia", "congress", "senate", "supreme court", "state department", "justice department",
})

# US states: their attorneys general and secretaries of state are elected (R8).
US_STATES: Final[frozenset[str]] = _words(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii "
    "idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan "
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania "
    "tennessee texas utah vermont virginia wisconsin wyoming"
) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
     "rhode island", "south carolina", "south dakota", "west virginia", "washington state"}
