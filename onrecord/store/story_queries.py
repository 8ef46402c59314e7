"""Read side of stories, shared by the CLI, the API and the web pages (never raw SQL in a view)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.engine import Connection

from onrecord.store import schema as t
from onrecord.store.filters import parse_day


def _story_filters(outlet: str | None, since: str | None, until: str | None) -> list[Any]:
    """Stories with an article from ``outlet`` and active in [since, until] (first and last
    publication dates overlapping the window; ``until`` includes its day)."""
    s, sa, a = t.stories, t.story_articles, t.articles
    clauses: list[Any] = []
    if outlet:
        clauses.append(exists().where(sa.c.story_id == s.c.story_id, a.c.article_id == sa.c.article_id,
                                      a.c.is_latest.is_(True), a.c.outlet == outlet))
    if since:
        clauses.append(s.c.last_published >= parse_day(since, "since").isoformat())
    if until:
        clauses.append(s.c.first_published < (parse_day(until, "until") + timedelta(days=1)).isoformat())
    return clauses


def list_stories(conn: Connection, *, limit: int = 100, offset: int = 0, min_articles: int = 1,
                 outlet: str | None = None, since: str | None = None, until: str | None = None,
                 count: bool = False) -> list[dict[str, Any]]:
    """Stories, the most recently active first, with their one-line summary (with ``count``,
    ``[{"total": n}]`` instead). ``outlet``, ``since`` and ``until`` as in ``_story_filters``."""
    s = t.stories
    where = [s.c.n_articles >= min_articles, *_story_filters(outlet, since, until)]
    if count:
        total = conn.execute(select(func.count()).select_from(s).where(*where)).scalar_one()
        return [{"total": int(total)}]
    rows = conn.execute(
        select(s.c.story_id, s.c.title, s.c.first_report, s.c.first_published, s.c.last_published,
               s.c.n_articles, s.c.n_outlets, s.c.n_independent, s.c.n_claims, s.c.summary)
        .where(*where)
        .order_by(s.c.last_published.is_(None), s.c.last_published.desc(), s.c.story_id)
        .limit(limit).offset(offset)).all()
    out = []
    for r in rows:
        d = dict(r._mapping)
        d["summary"] = json.loads(d.pop("summary")).get("sentence")
        out.append(d)
    return out


def get_story(conn: Connection, *, story_id: str) -> list[dict[str, Any]]:
    """One story with its summary and per-claim sourcing ([] when unknown)."""
    row = conn.execute(select(t.stories).where(t.stories.c.story_id == story_id)).first()
    if row is None:
        return []
    d = dict(row._mapping)
    summary = json.loads(d.pop("summary"))
    d["summary"] = summary.get("sentence")
    d["claims"] = summary.get("claims", [])
    return [d]


def story_articles(conn: Connection, *, story_id: str, limit: int = 1000, offset: int = 0,
                   outlet: str | None = None, count: bool = False) -> list[dict[str, Any]]:
    """A story's articles in time order (undated last), with their role (optionally of one outlet;
    with ``count``, ``[{"total": n}]``)."""
    sa, a = t.story_articles, t.articles
    joined = sa.join(a, and_(a.c.article_id == sa.c.article_id, a.c.is_latest.is_(True)))
    where = [sa.c.story_id == story_id, *([a.c.outlet == outlet] if outlet else [])]
    if count:
        return _count(conn, joined, *where)
    rows = conn.execute(
        select(sa.c.article_id, a.c.outlet, a.c.published, a.c.title, a.c.url, sa.c.role, sa.c.score)
        .select_from(joined).where(*where)
        .order_by(sa.c.published_ts.is_(None), sa.c.published_ts, sa.c.article_id)
        .limit(limit).offset(offset)).all()
    return [dict(r._mapping) for r in rows]


def story_relations(conn: Connection, *, story_id: str, limit: int = 1000, offset: int = 0,
                    count: bool = False) -> list[dict[str, Any]]:
    """A story's relations with their evidence (with ``count``, ``[{"total": n}]``)."""
    r = t.story_relations
    if count:
        return _count(conn, r, r.c.story_id == story_id)
    rows = conn.execute(select(r.c.article_id, r.c.type, r.c.target_id, r.c.score, r.c.evidence)
                        .where(r.c.story_id == story_id).order_by(r.c.id).limit(limit).offset(offset)).all()
    return [{**dict(x._mapping), "evidence": json.loads(x.evidence)} for x in rows]


def story_claims(conn: Connection, *, story_id: str, limit: int = 1000, offset: int = 0,
                 count: bool = False) -> list[dict[str, Any]]:
    """A story's claim links: each repeated claim and where it first appeared (with ``count``,
    ``[{"total": n}]``)."""
    c = t.story_claims
    if count:
        return _count(conn, c, c.c.story_id == story_id)
    rows = conn.execute(select(c.c.article_id, c.c.attribution_id, c.c.content_text, c.c.content_spans,
                               c.c.speaker, c.c.origin_article_id, c.c.origin_attribution_id, c.c.origin_text,
                               c.c.origin_spans, c.c.match, c.c.score)
                        .where(c.c.story_id == story_id).order_by(c.c.id).limit(limit).offset(offset)).all()
    return [{**dict(x._mapping), "content_spans": json.loads(x.content_spans),
             "origin_spans": json.loads(x.origin_spans)} for x in rows]


def article_story(conn: Connection, *, article_id: str) -> list[dict[str, Any]]:
    """The story of one article, its role, and where each of its repeated claims first appeared."""
    sa = t.story_articles
    row = conn.execute(select(sa.c.story_id, sa.c.role).where(sa.c.article_id == article_id)).first()
    if row is None:
        return []
    c, a = t.story_claims, t.articles
    claims = conn.execute(
        select(c.c.attribution_id, c.c.content_spans, c.c.origin_article_id, c.c.origin_attribution_id,
               c.c.match, a.c.outlet, a.c.published, a.c.title)
        .select_from(c.join(a, and_(a.c.article_id == c.c.origin_article_id, a.c.is_latest.is_(True))))
        .where(c.c.article_id == article_id).order_by(c.c.id)).all()
    n = conn.execute(select(func.count()).select_from(sa).where(sa.c.story_id == row.story_id)).scalar_one()
    return [{"story_id": row.story_id, "role": row.role, "n_articles": int(n),
             "claims": [{**dict(x._mapping), "content_spans": json.loads(x.content_spans)} for x in claims]}]


def _count(conn: Connection, table: Any, *where: Any) -> list[dict[str, Any]]:
    return [{"total": int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())}]


def count_stories(conn: Connection) -> list[dict[str, Any]]:
    """How many stories the store has."""
    return [{"n": int(conn.execute(select(func.count()).select_from(t.stories)).scalar_one())}]
