"""``chiso deadlines`` (the deadline board) and ``chiso commitment`` (show, resolve, proposals)."""

from __future__ import annotations

from datetime import date
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
)
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Cell, Column, show_table
from chiso.errors import InputError
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso.services import commitments
    from chiso.services.commitments import schemas as commitment_schemas
    from chiso.services.commitments.schemas import CommitmentEventOut, CommitmentOut, ProposalOut
else:
    commitments = lazy("chiso.services.commitments")
    commitment_schemas = lazy("chiso.services.commitments.schemas")

commitment_app = typer.Typer(
    help="Commitments: show one with its history, resolve or reopen it, edit it, confirm or reject proposals.",
    no_args_is_help=True,
)


#: Rich styles of the display statuses: the board reads at a glance.
STATUS_STYLE = {
    "overdue": "bold red",
    "due_soon": "bold yellow",
    "upcoming": "cyan",
    "met": "green",
    "met_late": "yellow",
    "missed": "red",
    "dropped": "dim",
}
#: the board's words for them (the web's too)
STATUS_LABEL = {
    "overdue": N_("overdue"),
    "due_soon": N_("due soon"),
    "upcoming": N_("upcoming"),
    "met": N_("met"),
    "met_late": N_("met late"),
    "missed": N_("missed"),
    "dropped": N_("dropped"),
}


def _status(status: str) -> str:
    """The status as markup (its label is ours, not data)."""
    style = STATUS_STYLE.get(status, "")
    label = escape(_(STATUS_LABEL[status]) if status in STATUS_LABEL else status)
    return f"[{style}]{label}[/{style}]" if style else label


def _status_text(status: str) -> Text:
    label = _(STATUS_LABEL[status]) if status in STATUS_LABEL else status
    return Text(label, style=STATUS_STYLE.get(status, ""))


def countdown(row: CommitmentOut) -> str:
    """ "44 days left", "due today", "15 days late" (in the CLI's language)."""
    if row.days_left is not None:
        if row.days_left == 0:
            return _("due today")
        return _("{n} days left").format(n=row.days_left)
    if row.days_late is not None:
        return _("{n} days late").format(n=row.days_late)
    return ""


def due_range(start: date | None, end: date | None, precision: str | None = None) -> str:
    text = f"{start or '…'} → {end or '…'}"
    if not precision:
        return text
    shown = _(precision)
    return f"{text} ({shown})"


def deadlines(
    ctx: typer.Context,
    on: str | None = typer.Option(
        None, "--on", help="The day to compute statuses for, YYYY-MM-DD (default: today)."
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        "-s",
        help="Only this status: overdue, due_soon, upcoming, met, met_late, missed, dropped, open or resolved.",
    ),
    owner: str | None = typer.Option(None, "--owner", help="Only commitments whose owner contains this."),
    programme: str | None = typer.Option(
        None, "--programme", help="Only commitments whose programme contains this."
    ),
    fmt: ListFormat = FormatOption,
) -> None:
    """The deadline board: every commitment with its status on a day, soonest due first."""
    day = parse_date(on, "--on") or date.today()
    rows = commitments.list_deadlines(db(ctx), on=day, status=status, owner=owner, programme=programme)
    if fmt is not ListFormat.table:
        emit(rows, fmt, columns=[])
        return
    title = _("Deadlines on {day}").format(day=day.isoformat())
    if day < date.today():
        # A past day's board: what was promised by then, with that day's due dates and statuses.
        title = _("Deadlines as known on {day}").format(day=day.isoformat())
    board: list[dict[str, Cell]] = []
    for r in rows:
        evidence = str(r.evidence) if r.evidence else ""
        if r.pending_proposals:
            evidence += " (+" + _("{n} pending").format(n=r.pending_proposals) + ")"
        board.append(
            {
                "id": str(r.id),
                "status": _status_text(r.display_status),
                "countdown": Text(countdown(r), style=STATUS_STYLE.get(r.display_status, "")),
                "due": due_range(r.due_start, r.due_end, r.precision),
                "title": r.title,
                "owner": r.owner,
                "programme": r.programme,
                "evidence": evidence.strip(),
            }
        )
    show_table(console, board, BOARD, title=title)


