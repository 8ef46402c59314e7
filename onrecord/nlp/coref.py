"""Cluster source mentions into entities: names, pronouns, descriptions, relative pronouns.

A light, rule-based coreference made for attribution sources, not a general resolver. It
walks the article once in text order over a small set of markables (the attributions'
source spans, named entities, personal pronouns and definite role descriptions) and keeps
discourse entities. Names match by surname or full name; pronouns and descriptions go to
the best recent compatible entity (recency, gender and number agreement, type, whether the
entity has spoken). Each lookup scans only entities seen in the last few sentences, so the
cost stays linear in the article length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

from onrecord.nlp.extensions import text_of
from onrecord.nlp.lexicon.names import ACRONYM_SKIPPED_WORDS, KNOWN_POLITICIANS
from onrecord.nlp.lexicon.pronouns import (
    ARTICLES,
    DEFINITE_DETERMINERS,
    FIRST_PERSON,
    FIRST_PERSON_PLURAL,
    INDEFINITE_ARTICLES,
    POSSESSIVE_MARKABLES,
    PRONOUN_FEATURES,
    THE_PREFIX,
)
from onrecord.nlp.lexicon.source_nouns import (
    CORPORATE_SUFFIXES,
    DOCUMENT_NOUNS,
    GENERIC_ORG_NOUNS,
    MEDIA_NOUNS,
    MEMBER_ORDINALS,
    ORG_NAME_HEADS,
    ORG_ROLES,
    POLICE,
)
from onrecord.nlp.lexicon.titles import PERSON_ROLES, UNIQUE_TITLES
from onrecord.nlp.source_profile import Profile
from onrecord.nlp.source_typing import find_head, mention_span, profile_mention
from onrecord.records import Attribution

_PRONOUN_WINDOW = 3  # sentences back a pronoun looks for its antecedent
_DESCRIPTION_WINDOW = 12  # definite descriptions ("the minister") reach further back
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Mention:
    """One markable: character fragments, its head token and what its words say."""

    spans: tuple[tuple[int, int], ...]
    token_start: int
    token_end: int
    sent: int
    profile: Profile
    is_source: bool
    is_subject: bool
    in_headline: bool = False  # in a first line that is one sentence (a title): names there run on


@dataclass(slots=True, eq=False)
class Entity:
    """A discourse entity: every mention found for it, and features for agreement.

    Entities compare by identity (``eq=False``): the resolver's lists test membership with
    ``in`` and ``remove``, and a field-by-field comparison walked every mention and profile
    (10% of the sources stage). No two entities share a mention, so no result changes.
    """

    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None
    gender: str | None = None
    plural: bool = False
    name_tokens: tuple[str, ...] = ()
    lemmas: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    attribution_ids: list[str] = field(default_factory=list)
    last_sent: int = -1
    last_token: int = -1
    last_subject: bool = False
    subset_of: Entity | None = None
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def is_speaker(self) -> bool:
        return bool(self.attribution_ids)

    @property
    def is_named(self) -> bool:
        return any(m.profile.kind == "name" and m.profile.identity == "named" for m in self.mentions)

    def display_name(self) -> str | None:
        """The longest name among the entity's name mentions."""
        names = [(not m.in_headline, m.profile.name) for m in self.mentions
                 if m.profile.kind == "name" and m.profile.name]
        if not names:
            return None
        # past the headline, a repeated form (or a full name ending in a repeated surname: "Anna-Lena
        # Berg" ... "Berg" ... "Berg"), then the longest ("Donald Trump Tweets" loses)
        freq = {n: sum(1 for _, x in names if x == n) for _, n in names}
        repeated_last = {n.split()[-1] for n, k in freq.items() if k > 1}
        return max(names, key=lambda b: (b[0], freq[b[1]] > 1 or b[1].split()[-1] in repeated_last,
                                         len(b[1].split()) <= 4, len(b[1].split()), len(b[1])))[1]


@dataclass(slots=True)
class Clusters:
    """Result of clustering: entities in creation order and the entity of each attribution."""

    entities: list[Entity]
    by_attribution: dict[str, Entity]
    by_token: dict[int, Entity]


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = k
    return index


