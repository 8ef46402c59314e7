"""Run the attribution extractor on a gold JSONL file and bucket its errors.

    python benchmarks/error_analysis.py GOLD.jsonl [--model M] [--accurate-model N] [--out PRED.jsonl]
        [--fold 0 --of 5] [--examples 3] [--sources]

Writes predictions in the record form (scorable with shared/eval/score_attributions.py)
and prints counts per error bucket, so a change can be aimed at the biggest one.
``--sources`` adds a train-fold proxy for the source labels' coverage (which exist for dev
only): the share of gold attributions with a source whose source span some predicted
source overlaps (the matching rule of shared/eval/score_sources.py), and buckets for the misses.
Use a train fold (``--fold/--of``, with a model trained without it) or dev, sparingly.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from onrecord.nlp.attributions.tagger import AttributionModel
from onrecord.train.attributions import predict_records
from onrecord.train.corpus import fold_split, parsed_docs

_WORD = re.compile(r"\w+")


def _spans(role: Any) -> list[tuple[int, int]]:
    if role is None:
        return []
    if isinstance(role, dict):
        role = role.get("spans") or []
    return [(int(s), int(e)) for s, e in role if e > s]


def _words(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word tokens a span set touches (the scorer's trimmed form)."""
    out = set()
    for s, e in spans:
        for m in _WORD.finditer(text, max(0, s - 40), min(len(text), e + 40)):
            if m.start() < e and m.end() > s:
                out.add(m.start())
    if not out:
        return frozenset(-1 - s for s, e in spans for s in range(s, e) if not text[s].isspace())
    return frozenset(out)


def bucket_errors(gold: dict[str, Any], pred: dict[str, Any]) -> list[tuple[str, str]]:
    """(bucket, example text) for every gold and predicted attribution that is not exact."""
    text = gold["text"]
    out: list[tuple[str, str]] = []
    g_atts = [{k: _spans(a.get(k)) for k in ("cue", "source", "content")} for a in gold["attributions"]]
    p_atts = [{k: _spans(a.get(k)) for k in ("cue", "source", "content")} for a in pred["attributions"]]
    gw = [{k: _words(text, a[k]) if a[k] else frozenset() for k in a} for a in g_atts]
    pw = [{k: _words(text, a[k]) if a[k] else frozenset() for k in a} for a in p_atts]
    used: set[int] = set()

    def show(a: dict[str, list[tuple[int, int]]]) -> str:
        return " | ".join(
            " … ".join(text[s:e] for s, e in a[k])[:90] or "∅" for k in ("source", "cue", "content")
        )

    for gi, g in enumerate(gw):
        ga = g_atts[gi]
        tags = []
        if not ga["source"]:
            tags.append("no-source")
        if len(ga["content"]) > 1 and any(
            "\n" in text[ga["content"][i][1] : ga["content"][i + 1][0]] for i in range(len(ga["content"]) - 1)
        ):
            tags.append("multi-paragraph")
        cands = [pi for pi, p in enumerate(pw) if p["cue"] & g["cue"] and pi not in used]
        if not cands:
            out.append(("missed cue" + (f" [{','.join(tags)}]" if tags else ""), show(ga)))
            continue
        pi = max(
            cands, key=lambda i: len(pw[i]["content"] & g["content"]) + 2 * len(pw[i]["source"] & g["source"])
        )
        used.add(pi)
        p = pw[pi]
        pa = p_atts[pi]
        problems = []
        if p["cue"] != g["cue"]:
            problems.append("cue edge")
        if not g["source"] and p["source"]:
            problems.append("spurious source")
        elif g["source"] and not p["source"]:
            problems.append("missing source")
        elif g["source"] and not (p["source"] & g["source"]):
            problems.append("wrong source")
        elif p["source"] != g["source"]:
            problems.append("source edge")
        if not (p["content"] & g["content"]):
            problems.append("wrong content")
        elif p["content"] != g["content"]:
            if len(ga["content"]) > len(pa["content"]):
                problems.append("content edge: missing fragment")
            elif len(ga["content"]) < len(pa["content"]):
                problems.append("content edge: extra fragment")
            elif min(g["content"]) != min(p["content"]):
                problems.append("content edge: start")
            else:
                problems.append("content edge: end")
        if not problems and any(sorted(ga[k]) != sorted(pa[k]) for k in ("cue", "source", "content")):
            problems.append("punctuation only (strict)")
        for prob in problems:
            out.append((prob + (f" [{','.join(tags)}]" if tags else ""), show(ga) + "   ⇒   " + show(pa)))
        if not problems:
            out.append(("ok", ""))
    for pi, pa in enumerate(p_atts):
        if pi not in used:
            out.append(("spurious cue", show(pa)))
    return out


