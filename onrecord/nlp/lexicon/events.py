"""Events: the words that name a political act (PLOVER 2.0 types and modes) and say whether it happened.

Read by ``nlp/events.py``. Built from the PLOVER 2.0 type and mode definitions (the manual's
own summaries are in ``shared/data/events/README.md``), not from annotated items. Lemmas,
lower-cased. A verb maps to ``(type, mode)``; the mode may be None and is then read from the
words of the clause (``MODE_WORDS``) or from the complement (``CONTENT_MODES``).
"""

from __future__ import annotations

from typing import Final

TypeMode = tuple[str, str | None]

# -- verbs that name an event --------------------------------------------------------------------

VERB_TYPES: Final[dict[str, TypeMode]] = {
    # AGREE: offer, promise or indicate willingness to cooperate (future cooperation included).
    "agree": ("AGREE", None), "promise": ("AGREE", None), "pledge": ("AGREE", None),
    "offer": ("AGREE", None), "commit": ("AGREE", None), "consent": ("AGREE", None),
    "accept": ("AGREE", None), "propose": ("AGREE", None), "vow": ("AGREE", None),
    "contribute": ("AID", None),
    # CONSULT: meetings, visits, talks.
    "meet": ("CONSULT", None), "visit": ("CONSULT", "visit"), "negotiate": ("CONSULT", None),
    "consult": ("CONSULT", None), "confer": ("CONSULT", None), "discuss": ("CONSULT", None),
    "telephone": ("CONSULT", "phone"), "phone": ("CONSULT", "phone"), "mediate": ("CONSULT", "third-party"),
    "convene": ("CONSULT", None), "host": ("CONSULT", None), "tour": ("CONSULT", "visit"),
    # SUPPORT: praise, endorse, approve, recognise, sign or ratify.
    "praise": ("SUPPORT", None), "welcome": ("SUPPORT", None), "endorse": ("SUPPORT", None),
    "support": ("SUPPORT", None), "back": ("SUPPORT", None), "commend": ("SUPPORT", None),
    "hail": ("SUPPORT", None), "applaud": ("SUPPORT", None), "approve": ("SUPPORT", None),
    "recognize": ("SUPPORT", None), "recognise": ("SUPPORT", None), "sign": ("SUPPORT", None),
    "ratify": ("SUPPORT", None), "congratulate": ("SUPPORT", None), "thank": ("SUPPORT", None),
    "defend": ("SUPPORT", None), "restore": ("SUPPORT", None), "establish": ("SUPPORT", None),
    "upgrade": ("SUPPORT", None), "normalize": ("SUPPORT", None), "normalise": ("SUPPORT", None),
    # CONCEDE: verbal concessions, pardons, regret, easing of restrictions.
    "apologize": ("CONCEDE", None), "apologise": ("CONCEDE", None), "regret": ("CONCEDE", None),
    "pardon": ("CONCEDE", None), "ease": ("CONCEDE", None), "lift": ("CONCEDE", None),
    "concede": ("CONCEDE", None), "yield": ("CONCEDE", None), "compromise": ("CONCEDE", None),
    "relax": ("CONCEDE", None), "forgive": ("CONCEDE", None),
    # COOPERATE: material cooperation.
    "cooperate": ("COOPERATE", None), "collaborate": ("COOPERATE", None), "extradite": ("COOPERATE", None),
    "trade": ("COOPERATE", None), "share": ("COOPERATE", None), "exchange": ("COOPERATE", None),
    # AID: material aid to the recipient.
    "aid": ("AID", None), "donate": ("AID", None), "grant": ("AID", None), "fund": ("AID", None),
    "finance": ("AID", None), "rescue": ("AID", None), "supply": ("AID", None), "provide": ("AID", None),
    "compensate": ("AID", None), "assist": ("AID", None), "help": ("AID", None), "shelter": ("AID", None),
    # RETREAT: concessions with immediate material effect.
    "withdraw": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"),
    "release": ("RETREAT", "release"), "free": ("RETREAT", "release"), "disarm": ("RETREAT", "disarm"),
    "demobilize": ("RETREAT", "disarm"), "demobilise": ("RETREAT", "disarm"),
    "decommission": ("RETREAT", "disarm"), "resign": ("RETREAT", "resign"), "quit": ("RETREAT", "resign"),
    "surrender": ("RETREAT", None), "evacuate": ("RETREAT", "withdraw"), "reopen": ("RETREAT", "access"),
    "return": ("RETREAT", None),
    # REQUEST: requests, demands and orders.
    "demand": ("REQUEST", None), "urge": ("REQUEST", None), "request": ("REQUEST", None),
    "appeal": ("REQUEST", None), "ask": ("REQUEST", None), "plead": ("REQUEST", None),
    "press": ("REQUEST", None), "petition": ("REQUEST", None), "order": ("REQUEST", None),
    "insist": ("REQUEST", None), "seek": ("REQUEST", None), "implore": ("REQUEST", None),
    # ACCUSE: disapprove, criticise, accuse, sue, investigate.
    "accuse": ("ACCUSE", "allege"), "blame": ("ACCUSE", "allege"), "allege": ("ACCUSE", "allege"),
    "charge": ("ACCUSE", "allege"), "sue": ("ACCUSE", "allege"),
    "criticize": ("ACCUSE", "disapprove"), "criticise": ("ACCUSE", "disapprove"),
    "condemn": ("ACCUSE", "disapprove"), "denounce": ("ACCUSE", "disapprove"),
    "deplore": ("ACCUSE", "disapprove"), "rebuke": ("ACCUSE", "disapprove"),
    "censure": ("ACCUSE", "disapprove"), "fault": ("ACCUSE", "disapprove"),
    "slam": ("ACCUSE", "disapprove"), "decry": ("ACCUSE", "disapprove"),
    "complain": ("ACCUSE", "disapprove"),
    "indict": ("ACCUSE", "allege"),
    "investigate": ("ACCUSE", "investigate"), "probe": ("ACCUSE", "investigate"),
    "question": ("ACCUSE", "investigate"), "interrogate": ("ACCUSE", "investigate"),
    # REJECT: rejections and refusals.
    "reject": ("REJECT", None), "refuse": ("REJECT", None), "veto": ("REJECT", None),
    "rebuff": ("REJECT", None), "dismiss": ("REJECT", None), "spurn": ("REJECT", None),
    "oppose": ("REJECT", None), "decline": ("REJECT", None), "defy": ("REJECT", None),
    "resist": ("REJECT", None), "deny": ("REJECT", None),
    "violate": ("REJECT", None),
    # THREATEN: threats and coercive warnings.
    "threaten": ("THREATEN", None), "warn": ("THREATEN", None),
    # PROTEST: collective civilian protest.
    "protest": ("PROTEST", "demo"), "demonstrate": ("PROTEST", "demo"), "march": ("PROTEST", "demo"),
    "rally": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"), "boycott": ("PROTEST", "boycott"),
    "picket": ("PROTEST", "demo"), "blockade": ("PROTEST", "obstruct"),
    "block": ("PROTEST", "obstruct"), "barricade": ("PROTEST", "obstruct"),
    # SANCTION: reductions in existing relations.
    "sanction": ("SANCTION", None), "expel": ("SANCTION", "expel"), "sever": ("SANCTION", "discontinue"),
    "suspend": ("SANCTION", "discontinue"), "halt": ("SANCTION", "discontinue"),
    "recall": ("SANCTION", "withdraw"), "convict": ("SANCTION", "convict"),
    "sentence": ("SANCTION", "convict"), "embargo": ("SANCTION", None), "cancel": ("SANCTION", "discontinue"),
    "freeze": ("SANCTION", "discontinue"), "cut": ("SANCTION", "discontinue"),
    # MOBILIZE: military or police moves short of force.
    "deploy": ("MOBILIZE", "troops"), "mobilize": ("MOBILIZE", "troops"), "mobilise": ("MOBILIZE", "troops"),
    "mass": ("MOBILIZE", "troops"), "station": ("MOBILIZE", "troops"), "dispatch": ("MOBILIZE", "troops"),
    "reinforce": ("MOBILIZE", "troops"), "arm": ("MOBILIZE", "weapons"),
    # COERCE: repression and restrictions short of violence.
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"), "jail": ("COERCE", "arrest"),
    "imprison": ("COERCE", "arrest"), "apprehend": ("COERCE", "arrest"), "seize": ("COERCE", "seize"),
    "confiscate": ("COERCE", "seize"), "impound": ("COERCE", "seize"), "ban": ("COERCE", "restrict"),
    "restrict": ("COERCE", "restrict"), "outlaw": ("COERCE", "restrict"), "prohibit": ("COERCE", "restrict"),
    "censor": ("COERCE", "censor"), "deport": ("COERCE", "deport"), "hack": ("COERCE", "cyber"),
    "raid": ("COERCE", None), "evict": ("COERCE", None), "suppress": ("COERCE", None),
    "repress": ("COERCE", None), "expropriate": ("COERCE", "seize"), "nationalize": ("COERCE", "seize"),
    "prevent": ("COERCE", "restrict"), "disperse": ("COERCE", None),
    # ASSAULT: deliberate actions that can cause substantial physical harm.
    "attack": ("ASSAULT", None), "kill": ("ASSAULT", None), "shoot": ("ASSAULT", "firearms"),
    "shell": ("ASSAULT", "heavy-weapons"), "bomb": ("ASSAULT", "explosives"),
    "bombard": ("ASSAULT", "heavy-weapons"), "assassinate": ("ASSAULT", "targeted"),
    "murder": ("ASSAULT", None), "massacre": ("ASSAULT", None), "torture": ("ASSAULT", "torture"),
    "beat": ("ASSAULT", "beat"), "abduct": ("ASSAULT", "abduct"), "kidnap": ("ASSAULT", "abduct"),
    "rape": ("ASSAULT", "sexual"), "destroy": ("ASSAULT", "destroy"), "raze": ("ASSAULT", "destroy"),
    "burn": ("ASSAULT", "destroy"), "torch": ("ASSAULT", "destroy"), "demolish": ("ASSAULT", "destroy"),
    "bulldoze": ("ASSAULT", "destroy"), "wound": ("ASSAULT", None), "injure": ("ASSAULT", None),
    "ambush": ("ASSAULT", None), "invade": ("ASSAULT", None), "clash": ("ASSAULT", None),
    "fight": ("ASSAULT", None), "storm": ("ASSAULT", None), "strike": ("ASSAULT", None),
    "stab": ("ASSAULT", "primitive"), "execute": ("ASSAULT", None), "behead": ("ASSAULT", None),
    "lynch": ("ASSAULT", "beat"), "stone": ("ASSAULT", "primitive"),
    "explode": ("ASSAULT", "explosives"), "detonate": ("ASSAULT", "explosives"),
    "loot": ("ASSAULT", "destroy"),
    "assault": ("ASSAULT", None), "fire": ("ASSAULT", "firearms"),
    "occupy": ("ASSAULT", None), "capture": ("ASSAULT", None), "retake": ("ASSAULT", None),
    "recapture": ("ASSAULT", None), "overrun": ("ASSAULT", None),
}

