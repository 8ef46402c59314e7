#!/bin/sh
# Score story building on the shared dev sets (needs ../shared): the authored stories_dev and the
# UCI headlines. Only the input fields reach onrecord (id, url, outlet, published, title, text);
# each set is ingested into a fresh SQLite store, built, exported and scored.
#   benchmarks/eval_stories.sh [SHARED_DIR]
set -eu
SHARED=${1:-../shared}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"
BIN=.venv/bin
for set in stories_dev uci_dev; do
  gold="$SHARED/data/stories/$set.jsonl"
  $BIN/python -c "import json,sys
for line in open(sys.argv[1], encoding='utf-8'):
    if line.strip():
        o = json.loads(line)
        print(json.dumps({k: o[k] for k in ('id', 'url', 'outlet', 'published', 'title', 'text') if k in o}))" \
    "$gold" > "$OUT/${set}_input.jsonl"
  rm -f "$OUT/$set.db" "$OUT/$set.db-wal" "$OUT/$set.db-shm"
  $BIN/onrecord ingest "$OUT/${set}_input.jsonl" --db "$OUT/$set.db" --quiet
  $BIN/onrecord stories build --db "$OUT/$set.db"
  $BIN/onrecord stories export --db "$OUT/$set.db" > "$OUT/${set}_pred.jsonl"
  echo "== $set"
  python3 "$SHARED/eval/score_stories.py" "$gold" "$OUT/${set}_pred.jsonl"
done
