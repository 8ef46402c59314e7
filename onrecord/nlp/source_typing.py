"""Describe one source mention from its own words: kind, identity, count, type, role, name.

This is the local half of source typing. ``coref.py`` clusters mentions into entities and
``sources.py`` merges the profiles of an entity's mentions into one Source. Rules follow
SOURCE_LABELS.md (R1-R10): the profile describes what the words say; pronouns and definite
descriptions get their final labels from the antecedent they resolve to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from onrecord.nlp.lexicon.names import FEMALE_NAMES, KNOWN_POLITICIANS, MALE_NAMES, NAME_PARTICLES, US_STATES
from onrecord.nlp.lexicon.pronouns import (
    ARTICLES,
    DEFINITE_DETERMINERS,
    FIRST_PERSON,
    FIRST_PERSON_PLURAL,
    INDEFINITE_ARTICLES,
    POSSESSIVE_DETERMINERS,
    PRONOUN_FEATURES,
    RELATIVE_PRONOUNS,
    SUBSET_PRONOUNS,
    THE,
    THE_PREFIX,
)
from onrecord.nlp.lexicon.punctuation import CURLY_POSSESSIVE, STRAIGHT_POSSESSIVE
from onrecord.nlp.lexicon.source_nouns import (
    COLLECTIVE_SINGULARS,
    DATA,
    DOCUMENT_NOUNS,
    GENERIC_MEDIA_NOUNS,
    GENERIC_SOURCES,
    GROUP,
    GROUP_NOUNS,
    INFORMANT_CATEGORY_NOUNS,
    INFORMANT_MARKERS,
    INFORMANT_NOUNS,
    INSIDER_NOUNS,
    ISSUER_PREPOSITIONS,
    LEAK_VERBS,
    MEDIA_NAME_HEADS,
    MEDIA_NAMES,
    MEDIA_NOUNS,
    MEMBER_NOUNS,
    NOT_MEDIA_NAME_STARTS,
    OF,
    ONE,
    ORG_NAME_HEADS,
    ORG_OR_PERSON_NOUNS,
    ORG_ROLES,
    PARTY_MEMBERS,
    PEOPLE_NOUNS,
    PERCENT_WORDS,
    PLURAL_ONLY_NOUNS,
    POLICE,
    POLL_NOUNS,
    PROPORTION_WORDS,
    PUBLIC,
    ROLELESS_MEMBERS,
    SHARE_PREPOSITIONS,
    STRONG_MEDIA_WORDS,
    SUBSET_QUANTIFIERS,
    TAX_RETURN,
)
from onrecord.nlp.lexicon.titles import (
    AFFILIATION_PREPOSITIONS,
    AGE_MARKER,
    BE,
    EARLIER_OFFICE_MARKERS,
    ELECTED_STATE_OFFICES,
    GENDERED_NOUNS,
    GENERIC_TITLES,
    HONORIFICS,
    OPPOSITION,
    PARTY_TAG_PATTERN,
    PERSON_ROLES,
    SPOKESPERSON_TITLES,
    TITLE_PREFIXES,
)
from onrecord.nlp.token_tests import count_of, is_animate, is_proportion_start, number_value
from onrecord.nlp.token_tests import lemma_of as _lemma

MentionKind = Literal["name", "pronoun", "relative", "description", "generic", "first_person", "we"]
EntityKind = Literal["person", "organization", "media", "document", "group"]

_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LOC", "PRODUCT"})
_PARTY_TAG = re.compile(PARTY_TAG_PATTERN)


@dataclass(frozen=True, slots=True)
class Profile:
    """What one mention says about its referent; None fields are left to the cluster."""

    kind: MentionKind
    head: int  # token index of the head in the doc
    entity_kind: EntityKind | None
    identity: str | None
    count: int | None
    role: str | None
    name: str | None  # display name ("Donald Trump", "the State Department")
    name_tokens: tuple[str, ...]  # lower-cased name without honorifics, for matching
    description: str | None
    affiliation: tuple[int, int] | None  # token range [s, e) of the affiliated organisation
    gender: str | None
    plural: bool
    definite: bool
    lemmas: frozenset[str]  # content lemmas, for matching "the official" to "a senior official"
    subset_of: int | None = None  # token of "them" in "one of them": a subset of that referent
    conjuncts: int = 1


def mention_span(doc: Doc, start: int, end: int) -> Span | None:
    """The token span for character offsets, trimmed of edge punctuation and possessive 's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    s, e = span.start, span.end
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].tag_ == "POS"):
        e -= 1
    return doc[s:e] if e > s else None


def find_head(span: Span) -> Token:
    """The token of the span whose syntactic head lies outside it (the first such, by position)."""
    best: Token | None = None
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            if best is None or (best.pos_ in ("DET", "ADP", "CCONJ") and tok.pos_ not in ("DET", "ADP")):
                best = tok
            if tok.dep_ not in ("det", "prep", "cc", "punct", "case"):
                break
    head = best if best is not None else span.root
    # "One of them": keep the quantifier; "Trump 's": the possessor is the head.
    if head.tag_ == "POS" and head.head.i != head.i:
        head = head.head
    return head


