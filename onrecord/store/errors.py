"""Errors the store raises: each names the database and says what to do next.

    OnrecordError
     └── StoreError            the database cannot be opened, written or queried
          ├── SchemaMismatch   the database is older (or newer) than this onrecord
          └── BadQuery         a search or filter the store cannot run
"""

from __future__ import annotations

from onrecord.errors import OnrecordError


class StoreError(OnrecordError):
    """The store failed; ``code`` says why (read_only, disk_full, busy, …)."""

    code = "store"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class SchemaMismatch(StoreError):
    code = "schema_mismatch"


class BadQuery(StoreError):
    code = "bad_query"
