#!/bin/sh
# Score onrecord on the shared dev sets with the shared scorers (needs ../shared).
#   benchmarks/eval_dev.sh [SHARED_DIR]
# Inputs keep only "id" and "text", as the issues prescribe. Use dev sparingly.
set -eu
SHARED=${1:-../shared}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"
BIN=.venv/bin
for set in polnear wire; do
  case $set in
    polnear) gold=$SHARED/data/polnear/dev.jsonl ;;
    wire) gold=$SHARED/data/wire/wire_dev.jsonl ;;
  esac
  $BIN/python -c "import json,sys
for line in open(sys.argv[1], encoding='utf-8'):
    if line.strip():
        o = json.loads(line); print(json.dumps({'id': o['id'], 'text': o['text']}))" "$gold" > "$OUT/${set}_input.jsonl"
  $BIN/onrecord analyze "$OUT/${set}_input.jsonl" --format jsonl --jobs 2 --silent --no-language-check > "$OUT/${set}_pred.jsonl"
done
echo "== PolNeAR dev: attributions"
python3 "$SHARED/eval/score_attributions.py" "$SHARED/data/polnear/dev.jsonl" "$OUT/polnear_pred.jsonl"
echo "== PolNeAR dev: source typing"
python3 "$SHARED/eval/score_sources.py" "$SHARED/data/polnear/source_labels_dev.jsonl" "$OUT/polnear_pred.jsonl"
echo "== wire dev: whole record"
python3 "$SHARED/eval/score_record.py" "$SHARED/data/wire/wire_dev.jsonl" "$OUT/wire_pred.jsonl"
