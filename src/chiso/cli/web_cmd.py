"""``chiso serve``: the web app with uvicorn."""

from __future__ import annotations

import typer
from rich.markup import escape

from chiso.cli._common import console, state


def serve(db_url: str | None, host: str, port: int) -> None:
    """Serve the web app on ``db_url`` (default: the configured database) until interrupted."""
    import uvicorn

    from chiso.config import load_settings
    from chiso.services import open_database
    from chiso.web.app import create_app, settle

    settings = load_settings()
    if settings.secret_key is None:
        settings = settings.model_copy(update={"secret_key": _stored_secret()})
    app = create_app(settings, db=open_database(db_url, settings=settings))
    settle(app)  # templates compiled, start-up objects frozen out of the garbage collector's way
    console.print(f"[bold]chiso[/bold] → http://{escape(host)}:{port}  (Ctrl+C để dừng · to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


def _stored_secret() -> str:
    """The key that signs session cookies, kept in the user data directory so that signing in
    survives a restart (CHISO_SECRET_KEY overrides it)."""
    import secrets

    from platformdirs import user_data_path

    path = user_data_path("chiso", appauthor=False, ensure_exists=True) / "web-secret-key"
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) < 32:
        key = secrets.token_urlsafe(48)
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(key, encoding="ascii")
    return key


def serve_command(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the web app (dashboard, reports, review, deadlines, JSON API at /api, docs at /docs)."""
    serve(state(ctx).db_url, host, port)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
