"""Fit the accurate mode's confidence calibration on train folds and store it in the sidecar.

    python benchmarks/calibrate_accurate.py TRAIN.jsonl \\
        --fold 0 /tmp/f0.crfsuite /tmp/f0.onnx --fold 1 /tmp/f1.crfsuite /tmp/f1.onnx \\
        [--write onrecord/models/attributions-minilm.onnx]

Each fold is tagged by models trained without it (``make train`` / ``make train-accurate``
with ``--exclude-fold``). The transformer's attributions (the CRF's additions keep the CRF's
confidence) are matched to gold the lenient way; an isotonic fit maps the raw confidence (the
mean label probability of the spans) to the share that matched. ``--write`` stores the
points in the model's sidecar, where ``NeuralTagger.calibrated`` reads them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord.evaluation.attributions import score_attributions
from onrecord.nlp.attributions.extractor import _find
from onrecord.nlp.attributions.features import token_table
from onrecord.nlp.attributions.neural import NeuralTagger
from onrecord.nlp.attributions.tagger import AttributionModel, sidecar_path
from onrecord.train.corpus import fold_split, parsed_docs


def isotonic(points: list[tuple[float, bool]]) -> list[tuple[float, float, int]]:
    """Pool-adjacent-violators: (mean x, fitted y, count) per block, increasing in x and y."""
    blocks: list[list[float]] = []  # sum x, sum y, n
    for x, y in sorted(points):
        blocks.append([x, float(y), 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            x2, y2, n2 = blocks.pop()
            blocks[-1][0] += x2
            blocks[-1][1] += y2
            blocks[-1][2] += n2
    return [(sx / n, sy / n, int(n)) for sx, sy, n in blocks]


def fold_flags(train: str, fold: int, of: int, crf: str, onnx: str) -> list[tuple[float, bool]]:
    _, pairs = fold_split(parsed_docs(train), fold, of)
    model, neural = AttributionModel.load(crf), NeuralTagger.load(onnx)
    triples = []
    for gold, doc in pairs:
        found = _find(doc, model, token_table(doc), neural)
        triples.append((gold["text"], gold["attributions"], [a.to_dict() for a in found]))
    return score_attributions(triples).matched_flags


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train")
    ap.add_argument("--fold", nargs=3, action="append", metavar=("F", "CRF", "ONNX"), required=True)
    ap.add_argument("--of", type=int, default=5)
    ap.add_argument("--write", default=None, help="the ONNX model whose sidecar gets the points")
    args = ap.parse_args(argv)
    flags: list[tuple[float, bool]] = []
    for fold, crf, onnx in args.fold:
        flags += fold_flags(args.train, int(fold), args.of, crf, onnx)
    blocks = isotonic(flags)
    print(f"{len(flags)} attributions, {len(blocks)} blocks")
    for x, y, n in blocks:
        print(f"  raw {x:.3f} -> {y:.3f}  (n={n})")
    if args.write:
        side = sidecar_path(args.write)
        meta = json.loads(Path(side).read_text(encoding="utf-8"))
        meta["calibration"] = {
            "points": [[round(x, 4), round(y, 4)] for x, y, _ in blocks],
            "fit": f"isotonic, lenient matches of the transformer's attributions on train folds "
                   f"{', '.join(f for f, _, _ in args.fold)} of {args.of} (benchmarks/calibrate_accurate.py)",
        }
        Path(side).write_text(json.dumps(meta, sort_keys=True, indent=1), encoding="utf-8")
        print(f"wrote {side}")


if __name__ == "__main__":
    main()
