"""The output schema: one ArticleRecord per article (DESIGN.md, "The record contract").

A change here is an API change. Records are frozen dataclasses so they are cheap,
picklable for worker processes, and hashable. ``to_dict`` gives the JSON contract.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from onrecord.findings import Finding, FindingKind
    from onrecord.stories.features import StoryFeatures

T = TypeVar("T", bound="Finding")

AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "other"]
Mode = Literal["statement", "belief", "intention", "perception", "evidence"]
Identity = Literal["named", "anonymous", "collective"]
SourceType = Literal["person", "organization", "media", "document", "group"]
Role = Literal["official", "politician", "spokesperson", "expert", "journalist", "citizen", "other"]
NonResponseKind = Literal[
    "declined_to_comment", "did_not_respond", "could_not_be_reached", "no_comment", "referred_elsewhere"
]

Offsets = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Text found in the article, with the character offsets it came from."""

    text: str
    spans: Offsets  # half-open offsets into ArticleRecord.text; >1 when interrupted

    @classmethod
    def from_offsets(cls, text: str, offsets: list[tuple[int, int]] | Offsets) -> Span:
        """Build a span from offsets, sorting and merging touching fragments.

        ``text`` is the article text; the span text joins fragments with one space.
        """
        merged: list[list[int]] = []
        for s, e in sorted((int(s), int(e)) for s, e in offsets if e > s):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        spans = tuple((s, e) for s, e in merged)
        return cls(" ".join(text[s:e] for s, e in spans), spans)

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else 0

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["text"], _offsets(d["spans"]))


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement (or belief, intention, perception, evidence) attributed to a source."""

    id: str  # derived from article id + cue offsets: stable across re-runs
    kind: AttributionKind
    mode: Mode  # statement vs belief/intention/perception/evidence (PolNeAR's wider scheme)
    cue: Span
    source: Span | None  # None: no source in the text ("it is expected that ...")
    content: Span
    source_id: str | None = None
    hedges: tuple[str, ...] = ()
    negated: bool = False
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "mode": self.mode,
            "cue": self.cue.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "content": self.content.to_dict(),
            "source_id": self.source_id,
            "hedges": list(self.hedges),
            "negated": self.negated,
            "confidence": round(self.confidence, 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            id=d["id"], kind=d["kind"], mode=d["mode"], cue=Span.from_dict(d["cue"]),
            source=Span.from_dict(d["source"]) if d.get("source") else None,
            content=Span.from_dict(d["content"]), source_id=d.get("source_id"),
            hedges=tuple(d.get("hedges", ())), negated=bool(d.get("negated", False)),
            confidence=float(d.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class Source:
    """One distinct source, with every mention of it in the article."""

    id: str
    name: str | None  # canonical name; None unless identity is "named"
    description: str | None
    identity: Identity
    count: int | None  # people denoted; None for organisations and unnumbered plurals
    type: SourceType
    role: Role
    affiliation: str | None
    mentions: Offsets
    attribution_ids: tuple[str, ...]
    candidates: tuple[tuple[str, float], ...] = ()  # ranked referents for pronoun-only sources

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "identity": self.identity,
            "count": self.count,
            "type": self.type,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [list(m) for m in self.mentions],
            "attribution_ids": list(self.attribution_ids),
        }
        if self.candidates:
            d["candidates"] = [{"name": n, "confidence": round(c, 3)} for n, c in self.candidates]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            id=d["id"], name=d.get("name"), description=d.get("description"), identity=d["identity"],
            count=d.get("count"), type=d["type"], role=d["role"], affiliation=d.get("affiliation"),
            mentions=_offsets(d.get("mentions", ())), attribution_ids=tuple(d.get("attribution_ids", ())),
            candidates=tuple((c["name"], float(c["confidence"])) for c in d.get("candidates", ())),
        )


@dataclass(frozen=True, slots=True)
class NonResponse:
    """A source that was asked and did not answer ("declined to comment")."""

    actor: Span | None  # None for passives ("calls went unanswered")
    kind: NonResponseKind
    span: Span  # the whole phrase, actor included

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict() if self.actor else None,
            "kind": self.kind,
            "text": self.span.text,
            "spans": [list(s) for s in self.span.spans],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NonResponse:
        return cls(
            actor=Span.from_dict(d["actor"]) if d.get("actor") else None,
            kind=d["kind"], span=Span(d["text"], _offsets(d["spans"])),
        )


@dataclass(frozen=True, slots=True)
class Dropped:
    """A boilerplate line (READ MORE links, newsletter prompts, photo credits) left out of analysis."""

    text: str
    reason: str
    spans: Offsets = ()  # offsets into the analysed text; empty when removed before analysis (HTML)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "reason": self.reason}
        if self.spans:
            d["spans"] = [list(s) for s in self.spans]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Dropped:
        return cls(d["text"], d["reason"], _offsets(d.get("spans", ())))


Anchor = Literal["publication", "dateline", "text", "none"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its normalised value ("late Tuesday" -> "2025-03-04").

    ``value`` is an ISO day, a closed interval "A/B", an ISO duration ("P2W", "PXW" when the
    number is unspecified) or PAST_REF / PRESENT_REF / FUTURE_REF; None when it could not be
    resolved. ``anchor`` says what it was resolved against: the publication date, the
    dateline, an earlier expression in the text, or nothing (durations, absolute dates, and
    relative ones in an article with no date).
    """

    id: str
    text: str
    spans: Offsets
    value: str | None
    vague: bool = False
    anchor: Anchor = "none"
    attribution_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "spans": [list(s) for s in self.spans], "value": self.value,
            "vague": self.vague, "anchor": self.anchor, "attribution_id": self.attribution_id,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeExpression:
        return cls(
            str(d["id"]), d["text"], _offsets(d["spans"]), d.get("value"), bool(d.get("vague", False)),
            d.get("anchor") or "none", d.get("attribution_id"),
        )


