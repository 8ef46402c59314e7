"""``onrecord evaluate GOLD.jsonl``: measure onrecord on your own annotated articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from onrecord.cli.options import build_settings
from onrecord.evaluation.attributions import format_table, score_attributions
from onrecord.ingest import RawDocument
from onrecord.pipeline import ItemFailure, analyze_documents


def _read_gold(path: Path) -> list[dict[str, Any]]:
    gold = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"{path}:{n}: not valid JSON ({exc.msg}).") from exc
        if not isinstance(obj, dict) or not {"id", "text", "attributions"} <= obj.keys():
            raise click.ClickException(f"{path}:{n}: a gold line needs 'id', 'text' and 'attributions'.")
        gold.append(obj)
    return gold


@click.command("evaluate")
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--calibration", is_flag=True, help="Also print precision per confidence bucket.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the predicted records here (JSONL).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes.")
@click.option("--accurate", is_flag=True, help="Measure the accurate mode (the transformer beside the CRF).")
def evaluate_command(
    gold_file: Path, as_json: bool, calibration: bool, predictions: Path | None, jobs: int, accurate: bool
) -> None:
    """Run the pipeline on GOLD_FILE's texts and score the attributions against its gold.

    GOLD_FILE is JSON Lines: {"id", "text", "attributions": [{"cue", "source", "content"}]}, each
    role a list of [start, end] character offsets (or {"text", "spans"}). Prints precision,
    recall and F1 for exact (strict and trimmed), lenient and token-overlap matches.
    """
    gold = _read_gold(gold_file)
    settings = build_settings(None, check_language=False, accurate=accurate or None)
    raws = [
        RawDocument(origin=f"{gold_file}:{g['id']}", data=g["text"], kind="text", id=g["id"]) for g in gold
    ]
    preds: dict[str, list[dict[str, Any]]] = {}
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for result in analyze_documents(raws, settings, jobs=jobs):
            if isinstance(result, ItemFailure):
                click.echo(f"onrecord: failed: {result.message}", err=True)
                continue
            record = result.to_dict()
            preds[result.id] = record["attributions"]
            if out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    scores = score_attributions((g["text"], g["attributions"], preds.get(g["id"], [])) for g in gold)
    if as_json:
        payload: dict[str, Any] = {"scores": scores.to_dict()}
        if calibration:
            payload["calibration"] = [
                {"bucket": b, "n": n, "precision": p} for b, n, p in scores.calibration()
            ]
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(f"{len(gold)} gold articles, {len(preds)} analysed")
        click.echo(format_table(scores))
        if calibration:
            click.echo("\nconfidence bucket      n   precision (lenient)")
            for bucket, n, prec in scores.calibration():
                click.echo(f"{bucket:<18}{n:>6}   {100 * prec:6.1f}")
    if len(preds) < len(gold):
        sys.exit(1)