# Verb + particle: the pair's (type, mode) replaces the verb's ("pull out", "step down").
PHRASAL: Final[dict[tuple[str, str], TypeMode]] = {
    ("pull", "out"): ("RETREAT", "withdraw"), ("pull", "back"): ("RETREAT", "withdraw"),
    ("step", "down"): ("RETREAT", "resign"), ("stand", "down"): ("RETREAT", "resign"),
    ("hand", "over"): ("RETREAT", None), ("give", "up"): ("RETREAT", None),
    ("set", "free"): ("RETREAT", "release"), ("call", "off"): ("CONCEDE", None),
    ("crack", "down"): ("COERCE", None), ("round", "up"): ("COERCE", "arrest"),
    ("shut", "down"): ("COERCE", "restrict"), ("close", "down"): ("COERCE", "restrict"),
    ("blow", "up"): ("ASSAULT", "explosives"), ("shoot", "down"): ("ASSAULT", "firearms"),
    ("open", "fire"): ("ASSAULT", "firearms"), ("break", "off"): ("SANCTION", "discontinue"),
    ("walk", "out"): ("PROTEST", "demo"), ("lash", "out"): ("ACCUSE", "disapprove"),
    ("call", "for"): ("REQUEST", None), ("call", "on"): ("REQUEST", None),
    ("call", "upon"): ("REQUEST", None),
    ("appeal", "for"): ("REQUEST", None), ("ask", "for"): ("REQUEST", None),
    ("turn", "down"): ("REJECT", None), ("meet", "with"): ("CONSULT", None),
    ("sit", "in"): ("PROTEST", "obstruct"), ("commit", "to"): ("AGREE", None),
}

