"""Score onrecord against annotated articles (``onrecord evaluate``): our own scoring code."""

from onrecord.evaluation.attributions import AttributionScores, score_attributions

__all__ = ["AttributionScores", "score_attributions"]
