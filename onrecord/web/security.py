"""Headers, limits and the one error shape, installed on the app by ``install(app)``.

* Every response carries the security headers below (a strict CSP: no inline script or style).
* A request body above ``MAX_BODY_BYTES`` is refused with 413 before it is read in full
  (Content-Length first, then a running count while streaming).
* Every error is ``{"error": {"code", "message", "status"}}``: FastAPI's validation errors
  (400, ``invalid_parameter``), unknown routes (404), onrecord's errors, and bugs (500).
  Pages that ask for HTML get the same error as an HTML page, rendered from ``error.html``
  by the ``error_page`` that ``install`` is given.
* Analyses run under ``AnalysisLimits`` (time limit, how many at once, and by default a
  worker process per slot with a memory cap: ``onrecord.web.workers``), built from the
  settings once per app and kept on ``app.state.analysis_limits``; ``run_analysis`` runs one.
* ``/docs`` is a plain page linking ``/openapi.json``: Swagger UI would load its script
  from a CDN, which the CSP (and an offline machine) forbids.
* A request whose ``Host`` is not one of ``allowed_hosts`` (loopback names, plus the
  ``web_allowed_hosts`` setting) is refused with 400 ``invalid_host``: a DNS-rebinding page
  would otherwise send a matching hostile Host and Origin, and links would use its host.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import math
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord.cancel import AnalysisCancelled, cancel_on
from onrecord.errors import (
    ConfigError,
    ExtractError,
    FetchError,
    IngestError,
    InputTooLarge,
    ModelNotInstalled,
    OnrecordError,
)
from onrecord.ingest import RawDocument
from onrecord.records import ArticleRecord
from onrecord.settings import Settings
from onrecord.store.errors import BadQuery, SchemaMismatch, StoreError
from onrecord.web.workers import (
    MEMORY_ENV,
    AnalysisCrashed,
    AnalysisOutOfMemory,
    AnalysisWorker,
    AnalysisWorkers,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
MAX_BODY_BYTES = 2_000_000  # any request body
MAX_TEXT_CHARS = 500_000  # text or html given to POST /api/analyze
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")  # always served
TIMEOUT_ENV = "ONRECORD_WEB_ANALYZE_TIMEOUT"
CONCURRENCY_ENV = "ONRECORD_WEB_ANALYZE_CONCURRENCY"
ISOLATION_ENV = "ONRECORD_WEB_ANALYSIS_ISOLATION"
ISOLATIONS = ("process", "thread")
MIN_MEMORY_MB = 512  # a worker needs about 800 MB of address space for the model alone

ErrorPage = Callable[[Request, int, str], Response]  # (request, status, message) -> the HTML page


@dataclass(frozen=True)
class AnalysisLimits:
    """How long one analysis may take, how many run at once (more are refused with 503), and
    where they run: ``workers`` (one process per slot, ``web_analysis_isolation = "process"``)
    or None (threads in this process).

    Built once per app from the settings (``web_analyze_timeout``, ``web_analyze_concurrency``,
    ``web_analysis_isolation``, ``web_analysis_memory_mb``; also their ONRECORD_* variables)
    and kept on ``app.state.analysis_limits``.
    """

    timeout: float
    concurrency: int
    slots: threading.BoundedSemaphore = field(repr=False, compare=False)
    workers: AnalysisWorkers | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> AnalysisLimits:
        """The limits the settings ask for; a value out of range is a ConfigError."""
        timeout, concurrency = settings.web_analyze_timeout, settings.web_analyze_concurrency
        if not math.isfinite(timeout) or timeout <= 0:
            raise ConfigError(f"web_analyze_timeout ({TIMEOUT_ENV}) must be a number of seconds above 0, "
                              f"got {timeout!r}.")
        if concurrency < 1:
            raise ConfigError(f"web_analyze_concurrency ({CONCURRENCY_ENV}) must be a whole number of at "
                              f"least 1, got {concurrency!r}.")
        isolation, memory_mb = settings.web_analysis_isolation, settings.web_analysis_memory_mb
        if isolation not in ISOLATIONS:
            raise ConfigError(f"web_analysis_isolation ({ISOLATION_ENV}) must be 'process' or 'thread', "
                              f"got {isolation!r}.")
        if memory_mb < MIN_MEMORY_MB:
            raise ConfigError(f"web_analysis_memory_mb ({MEMORY_ENV}) must be at least {MIN_MEMORY_MB} "
                              f"(the model alone needs about 800 MB), got {memory_mb!r}.")
        workers = AnalysisWorkers(settings, concurrency, memory_mb) if isolation == "process" else None
        return cls(timeout, concurrency, threading.BoundedSemaphore(concurrency), workers)


def allowed_hosts(settings: Settings) -> frozenset[str] | None:
    """The host names the server answers to (lower case, no port), or None for any ('*')."""
    names = [h.strip().lower().strip("[]") for h in settings.web_allowed_hosts.split(",") if h.strip()]
    if "*" in names:
        return None
    return frozenset([*LOOPBACK_HOSTS, *names])


def host_name(host_header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets: '[::1]:8000' -> '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def form_refusal(request: Request) -> str | None:
    """Why a form post must be refused as coming from another site (CSRF), or None.

    Browsers send ``Sec-Fetch-Site`` and pages cannot forge it: 'cross-site' or 'same-site' is
    refused even without an Origin. ``Origin: null`` (a sandboxed iframe, a data: page) is
    refused unless the browser also says 'same-origin' (our own form under the no-referrer
    policy). Any other Origin must be this server's host. A client that sends neither (curl)
    is not a browser, so no other site can make it post.
    """
    site = request.headers.get("sec-fetch-site", "").lower()
    origin = request.headers.get("origin")
    refusal = "This form can only be sent from this site."
    if site in ("cross-site", "same-site"):
        return refusal
    if origin is None:
        return None
    if origin.strip().lower() == "null":
        return None if site == "same-origin" else refusal
    netloc = urlsplit(origin).netloc.lower()
    return None if netloc == request.headers.get("host", "").lower() else refusal


def refuse_nul(value: str | None, what: str) -> None:
    """Refuse a NUL character: it is not text, and PostgreSQL cannot store it in a string.

    Raises:
        ApiError: 400 ``invalid_parameter``, naming where the NUL is.
    """
    at = value.find("\x00") if value is not None else -1
    if at >= 0:
        raise ApiError(400, "invalid_parameter", f"The {what} contains a NUL character (U+0000) at "
                       f"character {at:,}. Remove it: NUL is not text, and a store cannot keep it.")


def analysis_limits(request: Request) -> AnalysisLimits:
    """The limits of the app serving ``request``."""
    limits: AnalysisLimits = request.app.state.analysis_limits
    return limits


class ApiError(Exception):
    """An error to send as the error shape with this status and code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "status": status}}


