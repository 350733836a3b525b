"""``chiso db``: schema upgrades."""

from __future__ import annotations

import typer
from rich.markup import escape

from chiso.cli._common import console, state
from chiso.cli._lang import _

db_app = typer.Typer(help="Database: upgrade the schema, show the current revision.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Bring the database to the newest schema (also done automatically on start)."""
    from chiso.services import open_database

    database = open_database(state(ctx).db_url, upgrade=True)
    label = _("The database is at revision")
    console.print(f"{label} [bold]{database.current_revision()}[/bold] ({escape(str(database.url))})")
    database.dispose()


@db_app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the schema revision without changing anything."""
    from chiso.services import open_database

    database = open_database(state(ctx).db_url, upgrade=False)
    revision = database.current_revision() or _("(empty)")
    console.print(f"{revision} · {escape(str(database.url))}")
    database.dispose()


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


__all__ = ["current", "db_app", "register", "upgrade"]
