"""The read side shared by the CLI, the API and the web UI: one function per question.

Every query reads the latest version of each article and aggregates in SQL, so answers
over tens of thousands of articles come back in well under a second. Rows come back as
plain dicts of JSON-friendly values.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, get_args

from sqlalchemy import text
from sqlalchemy.engine import Connection

from onrecord.findings import Filter
from onrecord.nlp.lexicon.stories import EVENT_KEY_ARTICLES
from onrecord.records import Identity, Role
from onrecord.store.errors import BadQuery
from onrecord.store.filters import article_filters

StatsBy = Literal["outlet", "month"]
STATS_BY: tuple[StatsBy, ...] = ("outlet", "month")
IDENTITIES: tuple[Identity, ...] = get_args(Identity)  # the record's vocabularies (records.py)
ROLES: tuple[Role, ...] = get_args(Role)


BOOLEAN_COLUMNS = frozenset({"negated", "hedged", "is_latest"})


def _rows(conn: Connection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: _plain(k, v) for k, v in row._mapping.items()} for row in conn.execute(text(sql), params)]


def count_rows(conn: Connection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{"total": n}]``: how many rows a listing's SQL matches, its ORDER BY and paging left out."""
    body = sql[: sql.rindex("ORDER BY")]
    total = conn.execute(text(f"SELECT count(*) FROM ({body}) AS counted"), params).scalar()
    return [{"total": int(total or 0)}]


def _plain(key: str, value: Any) -> Any:
    """Same Python types from every backend: SQLite's 0/1 become bools, PostgreSQL's numerics floats."""
    if value is None:
        return None
    if key in BOOLEAN_COLUMNS:
        return bool(value)
    return float(value) if isinstance(value, Decimal) else value


def _like(value: str) -> str:
    """A case-insensitive substring pattern with LIKE's wildcards escaped."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_articles(conn: Connection, *, outlet: str | None, since: str | None, until: str | None,
                  limit: int, offset: int, count: bool = False) -> list[dict[str, Any]]:
    """Latest versions, newest first (with ``count``, ``[{"total": n}]`` instead: every listing)."""
    filters, params = article_filters(outlet, since, until)
    params.update(limit=limit, offset=offset)
    return (count_rows if count else _rows)(conn, f"""
        SELECT a.article_id, a.version, a.url, a.outlet, a.published, a.title, a.language,
               a.n_attributions AS attributions, a.n_sources AS sources,
               a.n_anonymous_sources AS anonymous_sources, a.n_non_responses AS non_responses, a.stored_at
        FROM articles AS a WHERE a.is_latest {filters}
        ORDER BY a.published DESC, a.row_id DESC LIMIT :limit OFFSET :offset""", params)


def list_sources(conn: Connection, *, identity: str | None, role: str | None, outlet: str | None,
                 name: str | None, since: str | None, limit: int, offset: int,
                 count: bool = False) -> list[dict[str, Any]]:
    """Sources aggregated across articles by name (description when unnamed), most cited first."""
    if identity is not None and identity not in IDENTITIES:
        raise BadQuery(f"Unknown identity {identity!r}: use one of {', '.join(IDENTITIES)}.")
    filters, params = article_filters(outlet, since, None)
    if identity:
        filters += " AND s.identity = :identity"
        params["identity"] = identity
    if role:
        filters += " AND s.role = :role"
        params["role"] = role
    if name:
        filters += " AND lower(coalesce(s.name, s.description, '')) LIKE :name ESCAPE '\\'"
        params["name"] = _like(name)
    params.update(limit=limit, offset=offset)
    return (count_rows if count else _rows)(conn, f"""
        SELECT coalesce(s.name, s.description) AS name, s.identity, min(s.role) AS role,
               count(DISTINCT s.article_row_id) AS articles, sum(s.attribution_count) AS citations,
               sum(s.mention_count) AS mentions, count(DISTINCT a.outlet) AS outlets
        FROM sources AS s JOIN articles AS a ON a.row_id = s.article_row_id
        WHERE a.is_latest {filters}
        GROUP BY coalesce(s.name, s.description), s.identity
        ORDER BY citations DESC, articles DESC, name LIMIT :limit OFFSET :offset""", params)


def list_quotes(conn: Connection, *, source: str | None, outlet: str | None, since: str | None,
                until: str | None, text_contains: str | None, limit: int,
                offset: int, count: bool = False) -> list[dict[str, Any]]:
    """Attributed statements with who said them, newest articles first, in text order."""
    filters, params = article_filters(outlet, since, until)
    if source:
        filters += (" AND (lower(s.name) LIKE :source ESCAPE '\\'"
                    " OR lower(t.source_text) LIKE :source ESCAPE '\\')")
        params["source"] = _like(source)
    if text_contains:
        filters += " AND lower(t.content_text) LIKE :content ESCAPE '\\'"
        params["content"] = _like(text_contains)
    params.update(limit=limit, offset=offset)
    return (count_rows if count else _rows)(conn, f"""
        SELECT a.article_id, a.url, a.outlet, a.published, t.attribution_id, t.kind, t.mode,
               coalesce(s.name, t.source_text) AS source, s.identity, s.role, t.cue_text AS cue,
               t.content_text AS content, t.content_start, t.content_end, t.hedges, t.negated, t.confidence
        FROM attributions AS t
        JOIN articles AS a ON a.row_id = t.article_row_id
        LEFT JOIN sources AS s ON s.article_row_id = t.article_row_id AND s.source_id = t.source_id
        WHERE a.is_latest {filters}
        ORDER BY a.published DESC, a.row_id DESC, t.content_start LIMIT :limit OFFSET :offset""", params)


def _finding_filters(conn: Connection, kind: str, where: Sequence[tuple[Filter, str]], outlet: str | None,
                     since: str | None, until: str | None) -> tuple[str, dict[str, Any]]:
    """SQL (`` AND …``) and parameters selecting one kind's findings (``f``) on articles (``a``)."""
    filters, params = article_filters(outlet, since, until)
    filters += " AND f.kind = :kind"
    params["kind"] = kind
    for i, (flt, value) in enumerate(where):
        column = _json_attribute(conn, "f.attributes", flt.attribute)
        if flt.match == "contains":
            filters += f" AND lower(coalesce({column}, '')) LIKE :w{i} ESCAPE '\\'"
            params[f"w{i}"] = _like(value)
        else:
            filters += f" AND lower({column}) = :w{i}"
            params[f"w{i}"] = value.lower()
    return filters, params


