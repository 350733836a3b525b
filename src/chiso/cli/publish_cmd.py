"""``chiso publish DIR``: the public pages as a static site, for any static host."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from chiso.cli._common import console, db, err_console, progress_steps
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.i18n import Lang

if TYPE_CHECKING:
    from chiso.services import publish as publishing
    from chiso.web import static_site
else:
    publishing, static_site = lazy("chiso.services.publish"), lazy("chiso.web.static_site")


class SiteLang(StrEnum):
    vi = "vi"
    en = "en"
    both = "both"


def publish(
    ctx: typer.Context,
    out_dir: Path = typer.Argument(
        ..., metavar="DIR", help="The directory to write the site into (created if missing)."
    ),
    base_url: str | None = typer.Option(
        None, "--base-url", help="The address the site will be served from, for sitemap.xml and robots.txt."
    ),
    programme: str | None = typer.Option(
        None, "--programme", help="Only this programme's indicators and commitments."
    ),
    lang: SiteLang = typer.Option(
        SiteLang.both, "--lang", help="The site's languages: vi, en or both (vi/ and en/ side by side)."
    ),
) -> None:
    """Write the dashboard, indicator pages with charts, the deadline board, commitment pages, the
    data downloads and the Atom feeds as a static site in DIR, in Vietnamese and English."""
    both: tuple[Lang, ...] = ("vi", "en")
    langs = both if lang is SiteLang.both else tuple(x for x in both if x == lang.value)
    options = publishing.SiteOptions(base_url=base_url or None, programme=programme or None, langs=langs)
    database = db(ctx)
    with static_site.app_fetcher(database) as fetch, progress_steps(_("Publishing")) as (start, advance):
        result = publishing.publish(database, out_dir, fetch, options, on_start=start, on_done=advance)
    summary = _("{pages} pages, {data} data files, {feeds} Atom feeds, {assets} assets in {seconds} s").format(
        pages=result.pages,
        data=result.data_files,
        feeds=result.extra_files,
        assets=result.assets,
        seconds=result.seconds,
    )
    written = _("Static site written")
    console.print(f"[green]{escape(written)}[/green] {escape(str(out_dir))}: {escape(summary)}")
    if not base_url:
        err_console.print(escape(_("Without --base-url the sitemap lists relative addresses.")))


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)


__all__ = ["register"]
