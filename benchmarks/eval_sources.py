"""Dev tool: type sources on GOLD attribution spans and write ArticleRecord-like JSON lines.

It measures source clustering and typing on their own, given gold attributions, so the
output can be scored with shared/eval/score_sources.py (PolNeAR source labels) and
shared/eval/score_record.py (wire reports, sources section)::

    .venv/bin/python benchmarks/eval_sources.py ../shared/data/polnear/dev.jsonl \\
        --only ../shared/data/polnear/source_labels_dev.jsonl -o /tmp/src_polnear.jsonl
    python3 ../shared/eval/score_sources.py ../shared/data/polnear/source_labels_dev.jsonl \\
        /tmp/src_polnear.jsonl
    .venv/bin/python benchmarks/eval_sources.py ../shared/data/wire/wire_dev.jsonl -o /tmp/src_wire.jsonl
    python3 ../shared/eval/score_record.py ../shared/data/wire/wire_dev.jsonl /tmp/src_wire.jsonl

With ``--predicted`` the whole pipeline runs and the sources come from predicted
attributions (what the final system delivers); the ms/article figure then covers nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from onrecord.nlp.extensions import attributions_of, register_extensions, sources_of
from onrecord.nlp.model import build_nlp, load_base_model
from onrecord.nlp.sources import build_sources
from onrecord.records import Attribution, Span
from onrecord.train.corpus import read_jsonl


def gold_attributions(article: dict[str, Any]) -> list[Attribution]:
    """Attribution records built from the gold cue / source / content spans of one article."""
    text = article["text"]
    out = []
    for a in article["attributions"]:
        source = Span.from_offsets(text, a["source"]) if a.get("source") else None
        out.append(Attribution(
            id=str(a["id"]), kind="other", mode="statement",
            cue=Span.from_offsets(text, a["cue"]), source=source,
            content=Span.from_offsets(text, a.get("content") or []),
        ))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="PolNeAR or wire JSON lines with gold attributions")
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--only", type=Path, help="keep only articles whose id occurs in this JSON lines file")
    ap.add_argument("--predicted", action="store_true",
                    help="run the full pipeline: sources from PREDICTED attributions (the final system)")
    args = ap.parse_args(argv)

    keep = {r["id"] for r in read_jsonl(args.only)} if args.only else None
    articles = [a for a in read_jsonl(args.gold) if keep is None or a["id"] in keep]
    register_extensions()
    nlp = build_nlp() if args.predicted else load_base_model()
    spent = 0.0
    with args.out.open("w", encoding="utf-8") as out:
        docs = nlp.pipe((a["text"] for a in articles), batch_size=16)
        for art, doc in zip(articles, docs, strict=True):
            doc._.onrecord_doc_id = art["id"]
            t0 = time.perf_counter()
            if args.predicted:
                sources, linked = sources_of(doc), attributions_of(doc)
            else:
                sources, linked = build_sources(doc, gold_attributions(art))
            spent += time.perf_counter() - t0
            rec = {"id": art["id"], "attributions": [a.to_dict() for a in linked],
                   "sources": [s.to_dict() for s in sources]}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, build_sources {1000 * spent / max(1, len(articles)):.1f} ms/article",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