def list_findings(conn: Connection, *, kind: str, where: Sequence[tuple[Filter, str]], outlet: str | None,
                  since: str | None, until: str | None, limit: int, offset: int,
                  count: bool = False) -> list[dict[str, Any]]:
    """Findings of one kind from the generic ``findings`` table, newest articles first.

    ``where`` pairs a declared filter with its value; the attribute is read from the finding's
    JSON (``json_extract`` on SQLite, ``->>`` on PostgreSQL). Each row carries the article,
    the finding's offsets, who says so (``said_by`` and its identity, for a finding inside an
    attribution's content: its ``attribution_id``) and every attribute of the finding.
    """
    filters, params = _finding_filters(conn, kind, where, outlet, since, until)
    params.update(limit=limit, offset=offset)
    said_by = _json_attribute(conn, "f.attributes", "attribution_id")
    rows = (count_rows if count else _rows)(conn, f"""
        SELECT a.article_id, a.outlet, a.published, f.finding_id, f.label, f.start_char, f.end_char,
               coalesce(s.name, s.description) AS said_by, s.identity AS said_by_identity, f.attributes
        FROM findings AS f JOIN articles AS a ON a.row_id = f.article_row_id
        LEFT JOIN attributions AS t ON t.article_row_id = f.article_row_id AND t.attribution_id = {said_by}
        LEFT JOIN sources AS s ON s.article_row_id = t.article_row_id AND s.source_id = t.source_id
        WHERE a.is_latest {filters}
        ORDER BY a.published DESC, a.row_id DESC, f.start_char LIMIT :limit OFFSET :offset""", params)
    if count:
        return rows
    out = []
    for row in rows:
        attributes = json.loads(row.pop("attributes") or "{}")
        attributes.pop("spans", None)
        attributes.pop("id", None)
        out.append({**row, **attributes})
    return out


