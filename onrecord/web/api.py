"""The REST API under ``/api``: JSON over the store's read queries, plus ``POST /api/analyze``.

Conventions, the same on every endpoint (docs/web.md):

* Lists: ``?page=1&per_page=50`` (per_page ≤ 200, page ≤ 10,000) and ``?sort=field`` or
  ``-field`` from the endpoint's whitelist; the answer is ``{"items", "page", "per_page",
  "total", "next"}``. ``total`` is given on the first page (and on the last); a later page
  leaves it null rather than count again (and so do findings lists).
* An unknown query parameter is a 400 that lists the endpoint's parameters.
* Errors: ``{"error": {"code", "message", "status"}}``; a bad or out-of-bounds parameter is 400.
* Read-only: ``POST /api/analyze`` stores only when the server runs with ``--allow-store``.

The default order of each list is the store's own (paged in SQL). Another ``sort`` reads at
most SORT_WINDOW matching rows, sorts them and pages them; more than that is a 400 asking
for narrower filters.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from onrecord.findings import kind_named, kinds
from onrecord.ingest import RawDocument
from onrecord.records import Identity
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.store.filters import parse_day
from onrecord.web.csv_lists import ListRoute
from onrecord.web.schemas import ERROR_RESPONSES, AnalyzeRequest, Page
from onrecord.web.security import (
    MAX_TEXT_CHARS,
    ApiError,
    analysis_limits,
    refuse_nul,
    run_analysis,
    run_limited,
)

MAX_PER_PAGE = 200
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 500  # q, and every filter value
SORT_WINDOW = 10_000


def _no_nul(request: Request) -> None:
    """Refuse NUL characters in parameters (PostgreSQL cannot hold them in a string)."""
    for key, value in [*request.query_params.multi_items(), *request.path_params.items()]:
        if "\x00" in key or "\x00" in str(value):
            raise ApiError(400, "invalid_parameter", f"Parameter {key!r} contains a NUL character.")


def _query_names(dependant: Dependant) -> frozenset[str]:
    """The query parameters an endpoint declares, its dependencies' (page, per_page) included."""
    names = {f.alias for f in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)


def _known_parameters(request: Request) -> None:
    """Refuse a query parameter the endpoint does not know (a typo would silently not filter), and
    read ``since``/``until`` here so a bad date names the API parameter, not the CLI's option."""
    for name in ("since", "until"):
        if request.query_params.get(name):
            parse_day(request.query_params[name], name)  # BadQuery: a 400 naming the parameter
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or route.path.endswith("/findings/{kind}"):
        return  # findings declare their filters per kind and check them themselves
    valid = _query_names(route.dependant)
    unknown = sorted({k for k in request.query_params if k not in valid})
    if unknown:
        raise ApiError(400, "invalid_parameter", f"Unknown parameter{'s' * (len(unknown) > 1)} "
                       f"{', '.join(repr(k) for k in unknown)}: {request.url.path} takes "
                       f"{', '.join(sorted(valid)) or 'no query parameters'}.")


router = APIRouter(tags=["api"], responses=ERROR_RESPONSES, route_class=ListRoute,
                   dependencies=[Depends(_no_nul), Depends(_known_parameters)])


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paging(page: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"1 to {MAX_PAGE:,}.")] = 1,
           per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description=f"1 to {MAX_PER_PAGE}.")] = 50,
           fmt: Annotated[Literal["json", "csv"], Query(
               alias="format", description="json (the envelope) or csv (the page's items).")] = "json",
           ) -> Paging:
    return Paging(page, per_page)  # format=csv is answered by the route class (ListRoute)


PagingDep = Annotated[Paging, Depends(paging)]
Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
Day = Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD (or YYYY-MM).")]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _envelope(request: Request, p: Paging, items: list[dict[str, Any]], more: bool,
              total: int | None) -> Page:
    nxt = str(request.url.include_query_params(page=p.page + 1)) if more and p.page < MAX_PAGE else None
    return Page(items=items, page=p.page, per_page=p.per_page, total=total, next=nxt)