def _touches(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def source_misses(gold: dict[str, Any], pred: dict[str, Any]) -> list[tuple[str, str]]:
    """("covered" or a miss bucket, example) for every gold attribution with a source."""
    text = gold["text"]
    p_atts = [{k: _spans(a.get(k)) for k in ("cue", "source", "content")} for a in pred["attributions"]]
    out: list[tuple[str, str]] = []
    for a in gold["attributions"]:
        src, cue = _spans(a.get("source")), _spans(a.get("cue"))
        if not src:
            continue
        if any(_touches(src, p["source"]) for p in p_atts):
            out.append(("covered", ""))
            continue
        at_cue = [p for p in p_atts if _touches(cue, p["cue"])]
        lo, hi = min(s for s, _ in src + cue), max(e for _, e in src + cue)
        between = text[lo:hi]
        crosses = re.search(r"[.?!][\"”’']*\s", between) or "\n" in between
        where = "other sentence" if crosses else "same sentence"
        if not at_cue:
            bucket = f"cue missed, source in {where}"
        elif any(p["source"] for p in at_cue):
            bucket = f"cue found, other source, source in {where}"
        else:
            bucket = f"cue found, no source, source in {where}"
        ex = " … ".join(text[s:e] for s, e in src)[:60] + " | " + " … ".join(text[s:e] for s, e in cue)[:40]
        out.append((bucket, ex))
    return out


def _tally(pairs: list[Any], preds: list[dict[str, Any]],
           buckets: Callable[[dict[str, Any], dict[str, Any]], Iterable[tuple[str, str]]],
           keep: int) -> tuple[Counter[str], dict[str, list[str]]]:
    """Count each bucket ``buckets(gold, pred)`` yields over all documents, with up to ``keep``
    examples per bucket."""
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for (gold, _), pred in zip(pairs, preds, strict=True):
        for b, ex in buckets(gold, pred):
            counts[b] += 1
            if len(examples[b]) < keep and ex:
                examples[b].append(ex)
    return counts, examples


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--model", default=None, help="model file (default: the packaged one)")
    ap.add_argument("--accurate-model", default=None,
                    help="also run the accurate mode with this transformer file (int8 ONNX)")
    ap.add_argument("--out", default=None, help="write predictions here (JSONL, record form)")
    ap.add_argument("--fold", type=int, default=-1)
    ap.add_argument("--of", type=int, default=5)
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--sources", action="store_true", help="also the source-coverage proxy and its misses")
    args = ap.parse_args(argv)

    pairs = parsed_docs(args.gold)
    if args.fold >= 0:
        _, pairs = fold_split(pairs, args.fold, args.of)
    model = AttributionModel.load(args.model)
    neural = None
    if args.accurate_model:
        from onrecord.nlp.attributions.neural import NeuralTagger

        neural = NeuralTagger.load(args.accurate_model)
    preds = predict_records(pairs, model, neural)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    counts, examples = _tally(pairs, preds, bucket_errors, args.examples)
    n_gold = sum(len(g["attributions"]) for g, _ in pairs)
    n_pred = sum(len(p["attributions"]) for p in preds)
    print(f"{len(pairs)} docs, {n_gold} gold attributions, {n_pred} predicted")
    for b, c in counts.most_common():
        print(f"{c:6d}  {b}")
        for ex in examples[b]:
            print("          " + ex.replace("\n", " ⏎ "))
    if args.sources:
        s_counts, s_examples = _tally(pairs, preds, source_misses, args.examples)
        total, hit = sum(s_counts.values()), s_counts["covered"]
        print(f"source coverage (proxy): {hit}/{total} = {100 * hit / total:.1f}%")
        for b, c in s_counts.most_common():
            if b != "covered":
                print(f"{c:6d}  {b}")
                for ex in s_examples[b]:
                    print("          " + ex.replace("\n", " ⏎ "))


if __name__ == "__main__":
    main()
