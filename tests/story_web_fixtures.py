"""Invented articles for the story pages and API (imported by test_web_stories.py): hand-built
records, no spaCy, so a store with built stories takes well under a second.

The Varnholm story: a wire report (the first report), a word-for-word copy, a re-report that
credits the wire, and a follow-up two days later; each repeats the harbour master's quote, and
the wire's anonymous dock workers. Two look-alike articles with hostile titles and outlets make
a second story (one copies the other), and every Varnholm article reports the same crane
collapse as an event, so the events page has something to count once per story.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_store_records import Quote, make_record
from web_server import fixture_store

from onrecord.records import ArticleRecord, Event, Span, stable_id
from onrecord.store import Store
from onrecord.stories.build import StoryParams, build_stories

WIRE, COPY, CREDIT, FOLLOW, OTHER = "vh-wire", "vh-copy", "vh-credit", "vh-follow", "vh-other"
EVIL_A, EVIL_B = "evil-a", "evil-b"
HOSTILE_TITLE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">"
HOSTILE_OUTLET = "<svg onload=\"window.__pwned=3\">Evil & Co"

_BODY = ("A container crane collapsed at the port of Varnholm on Tuesday, halting work at the eastern "
         "terminal for at least two days. Two dock workers were treated for minor injuries at the "
         "regional hospital on Tuesday evening. Engineers from the manufacturer will inspect the "
         "remaining cranes before the eastern terminal reopens. Shipping lines diverted at least six "
         "vessels to the western terminal of the Varnholm port.")
HARBOUR = Quote("Ilse Brandvold", "The crane failed without warning and nobody was standing beneath it")
WORKERS = Quote("three dock workers", "The cables on the crane had been worn for months before it fell",
                identity="anonymous", role="other")


def _with_event(record: ArticleRecord, trigger: str, actor: str = "crane") -> ArticleRecord:
    """The record with one event: ``trigger`` (the first time it occurs in the text) by ``actor``
    (one article writes "the crane": the same actor, once the article is folded away)."""
    start = record.text.index(trigger)
    at = record.text.index(actor)
    event = Event(id=stable_id(record.id, "event", start), event_type="ACCIDENT", mode=None,
                  trigger=Span(trigger, ((start, start + len(trigger)),)),
                  actor=Span(actor, ((at, at + len(actor)),)), target=None, status="asserted")
    return dataclasses.replace(record, findings={**record.findings, "events": (event,)})


def story_records() -> list[ArticleRecord]:
    """The Varnholm story (4 articles, 4 outlets), a hostile two-article story, an unrelated one."""
    wire = make_record(WIRE, quotes=[HARBOUR, WORKERS], url="https://fenwick.example/varnholm",
                       outlet="Fenwick Wire", published="2031-05-04T07:00:00Z",
                       title="Crane collapse halts Varnholm port terminal", body=_BODY)
    copy = make_record(COPY, quotes=[HARBOUR, WORKERS], url="https://lowmoor.example/varnholm",
                       outlet="Lowmoor Gazette", published="2031-05-04T09:30:00Z",
                       title="Varnholm terminal shut after crane falls", body=_BODY)
    credit = make_record(
        CREDIT, quotes=[HARBOUR], url="https://thornby.example/varnholm", outlet="Thornby Courier",
        published="2031-05-04T13:00:00Z", title="Varnholm crane collapse leaves shippers counting costs",
        body=("Fenwick Wire reported on Tuesday that a container crane collapsed at the Varnholm port. "
              "Shippers at the Varnholm port are counting the cost of the crane collapse at the eastern "
              "terminal, with freight rates rising on Wednesday."))
    follow = make_record(
        FOLLOW, quotes=[HARBOUR, Quote("Ilse Brandvold", "Every crane at the eastern terminal has passed "
                                       "a fresh inspection this week")],
        url="https://ashcombe.example/varnholm", outlet="Ashcombe Daily", published="2031-05-06T10:00:00Z",
        title="Varnholm terminal reopens after crane collapse inspection",
        body=("The eastern terminal of the Varnholm port reopened on Thursday, two days after a container "
              "crane collapsed. Inspectors checked every crane at the eastern terminal of the Varnholm "
              "port before work resumed."))
    other = make_record(OTHER, url="https://fenwick.example/cycle-lanes", outlet="Fenwick Wire",
                        published="2031-05-05T08:00:00Z", title="Varnholm council approves new cycle lanes",
                        body=("The Varnholm council approved six kilometres of new cycle lanes on Wednesday "
                              "after a long debate. Councillors voted nineteen to four for the plan, which "
                              "will cost the city about two million crowns over three years."))
    evil_body = ("The mayor of Quillon cancelled the spring festival on Monday after heavy storms flooded "
                 "the old market square. Organisers said tickets would be refunded within two weeks of "
                 "the cancellation. The festival had drawn forty thousand visitors to Quillon last year.")
    mayor = Quote("<b>Mayor</b> Odile Sarrat", "<img src=x onerror=\"window.__pwned=4\"> We had no choice")
    evil_a = make_record(EVIL_A, quotes=[mayor], url="javascript:window.__pwned=5", outlet=HOSTILE_OUTLET,
                         published="2031-04-01T08:00:00Z", title=HOSTILE_TITLE, body=evil_body)
    evil_b = make_record(EVIL_B, quotes=[mayor], url="https://quillon.example/festival",
                         outlet="</text><script>window.__pwned=6</script>", published="2031-04-01T12:00:00Z",
                         title="Quillon festival <i>cancelled</i> & refunds promised", body=evil_body)
    return [_with_event(wire, "collapsed"), _with_event(copy, "collapsed"),
            _with_event(credit, "collapsed", "the crane"), _with_event(follow, "collapsed"),
            other, evil_a, evil_b]


def story_store(db: str | Path) -> str:
    """A store (SQLite path or PostgreSQL URL) with ``story_records()`` and its stories built."""
    target = fixture_store(db, story_records())
    with Store.open(target) as store:
        build_stories(store, StoryParams())
    return target


def story_of(db: str, article_id: str) -> str:
    """The id of the story ``article_id`` was put in."""
    with Store.open(db) as store:
        found = store.article_story(article_id)
    assert found is not None, article_id
    return str(found["story_id"])