def _listing(request: Request, p: Paging, sort: str, default: str,
             fetch: Callable[[int, int], list[dict[str, Any]]],
             count: Callable[[], int] | None = None) -> Page:
    """Page ``fetch(limit, offset)``: in SQL for the default order, else sorted within SORT_WINDOW.

    ``count`` gives the number of matching rows; a first page with more after it asks it for
    ``total`` (later pages leave it null rather than count again)."""
    if sort == default:
        rows = fetch(p.per_page + 1, p.offset)
        more = len(rows) > p.per_page
        total = None if more or (not rows and p.page > 1) else p.offset + len(rows)
        if total is None and p.page == 1 and count is not None:
            total = count()
        return _envelope(request, p, rows[: p.per_page], more, total)
    rows = fetch(SORT_WINDOW + 1, 0)
    if len(rows) > SORT_WINDOW:
        raise ApiError(400, "too_many_to_sort", f"More than {SORT_WINDOW:,} rows match: narrow the filters "
                       f"to sort by {sort!r}, or use the default order ({default!r}).")
    return _sorted_page(request, p, rows, sort)


def _sorted_page(request: Request, p: Paging, rows: list[dict[str, Any]], sort: str) -> Page:
    field = sort.lstrip("-")
    present = sorted((r for r in rows if r.get(field) is not None), key=lambda r: r[field],
                     reverse=sort.startswith("-"))
    ordered = present + [r for r in rows if r.get(field) is None]  # missing values last, either way
    items = ordered[p.offset: p.offset + p.per_page]
    return _envelope(request, p, items, p.offset + p.per_page < len(ordered), len(ordered))


ArticleSort = Literal["-published", "published", "title", "-title", "outlet", "-outlet", "attributions",
                      "-attributions", "sources", "-sources", "stored_at", "-stored_at"]


@router.get("/articles", response_model=Page, summary="Stored articles (latest versions)")
def list_articles(request: Request, p: PagingDep, outlet: Text = None, since: Day = None, until: Day = None,
                  sort: ArticleSort = "-published") -> Page:
    """Latest article versions; default order newest first."""
    store = _store(request)
    return _listing(request, p, sort, "-published", lambda limit, offset: store.articles(
        outlet=outlet, since=since, until=until, limit=limit, offset=offset),
        lambda: store.total("articles", outlet=outlet, since=since, until=until))


@router.get("/articles/{article_id}", summary="One article's record (the ArticleRecord JSON contract)")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=128)]) -> dict[str, Any]:
    """The latest stored version of the article, as the record JSON contract (docs/record.md)."""
    record = _store(request).article(article_id)
    if record is None:
        raise ApiError(404, "not_found", f"No article with id {article_id!r}. List them at /api/articles.")
    return record


SourceSort = Literal["-citations", "citations", "name", "-name", "articles", "-articles", "mentions",
                     "-mentions"]


@router.get("/sources", response_model=Page, summary="Sources across articles")
def list_sources(request: Request, p: PagingDep,
                 identity: Identity | None = None,
                 role: Text = None, outlet: Text = None, name: Text = None, since: Day = None,
                 sort: SourceSort = "-citations") -> Page:
    """Sources aggregated by name (description when unnamed); default order most cited first."""
    store = _store(request)
    return _listing(request, p, sort, "-citations", lambda limit, offset: store.sources(
        identity=identity, role=role, outlet=outlet, name=name, since=since, limit=limit, offset=offset),
        lambda: store.total("sources", identity=identity, role=role, outlet=outlet, name=name, since=since))


QuoteSort = Literal["-published", "published", "source", "-source", "confidence", "-confidence"]


