"""Independent sourcing: the first report, the independent reports, and what each claim rests on.

"12 articles in 9 outlets; 2 independent reports; the central claim rests on 1 report citing
3 anonymous sources": an article that copies or credits another is not independent; a claim's
weight is the independent reports that carry it and the distinct sources behind them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.stories.claims import ClaimLink
from onrecord.stories.members import Member
from onrecord.stories.relations import Relation

NOT_INDEPENDENT = ("copy_of", "cites")
Role = str  # "first_report" | "independent" | "copy" | "credited"


@dataclass(frozen=True, slots=True)
class StorySourcing:
    """What a story rests on, computed from its members, relations and claim links."""

    first_report: str | None
    roles: dict[str, Role]
    independent: tuple[str, ...]
    claims: tuple[dict[str, Any], ...]  # one per origin claim, most repeated first
    n_outlets: int

    def sentence(self, n_articles: int) -> str:
        """The one-line summary a reader sees on the story page."""
        parts = [f"{n_articles} article{'s' * (n_articles != 1)} in {self.n_outlets} "
                 f"outlet{'s' * (self.n_outlets != 1)}",
                 f"{len(self.independent)} independent report{'s' * (len(self.independent) != 1)}"]
        if self.claims:
            top = self.claims[0]
            reports = top["independent_reports"]
            parts.append(f"the central claim rests on {reports} report{'s' * (reports != 1)} citing "
                         f"{top['sources_phrase']}")
        return "; ".join(parts)


def _sources_phrase(sources: Sequence[dict[str, Any]]) -> str:
    if not sources:
        return "no identified source"
    if len(sources) == 1:
        s = sources[0]
        if s.get("identity") == "named" and s.get("speaker"):
            return str(s["speaker"])
        count = s.get("count")
        identity = s.get("identity") or "unidentified"
        if count and count > 1:
            return f"{count} {identity} sources"
        return f"1 {identity} source" if identity != "named" else str(s.get("speaker") or "1 source")
    return f"{len(sources)} distinct sources"


def story_sourcing(members: Sequence[Member], relations: Sequence[Relation],
                   links: Sequence[ClaimLink]) -> StorySourcing:
    """First report, each article's role, and per-claim sourcing of one story."""
    ordered = sorted(members, key=Member.sort_key)
    dependent: dict[str, str] = {}
    for r in relations:
        if r.type in NOT_INDEPENDENT:
            dependent.setdefault(r.article_id, "copy" if r.type == "copy_of" else "credited")
    independent = tuple(m.article_id for m in ordered if m.article_id not in dependent)
    dated = [m for m in ordered if m.published is not None]
    first = next((m.article_id for m in dated if m.article_id not in dependent), None)
    if first is None and dated:
        first = dated[0].article_id
    roles = {m.article_id: dependent.get(m.article_id, "independent") for m in ordered}
    if first is not None:
        roles[first] = "first_report"
    by_origin: dict[tuple[str, str], list[ClaimLink]] = defaultdict(list)
    for link in links:
        by_origin[(link.origin.article_id, link.origin.attribution_id)].append(link)
    claims: list[dict[str, Any]] = []
    for (origin_article, _), group in by_origin.items():
        origin = group[0].origin
        carriers = {origin_article} | {g.claim.article_id for g in group}
        indep = sorted(a for a in carriers if a not in dependent)
        speakers: dict[tuple[str, ...], dict[str, Any]] = {}
        for c in [origin, *(g.claim for g in group)]:
            if c.article_id in dependent and c is not origin:
                continue
            key = tuple(sorted(c.speaker_words)) or (c.article_id, c.attribution_id)
            speakers.setdefault(key, {"speaker": c.speaker, "identity": c.identity, "count": c.count})
        sources = list(speakers.values())
        claims.append({
            "origin_article": origin_article, "origin_attribution": origin.attribution_id,
            "content": origin.content_text, "speaker": origin.speaker, "identity": origin.identity,
            "count": origin.count, "repeats": len(carriers), "articles": sorted(carriers),
            "independent_reports": len(indep), "sources": sources, "sources_phrase": _sources_phrase(sources),
        })
    claims.sort(key=lambda c: (-int(c["repeats"]), str(c["origin_article"]), str(c["origin_attribution"])))
    outlets = {m.outlet for m in ordered if m.outlet}
    return StorySourcing(first, roles, independent, tuple(claims), len(outlets))