# Verbs whose meaning is an event only with one of these particles/prepositions ("call for").
PHRASAL_ONLY: Final[frozenset[str]] = frozenset({"pull", "step", "stand", "hand", "give", "set", "crack",
                                                 "round", "shut", "close", "blow", "open", "break", "walk",
                                                 "lash", "call", "turn", "sit", "commit"})

# Verbs that are an event only with an event complement or an object ("declined to comment" is not).
NEEDS_OBJECT: Final[frozenset[str]] = frozenset({
    "decline", "ask", "order", "press", "seek", "help", "provide", "supply", "cut", "hold", "accept",
    "back", "block", "question", "fire", "warn", "defend", "restore", "free", "charge",
    "sentence", "station", "trade", "arm", "insist", "lift", "ease", "relax", "support", "oppose",
    "contribute", "return", "deny", "share", "exchange", "violate", "establish", "upgrade", "prevent",
})

# -- nouns that name an event, with the light verbs that make them one ----------------------------

NOUN_TYPES: Final[dict[str, TypeMode]] = {
    "talk": ("CONSULT", None), "meeting": ("CONSULT", None), "summit": ("CONSULT", "multilateral"),
    "negotiation": ("CONSULT", None), "visit": ("CONSULT", "visit"), "consultation": ("CONSULT", None),
    "conference": ("CONSULT", "multilateral"),
    "protest": ("PROTEST", "demo"), "demonstration": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"),
    "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"), "boycott": ("PROTEST", "boycott"),
    "strike": ("PROTEST", "strike"), "walkout": ("PROTEST", "strike"), "sit-in": ("PROTEST", "obstruct"),
    "blockade": ("PROTEST", "obstruct"),
    "attack": ("ASSAULT", None), "offensive": ("ASSAULT", None), "assault": ("ASSAULT", None),
    "raid": ("ASSAULT", None), "bombing": ("ASSAULT", "explosives"), "airstrike": ("ASSAULT", "aerial"),
    "shelling": ("ASSAULT", "heavy-weapons"), "war": ("ASSAULT", None), "campaign": ("ASSAULT", None),
    "ambush": ("ASSAULT", None), "massacre": ("ASSAULT", None), "clash": ("ASSAULT", None),
    "investigation": ("ACCUSE", "investigate"), "probe": ("ACCUSE", "investigate"),
    "inquiry": ("ACCUSE", "investigate"), "enquiry": ("ACCUSE", "investigate"),
    "accusation": ("ACCUSE", "allege"), "criticism": ("ACCUSE", "disapprove"),
    "complaint": ("ACCUSE", "disapprove"), "lawsuit": ("ACCUSE", "allege"),
    "sanction": ("SANCTION", None), "embargo": ("SANCTION", None),
    "curfew": ("COERCE", "curfew"), "ban": ("COERCE", "restrict"), "restriction": ("COERCE", "restrict"),
    "crackdown": ("COERCE", None), "arrest": ("COERCE", "arrest"),
    "aid": ("AID", None), "assistance": ("AID", None), "help": ("AID", None), "asylum": ("AID", None),
    "relief": ("AID", None), "loan": ("AID", None), "compensation": ("AID", None),
    "ceasefire": ("CONCEDE", None), "cease-fire": ("CONCEDE", None), "truce": ("CONCEDE", None),
    "concession": ("CONCEDE", None), "amnesty": ("CONCEDE", None), "apology": ("CONCEDE", None),
    "exercise": ("COOPERATE", None), "maneuver": ("COOPERATE", None), "manoeuvre": ("COOPERATE", None),
    "threat": ("THREATEN", None), "warning": ("THREATEN", None), "ultimatum": ("THREATEN", None),
    "demand": ("REQUEST", None), "appeal": ("REQUEST", None), "request": ("REQUEST", None),
    "call": ("REQUEST", None),
    "offer": ("AGREE", None), "agreement": ("AGREE", None), "accord": ("AGREE", None),
    "deal": ("AGREE", None), "treaty": ("AGREE", None), "pact": ("AGREE", None),
    "withdrawal": ("RETREAT", "withdraw"), "release": ("RETREAT", "release"),
    "resignation": ("RETREAT", "resign"), "invasion": ("ASSAULT", None), "incursion": ("ASSAULT", None),
    "suspension": ("SANCTION", "discontinue"), "expulsion": ("SANCTION", "expel"),
    "blackout": ("COERCE", "censor"), "siege": ("COERCE", "restrict"),
    "tie": ("SUPPORT", None), "relation": ("SUPPORT", None),
}

