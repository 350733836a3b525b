"""``chiso user`` and ``chiso token``: editors' accounts and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from chiso.cli._common import FormatOption, ListFormat, console, db, emit
from chiso.cli._lazy import lazy

if TYPE_CHECKING:
    from chiso.services import users
else:
    users = lazy("chiso.services.users")

user_app = typer.Typer(
    help="Accounts that may change things in the web app (editors, admins).", no_args_is_help=True
)
token_app = typer.Typer(
    help="API tokens for scripts (sent as `Authorization: Bearer TOKEN`).", no_args_is_help=True
)


@user_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The account's name (what the person types to sign in)."),
    role: str = typer.Option("editor", "--role", help="editor or admin."),
    password: str | None = typer.Option(
        None, "--password", help="The password (default: generate one and print it)."
    ),
) -> None:
    """Add an account; prints a generated password when none is given."""
    generated = password is None
    secret = password if password is not None else users.generate_password()
    user = users.add_user(db(ctx), name, role, secret)
    console.print(f"[green]Đã thêm · added[/green] {escape(user.name)} ({user.role})")
    if generated:
        console.print("Mật khẩu · password:")
        typer.echo(secret)


@user_app.command("list")
def list_(ctx: typer.Context, fmt: ListFormat = FormatOption) -> None:
    """List the accounts."""
    emit(
        users.list_users(db(ctx)),
        fmt,
        title="Tài khoản · users",
        columns=[
            ("id", "id"),
            ("name", "tên · name"),
            ("role", "vai trò · role"),
            ("created_at", "tạo · created"),
        ],
    )


@token_app.command("create")
def create(
    ctx: typer.Context,
    user: str = typer.Argument(..., help="The account the token acts as."),
    label: str | None = typer.Option(None, "--label", help="A note saying what the token is for."),
) -> None:
    """Create an API token for USER and print it (it is shown only once)."""
    made = users.create_token(db(ctx), user, label=label)
    console.print(f"[green]Token cho · for[/green] {escape(made.user.name)} (giữ bí mật · keep it secret):")
    typer.echo(made.token)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
