"""Response models of the REST API: the list envelope, the error shape and the analyze request.

Rows inside ``items`` are the store's read-query rows (``onrecord.store.queries``) and
``GET /api/articles/{id}`` returns the ArticleRecord JSON contract (docs/record.md) as stored.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_URL_CHARS = 2048


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable code, e.g. not_found, invalid_parameter, bad_query.")
    message: str = Field(description="What failed and what to do next.")
    status: int = Field(description="The HTTP status, repeated.")


class ErrorBody(BaseModel):
    """Every error the API returns, whatever the status."""

    error: ErrorDetail


class Page(BaseModel):
    """Every list endpoint's envelope."""

    items: list[dict[str, Any]]
    page: int
    per_page: int
    total: int | None = Field(description="All matching rows; null when not known without counting.")
    next: str | None = Field(description="The URL of the next page; null on the last page.")


class AnalyzeRequest(BaseModel):
    """Exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain text, analysed as given (offsets point into it).")
    html: str | None = Field(None, description="An HTML page; the article is extracted first.")
    url: str | None = Field(None, max_length=MAX_URL_CHARS,
                            description="An http(s) URL to fetch (public addresses only).")
    published: str | None = Field(None, max_length=64, description="Publication date, ISO 8601.")
    store: bool = Field(False, description="Also store the record (only when serving with --allow-store).")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is invalid (bad value, out of bounds, bad query)."},
    404: {"model": ErrorBody, "description": "Not found."},
    500: {"model": ErrorBody, "description": "A bug: please report it."},
    503: {"model": ErrorBody, "description": "The store is busy or unavailable; retry."},
}
