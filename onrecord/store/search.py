"""Full-text search over article titles and text: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

User queries never reach the search engine's own syntax. ``parse_query`` reads words and
"quoted phrases" (all must match); every term is then quoted for FTS5, or handed to
PostgreSQL's ``websearch_to_tsquery``, which accepts any string. A query we cannot read
(unbalanced quote, nothing to search for) is a BadQuery naming the problem, never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from onrecord.store.errors import BadQuery
from onrecord.store.filters import article_filters

# Must match the expression indexed by migration 0001, or PostgreSQL cannot use the index.
PG_DOCUMENT = "to_tsvector('english', coalesce(a.title, '') || ' ' || a.text)"
SNIPPET_TOKENS = 16
MARK_START, MARK_END = "[", "]"
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: every term (a word or a phrase) must match."""

    terms: tuple[str, ...]

    def fts5(self) -> str:
        """The FTS5 form: each term a quoted string (FTS5 operators inside are plain text)."""
        return " AND ".join('"' + term.replace('"', '""') + '"' for term in self.terms)

    def websearch(self) -> str:
        """The PostgreSQL websearch_to_tsquery form."""
        return " ".join(f'"{term}"' if " " in term else term for term in self.terms)


def parse_query(query: str) -> Query:
    """Split a user query into words and "quoted phrases".

    Raises:
        BadQuery: an unbalanced quote, or no word to search for.
    """
    if query.count('"') % 2:
        raise BadQuery(f"Cannot search for {query!r}: a double quote is not closed. Put phrases in pairs "
                       'of quotes, e.g. \'"declined to comment" ministry\'.')
    terms: list[str] = []
    for i, part in enumerate(query.split('"')):
        if i % 2:  # inside quotes: a phrase
            phrase = " ".join(part.split())
            if _WORD.search(phrase):
                terms.append(phrase)
        else:
            terms.extend(word for word in part.split() if _WORD.search(word))
    if not terms:
        raise BadQuery(f"Cannot search for {query!r}: it has no words. Give at least one word or "
                       '"a phrase".')
    return Query(tuple(terms))


def search_articles(
    conn: Connection, query: str, *, outlet: str | None, since: str | None,
    until: str | None, limit: int, offset: int, identity: str | None = None, count: bool = False,
) -> list[dict[str, Any]]:
    """Latest article versions matching ``query``, best first, with a snippet around the match.

    ``identity``: only articles that cite at least one source of that identity (e.g. anonymous).
    """
    parsed = parse_query(query)
    filters, params = article_filters(outlet, since, until)
    if identity:
        filters += (" AND EXISTS (SELECT 1 FROM sources AS s WHERE s.article_row_id = a.row_id"
                    " AND s.identity = :identity)")
        params["identity"] = identity
    params.update(limit=limit, offset=offset)
    if count:
        return _count_matches(conn, parsed, filters, params)
    if conn.dialect.name == "sqlite":
        params["q"] = parsed.fts5()
        sql = f"""
            SELECT a.row_id, a.article_id, a.url, a.outlet, a.published, a.title,
                   snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS}) AS snippet
            FROM articles_fts JOIN articles AS a ON a.row_id = articles_fts.rowid
            WHERE articles_fts MATCH :q AND a.is_latest {filters}
            ORDER BY articles_fts.rank, a.row_id LIMIT :limit OFFSET :offset"""
    else:
        params["q"] = parsed.websearch()
        sql = f"""
            WITH hits AS (
                SELECT a.row_id, a.article_id, a.url, a.outlet, a.published, a.title, a.text,
                       ts_rank({PG_DOCUMENT}, q) AS score, q
                FROM articles AS a, websearch_to_tsquery('english', :q) AS q
                WHERE {PG_DOCUMENT} @@ q AND a.is_latest {filters}
                ORDER BY score DESC, a.row_id LIMIT :limit OFFSET :offset)
            SELECT row_id, article_id, url, outlet, published, title,
                   ts_headline('english', text, q, :headline) AS snippet
            FROM hits ORDER BY score DESC, row_id"""
        params["headline"] = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_TOKENS}, "
                              "MinWords=6, ShortWord=2")
    return [dict(row._mapping) for row in conn.execute(text(sql), params)]


def _count_matches(conn: Connection, parsed: Query, filters: str,
                   params: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{"total": n}]``: how many latest articles match (no ranking, no snippets)."""
    if conn.dialect.name == "sqlite":
        params["q"] = parsed.fts5()
        sql = f"""SELECT count(*) FROM articles_fts JOIN articles AS a ON a.row_id = articles_fts.rowid
                  WHERE articles_fts MATCH :q AND a.is_latest {filters}"""
    else:
        params["q"] = parsed.websearch()
        sql = f"""SELECT count(*) FROM articles AS a, websearch_to_tsquery('english', :q) AS q
                  WHERE {PG_DOCUMENT} @@ q AND a.is_latest {filters}"""
    return [{"total": int(conn.execute(text(sql), params).scalar() or 0)}]
