"""The application factory: one Store, the API router, the page router, security headers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.settings import Settings
from onrecord.store import Store

STATIC = Path(__file__).with_name("static")


def create_app(db: str | None = None, *, settings: Settings | None = None, allow_store: bool = False) -> FastAPI:
    """Build the app over the store at ``db`` (None: ./onrecord.db).

    ``allow_store``: let ``/analyze`` and ``POST /api/analyze`` store what they analyse
    (off by default: the server is read-only).
    """
    from onrecord.web import api, pages, security

    store = Store.open(db, create=False)
    app = FastAPI(title="onrecord", version=__version__, docs_url="/docs", openapi_url="/openapi.json")
    app.state.store = store
    app.state.settings = settings or Settings()
    app.state.allow_store = allow_store
    security.install(app)
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