def _name_chain(head: Token) -> list[Token]:
    """The proper-noun tokens that form the name around ``head`` (compounds and flat parts)."""
    doc = head.doc
    if head.ent_type_ in _NAME_ENTS and head.ent_iob_ != "O":
        ent = _entity_at(head)
        if ent is not None:
            poss = [t.i for t in ent if t.tag_ == "POS" and t.i < head.i]
            start = poss[-1] + 1 if poss else ent.start
            toks = [t for t in doc[start:ent.end] if not (t.tag_ == "POS" or t.lower_ == THE or t.is_space)
                    and "\n" not in t.whitespace_]
            if any(t.is_space or "\n" in t.text for t in ent):  # an entity run across a line break
                toks = [t for t in toks if abs(t.i - head.i) <= 3 and t.sent == head.sent]
            toks = _name_run(toks, head)
            # extend leftwards over honorifics the NER left out ("Mr." "Sen.")
            i = ent.start - 1
            while i >= 0 and doc[i].lower_ in HONORIFICS and doc[i].head.i == head.i:
                toks.insert(0, doc[i])
                i -= 1
            return toks
    toks = [head]
    i = head.i - 1
    while i >= 0 and doc[i].head.i in (head.i, toks[0].i) and (
        doc[i].pos_ == "PROPN" or doc[i].lower_ in HONORIFICS or doc[i].text in (".", "&")
    ) and doc[i].dep_ in ("compound", "nmod", "amod", "punct", "cc", "flat"):
        toks.insert(0, doc[i])
        i -= 1
    return toks


def _name_run(toks: list[Token], head: Token) -> list[Token]:
    """The contiguous run of name-like tokens around ``head``: the small model sometimes runs
    an ORG entity on into a title-case headline ("Trump accused Holt of being a")."""
    def name_like(t: Token) -> bool:
        return t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or t.like_num or t.i == head.i

    if head not in toks or all(name_like(t) for t in toks):
        return toks
    k = toks.index(head)
    a = k
    while a > 0 and name_like(toks[a - 1]) and toks[a - 1].i == toks[a].i - 1:
        a -= 1
    b = k + 1
    while b < len(toks) and name_like(toks[b]) and toks[b].i == toks[b - 1].i + 1:
        b += 1
    run = toks[a:b]
    while run and run[-1].lower_ in NAME_PARTICLES and run[-1] is not head:
        run.pop()
    return run or [head]


def _entity_at(tok: Token) -> Span | None:
    """The named-entity span holding ``tok``, found from IOB tags (no scan over doc.ents)."""
    if tok.ent_iob_ not in ("B", "I"):
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _person_name_under(span: Span, head: Token) -> Token | None:
    """The last token of a person's name governed by a title head, with no clause in between."""
    for tok in span:
        if tok.i <= head.i or tok.ent_type_ != "PERSON":
            continue
        if tok.i + 1 < span.end and span.doc[tok.i + 1].ent_iob_ == "I":
            continue  # not the last token of the name
        node = tok
        while node.i != head.i and node.head.i != node.i:
            if (node.dep_ == "appos" and _lemma(node.head) not in PERSON_ROLES
                    and node.head.ent_type_ != "PERSON"):
                # "A spokesman for the county government, Hassan Tsuma": the parser hangs the
                # name on "government"; a person's name in apposition names the title holder
                return tok if _governs(head, node.head) else None
            if node.dep_ in ("prep", "relcl", "acl", "pobj"):
                break
            node = node.head
        if node.i == head.i:
            return tok
    return None


def _governs(head: Token, tok: Token) -> bool:
    """``tok`` hangs off ``head`` through prepositional phrases only ("spokesman for the government")."""
    node = tok
    for _ in range(6):
        if node.i == head.i:
            return True
        if node.dep_ not in ("pobj", "prep", "compound", "amod") or node.head.i == node.i:
            return False
        node = node.head
    return False


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


def _title_role(tokens: list[Token]) -> str | None:
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


def _modifiers(head: Token, span: Span | None) -> list[Token]:
    """Pre-modifiers of the head inside the mention (titles: "Colombian economist" Jane Doe)."""
    lo = span.start if span is not None else head.left_edge.i
    return [t for t in head.doc[lo:head.i] if t.dep_ in ("compound", "amod", "nmod", "poss", "nummod")
            or t.head.dep_ in ("compound", "amod", "nmod")]


def _appositive(head: Token) -> Token | None:
    for child in head.rights:
        if child.dep_ == "appos":
            return child
    return None


def _affiliation(head: Token, title: Token | None) -> tuple[int, int] | None:
    """Token range of the organisation a person speaks for or works at."""
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


