"""The learned part: a linear-chain CRF (python-crfsuite) over paragraph token sequences.

Labels are BIO tags for the three roles: ``B-CUE I-CUE B-SRC I-SRC B-CON I-CON O``. The
model file ships with a JSON sidecar holding the learned cue lexicon the features need.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite

from onrecord.errors import ModelNotInstalled
from onrecord.nlp.attributions.lexicon import CueLexicon

LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON")
LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
DEFAULT_MODEL = "attributions.crfsuite"


@dataclass
class AttributionModel:
    """A loaded CRF tagger plus the cue lexicon it was trained with."""

    tagger: pycrfsuite.Tagger
    lexicon: CueLexicon
    path: str
    cue_threshold: float = (
        0.5  # below 0.5: keep lexicon words whose cue marginal passes it (the sidecar sets 0.3)
    )

    @classmethod
    def load(cls, path: str | Path | None = None) -> AttributionModel:
        """Load from ``path``, or from package data (``onrecord/models``) by default."""
        if path is None:
            ref = resources.files("onrecord") / "models" / DEFAULT_MODEL
            path = Path(str(ref))
        path = Path(path)
        side = sidecar_path(path)
        if not path.is_file() or not side.is_file():
            raise ModelNotInstalled(
                f"Cannot load onrecord's attribution model: '{path}' (and its sidecar '{side.name}') "
                "not found. Train it with 'make train' (python -m onrecord.train.attributions "
                "--train <polnear train.jsonl> --out onrecord/models/attributions.crfsuite)."
            )
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        with open(side, encoding="utf-8") as fh:
            meta = json.load(fh)
        threshold = float(meta.get("cue_threshold", 0.5))  # the cue_threshold setting overrides it
        return cls(tagger, CueLexicon.from_dict(meta["lexicon"]), str(path), threshold)


def sidecar_path(model_path: str | Path) -> Path:
    """The JSON file next to the model with the cue lexicon and training settings."""
    p = Path(model_path)
    return p.with_name(p.name + ".json")
