"""Turn attributions' source spans into ``sources[]``: one Source per distinct source.

``build_sources`` clusters the source mentions (``coref.py``), describes each cluster from
the profiles of its mentions (``source_typing.py``) and links every attribution to its
source by ``source_id``. The ``onrecord_sources`` component at the bottom runs it on a Doc
whose attributions are already set.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.nlp.coref import Clusters, Entity, cluster_mentions
from onrecord.nlp.extensions import (
    attributions_of,
    doc_id_of,
    register_extensions,
    set_attributions,
    set_sources,
    text_of,
)
from onrecord.nlp.lexicon.names import KNOWN_POLITICIANS
from onrecord.nlp.lexicon.pronouns import THE_PREFIX
from onrecord.nlp.lexicon.punctuation import CURLY_POSSESSIVE, STRAIGHT_POSSESSIVE
from onrecord.nlp.lexicon.source_nouns import EXPERT_DOCUMENT_NOUNS
from onrecord.nlp.source_profile import Profile
from onrecord.nlp.source_roles import is_media_name
from onrecord.nlp.source_typing import profile_mention
from onrecord.records import Attribution, Identity, Role, Source, SourceType, stable_id

# A punctuation mark cut off a name by a space ("Data Project ."): the sentence's, not the name's.
DETACHED_END = re.compile(r"\s+[.,;:]+$")
_PRONOUN_KINDS = frozenset({"pronoun", "relative", "first_person", "we"})
# Roles that outrank a person's "other" title ("businessman Donald Trump" is also a candidate).
_OFFICES = frozenset({"politician", "official", "spokesperson", "expert", "journalist"})


def build_sources(doc: Doc, attributions: list[Attribution]) -> tuple[list[Source], list[Attribution]]:
    """Cluster and type the sources of ``attributions``.

    Returns:
        The sources, in order of first mention, and copies of the attributions with
        ``source_id`` set (None when an attribution has no source).
    """
    clusters = cluster_mentions(doc, attributions)
    doc_id = doc_id_of(doc)
    sources: list[Source] = []
    ids: dict[int, str] = {}
    used: set[str] = set()
    speakers = [e for e in clusters.entities if e.attribution_ids]
    asks = {a.id: a.content.text.rstrip(" \"”’'").endswith("?") for a in attributions}
    for ent in speakers:
        mentions = sorted({frag for m in ent.mentions for frag in m.spans})
        sid = stable_id(doc_id, mentions[0][0], mentions[0][1])
        k = 0
        while sid in used:  # two entities can share a first mention ("X and Y" in two sources)
            k += 1
            sid = stable_id(doc_id, *(x for m in mentions for x in m), k)
        used.add(sid)
        ids[id(ent)] = sid
        source = _describe(doc, ent, clusters, sid, tuple(mentions))
        if _interviewer(doc, ent, source, asks):
            source = dataclasses.replace(source, role="journalist")
        sources.append(source)
    sources.sort(key=lambda s: s.mentions[0])
    linked = []
    for a in attributions:
        owner = clusters.by_attribution.get(a.id)
        linked_id = ids.get(id(owner)) if owner is not None and a.source is not None else None
        linked.append(dataclasses.replace(a, source_id=linked_id))
    return sources, linked


def _describe(
    doc: Doc, ent: Entity, clusters: Clusters, sid: str, mentions: tuple[tuple[int, int], ...]
) -> Source:
    """Merge the profiles of an entity's mentions into one Source (rules R1-R10)."""
    profiles = [m.profile for m in ent.mentions]
    source_first = [m.profile for m in ent.mentions if m.is_source] + profiles
    defining = [p for p in source_first if p.kind not in _PRONOUN_KINDS]
    named = [p for p in defining if p.kind == "name" and p.identity == "named"]
    main: Profile | None = named[0] if named else (defining[0] if defining else None)
    kinds: set[str] = {p.kind for p in profiles}

    identity: str
    etype: str
    count: int | None
    name: str | None = None
    if main is None:
        identity, etype, count = _pronoun_only(ent, kinds)
    elif named:
        identity = "named"
        best = max(named, key=lambda p: (p.conjuncts, len(p.name_tokens)))
        etype = _name_type(ent, best)
        name = ent.display_name() if best.conjuncts == 1 else best.name
        count = (best.count or 1) if etype == "person" else None
    else:
        identity = main.identity or "anonymous"
        etype = main.entity_kind or "person"
        count = main.count if etype == "person" else None
    if etype == "group":
        count = None
    role = _role(doc, ent, defining, etype, clusters)
    description = next((p.description for p in defining if p.description and p.kind != "name"), None) \
        or next((p.description for p in defining if p.description), None)
    affiliation = _one_paragraph(_affiliation_text(doc, defining, clusters, ent))
    if identity == "named" and not name:
        name = _name_without_a_name(doc, ent, description)
    return Source(
        id=sid,
        name=_one_paragraph(name) if identity == "named" else None,
        description=_one_paragraph(description),
        identity=cast(Identity, identity),
        count=count,
        type=cast(SourceType, etype),
        role=cast(Role, role),
        affiliation=affiliation,
        mentions=mentions,
        attribution_ids=tuple(dict.fromkeys(ent.attribution_ids)),
        candidates=tuple(ent.candidates) if not named else (),
    )


