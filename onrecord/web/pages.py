"""The server-rendered pages: article x-ray, analyse now, sources, outlets, search, home.

Each page builds a typed context dataclass and renders one Jinja template (autoescape on).
Highlighted HTML only comes from ``highlight.py`` and charts from ``charts.py``; nothing
from the input is ever marked safe elsewhere. Query parameters are parsed by hand and
bounded, so a bad value gives a 400 page rather than a 500 or FastAPI's JSON error.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from onrecord import __version__
from onrecord.errors import OnrecordError
from onrecord.extract.metadata import strip_credentials
from onrecord.findings import FindingKind, Layer, kind_named, kinds
from onrecord.ingest import RawDocument
from onrecord.ingest.decode import declared_html_charset, decode_input
from onrecord.records import ArticleRecord, Dropped, Identity, Role, Source
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.store.errors import BadQuery, StoreError
from onrecord.store.filters import parse_day
from onrecord.web.charts import share_chart, timeline_chart
from onrecord.web.highlight import Capped, layer_class, layers, snippet_html, xray_html
from onrecord.web.security import (
    MAX_TEXT_CHARS,
    ApiError,
    analysis_limits,
    form_refusal,
    refuse_nul,
    run_analysis,
    run_limited,
    status_of,
)
from onrecord.web.story_counts import EventsPerStory, events_per_story
from onrecord.web.workers import AnalysisCrashed, AnalysisOutOfMemory

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).with_name("templates")
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.filters["pct"] = lambda v: "–" if v is None else f"{float(v) * 100:.0f}%"
ENV.filters["num"] = lambda v: "–" if v is None else f"{float(v):.1f}"
ENV.filters["plural"] = lambda n: "" if n == 1 else "s"
ENV.filters["path"] = lambda v: quote(str(v), safe="")
ENV.filters["layer_class"] = layer_class

MAX_PAGE = 10_000
MAX_INPUT_BYTES = 2 * 1024 * 1024
MAX_PARAM = 500
ARTICLES_PER_PAGE = 25
RESULTS_PER_PAGE = 20
MAX_OUTLET_CHARTS = 12  # the outlets with most articles get a chart by month (one query each)
MAX_PER_PAGE = 200  # rows in a table's CSV download: the API's largest page
MAX_PANEL_ITEMS = 500  # sources (per group) or findings (per kind) listed in an x-ray's side panel
IDENTITIES: tuple[Identity, ...] = get_args(Identity)  # the record's vocabularies (records.py)
ROLES: tuple[Role, ...] = get_args(Role)
NAV = (("/", "Articles"), ("/stories", "Stories"), ("/sources", "Sources"), ("/outlets", "Outlets"),
       ("/search", "Search"), ("/analyze", "Analyse"))


class PageError(Exception):
    """A problem to show the reader on an error page with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Pager:
    page: int
    has_next: bool
    prev_url: str | None = None
    next_url: str | None = None


@dataclass
class SourceGroup:
    label: str
    sources: list[Source]


@dataclass
class FindingList:
    """A panel list for a finding kind shown generically (``FindingKind.is_generic``)."""

    title: str
    layer: str
    labels: list[str]


@dataclass
class XrayContext:
    record: ArticleRecord
    text_html: Markup
    groups: list[SourceGroup]
    summary: dict[str, int]
    safe_url: str | None  # http(s) only: anything else is shown as text, never linked
    json_url: str | None  # /api/articles/{id} for stored records
    permalink: str | None  # /articles/{id} for stored records: the x-ray's own address, to share
    dropped_unplaced: list[Dropped]  # boilerplate removed before analysis (no offsets)
    layers: tuple[Layer, ...] = ()  # the legend, one entry per highlight layer
    lists: list[FindingList] = field(default_factory=list)
    stored_note: str | None = None
    capped: Capped | None = None  # set when the text shows only the first MAX_XRAY_MARKS highlights
    panel_cap: int = MAX_PANEL_ITEMS  # entries one panel list shows; the heading counts them all
    story: StoryNote | None = None  # the story this stored article is in (onrecord stories build)