def _title_organisation(head: Token, span: Span) -> tuple[int, int] | None:
    """The organisation words inside a pre-name title: "State Department" spokesman John Kirby."""
    mods = [t for t in _modifiers(head, span) if _lemma(t) not in PERSON_ROLES]
    return (mods[0].i, mods[-1].i + 1) if mods else None


def _capacity(role: str | None, span: Span) -> str | None:
    """R8: a state's attorney general or secretary of state is elected, not appointed."""
    if role == "official":
        words = " ".join(t.lower_ for t in span)
        if any(office in words for office in ELECTED_STATE_OFFICES) and any(
                re.search(rf"\b{state}\b", words) for state in US_STATES):
            return "politician"  # "Ohio Secretary of State Jon Husted", "Oklahoma's attorney general"
    return role


def _speaker_label(span: Span) -> bool:
    """An upper-case name opening a paragraph and followed by a colon: a transcript speaker."""
    doc = span.doc
    words = [t for t in span if t.is_alpha]
    if not 1 <= len(words) <= 3 or not all(t.is_upper and len(t) > 1 for t in words):
        return False
    opens = span.start == 0 or "\n" in doc[span.start - 1].text
    return opens and span.end < len(doc) and doc[span.end].text == ":"


def _of_place(head: Token) -> bool:
    """ "Name of Oakland" / "Name, of Des Moines,": introduced by a place, not a title."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == OF:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            return pobj is not None and pobj.ent_type_ == "GPE"
    return False


def _capitalised_noun(head: Token) -> bool:
    """A capitalised word inside a sentence the tagger took for a common noun: ", Hannity said"."""
    if not head.is_title or head.tag_ not in ("NN", "NNS") or head.is_sent_start or head.i == 0:
        return False
    prev = head.doc[head.i - 1]
    if prev.tag_ == "``" or prev.text in ("“", "‘", ":") or "\n" in prev.text or _lemma(head) in PERSON_ROLES:
        return False
    words = [t for t in head.sent if t.is_alpha]
    return sum(t.is_title for t in words) * 2 < len(words)  # not a title-case headline


def _predicate_title(head: Token) -> Token | None:
    """The role noun a copula gives a name: "X is the campaign's national political director"."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != BE:
        return None
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    return attr if attr is not None and _lemma(attr) in PERSON_ROLES else None


def _generic_title(head: Token, span: Span, title: Token | None) -> bool:
    """Whether the person's title only says "head of" (director, chairman, president ...)."""
    if title is not None:
        words = [_lemma(t) for t in (*_modifiers(title, None), title)]
    else:
        words = [_lemma(t) for t in _modifiers(head, span) if _lemma(t) in PERSON_ROLES]
    if not words:
        return False
    last = words[-1]
    bigram = f"{words[-2]} {last}" if len(words) > 1 else ""
    return last in GENERIC_TITLES and PERSON_ROLES.get(bigram) is None


def _organisation_role(doc: Doc, affiliation: tuple[int, int]) -> str | None:
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


def _text(doc: Doc, start: int, end: int) -> str:
    toks = [t for t in doc[start:end]]
    while toks and toks[0].lower_ in ARTICLES:
        toks.pop(0)
    return "".join(t.text_with_ws for t in toks).strip().strip(",").strip()


def _conjuncts(head: Token, span: Span) -> list[Token]:
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj" and span.start <= child.i < span.end:
                out.append(child)
                stack.append(child)
    return out


