"""What a mention's title words and organisation say: role, affiliation, issuer, outlet names.

Shared by the proper-name rules (``source_typing.py``) and the description rules
(``source_descriptions.py``); rules follow SOURCE_LABELS.md (R3, R7, R8).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from onrecord.nlp.lexicon.names import KNOWN_POLITICIANS, US_STATES
from onrecord.nlp.lexicon.pronouns import (
    ARTICLES,
    DEFINITE_DETERMINERS,
    POSSESSIVE_DETERMINERS,
    THE_PREFIX,
)
from onrecord.nlp.lexicon.punctuation import CURLY_POSSESSIVE, STRAIGHT_POSSESSIVE
from onrecord.nlp.lexicon.source_nouns import (
    ISSUER_PREPOSITIONS,
    LEAK_VERBS,
    MEDIA_NAME_HEADS,
    MEDIA_NAMES,
    NOT_MEDIA_NAME_STARTS,
    ORG_ROLES,
    STRONG_MEDIA_WORDS,
)
from onrecord.nlp.lexicon.titles import (
    AFFILIATION_PREPOSITIONS,
    BE,
    ELECTED_STATE_OFFICES,
    GENERIC_TITLES,
    HONORIFICS,
    OPPOSITION,
    PERSON_ROLES,
    SPOKESPERSON_TITLES,
    TITLE_PREFIXES,
)
from onrecord.nlp.token_tests import lemma_of as _lemma


def strip_honorifics(tokens: list[Token]) -> tuple[list[Token], str | None]:
    """Drop leading honorifics and titles ("Mr.", "Sen.", "President"); return gender hint."""
    gender: str | None = None
    out = list(tokens)
    while len(out) > 1 and (out[0].lower_ in HONORIFICS or out[0].lower_ in PERSON_ROLES
                            or out[0].lower_ in TITLE_PREFIXES):
        g = HONORIFICS.get(out[0].lower_)
        gender = gender or g
        out.pop(0)
    return out, gender


def is_media_name(words: str) -> bool:
    """True for an outlet's name: "CNN", "The Daily Ledger", "Meridian Wire"."""
    low = words.lower().removeprefix(THE_PREFIX).strip()
    if low in MEDIA_NAMES or f"{THE_PREFIX}{low}" in MEDIA_NAMES:
        return True
    parts = low.split()
    if len(parts) >= 2 and any(w in STRONG_MEDIA_WORDS for w in parts):
        return True
    return len(parts) >= 2 and parts[-1] in MEDIA_NAME_HEADS and parts[0] not in NOT_MEDIA_NAME_STARTS


def title_role(tokens: list[Token]) -> str | None:
    """The role of the title word nearest the end of ``tokens`` (bigrams first)."""
    words = [_lemma(t) for t in tokens]
    if OPPOSITION in words:
        return "politician"
    if any(w in words for w in SPOKESPERSON_TITLES):  # the capacity it speaks in (R8)
        return "spokesperson"
    for i in range(len(words) - 1, -1, -1):
        if i > 0 and f"{words[i-1]} {words[i]}" in PERSON_ROLES:
            return PERSON_ROLES[f"{words[i-1]} {words[i]}"]
        if words[i] in PERSON_ROLES:
            return PERSON_ROLES[words[i]]
    return None


def modifiers(head: Token, span: Span | None) -> list[Token]:
    """Pre-modifiers of the head inside the mention (titles: "Colombian economist" Jane Doe)."""
    lo = span.start if span is not None else head.left_edge.i
    return [t for t in head.doc[lo:head.i] if t.dep_ in ("compound", "amod", "nmod", "poss", "nummod")
            or t.head.dep_ in ("compound", "amod", "nmod")]


def appositive(head: Token) -> Token | None:
    """The head's appositive, if any ("a spokesman, [John Kirby]")."""
    for child in head.rights:
        if child.dep_ == "appos":
            return child
    return None


def affiliation_of(head: Token, title: Token | None) -> tuple[int, int] | None:
    """Token range of the organisation a person speaks for or works at, inside one paragraph."""
    found = _affiliation_range(head, title)
    if found is None:
        return None
    doc = head.doc
    start, end = found
    # "chief operating officer of Tempus Inc.\n\n": the parse may run past the paragraph break
    end = next((k for k in range(start, end) if "\n" in doc[k].text), end)
    while end > start and doc[end - 1].is_space:
        end -= 1
    return (start, end) if end > start else None


