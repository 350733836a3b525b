"""``chiso serve``: the web app with uvicorn."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from chiso.cli._common import console, state
from chiso.cli._lang import _

if TYPE_CHECKING:
    from chiso.config import Settings
    from chiso.services.database import Database


def serve(db_url: str | None, host: str, port: int, workers: int = 1, *, worker: bool = True) -> None:
    """Serve the web app on ``db_url`` (default: the configured database) until interrupted.

    With ``worker`` (the default) the task queue's consumer runs in threads of this process
    (:mod:`chiso.worker`: feeds polled on their schedules, stale reports re-read, deadline
    changes recorded); a server running ``chiso worker run`` elsewhere says ``--no-worker``.

    One worker serves in this process. Several are separate processes (uvicorn's supervisor),
    each building the app from the environment (:mod:`chiso.web.asgi`): the database URL and the
    cookie-signing key go there first, so every worker reads every other's session cookies.
    """
    from chiso.config import load_settings
    from chiso.services import open_database

    settings = load_settings()
    if settings.secret_key is None:
        settings = settings.model_copy(update={"secret_key": _stored_secret()})
    db = open_database(db_url, settings=settings)  # upgraded once, here, before any worker starts
    console.print(
        f"[bold]chiso[/bold] → http://{escape(host)}:{port}"
        + ("  (" + _("{n} workers").format(n=workers) + ")" if workers > 1 else "")
        + "  ("
        + _("Ctrl+C to stop")
        + ")"
    )
    from chiso.worker import InProcess, build

    jobs = InProcess(build(db, settings)) if worker else None
    if jobs is not None:
        jobs.start()
    try:
        _run(settings, db, host=host, port=port, workers=workers)
    finally:
        if jobs is not None:
            jobs.stop()


def _run(settings: Settings, db: Database, *, host: str, port: int, workers: int) -> None:
    import uvicorn

    if workers > 1:
        db.dispose()
        os.environ["CHISO_DATABASE_URL"] = db.engine.url.render_as_string(hide_password=False)
        os.environ["CHISO_SECRET_KEY"] = settings.secret_key or ""
        uvicorn.run(
            "chiso.web.asgi:create",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
            proxy_headers=False,
        )
        return
    from chiso.web.app import create_app, settle

    app = create_app(settings, db=db)
    settle(app)  # templates compiled, start-up objects frozen out of the garbage collector's way
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
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="Server processes (several share the load on a multi-core machine; best on PostgreSQL).",
    ),
    worker: bool = typer.Option(
        True,
        "--worker/--no-worker",
        help="Run the worker (feeds polled on their schedules) in this process; --no-worker when "
        "`chiso worker run` runs elsewhere.",
    ),
) -> None:
    """Serve the web app (dashboard, reports, review, deadlines, JSON API at /api, docs at /docs)."""
    serve(state(ctx).db_url, host, port, workers, worker=worker)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


__all__ = ["register", "serve", "serve_command"]