BOARD = (
    Column("id", "id", "id"),
    Column("status", N_("Status"), max_width=22),
    Column("countdown", N_("Countdown"), "date"),
    Column("due", N_("Due"), "date"),
    Column("owner", N_("Owner"), max_width=20),
    Column("programme", N_("Programme"), max_width=16),
    Column("evidence", N_("Evidence"), max_width=16),
    Column("title", N_("Commitment"), "text"),
)


#: a commitment event's kind as a person reads it (the same words as the commitment page)
EVENT_WORDS = {
    "created": N_("Created"),
    "linked": N_("Stated again"),
    "due_changed": N_("Due date moved"),
    "evidence": N_("Evidence"),
    "resolved": N_("Resolved"),
    "reopened": N_("Reopened"),
    "edited": N_("Edited"),
    "merged": N_("Merged"),
    "status_changed": N_("Status changed"),
}


def _event_line(e: CommitmentEventOut) -> str:
    if e.kind == "due_changed":
        return f"{due_range(e.old_due_start, e.old_due_end)} ⇒ {due_range(e.new_due_start, e.new_due_end)}"
    if e.kind in ("evidence", "resolved"):
        return f"{e.status or ''} {e.on_date or ''}".strip()
    if e.kind == "created":
        return due_range(e.new_due_start, e.new_due_end)
    if e.kind == "status_changed":
        before, after = (_(STATUS_LABEL[s]) if s in STATUS_LABEL else s for s in (e.old_status or "", e.status or ""))
        return f"{before} ⇒ {after}"
    return ""


@commitment_app.command("show")
def show(
    ctx: typer.Context,
    commitment_id: int = typer.Argument(..., help="The commitment's id (see `chiso deadlines`)."),
    on: str | None = typer.Option(None, "--on", help="Status on this day, YYYY-MM-DD (default: today)."),
    fmt: ListFormat = FormatOption,
) -> None:
    """A commitment with its status, every quote that states it and its history."""
    d = commitments.get_commitment(db(ctx), commitment_id, on=parse_date(on, "--on"))
    if d.merged_into_id is not None:
        # Merged into another commitment (the same promise): that one holds its history now.
        kept = commitments.merged_target(db(ctx), commitment_id) or d.merged_into_id
        err_console.print(_("#{id} was merged into #{kept}").format(id=commitment_id, kept=kept))
        d = commitments.get_commitment(db(ctx), kept, on=parse_date(on, "--on"))
    if fmt is not ListFormat.table:
        emit([d], fmt, columns=[])
        return
    facts = [f"{_status(d.display_status)}  {countdown(d)}"]
    for label, v in (
        (N_("Due"), due_range(d.due_start, d.due_end, d.precision)),
        (N_("Owner"), d.owner),
        (N_("Programme"), d.programme),
    ):
        if v:
            facts.append(escape(_(label)) + ": " + escape(v))
    if d.target_value is not None:
        target = _("target: {value} (indicator {indicator})")
        facts.append(escape(target.format(value=fmt_number(d.target_value), indicator=d.target_indicator_id)))
    subtitle = escape(_("on {day}").format(day=d.on))
    console.print(Panel("\n".join(facts), title=f"[bold]#{d.id} {escape(d.title)}[/bold]", subtitle=subtitle))
    show_table(
        console,
        [
            {
                "mention": str(src.mention_id),
                "report": f"#{src.report_id} {src.publisher or src.report_title or ''}".strip(),
                "published": str(src.published_on or ""),
                "quote": src.quote,
            }
            for src in d.sources
        ],
        SOURCES,
        title=_("Sources"),
    )
    show_table(
        console,
        [
            {
                "event": str(e.id),
                "at": e.at.strftime("%Y-%m-%d %H:%M"),
                "kind": _(EVENT_WORDS.get(e.kind, e.kind)),
                "state": _(e.state),
                "what": _event_line(e),
                "report": f"#{e.report_id} {e.report_published_on or ''}".strip() if e.report_id else "",
                "by": e.actor,
                "note": e.note,
            }
            for e in d.events
        ],
        EVENTS,
        title=_("History"),
    )


