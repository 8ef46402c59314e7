"""Reporting verbs and other cue lemmas, one list per rule that reads them.

The tagger learns its cue lexicon from training data (``attributions/lexicon.py``); the
hand-made lists here serve the rules around it. They differ on purpose, so each stands on
its own, with the rule it serves.
"""

from __future__ import annotations

from typing import Final

# Unambiguous reporting verbs the cue rescue takes when the tagger left them out.
RESCUE_SPEECH_LEMMAS: Final[frozenset[str]] = frozenset({
    "say", "tell", "add", "write", "report", "note", "ask", "explain", "insist", "argue", "claim", "announce",
    "declare", "warn", "reply", "respond", "state", "acknowledge", "admit", "recall", "predict", "tweet",
    "testify",
})
# Adverbs by which the reporter passes a claim on without naming its source ("The port has
# reportedly lost business"): PolNeAR cues with no source, rescued when the tagger leaves them out.
REPORTER_HEDGE_CUES: Final[frozenset[str]] = frozenset({"reportedly", "allegedly", "purportedly"})
# Reporting verbs inside a content that opens with a request for anonymity ("... not to be named said X").
ANONYMITY_REPORTING_LEMMAS: Final[frozenset[str]] = frozenset({
    "say", "tell", "add", "confirm", "note", "explain", "warn", "report", "describe",
})
# Cues the tagger takes for a request for anonymity ("asked not to be named").
ANONYMITY_REQUEST_LEMMAS: Final[frozenset[str]] = frozenset({"ask", "request", "speak", "insist", "demand"})
# How such a request opens the tagged content.
ANONYMITY_OPENINGS: Final[tuple[str, ...]] = (
    "not to be named", "not to be identified", "anonymity", "on condition of anonymity",
    "on the condition of anonymity", "to remain anonymous", "not to be quoted",
)
# Verbs whose object is the person told ("told reporters that ..."): the recipient is no content.
RECIPIENT_VERBS: Final[frozenset[str]] = frozenset((
    "tell", "ask", "remind", "assure", "inform", "warn", "promise", "convince", "notify", "advise",
))
# Words that open the content after the recipient ("told reporters that / how / to ...").
RECIPIENT_CONTENT_OPENERS: Final[tuple[str, ...]] = ("that", "how", "if", "whether", "to", "what", "why")
# Speech verbs that give a quoted "No comment." its speaker.
NO_COMMENT_SAY_LEMMAS: Final[frozenset[str]] = frozenset({
    "say", "tell", "reply", "respond", "answer", "add", "write", "state", "email",
})
# Cues that negate or reject their content (a denial).
DENIAL_LEMMAS: Final[frozenset[str]] = frozenset({
    "deny", "reject", "dismiss", "refute", "dispute", "rebut", "disavow", "repudiate", "contest",
})
# Verbs whose negation is a non-response or a request for anonymity, not a negated statement.
NOT_STATEMENT_LEMMAS: Final[frozenset[str]] = frozenset({
    "respond", "reply", "return", "answer", "reach", "ask", "decline", "refuse",
})
# The cue "according to" (lower-cased text), and the pseudo-lemma that marks it as evidence.
ACCORDING_TO: Final = "according to"
ACCORDING: Final = "according"
ACCORDING_TO_EVIDENCE: Final = "according_to"
# The default cue lemma for an "according to" that cites a person.
SAY: Final = "say"
# Scare quotes: "the so-called “reform”" attributes nothing.
SCARE_QUOTE_CUES: Final[tuple[str, ...]] = ("so-called", "so called")

# "Officials are weighing a decision": a deliberation over an unnamed choice, told in the
# reporter's voice. With one of these objects and no clause, nothing is attributed.
DELIBERATION_LEMMAS: Final[frozenset[str]] = frozenset({"weigh", "mull", "consider", "ponder"})
DELIBERATION_OBJECTS: Final[frozenset[str]] = frozenset({
    "decision", "option", "choice", "response", "move", "step", "measure", "proposal", "request",
    "offer", "bid", "matter", "issue", "question", "situation",
})

# Attribution modes: cue lemmas by the mode they give (PolNeAR does not label modes). The
# first list that names a lemma wins.
BELIEF_LEMMAS: Final[tuple[str, ...]] = (
    "think", "believe", "hope", "expect", "feel", "suspect", "assume", "doubt", "fear", "worry",
    "consider", "know", "understand", "trust", "presume", "guess", "imagine", "suppose", "reckon",
    "convinced", "sure", "certain", "seem", "appear", "view", "regard", "perceive", "wonder", "skeptical",
    "confident", "concerned", "afraid",
)
INTENTION_LEMMAS: Final[tuple[str, ...]] = (
    "plan", "intend", "want", "wish", "aim", "seek", "vow", "pledge", "promise", "try", "decide",
    "threaten", "propose", "desire", "prefer", "refuse", "need", "like", "love", "hate", "determine",
    "commit",
)
PERCEPTION_LEMMAS: Final[tuple[str, ...]] = (
    "see", "hear", "watch", "notice", "witness", "observe", "smell", "listen",
)
EVIDENCE_LEMMAS: Final[tuple[str, ...]] = (
    "show", "find", "estimate", "indicate", "suggest", "demonstrate", "poll", "survey", "analysis",
    "study", "data", "record", "document", "according_to", "prove", "conclude", "measure",
)
# Verbs whose subject PolNeAR keeps in the content, not the source ("This seems like a fair
# idea", "Turnout looks high"): the source repairs never make their subject the speaker.
SUBJECT_IN_CONTENT_LEMMAS: Final[frozenset[str]] = frozenset({"seem", "appear", "look", "sound", "remain"})

# Verbs whose "to" infinitive PolNeAR puts in the cue ("continued to refute", "tried to
# paint"; train folds 2-4: continue 19 of 19, try 21 of 24, tend, begin, fail, have all of
# theirs), unlike "vowed to", "plans to", "wants to", whose infinitive opens the content
# (attributions/repairs.py).
CHAINED_CUE_LEMMAS: Final[frozenset[str]] = frozenset({
    "continue", "try", "tend", "begin", "fail", "have", "struggle", "need", "start",
})
# Raising verbs whose subject PolNeAR puts in the content, not the source ("Lee seems to be
# winning"; train folds 2-4: seem 55 of 64, the rest with nothing before the cue; appear 41
# of 45, a source once).
RAISING_LEMMAS: Final[frozenset[str]] = frozenset({"seem", "appear"})
# Passive cues whose subject PolNeAR keeps in the content too
# ("Lee is expected to win", "the plan is seen as a gamble"; train folds 2-4: expected 30 of 31,
# known 9 of 10, considered 7 of 7, seen 6 of 6).
RAISING_PASSIVE_LEMMAS: Final[frozenset[str]] = frozenset({
    "expect", "know", "consider", "see", "view", "think", "believe", "regard",
})
# Cue verbs whose "to" infinitive opens the content, not the cue ("declined to comment",
# "vowed to fight"; train folds 2-4: declined 20 of 27, refused 19 of 24, plans 15 of 17,
# vowed 13 of 14, agreed, pledged, promised, want, hope, decide nearly all).
INFINITIVE_CONTENT_LEMMAS: Final[frozenset[str]] = frozenset({
    "decline", "refuse", "seek", "plan", "vow", "want", "agree", "pledge", "promise", "hope",
    "decide", "threaten", "prefer", "intend",
})
