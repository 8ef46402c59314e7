"""Story building at scale (issue 13): generated stores of 10k, 30k and 100k articles, 5 per story.

Each story is made from a template: a base report, a wire copy (same body, ending trimmed, a new
headline and the copier's boilerplate), a second copy, a re-report that credits the base outlet
and repeats two of its quotes, and a follow-up two days later. Stories draw their names, places
and topics from large invented pools, with about 55 stories a day, so a 7-day window holds a few
thousand articles. Records are written straight into the store (``make_record`` offsets, the
store's own writer, 1,000 per transaction); nothing goes through spaCy. Each store is cached
pristine under bench-out/ and copied before a build.

For each size, ``onrecord stories build --format json`` runs in a child process under
``/usr/bin/time`` (wall seconds, peak RSS); on the largest size, 1,000 new articles (half of them
joining recent stories, half new stories) are then added and built again. Targets: 100k in
<= 600 s and <= 2 GB, +1,000 in <= 30 s.

    .venv/bin/python benchmarks/bench_stories.py            # 10k, 30k, 100k
    .venv/bin/python benchmarks/bench_stories.py --quick    # 2k, 5k
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # test_store_records: make_record and Quote

from test_store_records import Quote, make_record  # noqa: E402

from onrecord.records import ArticleRecord  # noqa: E402
from onrecord.store import Store  # noqa: E402
from onrecord.store import writer as _writer  # noqa: E402
from onrecord.stories.features import FEATURES_VERSION  # noqa: E402

BENCH_VERSION = "stories-synth-3"
PER_STORY = 5
STORIES_PER_DAY = 55
START = datetime(2024, 1, 1, tzinfo=UTC)
SYLLABLES = ("ka", "lo", "ven", "dra", "mi", "sor", "tal", "bek", "ru", "nis", "hol", "gar", "pe", "zu",
             "lin", "mar", "tos", "vi", "quen", "dal", "ber", "fo", "ash", "rim")
TOPICS = ("port strike", "bridge collapse", "water contract", "election recount", "bank merger",
          "hospital closure", "rail tender", "mine flooding", "fuel subsidy", "school fire", "trade deal",
          "pipeline leak", "court ruling", "drug recall", "airline crash", "land dispute", "data breach",
          "tax reform", "dam project", "vaccine rollout")
FILLER = ("Officials in {p} met late into the evening to discuss the next steps.",
          "Residents of {p} gathered outside the building as the news spread.",
          "The announcement came after weeks of speculation in {p}.",
          "Analysts said the decision could shape the coming months in {p}.",
          "Several groups in {p} have called for an independent review of the process.",
          "The {p} administration has faced growing pressure over the issue this year.",
          "Traders in {p} reacted calmly to the first reports on Tuesday.",
          "A spokesperson for {p} promised further details in the coming days.")
OUTLETS = tuple(f"{a}{b} {kind}" for a in ("Nor", "Vel", "Ash", "Kar", "Mer", "Tal", "Bri", "Sol")
                for b in ("dale", "mont", "ford", "wick") for kind in ("Times", "Wire", "Herald"))


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def story_records(n_stories: int, seed: int, first: int = 0) -> Iterator[ArticleRecord]:
    """The articles of stories ``first`` .. ``first + n_stories - 1``, in story order."""
    for k in range(first, first + n_stories):
        rng = random.Random(f"{seed}:{k}")
        person, other = f"{_word(rng, 2)} {_word(rng, 3)}", f"{_word(rng, 2)} {_word(rng, 2)}"
        place, org = _word(rng, 3), f"{_word(rng, 2)} {rng.choice(('Group', 'Council', 'Ltd'))}"
        topic = f"{rng.choice(TOPICS).split()[0]} {rng.choice(TOPICS).split()[1]}"  # 400 topics
        base_outlet, *others = rng.sample(OUTLETS, 5)
        when = START + timedelta(days=k / STORIES_PER_DAY, minutes=rng.randrange(600))
        number = rng.randrange(3, 900)
        w = [_word(rng, 2).lower() for _ in range(6)]  # the story's own words (a ship, a product, ...)
        facts = [f"The {w[0]} {topic} in {place} left {number} {w[1]} workers waiting for {w[2]} payments.",
                 f"{person} said the {w[3]} plan for {place} would be reviewed by the {w[4]} committee.",
                 f"{org} confirmed on Monday that it was reviewing the {topic} in {place}.",
                 f"Police in {place} said {rng.randrange(2, 40)} people had been questioned.",
                 *(f.format(p=place) for f in rng.sample(FILLER, 2)),
                 f"The {topic} is expected to be discussed by the {place} council next week."]
        quotes = [Quote(person, f"We will find out what went wrong with the {topic} in {place}"),
                  Quote(other, f"Nobody at {org} warned us about the {topic}", role="witness"),
                  Quote("a person familiar with the matter", f"The {org} board knew in advance",
                        identity="anonymous")]
        title = f"{w[0].capitalize()} {topic} in {place}: {org} and {w[3]} plan under pressure"
        base_body = " ".join(facts)
        slug = f"{place.lower()}-{topic.replace(' ', '-')}-{k}"

        def record(suffix: str, outlet: str, minutes: float, title: str, body: str, quotes: list[Quote],
                   k: int = k, when: datetime = when, slug: str = slug) -> ArticleRecord:
            stamp = (when + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
            host = outlet.lower().replace(" ", "-") + ".example"
            made: ArticleRecord = make_record(
                f"bst-{k:06d}-{suffix}", quotes=quotes, url=f"https://{host}/{slug}-{suffix}", outlet=outlet,
                published=stamp, title=title, body=f"{title}\n\n{body}")
            return made

        yield record("a", base_outlet, 0, title, base_body, quotes)
        copy_body = f"({base_outlet}) " + " ".join(facts[:-1]) + " Subscribe to our newsletter."
        yield record("b", others[0], 25, f"{org} faces {w[5]} questions over {place} {w[0]} {topic}",
                     copy_body, quotes)
        yield record("e", others[1], 70, f"{place} {w[0]} {topic}: what we know", copy_body, quotes[:2])
        rereport = (f"{org} is under scrutiny over the {w[0]} {topic} in {place}, {base_outlet} reported. "
                    f"The {w[1]} workers and {w[2]} payments are at the centre of it, {person} said. "
                    f"{rng.choice(FILLER).format(p=place)} "
                    f"According to {base_outlet}, {number} people were affected.")
        yield record("c", others[2], 200, f"{place}: {org} scrutinised after {w[0]} {topic}", rereport,
                     quotes[:2])
        follow = (f"Two days after the {w[0]} {topic} in {place}, {org} announced a {w[4]} inquiry "
                  f"into the {w[3]} plan. "
                  f"{rng.choice(FILLER).format(p=place)} Families in {place} said they wanted answers.")
        lawyer = Quote(f"{_word(rng, 2)} {_word(rng, 2)}", f"The inquiry into the {topic} must be public")
        yield record("d", others[3], 2 * 1440 + 90, f"{org} opens {w[4]} inquiry into {place} {w[0]} {topic}",
                     follow, [lawyer])


def write_store(path: Path, records: Iterator[ArticleRecord], batch: int = 1000) -> int:
    """Write records through the store's writer, ``batch`` per transaction; returns the count."""
    done = 0
    with Store.open(str(path)) as store:
        store.migrate()
        while True:
            chunk = [r for _, r in zip(range(batch), records, strict=False)]
            if not chunk:
                return done
            with store.engine.begin() as conn:
                for r in chunk:
                    _writer.store_record(conn, r, run_id=None, input_key=None)
            done += len(chunk)