def _affiliation_range(head: Token, title: Token | None) -> tuple[int, int] | None:
    """The organisation's token range as the parse gives it (``affiliation_of`` clips it)."""
    for tok in (title, head):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPOSITIONS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (pobj.pos_ == "PROPN" or _lemma(pobj) in ORG_ROLES
                                         or pobj.ent_type_ in ("ORG", "GPE")):
                    end = pobj.right_edge.i + 1
                    if pobj.i < head.i < end:  # "for the county government, Hassan Tsuma": stop at the name
                        end = head.left_edge.i
                        while end > pobj.i + 1 and head.doc[end - 1].is_punct:
                            end -= 1
                    return (pobj.left_edge.i, end)
            if child.dep_ == "poss" and child.lower_ not in POSSESSIVE_DETERMINERS:
                return (child.left_edge.i, child.i + 1)
        comps = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod")
                 and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE") or _lemma(c) in ORG_ROLES)
                 and _lemma(c) not in PERSON_ROLES]
        if comps and tok is not head or (comps and head.pos_ != "PROPN"):
            return (comps[0].left_edge.i, comps[-1].i + 1)
    return None


def title_organisation(head: Token, span: Span) -> tuple[int, int] | None:
    """The organisation words inside a pre-name title: "State Department" spokesman John Kirby."""
    mods = [t for t in modifiers(head, span) if _lemma(t) not in PERSON_ROLES]
    return (mods[0].i, mods[-1].i + 1) if mods else None


def capacity(role: str | None, span: Span) -> str | None:
    """R8: a state's attorney general or secretary of state is elected, not appointed."""
    if role == "official":
        words = " ".join(t.lower_ for t in span)
        if any(office in words for office in ELECTED_STATE_OFFICES) and any(
                re.search(rf"\b{state}\b", words) for state in US_STATES):
            return "politician"  # "Ohio Secretary of State Jon Husted", "Oklahoma's attorney general"
    return role


def predicate_title(head: Token) -> Token | None:
    """The role noun a copula gives a name: "X is the campaign's national political director"."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != BE:
        return None
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    return attr if attr is not None and _lemma(attr) in PERSON_ROLES else None


def generic_title(head: Token, span: Span, title: Token | None) -> bool:
    """Whether the person's title only says "head of" (director, chairman, president ...)."""
    if title is not None:
        words = [_lemma(t) for t in (*modifiers(title, None), title)]
    else:
        words = [_lemma(t) for t in modifiers(head, span) if _lemma(t) in PERSON_ROLES]
    if not words:
        return False
    last = words[-1]
    bigram = f"{words[-2]} {last}" if len(words) > 1 else ""
    return last in GENERIC_TITLES and PERSON_ROLES.get(bigram) is None


def organisation_role(doc: Doc, affiliation: tuple[int, int]) -> str | None:
    """The role an organisation lends its head: outlet, agency, party, campaign, company ..."""
    toks = doc[affiliation[0]:affiliation[1]]
    owner = toks.text.removesuffix(STRAIGHT_POSSESSIVE).removesuffix(CURLY_POSSESSIVE)
    if is_media_name(owner.removeprefix(THE_PREFIX)):
        return "journalist"
    toks = doc[affiliation[0]:max(toks.root.i + 1, affiliation[0] + 1)]  # its name, not "at NYU's law school"
    words = [_lemma(t) for t in toks]
    for i in range(len(words) - 1, -1, -1):
        if i > 0 and f"{words[i-1]} {words[i]}" in ORG_ROLES:
            return ORG_ROLES[f"{words[i-1]} {words[i]}"]
        if words[i] in ORG_ROLES:
            return ORG_ROLES[words[i]]
        if toks[i].lower_ in KNOWN_POLITICIANS and toks[i].pos_ == "PROPN":
            return "spokesperson"  # "Clinton's political director": staff speak for their principal
    return None


def mention_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end), without a leading article or edge commas."""
    toks = [t for t in doc[start:end]]
    while toks and toks[0].lower_ in ARTICLES:
        toks.pop(0)
    return "".join(t.text_with_ws for t in toks).strip().strip(",").strip()


def definite_or_proper(span: Span, head: Token) -> bool:
    """True for "the network", "CNN's show": a particular outlet rather than a generic one."""
    return span[0].lower_ in DEFINITE_DETERMINERS or any(t.pos_ == "PROPN" for t in span)


def issuer_of(head: Token) -> tuple[int, int] | None:
    """Who issued a document: "X's report", "a report by X", "a statement from X", "the X poll"."""
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ not in POSSESSIVE_DETERMINERS:
            return (child.left_edge.i, child.i + 1)
        if child.dep_ in ("prep", "agent") and child.lower_ in ISSUER_PREPOSITIONS \
                and child.head.lemma_ not in LEAK_VERBS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ in ("ORG", "GPE", "PERSON")):
                return (pobj.left_edge.i, pobj.right_edge.i + 1)
        if child.dep_ in ("compound", "nmod", "amod") and (
                child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "GPE", "PERSON")):
            return (child.left_edge.i, child.i + 1)
    acl = next((c for c in head.children if c.dep_ == "acl"), None)
    if acl is not None:  # "a draft seen by NPA": the outlet saw it, it did not issue it
        return None
    return None
