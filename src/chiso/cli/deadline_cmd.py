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
from chiso.cli._lazy import lazy
from chiso.cli.tables import Cell, Column, show_table
from chiso.errors import InputError

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
STATUS_LABEL = {
    "overdue": "quá hạn · overdue",
    "due_soon": "sắp đến hạn · due soon",
    "upcoming": "sắp tới · upcoming",
    "met": "đạt · met",
    "met_late": "đạt muộn · met late",
    "missed": "lỡ hạn · missed",
    "dropped": "bỏ · dropped",
}


def _status(status: str) -> str:
    """The status as markup (its label is ours, not data)."""
    style = STATUS_STYLE.get(status, "")
    label = escape(STATUS_LABEL.get(status, status))
    return f"[{style}]{label}[/{style}]" if style else label


def _status_text(status: str) -> Text:
    return Text(STATUS_LABEL.get(status, status), style=STATUS_STYLE.get(status, ""))


def countdown(row: CommitmentOut) -> str:
    """ "còn 44 ngày · 44 days left", "hôm nay · due today", "trễ 15 ngày · 15 days late"."""
    if row.days_left is not None:
        if row.days_left == 0:
            return "hạn hôm nay · due today"
        return f"còn {row.days_left} ngày · {row.days_left} days left"
    if row.days_late is not None:
        return f"trễ {row.days_late} ngày · {row.days_late} days late"
    return ""


def due_range(start: date | None, end: date | None, precision: str | None = None) -> str:
    text = f"{start or '…'} → {end or '…'}"
    return f"{text} ({precision})" if precision else text


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
    title = f"Hạn · deadlines on {day.isoformat()}"
    if day < date.today():
        # A past day's board: what was promised by then, with that day's due dates and statuses.
        title = f"Hạn theo những gì biết đến ngày · deadlines as known on {day.isoformat()}"
    board: list[dict[str, Cell]] = []
    for r in rows:
        evidence = str(r.evidence) if r.evidence else ""
        if r.pending_proposals:
            evidence += f" (+{r.pending_proposals} chờ · pending)"
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
    Column("status", "trạng thái · status", max_width=22),
    Column("countdown", "còn · countdown", "date"),
    Column("due", "hạn · due", "date"),
    Column("owner", "chủ trì · owner", max_width=20),
    Column("programme", "chương trình · programme", max_width=16),
    Column("evidence", "bằng chứng · evidence", max_width=16),
    Column("title", "việc · commitment", "text"),
)


def _event_line(e: CommitmentEventOut) -> str:
    if e.kind == "due_changed":
        return f"{due_range(e.old_due_start, e.old_due_end)} ⇒ {due_range(e.new_due_start, e.new_due_end)}"
    if e.kind in ("evidence", "resolved"):
        return f"{e.status or ''} {e.on_date or ''}".strip()
    if e.kind == "created":
        return due_range(e.new_due_start, e.new_due_end)
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
        err_console.print(f"#{commitment_id} đã gộp vào · was merged into #{kept}")
        d = commitments.get_commitment(db(ctx), kept, on=parse_date(on, "--on"))
    if fmt is not ListFormat.table:
        emit([d], fmt, columns=[])
        return
    facts = [
        f"{_status(d.display_status)}  {countdown(d)}",
        f"hạn · due: {due_range(d.due_start, d.due_end, d.precision)}",
    ]
    facts += [
        f"{label}: {escape(v)}"
        for label, v in (("chủ trì · owner", d.owner), ("chương trình · programme", d.programme))
        if v
    ]
    if d.target_value is not None:
        facts.append(f"mục tiêu · target: {fmt_number(d.target_value)} (indicator {d.target_indicator_id})")
    console.print(
        Panel("\n".join(facts), title=f"[bold]#{d.id} {escape(d.title)}[/bold]", subtitle=f"on {d.on}")
    )
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
        title="Nguồn · sources",
    )
    show_table(
        console,
        [
            {
                "event": str(e.id),
                "at": e.at.strftime("%Y-%m-%d %H:%M"),
                "kind": e.kind,
                "state": e.state,
                "what": _event_line(e),
                "report": f"#{e.report_id} {e.report_published_on or ''}".strip() if e.report_id else "",
                "by": e.actor,
                "note": e.note,
            }
            for e in d.events
        ],
        EVENTS,
        title="Lịch sử · history",
    )


SOURCES = (
    Column("mention", "mention", "id"),
    Column("published", "published", "date"),
    Column("report", "report", max_width=30),
    Column("quote", "quote", "text"),
)
EVENTS = (
    Column("event", "event", "id"),
    Column("at", "at", "date"),
    Column("kind", "kind", max_width=14),
    Column("state", "state", max_width=10),
    Column("what", "what", "date"),
    Column("report", "report", "date"),
    Column("by", "by", max_width=14),
    Column("note", "quote / note", "text"),
)


@commitment_app.command("resolve")
def resolve(
    ctx: typer.Context,
    commitment_id: int = typer.Argument(..., help="The commitment's id."),
    status: str = typer.Option(
        ..., "--status", help="met, missed or dropped (met after the due date is met_late)."
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
    target_indicator: int | None = typer.Option(
        None, "--target-indicator", help="The id of the indicator it targets."
    ),
    target_value: float | None = typer.Option(
        None, "--target-value", help="The value the indicator should reach."
    ),
    actor: str | None = ActorOption,
) -> None:
    """Change a commitment's title, owner, programme or target."""
    given = {
        "title": title,
        "owner": owner,
        "programme": programme,
        "target_indicator_id": target_indicator,
        "target_value": target_value,
    }
    fields = {k: v for k, v in given.items() if v is not None}
    if not fields:
        raise InputError("cli_deadline_nothing_to_change")
    out = commitments.edit(
        db(ctx),
        commitment_id,
        commitment_schemas.CommitmentEdit.model_validate(fields),
        actor=actor_name(actor),
    )
    console.print(Text(f"#{out.id} {out.title} · {out.owner or '-'} · {out.programme or '-'}"))


def _proposal_line(p: ProposalOut) -> str:
    if p.kind == "due_changed":
        return f"{due_range(p.old_due_start, p.old_due_end)} ⇒ {due_range(p.new_due_start, p.new_due_end)}"
    return f"đạt ngày · met on {p.on_date}"


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
        title="Chờ xác nhận · proposals",
        empty="(không có đề xuất nào · no proposals)",
    )
    if rows:
        console.print("[dim]chiso commitment confirm EVENT · chiso commitment reject EVENT[/dim]")


PROPOSALS = (
    Column("event", "event", "id"),
    Column("kind", "kind", max_width=12),
    Column("proposal", "proposal", "date"),
    Column("commitment", "commitment", max_width=30),
    Column("report", "report", max_width=30),
    Column("note", "quote", "text"),
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
    console.print(f"event {e.id} ({e.kind}) → {e.state}")


def register(app: typer.Typer) -> None:
    from chiso.cli import commitment_merge_cmd

    commitment_merge_cmd.register(commitment_app)
    app.command("deadlines")(deadlines)
    app.add_typer(commitment_app, name="commitment")