SOURCES = (
    Column("mention", N_("Mention"), "id"),
    Column("published", N_("Published"), "date"),
    Column("report", N_("Report"), max_width=30),
    Column("quote", N_("Quote"), "text"),
)
EVENTS = (
    Column("event", N_("Event"), "id"),
    Column("at", N_("At"), "date"),
    Column("kind", N_("Kind"), max_width=14),
    Column("state", N_("State"), max_width=12),
    Column("what", N_("What"), "date"),
    Column("report", N_("Report"), "date"),
    Column("by", N_("By"), max_width=14),
    Column("note", N_("Quote / note"), "text"),
)


@commitment_app.command("resolve")
def resolve(
    ctx: typer.Context,
    commitment_id: int = typer.Argument(..., help="The commitment's id."),
    status: str = typer.Option(
        ..., "--status", help="met, met_late, missed or dropped (met after the due date is met_late)."
    ),
    on: str = typer.Option(..., "--on", help="The day it was resolved, YYYY-MM-DD."),
    evidence: int | None = typer.Option(None, "--evidence", help="The id of a mention that shows it."),
    note: str | None = typer.Option(None, "--note", help="Why, in a few words."),
    actor: str | None = ActorOption,
) -> None:
    """Resolve a commitment: met, missed or dropped on a day."""
    day = parse_date(on, "--on")
    if day is None:
        raise InputError("cli_on_needs_day")
    out = commitments.resolve(
        db(ctx),
        commitment_id,
        status=status,
        on=day,
        evidence_mention_id=evidence,
        actor=actor_name(actor),
        note=note,
    )
    console.print(f"#{out.id} → {_status(out.status)} {out.resolved_on}  {countdown(out)}".rstrip())


@commitment_app.command("reopen")
def reopen(
    ctx: typer.Context,
    commitment_id: int = typer.Argument(..., help="The commitment's id."),
    note: str | None = typer.Option(None, "--note", help="Why, in a few words."),
    actor: str | None = ActorOption,
) -> None:
    """Undo a resolution: the commitment is open again (its history keeps the resolution)."""
    out = commitments.reopen(db(ctx), commitment_id, actor=actor_name(actor), note=note)
    console.print(f"#{out.id} → {_status(out.display_status)}  {countdown(out)}".rstrip())


@commitment_app.command("edit")
def edit(
    ctx: typer.Context,
    commitment_id: int = typer.Argument(..., help="The commitment's id."),
    title: str | None = typer.Option(None, "--title", help="A new title."),
    owner: str | None = typer.Option(None, "--owner", help='Who must do it ("" clears it).'),
    programme: str | None = typer.Option(
        None, "--programme", help='The programme it belongs to ("" clears it).'
    ),
    due_start: str | None = typer.Option(None, "--due-start", help="First day of the due range, YYYY-MM-DD."),
    due_end: str | None = typer.Option(None, "--due-end", help="Last day of the due range, YYYY-MM-DD."),
    target_indicator: int | None = typer.Option(
        None, "--target-indicator", help="The id of the indicator it targets."
    ),
    target_value: float | None = typer.Option(
        None, "--target-value", help="The value the indicator should reach."
    ),
    reason: str | None = typer.Option(None, "--reason", help="Why, kept in the history and the audit log."),
    actor: str | None = ActorOption,
) -> None:
    """Change a commitment's title, owner, programme, due range or target (a new due range is a
    due-date move in its history)."""
    given = {
        "title": title,
        "owner": owner,
        "programme": programme,
        "due_start": parse_date(due_start, "--due-start") if due_start else None,
        "due_end": parse_date(due_end, "--due-end") if due_end else None,
        "target_indicator_id": target_indicator,
        "target_value": target_value,
    }
    fields = {k: v for k, v in given.items() if v is not None}
    if not fields:
        raise InputError("cli_deadline_nothing_to_change")
    out = commitments.edit(
        db(ctx),
        commitment_id,
        commitment_schemas.CommitmentEdit.model_validate({**fields, "reason": reason}),
        actor=actor_name(actor),
    )
    console.print(
        Text(f"#{out.id} {out.title} · {out.owner or '-'} · {out.programme or '-'} · {out.due_end or '…'}")
    )