# Verbs that carry an event noun as their object ("held talks", "imposed a curfew").
LIGHT_VERBS: Final[frozenset[str]] = frozenset({
    "hold", "stage", "launch", "conduct", "reimpose", "pay", "establish", "upgrade",
    "carry", "mount", "wage", "impose", "open", "begin", "start",
    "make", "issue", "declare", "give", "send", "provide", "offer", "deliver", "extend", "announce",
    "organize", "organise", "call", "go", "sign", "conclude", "reach", "lodge", "file", "order",
    "resume", "continue", "grant", "enforce", "slap", "unleash",
})
# Light verbs whose own meaning fixes the type, whatever the noun ("lifted the curfew").
LIGHT_VERB_TYPES: Final[dict[str, TypeMode]] = {
    "lift": ("CONCEDE", None), "reach": ("AGREE", None), "conclude": ("AGREE", None),
    "sign": ("SUPPORT", None), "reject": ("REJECT", None), "refuse": ("REJECT", None),
}
# Light verbs that turn a noun of these types into another type ("offered aid" is a promise).
LIGHT_VERB_SHIFTS: Final[dict[str, dict[str, TypeMode]]] = {
    "offer": {"AID": ("AGREE", None), "CONSULT": ("AGREE", None), "COOPERATE": ("AGREE", None)},
    "announce": {"AID": ("AGREE", None)},
    "impose": {"CONCEDE": ("COERCE", None), "PROTEST": ("COERCE", "restrict")},
    "lodge": {"PROTEST": ("ACCUSE", "disapprove")}, "file": {"PROTEST": ("ACCUSE", "disapprove")},
    "issue": {"PROTEST": ("ACCUSE", "disapprove")},
    "reimpose": {"CONCEDE": ("COERCE", None), "PROTEST": ("COERCE", "restrict")},
}
# Nouns that hold an event only as the subject of these verbs ("protests erupted").
OCCUR_VERBS: Final[frozenset[str]] = frozenset({
    "erupt", "break", "occur", "spread", "take", "continue", "rage", "resume", "flare", "escalate",
    "begin", "start", "happen",
})