def _event_key(conn: Connection) -> str:
    """SQL for what makes two event reports the same event: type, actor and target, folded as
    ``web.story_counts.event_key`` folds them (lower case, trimmed, no leading article)."""
    parts = []
    for name in ("event_type", "actor_text", "target_text"):
        value = f"lower(trim(coalesce({_json_attribute(conn, 'f.attributes', name)}, '')))"
        cases = " ".join(f"WHEN {value} LIKE '{word} %' THEN trim(substr({value}, {len(word) + 2}))"
                         for word in EVENT_KEY_ARTICLES)
        parts.append(f"(CASE {cases} ELSE {value} END)")
    return " || '|' || ".join(parts)


def findings_per_story(conn: Connection, *, kind: str, where: Sequence[tuple[Filter, str]],
                       outlet: str | None, since: str | None, until: str | None) -> list[dict[str, Any]]:
    """Per ``event_type`` (the lane of the events timeline): the reports (one per finding), the
    articles they are in, and the events when each story counts an event once.

    An event is its type, actor and target, folded to lower case; two reports of it in one story
    (``story_articles``) are one event, and an article in no story counts on its own. A story
    holding only some of the matching reports counts what it holds, so the counts follow the
    filters.
    """
    filters, params = _finding_filters(conn, kind, where, outlet, since, until)
    lane = _json_attribute(conn, "f.attributes", "event_type")
    return _rows(conn, f"""
        SELECT coalesce({lane}, '') AS event_type, count(*) AS reports,
               count(DISTINCT a.article_id) AS articles,
               count(DISTINCT coalesce(sa.story_id, 'article:' || a.article_id) || '|' || {_event_key(conn)})
                   AS events,
               count(DISTINCT sa.story_id) AS stories
        FROM findings AS f JOIN articles AS a ON a.row_id = f.article_row_id
        LEFT JOIN story_articles AS sa ON sa.article_id = a.article_id
        WHERE a.is_latest {filters}
        GROUP BY coalesce({lane}, '') ORDER BY reports DESC, event_type""", params)


