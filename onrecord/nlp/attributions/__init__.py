"""Attribution extraction: who said (believed, planned, showed) what, with character offsets.

``find_attributions(doc, model)`` is the pure entry point; ``onrecord_attributions`` is
the spaCy component that wraps it.
"""

from onrecord.nlp.attributions.extractor import AttributionComponent, find_attributions, make_attributions
from onrecord.nlp.attributions.tagger import AttributionModel

__all__ = ["AttributionComponent", "AttributionModel", "find_attributions", "make_attributions"]