def _name_profile(
    head: Token, span: Span, chain: list[Token]
) -> tuple[EntityKind | None, str | None, str | None]:
    """Decide person/organisation/media/group for a proper name; returns (kind, role, gender)."""
    stripped, gender = strip_honorifics(chain)
    words = " ".join(t.text for t in chain)
    ent = head.ent_type_
    first = stripped[0].lower_ if stripped else ""
    last_lemma = _lemma(chain[-1]) if chain else ""
    appos = _appositive(head)
    title_toks = _modifiers(head, span) + ([appos] if appos is not None else [])
    if head.dep_ == "appos" and _lemma(head.head) in PERSON_ROLES:  # "the minister, Renato Falcão"
        title_toks += [t for t in head.head.lefts if t.dep_ in ("compound", "amod")] + [head.head]
    title_role = _title_role([t for t in title_toks if t not in stripped]
                             + [t for t in chain if t.lower_ in HONORIFICS])
    person_cue = (gender is not None or first in FEMALE_NAMES or first in MALE_NAMES
                  or any(t.lower_ in HONORIFICS for t in chain)
                  or (appos is not None and _lemma(appos) in PERSON_ROLES and _lemma(appos) not in ORG_ROLES)
                  or any(_lemma(t) in PERSON_ROLES and _lemma(t) not in ORG_ROLES
                         for t in _modifiers(head, span) + chain)
                  or (head.dep_ == "appos" and _lemma(head.head) in PERSON_ROLES
                      and _lemma(head.head) not in ORG_ROLES)  # "Its spokeswoman, Lindiwe Khumalo"
                  or (len(chain) == 1 and head.lower_ in KNOWN_POLITICIANS))
    if gender is None:
        gender = "f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None
    if is_media_name(words) or (head.lower_ in MEDIA_NAMES):
        return "media", "journalist", None
    if ent == "NORP" and head.tag_ in ("NNPS", "NNS") and not person_cue:
        return "group", PERSON_ROLES.get(_lemma(head).rstrip("s"), "citizen"), None
    if ((ent == "NORP" and not person_cue) or head.lower_.rstrip("s") in PARTY_MEMBERS) \
            and (head.tag_ in ("NNPS", "NNS") or head.lower_.endswith("s")):
        return "group", "politician", None
    if ent == "GPE" and not person_cue:
        return "organization", "official", None
    if (last_lemma in ORG_ROLES or chain[-1].lower_ in ORG_NAME_HEADS) and not person_cue:
        return "organization", ORG_ROLES.get(last_lemma), None
    if ent in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART") and not person_cue:
        for t in reversed(chain + title_toks):
            if _lemma(t) in ORG_ROLES:
                return "organization", ORG_ROLES[_lemma(t)], None
        return "organization", None, None
    if head.is_upper and len(head) >= 2 and len(chain) == 1 and ent != "PERSON" and not person_cue \
            and len(head) <= 5:
        return "organization", ORG_ROLES.get(head.lower_), None
    if ent != "PERSON" and not person_cue and not title_role:
        return None, None, None  # no cue either way: the cluster or the default decides
    role = title_role
    if role is None and len(stripped) == 1 and _lemma(head) in PERSON_ROLES:
        role = PERSON_ROLES[_lemma(head)]  # "Chad's Ambassador to France": a capitalised title
    if role is None and _of_place(head):
        role = "citizen"  # "Juan Manriquez of Oakland": a private person introduced by hometown
    after = head.whitespace_ + "".join(t.text_with_ws for t in head.doc[head.i + 1:head.i + 6])
    if role is None and _PARTY_TAG.match(after):  # "Paul Ryan (R-Wis.)": an elected member
        role = "politician"
    if role is None and appos is not None and (any(t.like_num for t in appos.subtree) or any(
            AGE_MARKER in t.lower_ for t in appos.subtree)):
        role = "citizen"  # "Jeanne Kavira, 34", "an 81-year-old widow": a private person
    if role is None and head.i + 2 < len(head.doc) and head.nbor(1).text == "," and head.nbor(2).like_num:
        role = "citizen"
    return "person", role, gender


