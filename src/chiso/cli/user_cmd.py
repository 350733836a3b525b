"""``chiso user`` and ``chiso token``: editors' accounts and API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from chiso.cli._common import FormatOption, ListFormat, console, db, emit
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso.services import users
else:
    users = lazy("chiso.services.users")

user_app = typer.Typer(
    help="Accounts of the web app (viewers read, editors change things, admins manage).", no_args_is_help=True
)
token_app = typer.Typer(
    help="API tokens for scripts (sent as `Authorization: Bearer TOKEN`).", no_args_is_help=True
)


@user_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The account's name (what the person types to sign in)."),
    role: str = typer.Option("editor", "--role", help="viewer, editor or admin."),
    password: str | None = typer.Option(
        None, "--password", help="The password (default: generate one and print it)."
    ),
) -> None:
    """Add an account; prints a generated password when none is given."""
    generated = password is None
    secret = password if password is not None else users.generate_password()
    user = users.add_user(db(ctx), name, role, secret)
    added = _("Added user")
    console.print(f"[green]{added}[/green] {escape(user.name)} ({user.role})")
    if generated:
        console.print(_("Password") + ":")
        typer.echo(secret)


@user_app.command("list")
def list_(ctx: typer.Context, fmt: ListFormat = FormatOption) -> None:
    """List the accounts."""
    emit(
        users.list_users(db(ctx)),
        fmt,
        title=_("Users"),
        columns=[
            ("id", "id"),
            ("name", N_("Name")),
            ("role", N_("Role")),
            ("created_at", N_("Created")),
            ("disabled_at", N_("Disabled")),
        ],
    )


@user_app.command("password")
def password(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The account whose password changes."),
    new: str | None = typer.Option(
        None, "--password", help="The new password (default: generate one and print it)."
    ),
) -> None:
    """Set a new password for NAME; every session of theirs ends (their tokens stay)."""
    generated = new is None
    secret = new if new is not None else users.generate_password()
    user = users.set_password(db(ctx), name, secret)
    changed = _("Password changed")
    console.print(f"[green]{changed}[/green] {escape(user.name)}")
    if generated:
        console.print(_("New password") + ":")
        typer.echo(secret)


@user_app.command("disable")
def disable(ctx: typer.Context, name: str = typer.Argument(..., help="The account to switch off.")) -> None:
    """Disable NAME: they cannot sign in, their sessions end and their tokens stop working."""
    user = users.set_disabled(db(ctx), name, True)
    disabled = _("Disabled")
    console.print(f"[yellow]{disabled}[/yellow] {escape(user.name)}")


@user_app.command("enable")
def enable(
    ctx: typer.Context, name: str = typer.Argument(..., help="The account to switch on again.")
) -> None:
    """Enable NAME again (they sign in with their existing password)."""
    user = users.set_disabled(db(ctx), name, False)
    enabled = _("Enabled")
    console.print(f"[green]{enabled}[/green] {escape(user.name)}")


@user_app.command("role")
def role(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The account whose role changes."),
    new_role: str = typer.Argument(..., metavar="ROLE", help="viewer, editor or admin."),
) -> None:
    """Give NAME another role (viewer, editor or admin); it applies from their next request."""
    user = users.set_role(db(ctx), name, new_role)
    changed = _("Role changed")
    console.print(f"[green]{changed}[/green] {escape(user.name)} ({user.role})")


@token_app.command("list")
def token_list(
    ctx: typer.Context,
    user: str | None = typer.Option(None, "--user", help="Only this account's tokens."),
    fmt: ListFormat = FormatOption,
) -> None:
    """List API tokens (never the secret): id, owner, label, when made, last used and revoked."""
    emit(
        users.list_tokens(db(ctx), user),
        fmt,
        title=_("API tokens"),
        columns=[
            ("id", "id"),
            ("user", N_("User")),
            ("label", N_("Label")),
            ("created_at", N_("Created")),
            ("last_used_at", N_("Last used")),
            ("revoked_at", N_("Revoked")),
        ],
    )


@token_app.command("revoke")
def revoke(
    ctx: typer.Context, token_id: int = typer.Argument(..., help="The token's id (see `chiso token list`).")
) -> None:
    """Revoke a token: it stops working at once."""
    made = users.revoke_token(db(ctx), token_id)
    revoked = _("Revoked")
    console.print(f"[yellow]{revoked}[/yellow] token {made.id} ({escape(made.user)})")


@token_app.command("create")
def create(
    ctx: typer.Context,
    user: str = typer.Argument(..., help="The account the token acts as."),
    label: str | None = typer.Option(None, "--label", help="A note saying what the token is for."),
) -> None:
    """Create an API token for USER and print it (it is shown only once)."""
    made = users.create_token(db(ctx), user, label=label)
    token_for, secret = _("Token for"), _("keep it secret")
    console.print(f"[green]{token_for}[/green] {escape(made.user.name)} ({secret}):")
    typer.echo(made.token)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")


__all__ = [
    "add",
    "create",
    "disable",
    "enable",
    "list_",
    "password",
    "register",
    "revoke",
    "role",
    "token_app",
    "token_list",
    "user_app",
]
