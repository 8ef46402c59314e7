"""The accurate mode's tagger: MiniLM-L6 fine-tuned for the CRF's BIO labels (``--accurate``).

The CRF misses cues it has rarely seen ("groused", "vied for", "in [a poll]"); a small
transformer reads them from context. In the accurate mode the CRF's attributions all stay,
and the transformer's sure ones are added on cues the CRF missed, or lend a source to a CRF
attribution without one (``extractor.merge_accurate``; chosen on train folds, issue 15 §3,
``docs/models.md``). It is slower than the CRF, so it is opt-in.

The model runs in ONNX Runtime, quantised to int8 (about 2.5x faster than float32 torch on
one CPU thread, and no torch at run time); the word pieces come from the base model's
tokenizer file, shipped beside it. ``onrecord.train.neural`` trains and exports the model.
Needs the optional extra: ``pip install 'onrecord[accurate]'``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from onrecord.errors import ModelNotInstalled
from onrecord.nlp.attributions.tagger import LABELS, sidecar_path

NEURAL_MODEL = "attributions-minilm.onnx"
TOKENIZER = "minilm-tokenizer.json"
WINDOW = 120  # spaCy tokens per transformer window; longer paragraphs are cut into windows
MAX_PIECES = 256  # word pieces per window (a window of 120 tokens rarely needs more)
BATCH = 32
# The transformer's "O" probability is scaled by this before decoding: it says "no role" more
# readily than the gold does. Train folds 1 and 0 (models trained without the fold, int8),
# source coverage / attribution lenient F1:
#   1.0: 84.3 / 73.1 and 87.6 / 76.8     0.6: 86.4 / 73.2 and 88.9 / 76.1
#   0.4: 87.2 / 72.5 and 90.1 / 75.3     0.25: 88.6 / 71.3 and 90.9 / 73.8
# 0.4 has the best mean of coverage and lenient F1 over the two folds; exact-trimmed F1 pays
# 1.3-2.4 points for it (fold 1: 46.3 -> 45.0, fold 0: 50.1 -> 47.7).
O_SCALE = 0.4
_EXTRA_HINT = (
    "The accurate mode needs the optional extra: pip install 'onrecord[accurate]' "
    "(onnxruntime and tokenizers)."
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


def tokenizer(path: str | Path | None = None) -> Any:
    """The MiniLM word-piece tokenizer (the base model's own file, shipped in ``onrecord/models``)."""
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ModelNotInstalled(_EXTRA_HINT) from exc
    file = Path(path) if path is not None else _packaged(TOKENIZER)
    if not file.is_file():
        raise ModelNotInstalled(
            f"The accurate mode's tokenizer file '{file}' is missing: reinstall onrecord.")
    tok = Tokenizer.from_file(str(file))
    tok.no_padding()
    tok.enable_truncation(MAX_PIECES)
    return tok


def _packaged(name: str) -> Path:
    return Path(str(resources.files("onrecord") / "models" / name))


def first_pieces(word_ids: list[int | None], n_words: int) -> list[int]:
    """Per word, the index of its first word piece (-1: cut off by truncation)."""
    first = [-1] * n_words
    for k, w in enumerate(word_ids):
        if w is not None and first[w] < 0:
            first[w] = k
    return first


def encode(tok: Any, words: list[str]) -> tuple[list[int], list[int]]:
    """Word-piece ids of one window and, per word, the index of its first piece (-1: cut off)."""
    enc = tok.encode(words, is_pretokenized=True)
    return list(enc.ids), first_pieces(enc.word_ids, len(words))


def windows(n: int) -> list[tuple[int, int]]:
    return [(s, min(n, s + WINDOW)) for s in range(0, n, WINDOW)]


@dataclass
class NeuralTagger:
    """Per-token label probabilities for paragraphs of words, batched across a document."""

    session: Any
    tok: Any
    path: str
    calibration: tuple[np.ndarray, np.ndarray] | None = None  # raw -> calibrated confidence points

    @classmethod
    def load(cls, path: str | Path | None = None) -> NeuralTagger:
        """Load the shipped int8 model (``onrecord/models``) or ``path``, and its tokenizer."""
        path = Path(path) if path is not None else _packaged(NEURAL_MODEL)
        if not path.is_file():
            raise ModelNotInstalled(
                f"Cannot load the accurate-mode model '{path}'. Train it with 'make train-accurate' "
                "(python -m onrecord.train.neural --train <polnear train.jsonl>)."
            )
        try:
            import onnxruntime
        except ImportError as exc:
            raise ModelNotInstalled(_EXTRA_HINT) from exc
        with open(sidecar_path(path), encoding="utf-8") as fh:
            meta = json.load(fh)
        if tuple(meta["labels"]) != LABELS:
            raise ModelNotInstalled(f"'{path}' was trained for labels {meta['labels']}, not {list(LABELS)}.")
        options = onnxruntime.SessionOptions()
        # one thread: --jobs N runs N single-threaded workers, and speed ratios stay like for like
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own types for unreadable or damaged files
            raise ModelNotInstalled(
                f"Cannot read the accurate-mode model '{path}' ({type(exc).__name__}: {str(exc)[:200]}). "
                "Reinstall onrecord, or rebuild it with 'make train-accurate'."
            ) from exc
        points = meta.get("calibration", {}).get("points")
        calibration = (np.array([p[0] for p in points]), np.array([p[1] for p in points])) if points else None
        return cls(session, tokenizer(), str(path), calibration)

    def calibrated(self, confidence: float) -> float:
        """The share of train-fold attributions at this raw confidence that were right.

        The raw confidence (mean label probability of the spans) overstates it; the sidecar's
        isotonic points come from ``benchmarks/calibrate_accurate.py``.
        """
        if self.calibration is None:
            return confidence
        return float(np.interp(confidence, *self.calibration))

    def probabilities(self, paragraphs: list[list[str]]) -> list[np.ndarray]:
        """A (tokens x labels) probability array per paragraph."""
        spans = [(p, s, e) for p, words in enumerate(paragraphs) for s, e in windows(len(words))]
        encoded = self.tok.encode_batch([paragraphs[p][s:e] for p, s, e in spans], is_pretokenized=True)
        out = [np.tile(np.eye(len(LABELS))[0], (len(w), 1)) for w in paragraphs]  # default "O"
        order = sorted(range(len(spans)), key=lambda j: len(encoded[j].ids))
        for b in range(0, len(order), BATCH):
            batch = order[b:b + BATCH]
            width = max(len(encoded[j].ids) for j in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for r, j in enumerate(batch):
                n = len(encoded[j].ids)
                ids[r, :n] = encoded[j].ids
                mask[r, :n] = 1
            probs = self.session.run(None, {"ids": ids, "mask": mask})[0]
            for r, j in enumerate(batch):
                p, s, e = spans[j]
                for w, k in enumerate(first_pieces(encoded[j].word_ids, e - s)):
                    if k >= 0:
                        out[p][s + w] = probs[r, k]
        return out

    def tag_paragraphs(self, paragraphs: list[list[str]]) -> list[tuple[list[str], np.ndarray]]:
        """Valid BIO labels and the (O-scaled, see ``O_SCALE``) probabilities behind them."""
        out = []
        for probs in self.probabilities(paragraphs):
            probs[:, 0] *= O_SCALE
            probs /= probs.sum(axis=1, keepdims=True)
            out.append((viterbi(probs), probs))
        return out
