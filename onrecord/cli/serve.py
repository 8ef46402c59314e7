"""``onrecord serve``: the web UI and REST API over a store, served by uvicorn."""

from __future__ import annotations

from typing import Any

import click

from onrecord.cli.options import build_settings, settings_options
from onrecord.cli.query import db_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the server to your network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-store", is_flag=True, default=False,
              help="Let POST /api/analyze store what it analyses (read-only without it).")
@settings_options
@db_option
def serve_command(host: str, port: int, allow_store: bool, db: str | None, config_file: str | None,
                  **overrides: Any) -> None:
    """Serve the web UI and the REST API (/api, docs at /docs) over a store.

    Analyses made through the server (/analyze, POST /api/analyze) use the same settings as
    `onrecord analyze`: onrecord.toml, ONRECORD_* variables and the options below.
    """
    import uvicorn

    from onrecord.web import create_app

    settings = build_settings(config_file, **overrides)
    app = create_app(db, settings=settings, allow_store=allow_store)  # a missing SQLite file is a StoreError: exit 1
    click.echo(f"onrecord serve: http://{host}:{port}/ (API at /api, docs at /docs)"
               + (" — storing allowed" if allow_store else " — read-only")
               + (" — private addresses allowed" if settings.allow_private else ""), err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
