"""Non-responses: the verbs of withholding, what a source is asked with, and their phrases.

Read by ``nonresponses.py`` and by the attribution extractor (which leaves non-responses to
that stage). Lemmas unless a comment says forms.
"""

from __future__ import annotations

from typing import Final

# Verbs whose refusal is a refusal to inform: "declined to comment / say / name / give details".
WITHHELD: Final[frozenset[str]] = frozenset({
    "comment", "say", "give", "name", "discuss", "elaborate", "specify", "disclose", "confirm",
    "identify", "provide", "detail", "answer", "respond", "speak", "talk", "reveal", "explain",
    "offer", "weigh", "address", "divulge", "describe", "share", "reply",
})
# Verbs of handing over: a refusal counts only when nothing but information is withheld.
TRANSFER: Final[frozenset[str]] = frozenset({"give", "provide", "offer", "share"})
# What a source is asked with; "did not respond to treatment" is not a non-response.
REQUESTS: Final[frozenset[str]] = frozenset({
    "request", "question", "message", "call", "email", "e-mail", "inquiry", "enquiry", "query",
    "phone", "voicemail", "text", "letter", "comment", "interview", "note", "approach",
})
# What is referred elsewhere: "referred questions to ...".
REFER_OBJECTS: Final[frozenset[str]] = frozenset({
    "question", "inquiry", "enquiry", "query", "request", "reporter", "journalist", "call",
})
# Negation words, forms ("Neither X nor Y responded" counts too).
NEGATIONS: Final[frozenset[str]] = frozenset({"not", "n't", "never", "neither"})
NEGATIVE_SUBJECTS: Final[frozenset[str]] = frozenset({"nobody", "none"})
NEGATIVE_DETERMINERS: Final[frozenset[str]] = frozenset({"neither", "no"})
# A quoted "No comment." (forms).
NO_COMMENT_PATTERN: Final = r"[“\"‘]\s*No(?: further| immediate)? comment\b[^”\"’\n]{0,80}[”\"’]?"

# declined_to_comment: "declined / refused to comment", "declined comment", "would not say".
DECLINE_VERBS: Final[frozenset[str]] = frozenset({"decline", "refuse"})
SPEAK_VERBS: Final[frozenset[str]] = frozenset({"speak", "talk"})
COMMENT_NOUNS: Final[frozenset[str]] = frozenset({"comment", "interview"})
# "declined to speak publicly / on the record / on condition of anonymity": anonymity (forms).
ANONYMITY_WORDS: Final[frozenset[str]] = frozenset({
    "publicly", "record", "condition", "anonymity", "anonymously",
})
# "would not say", "won't comment" (forms of the auxiliary).
WOULD_AUXILIARIES: Final[frozenset[str]] = frozenset({"would", "will", "wo", "'d"})
# "it does not comment on litigation": a stated policy (forms of the auxiliary).
DO_AUXILIARIES: Final[frozenset[str]] = frozenset({"does", "do"})
COMMENT: Final = "comment"

# did_not_respond: "did not respond / reply / return calls / answer", "failed to respond".
RESPOND_VERBS: Final[frozenset[str]] = frozenset({"respond", "reply", "answer", "return", "comment"})
RETURN: Final = "return"
ANSWER: Final = "answer"
FAIL: Final = "fail"
YET: Final = "yet"
TO: Final = "to"
FROM: Final = "from"
NO: Final = "no"
NOR: Final = "nor"
# "did not answer the door" is a non-response too.
ANSWERED_OBJECTS: Final[frozenset[str]] = REQUESTS | {"door"}

# could_not_be_reached: "could not be reached", "was not available for comment".
REACH_VERBS: Final[frozenset[str]] = frozenset({"reach", "contact"})
CAN_MODALS: Final[frozenset[str]] = frozenset({"could", "can", "ca"})
AVAILABLE: Final = "available"
AVAILABILITY: Final[frozenset[str]] = frozenset({"available", "unavailable"})

# referred_elsewhere: "referred (further) questions to ...".
REFER_VERBS: Final[frozenset[str]] = frozenset({"refer", "direct", "redirect", "forward"})

# Passives with no actor: "Messages ... went unanswered", "calls ... were not returned".
UNANSWERED: Final = "unanswered"
RETURN_VERBS: Final[frozenset[str]] = frozenset({"return", "answer"})

# "Attempts to reach the owner were unsuccessful".
ATTEMPT_NOUNS: Final[frozenset[str]] = frozenset({"attempt", "effort", "try"})
FAILING_VERBS: Final[frozenset[str]] = frozenset({"fail", "prove"})
FAILURE_WORDS: Final[frozenset[str]] = frozenset({"unsuccessful", "fruitless", "futile", "unanswered"})

# "There was no response from the ministry", "had no comment".
RESPONSE_NOUNS: Final[frozenset[str]] = frozenset({"response", "reply", "comment"})
COMMENT_GIVING_VERBS: Final[frozenset[str]] = frozenset({"have", "offer"})  # "made no comment" is silence

# The extractor's test for a cue that states nothing was said (cue lemmas, content openings).
NO_ANSWER_LEMMAS: Final[frozenset[str]] = frozenset({"respond", "return", "reply", "answer", "comment"})
DECLINE: Final = "decline"
REFER: Final = "refer"
NOT: Final = "not"
DECLINE_OBJECTS: Final[tuple[str, ...]] = (
    "to comment", "to say", "to discuss", "to elaborate", "to provide", "to specify", "comment",
)
DECLINED_SAY_LEMMAS: Final[tuple[str, ...]] = ("say", "comment")
REFERRED_WORDS: Final[tuple[str, ...]] = ("question", "inquir", "request")