def profile_mention(doc: Doc, span: Span, head: Token | None = None) -> Profile:
    """Describe the referent of one mention from its words (no context beyond the sentence)."""
    head = head if head is not None else find_head(span)
    title_head: Token | None = None  # the title a name was found under ("a spokesman for X, Name")
    if head.pos_ != "PROPN" and (_lemma(head) in PERSON_ROLES or head.dep_ == "ROOT"):
        # "Former Secretary of State and frontrunner Hillary Clinton": the name, not the title
        switched = _person_name_under(span, head)
        if switched is not None:
            title_head = head
            head = switched
    low = head.lower_
    lemma = _lemma(head)
    mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
    lemmas = frozenset(_lemma(t) for t in [head, *mods] if t.is_alpha and not t.is_stop)
    first = span[0].lower_
    definite = first in DEFINITE_DETERMINERS or any(c.dep_ == "poss" for c in head.children)
    base = Profile(kind="description", entity_kind=None, identity=None, count=None, role=None,
                   head=head.i, name=None, name_tokens=(), description=None, affiliation=None,
                   gender=None, plural=False, definite=definite, lemmas=lemmas)

    if _speaker_label(span):  # "TAPPER: ..." in a transcript: a person, whatever the tagger says
        words = [t for t in span if t.is_alpha]
        return replace(base, kind="name", entity_kind="person", identity="named", count=1,
                       name=" ".join(t.text.title() for t in words),
                       name_tokens=tuple(t.lower_ for t in words),
                       lemmas=base.lemmas | {t.lower_ for t in words}, definite=True)
    # pronouns
    if head.lower_ in FIRST_PERSON:
        return replace(base, kind="first_person", entity_kind="person", count=1, definite=True)
    if low in FIRST_PERSON_PLURAL:
        return replace(base, kind="we", plural=True)
    if low in RELATIVE_PRONOUNS and len(span) == 1:
        return replace(base, kind="relative")
    if low in PRONOUN_FEATURES and len(span) <= 2:
        g, num = PRONOUN_FEATURES[low]
        kind: EntityKind | None = "person" if g in ("m", "f") else None
        return replace(base, kind="pronoun", entity_kind=kind, identity=None,
                       count=1 if g in ("m", "f") else None, role=None, gender=g, plural=num == "pl")
    if low in GENERIC_SOURCES and len(span) <= 2 and not any(c.dep_ == "prep" for c in head.children):
        if low == ONE:
            return replace(base, kind="generic", entity_kind="person", identity="anonymous", count=1,
                           role="other")
        return replace(base, kind="generic", entity_kind="group", identity="collective", count=None,
                       role=GENERIC_SOURCES[low], plural=True)

    conj = _conjuncts(head, span)
    # proper names (possibly several: "Trump and Clinton")
    group_word = lemma in GROUP_NOUNS and head.ent_type_ not in ("PERSON", "ORG") and (
        head.tag_ in ("NNS", "NNPS") or low.endswith("s"))
    if any(t.text.startswith("@") and len(t) > 1 for t in span) and not any(
            t.pos_ == "PROPN" and not t.text.startswith("@") for t in span):  # a handle names its owner
        handle = next(t for t in span if t.text.startswith("@"))
        return replace(base, kind="name", entity_kind="person", identity="named", count=1,
                       name=handle.text, name_tokens=(handle.lower_,))
    if is_media_name(head.text) or (head.pos_ == "PROPN" and is_media_name(
            " ".join(t.text for t in _name_chain(head)))):
        return replace(base, kind="name", entity_kind="media", identity="named", role="journalist",
                       name=_text(doc, span.start, span.end), definite=True,
                       name_tokens=tuple(t.lower_ for t in span if t.lower_ != THE))
    if (head.pos_ == "PROPN" or (head.ent_type_ in ("PERSON", "ORG", "GPE") and head.tag_ != "PRP")
            or (head.is_title and low in KNOWN_POLITICIANS) or _capitalised_noun(head)) \
            and not head.is_lower and not group_word \
            and not (head.ent_type_ == "NORP" and span[0].lower_ in DEFINITE_DETERMINERS
                     and head.tag_ == "NNP"):
        chain = _name_chain(head)
        kind_, role, gender = _name_profile(head, span, chain)
        stripped, _ = strip_honorifics(chain)
        name = " ".join(t.text for t in (chain if kind_ != "person" else stripped))
        appos = _appositive(head)
        desc_toks = [t for t in _modifiers(head, span) if t not in chain]
        description = " ".join(t.text for t in desc_toks) or (
            _text(doc, appos.left_edge.i, appos.right_edge.i + 1) if appos is not None else None)
        names = [name]
        count: int | None = 1 if kind_ in ("person", None) else None
        identity = "collective" if kind_ == "group" else "named"
        if len(conj) > 1:
            vague = [c for c in conj[1:] if c.pos_ != "PROPN"]
            named = [c for c in conj[1:] if c.pos_ == "PROPN"]
            names += [" ".join(t.text for t in strip_honorifics(_name_chain(c))[0]) for c in named]
            count = None if vague or kind_ not in ("person", None) else len(names)
        title = appos if appos is not None and _lemma(appos) in PERSON_ROLES else None
        if head.dep_ == "appos" and _lemma(head.head) in PERSON_ROLES:
            title = head.head
        if title is None and title_head is not None and _lemma(title_head) in PERSON_ROLES:
            title = title_head
            role = role or PERSON_ROLES[_lemma(title_head)]
            description = description or _text(doc, span.start, min(head.left_edge.i, span.end)).rstrip(" ,")
        if title is None and role is None and kind_ in ("person", None):
            title = _predicate_title(head)
            if title is not None:  # "Amanda Renteria is the campaign's political director"
                role = _title_role([*_modifiers(title, None), title])
                kind_ = "person"
        if title is not None:
            base = replace(base, lemmas=base.lemmas | {_lemma(title)})
        affiliation = _affiliation(head, title)
        role = _capacity(role, span)
        if role == "official" and stripped and stripped[-1].lower_ in KNOWN_POLITICIANS \
                and not any(t.lower_ in EARLIER_OFFICE_MARKERS for t in span):
            role = "politician"  # R8: "former Secretary of State Hillary Clinton" is a politician in 2016
        if kind_ in ("person", None) and _generic_title(head, span, title):
            if affiliation is not None:
                role = _organisation_role(doc, affiliation) or role
            elif title is None and (organisation := _title_organisation(head, span)) is not None:
                # "Campaign chairman Paul Manafort", "Fed Chairwoman Janet Yellen"
                role = _organisation_role(doc, organisation) or role
        return replace(
            base, kind="name", entity_kind=kind_, identity=identity, count=count, role=role,
            name="; ".join(names) if identity == "named" else None,
            name_tokens=tuple(t.lower_ for t in stripped if t.text[:1].isalpha()),  # O’Malley, Jr.
            lemmas=base.lemmas | {t.lower_ for t in stripped}, description=description, gender=gender,
            plural=kind_ == "group", affiliation=affiliation, definite=True,
            conjuncts=len(conj))
    return _description_profile(doc, span, head, conj, base)


def _description_profile(doc: Doc, span: Span, head: Token, conj: list[Token], base: Profile) -> Profile:
    """Type a common-noun mention: the first rule of ``DESCRIPTION_RULES`` that matches decides.

    A mention no rule claims is a person (or people) described by role (``_person_by_role``).
    """
    d = _Description.of(doc, span, head, conj, base)
    for rule in DESCRIPTION_RULES:
        prof = rule(d)
        if prof is not None:
            return prof
    return _person_by_role(d)


