"""Score the accurate mode's merge on train folds (or dev) for several thresholds at once.

    python benchmarks/sweep_accurate.py GOLD.jsonl --model F.crfsuite --accurate-model N.onnx
        [--fold F --of 5] [--thresholds 0.3,0.4,0.5,0.6]

Tags each document once with the CRF (``--model``, trained without the fold) and the
transformer (``--accurate-model``; the shipped one was trained on all of train, so on a
train fold its scores are optimistic), then merges (``extractor.merge_accurate``) at each
threshold. Prints lenient P / R / F1 and the source-coverage proxy of
``benchmarks/error_analysis.py --sources`` for the default mode and each threshold.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from error_analysis import source_misses

from onrecord.evaluation.attributions import score_attributions
from onrecord.nlp.attributions.extractor import _find, merge_accurate, paragraph_features
from onrecord.nlp.attributions.features import token_table
from onrecord.nlp.attributions.neural import NeuralTagger
from onrecord.nlp.attributions.tagger import AttributionModel
from onrecord.records import Attribution
from onrecord.train.corpus import fold_split, parsed_docs


def report(name: str, golds: list[dict[str, Any]], found: list[list[Attribution]]) -> None:
    preds = [[a.to_dict() for a in atts] for atts in found]
    triples = ((g["text"], g["attributions"], p) for g, p in zip(golds, preds, strict=True))
    row = score_attributions(triples).row("attribution lenient")
    buckets = [b for g, p in zip(golds, preds, strict=True) for b, _ in source_misses(g, {"attributions": p})]
    cov = 100 * buckets.count("covered") / max(1, len(buckets))
    print(f"{name:>24}  P {100 * row.precision:5.1f}  R {100 * row.recall:5.1f}  "
          f"F1 {100 * row.f1:5.1f}  coverage {cov:5.1f}", flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--model", default=None, help="CRF model file (default: the packaged one)")
    ap.add_argument("--accurate-model", default=None, help="transformer file (default: the packaged one)")
    ap.add_argument("--fold", type=int, default=-1)
    ap.add_argument("--of", type=int, default=5)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6")
    args = ap.parse_args(argv)
    pairs = parsed_docs(args.gold)
    if args.fold >= 0:
        _, pairs = fold_split(pairs, args.fold, args.of)
    model = AttributionModel.load(args.model)
    neural = NeuralTagger.load(args.accurate_model)
    if neural.calibration is None:  # a fold model has no calibration of its own: use the shipped one
        neural = replace(neural, calibration=NeuralTagger.load().calibration)
    crf_found, nn_found = [], []
    for _, doc in pairs:
        table = token_table(doc)
        paragraphs = paragraph_features(doc, model, table)
        crf_found.append(_find(doc, model, table, None, paragraphs))
        tagged = _find(doc, model, table, neural, paragraphs)
        nn_found.append([replace(a, confidence=neural.calibrated(a.confidence)) for a in tagged])
    golds = [rec for rec, _ in pairs]
    print(f"{len(pairs)} documents")
    report("default", golds, crf_found)
    for t in (float(x) for x in args.thresholds.split(",")):
        merged = [merge_accurate(c, n, t) for c, n in zip(crf_found, nn_found, strict=True)]
        report(f"accurate, >= {t}", golds, merged)


if __name__ == "__main__":
    main()
