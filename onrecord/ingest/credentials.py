"""Credentials in URLs (``http://user:secret@host/``): used to fetch, never kept.

A URL may be given with a user name and password to fetch a page behind basic auth. Nothing
onrecord keeps or shows may carry them: the record's URL, the ingest ledger's input keys, the
failure rows and their messages, the run's arguments, the messages printed. ``strip_credentials``
is the one helper every such place uses; it takes a URL or a message that names URLs.
"""

from __future__ import annotations

import re
from typing import TypeVar, overload

# scheme://userinfo@ — the userinfo runs to the last '@' before the host ends (no '/', '?', '#'
# or white space in between), so '@' in a path ('https://x.example/@handle') is left alone.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/?#'\"<>]*@")


@overload
def strip_credentials(text: str) -> str: ...


@overload
def strip_credentials(text: None) -> None: ...


def strip_credentials(text: str | None) -> str | None:
    """``text`` with the user name and password taken out of every URL in it
    (``http://user:secret@host/a`` -> ``http://host/a``); a text with none is returned as is."""
    if not text or "@" not in text:
        return text
    return _USERINFO.sub(r"\1", text)


E = TypeVar("E", bound=BaseException)


def strip_error_credentials(error: E) -> E:
    """``error`` itself, its message stripped of credentials (type, cause and attributes kept)."""
    message = str(error)
    safe = strip_credentials(message)
    if safe != message:
        error.args = (safe,)
    return error