# -- what the object says about the type ---------------------------------------------------------

TROOP_NOUNS: Final[frozenset[str]] = frozenset({
    "troop", "soldier", "force", "army", "battalion", "brigade", "unit", "division", "reinforcement",
    "warship", "tank", "military", "marine", "paratrooper", "navy", "fleet",
})
POLICE_NOUNS: Final[frozenset[str]] = frozenset({"police", "policeman", "officer", "riot"})
WEAPON_NOUNS: Final[frozenset[str]] = frozenset({
    "missile", "weapon", "rocket", "warhead", "arm", "artillery",
})
MILITIA_NOUNS: Final[frozenset[str]] = frozenset({"militia", "militiaman", "vigilante"})
AID_NOUNS: Final[frozenset[str]] = frozenset({
    "aid", "assistance", "help", "food", "medicine", "supply", "fund", "money", "loan", "grant",
    "relief", "asylum", "shelter", "dollar", "credit",
})
DIPLOMAT_NOUNS: Final[frozenset[str]] = frozenset({
    "diplomat", "ambassador", "envoy", "attache", "embassy", "consul", "mission", "staff",
})
PROPOSAL_NOUNS: Final[frozenset[str]] = frozenset({
    "resolution", "proposal", "bill", "plan", "motion", "bid", "measure", "law", "nomination", "vote",
})
RELATION_NOUNS: Final[frozenset[str]] = frozenset({"tie", "relation", "contact", "cooperation", "link"})
WORKER_NOUNS: Final[frozenset[str]] = frozenset({
    "worker", "union", "employee", "teacher", "doctor", "nurse", "miner", "driver", "staff", "student",
    "farmer", "labor", "labour", "trucker", "pilot", "docker",
})
# Verbs whose object noun moves the event to another type: (verb lemma, noun set name) -> type.
OBJECT_SHIFTS: Final[dict[str, dict[str, TypeMode]]] = {
    "send": {"troop": ("MOBILIZE", "troops"), "police": ("MOBILIZE", "police"),
             "weapon": ("MOBILIZE", "weapons"), "aid": ("AID", None)},
    "deploy": {"police": ("MOBILIZE", "police"), "weapon": ("MOBILIZE", "weapons"),
               "militia": ("MOBILIZE", "militia")},
    "dispatch": {"police": ("MOBILIZE", "police"), "aid": ("AID", None)},
    "mobilize": {"police": ("MOBILIZE", "police"), "militia": ("MOBILIZE", "militia")},
    "mobilise": {"police": ("MOBILIZE", "police"), "militia": ("MOBILIZE", "militia")},
    "move": {"troop": ("MOBILIZE", "troops"), "weapon": ("MOBILIZE", "weapons")},
    "withdraw": {"diplomat": ("SANCTION", "withdraw"), "aid": ("SANCTION", "discontinue")},
    "expel": {},
    "suspend": {"relation": ("SANCTION", "discontinue")},
    "cut": {"relation": ("SANCTION", "discontinue"), "aid": ("SANCTION", "discontinue")},
    "provide": {"aid": ("AID", None), "troop": ("AID", None), "weapon": ("AID", None)},
    "give": {"aid": ("AID", None)},
    "arm": {"militia": ("MOBILIZE", "militia")},
    "restore": {"relation": ("SUPPORT", None)},
    "block": {"proposal": ("REJECT", None)},
    "strengthen": {"troop": ("MOBILIZE", "troops"), "police": ("MOBILIZE", "police")},
    "bolster": {"troop": ("MOBILIZE", "troops"), "police": ("MOBILIZE", "police")},
    "increase": {"troop": ("MOBILIZE", "troops"), "police": ("MOBILIZE", "police")},
    "boost": {"troop": ("MOBILIZE", "troops")},
}