def _one_paragraph(label: str | None) -> str | None:
    """A name, description or affiliation never runs past a line break nor keeps edge whitespace."""
    if label is None:
        return None
    kept = DETACHED_END.sub("", label.split("\n", 1)[0].strip())
    return kept or None


def _name_without_a_name(doc: Doc, ent: Entity, description: str | None) -> str:
    """The name of a named source that no mention spells out (the contract: named has a name).

    "the government", "the report": its description; "he" with no antecedent in view: the most
    likely referent, else the words of its first mention.
    """
    if description:
        return description
    if ent.candidates:
        return ent.candidates[0][0]
    s, e = ent.mentions[0].spans[0]
    return text_of(doc)[s:e].strip()  # doc.text would join every token again


def _interviewer(doc: Doc, ent: Entity, source: Source, asks: dict[str, bool]) -> bool:
    """A transcript speaker ("TAPPER: ...") whose turns are mostly questions is the interviewer."""
    if source.type != "person" or source.role in ("politician", "official"):
        return False
    turns = [asks.get(aid, False) for aid in dict.fromkeys(ent.attribution_ids)]
    labelled = any(m.token_end < len(doc) and doc[m.token_end].text == ":" for m in ent.mentions)
    return labelled and len(turns) >= 2 and sum(turns) * 2 >= len(turns)


def _name_type(ent: Entity, best: Profile) -> str:
    """Person or not for a named source: a he/she that resolved to it settles it, then a vote."""
    if best.conjuncts > 1:
        return best.entity_kind or "person"
    if any(m.profile.kind == "pronoun" and m.profile.gender in ("m", "f") for m in ent.mentions):
        return "person"
    votes: dict[str, int] = {}
    for m in ent.mentions:  # full names and gendered names outweigh a bare surname the NER tagged ORG
        p = m.profile
        if p.kind == "name" and p.entity_kind:
            weight = len(p.name_tokens) + (2 if p.gender in ("m", "f") else 0)
            votes[p.entity_kind] = votes.get(p.entity_kind, 0) + weight
    if best.entity_kind in ("media", "group"):
        return best.entity_kind
    return max(votes, key=lambda k: (votes[k], k == best.entity_kind)) if votes else "person"


def _pronoun_only(ent: Entity, kinds: set[str]) -> tuple[str, str, int | None]:
    """Labels for a source seen only as pronouns: assume the usual referent of each form."""
    p = ent.mentions[0].profile
    if "first_person" in kinds:
        return "named", "person", 1  # the author of an op-ed, named in the byline (R8)
    if "we" in kinds:
        return "collective", "group", None
    if p.gender in ("m", "f"):
        return "named", "person", 1
    if p.gender == "n":
        return "named", "organization", None
    return "collective", "group", None