def story_event_reports(conn: Connection, *, kind: str, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """For each of ``article_ids`` in a story: its story, and that story's reports of each event
    (type, actor, target; see ``findings_per_story``) of ``kind``, so a page can say beside each
    row how many reports in the story are the same event."""
    if not article_ids:
        return []
    names = {f"i{n}": v for n, v in enumerate(dict.fromkeys(article_ids))}
    key = _event_key(conn)
    return _rows(conn, f"""
        SELECT p.article_id, g.story_id, g.event_key, g.reports, g.articles
        FROM story_articles AS p JOIN (
            SELECT sa.story_id, {key} AS event_key, count(*) AS reports,
                   count(DISTINCT sa.article_id) AS articles
            FROM findings AS f JOIN articles AS a ON a.row_id = f.article_row_id
            JOIN story_articles AS sa ON sa.article_id = a.article_id
            WHERE a.is_latest AND f.kind = :kind AND sa.story_id IN (
                SELECT story_id FROM story_articles WHERE article_id IN ({", ".join(":" + k for k in names)}))
            GROUP BY sa.story_id, {key}) AS g ON g.story_id = p.story_id
        WHERE p.article_id IN ({", ".join(":" + k for k in names)})""", {"kind": kind, **names})


def _json_attribute(conn: Connection, column: str, attribute: str) -> str:
    """SQL for one top-level JSON attribute as text (the name is a declared identifier)."""
    if conn.dialect.name == "postgresql":
        return f"({column}::jsonb ->> '{attribute}')"
    return f"CAST(json_extract({column}, '$.{attribute}') AS TEXT)"


def stats(conn: Connection, *, by: str, outlet: str | None = None, since: str | None = None,
          until: str | None = None) -> list[dict[str, Any]]:
    """Per outlet or month: articles and statements, statements per article, sources by identity
    (named, anonymous, collective), the anonymous share of sources and of statements (those
    whose source is anonymous), non-response rate (share of articles with at least one),
    hedged share of statements.

    Mostly from the per-article counts on ``articles``; the identity counts and the statement
    share read ``sources`` and ``attributions`` grouped the same way.
    """
    if by not in STATS_BY:
        raise BadQuery(f"Cannot group stats by {by!r}: use one of {', '.join(STATS_BY)}.")
    by_outlet = "coalesce(a.outlet, '(unknown)')"
    by_month = "coalesce(substr(a.published, 1, 7), '(undated)')"
    key = by_outlet if by == "outlet" else by_month
    filters, params = article_filters(outlet, since, until)
    rows = _rows(conn, f"""
        SELECT {key} AS {by}, count(*) AS articles,
               sum(a.n_attributions) AS statements, sum(a.n_sources) AS sources,
               sum(a.n_anonymous_sources) AS anonymous_sources, sum(a.n_hedged) AS n_hedged,
               sum(CASE WHEN a.n_non_responses > 0 THEN 1 ELSE 0 END) AS with_non_response
        FROM articles AS a WHERE a.is_latest {filters}
        GROUP BY {key} ORDER BY count(*) DESC, {key}""", params)
    identities = {row[by]: row for row in _rows(conn, f"""
        SELECT {key} AS {by},
               sum(CASE WHEN s.identity = 'named' THEN 1 ELSE 0 END) AS named_sources,
               sum(CASE WHEN s.identity = 'collective' THEN 1 ELSE 0 END) AS collective_sources
        FROM sources AS s JOIN articles AS a ON a.row_id = s.article_row_id
        WHERE a.is_latest {filters} GROUP BY {key}""", params)}
    # statements, not sources: one anonymous source cited six times weighs six here
    anonymous = {row[by]: row["n"] for row in _rows(conn, f"""
        SELECT {key} AS {by}, count(*) AS n
        FROM attributions AS t JOIN articles AS a ON a.row_id = t.article_row_id
        JOIN sources AS s ON s.article_row_id = t.article_row_id AND s.source_id = t.source_id
        WHERE a.is_latest AND s.identity = 'anonymous' {filters} GROUP BY {key}""", params)}
    return [_ratios(by, {**row, **identities.get(row[by], {}),
                         "anonymous_statements": anonymous.get(row[by], 0)}) for row in rows]


def _ratios(by: str, row: dict[str, Any]) -> dict[str, Any]:
    def share(num: Any, den: Any) -> float | None:
        return round(int(num) / int(den), 4) if den else None

    return {
        by: row[by], "articles": int(row["articles"]), "statements": int(row["statements"] or 0),
        "statements_per_article": share(row["statements"], row["articles"]),
        "named_sources": int(row.get("named_sources") or 0),
        "anonymous_sources": int(row["anonymous_sources"] or 0),
        "collective_sources": int(row.get("collective_sources") or 0),
        "anonymous_source_share": share(row["anonymous_sources"], row["sources"]),
        "anonymous_statement_share": share(row["anonymous_statements"], row["statements"]),
        "non_response_rate": share(row["with_non_response"], row["articles"]),
        "hedged_share": share(row["n_hedged"], row["statements"]),
    }


def list_runs(conn: Connection, *, limit: int, offset: int = 0, count: bool = False) -> list[dict[str, Any]]:
    """Most recent runs first, with their counts (with ``count``, ``[{"total": n}]``)."""
    return (count_rows if count else _rows)(conn, """
        SELECT id, command, status, started_at, finished_at, n_stored AS stored, n_unchanged AS unchanged,
               n_skipped AS skipped, n_failed AS failed, onrecord_version, model_version, inputs, settings
        FROM runs ORDER BY id DESC LIMIT :limit OFFSET :offset""", {"limit": limit, "offset": offset})


def article_record(conn: Connection, *, article_id: str) -> list[dict[str, Any]]:
    """The latest stored record JSON of one article and its hash (zero or one row)."""
    row = conn.execute(text("SELECT record, record_hash FROM articles WHERE article_id = :a AND is_latest "
                            "LIMIT 1"), {"a": article_id}).first()
    return [] if row is None else [{"record": row.record, "record_hash": row.record_hash}]


def article_hash(conn: Connection, *, article_id: str) -> list[dict[str, Any]]:
    """The record hash of an article's latest version (zero or one row): cheap, for caches."""
    value = conn.execute(text("SELECT record_hash FROM articles WHERE article_id = :a AND is_latest LIMIT 1"),
                         {"a": article_id}).scalar()
    return [] if value is None else [{"record_hash": value}]
