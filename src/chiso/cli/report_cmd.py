"""``chiso report``: add, list and show reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from chiso.cli._common import (
    ActorOption,
    FormatOption,
    ListFormat,
    actor_name,
    console,
    db,
    emit,
    err_console,
    fmt_number,
    parse_date,
    progress_bar,
)
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Cell, Column, show_table
from chiso.errors import InputError
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso import config
    from chiso.services import reports
    from chiso.services.reports import batch
    from chiso.services.reports import dates as report_dates
    from chiso.services.reports import edit as edit_service
    from chiso.services.reports import licence as licence_service
    from chiso.services.reports import reextract as reextract_service
    from chiso.services.reports import retract as retract_service
    from chiso.services.reports import sources as source_service
    from chiso.services.reports.batch import BatchItem
    from chiso.services.schemas import AddReportResult, MentionOut, ReportDetail
else:
    batch, reports = lazy("chiso.services.reports.batch"), lazy("chiso.services.reports")
    report_dates = lazy("chiso.services.reports.dates")
    licence_service = lazy("chiso.services.reports.licence")
    reextract_service = lazy("chiso.services.reports.reextract")
    edit_service = lazy("chiso.services.reports.edit")
    retract_service = lazy("chiso.services.reports.retract")
    source_service = lazy("chiso.services.reports.sources")
    config = lazy("chiso.config")

report_app = typer.Typer(
    help="Reports: add files, URLs or standard input, list them, show one with its mentions, re-read them.",
    no_args_is_help=True,
)

STATE_STYLE = {"pending": "", "accepted": " underline", "rejected": " strike dim"}


@report_app.command("add")
def add(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(None, help="Files (text, HTML, PDF), URLs, or - for standard input."),
    from_file: Path | None = typer.Option(None, "--from", help="A file listing sources, one per line."),
    title: str | None = typer.Option(None, "--title", help="Title (default: from the source)."),
    url: str | None = typer.Option(None, "--url", help="Where the report was published (one source only)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Who published it (one source only)."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow URLs on loopback or private addresses (refused by default)."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Processes reading and extracting (default: one per core)."
    ),
) -> None:
    """Add reports and extract their mentions; prints each new report's id (the existing id for the same text).

    Many sources are read and extracted in parallel, each stored in its own transaction; a failed
    source is listed with its reason and the others go on.
    """
    settings = config.load_settings()
    day = parse_date(published, "--published")
    if not sources and from_file is None:
        raise typer.BadParameter(
            "name a file, a URL or - (standard input), or a list with --from", param_hint="SOURCES"
        )
    names = source_service.expand_sources(sources or [], from_file)
    if len(names) == 1:
        doc = source_service.read_source(names[0], settings=settings, allow_private=allow_private or None)
        result = reports.add_report(db(ctx), doc, title=title, url=url, publisher=publisher, published=day)
        _say_added(result)
        typer.echo(result.report_id)
        return
    if title or url or publisher:
        raise InputError("cli_report_metadata_one_source")
    with progress_bar(_("Adding"), len(names)) as advance:
        items = batch.add_many(
            db(ctx),
            names,
            settings=settings,
            allow_private=allow_private or None,
            published=day,
            workers=workers,
            on_item=advance,
        )
    _summary(items)
    if any(i.error for i in items):
        raise typer.Exit(1)


def _say_added(result: AddReportResult) -> None:
    if result.created:
        counts = _("{figures} figures, {deadlines} deadlines").format(
            figures=result.figures, deadlines=result.deadlines
        )
        story = _("same story as #{id}").format(id=result.story_id) if result.story_id else ""
        added = _("Added report")
        err_console.print(
            f"[green]{added}[/green] [bold]{result.report_id}[/bold]: {escape(counts)}"
            + (f" ({escape(story)})" if story else ""),
            soft_wrap=True,
        )
        if result.undated:
            undated, advice = _("No publication date found"), _(_UNDATED).format(id=result.report_id)
            err_console.print(f"[yellow]{undated}[/yellow]: {escape(advice)}", soft_wrap=True)
    elif result.dated:
        dated = _("Already stored, now dated")
        why = _("report {id} had no publication date and takes this one; read again").format(
            id=result.report_id
        )
        err_console.print(f"[green]{dated}[/green]: {escape(why)}", soft_wrap=True)
    else:
        known = _("Already stored as report")
        err_console.print(f"[yellow]{known}[/yellow] [bold]{result.report_id}[/bold]")


_UNDATED = N_("nothing of it can be accepted until you give one (`chiso report date {id} YYYY-MM-DD`)")


def _summary(items: list[BatchItem]) -> None:
    rows: list[dict[str, Cell]] = []
    for i in items:
        if i.result is None:
            rows.append({"source": i.source, "status": Text(i.error or "", style="red")})
            continue
        if i.result.created:
            status = Text(_("added"), style="green")
        else:
            status = Text(_("already stored"), style="yellow")
        if i.result.dated:
            status.append(_(", now dated"))
        elif i.result.undated:
            status.append(" · ")
            status.append(_("undated"), style="yellow")
            status.append(": `chiso report date`")
        if i.result.story_id:
            status.append(" · " + _("same story as #{id}").format(id=i.result.story_id))
        rows.append(
            {
                "source": i.source,
                "report": str(i.result.report_id),
                "figures": str(i.result.figures),
                "deadlines": str(i.result.deadlines),
                "status": status,
            }
        )
    show_table(console, rows, RESULTS, title=_("Results"))
    added = sum(1 for i in items if i.result and i.result.created)
    known = sum(1 for i in items if i.result and not i.result.created)
    failed = sum(1 for i in items if i.error)
    console.print(
        _("{added} added, {known} already stored, {failed} failed").format(
            added=added, known=known, failed=failed
        )
    )
    # the table may cut a long error to its width: each failure's whole line follows it
    for i in items:
        if i.error:
            err_console.print(Text(f"{i.source}: {i.error}", style="red"), soft_wrap=True)


@report_app.command("date")
def date_(
    ctx: typer.Context,
    report_id: int = typer.Argument(..., help="The report's id (see `chiso report list`)."),
    published: str = typer.Argument(..., help="Its publication date, YYYY-MM-DD."),
    actor: str | None = ActorOption,
) -> None:
    """Give a report its publication date (or correct it).

    The report is read again with that date, keeping every review decision: relative phrases
    ("đến nay", "năm sau") resolve, and accepted points dated by the publication move with it.
    """
    day = parse_date(published, "PUBLISHED")
    if day is None:
        raise InputError("cli_published_empty")
    out = report_dates.set_published(db(ctx), report_id, day, actor=actor_name(actor))
    if out.previous == out.published_on:
        err_console.print(escape(_("Unchanged: report {id} is dated {day}").format(id=report_id, day=day)))
        return
    reread = out.reextract
    details = [str(day) + (" (" + _("was {day}").format(day=out.previous) + ")" if out.previous else "")]
    if reread:
        details.append(
            _("read again: {added} added, {removed} removed, {kept} decisions kept").format(
                added=reread.added, removed=reread.removed, kept=reread.decided_kept
            )
        )
    if out.points_moved:
        details.append(_("{n} points moved").format(n=out.points_moved))
    report = _("report {id}").format(id=report_id)
    dated = _("Dated")
    err_console.print(
        f"[green]{dated}[/green] {escape(report)}: {escape('; '.join(details))}", soft_wrap=True
    )


@report_app.command("licence")
def licence_(
    ctx: typer.Context,
    report_id: int = typer.Argument(..., help="The report's id (see `chiso report list`)."),
    licence: str = typer.Argument(..., help="Its licence: an SPDX id ('CC-BY-4.0') or a notice; '' removes it."),
    publisher: bool = typer.Option(
        False, "--publisher", help="Set it for every report of the report's publisher that names none."
    ),
    actor: str | None = ActorOption,
) -> None:
    """Set the licence a report is under (exports and citations cite it)."""
    who = actor_name(actor)
    default = config.load_settings().default_licence
    if publisher:
        name = reports.get_report(db(ctx), report_id, with_mentions=False).publisher
        set_for = licence_service.set_publisher_licence(db(ctx), name or "", licence, actor=who)
        what = _("publisher {name}").format(name=set_for.publisher)
        value = set_for.licence
    else:
        out = licence_service.set_licence(db(ctx), report_id, licence, actor=who, default=default)
        what = _("report {id}").format(id=report_id)
        value = out.report_licence
    done = _("Licence")
    shown = value if value is not None else _("none")
    err_console.print(f"[green]{done}[/green] {escape(what)}: {escape(shown)}", soft_wrap=True)


@report_app.command("edit")
def edit(
    ctx: typer.Context,
    report_id: int = typer.Argument(..., help="The report's id (see `chiso report list`)."),
    title: str | None = typer.Option(None, "--title", help="Its title (an empty one clears it)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Its publisher (empty: none)."),
    url: str | None = typer.Option(None, "--url", help="Its source URL (empty: none)."),
    published: str | None = typer.Option(
        None, "--published", help="Its publication date, YYYY-MM-DD (as `chiso report date`)."
    ),
    actor: str | None = ActorOption,
) -> None:
    """Change a report's title, publisher, source URL or publication date.

    Only the options given change. A new publication date re-reads the report with it and moves
    the accepted points dated by it, as `chiso report date` does; one audit entry says it all.
    """
    fields: dict[str, object] = {}
    for name, value in (("title", title), ("publisher", publisher), ("url", url)):
        if value is not None:
            fields[name] = value or None
    if published is not None:
        day = parse_date(published, "--published")
        if day is None:
            raise InputError("cli_published_empty")
        fields["published"] = day
    changes = edit_service.ReportEdit.model_validate(fields)
    out = edit_service.edit_report(db(ctx), report_id, changes, actor=actor_name(actor))
    report = _("report {id}").format(id=report_id)
    if not out.changed:
        err_console.print(escape(_("Unchanged: {report}").format(report=report)))
        return
    details = [f"{name}: {before or '-'} → {after or '-'}" for name, (before, after) in out.changed.items()]
    if out.dated is not None and out.dated.points_moved:
        details.append(_("{n} points moved").format(n=out.dated.points_moved))
    if out.conflicts:
        details.append(_("{n} conflicts in its series").format(n=out.conflicts))
    edited = _("Edited")
    err_console.print(
        f"[green]{edited}[/green] {escape(report)}: {escape('; '.join(details))}", soft_wrap=True
    )


@report_app.command("retract")
def retract(
    ctx: typer.Context,
    report_id: int = typer.Argument(..., help="The report's id (see `chiso report list`)."),
    reason: str = typer.Option(..., "--reason", help="Why it is retracted (kept with it and in the audit log)."),
    actor: str | None = ActorOption,
) -> None:
    """Retract a report: it stays readable, but its points, commitment links and evidence go.

    Its observations are deleted unless another report supports them; its mentions keep their
    decisions; nothing in it can be accepted or read again afterwards.
    """
    out = retract_service.retract(db(ctx), report_id, actor=actor_name(actor), reason=reason)
    report = _("report {id}").format(id=report_id)
    details = _("{points} points removed, {links} commitment links and {events} commitment events withdrawn").format(
        points=out.observations_deleted, links=out.commitment_links, events=out.commitment_events
    )
    retracted = _("Retracted")
    err_console.print(
        f"[yellow]{retracted}[/yellow] {escape(report)}: {escape(details)}", soft_wrap=True
    )


RESULTS = (
    Column("report", N_("Report"), "id"),
    Column("figures", N_("Figures"), "number"),
    Column("deadlines", N_("Deadlines"), "number"),
    Column("source", N_("Source"), max_width=40),
    Column("status", N_("Status"), "text"),
)


@report_app.command("reextract")
def reextract(
    ctx: typer.Context,
    report_ids: list[int] = typer.Argument(
        None, help="Reports to read again (default: every report an older extractor version read)."
    ),
    fmt: ListFormat = FormatOption,
    actor: str | None = ActorOption,
) -> None:
    """Read stored reports again with the current extractor, keeping every review decision.

    Accepted and rejected mentions stay as they are; pending mentions found again unchanged keep
    their ids; the rest are replaced by what the extractor finds now. One transaction per report.
    """
    database = db(ctx)
    ids = list(report_ids) if report_ids else reextract_service.stale_report_ids(database)
    if not ids:
        err_console.print(
            _("Nothing to do: every report was read by extractor version {version}").format(
                version=reextract_service.EXTRACTOR_VERSION
            )
        )
        return
    with progress_bar(_("Re-reading"), len(ids)) as advance:
        results = reextract_service.reextract(database, ids, actor=actor_name(actor), on_done=advance)
    emit(
        results,
        fmt,
        title=_("Re-read"),
        columns=[
            ("report_id", N_("Report")),
            ("old_version", N_("From")),
            ("new_version", N_("To")),
            ("decided_kept", N_("Decided, kept")),
            ("unchanged", N_("Unchanged")),
            ("removed", N_("Removed")),
            ("added", N_("Added")),
        ],
    )


@report_app.command("list")
def list_(
    ctx: typer.Context,
    q: str | None = typer.Option(
        None, "--search", "-q", help="Only reports with these words in their title or text (accents optional)."
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=10000, help="How many reports to list."),
    fmt: ListFormat = FormatOption,
) -> None:
    """List reports, newest publication first."""
    rows = reports.list_reports(db(ctx), limit=limit, q=q)
    emit(
        rows,
        fmt,
        title=_("Reports"),
        columns=[
            ("id", "id"),
            ("published_on", N_("Published")),
            ("publisher", N_("Publisher")),
            ("figures", N_("Figures")),
            ("deadlines", N_("Deadlines")),
            ("pending", N_("Pending")),
            Column("title", N_("Title"), "text"),
        ],
    )


def highlighted(detail: ReportDetail) -> Text:
    """The report text with its mentions styled by kind and review state."""
    text = Text(detail.text)
    for m in detail.mentions:
        base = "bold cyan" if m.kind == "figure" else "bold magenta"
        text.stylize(base + STATE_STYLE.get(m.state, ""), m.start, m.end)
    return text


def _describe(m: MentionOut) -> str:
    if m.kind == "figure":
        value = fmt_number(m.value) + (f"/{fmt_number(m.of_total)}" if m.of_total is not None else "")
        if m.as_of:
            when = str(m.as_of)
        elif m.period_start and m.period_end:
            when = f"{m.period_start}…{m.period_end}"
        else:
            when = f"→ {m.period_end}" if m.period_end else ""  # a due date ("by"): no start
        return f"{m.qualifier or ''} {value} {m.unit or ''} {when}".strip()
    return f"{m.due_start or '…'} → {m.due_end or '…'} ({m.precision}) {m.commitment_text or ''}"


@report_app.command("show")
def show(
    ctx: typer.Context,
    report_id: int = typer.Argument(..., help="The report's id (see `chiso report list`)."),
    fmt: ListFormat = FormatOption,
) -> None:
    """Show a report's text with its figures (cyan) and deadlines (magenta) highlighted."""
    detail = reports.get_report(db(ctx), report_id)
    if fmt is not ListFormat.table:
        emit(detail.mentions, fmt, columns=[])
        return
    when = detail.published_on or _("undated")
    meta = " · ".join(str(x) for x in (detail.publisher, when, detail.url) if x)
    console.print(
        Panel(
            highlighted(detail),
            title=f"[bold]#{detail.id} {escape(detail.title or '')}[/bold]",
            # data, escaped; the undated warning shows in yellow through the whole subtitle
            subtitle=(f"[yellow]{escape(meta)}[/yellow]" if detail.published_on is None else escape(meta))
            or None,
        )
    )
    show_table(
        console,
        [
            {
                "id": str(m.id),
                "kind": Text(m.kind, style="cyan" if m.kind == "figure" else "magenta"),
                "value": _describe(m),
                "state": m.state,
                "quote": m.quote,
            }
            for m in detail.mentions
        ],
        MENTIONS,
        title=_("Mentions"),
    )
    if detail.also_published_by:
        others = ", ".join(f"#{r.id} {r.publisher or r.title or ''}" for r in detail.also_published_by)
        console.print(Text(_("Also published by") + f": {others}"))


MENTIONS = (
    Column("id", "id", "id"),
    Column("kind", N_("Kind"), max_width=8),
    Column("state", N_("State"), max_width=9),
    Column("value", N_("Value / due"), max_width=40),
    Column("quote", N_("Quote"), "text"),
)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")


__all__ = [
    "MENTIONS",
    "RESULTS",
    "STATE_STYLE",
    "add",
    "date_",
    "edit",
    "highlighted",
    "list_",
    "reextract",
    "register",
    "report_app",
    "retract",
    "show",
]
