"""Stories across outlets (issue 13): JSONL metadata, story building on real SQLite and PostgreSQL,
relations, claim provenance, export, the bad inputs, and a build killed with SIGKILL.

The articles are our own fictional fixtures (``tests/fixtures/stories``), analysed by the real
pipeline once per session.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from onrecord.ingest.jsonl import iter_jsonl
from onrecord.pipeline import analyze_documents
from onrecord.records import ArticleRecord, Provenance
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.stories.build import StoryParams, build_stories
from onrecord.stories.export import export_lines

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "varnholm.jsonl"
SETTINGS = Settings()


@pytest.fixture(scope="session")
def varnholm_records(onrecord_nlp: Language) -> list[ArticleRecord]:
    docs = list(iter_jsonl(FIXTURE, SETTINGS))
    records = [r for r in analyze_documents(docs, SETTINGS) if isinstance(r, ArticleRecord)]
    assert len(records) == len(docs)
    return records


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    sqlite = request.param == "sqlite"
    db = str(tmp_path / "stories.db") if sqlite else request.getfixturevalue("postgres_url")
    s = Store.open(db)
    s.migrate()
    yield s
    s.close()


def _export(store: Store) -> dict[str, dict[str, Any]]:
    with store.engine.connect() as conn:
        return {line["id"]: line for line in export_lines(conn)}


def test_jsonl_metadata_reaches_the_record(varnholm_records: list[ArticleRecord]) -> None:
    by_id = {r.id: r for r in varnholm_records}
    a = by_id["v-a"]
    assert a.outlet == "Fenwick Wire"  # the given outlet wins over the URL's host
    assert a.title == "Crane collapse halts Varnholm port terminal"
    assert a.published == "2031-05-04T09:00:00+02:00"  # the full timestamp, time zone kept
    headline = by_id["h-1"]  # eight words: analysed and stored, not refused as short or not English
    assert headline.text == "Varnholm port crane collapse halts eastern terminal work"
    assert headline.story_features is not None  # made during analysis
    assert by_id["v-f"].published is None


def test_build_groups_relates_and_traces_claims(store: Store, varnholm_records: list[ArticleRecord]) -> None:
    for record in varnholm_records:
        store.store_record(record)
    summary = build_stories(store, StoryParams())
    assert summary.new_articles == len(varnholm_records)
    lines = _export(store)
    assert set(lines) == {r.id for r in varnholm_records}  # nothing lost, nothing twice
    story = lines["v-a"]["story"]
    for aid in ("v-b", "v-c", "v-d", "v-e", "v-f", "h-1"):
        assert lines[aid]["story"] == story, aid
    assert lines["x-a"]["story"] != story  # same city and wire, another story

    def rel(aid: str) -> set[tuple[str, str]]:
        return {(r["type"], r["target"]) for r in lines[aid]["relations"]}

    assert rel("v-b") == {("copy_of", "v-a")}  # clock skew: the copy's clock says it came first
    assert rel("v-c") == {("cites", "v-a")}
    assert ("follows_up", "v-a") in rel("v-d")
    assert rel("v-e") == {("copy_of", "v-d")}  # the same text at another URL
    assert lines["v-a"]["first_report"] == "v-a"  # not the undated v-f, not the skewed copy
    assert rel("v-a") == set()
    # The credited outlet with no article in the store is kept as evidence, without a target.
    relations = store.story_part("relations", story)
    external = [r for r in relations if r["article_id"] == "v-f" and r["target_id"] is None]
    assert external and external[0]["evidence"]["outlet"] == "Orrin Bulletin"
    # The quote repeated word for word in the re-report goes back to the original, not the copy.
    texts = {r.id: r.text for r in varnholm_records}
    quoted = [c for c in lines["v-c"]["claims"] if "nobody was standing" in c["content"]["text"]]
    assert quoted and quoted[0]["origin"]["article"] == "v-a" and quoted[0]["match"] == "verbatim"
    for aid, line in lines.items():
        for claim in line["claims"]:
            for s, e in claim["content"]["spans"]:
                assert texts[aid][s:e] in claim["content"]["text"]
            origin = claim["origin"]
            for s, e in origin["content"]["spans"]:
                assert texts[origin["article"]][s:e] in origin["content"]["text"]
    shown = store.story(story)
    assert shown is not None and shown["n_articles"] == 7 and shown["first_report"] == "v-a"
    assert "independent report" in shown["summary"]
    found = store.article_story("v-c")
    assert found is not None and found["role"] == "credited"
    assert any(c["origin_article_id"] == "v-a" for c in found["claims"])


def test_second_build_with_nothing_new_changes_nothing(store: Store,
                                                       varnholm_records: list[ArticleRecord]) -> None:
    for record in varnholm_records[:4]:
        store.store_record(record)
    build_stories(store, StoryParams())
    before = _export(store)
    again = build_stories(store, StoryParams())
    assert again.new_articles == 0 and again.recomputed_stories == 0
    assert _export(store) == before
    for record in varnholm_records[4:]:  # new articles join the stories already built
        store.store_record(record)
    build_stories(store, StoryParams())
    after = _export(store)
    assert after["v-e"]["story"] == after["v-a"]["story"] == before["v-a"]["story"]


def _plain(i: int, published: str) -> ArticleRecord:
    text = (f"Flood barrier works continue at Quellmark harbour, day {i}\n\n"
            "Crews kept working on the Quellmark flood barrier on Monday, the harbour office said. "
            f"Update number {i} from the Quellmark harbour desk about the barrier works.")
    return ArticleRecord(id=f"q-{i:05d}", text=text, provenance=Provenance("test", "", ()),
                         url=f"https://quellmark.example/{i}", outlet=f"Outlet {i % 97}", published=published,
                         title=f"Flood barrier works continue at Quellmark harbour, day {i}")


def test_a_story_of_5000_articles(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "big.db"))
    store.migrate()
    for i in range(5000):
        store.store_record(_plain(i, f"2031-06-01T{(i // 600) % 24:02d}:{(i // 10) % 60:02d}:00Z"))
    summary = build_stories(store, StoryParams())
    assert summary.new_articles == 5000
    lines = _export(store)
    assert len(lines) == 5000
    assert len({line["story"] for line in lines.values()}) == 1
    store.close()


_KILLER = """
import os, signal, sys
from onrecord.store import Store
from onrecord.stories.build import StoryParams, build_stories
def die(n): os.kill(os.getpid(), signal.SIGKILL)
build_stories(Store.open(sys.argv[1]), StoryParams(), chunk=int(sys.argv[2]), progress=die)
"""


def test_build_killed_with_sigkill_then_run_again(tmp_path: Path) -> None:
    db = str(tmp_path / "killed.db")
    store = Store.open(db)
    store.migrate()
    for i in range(30):
        store.store_record(_plain(i, f"2031-06-{1 + i // 10:02d}T10:{i:02d}:00Z"))
    done = subprocess.run([sys.executable, "-c", _KILLER, db, "10"], check=False)
    assert done.returncode == -signal.SIGKILL
    partial = _export(store)
    assert len(partial) == 10  # the first chunk was committed whole, the rest not at all
    build_stories(store, StoryParams())
    resumed = _export(store)
    assert len(resumed) == 30
    fresh = str(tmp_path / "fresh.db")
    other = Store.open(fresh)
    other.migrate()
    for i in range(30):
        other.store_record(_plain(i, f"2031-06-{1 + i // 10:02d}T10:{i:02d}:00Z"))
    build_stories(other, StoryParams())
    assert {k: v["story"] for k, v in _export(other).items()} == {k: v["story"] for k, v in resumed.items()}
    store.close()
    other.close()


def test_cli_build_export_list_show(tmp_path: Path, varnholm_records: list[ArticleRecord]) -> None:
    db = str(tmp_path / "cli.db")
    with Store.open(db) as store:
        store.migrate()
        for record in varnholm_records:
            store.store_record(record)
    exe = [sys.executable, "-m", "onrecord"]
    env = {**os.environ, "ONRECORD_DB": db}
    subprocess.run([*exe, "stories", "build"], check=True, env=env, capture_output=True)
    out = subprocess.run([*exe, "stories", "export", "--format", "jsonl"], check=True, env=env,
                         capture_output=True, text=True).stdout
    lines = [json.loads(x) for x in out.splitlines()]
    assert {x["id"] for x in lines} == {r.id for r in varnholm_records}
    listed = subprocess.run([*exe, "stories", "list", "--format", "jsonl"], check=True, env=env,
                            capture_output=True, text=True).stdout
    story = json.loads(listed.splitlines()[0])["story_id"]
    shown = subprocess.run([*exe, "stories", "show", story], check=True, env=env, capture_output=True,
                           text=True).stdout
    assert "independent report" in shown
    missing = subprocess.run([*exe, "stories", "show", "st-nope"], env=env, capture_output=True, text=True)
    assert missing.returncode == 1 and "No story" in missing.stderr


def test_headline_only_fragments_fold_into_their_story() -> None:
    """Headlines have no body: no LSH bucket (they would all share the empty signature's), and a
    small all-headline fragment folds into the larger story it resembles, not into an unrelated one."""
    from onrecord.stories.cluster import ClusterParams, StoryIndex, cluster_chunk, document_frequencies
    from onrecord.stories.features import compute_features

    heads = [f"Varnholm ferry strike {w} talks" for w in ("enters", "halts", "stalls", "resumes", "ends")]
    heads += [f"Varnholm ferry strike {w}" for w in ("widens", "bites", "spreads", "drags", "deepens",
                                                      "worsens", "grows")]
    heads += ["Ferry pay row: union and operator trade blame", "Orchard festival draws record crowd"]
    items = [(f"h{i}", 1_700_000_000.0 + 60 * i, compute_features(h, h)) for i, h in enumerate(heads)]
    df, n = document_frequencies(f.terms for _, _, f in items)
    for absorb in (None, 0.05):
        index = StoryIndex(df, n, ClusterParams(absorb_threshold=absorb))
        result = cluster_chunk(index, items, lambda aid: "st-" + aid, merge_threshold=0.25)
        assert not index.buckets
        story = index.story_of["h0"]
        assert all(index.story_of[f"h{i}"] == story for i in range(12))
        # the lone headline shares only "ferry" with the story: folded in only by absorbing
        assert (index.story_of["h12"] == story) == (absorb is not None)
        assert index.story_of["h13"] != story
        assert set(result.assigned) == {aid for aid, _, _ in items}


def test_possessive_and_plain_name_are_one_story_term() -> None:
    """Headlines name their subject both ways ("Bieber's", "Bieber"): one term, so two headlines
    that share only the name still meet in the term index; curly apostrophes fold the same."""
    from onrecord.stories.text import content_words

    assert content_words("Bieber's surprise gig") == ["bieber", "surprise", "gig"]
    assert content_words("Surprise gig for Bieber’s fans") == ["surprise", "gig", "bieber", "fans"]
    assert content_words("Don't stop") == ["dont", "stop"]


def test_fragments_do_not_merge_by_chaining() -> None:
    """Fragment merging is centroid linkage, not a chain: "Varnholm regatta" is close to both a
    crane collapse in Varnholm and a regatta rescue, but once it has merged with the closer one,
    the merged story must itself be close enough to the third (it is not), or one story snowballs
    over every subject its bridging headlines touch."""
    from onrecord.stories.cluster import (
        ClusterParams,
        StoryIndex,
        cosine,
        document_frequencies,
        merge_candidates,
    )
    from onrecord.stories.features import compute_features

    heads = {"a": "Harbour crane collapse Varnholm", "b": "Varnholm regatta", "c": "Regatta sailors rescued"}
    items = [(k, 1_700_000_000.0, compute_features(h, h)) for k, h in heads.items()]
    df, n = document_frequencies(f.terms for _, _, f in items)
    index = StoryIndex(df, n, ClusterParams(headline_merge_threshold=None))  # 0.25 for all fragments
    for key, published, features in items:
        index.add(key, "st-" + key, published, features)
    centroid = {k: index.stories["st-" + k].centroid for k in heads}
    assert cosine(centroid["a"], centroid["b"]) >= 0.25 and cosine(centroid["b"], centroid["c"]) >= 0.25
    assert merge_candidates(index, ["st-a", "st-b", "st-c"], 0.25) == {"st-b": "st-c"}


def test_figures_are_not_story_terms() -> None:
    """Reports of one story round their figures differently and unrelated reports share small
    numbers, so figures say nothing about which story a headline belongs to; dates stay ("~")."""
    from onrecord.stories.features import compute_features
    from onrecord.stories.text import story_terms

    head = "Varnholm collects $3.5m in ferry tax, up 12 pct"
    assert story_terms(head) == ["varnholm", "collects", "ferry", "tax", "pct"]
    head = "Ferry tax nets 2 million"
    terms = compute_features(head, head, dates=["2026-03-04"]).terms
    assert set(terms) == {"ferry", "tax", "nets", "million", "~2026-03-04"}