PlaceKind = Literal["country", "admin", "city", "region", "sea", "facility", "other"]


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym in the article, with its country, GeoNames id, point and kind (all may be None)."""

    id: str  # "P1", "P2", … in text order
    text: str
    spans: Offsets
    name: str  # the gazetteer's name ("Gdańsk"), else the text
    country_code: str | None  # ISO 3166-1 alpha-2; None for seas and regions across countries
    lat: float | None
    lon: float | None
    geonames_id: int | None
    kind: PlaceKind

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "spans": [list(s) for s in self.spans], "name": self.name,
            "country_code": self.country_code, "lat": self.lat, "lon": self.lon,
            "geonames_id": self.geonames_id, "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        lat, lon, gid = d.get("lat"), d.get("lon"), d.get("geonames_id")
        return cls(
            id=str(d["id"]), text=str(d["text"]), spans=_offsets(d["spans"]),
            name=str(d.get("name") or d["text"]),
            country_code=d.get("country_code"), lat=None if lat is None else float(lat),
            lon=None if lon is None else float(lon), geonames_id=None if gid is None else int(gid),
            kind=d.get("kind") or "other",
        )


Qualifier = Literal["at_least", "more_than", "about", "up_to", "nearly", "exactly"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity stated in the article ("more than 300 trucks"), with who states it.

    ``value`` is None for vague quantities ("dozens of investors"); shares are fractions
    ("about a third": 0.33). ``unit`` is the counted noun, "percent", or the ISO 4217 code for
    money (which ``currency`` repeats). ``attribution_id`` is the attribution whose content
    holds the figure, None in the reporter's own voice.
    """

    id: str  # "F1", "F2", … in text order
    text: str
    spans: Offsets
    value: float | int | None
    qualifier: Qualifier | None = None
    unit: str | None = None
    currency: str | None = None
    attribution_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "spans": [list(s) for s in self.spans], "value": self.value,
            "qualifier": self.qualifier, "unit": self.unit, "currency": self.currency,
            "attribution_id": self.attribution_id,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        value = d.get("value")
        return cls(
            id=str(d["id"]), text=str(d["text"]), spans=_offsets(d["spans"]),
            value=value if isinstance(value, int | float) and not isinstance(value, bool) else None,
            qualifier=d.get("qualifier"), unit=d.get("unit"), currency=d.get("currency"),
            attribution_id=d.get("attribution_id"),
        )


