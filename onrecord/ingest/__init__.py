"""Ingest: read inputs (files, directories, stdin, URLs, JSON Lines) into RawDocuments.

Bytes are decoded here, strictly (``decode``); URLs go through one guarded client (``fetch``).
"""

from onrecord.ingest.decode import decode_bytes, decode_input
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.fetch import fetch_url, make_client
from onrecord.ingest.files import iter_inputs

__all__ = [
    "InputFailure",
    "RawDocument",
    "decode_bytes",
    "decode_input",
    "fetch_url",
    "iter_inputs",
    "make_client",
]
