"""The store side of stories: reading features and members, writing a story's results.

Story building (``onrecord.stories.build``) reads and writes through these functions only,
each on a Connection the caller holds (one transaction per chunk of new articles, so a build
killed part-way keeps whole chunks and redoes the rest).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from onrecord.store import schema as t
from onrecord.store.rows import Row

_CHUNK = 500  # ids per IN (...) list: under SQLite's bound-parameter limit


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def missing_features(conn: Connection, version: int, limit: int) -> list[tuple[int, str]]:
    """(row_id, record JSON) of latest articles without story features of ``version``."""
    a, f = t.articles, t.story_features
    rows = conn.execute(
        select(a.c.row_id, a.c.record).select_from(a.outerjoin(f, f.c.article_row_id == a.c.row_id))
        .where(a.c.is_latest.is_(True), or_(f.c.article_row_id.is_(None), f.c.version != version))
        .order_by(a.c.row_id).limit(limit)
    ).all()
    return [(int(r.row_id), str(r.record)) for r in rows]


def put_features(conn: Connection, rows: Sequence[Row]) -> None:
    """Insert or replace story feature rows."""
    ids = [r["article_row_id"] for r in rows]
    for part in _chunks(ids):
        conn.execute(delete(t.story_features).where(t.story_features.c.article_row_id.in_(part)))
    if rows:
        conn.execute(insert(t.story_features), list(rows))


def pending_articles(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """Latest articles not yet in a story, oldest first and undated last."""
    a, f, sa = t.articles, t.story_features, t.story_articles
    rows = conn.execute(
        select(a.c.article_id, a.c.outlet, a.c.published, a.c.title, f.c.published_ts, f.c.data)
        .select_from(a.join(f, f.c.article_row_id == a.c.row_id)
                     .outerjoin(sa, sa.c.article_id == a.c.article_id))
        .where(a.c.is_latest.is_(True), sa.c.article_id.is_(None))
        .order_by(f.c.published_ts.is_(None), f.c.published_ts, a.c.article_id).limit(limit)
    ).all()
    return [dict(r._mapping) for r in rows]


def members_between(conn: Connection, start: float | None, end: float | None) -> list[dict[str, Any]]:
    """Story members published in [start, end] (all dated members when either is None), plus the
    undated ones, with their features."""
    a, f, sa = t.articles, t.story_features, t.story_articles
    query = (select(sa.c.article_id, sa.c.story_id, sa.c.published_ts, f.c.data)
             .select_from(sa.join(a, and_(a.c.article_id == sa.c.article_id, a.c.is_latest.is_(True)))
                          .join(f, f.c.article_row_id == a.c.row_id)))
    if start is not None and end is not None:
        query = query.where(or_(sa.c.published_ts.between(start, end), sa.c.published_ts.is_(None)))
    rows = conn.execute(query.order_by(sa.c.published_ts.is_(None), sa.c.published_ts, sa.c.article_id))
    return [dict(r._mapping) for r in rows]


def story_members(conn: Connection, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every member of the given stories, with its record JSON and features."""
    a, f, sa = t.articles, t.story_features, t.story_articles
    out: list[dict[str, Any]] = []
    for part in _chunks(list(story_ids)):
        rows = conn.execute(
            select(sa.c.article_id, sa.c.story_id, sa.c.published_ts, sa.c.score, a.c.outlet, a.c.published,
                   a.c.title, a.c.record, f.c.data)
            .select_from(sa.join(a, and_(a.c.article_id == sa.c.article_id, a.c.is_latest.is_(True)))
                         .join(f, f.c.article_row_id == a.c.row_id))
            .where(sa.c.story_id.in_(part)))
        out += [dict(r._mapping) for r in rows]
    return out


def add_members(conn: Connection, rows: Sequence[Row]) -> None:
    """New story_articles rows (article_id, story_id, published_ts, role, score)."""
    if rows:
        conn.execute(insert(t.story_articles), list(rows))


def merge_stories(conn: Connection, mapping: dict[str, str]) -> None:
    """Move the members of each merged story into the story it merged into; drop its rows."""
    for small, big in mapping.items():
        conn.execute(update(t.story_articles).where(t.story_articles.c.story_id == small)
                     .values(story_id=big))
    clear_results(conn, list(mapping))
    for part in _chunks(list(mapping)):
        conn.execute(delete(t.stories).where(t.stories.c.story_id.in_(part)))


def clear_results(conn: Connection, story_ids: Sequence[str]) -> None:
    """Forget the relations and claim links of stories about to be recomputed."""
    for part in _chunks(list(story_ids)):
        conn.execute(delete(t.story_relations).where(t.story_relations.c.story_id.in_(part)))
        conn.execute(delete(t.story_claims).where(t.story_claims.c.story_id.in_(part)))


def write_results(conn: Connection, story: Row, roles: dict[str, str], relations: Sequence[Row],
                  claims: Sequence[Row]) -> None:
    """Store one recomputed story: its row, its members' roles, relations and claim links."""
    conn.execute(delete(t.stories).where(t.stories.c.story_id == story["story_id"]))
    conn.execute(insert(t.stories), story)
    for role in set(roles.values()):
        ids = [a for a, r in roles.items() if r == role]
        for part in _chunks(ids):
            conn.execute(update(t.story_articles).where(t.story_articles.c.article_id.in_(part)).values(role=role))
    if relations:
        conn.execute(insert(t.story_relations), list(relations))
    if claims:
        conn.execute(insert(t.story_claims), list(claims))


def clear_all(conn: Connection) -> None:
    """Forget every story (``stories build --force``); features stay."""
    for table in (t.story_claims, t.story_relations, t.story_articles, t.stories):
        conn.execute(delete(table))


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def ids_of(rows: Iterable[dict[str, Any]], key: str = "article_id") -> list[str]:
    return [str(r[key]) for r in rows]
