"""``onrecord stories build``: put the store's new articles into stories, incrementally.

New articles (latest versions not yet in a story) are taken oldest first in chunks. For each
chunk, the story members published within the window of it are loaded into a ``StoryIndex``;
each new article joins a story or starts one; fragments that turn out to be one story merge;
then every story that changed has its relations, claim links and sourcing recomputed. A chunk
is one transaction: a build killed part-way keeps the chunks it finished, and the next build
takes up the rest. A build with nothing new writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.store import stories as db
from onrecord.store.engine import translated_errors
from onrecord.store.writer import now
from onrecord.stories.claims import link_claims
from onrecord.stories.cluster import ClusterParams, StoryIndex, cluster_chunk, document_frequencies
from onrecord.stories.features import FEATURES_VERSION, StoryFeatures, features_from_record
from onrecord.stories.members import Member, timestamp
from onrecord.stories.relations import find_relations
from onrecord.stories.sourcing import story_sourcing

logger = logging.getLogger(__name__)

CHUNK = 2000  # new articles per transaction
MERGE_ROUNDS = 3  # merging fragments can make a centroid that merges again; a few rounds settle it
_BACKFILL = 500


@dataclass(frozen=True, slots=True)
class StoryParams:
    """The clustering knobs, from settings (docs/stories.md says how they were chosen)."""

    threshold: float = 0.225
    merge_threshold: float = 0.25
    window_days: float = 7.0
    absorb_threshold: float | None = 0.05
    headline_merge_threshold: float | None = 0.2

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryParams:
        return cls(settings.story_threshold, settings.story_merge_threshold, settings.story_window_days,
                   settings.story_absorb_threshold, settings.story_headline_merge_threshold)

    def cluster(self) -> ClusterParams:
        return ClusterParams(threshold=self.threshold, window_seconds=self.window_days * 86400.0,
                             absorb_threshold=self.absorb_threshold,
                             headline_merge_threshold=self.headline_merge_threshold)


@dataclass(slots=True)
class BuildSummary:
    """What a build did, for the CLI's summary."""

    new_articles: int = 0
    new_stories: int = 0
    merged_stories: int = 0
    recomputed_stories: int = 0
    backfilled_features: int = 0
    chunks: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"new_articles": self.new_articles, "new_stories": self.new_stories,
                "merged_stories": self.merged_stories, "recomputed_stories": self.recomputed_stories,
                "backfilled_features": self.backfilled_features, "chunks": self.chunks,
                "seconds": round(self.seconds, 3),
                "timings": {k: round(v, 3) for k, v in self.timings.items()}}


def story_id_for(article_id: str) -> str:
    """A story is named after the article that began it: stable across rebuilds."""
    return "st-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]


def build_stories(store: Store, params: StoryParams, *, force: bool = False, chunk: int = CHUNK,
                  progress: Callable[[int], None] | None = None) -> BuildSummary:
    """Bring the store's stories up to date with its articles (see the module docstring)."""
    started = time.perf_counter()
    summary = BuildSummary()
    store.migrate()
    with translated_errors(store.target, "build stories in"):
        if force:
            with store.engine.begin() as conn:
                db.clear_all(conn)
        summary.backfilled_features = _backfill(store)
        while True:
            with store.engine.begin() as conn:
                pending = db.pending_articles(conn, chunk)
                if not pending:
                    break
                _build_chunk(conn, pending, params, summary)
            summary.chunks += 1
            if progress is not None:
                progress(len(pending))
    summary.seconds = time.perf_counter() - started
    return summary


def _backfill(store: Store) -> int:
    """Story features for articles stored without them (before this schema, or another version)."""
    done = 0
    while True:
        with store.engine.begin() as conn:
            rows = db.missing_features(conn, FEATURES_VERSION, _BACKFILL)
            if not rows:
                return done
            out = []
            for row_id, record_json in rows:
                record = json.loads(record_json)
                out.append({"article_row_id": row_id, "version": FEATURES_VERSION,
                            "published_ts": timestamp(record.get("published")),
                            "data": features_from_record(record).to_json()})
            db.put_features(conn, out)
            done += len(out)


def _tick(summary: BuildSummary, name: str, since: float) -> float:
    now_ = time.perf_counter()
    summary.timings[name] = summary.timings.get(name, 0.0) + now_ - since
    return now_


