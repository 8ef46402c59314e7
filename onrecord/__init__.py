"""onrecord: put news reports on the record — who said what, on whose word, how sure.

Public API (only the names in ``__all__`` are promised)::

    import onrecord
    record = onrecord.analyze(text_or_html, url=None, published=None)
    record.to_dict()   # the JSON contract of DESIGN.md
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from onrecord.analysis import analyze
from onrecord.errors import (
    ConfigError,
    ExtractError,
    FetchError,
    IngestError,
    InputTooLarge,
    ModelNotInstalled,
    NoArticleText,
    NotEnglish,
    OnrecordError,
    UnsupportedInput,
)
from onrecord.records import (
    ArticleRecord,
    Attribution,
    Dropped,
    NonResponse,
    Source,
    Span,
)
from onrecord.settings import Settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ArticleRecord",
    "Attribution",
    "ConfigError",
    "Dropped",
    "ExtractError",
    "FetchError",
    "IngestError",
    "InputTooLarge",
    "ModelNotInstalled",
    "NoArticleText",
    "NonResponse",
    "NotEnglish",
    "OnrecordError",
    "Settings",
    "Source",
    "Span",
    "UnsupportedInput",
    "__version__",
    "analyze",
]
