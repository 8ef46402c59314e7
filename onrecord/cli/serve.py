"""``onrecord serve``: the web UI and REST API over a store, served by uvicorn."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import click

from onrecord.cli.options import build_settings, settings_options
from onrecord.cli.query import db_option
from onrecord.settings import Settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the server to your network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--allow-store", is_flag=True, default=False,
              help="Let POST /api/analyze store what it analyses (read-only without it).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; one per core serves more readers at once (each opens its own "
                   "database connections).")
@settings_options
@db_option
def serve_command(host: str, port: int, allow_store: bool, workers: int, db: str | None,
                  config_file: str | None, **overrides: Any) -> None:
    """Serve the web UI and the REST API (/api, docs at /docs) over a store.

    Analyses made through the server (/analyze, POST /api/analyze) use the same settings as
    `onrecord analyze`: onrecord.toml, ONRECORD_* variables and the options below.
    """
    import uvicorn

    from onrecord.web import create_app
    from onrecord.web.app import SERVE_ENV, app_config

    settings = _with_bind_host(build_settings(config_file, **overrides), host)
    # a missing SQLite file is a StoreError: exit 1
    app = create_app(db, settings=settings, allow_store=allow_store)
    click.echo(f"onrecord serve: http://{host}:{port}/ (API at /api, docs at /docs)"
               + (" — storing allowed" if allow_store else " — read-only")
               + (" — private addresses allowed" if settings.allow_private else "")
               + (f" — {workers} workers" if workers > 1 else ""), err=True)
    if host in _WILDCARDS and not settings.web_allowed_hosts:
        click.echo("onrecord serve: only loopback host names (localhost, 127.0.0.1, ::1) are answered "
                   "until you name the others: set web_allowed_hosts (ONRECORD_WEB_ALLOWED_HOSTS), "
                   "e.g. to this machine's name or address.", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    app.state.store.close()  # checked above; each worker opens its own
    os.environ[SERVE_ENV] = app_config(db, settings, allow_store)
    uvicorn.run("onrecord.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning", server_header=False)


_WILDCARDS = ("0.0.0.0", "::", "")


def _with_bind_host(settings: Settings, host: str) -> Settings:
    """Settings whose allowed hosts include the address the server listens on, when it names one
    (``--host 192.168.1.5``); a wildcard names no host, so only the setting adds names then."""
    from onrecord.web.security import LOOPBACK_HOSTS, host_name

    name = host_name(host)
    if host in _WILDCARDS or name in LOOPBACK_HOSTS:
        return settings
    names = ",".join(n for n in (settings.web_allowed_hosts, name) if n)
    return dataclasses.replace(settings, web_allowed_hosts=names)
