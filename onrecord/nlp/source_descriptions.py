"""Type a common-noun source mention ("a senior official", "the poll", "many voters").

``describe_common_noun`` tries the rules in ``DESCRIPTION_RULES`` in order, first match
wins, each named after its SOURCE_LABELS.md rule (R1-R8); a mention no rule claims is a
person described by role. ``source_typing.profile_mention`` calls it for every mention that
is neither a pronoun nor a proper name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from onrecord.nlp.lexicon.pronouns import (
    INDEFINITE_ARTICLES,
    SUBSET_PRONOUNS,
)
from onrecord.nlp.lexicon.source_nouns import (
    COLLECTIVE_SINGULARS,
    DATA,
    DOCUMENT_NOUNS,
    GENERIC_MEDIA_NOUNS,
    GROUP,
    GROUP_NOUNS,
    INFORMANT_CATEGORY_NOUNS,
    INFORMANT_MARKERS,
    INFORMANT_NOUNS,
    INSIDER_NOUNS,
    LEAK_VERBS,
    MEDIA_NOUNS,
    MEMBER_NOUNS,
    OF,
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
    SUBSET_QUANTIFIERS,
    TAX_RETURN,
)
from onrecord.nlp.lexicon.titles import (
    GENDERED_NOUNS,
    PERSON_ROLES,
)
from onrecord.nlp.source_profile import EntityKind, Profile
from onrecord.nlp.source_roles import (
    affiliation_of,
    appositive,
    capacity,
    definite_or_proper,
    is_media_name,
    issuer_of,
    mention_text,
    organisation_role,
    title_role,
)
from onrecord.nlp.token_tests import count_of, is_animate, is_proportion_start, number_value
from onrecord.nlp.token_tests import lemma_of as _lemma

# Describes a mention's span with its head token: ``source_typing.profile_mention``, passed in
# so that an appositive's name is profiled the way any name is.
ProfileMention = Callable[[Doc, Span, Token], Profile]


def describe_common_noun(
    doc: Doc, span: Span, head: Token, conj: list[Token], base: Profile, profile: ProfileMention
) -> Profile:
    """Type a common-noun mention: the first rule of ``DESCRIPTION_RULES`` that matches decides.

    ``conj`` are the head and its conjuncts inside the span, ``base`` what the mention's
    first words already say. A mention no rule claims is a person (or people) described by
    role (``_person_by_role``).
    """
    d = _Description.of(doc, span, head, conj, base, profile)
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
    profile: ProfileMention

    @classmethod
    def of(
        cls, doc: Doc, span: Span, head: Token, conj: list[Token], base: Profile, profile: ProfileMention
    ) -> _Description:
        """Read one mention's head once for all the rules."""
        lemma = _lemma(head)
        low = head.lower_
        plural = head.tag_ in ("NNS", "NNPS") or low in PLURAL_ONLY_NOUNS or (
            "Plur" in head.morph.get("Number", [])) or (
            low.endswith("s") and lemma != low and lemma + "s" == low)
        appos = appositive(head)
        description = mention_text(doc, span.start, _before_aside(head, span.end))
        proper_mods = [t for t in head.lefts if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "PERSON")]
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        gender = GENDERED_NOUNS.get(lemma)
        out = replace(base, description=description, plural=plural, gender=gender)
        has_of = any(c.dep_ == "prep" and c.lower_ == OF for c in head.children) or any(
            t.lower_ == OF and t.i > span.start and (number_value(doc[t.i - 1]) or doc[t.i - 1].lower_ in
                                                     PROPORTION_WORDS) for t in span if t.i < head.i)
        return cls(doc, span, head, conj, base, out, lemma, low, plural, appos, bool(proper_mods), poss,
                   number_value(head), has_of, profile)


def _before_aside(head: Token, end: int) -> int:
    """Where a description ends: before a relative clause set off by a comma ("A senior diplomat,
    who asked not to be named,"); the aside says how the source spoke, not who it is."""
    for child in head.rights:
        comma = child.left_edge.i - 1
        if child.dep_ == "relcl" and comma > head.i and child.doc[comma].text == ",":
            return min(end, comma)
    return end


def _of_object(head: Token) -> Token | None:
    """The object of the head's "of" ("two of [them]", "half of [voters]")."""
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == OF), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _named_by_appositive(d: _Description) -> Profile | None:
    """R1: an appositive that names the referent makes it named ("a local newspaper, the Top End Herald")."""
    appos, head, doc = d.appos, d.head, d.doc
    if appos is None or not (appos.pos_ == "PROPN" or appos.ent_type_ in ("PERSON", "ORG")):
        return None
    prof = d.profile(doc, doc[appos.left_edge.i:appos.right_edge.i + 1], appos)
    if prof.kind != "name":
        return None
    head_role = title_role([t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")] + [head])
    return replace(prof, head=head.i, description=mention_text(doc, d.span.start, appos.left_edge.i),
                   role=prof.role or head_role,
                   affiliation=prof.affiliation or affiliation_of(head, head))


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
    issuer = issuer_of(head)
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
        name = mention_text(doc, head.left_edge.i, head.i + 1)
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
                   role=title_role([t for t in d.head.lefts]) if d.lemma != PUBLIC else "citizen",
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
    affiliation = affiliation_of(head, title if title is not head else None)
    role = capacity(role, d.span)
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
    mods_role = title_role(mods)
    if mods and f"{_lemma(mods[-1])} {lemma}" in PERSON_ROLES:  # "attorney general", "press secretary"
        mods_role = PERSON_ROLES[f"{_lemma(mods[-1])} {lemma}"]
    role = mods_role or role
    if lemma in INSIDER_NOUNS and mods_role is None:  # "campaign officials", "party sources"
        org_mods = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")
                    and _lemma(t) not in PERSON_ROLES]
        if org_mods:
            role = organisation_role(d.doc, (org_mods[0].left_edge.i, org_mods[-1].i + 1)) or role
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
    member_roles = [r for r in (title_role(list(m.lefts) + [m]) for m in members) if r]
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