EventStatus = Literal["asserted", "hedged", "negated", "future", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Event:
    """A political event in PLOVER 2.0 terms: who did what to whom, and whether it happened.

    ``event_type`` is one of the 16 PLOVER 2.0 types and ``mode`` one of its modes (or None).
    ``status`` says whether the act is reported as done (``asserted``), hedged ("reportedly"),
    denied or not done (``negated``), announced, planned or threatened (``future``) or only
    possible (``hypothetical``: would, could, if). ``attribution_id`` is the attribution whose
    content holds the trigger (who says it happened); ``actor_source_id`` the source that is
    the actor. ``place_id``, ``time_id`` and ``figure_ids`` link to places, times and figures
    found in the same clause. ``to_dict`` also carries the trigger's ``text`` and ``spans`` at
    the top level (the generic store rows, x-ray marks and report read them) and
    ``actor_text`` and ``target_text`` (the ``--actor`` and ``--target`` search filters read them).
    """

    id: str
    event_type: str
    mode: str | None
    trigger: Span
    actor: Span | None
    target: Span | None
    status: EventStatus = "asserted"
    actor_source_id: str | None = None
    place_id: str | None = None
    time_id: str | None = None
    figure_ids: tuple[str, ...] = ()
    attribution_id: str | None = None
    confidence: float = 1.0
    place_country: str | None = None  # the linked place's country code: ``onrecord events --place KE``

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event_type": self.event_type, "mode": self.mode,
            "trigger": self.trigger.to_dict(),
            "actor": self.actor.to_dict() if self.actor else None, "actor_source_id": self.actor_source_id,
            "target": self.target.to_dict() if self.target else None,
            "place_id": self.place_id, "time_id": self.time_id, "figure_ids": list(self.figure_ids),
            "status": self.status, "attribution_id": self.attribution_id,
            "confidence": round(self.confidence, 4),
            "text": self.trigger.text, "spans": [list(s) for s in self.trigger.spans],
            "actor_text": self.actor.text if self.actor else None,
            "target_text": self.target.text if self.target else None, "place_country": self.place_country,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=str(d["id"]), event_type=d["event_type"], mode=d.get("mode"),
            trigger=Span.from_dict(d["trigger"]),
            actor=Span.from_dict(d["actor"]) if d.get("actor") else None,
            target=Span.from_dict(d["target"]) if d.get("target") else None,
            status=d.get("status") or "asserted", actor_source_id=d.get("actor_source_id"),
            place_id=d.get("place_id"), time_id=d.get("time_id"),
            figure_ids=tuple(d.get("figure_ids") or ()), attribution_id=d.get("attribution_id"),
            confidence=float(d.get("confidence", 1.0)), place_country=d.get("place_country"),
        )


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which code and model produced a record."""

    onrecord: str
    spacy_model: str
    stages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"onrecord": self.onrecord, "spacy_model": self.spacy_model, "stages": list(self.stages)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Provenance:
        stages = tuple(d.get("stages") or ())
        return cls(str(d.get("onrecord") or ""), str(d.get("spacy_model") or ""), stages)


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Everything onrecord found in one article; ``to_dict`` is the JSON contract.

    ``findings`` holds each kind of finding under its record field, in the order of
    ``onrecord.findings.kinds()``; ``record.of(kind)`` reads one kind, typed, and the
    properties below name the kinds every record has.
    """

    id: str
    text: str
    provenance: Provenance
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = "en"
    findings: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    dropped: tuple[Dropped, ...] = ()
    warnings: tuple[str, ...] = ()
    # Not part of the JSON contract: what story building needs of this article (shingle
    # signature, sentence hashes, terms), computed where the analysis runs (worker processes,
    # Ray actors) and stored beside the record; None for records read back from JSON.
    story_features: StoryFeatures | None = field(default=None, compare=False, repr=False)

    def of(self, kind: FindingKind[T]) -> tuple[T, ...]:
        """The findings of one kind (empty when the stage did not run)."""
        return self.findings.get(kind.name, ())

    @property
    def attributions(self) -> tuple[Attribution, ...]:
        return self.findings.get("attributions", ())

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.findings.get("sources", ())

    @property
    def non_responses(self) -> tuple[NonResponse, ...]:
        return self.findings.get("non_responses", ())

    def summary(self) -> dict[str, int]:
        """Counts for the summary block of the contract: each kind's ``counts``."""
        from onrecord.findings import kinds  # the declarations import this module

        counts: dict[str, int] = {}
        for kind in kinds():
            counts.update(kind.counts(self.of(kind)))
        return counts

    def to_dict(self) -> dict[str, Any]:
        # Only kinds whose stage ran appear: an empty list would claim "none found".
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "published": self.published,
            "language": self.language,
            "text": self.text,
            **{name: [f.to_dict() for f in found] for name, found in self.findings.items()},
            "dropped": [d.to_dict() for d in self.dropped],
            "summary": self.summary(),
            "provenance": self.provenance.to_dict(),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ArticleRecord:
        """Read a record back from its JSON form (the store's ``record`` column, the API).

        Kinds that are not declared in this process (a plugin's, not loaded) are left out.
        """
        from onrecord.findings import kinds

        return cls(
            id=str(d["id"]), text=str(d["text"]), provenance=Provenance.from_dict(d.get("provenance") or {}),
            url=d.get("url"), title=d.get("title"), outlet=d.get("outlet"),
            authors=tuple(d.get("authors") or ()), published=d.get("published"), language=d.get("language"),
            findings={k.name: tuple(k.from_dict(f) for f in d[k.name]) for k in kinds() if k.name in d},
            dropped=tuple(Dropped.from_dict(x) for x in d.get("dropped") or ()),
            warnings=tuple(d.get("warnings") or ()),
        )


def attribution_counts(found: Sequence[Attribution]) -> dict[str, int]:
    """The attributions' share of the summary block."""
    return {"attributions": len(found), "hedged_attributions": sum(bool(a.hedges) for a in found)}


def source_counts(found: Sequence[Source]) -> dict[str, int]:
    """The sources' share of the summary block, by identity."""
    return {
        "sources": len(found),
        "named_sources": sum(s.identity == "named" for s in found),
        "anonymous_sources": sum(s.identity == "anonymous" for s in found),
        "collective_sources": sum(s.identity == "collective" for s in found),
    }


def _offsets(pairs: Any) -> Offsets:
    return tuple((int(a), int(b)) for a, b in pairs)


def stable_id(*parts: object, length: int = 16) -> str:
    """Derive an id from content so re-runs produce the same ids."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]
