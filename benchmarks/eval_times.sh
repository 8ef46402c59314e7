#!/bin/sh
# Score the times stage on the shared dev sets (needs ../shared). Unlike eval_dev.sh, the inputs
# carry the article's "published" date, the metadata times resolve against (issue 12); the
# wire set is also run without it, so that times resolve against the dateline alone.
#   benchmarks/eval_times.sh [SHARED_DIR]
set -eu
SHARED=${1:-../shared}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"
BIN=.venv/bin
keep() {  # keep() GOLD FIELDS...: the gold lines reduced to the given input fields
  gold=$1; shift
  $BIN/python -c "import json,sys
keys = sys.argv[2:]
for line in open(sys.argv[1], encoding='utf-8'):
    if line.strip():
        o = json.loads(line); print(json.dumps({k: o[k] for k in keys}))" "$gold" "$@"
}
keep "$SHARED/data/times/times_dev.jsonl" id text published > "$OUT/times_input.jsonl"
keep "$SHARED/data/wire/wire_dev.jsonl" id text published > "$OUT/wire_published_input.jsonl"
keep "$SHARED/data/wire/wire_dev.jsonl" id text > "$OUT/wire_dateline_input.jsonl"
for set in times wire_published wire_dateline; do
  $BIN/onrecord analyze "$OUT/${set}_input.jsonl" --format jsonl --jobs 1 --silent --no-language-check \
    > "$OUT/${set}_pred.jsonl"
done
echo "== times dev (published given)"
python3 "$SHARED/eval/score_times.py" "$SHARED/data/times/times_dev.jsonl" "$OUT/times_pred.jsonl"
echo "== wire dev, times (published given)"
python3 "$SHARED/eval/score_record.py" "$SHARED/data/wire/wire_dev.jsonl" "$OUT/wire_published_pred.jsonl" | grep '^times'
echo "== wire dev, times (dateline only)"
python3 "$SHARED/eval/score_record.py" "$SHARED/data/wire/wire_dev.jsonl" "$OUT/wire_dateline_pred.jsonl" | grep '^times'