@dataclass
class RepeatedClaim:
    """A statement of this article first seen in an earlier article of its story."""

    attribution_id: str
    text: str
    origin_url: str  # /articles/{origin}#attr-{origin attribution}
    origin_outlet: str | None
    origin_published: str | None
    origin_title: str | None
    match: str  # verbatim | paraphrase


@dataclass
class StoryNote:
    """The x-ray's story panel: the story, this article's role in it, its repeated claims."""

    url: str
    role: str
    n_articles: int
    claims: list[RepeatedClaim]


@dataclass
class HomeContext:
    articles: list[dict[str, Any]]
    pager: Pager


@dataclass
class AnalyzeContext:
    allow_store: bool
    text: str = ""
    url: str = ""
    error: str | None = None
    max_mb: int = MAX_INPUT_BYTES // (1024 * 1024)


@dataclass
class SourcesContext:
    sources: list[dict[str, Any]]
    pager: Pager
    identity: str
    role: str
    outlet: str
    since: str
    outlets: list[str]
    identities: tuple[str, ...] = IDENTITIES
    roles: tuple[str, ...] = ROLES


@dataclass
class SourceContext:
    name: str
    quotes: list[dict[str, Any]]
    pager: Pager
    partial: bool


@dataclass
class OutletRow:
    stats: dict[str, Any]
    chart: Markup | None


@dataclass
class OutletsContext:
    outlets: list[OutletRow]
    charted: int = MAX_OUTLET_CHARTS


@dataclass
class FindingsContext:
    """``/findings/{kind}``: one kind's findings across stored articles, with its filters."""

    kind: FindingKind[Any]
    rows: list[dict[str, Any]]
    pager: Pager
    values: dict[str, str]  # the filter values given, by filter name (article filters included)
    chart: Markup | None = None
    per_story: EventsPerStory | None = None  # events counted once per story, when stories exist


@dataclass
class SearchContext:
    q: str
    outlet: str
    since: str
    until: str
    outlets: list[str]
    identity: str = ""
    identities: tuple[str, ...] = IDENTITIES
    results: list[dict[str, Any]] = field(default_factory=list)
    pager: Pager | None = None
    error: str | None = None


# -- helpers ------------------------------------------------------------------------------------

def _page_html(request: Request, template: str, ctx: Any, *, title: str) -> str:
    nav = NAV + tuple((f"/findings/{k.name}", k.title) for k in kinds() if k.is_searchable)
    return ENV.get_template(template).render(ctx=ctx, title=title, nav=nav, path=request.url.path,
                                             version=__version__, csv_url=csv_url(request))


# page path -> the API list behind its table (and fixed parameters), for the table's CSV link
_CSV_LISTS = {"/": ("/api/articles", {}), "/sources": ("/api/sources", {}),
              "/outlets": ("/api/stats", {"by": "outlet"})}


def csv_url(request: Request) -> str | None:
    """The API list of this page's table as CSV, with the page's filters (not its page number)."""
    path = request.url.path
    api, fixed = _CSV_LISTS.get(path, (None, {}))
    if api is None and path.startswith("/findings/"):
        api = "/api" + path
    if api is None:
        return None
    params = {k: v for k, v in request.query_params.items() if v and k != "page"}
    return f"{api}?{urlencode({**params, **fixed, 'format': 'csv', 'per_page': MAX_PER_PAGE})}"


