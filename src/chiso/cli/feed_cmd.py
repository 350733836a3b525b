"""``chiso feed``: follow sites' RSS/Atom feeds and add their new reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.text import Text

from chiso.cli._common import Column, FormatOption, ListFormat, console, db, emit, err_console
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Cell, show_table
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso import config
    from chiso.services import feeds
else:
    feeds, config = lazy("chiso.services.feeds"), lazy("chiso.config")

feed_app = typer.Typer(
    help="Feeds: follow a site's RSS/Atom feed and add its new reports.", no_args_is_help=True
)


@feed_app.command("add")
def add(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The feed's URL (RSS or Atom)."),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow a feed (and its pages) on a loopback or private address."
    ),
) -> None:
    """Follow a feed; `chiso feed poll` fetches its items."""
    feed = feeds.add_feed(db(ctx), url, allow_private=allow_private, settings=config.load_settings())
    following, name = _("Following"), _("feed {id}").format(id=feed.id)
    err_console.print(f"[green]{following}[/green] {escape(name)}: {escape(feed.url)}")
    typer.echo(feed.id)


@feed_app.command("list")
def list_(ctx: typer.Context, fmt: ListFormat = FormatOption) -> None:
    """List the feeds followed, with how many items became reports and how many failed."""
    emit(
        feeds.list_feeds(db(ctx)),
        fmt,
        title=_("Feeds"),
        columns=[
            ("id", "id"),
            ("reports", N_("Reports")),
            ("failed", N_("Failed")),
            ("last_polled_at", N_("Last polled")),
            Column("url", N_("URL"), max_width=40),
            Column("title", N_("Title"), "text"),
        ],
    )


@feed_app.command("poll")
def poll(
    ctx: typer.Context,
    feed_id: int | None = typer.Argument(None, help="Poll only this feed (default: every feed)."),
) -> None:
    """Fetch every feed (conditional GET) and add the items not stored yet; failed items are retried."""
    with console.status(_("Polling feeds…")):
        result = feeds.poll(db(ctx), settings=config.load_settings(), feed_id=feed_id)
    if result.items:
        rows: list[dict[str, Cell]] = []
        for i in result.items:
            if i.error:
                status = Text(i.error, style="red")
            elif i.created:
                status = Text(_("added"), style="green")
            else:
                status = Text(_("already stored"))
            rows.append(
                {
                    "feed": str(i.feed_id),
                    "report": str(i.report_id or ""),
                    "status": status,
                    "item": i.title or i.url or i.guid,
                }
            )
        show_table(
            console,
            rows,
            (
                Column("feed", N_("Feed"), "id"),
                Column("report", N_("Report"), "id"),
                Column("status", N_("Status"), max_width=40),
                Column("item", N_("Item"), "text"),
            ),
            title=_("Items"),
        )
    for p in result.problems:
        label, name = _("Error"), _("feed {id}").format(id=p.feed_id)
        err_console.print(
            f"[bold red]{label}:[/bold red] {escape(name)}: {escape(p.error)}",
            soft_wrap=True,
        )
    console.print(
        _("{feeds} feeds, {new} new reports, {not_modified} not modified, {failed} failed").format(
            feeds=result.feeds, new=result.new_reports, not_modified=result.not_modified, failed=result.failed
        )
    )
    if result.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(feed_app, name="feed")


__all__ = ["add", "feed_app", "list_", "poll", "register"]