@router.get("/attributions", response_model=Page, summary="Attributed statements")
def list_attributions(request: Request, p: PagingDep, source: Text = None, outlet: Text = None,
                      since: Day = None, until: Day = None, text: Text = None,
                      sort: QuoteSort = "-published") -> Page:
    """Who said what: by source name, outlet, date or words in the statement; newest articles first."""
    store = _store(request)
    return _listing(request, p, sort, "-published", lambda limit, offset: store.quotes(
        source=source, outlet=outlet, since=since, until=until, text=text, limit=limit, offset=offset),
        lambda: store.total("quotes", source=source, outlet=outlet, since=since, until=until,
                            text_contains=text))


SearchSort = Literal["relevance", "published", "-published"]


@router.get("/search", response_model=Page, summary="Full-text search")
def search(request: Request, p: PagingDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                                   description='Words and "quoted phrases"; all must match.')],
           outlet: Text = None, since: Day = None, until: Day = None,
           identity: Identity | None = None,
           sort: SearchSort = "relevance") -> Page:
    """Articles matching every word and phrase of ``q``, best first, with a snippet; ``identity``
    keeps articles citing at least one source of that identity."""
    store = _store(request)
    page = _listing(request, p, sort, "relevance", lambda limit, offset: store.search(
        q, outlet=outlet, since=since, until=until, identity=identity, limit=limit, offset=offset),
        lambda: store.total("search", query=q, outlet=outlet, since=since, until=until, identity=identity))
    for item in page.items:
        item.pop("row_id", None)
    return page


_LIST_PARAMS = frozenset({"page", "per_page", "format", "outlet", "since", "until"})


@router.get("/findings/{kind}", response_model=Page, summary="Findings of one kind (figures, places, …)")
def list_findings(request: Request, p: PagingDep, kind: Annotated[str, Path(max_length=64)],
                  outlet: Text = None, since: Day = None, until: Day = None) -> Page:
    """Findings of a kind stored in the generic findings table, newest articles first.

    Every filter the kind declares is a query parameter (``/api/findings/figures?unit=trucks``);
    an unknown kind is a 404, an unknown parameter a 400 naming the valid ones.
    """
    declared = kind_named(kind)
    if declared is None or not declared.is_searchable:
        valid = ", ".join(k.name for k in kinds() if k.is_searchable) or "(none)"
        raise ApiError(404, "not_found", f"No finding kind {kind!r}: use one of {valid}.")
    where = {k: v for k, v in request.query_params.items() if k not in _LIST_PARAMS}
    for value in where.values():
        if len(value) > MAX_QUERY_CHARS:
            raise ApiError(400, "invalid_parameter", f"A filter value is longer than {MAX_QUERY_CHARS}.")
    store = _store(request)
    return _listing(request, p, "-published", "-published", lambda limit, offset: store.findings(
        kind, where=where, outlet=outlet, since=since, until=until, limit=limit, offset=offset),
        lambda: store.total("findings", kind=kind, where=where, outlet=outlet, since=since, until=until))


StatsSort = Literal["-articles", "articles", "key", "-key", "statements_per_article",
                    "-statements_per_article", "anonymous_source_share", "-anonymous_source_share",
                    "non_response_rate",
                    "-non_response_rate", "hedged_share", "-hedged_share", "statements", "-statements",
                    "named_sources", "-named_sources", "anonymous_sources", "-anonymous_sources",
                    "collective_sources", "-collective_sources", "anonymous_statement_share",
                    "-anonymous_statement_share"]


@router.get("/stats", response_model=Page, summary="Counts and shares per outlet or month")
def stats(request: Request, p: PagingDep, by: Literal["outlet", "month"] = "outlet", outlet: Text = None,
          since: Day = None, until: Day = None, sort: StatsSort = "-articles") -> Page:
    """Per outlet or month: articles, statements, statements per article, sources by identity,
    anonymous share of sources and of statements, non-response rate, hedged share. ``sort=key``
    orders by the outlet or month."""
    rows = _store(request).stats(by, outlet=outlet, since=since, until=until)
    return _sorted_page(request, p, rows, sort.replace("key", by))


