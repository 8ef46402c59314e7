"""The write side: one record becomes one article row plus its findings, in one transaction.

Every function here takes a Connection that is already inside a transaction (the Store
opens it), so a record is stored whole or not at all. Identity is the canonical URL, else
a hash of the text; the same record stored twice is "unchanged", a changed record at the
same identity becomes a new version and the old one is kept with ``is_latest`` false.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection

from onrecord.records import ArticleRecord, Span
from onrecord.store import schema as t

Outcome = Literal["stored", "new_version", "unchanged"]
InputState = Literal["stored", "skipped", "failed"]


def now() -> str:
    """UTC time as ISO 8601, the form every date column uses."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """Normalise a URL just enough that trivial variants of one address match.

    Scheme and host are case-insensitive and the fragment never reaches the server, so they
    are folded; the path and query are kept as given (they can be case-sensitive).
    """
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def canonical_key(record: ArticleRecord) -> str:
    """The article's identity across versions: ``url:<canonical url>``, else ``sha256:<text hash>``."""
    if record.url and record.url.strip():
        return "url:" + canonical_url(record.url)
    return "sha256:" + sha256(record.text)


def store_record(conn: Connection, record: ArticleRecord, *, run_id: int | None, input_key: str | None) -> Outcome:
    """Write one record (article row, findings, search index, ledger, run count)."""
    key = canonical_key(record)
    record_json = json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)
    record_hash = sha256(record_json)
    # The newest version is the latest one. Looking it up through the (canonical_key, version)
    # unique index keeps this one index probe; a filter on is_latest lets SQLite's planner pick
    # the is_latest index and scan every article.
    latest = conn.execute(
        select(t.articles.c.row_id, t.articles.c.version, t.articles.c.record_hash)
        .where(t.articles.c.canonical_key == key).order_by(t.articles.c.version.desc()).limit(1)
    ).first()
    outcome: Outcome
    if latest is not None and latest.record_hash == record_hash:
        outcome, row_id = "unchanged", int(latest.row_id)
    else:
        version = int(latest.version) if latest is not None else 0
        if latest is not None:
            conn.execute(update(t.articles).where(t.articles.c.row_id == latest.row_id).values(is_latest=False))
        row_id = _insert_article(conn, record, key, version + 1, record_json, record_hash, run_id)
        _insert_findings(conn, row_id, record)
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO articles_fts(rowid, title, text) VALUES (:r, :title, :text)"),
                         {"r": row_id, "title": record.title or "", "text": record.text})
        outcome = "new_version" if latest is not None else "stored"
    if input_key is not None:
        set_input_state(conn, input_key, "stored", reason=outcome, run_id=run_id, article_row_id=row_id)
    if run_id is not None:
        bump_run(conn, run_id, "n_unchanged" if outcome == "unchanged" else "n_stored")
    return outcome


def _insert_article(conn: Connection, r: ArticleRecord, key: str, version: int, record_json: str,
                    record_hash: str, run_id: int | None) -> int:
    summary = r.summary()
    model = r.provenance.spacy_model or None
    result = conn.execute(insert(t.articles).values(
        article_id=r.id, canonical_key=key, version=version, is_latest=True, url=r.url, outlet=r.outlet,
        title=r.title, authors="; ".join(r.authors) or None, published=r.published, language=r.language,
        text=r.text, text_hash=sha256(r.text), record_hash=record_hash,
        n_attributions=summary["attributions"], n_hedged=summary["hedged_attributions"],
        n_sources=summary["sources"], n_anonymous_sources=summary["anonymous_sources"],
        n_non_responses=summary["non_responses"], onrecord_version=r.provenance.onrecord,
        model_version=model, record=record_json, run_id=run_id, stored_at=now(),
    ).returning(t.articles.c.row_id))
    return int(result.scalar_one())


def _span_columns(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _insert_findings(conn: Connection, row_id: int, r: ArticleRecord) -> None:
    attributions = [
        {
            "article_row_id": row_id, "attribution_id": a.id, "kind": a.kind, "mode": a.mode,
            **_span_columns("cue", a.cue), **_span_columns("source", a.source), **_span_columns("content", a.content),
            "content_spans": json.dumps([list(s) for s in a.content.spans]), "source_id": a.source_id,
            "confidence": a.confidence, "negated": a.negated, "hedged": bool(a.hedges),
            "hedges": "; ".join(a.hedges) or None,
        }
        for a in r.attributions
    ]
    sources = [
        {
            "article_row_id": row_id, "source_id": s.id, "name": s.name, "description": s.description,
            "identity": s.identity, "count": s.count, "type": s.type, "role": s.role,
            "affiliation": s.affiliation, "mention_count": len(s.mentions),
            "attribution_count": len(s.attribution_ids),
        }
        for s in r.sources
    ]
    mentions = [
        {"article_row_id": row_id, "source_id": s.id, "start_char": a, "end_char": b, "text": r.text[a:b]}
        for s in r.sources for a, b in s.mentions
    ]
    non_responses = [
        {
            "article_row_id": row_id, "kind": n.kind, **_span_columns("actor", n.actor),
            "text": n.span.text, "start_char": n.span.start, "end_char": n.span.end,
        }
        for n in r.non_responses
    ]
    for table, rows in ((t.attributions, attributions), (t.sources, sources),
                        (t.source_mentions, mentions), (t.non_responses, non_responses)):
        if rows:
            conn.execute(insert(table), rows)


def set_input_state(conn: Connection, input_key: str, state: InputState, *, reason: str | None,
                    run_id: int | None, article_row_id: int | None = None, origin: str | None = None) -> None:
    """Record where an input ended up, for resuming: the last word on a key wins."""
    values = {"state": state, "origin": origin, "reason": reason, "run_id": run_id, "article_row_id": article_row_id,
              "updated_at": now()}
    done = conn.execute(update(t.inputs).where(t.inputs.c.input_key == input_key).values(**values))
    if done.rowcount == 0:
        conn.execute(insert(t.inputs).values(input_key=input_key, **values))


def bump_run(conn: Connection, run_id: int, counter: str) -> None:
    """Add one to a run's counter (n_stored, n_unchanged, n_skipped, n_failed)."""
    column = t.runs.c[counter]
    conn.execute(update(t.runs).where(t.runs.c.id == run_id).values({column: column + 1}))


def record_skip(conn: Connection, run_id: int, input_key: str, origin: str | None, reason: str) -> None:
    """An input that was expected not to yield an article (empty page, not English)."""
    set_input_state(conn, input_key, "skipped", reason=reason, run_id=run_id, origin=origin)
    bump_run(conn, run_id, "n_skipped")


def record_failure(conn: Connection, run_id: int, input_key: str, origin: str | None, stage: str,
                   reason: str, message: str) -> None:
    """An input that failed: a failures row, the ledger state and the run's count."""
    conn.execute(insert(t.failures).values(run_id=run_id, input_key=input_key, origin=origin, stage=stage,
                                           reason=reason, message=message, failed_at=now()))
    set_input_state(conn, input_key, "failed", reason=reason, run_id=run_id, origin=origin)
    bump_run(conn, run_id, "n_failed")
