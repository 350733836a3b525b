"""``chiso demo``: a fresh demo database, then the web UI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from platformdirs import user_data_path
from rich.markup import escape
from rich.text import Text

from chiso.cli._common import console, state
from chiso.cli._lang import _
from chiso.cli._lazy import lazy

if TYPE_CHECKING:
    from chiso.services import database as databases
    from chiso.services import demo, users
else:
    demo, users = lazy("chiso.services.demo"), lazy("chiso.services.users")
    databases = lazy("chiso.services.database")

DEMO_EDITOR = "demo"


def demo_command(
    ctx: typer.Context,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web UI after loading."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to serve the demo on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to serve the demo on."),
) -> None:
    """Load the demo reports into a fresh database and serve them at http://HOST:PORT."""
    url = state(ctx).db_url
    if url is None:
        # The demo never touches the user's own database: it gets a file of its own, made anew.
        path = user_data_path("chiso", appauthor=False, ensure_exists=True) / "demo.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    database = databases.open_database(url)
    with console.status(_("Loading the demo…")):
        result = demo.load_demo(database)
    password = users.generate_password()
    users.add_user(database, DEMO_EDITOR, "editor", password, actor="demo")
    database.dispose()
    counts = _(
        "{reports} reports, {figures} figures, {accepted} auto-accepted, {commitments} commitments"
    ).format(
        reports=result.reports,
        figures=result.figures,
        accepted=result.accepted,
        commitments=result.commitments,
    )
    demo_label, editor, password_label = _("Demo"), _("Demo editor"), _("password")
    console.print(f"[green]{demo_label}:[/green] {escape(counts)} → {escape(url)}", soft_wrap=True)
    console.print(
        f"{editor}: [bold]{DEMO_EDITOR}[/bold] / {password_label}: [bold]{password}[/bold]", soft_wrap=True
    )
    # The demo has a database of its own: say how the CLI reaches it (a new user's `chiso report
    # list` in another terminal otherwise reads the default, empty database and shows nothing).
    console.print(_("To use the CLI on the demo:"), soft_wrap=True)
    console.print(Text(f"  export CHISO_DATABASE_URL={url}"), soft_wrap=True)
    if serve:
        from chiso.cli.web_cmd import serve as serve_web

        serve_web(url, host, port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)


__all__ = ["DEMO_EDITOR", "demo_command", "register"]
