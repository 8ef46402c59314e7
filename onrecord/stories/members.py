"""One story's articles as the relation and claim finders read them: text, outlet, time, findings.

Read from the stored record JSON (``articles.record``), so these modules never touch the
database and tests build members straight from fictional records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from onrecord.stories.features import StoryFeatures


@dataclass(frozen=True, slots=True)
class Member:
    """One article of a story."""

    article_id: str
    outlet: str | None
    published: float | None  # POSIX seconds; None when the article gave no date
    published_text: str | None
    title: str | None
    features: StoryFeatures
    record: Mapping[str, Any]  # the record in its JSON form: text, attributions, sources

    @property
    def text(self) -> str:
        return str(self.record.get("text") or "")

    def sort_key(self) -> tuple[int, float, str]:
        """Time order; undated articles last (they are never anyone's first report)."""
        return (1, 0.0, self.article_id) if self.published is None else (0, self.published, self.article_id)


def timestamp(value: object) -> float | None:
    """POSIX seconds of an ISO 8601 ``published`` (a date alone is midnight UTC); None if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()
