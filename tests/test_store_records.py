"""Hand-built ArticleRecords for the store tests (imported by test_store*.py), and the pure helpers
they rest on: canonical keys and search-query parsing (no database needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from onrecord.records import (
    ArticleRecord,
    Attribution,
    Identity,
    NonResponse,
    Provenance,
    Role,
    Source,
    Span,
    stable_id,
)
from onrecord.store.errors import BadQuery
from onrecord.store.rows import canonical_key, canonical_url
from onrecord.store.search import parse_query

PROVENANCE = Provenance("0.1.0", "en_core_web_sm 3.8.0", ("attributions", "sources"))


@dataclass(frozen=True)
class Quote:
    """One attributed statement to put in an invented article."""

    source: str  # as written in the text
    content: str
    identity: Identity = "named"
    hedge: str | None = None  # e.g. "reportedly", written before the cue
    role: Role = "official"


def make_record(rid: str, *, quotes: Sequence[Quote] = (), non_responses: Sequence[str] = (),
                url: str | None = None, outlet: str | None = "example.com",
                published: str | None = "2025-09-12",
                title: str | None = "An invented report", body: str = "Talks went on late into the night.",
                ) -> ArticleRecord:
    """An article whose text holds ``body``, then one sentence per quote and per non-response actor.

    Offsets are computed from the text, so every span points at what it claims to.
    """
    text = body
    attributions: list[Attribution] = []
    sources: dict[str, Source] = {}
    for n, q in enumerate(quotes):
        hedge = f" {q.hedge}" if q.hedge else ""
        sentence = f' "{q.content}," {q.source}{hedge} said.'
        base = len(text)
        text += sentence
        c0 = base + 2
        s0 = base + sentence.index(q.source)
        cue0 = base + sentence.rindex("said")
        sid = stable_id(rid, "src", q.source)
        aid = stable_id(rid, "attr", n)
        attributions.append(Attribution(
            id=aid, kind="direct", mode="statement", cue=Span("said", ((cue0, cue0 + 4),)),
            source=Span(q.source, ((s0, s0 + len(q.source)),)),
            content=Span(q.content, ((c0, c0 + len(q.content)),)),
            source_id=sid, hedges=(q.hedge,) if q.hedge else (), negated=False, confidence=0.875))
        prev = sources.get(q.source)
        mention = (s0, s0 + len(q.source))
        sources[q.source] = Source(
            id=sid, name=q.source if q.identity == "named" else None,
            description=None if q.identity == "named" else q.source, identity=q.identity,
            count=1 if q.identity == "named" else None, type="person", role=q.role,
            affiliation="Ministry of Examples" if q.identity == "named" else None,
            mentions=(prev.mentions if prev else ()) + (mention,),
            attribution_ids=(prev.attribution_ids if prev else ()) + (aid,))
    nrs: list[NonResponse] = []
    for actor in non_responses:
        sentence = f" {actor} declined to comment."
        base = len(text)
        text += sentence
        a0 = base + 1
        nrs.append(NonResponse(actor=Span(actor, ((a0, a0 + len(actor)),)), kind="declined_to_comment",
                               span=Span(sentence.strip(), ((a0, len(text)),))))
    return ArticleRecord(id=rid, text=text, provenance=PROVENANCE, url=url, title=title, outlet=outlet,
                         authors=("A. Writer", "B. Editor"), published=published, language="en",
                         findings={"attributions": tuple(attributions), "sources": tuple(sources.values()),
                                   "non_responses": tuple(nrs)})


def full_record(
    rid: str = "full-1", url: str | None = "https://news.example.com/2025/09/talks"
) -> ArticleRecord:
    """A record using every field the store keeps: named and anonymous sources, hedges, a non-response."""
    return make_record(rid, url=url, outlet="news.example.com", published="2025-09-12",
                       quotes=[Quote("Jane Doe", "We will not back down", hedge="reportedly"),
                               Quote("a senior official", "The talks could collapse", identity="anonymous"),
                               Quote("Jane Doe", "Nothing is agreed yet")],
                       non_responses=["The embassy"])


def test_builder_offsets_point_at_their_text() -> None:
    record = full_record()
    for a in record.attributions:
        for span in (a.cue, a.source, a.content):
            assert span is not None
            assert " ".join(record.text[s:e] for s, e in span.spans) == span.text
    for nr in record.non_responses:
        assert record.text[nr.span.start:nr.span.end] == nr.span.text


def test_canonical_key_folds_case_fragment_and_trailing_slash() -> None:
    assert canonical_url("HTTPS://News.Example.com/a/b/#top") == "https://news.example.com/a/b"
    assert canonical_url("https://example.com/") == "https://example.com"
    assert canonical_url("https://example.com/A?x=1") == "https://example.com/A?x=1"
    with_url = make_record("x", url="https://example.com/story")
    assert canonical_key(with_url) == "url:https://example.com/story"
    assert canonical_key(make_record("x")).startswith("sha256:")


@pytest.mark.parametrize(("query", "terms", "fts5"), [
    ("declined to comment", ("declined", "to", "comment"), '"declined" AND "to" AND "comment"'),
    ('"declined to comment" embassy', ("declined to comment", "embassy"),
     '"declined to comment" AND "embassy"'),
    ("NEAR(a b) OR title:x", ("NEAR(a", "b)", "OR", "title:x"), '"NEAR(a" AND "b)" AND "OR" AND "title:x"'),
])
def test_parse_query_quotes_every_term(query: str, terms: tuple[str, ...], fts5: str) -> None:
    parsed = parse_query(query)
    assert parsed.terms == terms
    assert parsed.fts5() == fts5


@pytest.mark.parametrize("query", ['"declined to', "", "   ", '""', "*** --"])
def test_parse_query_rejects_what_it_cannot_read(query: str) -> None:
    with pytest.raises(BadQuery):
        parse_query(query)
