"""What one source mention says about its referent: the ``Profile`` source typing builds.

``source_typing.profile_mention`` builds one per mention; ``coref.py`` clusters them and
``sources.py`` merges a cluster's profiles into one Source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MentionKind = Literal["name", "pronoun", "relative", "description", "generic", "first_person", "we"]
EntityKind = Literal["person", "organization", "media", "document", "group"]


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
