"""One ArticleRecord as rows of the store's tables: the one place a record is flattened.

The store writer inserts these rows; the Ray engine writes the same rows to Parquet
(``onrecord.distributed.rows``), so a Parquet shard and ``onrecord export`` read alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from onrecord.findings import GENERIC_TABLE, Finding, FindingKind, kinds, resolve
from onrecord.records import ArticleRecord, Attribution, NonResponse, Source, Span

Row = dict[str, Any]


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


def record_json(record: ArticleRecord) -> str:
    """The record as the store keeps it (``articles.record``); its hash is ``record_hash``."""
    return json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)


def article_columns(r: ArticleRecord, *, key: str, version: int, as_json: str, run_id: int | None,
                    stored_at: str) -> Row:
    """The ``articles`` columns of one record version, all but the database's ``row_id``."""
    summary = r.summary()
    return {
        "article_id": r.id, "canonical_key": key, "version": version, "is_latest": True, "url": r.url,
        "outlet": r.outlet, "title": r.title, "authors": "; ".join(r.authors) or None,
        "published": r.published, "language": r.language, "text": r.text, "text_hash": sha256(r.text),
        "record_hash": sha256(as_json), "n_attributions": summary["attributions"],
        "n_hedged": summary["hedged_attributions"], "n_sources": summary["sources"],
        "n_anonymous_sources": summary["anonymous_sources"], "n_non_responses": summary["non_responses"],
        "onrecord_version": r.provenance.onrecord, "model_version": r.provenance.spacy_model or None,
        "record": as_json, "run_id": run_id, "stored_at": stored_at,
    }


def _span_columns(prefix: str, span: Span | None) -> Row:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def finding_rows(record: ArticleRecord, row_id: int) -> Iterator[tuple[str, Row]]:
    """(table, row) for every finding of a record, kind by kind as declared in ``onrecord.findings``."""
    for kind in kinds():
        found = record.of(kind)
        if not kind.tables or not found:
            continue
        if kind.rows is None:
            yield from generic_rows(kind, found, row_id)
        else:
            yield from resolve(kind.rows)(record, found, row_id)


def generic_rows(kind: FindingKind[Any], found: Sequence[Finding], row_id: int) -> Iterator[tuple[str, Row]]:
    """``findings`` rows: the finding's JSON with its id, text and offsets pulled out as columns."""
    for finding in found:
        plain = finding.to_dict()
        spans = [[int(s), int(e)] for s, e in plain.get("spans") or ()]
        yield GENERIC_TABLE, {
            "article_row_id": row_id, "kind": kind.name, "finding_id": plain.get("id"),
            "label": kind.label_of(finding), "text": plain.get("text"),
            "start_char": spans[0][0] if spans else None, "end_char": spans[-1][1] if spans else None,
            "spans": json.dumps(spans), "attributes": json.dumps(plain, ensure_ascii=False, sort_keys=True),
        }


def attribution_rows(record: ArticleRecord, found: Sequence[Attribution], row_id: int
                     ) -> Iterator[tuple[str, Row]]:
    """``attributions`` rows: cue, source and content as text/start/end columns."""
    for a in found:
        yield "attributions", {
            "article_row_id": row_id, "attribution_id": a.id, "kind": a.kind, "mode": a.mode,
            **_span_columns("cue", a.cue), **_span_columns("source", a.source),
            **_span_columns("content", a.content),
            "content_spans": json.dumps([list(s) for s in a.content.spans]), "source_id": a.source_id,
            "confidence": a.confidence, "negated": a.negated, "hedged": bool(a.hedges),
            "hedges": "; ".join(a.hedges) or None,
        }


def source_rows(record: ArticleRecord, found: Sequence[Source], row_id: int) -> Iterator[tuple[str, Row]]:
    """``sources`` rows, then one ``source_mentions`` row per mention."""
    for s in found:
        yield "sources", {
            "article_row_id": row_id, "source_id": s.id, "name": s.name, "description": s.description,
            "identity": s.identity, "count": s.count, "type": s.type, "role": s.role,
            "affiliation": s.affiliation, "mention_count": len(s.mentions),
            "attribution_count": len(s.attribution_ids),
        }
    for s in found:
        for start, end in s.mentions:
            yield "source_mentions", {
                "article_row_id": row_id, "source_id": s.id, "start_char": start, "end_char": end,
                "text": record.text[start:end],
            }


def non_response_rows(record: ArticleRecord, found: Sequence[NonResponse], row_id: int
                      ) -> Iterator[tuple[str, Row]]:
    """``non_responses`` rows: the kind, the actor and the whole phrase."""
    for n in found:
        yield "non_responses", {
            "article_row_id": row_id, "kind": n.kind, **_span_columns("actor", n.actor),
            "text": n.span.text, "start_char": n.span.start, "end_char": n.span.end,
        }


def story_feature_row(record: ArticleRecord, row_id: int) -> Row:
    """The ``story_features`` row of a record: made during analysis, else computed here."""
    from onrecord.stories.features import features_of_record
    from onrecord.stories.members import timestamp

    features = record.story_features or features_of_record(record)
    return {"article_row_id": row_id, "version": features.version,
            "published_ts": timestamp(record.published), "data": features.to_json()}