@dataclass(frozen=True, slots=True)
class _Description:
    """What the description rules read about one common-noun mention."""

    doc: Doc
    span: Span
    head: Token
    conj: list[Token]
    base: Profile
    out: Profile  # ``base`` with the description, number and gender the head gives
    lemma: str
    low: str
    plural: bool
    appos: Token | None
    has_proper: bool  # a proper-noun (or named-entity) modifier of the head
    poss: Token | None
    n: int | None  # the number the head word stands for ("two", "one")
    has_of: bool  # "half of", "4 in 10 of": a share of something

    @classmethod
    def of(cls, doc: Doc, span: Span, head: Token, conj: list[Token], base: Profile) -> _Description:
        lemma = _lemma(head)
        low = head.lower_
        plural = head.tag_ in ("NNS", "NNPS") or low in PLURAL_ONLY_NOUNS or (
            "Plur" in head.morph.get("Number", [])) or (
            low.endswith("s") and lemma != low and lemma + "s" == low)
        appos = _appositive(head)
        description = _text(doc, span.start, span.end)
        proper_mods = [t for t in head.lefts if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "PERSON")]
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        gender = GENDERED_NOUNS.get(lemma)
        out = replace(base, description=description, plural=plural, gender=gender)
        has_of = any(c.dep_ == "prep" and c.lower_ == OF for c in head.children) or any(
            t.lower_ == OF and t.i > span.start and (number_value(doc[t.i - 1]) or doc[t.i - 1].lower_ in
                                                     PROPORTION_WORDS) for t in span if t.i < head.i)
        return cls(doc, span, head, conj, base, out, lemma, low, plural, appos, bool(proper_mods), poss,
                   number_value(head), has_of)


