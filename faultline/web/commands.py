"""`faultline serve`, added to the `faultline` app by `register(app)`:

    faultline serve [--db URL] [--host 127.0.0.1] [--port 8000]

It serves the map, the event and article pages and the JSON API over the store, opened read-only;
it binds the loopback interface unless told otherwise.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import FaultlineError
from ..store.commands import DEFAULT_DB, Db

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(app: typer.Typer) -> None:
    """Add `serve` to the app."""
    app.command()(serve)


def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Interface to bind; 0.0.0.0 serves other machines too.")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
) -> None:
    """Serve a map of the events, the evidence behind them and a JSON API (read-only)."""
    import uvicorn

    from ..store.database import open_readonly
    from .app import create_app
    from .assets import INSTALL_HINT, missing_assets

    try:
        store = open_readonly(db)
    except FaultlineError as error:
        typer.echo(f"faultline: error: {error}", err=True)
        raise typer.Exit(1) from None
    missing = missing_assets()
    if missing:
        typer.echo(f"faultline: warning: {len(missing)} map files are missing: {INSTALL_HINT}",
                   err=True)  # fmt: skip
    typer.echo(f"faultline: serving {db} on http://{_shown(host)}:{port}/ (Ctrl-C stops)", err=True)
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