# -- modes ---------------------------------------------------------------------------------------

# Words in the clause that fix the mode, per type, most specific first.
MODE_WORDS: Final[dict[str, tuple[tuple[str, frozenset[str]], ...]]] = {
    "ASSAULT": (
        ("suicide-attack", frozenset({"suicide"})),
        ("drone", frozenset({"drone", "uav"})),
        ("aerial", frozenset({"airstrike", "warplane", "jet", "aircraft", "helicopter", "gunship", "air",
                              "bomber", "plane", "fighter"})),
        ("crowd-control", frozenset({"tear", "teargas", "cannon", "rubber", "baton"})),
        ("explosives", frozenset({"bomb", "explosive", "explosion", "blast", "grenade", "mine", "landmine",
                                  "ied", "dynamite", "car-bomb", "bombing", "detonate", "explode"})),
        ("heavy-weapons", frozenset({"shell", "artillery", "mortar", "rocket", "tank", "missile",
                                     "howitzer", "shelling", "bombard", "bombardment"})),
        ("firearms", frozenset({"gun", "gunman", "gunfire", "rifle", "bullet", "sniper", "shoot",
                                "shooting", "gunshot", "machine-gun", "pistol", "fire"})),
        ("primitive", frozenset({"knife", "machete", "axe", "stone", "rock", "stab", "club", "sword"})),
        ("targeted", frozenset({"assassinate", "assassination", "assassin"})),
        ("torture", frozenset({"torture"})),
        ("sexual", frozenset({"rape", "sexual"})),
        ("abduct", frozenset({"abduct", "kidnap", "hostage", "abduction", "kidnapping"})),
        ("beat", frozenset({"beat", "beating", "lynch"})),
        ("destroy", frozenset({"destroy", "raze", "burn", "torch", "demolish", "bulldoze", "loot",
                               "arson", "vandalize"})),
    ),
    "PROTEST": (
        ("hunger", frozenset({"hunger"})),
        ("riot", frozenset({"riot", "rioter", "rioting"})),
        ("strike", frozenset({"strike", "walkout", "striker"})),
        ("boycott", frozenset({"boycott"})),
        ("obstruct", frozenset({"block", "blockade", "barricade", "occupy", "sit-in", "obstruct"})),
        ("vandalize", frozenset({"vandalize", "vandalise", "vandalism", "deface"})),
        ("demo", frozenset({"demonstration", "demonstrator", "march", "rally", "protester", "protestor",
                            "demonstrate", "protest", "picket"})),
    ),
    "COERCE": (
        ("martial-law", frozenset({"martial"})),
        ("curfew", frozenset({"curfew"})),
        ("cyber", frozenset({"hack", "hacker", "cyber", "cyberattack", "malware"})),
        ("censor", frozenset({"censor", "censorship", "newspaper", "broadcast", "website", "journalist"})),
        ("deport", frozenset({"deport", "deportation"})),
        ("arrest", frozenset({"arrest", "detain", "jail", "imprison", "detention", "custody"})),
        ("seize", frozenset({"seize", "confiscate", "impound", "seizure", "expropriate"})),
        ("restrict", frozenset({"ban", "restrict", "outlaw", "prohibit", "restriction"})),
    ),
    "MOBILIZE": (
        ("police", frozenset({"police", "policeman"})),
        ("militia", frozenset({"militia", "militiaman"})),
        ("weapons", frozenset({"missile", "weapon", "warhead", "rocket"})),
        ("troops", frozenset({"troop", "soldier", "force", "army", "battalion", "brigade", "tank",
                              "warship", "reinforcement"})),
    ),
    "CONSULT": (
        ("phone", frozenset({"phone", "telephone", "call"})),
        ("third-party", frozenset({"mediate", "mediator", "mediation", "broker"})),
        ("multilateral", frozenset({"summit", "conference", "multilateral"})),
        ("visit", frozenset({"visit", "tour", "trip", "host"})),
    ),
    "RETREAT": (
        ("ceasefire", frozenset({"ceasefire", "cease-fire", "truce"})),
        ("resign", frozenset({"resign", "resignation", "quit"})),
        ("disarm", frozenset({"disarm", "disarmament", "weapon", "arm", "decommission"})),
        ("release", frozenset({"release", "free", "prisoner", "hostage", "detainee"})),
        ("access", frozenset({"access", "reopen", "inspector", "inspection", "border", "corridor"})),
        ("withdraw", frozenset({"withdraw", "withdrawal", "retreat", "pull", "troop", "evacuate"})),
    ),
    "SANCTION": (
        ("convict", frozenset({"convict", "sentence", "guilty", "conviction"})),
        ("expel", frozenset({"expel", "expulsion"})),
        ("withdraw", frozenset({"recall", "ambassador"})),
        ("discontinue", frozenset({"suspend", "halt", "sever", "cut", "cancel", "freeze", "tie",
                                   "relation"})),
    ),
    "ACCUSE": (
        ("investigate", frozenset({"investigate", "investigation", "probe", "inquiry", "enquiry",
                                   "question", "interrogate"})),
        ("allege", frozenset({"accuse", "allege", "charge", "blame", "accusation", "sue", "lawsuit"})),
        ("disapprove", frozenset({"criticize", "criticise", "condemn", "denounce", "deplore", "rebuke",
                                  "criticism"})),
    ),
}

