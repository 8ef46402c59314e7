"""Ingest: read inputs (files, directories, stdin, URLs, JSON Lines, WARC, feeds, URL lists).

Bytes are decoded here, strictly (``decode``); URLs go through one guarded client (``fetch``),
and batch readers fetch politely (``politeness``: robots.txt, per-host delay). Every reader
yields ``RawDocument`` or ``InputFailure``; a ``SkippedInput`` error marks "not an article".
"""

from onrecord.ingest.decode import decode_bytes, decode_input
from onrecord.ingest.document import InputFailure, RawDocument
from onrecord.ingest.feeds import iter_feed
from onrecord.ingest.fetch import fetch_url, make_client
from onrecord.ingest.files import iter_inputs
from onrecord.ingest.politeness import PoliteFetcher
from onrecord.ingest.urllist import iter_url_list
from onrecord.ingest.warc import iter_warc

__all__ = [
    "InputFailure",
    "PoliteFetcher",
    "RawDocument",
    "decode_bytes",
    "decode_input",
    "fetch_url",
    "iter_feed",
    "iter_inputs",
    "iter_url_list",
    "iter_warc",
    "make_client",
]