def status_of(exc: OnrecordError) -> int:
    """The HTTP status an onrecord error maps to."""
    if isinstance(exc, BadQuery):
        return 400
    if isinstance(exc, StoreError):
        return 404 if exc.code == "not_found" else 500 if isinstance(exc, SchemaMismatch) else 503
    if isinstance(exc, (InputTooLarge, AnalysisOutOfMemory)):
        return 413
    if isinstance(exc, AnalysisCrashed):
        return 503
    if isinstance(exc, FetchError):
        return 400
    if isinstance(exc, (ExtractError, IngestError)):
        return 422
    if isinstance(exc, ModelNotInstalled):
        return 503
    return 400


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str, error_page: ErrorPage) -> Response:
    """The error shape as JSON, or the ``error_page`` for a browser asking for a page."""
    if _wants_html(request):
        return error_page(request, status, message)
    return JSONResponse(error_body(status, code, message), status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts) + ". See /openapi.json for the valid values."


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 403: "forbidden", 413: "too_large"}


def install(app: FastAPI, error_page: ErrorPage) -> None:
    """Error handlers, the headers-and-limits middleware, the CDN-free ``/docs`` page, and the
    analysis limits (``app.state.analysis_limits``). ``error_page`` renders an error for a
    browser (the pages' ``error.html``)."""
    limits = app.state.analysis_limits = AnalysisLimits.from_settings(app.state.settings)
    if limits.workers is not None:
        _run_workers(app, limits.workers)

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(request, exc.status, exc.code, exc.message, error_page)

    async def on_onrecord_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, OnrecordError)
        status = status_of(exc)
        return error_response(request, status, exc.code, str(exc), error_page)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 400, "invalid_parameter", _validation_message(exc), error_page)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail) if exc.detail else code
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}. The API lives under /api; see /docs."
        response = error_response(request, exc.status_code, code, message, error_page)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(OnrecordError, on_onrecord_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_middleware(Guard, error_page=error_page, hosts=allowed_hosts(app.state.settings))
    _replace_docs(app)


def _run_workers(app: FastAPI, workers: AnalysisWorkers) -> None:
    """Start the analysis workers when the server starts (in the background: the first start
    also starts the forkserver, which imports the pipeline) and kill them when it stops. An app
    that never runs its lifespan (a TestClient outside ``with``) starts them on first use."""
    previous = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
        threading.Thread(target=workers.start, name="onrecord-workers-start", daemon=True).start()
        try:
            async with previous(app) as state:
                yield state
        finally:
            workers.close()

    app.router.lifespan_context = lifespan


def _replace_docs(app: FastAPI) -> None:
    """Swap Swagger UI (CDN script) for a plain page listing the operations and linking the schema."""
    app.router.routes[:] = [r for r in app.router.routes
                            if getattr(r, "path", None) not in ("/docs", "/docs/oauth2-redirect", "/redoc")]

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        rows = []
        for path, ops in app.openapi().get("paths", {}).items():
            for method, op in ops.items():
                rows.append(f"<li><code>{html.escape(method.upper())} {html.escape(path)}</code> — "
                            f"{html.escape(op.get('summary', ''))}</li>")
        page = ("<!doctype html><html lang=en><meta charset=utf-8><title>onrecord API</title>"
                "<h1>onrecord API</h1><p>The OpenAPI schema: <a href=\"/openapi.json\">/openapi.json</a>. "
                "Errors are {\"error\": {\"code\", \"message\", \"status\"}}; lists are "
                "{\"items\", \"page\", \"per_page\", \"total\", \"next\"}.</p><ul>"
                + "".join(rows) + "</ul></html>")
        return HTMLResponse(page)


class Guard:
    """ASGI middleware: security headers on every response, the body size cap, and a last-resort
    500 in the error shape (so even a bug's response carries the headers); a browser asking for
    a page gets these errors as the ``error_page``."""

    def __init__(self, app: ASGIApp, error_page: ErrorPage, max_body: int = MAX_BODY_BYTES,
                 hosts: frozenset[str] | None = frozenset(LOOPBACK_HOSTS)) -> None:
        self.app = app
        self.error_page = error_page
        self.max_body = max_body
        self.hosts = hosts  # None: any Host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        async def reply(status: int, code: str, message: str) -> None:
            response = error_response(Request(scope), status, code, message, self.error_page)
            await response(scope, receive, send_with_headers)

        if self.hosts is not None:
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.hosts:
                shown = host if len(host) <= 100 else host[:100] + "…"
                await reply(400, "invalid_host", f"This server does not answer to the host {shown!r}. "
                            f"It answers to {', '.join(sorted(self.hosts))}; add a name with the "
                            "web_allowed_hosts setting (ONRECORD_WEB_ALLOWED_HOSTS).")
                return
        too_large = (f"The request body is larger than {self.max_body:,} bytes. Send a shorter text, "
                     "or analyse it with the onrecord command line.")
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            declared = dict(scope.get("headers", [])).get(b"content-length")
            if declared is not None:
                if not declared.isdigit():
                    await reply(400, "invalid_parameter", "Content-Length is not a number.")
                    return
                if int(declared) > self.max_body:
                    await reply(413, "too_large", too_large)
                    return
            chunks: list[bytes] = []
            size = 0
            while True:
                msg = await receive()
                if msg["type"] == "http.disconnect":
                    return
                chunk = msg.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await reply(413, "too_large", too_large)
                    return
                chunks.append(chunk)
                if not msg.get("more_body", False):
                    break
            body = b"".join(chunks)
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            receive = replay
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await reply(500, "internal", "An unexpected error occurred on the server; it has been logged. "
                        "Please report it with the request that caused it.")


async def run_limited(limits: AnalysisLimits, fn: Callable[[], T], timeout: float | None = None) -> T:
    """Run ``fn`` in a worker thread; 503 when ``limits.concurrency`` analyses already run, 504
    after ``timeout`` s (default ``limits.timeout``).

    ``fn`` runs under ``cancel_on``: once nobody waits for it (the 504, or the client gone) an
    analysis stops at its next component boundary (``onrecord.cancel``) and frees its Doc.
    The thread holds its slot until the work has actually stopped, so runaway work stays bounded.
    """
    timeout = limits.timeout if timeout is None else timeout
    slots = _take_slot(limits)
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    abandoned = threading.Event()

    def work() -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            with cancel_on(abandoned):
                result = fn()
        except BaseException as exc:  # noqa: BLE001  (handed to the request, which maps it to the error shape)
            error = exc
        finally:
            slots.release()  # before the answer goes out: whoever has the answer finds the slot free
        loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=work, name="onrecord-analyze", daemon=True).start()
    try:
        return await _wait(future, timeout)
    finally:
        if not future.done():
            abandoned.set()  # the thread stops at its next check and then frees the slot
            future.add_done_callback(lambda f: f.cancelled() or f.exception())  # nobody reads its outcome


