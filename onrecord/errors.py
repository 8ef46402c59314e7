"""Errors onrecord raises. Every message says what failed, on which input, and what to do.

    OnrecordError
     ├── ConfigError            bad setting or option value
     ├── IngestError            could not read an input
     │    ├── FetchError        URL unreachable, refused (private address), too large, bad status
     │    ├── UnsupportedInput  binary file, undecodable bytes, unknown format
     │    └── InputTooLarge     above the configured size cap
     ├── ExtractError           could not turn an input into article text
     │    ├── NoArticleText     empty input, or a page with no article in it
     │    └── NotEnglish        the text is in a language the model does not cover
     └── ModelNotInstalled      the spaCy model or onrecord's attribution model is missing

The CLI turns these into a message and exit code 1 in one place (``onrecord.cli``);
batch runs turn them into a failed item and carry on.
"""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class of every error onrecord raises on purpose."""

    code = "error"


class ConfigError(OnrecordError):
    code = "config"


class IngestError(OnrecordError):
    code = "ingest"


class FetchError(IngestError):
    code = "fetch"


class UnsupportedInput(IngestError):
    code = "unsupported_input"


class InputTooLarge(IngestError):
    code = "too_large"


class ExtractError(OnrecordError):
    code = "extract"


class NoArticleText(ExtractError):
    code = "no_article_text"


class NotEnglish(ExtractError):
    code = "not_english"


class ModelNotInstalled(OnrecordError):
    code = "model_not_installed"