RunSort = Literal["-id", "id", "started_at", "-started_at", "status", "-status", "command", "-command"]


@router.get("/runs", response_model=Page, summary="Ingest runs")
def list_runs(request: Request, p: PagingDep, sort: RunSort = "-id") -> Page:
    """Runs with their counts, newest first; ``inputs`` and ``settings`` as JSON."""
    store = _store(request)

    def fetch(limit: int, offset: int) -> list[dict[str, Any]]:
        rows = store.runs(limit=limit + offset)[offset:]
        for row in rows:
            for key in ("inputs", "settings"):
                with contextlib.suppress(ValueError):
                    row[key] = json.loads(row[key]) if row.get(key) else row.get(key)
        return rows

    return _listing(request, p, sort, "-id", fetch, lambda: store.total("runs"))


@router.post("/analyze", summary="Analyse one article", responses={
    403: ERROR_RESPONSES[404] | {"description": "store asked for, but the server is read-only."},
    413: ERROR_RESPONSES[404] | {"description": "The body or text is too large."},
    422: ERROR_RESPONSES[404] | {"description": "No article text, or not English."},
    504: ERROR_RESPONSES[404] | {"description": "The analysis took too long."}})
async def analyze(request: Request, response: Response, body: AnalyzeRequest) -> dict[str, Any]:
    """Analyse ``text``, ``html`` or a public ``url`` and return the ArticleRecord (docs/record.md).

    With ``store: true`` (server started with ``--allow-store``) the record is also stored; the
    ``Onrecord-Stored`` header says stored, new_version or unchanged.
    """
    given = [k for k in ("text", "html", "url") if getattr(body, k) is not None]
    if len(given) != 1:
        raise ApiError(400, "invalid_parameter", "Give exactly one of text, html or url "
                       f"(got {', '.join(given) or 'none'}).")
    if body.store and not request.app.state.allow_store:
        raise ApiError(403, "read_only", "This server is read-only: start it with 'onrecord serve "
                       "--allow-store' to store analysed articles, or leave out store.")
    data = body.text if body.text is not None else body.html
    for what in ("text", "html", "url", "published"):  # 400 before any work, on every backend
        refuse_nul(getattr(body, what), what)
    if data is not None:
        if len(data) > MAX_TEXT_CHARS:
            raise ApiError(413, "too_large", f"The {given[0]} has {len(data):,} characters; the limit is "
                           f"{MAX_TEXT_CHARS:,}. Use the onrecord command line for longer inputs.")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(400, "invalid_parameter", f"The {given[0]} is not valid Unicode "
                           "(it holds an unpaired surrogate).") from None
    elif body.url is not None and not body.url.startswith(("http://", "https://")):
        raise ApiError(400, "invalid_parameter",
                       f"Cannot fetch {body.url!r}: give an http:// or https:// URL.")
    settings: Settings = request.app.state.settings
    limits = analysis_limits(request)
    record = await run_analysis(limits, settings, lambda: _raw_input(body, settings))
    if body.store:
        store = _store(request)
        outcome = await run_limited(limits, lambda: store.store_record(record, input_key=record.id))
        response.headers["Onrecord-Stored"] = outcome
    return record.to_dict()


def _raw_input(body: AnalyzeRequest, settings: Settings) -> RawDocument:
    """The input to analyse: the text or html given, or the page at ``url`` (fetched here)."""
    if body.url is not None:
        from onrecord.ingest.fetch import fetch_url

        raw = fetch_url(body.url, settings)  # refuses private addresses unless settings allow them
        if body.published:
            raw = dataclasses.replace(raw, published=body.published)
    else:
        kind: Literal["text", "html"] = "text" if body.text is not None else "html"
        raw = RawDocument(origin="<api>", data=body.text if body.text is not None else body.html or "",
                          kind=kind, published=body.published)
    return raw


__all__ = ["MAX_PAGE", "MAX_PER_PAGE", "router"]
