"""Score the places stage on GeoWebNews dev (needs ../shared); use dev sparingly.

    .venv/bin/python benchmarks/eval_places.py [SHARED_DIR] [--out DIR]

Runs the default pipeline on each article's text (ids and texts only), then writes two
prediction files and scores both with ``shared/eval/score_places.py``: the record's places (the
wire convention: no demonyms), and the same with country adjectives added (GeoWebNews counts
"Turkish officials" as a toponym), which is ``find_places(doc, demonyms=True)``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from onrecord.nlp.model import build_nlp
from onrecord.nlp.places import find_places


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", nargs="?", default="../shared")
    ap.add_argument("--out", default="bench-out")
    args = ap.parse_args()
    gold = Path(args.shared) / "data/places/places_dev.jsonl"
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = build_nlp()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    preds: dict[str, list[str]] = {"record": [], "demonyms": []}
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        for name, dem in (("record", False), ("demonyms", True)):
            places = [p.to_dict() for p in find_places(doc, demonyms=dem)]
            preds[name].append(json.dumps({"id": row["id"], "places": places}))
    scorer = Path(args.shared) / "eval/score_places.py"
    for name, lines in preds.items():
        path = out / f"places_gwn_{name}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"== GeoWebNews dev, {name}", flush=True)
        subprocess.run([sys.executable, str(scorer), str(gold), str(path)], check=True)


if __name__ == "__main__":
    main()
