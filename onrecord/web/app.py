"""The application factory: one Store, the API router, the page router, security headers."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.settings import Settings
from onrecord.store import Store

STATIC = Path(__file__).with_name("static")


def create_app(db: str | None = None, *, settings: Settings | None = None,
               allow_store: bool = False) -> FastAPI:
    """Build the app over the store at ``db`` (None: ./onrecord.db).

    ``allow_store``: let ``/analyze`` and ``POST /api/analyze`` store what they analyse
    (off by default: the server is read-only).
    """
    from onrecord.web import api, pages, security, story_api, story_pages

    store = Store.open(db, create=False)
    app = FastAPI(title="onrecord", version=__version__, docs_url="/docs", openapi_url="/openapi.json")
    app.state.store = store
    app.state.settings = settings or Settings()
    app.state.allow_store = allow_store
    security.install(app, pages.error_page)
    app.include_router(api.router, prefix="/api")
    app.include_router(story_api.router, prefix="/api")
    app.include_router(pages.router)
    app.include_router(story_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


SERVE_ENV = "ONRECORD_SERVE_APP"  # how `onrecord serve --workers N` hands its options to each worker


def app_config(db: str | None, settings: Settings, allow_store: bool) -> str:
    """The options of one server as JSON, for worker processes (see ``app_from_environment``)."""
    return json.dumps({"db": db, "allow_store": allow_store, "settings": dataclasses.asdict(settings)})


def app_from_environment() -> FastAPI:
    """The app factory uvicorn's worker processes call: each builds its own app (and store
    connections) from the options the ``serve`` command put in ``ONRECORD_SERVE_APP``."""
    config = json.loads(os.environ[SERVE_ENV])
    return create_app(config["db"], settings=Settings(**config["settings"]),
                      allow_store=bool(config["allow_store"]))