def pristine(out: Path, articles: int, seed: int) -> tuple[Path, float | None]:
    """A cached generated store of ``articles`` articles (built unless a matching one exists)."""
    path = out / f"stories-{articles}.db"
    key_file, key = path.with_name(path.name + ".key.json"), {"v": BENCH_VERSION, "n": articles, "seed": seed,
                                                     "features": FEATURES_VERSION}
    if path.exists() and key_file.exists() and json.loads(key_file.read_text(encoding="utf-8")) == key:
        return path, None
    partial = path.with_name(path.name + ".partial")
    for stale in (*out.glob(path.name + "*"), *out.glob(partial.name + "*")):
        stale.unlink()
    start = time.perf_counter()
    write_store(partial, story_records(articles // PER_STORY, seed))
    partial.rename(path)
    key_file.write_text(json.dumps(key), encoding="utf-8")
    return path, time.perf_counter() - start


def timed_build(db: Path) -> dict[str, object]:
    """``onrecord stories build`` in a child process: its summary, wall and CPU seconds (user +
    system: what the build costs when other work shares the cores) and peak RSS."""
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", str(ROOT / ".venv" / "bin" / "onrecord"), "stories", "build",
           "--db", str(db), "--format", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall, user, system, rss_kb = proc.stderr.strip().splitlines()[-1].split()
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"seconds": float(wall), "cpu_seconds": round(float(user) + float(system), 1),
            "peak_rss_mb": round(int(rss_kb) / 1024), "summary": summary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2k and 5k articles")
    parser.add_argument("--sizes", default=None, help="comma-separated article counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("2000,5000" if args.quick else "10000,30000,100000")).split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for n in sizes:
        source, gen = pristine(args.out, n, args.seed)
        work = args.out / f"stories-{n}-work.db"
        for stale in args.out.glob(work.name + "*"):
            stale.unlink()
        shutil.copyfile(source, work)
        row: dict[str, object] = {"articles": n, "stories": n // PER_STORY,
                                  "generate_seconds": None if gen is None else round(gen, 1)}
        row["build"] = timed_build(work)
        if n == sizes[-1]:
            # 1,000 more: 100 stories that began in the last two days get a late copy and a
            # follow-up each (200), and 160 new stories of 5 (800), all after the store's end.
            last = n // PER_STORY
            extra = [r for r in story_records(160, args.seed, first=last)]
            for k in range(last - 100, last):
                rs = list(story_records(1, args.seed, first=k))
                for r, suffix in ((rs[1], "late-copy"), (rs[4], "late-follow")):
                    extra.append(make_record(f"{r.id}-{suffix}", quotes=(), url=f"{r.url}-{suffix}",
                                             outlet=r.outlet, published=r.published,
                                             title=r.title, body=r.text))
            write_store(work, iter(extra))
            row["add_1000"] = timed_build(work)
        results.append(row)
        build = row["build"]
        assert isinstance(build, dict)
        print(f"{n:>7} articles: build {build['seconds']:.1f} s ({build['cpu_seconds']} s CPU), "
              f"peak RSS {build['peak_rss_mb']} MB, "
              f"{build['summary']['new_stories']} stories, timings {build['summary']['timings']}", flush=True)
        if "add_1000" in row:
            add = row["add_1000"]
            assert isinstance(add, dict)
            print(f"         +1,000 articles: {add['seconds']:.1f} s ({add['cpu_seconds']} s CPU), "
                  f"peak RSS {add['peak_rss_mb']} MB, "
                  f"{add['summary']['new_stories']} new stories", flush=True)
    (args.out / "bench_stories.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