def _core_tokens(span: Span, head: Token) -> set[int]:
    """Tokens of a mention that belong to its own referent (not nested "for the company")."""
    skip: set[int] = set()
    for tok in span:
        if tok.dep_ in ("prep", "relcl", "acl", "poss") and tok.head.i != tok.i and tok.i != head.i:
            skip.update(t.i for t in tok.subtree)
    return {t.i for t in span if t.i not in skip}


class _Resolver:
    """Walks markables in text order and builds entities."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sent = _sentence_index(doc)
        self.entities: list[Entity] = []
        self.by_token: dict[int, Entity] = {}
        self.by_name: dict[str, list[Entity]] = {}
        self.recent: list[Entity] = []  # entities ordered by last mention

    # --- bookkeeping -------------------------------------------------------------------
    def new_entity(self) -> Entity:
        ent = Entity()
        self.entities.append(ent)
        return ent

    def add(self, ent: Entity, m: Mention, attribution_ids: list[str] = ()) -> None:  # type: ignore[assignment]
        p = m.profile
        s0, e0 = m.spans[0][0], m.spans[-1][1]
        if attribution_ids or not any(x.spans[0][0] <= s0 and e0 <= x.spans[-1][1] for x in ent.mentions):
            ent.mentions.append(m)
        if p.kind not in ("pronoun", "relative", "first_person", "we") or ent.kind is None:
            if p.entity_kind is not None and (ent.kind is None or p.kind == "name" and not ent.is_named):
                ent.kind = p.entity_kind
            if p.kind in ("name", "description", "generic"):
                ent.plural = ent.plural or p.plural
        if p.gender in ("m", "f") and ent.gender is None and ent.kind in (None, "person"):
            ent.gender = p.gender
        if p.kind == "name" and len(p.name_tokens) > len(ent.name_tokens):
            if p.entity_kind == "person":  # "De Blasio" (tagged ORG) ... "Mayor Bill de Blasio"
                ent.kind = "person"
            ent.name_tokens = p.name_tokens
        ent.lemmas.update(p.lemmas)
        if p.role:
            ent.roles.add(p.role)
        ent.attribution_ids.extend(attribution_ids)
        ent.last_sent = max(ent.last_sent, m.sent)
        ent.last_token = max(ent.last_token, m.token_start)
        ent.last_subject = m.is_subject
        for i in range(m.token_start, m.token_end):
            self.by_token.setdefault(i, ent)
        self.by_token[p.head] = ent
        if p.kind == "description" and p.plural and p.count is None:
            key = "#" + self.doc[p.head].lemma_.lower() + ":" + str(p.identity)
            bucket = self.by_name.setdefault(key, [])
            if ent not in bucket:
                bucket.append(ent)
        if p.kind == "name" and p.name_tokens and p.conjuncts == 1:
            if p.name_tokens[-1] in KNOWN_POLITICIANS and p.entity_kind in ("person", None):
                ent.roles.add("politician")
            for key in self._name_keys(p):
                bucket = self.by_name.setdefault(key, [])
                if ent not in bucket:
                    bucket.append(ent)
        if ent in self.recent:
            self.recent.remove(ent)
        self.recent.append(ent)

    @staticmethod
    def _name_keys(p: Profile) -> list[str]:
        toks = p.name_tokens
        bare = [t for t in toks if t not in CORPORATE_SUFFIXES] or list(toks)
        keys = ["=" + " ".join(toks).removeprefix(THE_PREFIX), "=" + " ".join(bare).removeprefix(THE_PREFIX)]
        if p.entity_kind in ("person", None) and toks:
            keys.extend("~" + t for t in toks[1:] or toks)  # "Desmond Tan Wei Ming" ... "Tan"
            if len(toks) >= 2:
                keys.append("^" + toks[0])
        caps = [w for w in toks if w not in ACRONYM_SKIPPED_WORDS]
        if p.entity_kind != "person" and len(caps) >= 2:
            keys.append("=" + "".join(w[0] for w in caps))
        return keys

    def _ends_a_name(self, toks: tuple[str, ...], p: Profile) -> Entity | None:
        """A multi-word name that ends a known person's full name is that person, and a
        person's full name ending in a bare name seen before is that entity, whatever the
        NER called it: headlines and surnames with particles ("De Blasio" / "Bill de Blasio")
        are often tagged ORG."""
        if len(toks) < 2 and p.entity_kind != "person":
            return None
        for e in reversed(self.entities):
            n = len(e.name_tokens)
            if n == 0 or n == len(toks) or any(t in CORPORATE_SUFFIXES or t in ORG_NAME_HEADS
                                                 for t in e.name_tokens + toks):
                continue
            if n > len(toks) >= 2 and e.kind == "person" and e.name_tokens[-len(toks):] == toks:
                return e
            if 2 <= n < len(toks) and p.entity_kind == "person" and toks[-n:] == e.name_tokens:
                return e
        return None

    # --- resolution --------------------------------------------------------------------
    def match_name(self, p: Profile) -> Entity | None:
        """Find the entity a proper name refers to: full name, acronym, then surname."""
        toks = p.name_tokens
        if not toks:
            return None
        bare = [t for t in toks if t not in CORPORATE_SUFFIXES] or list(toks)
        full = self.by_name.get("=" + " ".join(toks).removeprefix(THE_PREFIX)) or self.by_name.get(
            "=" + " ".join(bare).removeprefix(THE_PREFIX))
        if full:
            return full[-1]
        ended = self._ends_a_name(toks, p)
        if ended is not None:
            return ended
        if p.entity_kind in ("person", None) or len(toks) == 1:
            cands = [e for e in self.by_name.get("~" + toks[-1], []) if e.kind in ("person", None)]
            if len(toks) == 1 and not cands:
                cands = [e for e in self.by_name.get("^" + toks[0], []) if e.kind == "person"]
            ok = []
            for e in cands:
                if p.gender and e.gender and p.gender != e.gender:
                    continue
                if len(toks) >= 2 and len(e.name_tokens) >= 2 \
                        and toks[0].rstrip(".") != e.name_tokens[0].rstrip(".") \
                        and not (len(toks[0].rstrip(".")) == 1 and e.name_tokens[0].startswith(toks[0][0])):
                    continue
                ok.append(e)
            if ok:
                return max(ok, key=lambda e: (len(e.mentions), -self.entities.index(e)))
        return None

    def score_pronoun(
        self, p: Profile, m: Mention, window: int = _PRONOUN_WINDOW
    ) -> list[tuple[float, Entity]]:
        """Score recent entities as antecedents of a personal pronoun."""
        out = []
        for ent in reversed(self.recent[-40:]):
            dist = m.sent - ent.last_sent
            if ent.last_token >= m.token_start or dist > window:
                continue
            s = 2.0 - 0.7 * dist
            if p.gender in ("m", "f"):
                if ent.kind != "person" or ent.plural:
                    continue
                if ent.gender and ent.gender != p.gender:
                    continue
                if ent.gender is None:
                    s -= 0.3
            elif p.gender == "n":
                if ent.kind not in ("organization", "media", "document") or ent.plural:
                    continue
            else:  # they / them / their
                if ent.kind == "organization":
                    s -= 0.6
                elif not ent.plural and not any(x.profile.conjuncts > 1 for x in ent.mentions):
                    continue
            s += 1.0 if ent.is_speaker else 0.0
            s += 0.5 if ent.last_subject else 0.0
            s += 0.3 if ent.is_named else 0.0
            out.append((s, ent))
        out.sort(key=lambda x: -x[0])
        return out

    def _unnamed_org(self, last: str, m: Mention) -> Entity | None:
        for ent in reversed(self.recent[-20:]):
            if ent.kind == "organization" and not ent.is_named and m.sent - ent.last_sent <= 3 \
                    and last in ent.lemmas:
                return ent
        return None

    def _is_place(self, ent: Entity) -> bool:
        return all(self.doc[m.profile.head].ent_type_ in ("GPE", "LOC") for m in ent.mentions)

    def _member_of(self, ent: Entity, m: Mention) -> bool:
        """ "the second official" after "two officials familiar with the matter": one of them."""
        words = {t.lower_ for t in self.doc[m.token_start:m.token_end]}
        return not m.profile.plural and bool(words & MEMBER_ORDINALS) and numbered_informants(ent)

    def score_description(self, p: Profile, m: Mention) -> list[tuple[float, Entity]]:
        """Score recent entities as antecedents of "the official", "the company", "the poll"."""
        head_lemma = self.doc[p.head].lemma_.lower()
        out = []
        for ent in reversed(self.recent[-60:]):
            dist = m.sent - ent.last_sent
            if ent.last_token >= m.token_start or dist > _DESCRIPTION_WINDOW:
                continue
            if ent.kind != p.entity_kind and not (p.entity_kind == "group" and ent.kind == "person") and not (
                    ent.kind is None and p.entity_kind == "organization"):
                continue
            if ent.plural != p.plural and head_lemma != POLICE and not self._member_of(ent, m):
                continue
            s = 0.0
            if head_lemma in ent.lemmas:
                s += 1.5
            elif (p.entity_kind == "person" and p.role and p.role in ent.roles
                  and p.role not in ("other", "citizen")):
                s += 0.8
            elif p.entity_kind in ("media", "document") and ent.is_named or (
                    p.entity_kind == "organization" and ent.is_named
                    and (head_lemma in GENERIC_ORG_NOUNS or ORG_ROLES.get(head_lemma) == "other")
                    and not self._is_place(ent)):
                s += 0.6
            elif p.entity_kind == "person" and not p.plural and ent.kind == "person" and ent.is_named \
                    and not (p.gender and ent.gender and p.gender != ent.gender):
                s += 0.3  # "the billionaire businessman": a recent named person, if nothing better
            else:
                continue
            s += 0.5 if ent.is_speaker else 0.0
            s -= 0.2 * dist
            out.append((s, ent))
        out.sort(key=lambda x: -x[0])
        return out

    def resolve(self, m: Mention, create: bool) -> Entity | None:
        """The entity of mention ``m``; a new one when ``create`` and nothing fits."""
        p = m.profile
        doc = self.doc
        head = doc[p.head]
        if p.kind == "name" and p.conjuncts > 1:
            return self.new_entity()  # "Trump and Clinton" is its own source
        if p.kind == "name":
            ent = self.match_name(p)
            if ent is None and p.entity_kind == "organization" and p.name_tokens:
                ent = self._unnamed_org(p.name_tokens[-1], m)  # "police" ... "East Jutland Police"
            return ent if ent is not None else self.new_entity()
        if p.kind == "pronoun":
            scored = self.score_pronoun(p, m)
            threshold = 0.3 if p.gender in ("m", "f") else 0.6
            if scored and scored[0][0] >= threshold:
                return scored[0][1]
            if not create:
                return None
            ent = self.new_entity()
            ent.candidates = _candidates(self.score_pronoun(p, m, window=3 * _PRONOUN_WINDOW))
            return ent
        if p.kind == "relative":
            anchor = head.head.head if head.head.dep_ in ("relcl", "acl") else None
            if anchor is not None and anchor.i in self.by_token:
                return self.by_token[anchor.i]
            if not create or anchor is None:
                return self.new_entity() if create else None
            span = doc[anchor.left_edge.i:anchor.i + 1]
            ent = self.new_entity()
            anchor_mention = Mention(((span.start_char, span.end_char),), span.start, span.end,
                                     self.sent[anchor.i], profile_mention(doc, span, anchor), False,
                                     anchor.dep_ in _SUBJECT_DEPS)
            self.add(ent, anchor_mention)
            return ent
        if p.kind == "description" and p.plural and p.subset_of is None and p.count is None:
            prior = self.by_name.get("#" + head.lemma_.lower() + ":" + str(p.identity))
            if prior:  # "analysts" ... "Defence analysts": one public
                return prior[-1]
        anaphoric = doc[m.token_start].lower_ in DEFINITE_DETERMINERS or (
            doc[p.head].lemma_.lower() == POLICE)
        if p.kind == "description" and p.subset_of is None and (anaphoric or not create):
            scored = self.score_description(p, m) if p.subset_of is None else []
            if scored and scored[0][0] >= 0.3:
                return scored[0][1]
            key = " ".join(t.lower_ for t in doc[m.token_start:m.token_end] if t.lower_ not in ARTICLES)
            if key in UNIQUE_TITLES:
                prior = self.by_name.get("=" + key)
                if prior:
                    return prior[-1]
            if not create and p.entity_kind in ("document", "organization", "media"):
                return self.new_entity()  # a discourse entity later pronouns may point to
            return self.new_entity() if create else None
        if not create and p.kind == "description" and p.entity_kind in ("document", "organization", "media"):
            return self.new_entity()
        return self.new_entity() if create else None


def numbered_informants(ent: Entity) -> bool:
    """True for anonymous people the article counts ("two officials familiar with the matter")."""
    return any(m.profile.kind == "description" and m.profile.identity == "anonymous"
               and (m.profile.count or 0) >= 2 and m.profile.subset_of is None for m in ent.mentions)


def _merge(r: _Resolver, into: Entity, gone: Entity, by_attr: dict[str, Entity]) -> None:
    """Fold entity ``gone`` into ``into``: one source with every mention of both."""
    both = into.mentions + gone.mentions
    into.mentions = sorted((m for m in both if not any(  # "them" inside "One of them" goes
        o is not m and o.token_start <= m.token_start and m.token_end <= o.token_end
        and o.token_end - o.token_start > m.token_end - m.token_start for o in both)),
        key=lambda x: x.token_start)
    into.attribution_ids.extend(gone.attribution_ids)
    into.lemmas.update(gone.lemmas)
    for aid, e in by_attr.items():
        if e is gone:
            by_attr[aid] = into
    for i, e in r.by_token.items():
        if e is gone:
            r.by_token[i] = into
    r.entities.remove(gone)
    if gone in r.recent:
        r.recent.remove(gone)


def _candidates(scored: list[tuple[float, Entity]]) -> list[tuple[str, float]]:
    """Ranked named referents with softmax confidences, for an unresolved pronoun source."""
    named = [(s, e.display_name()) for s, e in scored if e.display_name()]
    if not named:
        return []
    z = sum(math.exp(s) for s, _ in named)
    seen: dict[str, float] = {}
    for s, name in named[:3]:
        assert name is not None
        seen.setdefault(name, round(math.exp(s) / z, 3))
    return list(seen.items())


def _make_mention(doc: Doc, sent: list[int], spans: tuple[tuple[int, int], ...], is_source: bool,
                  token_span: Span | None = None) -> Mention | None:
    if token_span is not None:
        span: Span | None = token_span
    elif len(spans) > 1 and any(
            t.is_alpha for t in doc.char_span(spans[0][1], spans[1][0], alignment_mode="contract") or ()):
        # "Cruz [pointed to] the poll that": words between the fragments; the first is the agent
        span = mention_span(doc, spans[0][0], spans[0][1])
    else:
        span = mention_span(doc, spans[0][0], spans[-1][1])
    if span is None:
        return None
    head = find_head(span)
    return Mention(spans, span.start, span.end, sent[head.i], profile_mention(doc, span, head), is_source,
                   head.dep_ in _SUBJECT_DEPS, sent[head.i] == 0 and _titled(doc))


def _titled(doc: Doc) -> bool:
    """True when the text opens with a title: a first line that is a single sentence."""
    first = next(iter(doc.sents), None)
    if first is None or first.end >= len(doc):
        return False
    last = doc[first.end - 1]
    return "\n" in last.whitespace_ or "\n" in doc[first.end].text


def _in_content(start: int, end: int, contents: list[tuple[int, int, str]]) -> str | None:
    for s, e, aid in contents:
        if s <= start and end <= e:
            return aid
    return None


def _speaker_org(doc: Doc, speaker: Entity, r: _Resolver, by_lemma: dict[str, list[Entity]]) -> Entity | None:
    """The organisation a person's "we" stands for, when that organisation is itself a source."""
    for x in speaker.mentions:
        aff = x.profile.affiliation
        if aff is None:
            continue
        org = r.by_token.get(aff[1] - 1)
        if org is not None and org.kind in ("organization", "media") and org.is_speaker:
            return org
        for lem in (doc[i].lemma_.lower() for i in range(aff[0], aff[1])):
            if by_lemma.get(lem):
                return by_lemma[lem][0]
    for x in speaker.mentions:  # "Police spokesman Mansir Hassan": the force named in the title
        head = doc[x.profile.head]
        for t in head.lefts:
            if t.dep_ in ("compound", "nmod") and by_lemma.get(t.lemma_.lower()):
                return by_lemma[t.lemma_.lower()][0]
    if any(x.profile.affiliation for x in speaker.mentions):
        return None
    # no stated affiliation: the organisation source last mentioned just before, in the same line of work
    first = min(x.sent for x in speaker.mentions)
    orgs = [e for lst in by_lemma.values() for e in lst
            if e.kind == "organization" and e.roles & speaker.roles
            and any(abs(x.sent - first) <= 3 for x in e.mentions)]
    return max(orgs, key=lambda e: max(x.token_start for x in e.mentions), default=None)


