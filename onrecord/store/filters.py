"""Filters shared by the read queries: outlet and a published-date window on latest versions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from onrecord.store.errors import BadQuery


def parse_day(value: str, option: str) -> date:
    """A YYYY-MM-DD day (or YYYY-MM, the first of the month), else BadQuery naming the option."""
    text = value.strip()
    try:
        return date.fromisoformat(text + "-01" if len(text) == 7 else text[:10])
    except ValueError:
        raise BadQuery(
            f"Cannot read {option} {value!r}: give a date as YYYY-MM-DD, e.g. 2025-09-01."
        ) from None


def article_filters(outlet: str | None = None, since: str | None = None, until: str | None = None,
                    *, alias: str = "a") -> tuple[str, dict[str, Any]]:
    """SQL (`` AND …`` clauses) and parameters for the common filters; ``until`` includes its day.

    Dates are ISO strings, so comparing them as strings orders them; the window is
    half-open [since, day after until) so "2025-09-30T18:00" counts as 30 September.
    """
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if outlet:
        clauses.append(f"{alias}.outlet = :outlet")
        params["outlet"] = outlet
    if since:
        clauses.append(f"{alias}.published >= :since")
        params["since"] = parse_day(since, "--since").isoformat()
    if until:
        clauses.append(f"{alias}.published < :until")
        params["until"] = (parse_day(until, "--until") + timedelta(days=1)).isoformat()
    return "".join(f" AND {c}" for c in clauses), params