# THREATEN: the mode is the content of the threat, read off the threatened act's type.
THREAT_MODES: Final[dict[str, str]] = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict", "SANCTION": "relations",
    "PROTEST": "restrict", "REJECT": "relations",
}
# Words in a threat that name its content when no act verb does ("threatened sanctions").
THREAT_MODE_WORDS: Final[tuple[tuple[str, frozenset[str]], ...]] = (
    ("arrest", frozenset({"arrest", "detain", "jail", "prosecute", "imprison"})),
    ("expel", frozenset({"expel", "deport", "expulsion"})),
    ("relations", frozenset({"relation", "tie", "sanction", "embargo", "aid", "boycott"})),
    ("territory", frozenset({"territory", "border", "annex", "land"})),
    ("restrict", frozenset({"curfew", "blockade", "ban", "martial", "restriction", "close"})),
    ("violence", frozenset({"war", "force", "attack", "strike", "retaliate", "retaliation", "military",
                            "kill", "bomb", "invade", "violence", "action", "destroy", "fight"})),
)
# REQUEST and REJECT: the mode is what is asked for or refused, read off its type.
CONTENT_MODES: Final[dict[str, str]] = {
    "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet",
    "AGREE": "change", "SUPPORT": "change", "SANCTION": "change", "COERCE": "change", "ASSAULT": "yield",
    "MOBILIZE": "yield", "PROTEST": "yield",
}
CONTENT_MODE_WORDS: Final[tuple[tuple[str, frozenset[str]], ...]] = (
    ("assist", frozenset({"aid", "assistance", "help", "support", "fund", "loan", "asylum", "relief"})),
    ("meet", frozenset({"talk", "meeting", "negotiation", "dialogue", "summit", "meet", "negotiate"})),
    ("yield", frozenset({"release", "withdrawal", "withdraw", "resign", "resignation", "surrender",
                         "ceasefire", "cease-fire", "truce", "end", "stop", "halt", "free", "disarm",
                         "return", "leave"})),
    ("change", frozenset({"reform", "change", "election", "policy", "investigation", "inquiry"})),
)

# Types whose verb takes another act as its content ("agreed to withdraw", "threatened to attack"):
# the frame is one event of the controlling type, the content gives its mode.
CONTROLLING_TYPES: Final[frozenset[str]] = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})
# A promise to do violence or coerce is a threat ("vowed to retaliate").
CONFLICT_TYPES: Final[frozenset[str]] = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})

# -- status --------------------------------------------------------------------------------------

# Verbs that announce, plan or consider an act without doing it ("plans to strike", "is set to").
FUTURE_CONTROLLERS: Final[frozenset[str]] = frozenset({
    "plan", "consider", "prepare", "intend", "aim", "mull", "weigh", "contemplate", "expect", "set",
    "schedule", "decide", "vow", "ready", "willing", "prepared", "poised", "eager", "due",
    "pledge", "promise", "threaten", "agree", "offer", "propose", "want",
    "seek", "try", "attempt", "hope", "move", "announce", "resolve", "opt", "choose", "going",
})
# Auxiliaries of the future ("will strike", "shall").
FUTURE_AUX: Final[frozenset[str]] = frozenset({"will", "shall", "'ll", "wo"})
# Modals of possibility and conditionals ("could attack", "would", "if").
HYPOTHETICAL_AUX: Final[frozenset[str]] = frozenset({
    "would", "could", "might", "may", "should", "'d", "must",
})
CONDITIONAL_MARKS: Final[frozenset[str]] = frozenset({"if", "unless", "whether", "lest"})
# Verbs that ask for an act: the act asked for has not happened.
HYPOTHETICAL_CONTROLLERS: Final[frozenset[str]] = frozenset({
    "urge", "demand", "ask", "call", "request", "appeal", "press", "want", "wish", "order", "encourage",
    "invite", "allow", "permit",
})
# Hedge adverbs and participles ("reportedly shelled", "the alleged attack").
HEDGE_WORDS: Final[frozenset[str]] = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "probably",
    "presumably", "perhaps", "alleged", "suspected", "believed", "rumored", "rumoured", "unconfirmed",
    "likely", "ostensibly",
})
# Verbs that deny or refuse an act ("denied shelling", "refused to withdraw", "failed to").
NEGATING_CONTROLLERS: Final[frozenset[str]] = frozenset({
    "deny", "refuse", "fail", "decline", "reject", "rule", "stop", "cease", "avoid", "halt",
})
NEGATION_WORDS: Final[frozenset[str]] = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

