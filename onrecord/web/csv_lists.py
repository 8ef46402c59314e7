"""CSV for every API list: ``?format=csv`` answers the page's items as a spreadsheet file.

Researchers take tables to a spreadsheet or pandas; the web pages link each table to this.
The route class converts a list's JSON envelope once, after the endpoint has answered, so
every list endpoint gets the same CSV (same columns as its ``items``, one row per item;
nested values as JSON) without an endpoint knowing about it. Paging and filters apply as
for JSON: ``per_page=200`` gives the most rows one file holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


def items_csv(items: list[dict[str, Any]]) -> str:
    """The items as CSV: the union of their keys as columns, in first-seen order."""
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(item))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                         for k, v in item.items()})
    return out.getvalue()


class ListRoute(APIRoute):
    """An API route whose list answer becomes CSV when the request says ``format=csv``."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            response = await handler(request)
            if request.query_params.get("format") != "csv" or response.status_code != 200:
                return response
            body = json.loads(bytes(response.body))
            if not isinstance(body, dict) or not isinstance(body.get("items"), list):
                return response
            name = request.url.path.rstrip("/").rsplit("/", 1)[-1] or "items"
            return Response(items_csv(body["items"]), media_type=CSV_MEDIA_TYPE,
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})

        return route
