"""Publication dates an input states: checked at ingest, so a bad one fails its own record.

A date ("2026-02-12"), a month ("2026-02") or an ISO 8601 timestamp with or without its
time zone ("2026-02-12T14:05:00Z"). "2026-02-30" looks right and is not a day; stored as
given it would sort an article into the wrong month, so it is refused with its origin
(``path:LINE`` for JSON Lines).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from onrecord.errors import IngestError

_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_published(value: str, origin: str) -> None:
    """Raise IngestError unless ``value`` is a real date, month or ISO 8601 timestamp."""
    text = value.strip()
    try:
        if _MONTH.match(text):
            date.fromisoformat(f"{text}-01")
        elif _DAY.match(text):
            date.fromisoformat(text)
        elif len(text) > 10 and _DAY.match(text[:10]):
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            raise ValueError(text)
    except ValueError:
        raise IngestError(
            f"'{origin}' has published {value!r}, which is not a real date: give YYYY-MM-DD, YYYY-MM "
            "or an ISO 8601 timestamp such as 2026-02-12T14:05:00Z."
        ) from None