def _proposal_line(p: ProposalOut) -> str:
    if p.kind == "due_changed":
        return f"{due_range(p.old_due_start, p.old_due_end)} ⇒ {due_range(p.new_due_start, p.new_due_end)}"
    return _("met on {day}").format(day=p.on_date)


@commitment_app.command("proposals")
def proposals(
    ctx: typer.Context,
    commitment_id: int | None = typer.Option(
        None, "--commitment", help="Only proposals about this commitment."
    ),
    fmt: ListFormat = FormatOption,
) -> None:
    """Evidence and due-date changes found in later reports, waiting for a person."""
    rows = commitments.list_proposals(db(ctx), commitment_id=commitment_id)
    if fmt is not ListFormat.table:
        emit(rows, fmt, columns=[])
        return
    show_table(
        console,
        [
            {
                "event": str(p.id),
                "commitment": f"#{p.commitment_id} {p.commitment_title}",
                "kind": p.kind,
                "proposal": _proposal_line(p),
                "report": (
                    f"#{p.report_id} {p.report_published_on or ''} {p.report_title or ''}".strip()
                    if p.report_id
                    else ""
                ),
                "note": p.note,
            }
            for p in rows
        ],
        PROPOSALS,
        title=_("Proposals"),
        empty=_("(no proposals)"),
    )
    if rows:
        console.print("[dim]chiso commitment confirm EVENT · chiso commitment reject EVENT[/dim]")


PROPOSALS = (
    Column("event", N_("Event"), "id"),
    Column("kind", N_("Kind"), max_width=12),
    Column("proposal", N_("Proposal"), "date"),
    Column("commitment", N_("Commitment"), max_width=30),
    Column("report", N_("Report"), max_width=30),
    Column("note", N_("Quote"), "text"),
)


@commitment_app.command("confirm")
def confirm(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., help="The proposal's event id (see `chiso commitment proposals`)."),
    actor: str | None = ActorOption,
) -> None:
    """Confirm a proposal: evidence resolves the commitment as met, a due change moves its due date."""
    out = commitments.confirm_event(db(ctx), event_id, actor_name(actor))
    console.print(
        f"#{out.id} → {_status(out.display_status)} · {due_range(out.due_start, out.due_end, out.precision)}"
        + (f" · {out.resolved_on}" if out.resolved_on else "")
    )


@commitment_app.command("reject")
def reject(
    ctx: typer.Context,
    event_id: int = typer.Argument(..., help="The proposal's event id."),
    actor: str | None = ActorOption,
) -> None:
    """Reject a proposal (it stays in the commitment's history as rejected)."""
    e = commitments.reject_event(db(ctx), event_id, actor_name(actor))
    console.print(escape(_("event {id} ({kind}) → {state}").format(id=e.id, kind=e.kind, state=e.state)))


def register(app: typer.Typer) -> None:
    from chiso.cli import commitment_merge_cmd

    commitment_merge_cmd.register(commitment_app)
    app.command("deadlines")(deadlines)
    app.add_typer(commitment_app, name="commitment")


__all__ = [
    "BOARD",
    "EVENTS",
    "EVENT_WORDS",
    "PROPOSALS",
    "SOURCES",
    "STATUS_LABEL",
    "STATUS_STYLE",
    "commitment_app",
    "confirm",
    "countdown",
    "deadlines",
    "due_range",
    "edit",
    "proposals",
    "register",
    "reject",
    "reopen",
    "resolve",
    "show",
]
