"""Stores full of invented articles for the web benchmark, built without the NLP model.

Records come from the tests' ``make_record`` (tests/test_store_records.py), which computes every
offset from the text, so what the web pages highlight is what a real record would hold. Building a
20,000-article store this way takes about a minute instead of hours of ``ingest``; the result is
cached next to a key file so reruns of the benchmark skip it.

    path = cached_store(ROOT / "bench-out" / "web-20k.db", articles=20_000, seed=1)
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # test_store_records: make_record and Quote

from test_store_records import Quote, make_record  # noqa: E402

from onrecord import __version__  # noqa: E402
from onrecord.records import ArticleRecord, Role  # noqa: E402
from onrecord.store import Store  # noqa: E402

# Bump when the generated records change, so a cached store is rebuilt instead of reused.
SYNTH_VERSION = "web-synth-1"
XRAY_ID = "xray-long-200"  # the id of the long article every store holds

OUTLETS = ("news.example.com", "daily.example.org", "the-ledger.example.net", "wire.example.com",
           "metro.example.co.uk", "valley-times.example.com", "harbour.example.org", "courier.example.net",
           "morning.example.com", "capital.example.org", "observer.example.net", "gazette.example.com")
FIRST = ("Maria", "John", "Aisha", "Pedro", "Ingrid", "Kwame", "Li", "Sofia", "Tomasz", "Elena", "Omar",
         "Hannah", "Ravi", "Grace", "Lucas", "Yuki", "Fatima", "Daniel", "Chloe", "Mateo")
LAST = ("Lopez", "Smith", "Okafor", "Silva", "Berg", "Mensah", "Wei", "Rossi", "Nowak", "Petrova", "Haddad",
        "Fischer", "Patel", "Kim", "Martin", "Sato", "Diallo", "Cohen", "Dubois", "Garcia")
ANONYMOUS = ("a senior adviser", "a government official", "a person familiar with the talks",
             "two people briefed on the matter", "a diplomat", "an industry executive", "a police source",
             "a former minister", "a company insider", "officials")
ROLES: tuple[Role, ...] = get_args(Role)
HEDGES = ("reportedly", "allegedly", "apparently")
ACTORS = ("The ministry", "The union", "The company", "The council", "The embassy", "A spokeswoman",
          "The regulator", "The club")
TOPICS = ("tax", "budget", "rail strike", "hospital funding", "flood defences", "port expansion",
          "school meals", "energy prices", "housing plan", "water bill", "election date", "trade deal")
VERBS = ("stalls", "advances", "faces doubts", "wins backing", "is delayed", "draws criticism", "is revised")
CLAIMS = ("We will not change course on the {t}", "The {t} was never properly costed",
          "Nobody asked us about the {t}", "The {t} will be ready by spring",
          "Talks on the {t} broke down late", "We expect a vote on the {t} next week",
          "The {t} is already dead", "Families will pay for the {t}",
          "There is money for the {t} in the reserve", "The figures on the {t} do not add up")


def _people(rng: random.Random, count: int) -> list[str]:
    names = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count * 3)})
    rng.shuffle(names)
    return names[:count]


def xray_record(quotes: int = 200, sources: int = 20, seed: int = 7) -> ArticleRecord:
    """One long article: ``quotes`` attributions spread over ``sources`` sources (a quarter of them
    anonymous), one in eight hedged, and a non-response per ten quotes: the x-ray's worst case."""
    rng = random.Random(seed)
    people = _people(rng, sources)
    for i in range(0, sources, 4):
        people[i] = ANONYMOUS[i // 4 % len(ANONYMOUS)] + ("" if i < 4 * len(ANONYMOUS) else f" {i}")
    items = []
    for n in range(quotes):
        i = n % sources
        topic = rng.choice(TOPICS)
        items.append(Quote(people[i], rng.choice(CLAIMS).format(t=topic) + f" ({n})",
                           identity="anonymous" if i % 4 == 0 else "named",
                           hedge=HEDGES[n % 3] if n % 8 == 0 else None, role=ROLES[i % len(ROLES)]))
    silent = [ACTORS[k % len(ACTORS)] for k in range(quotes // 10)]
    return make_record(XRAY_ID, quotes=items, non_responses=silent,
                       url="https://news.example.com/2025/09/long-read-200", outlet="news.example.com",
                       published="2025-09-15", title="The long read: two hundred voices on the budget",
                       body="The budget fight has drawn in everyone from ministers to market traders.")


def synthetic_records(count: int, seed: int = 1) -> Iterator[ArticleRecord]:
    """``count`` varied articles: 12 outlets, dates over two years, 0-8 quotes from a pool of named
    people and anonymous descriptions, hedges, and "declined to comment" in about a third of them."""
    rng = random.Random(seed)
    people = _people(rng, 300)
    for n in range(count):
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        day = 1 + rng.randrange(730)  # 2024-01-01 .. 2025-12-30
        year, doy = (2024, day) if day <= 366 else (2025, day - 366)
        month = min(12, 1 + (doy - 1) // 31)
        published = f"{year}-{month:02d}-{1 + (doy - 1) % 28:02d}"
        topic = rng.choice(TOPICS)
        quotes = []
        for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 8))):
            anonymous = rng.random() < 0.25
            quotes.append(Quote(rng.choice(ANONYMOUS) if anonymous else rng.choice(people),
                                rng.choice(CLAIMS).format(t=topic),
                                identity="anonymous" if anonymous else "named",
                                hedge=rng.choice(HEDGES) if rng.random() < 0.12 else None,
                                role=rng.choice(ROLES)))
        silent = rng.sample(ACTORS, rng.choice((1, 2))) if rng.random() < 0.33 else []
        body = (f"The {topic} {rng.choice(VERBS)} in {outlet.split('.')[0].replace('-', ' ')} coverage. "
                f"Reporters followed the {topic} story through the week, story number {n}.")
        yield make_record(f"synth-{n:06d}", quotes=quotes, non_responses=silent,
                          url=f"https://{outlet}/{published[:7].replace('-', '/')}/"
                              f"{topic.replace(' ', '-')}-{n}",
                          outlet=outlet, published=published,
                          title=f"{topic.capitalize()} {rng.choice(VERBS)}",
                          body=body)


def store_key(articles: int, seed: int) -> dict[str, object]:
    """What a cached store must match to be reused."""
    return {"synth": SYNTH_VERSION, "onrecord": __version__, "articles": articles, "seed": seed}


def build_store(path: Path, articles: int, seed: int = 1) -> float:
    """Write the long x-ray article plus ``articles`` synthetic ones through ``Store.store_record``
    (the same tables and search index ``ingest`` fills); returns the seconds it took."""
    start = time.perf_counter()
    with Store.open(str(path)) as store:
        store.migrate()
        run = store.start_run("ingest", ["bench-web-synthetic"], {"min_confidence": 0.5})
        store.store_record(xray_record(), run_id=run, input_key=XRAY_ID)
        for record in synthetic_records(articles, seed):
            store.store_record(record, run_id=run, input_key=record.id)
        store.finish_run(run, "ok")
    return time.perf_counter() - start


def cached_store(path: Path, articles: int, seed: int = 1) -> tuple[Path, float | None]:
    """``path`` holding the store for (articles, seed), built unless a matching one is cached.

    Returns (path, build seconds or None when reused). Built under a temporary name and renamed,
    so an interrupted build is never mistaken for a finished one.
    """
    key_file = path.with_name(path.name + ".key.json")
    key = store_key(articles, seed)
    if path.exists() and key_file.exists():
        try:
            if json.loads(key_file.read_text(encoding="utf-8")) == key:
                return path, None
        except ValueError:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for stale in (*path.parent.glob(path.name + "*"), *path.parent.glob(partial.name + "*")):
        stale.unlink()
    seconds = build_store(partial, articles, seed)
    partial.rename(path)
    key_file.write_text(json.dumps(key), encoding="utf-8")
    return path, seconds