# Columns compare as string ids (symbol ids for dependency labels, hashes for words), so a
# scan over every token reads numbers and makes a Token only at the few positions that match.
_PERSONAL_IDS = np.array(sorted({get_string_id(w) for w in (
    *PRONOUN_FEATURES, *FIRST_PERSON, *FIRST_PERSON_PLURAL)}), dtype=np.uint64)
_POSS = get_string_id("poss")
# spaCy's English noun_chunks (spacy/lang/en/syntax_iterators.py): its labels, its conj
_NP_DEPS = np.array(sorted({get_string_id(x) for x in (
    "oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")}),
    dtype=np.uint64)
_CONJ = get_string_id("conj")
_NOMINAL_POS = np.array([NOUN, PROPN, PRON], dtype=np.uint64)
_CHUNK_OPENERS = np.array(sorted({get_string_id(w) for w in (*DEFINITE_DETERMINERS, *INDEFINITE_ARTICLES)}),
                          dtype=np.uint64)


def _noun_chunks(doc: Doc, pos: np.ndarray, dep: np.ndarray, head: np.ndarray) -> list[tuple[int, int]]:
    """The token ranges of ``doc.noun_chunks``, found from columns.

    Same rule as spaCy's English iterator, which makes a Token for every position (0.04 s
    of the 84 PolNeAR dev texts); here a Token is made only where a chunk can end: a noun
    or pronoun whose label is a chunk label or ``conj``.
    """
    np_deps = set(_NP_DEPS.tolist())
    deps = dep.tolist()
    heads = head.astype(np.int64).tolist()  # offsets to the head, negative to the left
    maybe = np.isin(pos, _NOMINAL_POS) & (np.isin(dep, _NP_DEPS) | (dep == _CONJ))
    out: list[tuple[int, int]] = []
    prev_end = -1
    for i in np.flatnonzero(maybe).tolist():
        if deps[i] == _CONJ:  # coordinated to a chunk: "the minister and [his aides]"
            h = i + heads[i]
            while deps[h] == _CONJ and h + heads[h] < h:
                h += heads[h]
            if deps[h] not in np_deps:
                continue
        left = doc[i].left_edge.i
        if left <= prev_end:  # no nested chunks
            continue
        prev_end = i
        out.append((left, i + 1))
    return out