# -- arguments -----------------------------------------------------------------------------------

# Prepositions whose object is the target ("attack on", "sanctions against", "talks with").
TARGET_PREPS: Final[frozenset[str]] = frozenset({"against", "on", "upon", "with", "to", "at", "into", "of"})
# Relative pronouns: the actor of "the rebels who shelled" is the noun the clause hangs on.
RELATIVE_PRONOUNS: Final[frozenset[str]] = frozenset({"who", "which", "that", "whom"})
# Compounds before "strike" and "attack" that name the weapon ("air strike", "missile strike").
ASSAULT_COMPOUNDS: Final[frozenset[str]] = frozenset({
    "air", "missile", "drone", "rocket", "bomb", "suicide", "artillery", "military", "terrorist", "terror",
    "mortar", "grenade", "chemical", "nuclear", "preemptive", "pre-emptive", "retaliatory",
})
# The verb that makes "going to attack" a future.
GOING: Final = "going"

# Verbs of the lexicon that only wrap another act when they take one as content: "denied
# shelling" is a negated assault, "denied the request" a rejection.
WRAPPING_EVENT_VERBS: Final[frozenset[str]] = frozenset({"deny"})
# CONSULT: the host is the recipient and the visitor the actor (PLOVER 2.0).
SWAP_ROLES: Final[frozenset[str]] = frozenset({"host"})
# Verbs that are no event in the passive ("until their demands are met").
NOT_PASSIVE: Final[frozenset[str]] = frozenset({"meet", "accept", "return", "question"})
# Light verbs whose event noun may stand after a preposition ("went on strike").
LIGHT_PREP_VERBS: Final[frozenset[str]] = frozenset({"go"})
# Adjectives that announce an act ("ready to", "willing to", "prepared to"): read as future.
FUTURE_ADJECTIVES: Final[frozenset[str]] = frozenset({
    "ready", "willing", "prepared", "poised", "eager", "due",
})
# PLOVER 2.0: future CONSULT, SUPPORT, COOPERATE and AID are AGREE; a declared, not yet
# implemented retreat is CONCEDE.
# A stated intent to do a conflict act is a threat (CAMEO 13; "plans to impose restrictions").
FUTURE_RETYPES: Final[dict[str, str]] = {
    "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE",
    "ASSAULT": "THREATEN", "COERCE": "THREATEN", "SANCTION": "THREATEN", "MOBILIZE": "THREATEN",
    "PROTEST": "THREATEN",
}
# A refused or negated commitment is a rejection ("will not accept", "failed to reach agreement").
NEGATED_RETYPES: Final[dict[str, str]] = {"AGREE": "REJECT", "SUPPORT": "REJECT"}
# A conditional conflict act is a threat ("may halt mediation if ...", "will attack unless ...").
CONDITIONAL_THREAT_MARKS: Final[frozenset[str]] = frozenset({"if", "unless"})
# "would" after a reporting verb is the future of reported speech ("said it would withdraw").
WOULD: Final = "would"

# Subject pronouns of a reported clause: "Syria says it will withdraw" — the actor is Syria.
ANAPHORIC_SUBJECTS: Final[frozenset[str]] = frozenset({"he", "she", "it", "they", "we", "i"})
# Lemmas the small model gets wrong ("staged" -> "stag").
LEMMA_FIXES: Final[dict[str, str]] = {"stag": "stage"}
# "protested" used as a reporting verb ("…, a rights group protested"): a verbal protest.
VERBAL_PROTEST: Final[TypeMode] = ("ACCUSE", "disapprove")
# Purpose clauses of these types are part of the act they serve ("blocked streets to demand").
PURPOSE_TYPES: Final[frozenset[str]] = frozenset({"REQUEST", "PROTEST", "ACCUSE"})
TO: Final = "to"
# Refusals that are events only when what is refused is an act of the lexicon or a thing:
# "declined to comment" is a non-response, not a rejection.
NEEDS_EVENT_COMPLEMENT: Final[frozenset[str]] = frozenset({"decline", "refuse"})
