"""``onrecord serve``: the web UI and REST API over a store, served by uvicorn."""

from __future__ import annotations

import click

from onrecord.cli.query import db_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the server to your network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-store", is_flag=True, default=False,
              help="Let POST /api/analyze store what it analyses (read-only without it).")
@click.option("--allow-private", is_flag=True, default=False,
              help="Let analysed URLs reach private, loopback and link-local addresses (refused without it).")
@db_option
def serve_command(host: str, port: int, allow_store: bool, allow_private: bool, db: str | None) -> None:
    """Serve the web UI and the REST API (/api, docs at /docs) over a store."""
    import uvicorn

    from onrecord.settings import Settings
    from onrecord.web import create_app

    settings = Settings(allow_private=True) if allow_private else None
    app = create_app(db, settings=settings, allow_store=allow_store)  # a missing SQLite file is a StoreError: exit 1
    click.echo(f"onrecord serve: http://{host}:{port}/ (API at /api, docs at /docs)"
               + (" — storing allowed" if allow_store else " — read-only")
               + (" — private addresses allowed" if allow_private else ""), err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