def _role(doc: Doc, ent: Entity, defining: list[Profile], etype: str, clusters: Clusters) -> str:
    """Role from titles and descriptions, then issuers and known office holders, then defaults."""
    if "first_person" in {m.profile.kind for m in ent.mentions} and not defining:
        return "journalist"
    if etype == "media":
        return "journalist"
    weak: str | None = None  # "other" from a title ("businessman") yields to any office found later
    for p in defining:
        if etype == "document" and doc[p.head].lemma_.lower() in EXPERT_DOCUMENT_NOUNS:
            return "expert"  # polls and studies, whoever runs them (R3)
        if etype == "document" and p.affiliation is not None:
            issuer = clusters.by_token.get(p.affiliation[1] - 1)
            if issuer is not None and issuer is not ent:
                roles = [x.profile.role for x in issuer.mentions
                         if x.profile.role and x.profile.kind not in _PRONOUN_KINDS]
                if roles:
                    return str(roles[0]) if issuer.kind != "media" else "journalist"
            span = doc[p.affiliation[0]:p.affiliation[1]]
            prof = profile_mention(doc, span)
            if prof.role:
                return prof.role
        if p.role and (weak is None or p.role in _OFFICES):
            if p.role in _OFFICES or etype != "person":
                return p.role
            weak = weak or p.role  # a person's "other"/"citizen" yields to an office found later
    for p in defining:  # "Breitbart's Joel Pollak", "a reporter for the Ledger": works for an outlet
        if p.affiliation is not None and etype == "person":
            other = clusters.by_token.get(p.affiliation[1] - 1)
            if other is not None and other.kind == "media":
                return "journalist"
            if _is_outlet(doc[p.affiliation[0]:p.affiliation[1]].text):
                return "journalist"
    if ent.subset_of is not None:
        for q in ent.subset_of.mentions:
            if q.profile.role and q.profile.kind not in _PRONOUN_KINDS:
                return q.profile.role
    if etype == "person" and ent.name_tokens and ent.name_tokens[-1] in KNOWN_POLITICIANS:
        return "politician"
    if weak:
        return weak
    return "citizen" if etype == "group" else "other"


def _is_outlet(text: str) -> bool:
    return is_media_name(text.removesuffix(STRAIGHT_POSSESSIVE).removesuffix(CURLY_POSSESSIVE))


def _affiliation_text(doc: Doc, defining: list[Profile], clusters: Clusters, ent: Entity) -> str | None:
    """The organisation a source speaks for, by its canonical name when it is an entity."""
    for p in defining:
        if p.affiliation is None or p.entity_kind == "document":
            continue
        s, e = p.affiliation
        other = clusters.by_token.get(e - 1)
        if other is not None and other is not ent and other.display_name():
            return other.display_name()
        text = doc[s:e].text
        return text[len(THE_PREFIX):] if text.lower().startswith(THE_PREFIX) else text
    return None


@Language.factory(
    "onrecord_sources",
    default_config={},
    assigns=["doc._.onrecord_sources", "doc._.onrecord_attributions"],
    requires=["doc._.onrecord_attributions", "token.dep", "token.pos", "doc.ents"],
)
def make_sources(nlp: Language, name: str) -> SourcesComponent:
    """Build the ``onrecord_sources`` component."""
    register_extensions()
    return SourcesComponent(name)


class SourcesComponent:
    """spaCy component: reads ``attributions_of(doc)``, writes sources and linked attributions."""

    def __init__(self, name: str = "onrecord_sources") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        sources, linked = build_sources(doc, attributions_of(doc))
        self.set_annotations(doc, sources, linked)
        return doc

    def set_annotations(self, doc: Doc, sources: list[Source], linked: list[Attribution]) -> None:
        """Store the results on the Doc through the typed accessors."""
        set_sources(doc, sources)
        set_attributions(doc, linked)

    def to_disk(self, path: Any, exclude: Any = ()) -> None:  # no state: nothing to save
        return None

    def from_disk(self, path: Any, exclude: Any = ()) -> SourcesComponent:
        return self
