"""Describe one source mention from its own words: kind, identity, count, type, role, name.

This is the local half of source typing. ``coref.py`` clusters mentions into entities and
``sources.py`` merges the profiles of an entity's mentions into one Source. Rules follow
SOURCE_LABELS.md (R1-R10): the profile describes what the words say; pronouns and definite
descriptions get their final labels from the antecedent they resolve to. Pronouns, handles
and proper names are typed here; common nouns in ``source_descriptions.py``; both read
titles and organisations through ``source_roles.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from onrecord.nlp.extensions import text_of, words_of
from onrecord.nlp.lexicon.names import FEMALE_NAMES, KNOWN_POLITICIANS, MALE_NAMES, NAME_PARTICLES
from onrecord.nlp.lexicon.pronouns import (
    DEFINITE_DETERMINERS,
    FIRST_PERSON,
    FIRST_PERSON_PLURAL,
    PRONOUN_FEATURES,
    RELATIVE_PRONOUNS,
    THE,
)
from onrecord.nlp.lexicon.source_nouns import (
    GENERIC_SOURCES,
    GROUP_NOUNS,
    MEDIA_NAMES,
    OF,
    ONE,
    ORG_NAME_HEADS,
    ORG_ROLES,
    PARTY_MEMBERS,
)
from onrecord.nlp.lexicon.titles import (
    AGE_MARKER,
    EARLIER_OFFICE_MARKERS,
    HONORIFICS,
    ORG_DESCRIBING_TITLES,
    PARTY_TAG_PATTERN,
    PERSON_ROLES,
)
from onrecord.nlp.source_descriptions import describe_common_noun
from onrecord.nlp.source_profile import EntityKind, Profile
from onrecord.nlp.source_roles import (
    affiliation_of,
    appositive,
    capacity,
    generic_title,
    is_media_name,
    mention_text,
    modifiers,
    organisation_role,
    predicate_title,
    strip_honorifics,
    title_organisation,
    title_role,
)
from onrecord.nlp.token_tests import lemma_of as _lemma

_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LOC", "PRODUCT"})


_PARTY_TAG = re.compile(PARTY_TAG_PATTERN)


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
            toks = _hyphenated_start(_name_run(toks, head))
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
    return _hyphenated_start(toks)


def join_tokens(tokens: list[Token]) -> str:
    """Tokens as the text writes them: "Anna-Lena Berg", not "Anna - Lena Berg"."""
    out = ""
    for k, t in enumerate(tokens):
        out += t.text
        if k + 1 < len(tokens):
            out += t.whitespace_ if tokens[k + 1].i == t.i + 1 else " "
    return out


def _title_text(desc_toks: list[Token], chain: list[Token]) -> str:
    """The words before a name that describe it, as written: "group's editor-in-chief"."""
    if not desc_toks:
        return ""
    if chain and desc_toks[0].i < chain[0].i:
        return mention_text(chain[0].doc, desc_toks[0].i, chain[0].i)
    return " ".join(t.text for t in desc_toks)


def _hyphenated_start(toks: list[Token]) -> list[Token]:
    """ "Anna-Lena Berg": take in the first half of a hyphenated first name the NER left out."""
    doc = toks[0].doc
    while (i := toks[0].i) >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_ and doc[i - 2].is_alpha and doc[i - 2].is_title:
        toks = [doc[i - 2], doc[i - 1], *toks]
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


def _name_after_title(span: Span, head: Token) -> Token | None:
    """ "the opposition Civic Alliance": a title noun right before a name that ends the mention.

    The parser sometimes makes the title the head and leaves the name dangling; the name
    (an organisation or a person the NER marks) is the referent, the title describes it.
    """
    doc = span.doc
    end = span.end
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end <= head.i + 1 or doc[head.i + 1].ent_iob_ != "B":
        return None
    last = doc[end - 1]
    ent = _entity_at(last)
    if ent is None or ent.start != head.i + 1 or ent.end != end:
        return None
    if last.ent_type_ not in ("ORG", "PERSON", "NORP"):
        return None
    return last


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


def _speaker_label(span: Span) -> bool:
    """An upper-case name opening a paragraph and followed by a colon: a transcript speaker.

    The colon and the line break are read from ``words_of`` first: most mentions fail there,
    before any of their tokens is made.
    """
    doc = span.doc
    texts = words_of(doc)
    if not (span.end < len(doc) and texts[span.end] == ":"):
        return False
    if not (span.start == 0 or "\n" in texts[span.start - 1]):
        return False
    words = [t for t in span if t.is_alpha]
    return 1 <= len(words) <= 3 and all(t.is_upper and len(t) > 1 for t in words)


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


def _conjuncts(head: Token, span: Span) -> list[Token]:
    """The head and the nouns conjoined with it inside the span ("Trump and Clinton")."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj" and span.start <= child.i < span.end:
                out.append(child)
                stack.append(child)
    return out


def _is_person_title(tok: Token) -> bool:
    """A title only a person holds: "minister", not "authority" or "opposition"."""
    lemma = _lemma(tok)
    return lemma in PERSON_ROLES and lemma not in ORG_ROLES and lemma not in ORG_DESCRIBING_TITLES