async def run_analysis(limits: AnalysisLimits, settings: Settings,
                       make_raw: Callable[[], RawDocument]) -> ArticleRecord:
    """Analyse the input ``make_raw`` gives (it may fetch a URL) under ``limits``: 503 when all
    slots are taken, 504 after ``limits.timeout`` s.

    With ``limits.workers`` (``web_analysis_isolation = "process"``) ``make_raw`` runs in a
    thread here and the analysis in the slot's worker process. When nobody waits any more
    (the 504, or the request gone) the worker is killed, the slot is free once it is dead, and
    a fresh worker starts loading the model. An analysis over the worker's memory cap is a 413
    (``out_of_memory``), a worker that dies under it a 503 (``analysis_crashed``). Without
    workers it is ``run_limited`` (a thread, stopped between components).
    """
    workers = limits.workers
    if workers is None:
        from onrecord.pipeline import analyze_one

        return await run_limited(limits, lambda: analyze_one(make_raw(), settings))
    slots = _take_slot(limits)
    loop = asyncio.get_running_loop()
    future: asyncio.Future[ArticleRecord] = loop.create_future()
    wanted = threading.Event()
    wanted.set()
    guard = threading.Lock()  # orders "the thread hands its job to a worker" and "the caller gives up"
    in_use: list[AnalysisWorker] = []

    def work() -> None:
        result: ArticleRecord | None = None
        error: BaseException | None = None
        worker: AnalysisWorker | None = None
        try:
            raw = make_raw()
            worker = workers.take()
            worker.wait_ready(wanted)
            with guard:
                if not wanted.is_set():
                    raise AnalysisCancelled("The analysis was abandoned before it started.")
                in_use.append(worker)
            result = worker.analyse(raw)
        except BaseException as exc:  # noqa: BLE001  (handed to the request, which maps it to the error shape)
            error = exc
        finally:
            try:
                if worker is not None:
                    workers.give_back(worker)  # a killed worker is reaped here and a fresh one started
            finally:
                slots.release()  # only once the worker is dead or back: no runaway outlives its slot
        loop.call_soon_threadsafe(_settle, future, result, error)

    threading.Thread(target=work, name="onrecord-analyze", daemon=True).start()
    try:
        return await _wait(future, limits.timeout)
    finally:
        if not future.done():
            with guard:
                wanted.clear()
                for worker in in_use:
                    worker.kill()  # SIGKILL: the thread sees the pipe close, reaps it, frees the slot
            future.add_done_callback(lambda f: f.cancelled() or f.exception())  # nobody reads its outcome


def _take_slot(limits: AnalysisLimits) -> threading.BoundedSemaphore:
    """A free analysis slot (the caller releases it), or 503 ``busy``."""
    if not limits.slots.acquire(blocking=False):
        n = limits.concurrency
        running = "1 analysis is" if n == 1 else f"{n} analyses are"
        raise ApiError(503, "busy", f"{running} already running. Retry in a few seconds.")
    return limits.slots


async def _wait(future: asyncio.Future[T], timeout: float) -> T:
    """The outcome of ``future``, or 504 ``timeout`` after ``timeout`` s."""
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        raise ApiError(504, "timeout", f"The analysis took longer than {timeout:g} seconds and was "
                       "abandoned. Send a shorter text, or use the onrecord command line.") from None


def _settle(future: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result)
