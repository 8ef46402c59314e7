"""The learned cue lexicon the tagger ships with, and the attribution mode of a cue.

The cue lexicon is learned from training data (lemma -> how often it is a cue) and shipped
with the model, so tree-path features ("this token hangs off a reporting verb") do not
depend on a hand-made verb list. The mode lemmas are hand-written (``lexicon/reporting_verbs``):
PolNeAR does not label modes, and the record needs one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onrecord.nlp.lexicon.reporting_verbs import (
    BELIEF_LEMMAS,
    EVIDENCE_LEMMAS,
    INTENTION_LEMMAS,
    PERCEPTION_LEMMAS,
)
from onrecord.records import Mode

_MODES: dict[str, Mode] = {}
_mode: Mode
for _lemmas, _mode in (
    (BELIEF_LEMMAS, "belief"),
    (INTENTION_LEMMAS, "intention"),
    (PERCEPTION_LEMMAS, "perception"),
    (EVIDENCE_LEMMAS, "evidence"),
):
    for _lemma in _lemmas:
        _MODES.setdefault(_lemma, _mode)


def mode_of(cue_lemmas: list[str]) -> Mode:
    """The attribution mode from the cue's lemmas: the last content lemma that has one wins.

    "according to" counts as evidence only when the source looks like a poll or report;
    the caller passes ``according_to`` as a lemma for that case.
    """
    for lemma in reversed(cue_lemmas):
        mode = _MODES.get(lemma)
        if mode is not None:
            return mode
    return "statement"


@dataclass(frozen=True)
class CueLexicon:
    """Lemma -> share of its occurrences inside a gold cue (learned from train)."""

    scores: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.08

    def score(self, lemma: str) -> float:
        return self.scores.get(lemma, 0.0)

    def is_cue(self, lemma: str) -> bool:
        return self.scores.get(lemma, 0.0) >= self.threshold

    def to_dict(self) -> dict[str, object]:
        return {"scores": self.scores, "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> CueLexicon:
        scores = data.get("scores", {})
        assert isinstance(scores, dict)
        return cls({str(k): float(v) for k, v in scores.items()}, float(data.get("threshold", 0.08)))  # type: ignore[arg-type]