def cluster_mentions(doc: Doc, attributions: list[Attribution]) -> Clusters:
    """Group the attributions' sources and their further mentions into entities."""
    r = _Resolver(doc)
    sent = r.sent
    source_ids: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for a in attributions:
        if a.source is not None and a.source.spans:
            source_ids.setdefault(a.source.spans, []).append(a.id)
    contents = sorted((s, e, a.id) for a in attributions for s, e in a.content.spans)

    markables: list[tuple[int, int, Mention, list[str]]] = []
    core: set[int] = set()
    for spans, ids in source_ids.items():
        m = _make_mention(doc, sent, spans, True)
        if m is None:
            continue
        span = doc[m.token_start:m.token_end]
        core |= _core_tokens(span, doc[m.profile.head])
        for tok in span:  # clauses about the source ("which runs the quay") hold no mentions
            if tok.dep_ in ("relcl", "acl") and tok.head.i != tok.i:
                core.update(t.i for t in tok.subtree)
        markables.append((m.token_start, 0, m, ids))

    def add_other(span: Span) -> None:
        root = span.root
        mods = [c for c in root.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i < span.start]
        if mods:  # "Republican nominee [Donald Trump]": keep the title with the name
            span = doc[min(c.left_edge.i for c in mods):span.end]
        if any(i in core for i in range(span.start, span.end)) or len(span) == 0:
            return
        m = _make_mention(doc, sent, ((span.start_char, span.end_char),), False, span)
        if m is not None:
            markables.append((m.token_start, 1, m, []))

    text = text_of(doc)
    for named in doc.ents:
        if named.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        words = text[named.start_char:named.end_char]  # Span.text joins a Token per word
        if not (words.isupper() and len(words) > 5):  # not shouted
            add_other(named)
    taken = core | {i for _, kind, m, _ in markables if kind == 1 for i in range(m.token_start, m.token_end)}
    lowers, deps, pos, heads = doc.to_array([LOWER, DEP, POS, HEAD]).T  # a Token per position costs more
    strings = doc.vocab.strings
    for i in np.flatnonzero(np.isin(lowers, _PERSONAL_IDS)).tolist():  # only a personal word passes
        if i in taken or i in core:
            continue
        low, dep = strings[int(lowers[i])], strings[int(deps[i])]
        personal = (low in PRONOUN_FEATURES and dep != "expl") or low in FIRST_PERSON \
            or low in FIRST_PERSON_PLURAL
        if personal and (doc[i].tag_ in ("PRP", "PRP$") or low in POSSESSIVE_MARKABLES):
            add_other(doc[i:i + 1])
    for i in np.flatnonzero(deps == _POSS).tolist():  # possessors: "[the bank]'s committee"
        if i in taken or i in core:
            continue
        tok = doc[i]
        if tok.pos_ in ("NOUN", "PROPN"):
            add_other(doc[tok.left_edge.i:tok.i + 1])
            taken.update(range(tok.left_edge.i, tok.i + 1))
    opens, proper = np.isin(lowers, _CHUNK_OPENERS).tolist(), (pos == PROPN).tolist()
    for start, end in _noun_chunks(doc, pos, deps, heads):
        if not opens[start] and not any(proper[start:end]):
            continue  # no determiner first and no proper noun (the root is one of its tokens): no test passes
        chunk = doc[start:end]
        root = chunk.root
        if root.i in taken or root.i in core:
            continue
        lem = root.lemma_.lower()
        if root.pos_ == "PROPN" and not root.ent_type_ and root.is_title:  # names the NER missed
            add_other(chunk)
            continue
        if chunk[0].lower_ not in DEFINITE_DETERMINERS and not (
                chunk[0].lower_ in INDEFINITE_ARTICLES and (lem in DOCUMENT_NOUNS or lem in ORG_ROLES)):
            continue
        if root.pos_ == "NOUN" and (lem in PERSON_ROLES or lem in ORG_ROLES or lem in MEDIA_NOUNS
                                    or lem in DOCUMENT_NOUNS):
            add_other(chunk)
    markables.sort(key=lambda x: (x[0], x[1]))

    by_attr: dict[str, Entity] = {}
    deferred: list[tuple[Mention, list[str]]] = []
    subsets: list[tuple[Entity, int]] = []
    for _, _, m, ids in markables:
        if m.profile.kind in ("first_person", "we"):
            deferred.append((m, ids))
            continue
        ent = r.resolve(m, create=m.is_source)
        if ent is None:
            continue
        if m.profile.subset_of is not None:
            subsets.append((ent, m.profile.subset_of))
        r.add(ent, m, ids)
        for aid in ids:
            by_attr[aid] = ent
    by_lemma: dict[str, list[Entity]] = {}
    for e in r.entities:
        if e.kind in ("organization", "media") and e.is_speaker:
            for lem in e.lemmas:
                by_lemma.setdefault(lem, []).append(e)
    for subset, tok_i in subsets:  # "one of them": linked once "them" is resolved
        sup = r.by_token.get(tok_i)
        if sup is None or sup is subset:
            continue
        described = [m.profile for m in subset.mentions if m.profile.kind == "description"]
        if numbered_informants(sup) and subset in r.entities and all(
                p.identity == "anonymous" for p in described):
            _merge(r, sup, subset, by_attr)  # "One of them" is one of the counted informants: one source
        else:
            subset.subset_of = sup
    for m, ids in deferred:
        start, end = m.spans[0][0], m.spans[-1][1]
        speaker = _in_content(start, end, contents)
        target = by_attr.get(speaker) if speaker else None
        if target is not None and m.profile.kind == "we" and target.kind != "organization":
            target = _speaker_org(doc, target, r, by_lemma)
        if target is None and ids:
            target = r.new_entity()
        if target is None:
            continue
        r.add(target, m, ids)
        for aid in ids:
            by_attr[aid] = target
    return Clusters(r.entities, by_attr, r.by_token)
