#!/bin/sh
# Score the events stage on the PLOVER 2.0 dev sentences (needs ../shared).
#   benchmarks/eval_events.sh [SHARED_DIR]
# Inputs keep only "id" and "text". Dev is small: measure sparingly, do not tune on its items.
set -eu
SHARED=${1:-../shared}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"
gold=$SHARED/data/events/plover_dev.jsonl
.venv/bin/python -c "import json,sys
for line in open(sys.argv[1], encoding='utf-8'):
    if line.strip():
        o = json.loads(line); print(json.dumps({'id': o['id'], 'text': o['text']}))" "$gold" > "$OUT/plover_input.jsonl"
.venv/bin/onrecord analyze "$OUT/plover_input.jsonl" --format jsonl --jobs 1 --silent --no-language-check \
  > "$OUT/plover_pred.jsonl"
echo "== PLOVER dev: events"
python3 "$SHARED/eval/score_events.py" "$gold" "$OUT/plover_pred.jsonl"
