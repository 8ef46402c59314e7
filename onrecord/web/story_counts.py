"""Events counted once per story, for the events page (``/findings/events``).

Each row of the events page is a report: one event found in one article. The same crane
collapse in a wire report, its copy and two re-reports is four reports of one event. When
stories exist (``onrecord stories build``), this module counts the events once per story:
reports with the same type, actor and target (folded to lower case, without a leading article)
in one story are one event, and an article in no story counts on its own. The rows themselves
stay per report; each row says how many reports of the same event its story holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from onrecord.nlp.lexicon.stories import EVENT_KEY_ARTICLES
from onrecord.store import Store

EVENTS = "events"  # the one kind with type, actor and target to group by


@dataclass
class RowStory:
    """Beside one report: its story, and how many reports of the same event the story holds."""

    url: str
    reports: int
    articles: int


@dataclass
class EventsPerStory:
    """The events page's count once per story, per event type and in all."""

    by_type: list[dict[str, Any]]  # event_type, reports, articles, events, stories
    rows: dict[int, RowStory] = field(default_factory=dict)  # index of a row on the page -> its story

    @property
    def reports(self) -> int:
        return sum(int(t["reports"]) for t in self.by_type)

    @property
    def events(self) -> int:
        return sum(int(t["events"]) for t in self.by_type)

    @property
    def stories(self) -> int:
        return sum(int(t["stories"]) for t in self.by_type)


def event_key(row: Mapping[str, Any]) -> str:
    """The key ``store.queries._event_key`` computes in SQL, from a findings row: type, actor and
    target in lower case, trimmed, without a leading article ("the police" = "police")."""
    return "|".join(_fold(row.get(k)) for k in ("event_type", "actor_text", "target_text"))


def _fold(value: Any) -> str:
    text = str(value or "").strip(" ").lower()
    for word in EVENT_KEY_ARTICLES:
        if text.startswith(word + " "):
            return text[len(word) + 1:].strip(" ")
    return text


def events_per_story(store: Store, kind: str, *, where: Mapping[str, str], outlet: str | None,
                     since: str | None, until: str | None,
                     rows: Sequence[Mapping[str, Any]]) -> EventsPerStory | None:
    """The count once per story of the findings the page's filters select, and each shown row's
    story; None for another kind, or when none of the matching reports is in a story."""
    if kind != EVENTS or not store.stories(limit=1):  # no stories built: skip the aggregate
        return None
    by_type = store.findings_per_story(kind, where=dict(where), outlet=outlet, since=since, until=until)
    if not any(int(t["stories"]) for t in by_type):
        return None
    groups = {(str(g["article_id"]), str(g["event_key"])): g
              for g in store.story_event_reports(kind, [str(r["article_id"]) for r in rows])}
    out = EventsPerStory(by_type)
    for i, row in enumerate(rows):
        g = groups.get((str(row["article_id"]), event_key(row)))
        if g is not None:
            out.rows[i] = RowStory(f"/stories/{quote(str(g['story_id']), safe='')}", int(g["reports"]),
                                   int(g["articles"]))
    return out