def _build_chunk(conn: Any, pending: list[dict[str, Any]], params: StoryParams,
                 summary: BuildSummary) -> None:
    clock = time.perf_counter()
    window = params.window_days * 86400.0
    times = [p["published_ts"] for p in pending if p["published_ts"] is not None]
    start, end = (min(times) - window, max(times) + window) if times else (None, None)
    existing = db.members_between(conn, start, end)
    new_features = {p["article_id"]: StoryFeatures.from_json(p["data"]) for p in pending}
    old_features = {e["article_id"]: StoryFeatures.from_json(e["data"]) for e in existing}
    df, n = document_frequencies([*(f.terms for f in old_features.values()),
                                  *(f.terms for f in new_features.values())])
    index = StoryIndex(df, n, params.cluster())
    for e in existing:
        index.add(e["article_id"], e["story_id"], e["published_ts"], old_features[e["article_id"]])
    clock = _tick(summary, "load", clock)
    result = cluster_chunk(index, [(p["article_id"], p["published_ts"], new_features[p["article_id"]])
                                   for p in pending], story_id_for, params.merge_threshold, MERGE_ROUNDS)
    clock = _tick(summary, "cluster", clock)
    added = [{"article_id": p["article_id"], "story_id": index.story_of[p["article_id"]],
              "published_ts": p["published_ts"], "role": "independent",
              "score": round(result.assigned[p["article_id"]][1], 4)} for p in pending]
    db.add_members(conn, added)
    db.merge_stories(conn, result.merged)
    summary.new_stories += result.new_stories
    summary.merged_stories += len(result.merged)
    summary.new_articles += len(added)
    clock = _tick(summary, "write", clock)
    _recompute(conn, sorted(result.touched), summary)
    _tick(summary, "relations_claims", clock)


def _recompute(conn: Any, story_ids: Sequence[str], summary: BuildSummary) -> None:
    """Relations, claim links and sourcing of each story that changed, from its members."""
    db.clear_results(conn, story_ids)
    by_story: dict[str, list[Member]] = {}
    for row in db.story_members(conn, story_ids):
        by_story.setdefault(row["story_id"], []).append(Member(
            article_id=row["article_id"], outlet=row["outlet"], published=row["published_ts"],
            published_text=row["published"], title=row["title"],
            features=StoryFeatures.from_json(row["data"]), record=json.loads(row["record"])))
    stamp = now()
    for sid, members in by_story.items():
        relations = find_relations(members)
        links = link_claims(members, {r.article_id: r.target_id for r in relations
                                      if r.type == "copy_of" and r.target_id is not None})
        sourcing = story_sourcing(members, relations, links)
        ordered = sorted(members, key=Member.sort_key)
        first = next((m for m in ordered if m.article_id == sourcing.first_report), ordered[0])
        dated = [m for m in ordered if m.published_text]
        story_row = {
            "story_id": sid, "title": first.title, "first_report": sourcing.first_report,
            "first_published": dated[0].published_text if dated else None,
            "last_published": max((m.published_text or "" for m in dated), default=None) or None,
            "n_articles": len(members), "n_outlets": sourcing.n_outlets,
            "n_independent": len(sourcing.independent), "n_claims": len(links),
            "summary": db.dumps({"sentence": sourcing.sentence(len(members)),
                                 "claims": list(sourcing.claims)}),
            "updated_at": stamp,
        }
        relation_rows = [{"story_id": sid, "article_id": r.article_id, "type": r.type,
                          "target_id": r.target_id,
                          "score": r.score, "evidence": db.dumps(r.evidence)} for r in relations]
        claim_rows = [{
            "story_id": sid, "article_id": k.claim.article_id, "attribution_id": k.claim.attribution_id,
            "content_text": k.claim.content_text,
            "content_spans": db.dumps([list(s) for s in k.claim.content_spans]),
            "speaker": k.claim.speaker, "origin_article_id": k.origin.article_id,
            "origin_attribution_id": k.origin.attribution_id, "origin_text": k.origin.content_text,
            "origin_spans": db.dumps([list(s) for s in k.origin.content_spans]), "match": k.match,
            "score": k.score,
        } for k in links]
        db.write_results(conn, story_row, sourcing.roles, relation_rows, claim_rows)
        summary.recomputed_stories += 1
