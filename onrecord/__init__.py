"""onrecord: put news reports on the record — who said what, on whose word, how sure.

Public API (only the names in ``__all__`` are promised)::

    import onrecord
    record = onrecord.analyze(text_or_html, url=None, published=None)
    record.to_dict()   # the JSON contract of DESIGN.md
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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

if TYPE_CHECKING:
    from onrecord.analysis import analyze

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    """``onrecord.analyze`` loads spaCy on first use, so commands that only read the store
    (``onrecord stats``, ``onrecord search``) start in a fraction of a second."""
    if name == "analyze":
        from onrecord.analysis import analyze

        return analyze
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")

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