def _name_profile(
    head: Token, span: Span, chain: list[Token]
) -> tuple[EntityKind | None, str | None, str | None]:
    """Decide person/organisation/media/group for a proper name; returns (kind, role, gender)."""
    stripped, gender = strip_honorifics(chain)
    words = " ".join(t.text for t in chain)
    ent = head.ent_type_
    first = stripped[0].lower_ if stripped else ""
    last_lemma = _lemma(chain[-1]) if chain else ""
    appos = appositive(head)
    title_toks = modifiers(head, span) + ([appos] if appos is not None else [])
    if head.dep_ == "appos" and _lemma(head.head) in PERSON_ROLES:  # "the minister, Renato Falcão"
        title_toks += [t for t in head.head.lefts if t.dep_ in ("compound", "amod")] + [head.head]
    role_of_title = title_role([t for t in title_toks if t not in stripped]
                               + [t for t in chain if t.lower_ in HONORIFICS])
    person_cue = (gender is not None or first in FEMALE_NAMES or first in MALE_NAMES
                  or any(t.lower_ in HONORIFICS for t in chain)
                  or (appos is not None and _is_person_title(appos))
                  or any(_is_person_title(t) for t in modifiers(head, span) + chain)
                  # "Its spokeswoman, Lindiwe Khumalo"
                  or (head.dep_ == "appos" and _is_person_title(head.head))
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
    if ent != "PERSON" and not person_cue and not role_of_title:
        return None, None, None  # no cue either way: the cluster or the default decides
    role = role_of_title
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
        switched = _person_name_under(span, head) or _name_after_title(span, head)
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
    if "@" in text_of(doc)[span.start_char:span.end_char] and any(
            t.text.startswith("@") and len(t) > 1 for t in span) and not any(
            t.pos_ == "PROPN" and not t.text.startswith("@") for t in span):  # a handle names its owner
        handle = next(t for t in span if t.text.startswith("@"))
        return replace(base, kind="name", entity_kind="person", identity="named", count=1,
                       name=handle.text, name_tokens=(handle.lower_,))
    media_head = is_media_name(head.text)
    chain = _name_chain(head) if head.pos_ == "PROPN" and not media_head else None  # found once, used twice
    if media_head or (chain is not None and is_media_name(" ".join(t.text for t in chain))):
        return replace(base, kind="name", entity_kind="media", identity="named", role="journalist",
                       name=mention_text(doc, span.start, span.end), definite=True,
                       name_tokens=tuple(t.lower_ for t in span if t.lower_ != THE))
    if (head.pos_ == "PROPN" or (head.ent_type_ in ("PERSON", "ORG", "GPE") and head.tag_ != "PRP")
            or (head.is_title and low in KNOWN_POLITICIANS) or _capitalised_noun(head)) \
            and not head.is_lower and not group_word \
            and not (head.ent_type_ == "NORP" and span[0].lower_ in DEFINITE_DETERMINERS
                     and head.tag_ == "NNP"):
        chain = chain if chain is not None else _name_chain(head)
        kind_, role, gender = _name_profile(head, span, chain)
        stripped, _ = strip_honorifics(chain)
        name = join_tokens(chain if kind_ != "person" else stripped)
        appos = appositive(head)
        desc_toks = [t for t in modifiers(head, span) if t not in chain]
        description = _title_text(desc_toks, chain) or (
            mention_text(doc, appos.left_edge.i, appos.right_edge.i + 1) if appos is not None else None)
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
            role = PERSON_ROLES[_lemma(title_head)] if role in (None, "other") else role
            description = description or mention_text(
                doc, span.start, min(head.left_edge.i, span.end)).rstrip(" ,")
        if title is None and role is None and kind_ in ("person", None):
            title = predicate_title(head)
            if title is not None:  # "Amanda Renteria is the campaign's political director"
                role = title_role([*modifiers(title, None), title])
                kind_ = "person"
        if title is not None and kind_ == "organization" and _lemma(title) in ORG_DESCRIBING_TITLES:
            role = PERSON_ROLES[_lemma(title)]  # "the opposition, Civic Alliance": a party
        if title is not None:
            base = replace(base, lemmas=base.lemmas | {_lemma(title)})
        affiliation = affiliation_of(head, title)
        role = capacity(role, span)
        if role == "official" and stripped and stripped[-1].lower_ in KNOWN_POLITICIANS \
                and not any(t.lower_ in EARLIER_OFFICE_MARKERS for t in span):
            role = "politician"  # R8: "former Secretary of State Hillary Clinton" is a politician in 2016
        if kind_ in ("person", None) and generic_title(head, span, title):
            if affiliation is not None:
                role = organisation_role(doc, affiliation) or role
            elif title is None and (organisation := title_organisation(head, span)) is not None:
                # "Campaign chairman Paul Manafort", "Fed Chairwoman Janet Yellen"
                role = organisation_role(doc, organisation) or role
        return replace(
            base, kind="name", entity_kind=kind_, identity=identity, count=count, role=role,
            name="; ".join(names) if identity == "named" else None,
            name_tokens=tuple(t.lower_ for t in stripped if t.text[:1].isalpha()),  # O’Malley, Jr.
            lemmas=base.lemmas | {t.lower_ for t in stripped}, description=description, gender=gender,
            plural=kind_ == "group", affiliation=affiliation, definite=True,
            conjuncts=len(conj))
    return describe_common_noun(doc, span, head, conj, base, profile_mention)
