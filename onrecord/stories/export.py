"""``onrecord stories export --format jsonl``: one line per article, the scorer's format.

``{"id", "story", "relations": [{"type", "target"}], "claims": [{"content": {"text", "spans"},
"origin": {"article", "content": {"text", "spans"}}, "match"}], "first_report"}``, as read by
``shared/eval/score_stories.py``. The id is the record id (the JSON Lines input id when given).
External credits (an outlet with no article in the store) have no target and are left out.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from onrecord.store import schema as t

EXPORT_FORMATS = ("jsonl",)


def export_lines(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every article in a story, in story then time order, as one export object."""
    first = {str(r.story_id): r.first_report for r in conn.execute(select(t.stories.c.story_id,
                                                                         t.stories.c.first_report))}
    relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(select(t.story_relations).order_by(t.story_relations.c.id)):
        if r.target_id is not None:
            relations[str(r.article_id)].append({"type": r.type, "target": r.target_id})
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in conn.execute(select(t.story_claims).order_by(t.story_claims.c.id)):
        claims[str(c.article_id)].append({
            "content": {"text": c.content_text, "spans": json.loads(c.content_spans)},
            "origin": {"article": c.origin_article_id,
                       "content": {"text": c.origin_text, "spans": json.loads(c.origin_spans)}},
            "match": c.match,
        })
    sa = t.story_articles
    for m in conn.execute(select(sa.c.article_id, sa.c.story_id)
                          .order_by(sa.c.story_id, sa.c.published_ts.is_(None), sa.c.published_ts,
                                    sa.c.article_id)):
        aid = str(m.article_id)
        yield {"id": aid, "story": m.story_id, "relations": relations.get(aid, []),
               "claims": claims.get(aid, []), "first_report": first.get(str(m.story_id))}