def _render(request: Request, template: str, ctx: Any, *, title: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_page_html(request, template, ctx, title=title), status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """Every HTML error, from the pages and from the app's error handlers (``security.install``)."""
    return _render(request, "error.html", message, title=f"Error {status}", status=status)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _str_param(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_PARAM:
        raise PageError(400, f"The parameter '{name}' is too long (at most {MAX_PARAM} characters).")
    return value


def _page_param(request: Request) -> int:
    raw = request.query_params.get("page", "1").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise PageError(400, f"'page' must be a whole number from 1 to {MAX_PAGE:,}.")
    return int(raw)


def _date_param(request: Request, name: str) -> str:
    value = _str_param(request, name)
    if value:
        try:
            parse_day(value, name)
        except BadQuery as exc:
            raise PageError(400, str(exc)) from None
    return value


def _choice_param(request: Request, name: str, choices: tuple[str, ...]) -> str:
    value = _str_param(request, name)
    if value and value not in choices:
        raise PageError(400, f"'{name}' must be one of: {', '.join(choices)}.")
    return value


def _pager(request: Request, page: int, has_next: bool) -> Pager:
    def url(p: int) -> str:
        return str(request.url.include_query_params(page=p).path) + "?" + str(
            request.url.include_query_params(page=p).query)
    return Pager(page, has_next, url(page - 1) if page > 1 else None, url(page + 1) if has_next else None)


_OUTLET_TTL = 60.0  # seconds: the outlet filter lists may lag a running ingest by this much
_outlet_lists: dict[str, tuple[float, list[str]]] = {}


def _outlets(store: Store) -> list[str]:
    """Outlet names for the filter menus; aggregating 20,000 articles on every page view would
    cost more than the page, so the list is kept for a minute."""
    key = store.target.label
    now = time.monotonic()
    hit = _outlet_lists.get(key)
    if hit is not None and now - hit[0] < _OUTLET_TTL:
        return hit[1]
    names = sorted(str(r["outlet"]) for r in store.stats(by="outlet") if r["outlet"] != "(unknown)")
    _outlet_lists[key] = (now, names)
    return names


class _PageCache:
    """Rendered x-ray pages by record hash (a stored version never changes), least recently
    used first out. Highlighting a long article costs tens of milliseconds; a hit costs none."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
        self.pages: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: str) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


_XRAY_PAGES = _PageCache()


def safe_http_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (a ``javascript:`` URL is never linked)."""
    if not isinstance(url, str) or any(c in url for c in "\x00\r\n\t "):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return strip_credentials(url)  # a record stored before credentials were stripped


def xray_context(record: ArticleRecord, *, stored: bool) -> XrayContext:
    groups = []
    for identity in get_args(Identity):
        members = sorted((s for s in record.sources if s.identity == identity),
                         key=lambda s: -len(s.attribution_ids))
        groups.append(SourceGroup(identity.capitalize(), members))
    summary = record.summary()
    text_html, capped = xray_html(record)
    return XrayContext(
        record=record, text_html=text_html, capped=capped, groups=groups,
        summary={"statements": summary.get("attributions", 0),
                 "anonymous": summary.get("anonymous_sources", 0),
                 "non_responses": summary.get("non_responses", 0),
                 "hedged": summary.get("hedged_attributions", 0)},
        safe_url=safe_http_url(record.url),
        json_url=f"/api/articles/{quote(record.id, safe='')}" if stored else None,
        permalink=f"/articles/{quote(record.id, safe='')}" if stored else None,
        dropped_unplaced=[d for d in record.dropped if not d.spans],
        layers=layers(),
        lists=[FindingList(k.title, k.layers[0].name if k.layers else "",
                           [k.label_of(f) for f in record.of(k)])
               for k in kinds() if k.is_generic and record.of(k)],
    )


def _guard(fn: Any) -> Any:
    """Turn PageError, BadQuery and StoreError into error pages."""
    import functools

    @functools.wraps(fn)
    async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTMLResponse:
        try:
            result: HTMLResponse = await fn(request, *args, **kwargs)
            return result
        except PageError as exc:
            return error_page(request, exc.status, exc.message)
        except BadQuery as exc:
            return error_page(request, 400, str(exc))
        except StoreError as exc:
            return error_page(request, 503, str(exc))
    return wrapper


# -- pages --------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
@_guard
async def home(request: Request) -> HTMLResponse:
    page = _page_param(request)
    rows = await run_in_threadpool(_store(request).articles, limit=ARTICLES_PER_PAGE + 1,
                                   offset=(page - 1) * ARTICLES_PER_PAGE)
    ctx = HomeContext(rows[:ARTICLES_PER_PAGE], _pager(request, page, len(rows) > ARTICLES_PER_PAGE))
    return _render(request, "home.html", ctx, title="Recent articles")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
@_guard
async def article(request: Request, article_id: str) -> HTMLResponse:
    if len(article_id) > 128:
        raise PageError(404, "No such article.")
    store = _store(request)
    record_hash = await run_in_threadpool(store.article_hash, article_id)
    # a stored version never changes, but its story does (stories build): both name the page
    story = await run_in_threadpool(store.article_story, article_id) if record_hash is not None else None
    story_key = "" if story is None else "|" + hashlib.sha256(
        json.dumps(story, sort_keys=True, default=str).encode()).hexdigest()
    html = _XRAY_PAGES.get(record_hash + story_key) if record_hash is not None else None
    if html is None:
        version = await run_in_threadpool(store.article_version, article_id)
        if version is None:
            raise PageError(404, "No article with this id in the store.")
        record_hash, raw = version
        # parsing and highlighting a long record takes a while: off the event loop, so other
        # requests are answered meanwhile
        html = await run_in_threadpool(_xray_page, request, raw, story)
        _XRAY_PAGES.put(record_hash + story_key, html)
    return HTMLResponse(html)


def _xray_page(request: Request, raw: str, story: dict[str, Any] | None = None) -> str:
    """The x-ray page of a stored record (its JSON), with its story (``Store.article_story``)."""
    record = ArticleRecord.from_dict(json.loads(raw))
    ctx = xray_context(record, stored=True)
    ctx.story = story_note(record, story)
    return _page_html(request, "xray.html", ctx, title=record.title or "Article x-ray")


def story_note(record: ArticleRecord, story: dict[str, Any] | None) -> StoryNote | None:
    """What the x-ray says about the article's story: its role, and for each repeated claim where
    and when it first appeared (linked to the statement in the origin article)."""
    if story is None:
        return None
    from onrecord.web.story_charts import role_label

    texts = {a.id: a.content.text for a in record.attributions}
    claims = [RepeatedClaim(
        attribution_id=str(c["attribution_id"]), text=texts.get(str(c["attribution_id"]), ""),
        origin_url=(f"/articles/{quote(str(c['origin_article_id']), safe='')}"
                    f"#attr-{quote(str(c.get('origin_attribution_id') or ''), safe='')}"),
        origin_outlet=c.get("outlet"), origin_published=c.get("published"), origin_title=c.get("title"),
        match=str(c.get("match") or "")) for c in story.get("claims", [])
        if c.get("origin_article_id") != record.id]
    return StoryNote(f"/stories/{quote(str(story['story_id']), safe='')}", role_label(story.get("role")),
                     int(story.get("n_articles") or 0), claims)


@router.get("/analyze", response_class=HTMLResponse)
@_guard
async def analyze_form(request: Request) -> HTMLResponse:
    ctx = AnalyzeContext(bool(request.app.state.allow_store))
    return _render(request, "analyze.html", ctx, title="Analyse now")


@router.post("/analyze", response_class=HTMLResponse)
@_guard
async def analyze_post(request: Request) -> HTMLResponse:
    allow_store = bool(request.app.state.allow_store)
    refusal = form_refusal(request)  # Origin null, another site's Origin, Sec-Fetch-Site cross-site
    if refusal is not None:
        raise PageError(403, refusal)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_INPUT_BYTES + 64 * 1024:
        raise PageError(413, f"The input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB.")
    try:
        form = await request.form(max_files=1, max_fields=8, max_part_size=MAX_INPUT_BYTES)
    except HTTPException as exc:  # starlette's multipart errors: too many parts, a part too large
        raise PageError(400, f"Cannot read the form: {getattr(exc, 'detail', exc)}") from None
    text = str(form.get("text") or "") if not isinstance(form.get("text"), UploadFile) else ""
    url = str(form.get("url") or "").strip() if not isinstance(form.get("url"), UploadFile) else ""
    upload = form.get("file")
    ctx = AnalyzeContext(allow_store, text=text if len(text) < 200_000 else "", url=url)
    data: str | None = None
    source_url: str | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(MAX_INPUT_BYTES + 1)
        await upload.close()  # its spooled temporary file, whichever way this request ends
        if len(raw) > MAX_INPUT_BYTES:
            raise PageError(413, f"The file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB.")
        try:  # decoded as `onrecord analyze` decodes a file: a binary file is refused, not shown
            data = decode_input(raw, upload.filename, declared_html_charset(raw)).text
        except OnrecordError as exc:
            ctx.error = f"Cannot analyse this input: {exc}"
            return _render(request, "analyze.html", ctx, title="Analyse now", status=422)
    elif text.strip():
        if len(text.encode("utf-8")) > MAX_INPUT_BYTES:
            raise PageError(413, f"The text is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB.")
        data = text
    elif url:
        if safe_http_url(url) is None:
            ctx.error = "Give an http:// or https:// URL."
            return _render(request, "analyze.html", ctx, title="Analyse now", status=400)
        source_url = url
    else:
        ctx.error = "Paste some text, choose an HTML file, or give a URL."
        return _render(request, "analyze.html", ctx, title="Analyse now", status=400)
    try:
        refuse_nul(data, "text")
    except ApiError as exc:
        raise PageError(exc.status, exc.message) from None
    if data is not None and len(data) > MAX_TEXT_CHARS:
        raise PageError(413, f"The input is longer than {MAX_TEXT_CHARS:,} characters. Use the onrecord "
                             "command line for longer inputs.")
    settings = request.app.state.settings
    try:  # the API's limits: two analyses at once, 30 s each
        record = await run_analysis(analysis_limits(request), settings,
                                    lambda: _raw_input(data, source_url, settings))
    except (AnalysisOutOfMemory, AnalysisCrashed) as exc:  # the server's limit, not the input's fault alone
        raise PageError(status_of(exc), str(exc)) from None
    except OnrecordError as exc:
        ctx.error = f"Cannot analyse this input: {exc}"
        return _render(request, "analyze.html", ctx, title="Analyse now", status=422)
    except ApiError as exc:
        raise PageError(exc.status, exc.message) from None
    stored_note = None
    if allow_store and form.get("store") == "on":
        store = _store(request)
        outcome = await run_limited(analysis_limits(request),
                                    lambda: store.store_record(record, input_key=record.id))
        stored_note = f"Stored ({outcome})."

    def page() -> str:  # off the event loop, like a stored x-ray
        xray = xray_context(record, stored=stored_note is not None)
        xray.stored_note = stored_note
        return _page_html(request, "xray.html", xray, title=str(record.title or "Analysis"))

    return HTMLResponse(await run_in_threadpool(page))


def _raw_input(data: str | None, url: str | None, settings: Settings) -> RawDocument:
    """The pasted text or uploaded page (HTML when it looks like HTML), else the page at ``url``."""
    from onrecord.ingest.decode import looks_like_html
    from onrecord.ingest.fetch import fetch_url

    if data is not None:
        return RawDocument(origin="<string>", data=data, kind="html" if looks_like_html(data) else "text")
    return fetch_url(str(url), settings)


@router.get("/sources", response_class=HTMLResponse)
@_guard
async def sources(request: Request) -> HTMLResponse:
    page = _page_param(request)
    identity = _choice_param(request, "identity", IDENTITIES)
    role = _choice_param(request, "role", ROLES)
    outlet = _str_param(request, "outlet")
    since = _date_param(request, "since")
    store = _store(request)
    rows = await run_in_threadpool(store.sources, identity=identity or None, role=role or None,
                                   outlet=outlet or None, since=since or None, limit=RESULTS_PER_PAGE + 1,
                                   offset=(page - 1) * RESULTS_PER_PAGE)
    ctx = SourcesContext(rows[:RESULTS_PER_PAGE], _pager(request, page, len(rows) > RESULTS_PER_PAGE),
                         identity, role, outlet, since, await run_in_threadpool(_outlets, store))
    return _render(request, "sources.html", ctx, title="Sources")


@router.get("/sources/{name:path}", response_class=HTMLResponse)
@_guard
async def source(request: Request, name: str) -> HTMLResponse:
    if not name.strip() or len(name) > MAX_PARAM:
        raise PageError(404, "No such source.")
    page = _page_param(request)
    rows = await run_in_threadpool(_store(request).quotes, source=name, limit=RESULTS_PER_PAGE + 1,
                                   offset=(page - 1) * RESULTS_PER_PAGE)
    exact = [r for r in rows if str(r.get("source") or "").lower() == name.lower()]
    shown = exact or rows
    ctx = SourceContext(name, shown[:RESULTS_PER_PAGE], _pager(request, page, len(rows) > RESULTS_PER_PAGE),
                        partial=not exact and bool(rows))
    return _render(request, "source.html", ctx, title=name)


@router.get("/outlets", response_class=HTMLResponse)
@_guard
async def outlets(request: Request) -> HTMLResponse:
    store = _store(request)
    rows = await run_in_threadpool(store.stats, by="outlet")
    out = []
    for i, row in enumerate(rows):
        chart = None
        if i < MAX_OUTLET_CHARTS and row["outlet"] != "(unknown)":
            months = await run_in_threadpool(store.stats, by="month", outlet=row["outlet"])
            chart = share_chart([m for m in months if m["month"] != "(undated)"],
                                title=f"{row['outlet']}: shares by month")
        out.append(OutletRow(row, chart))
    return _render(request, "outlets.html", OutletsContext(out), title="Outlets")


@router.get("/search", response_class=HTMLResponse)
@_guard
async def search(request: Request) -> HTMLResponse:
    q = _str_param(request, "q")
    outlet = _str_param(request, "outlet")
    since, until = _date_param(request, "since"), _date_param(request, "until")
    identity = _choice_param(request, "identity", IDENTITIES)
    page = _page_param(request)
    store = _store(request)
    ctx = SearchContext(q, outlet, since, until, await run_in_threadpool(_outlets, store), identity)
    status = 200
    if q:
        try:
            rows = await run_in_threadpool(store.search, q, outlet=outlet or None, since=since or None,
                                           until=until or None, identity=identity or None,
                                           limit=RESULTS_PER_PAGE + 1,
                                           offset=(page - 1) * RESULTS_PER_PAGE)
        except BadQuery as exc:
            ctx.error, status = str(exc), 400
        else:
            ctx.results = [dict(r, snippet_html=snippet_html(r.get("snippet")))
                           for r in rows[:RESULTS_PER_PAGE]]
            ctx.pager = _pager(request, page, len(rows) > RESULTS_PER_PAGE)
    return _render(request, "search.html", ctx, title=f"Search: {q}" if q else "Search", status=status)


@router.get("/findings/{kind}", response_class=HTMLResponse)
@_guard
async def findings(request: Request, kind: str) -> HTMLResponse:
    """One kind's findings (figures, places, events, …) with the kind's own filters; kinds that
    declare a ``timeline`` get one, over the reports on this page."""
    declared = kind_named(kind)
    if declared is None or not declared.is_searchable:
        raise PageError(404, "No such kind of finding.")
    page = _page_param(request)
    values = {f.name: _str_param(request, f.name) for f in declared.filters}
    values["outlet"] = _str_param(request, "outlet")
    values["since"], values["until"] = _date_param(request, "since"), _date_param(request, "until")
    where = {f.name: values[f.name] for f in declared.filters if values[f.name]}
    rows = await run_in_threadpool(_store(request).findings, declared.name, where=where,
                                   outlet=values["outlet"] or None, since=values["since"] or None,
                                   until=values["until"] or None, limit=RESULTS_PER_PAGE + 1,
                                   offset=(page - 1) * RESULTS_PER_PAGE)
    shown = rows[:RESULTS_PER_PAGE]
    chart = None
    if declared.timeline:
        title = f"{declared.title} reported over time"
        chart = timeline_chart(shown, lane_key=declared.timeline, title=title)
    per_story = await run_in_threadpool(
        events_per_story, _store(request), declared.name, where=where, outlet=values["outlet"] or None,
        since=values["since"] or None, until=values["until"] or None, rows=shown)
    ctx = FindingsContext(declared, shown, _pager(request, page, len(rows) > RESULTS_PER_PAGE), values, chart,
                          per_story)
    return _render(request, "findings.html", ctx, title=declared.title)