def _of_object(head: Token) -> Token | None:
    """The object of the head's "of" ("two of [them]", "half of [voters]")."""
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == OF), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _named_by_appositive(d: _Description) -> Profile | None:
    """R1: an appositive that names the referent makes it named ("a local newspaper, the Top End Herald")."""
    appos, head, doc = d.appos, d.head, d.doc
    if appos is None or not (appos.pos_ == "PROPN" or appos.ent_type_ in ("PERSON", "ORG")):
        return None
    prof = profile_mention(doc, doc[appos.left_edge.i:appos.right_edge.i + 1], appos)
    if prof.kind != "name":
        return None
    title_role = _title_role([t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")] + [head])
    return replace(prof, head=head.i, description=_text(doc, d.span.start, appos.left_edge.i),
                   role=prof.role or title_role,
                   affiliation=prof.affiliation or _affiliation(head, head))


def _subset_of_referent(d: _Description) -> Profile | None:
    """R4: "One of them", "two of the people": numbered people are anonymous; "Many of the
    protesters" is collective unless they are informants."""
    if d.n is None and d.low not in SUBSET_QUANTIFIERS:
        return None
    pobj = _of_object(d.head)
    subset = pobj is not None and (pobj.pos_ == "PRON" or any(
        c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE_ARTICLES for c in pobj.children))
    if pobj is None or not subset:
        return None
    inner = _lemma(pobj)
    informant = inner in INFORMANT_NOUNS or pobj.lower_ in SUBSET_PRONOUNS
    if d.n is None:  # "Many of the protesters"
        ident = "anonymous" if informant and inner not in GROUP_NOUNS else "collective"
        return replace(d.out, kind="description", entity_kind="group" if ident == "collective" else "person",
                       identity=ident, count=None, role=PERSON_ROLES.get(inner), subset_of=pobj.i)
    inner_role = None if inner in ROLELESS_MEMBERS else PERSON_ROLES.get(inner)
    return replace(d.out, kind="description", entity_kind="person", identity="anonymous", count=d.n,
                   role=inner_role, subset_of=pobj.i)


def _proportion(d: _Description) -> Profile | None:
    """R4: proportions of a public are collective ("About 4 in 10 voters", "most of the party")."""
    doc, span = d.doc, d.span
    share = any(t.lower_ in SHARE_PREPOSITIONS and t.i < span.end - 1 and (
        number_value(doc[t.i - 1]) or doc[t.i - 1].lower_ in PROPORTION_WORDS)
        for t in span if t.i > span.start)
    if not share and not is_proportion_start(span):
        return None
    return replace(d.out, kind="description", entity_kind="group", identity="collective", count=None,
                   role=PERSON_ROLES.get(d.lemma) or "citizen", plural=True)


def _group_of_category(d: _Description) -> Profile | None:
    """R4: "a group of black parents" is a category, collective."""
    if d.lemma != GROUP or not d.has_of:
        return None
    pobj = next((c for p_ in d.head.children if p_.dep_ == "prep"
                 for c in p_.children if c.dep_ == "pobj"), None)
    role = PERSON_ROLES.get(_lemma(pobj)) if pobj is not None else None
    return replace(d.out, kind="description", entity_kind="group", identity="collective", count=None,
                   role=role or "citizen", plural=True)


def _share_of_public(d: _Description) -> Profile | None:
    """R4: a share word or a number of something is collective ("63 percent", "half of Democrats")."""
    if not (d.lemma in PROPORTION_WORDS or (d.n is not None and (d.has_of or any(
            c.lower_ in PERCENT_WORDS for c in d.head.children)))):
        return None
    pobj = _of_object(d.head)
    role = PERSON_ROLES.get(_lemma(pobj)) if pobj is not None else None
    if pobj is not None and pobj.pos_ == "PROPN" and role is None:
        role = "politician" if pobj.lower_.startswith(PARTY_MEMBERS) else None
    return replace(d.out, kind="description", entity_kind="group", identity="collective", count=None,
                   role=role or "citizen", plural=True)


def _outlet(d: _Description) -> Profile | None:
    """R3, R7: an outlet and its reporting are media/journalist ("the newspaper", "the network")."""
    doc, span, head, lemma = d.doc, d.span, d.head, d.lemma
    is_media_noun = lemma in MEDIA_NOUNS or (
        len(span) >= 2 and f"{_lemma(doc[head.i-1])} {lemma}" in MEDIA_NOUNS)
    if not is_media_noun or (lemma in GENERIC_MEDIA_NOUNS and not definite_or_proper(span, head)):
        return None
    ident = "named" if (d.base.definite or d.has_proper) else "anonymous"
    return replace(d.out, kind="description", entity_kind="media", identity=ident, count=None,
                   role="journalist")


def _document(d: _Description) -> Profile | None:
    """R3: a document takes its issuer's role; named when the issuer is known, collective when generic.

    An outlet's own document is media/journalist, but a poll stays a poll whoever runs it.
    """
    lemma, head = d.lemma, d.head
    if lemma not in DOCUMENT_NOUNS or lemma in PERSON_ROLES:
        return None
    issuer = _issuer(head)
    issuer_is_media = issuer is not None and is_media_name(
        " ".join(t.text for t in d.doc[issuer[0]:issuer[1]]))
    if issuer_is_media and lemma not in POLL_NOUNS:  # an outlet's poll stays a poll (R3)
        return replace(d.out, kind="description", entity_kind="media", identity="named", count=None,
                       role="journalist", affiliation=issuer)
    specific = any(c.dep_ in ("acl", "relcl") for c in head.children)
    generic = (d.plural or lemma == DATA) and issuer is None and not d.has_proper and not specific \
        and lemma != TAX_RETURN
    doc_role = DOCUMENT_NOUNS[lemma]
    if generic and issuer is None and not d.has_proper and not d.base.definite:
        ident = "collective"
        doc_role = "expert" if doc_role == "expert" else "other"
    elif issuer is not None or d.has_proper or d.base.definite or d.poss is not None:
        ident = "named"
    elif any(c.dep_ == "acl" and c.lemma_ in LEAK_VERBS for c in head.children):
        ident = "anonymous"
    else:
        ident = "named"
    return replace(d.out, kind="description", entity_kind="document", identity=ident, count=None,
                   role=doc_role, affiliation=issuer)


def _organisation(d: _Description) -> Profile | None:
    """R4, R6, R7: an organisation noun; named with a proper modifier, a group when plural.

    An unnamed particular organisation is anonymous (R4); "the police" is named.
    """
    doc, span, head, lemma, plural = d.doc, d.span, d.head, d.lemma, d.plural
    org_lemma = lemma if lemma in ORG_ROLES else None
    if org_lemma is None and len(span) >= 2:
        bigram = f"{_lemma(doc[head.i-1])} {lemma}"
        org_lemma = bigram if bigram in ORG_ROLES else None
    if org_lemma is None or not (lemma not in PERSON_ROLES or lemma in ORG_OR_PERSON_NOUNS and not plural):
        return None
    role = ORG_ROLES[org_lemma]
    if plural and lemma != POLICE:
        return replace(d.out, kind="description", entity_kind="group", identity="collective", count=None,
                       role=role)
    if d.has_proper or d.poss is not None and d.poss.pos_ == "PROPN":
        name = _text(doc, head.left_edge.i, head.i + 1)
        return replace(d.out, kind="name", entity_kind="organization", identity="named", count=None,
                       role=role, name=name, name_tokens=tuple(name.lower().split()), plural=False)
    ident = "named" if d.base.definite or lemma == POLICE else "anonymous"
    out = replace(d.out, definite=True) if lemma == POLICE else d.out
    return replace(out, kind="description", entity_kind="organization", identity=ident, count=None,
                   role=role, plural=False)


def _public(d: _Description) -> Profile | None:
    """R4: a public or category in the singular is collective ("the Republican electorate", "the public")."""
    if d.lemma not in COLLECTIVE_SINGULARS:
        return None
    return replace(d.out, kind="description", entity_kind="group", identity="collective", count=None,
                   role=_title_role([t for t in d.head.lefts]) if d.lemma != PUBLIC else "citizen",
                   plural=True)


def _non_agent(d: _Description) -> Profile | None:
    """R7: events, programmes and things are document/other."""
    if is_animate(d.head) or d.n is not None or d.appos is not None:
        return None
    return replace(d.out, kind="description", entity_kind="document",
                   identity="collective" if d.plural else ("named" if d.base.definite else "anonymous"),
                   count=None, role="other")


def _person_by_role(d: _Description) -> Profile:
    """R4, R8: people described by role; anonymous when particular (numbered, informants, someone's),
    collective when a category. The role is the title's, in the capacity the span gives (R8)."""
    head, lemma, plural, appos = d.head, d.lemma, d.plural, d.appos
    role, mods_role, title = _described_role(d)
    affiliation = _affiliation(head, title if title is not head else None)
    role = _capacity(role, d.span)
    count = _described_count(head, d.conj)
    informant = lemma in INFORMANT_NOUNS
    marked = any(_lemma(c) in INFORMANT_MARKERS or c.dep_ in ("acl", "relcl") for c in head.rights) or (
        appos is not None)
    if lemma in PEOPLE_NOUNS:
        informant = marked or count is not None
        if informant and mods_role is None and PERSON_ROLES.get(lemma) == "citizen":
            role = _members_role(head)
    specific = d.poss is not None or affiliation is not None
    if count is not None or (not plural):
        ident = "collective" if lemma in GROUP_NOUNS and plural and count is None else "anonymous"
        ekind: EntityKind = "person"
        if not plural and count is None:
            count = 1
    elif (informant and (lemma not in GROUP_NOUNS or lemma in INFORMANT_CATEGORY_NOUNS)) \
            or (specific and lemma not in GROUP_NOUNS) \
            or (specific and d.poss is not None and lemma in MEMBER_NOUNS):
        ident, ekind = "anonymous", "person"
    else:
        ident, ekind = "collective", "group"
    if role is None:
        role = "citizen" if ekind == "group" else "other"
    return replace(d.out, kind="description", entity_kind=ekind, identity=ident, count=count, role=role,
                   affiliation=affiliation)


def _described_role(d: _Description) -> tuple[str | None, str | None, Token]:
    """The role a description's title words give: (role, the modifiers' role, the title token).

    Modifiers win over the head ("press secretary"); "campaign officials" take the
    organisation's role (R8: staff of a party or campaign).
    """
    head, lemma = d.head, d.lemma
    role = PERSON_ROLES.get(lemma)
    title = head
    if role is None and d.appos is not None:
        role = PERSON_ROLES.get(_lemma(d.appos))
        title = d.appos
    mods = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")]
    mods_role = _title_role(mods)
    if mods and f"{_lemma(mods[-1])} {lemma}" in PERSON_ROLES:  # "attorney general", "press secretary"
        mods_role = PERSON_ROLES[f"{_lemma(mods[-1])} {lemma}"]
    role = mods_role or role
    if lemma in INSIDER_NOUNS and mods_role is None:  # "campaign officials", "party sources"
        org_mods = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")
                    and _lemma(t) not in PERSON_ROLES]
        if org_mods:
            role = _organisation_role(d.doc, (org_mods[0].left_edge.i, org_mods[-1].i + 1)) or role
    return role, mods_role, title


def _described_count(head: Token, conj: list[Token]) -> int | None:
    """R4, R5: the number of people ("two officials"); conjuncts add up ("Six women and six men")."""
    count = count_of(head)
    if len(conj) > 1:
        total = 0
        for c in conj:
            v = count_of(c)
            if v is None:
                v = 1 if c.tag_ in ("NN", "NNP") else None
            if v is None:
                total = -1
                break
            total += v
        count = total if total > 0 else count
    return count


def _members_role(head: Token) -> str:
    """R8: "three people — two officials ... and a diplomat" take their members' role, else other."""
    members = [c for c in head.children if c.dep_ == "appos"]
    members += [c for m in members for c in m.subtree if c.dep_ == "conj"]
    member_roles = [r for r in (_title_role(list(m.lefts) + [m]) for m in members) if r]
    return member_roles[0] if member_roles else "other"


DescriptionRule = Callable[[_Description], Profile | None]

# How a common-noun mention is typed: the first rule that returns a profile decides.
DESCRIPTION_RULES: tuple[DescriptionRule, ...] = (
    _named_by_appositive,
    _subset_of_referent,
    _proportion,
    _group_of_category,
    _share_of_public,
    _outlet,
    _document,
    _organisation,
    _public,
    _non_agent,
)


def definite_or_proper(span: Span, head: Token) -> bool:
    """True for "the network", "CNN's show": a particular outlet rather than a generic one."""
    return span[0].lower_ in DEFINITE_DETERMINERS or any(t.pos_ == "PROPN" for t in span)


def _issuer(head: Token) -> tuple[int, int] | None:
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
