"""``chiso commitment merge`` and ``chiso commitment duplicates``: one promise, one commitment."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from chiso.cli._common import ActorOption, FormatOption, ListFormat, actor_name, console, db, emit
from chiso.services import commitments


def merge(
    ctx: typer.Context,
    keep: int = typer.Argument(..., help="The commitment to keep."),
    other: int = typer.Argument(..., help="The commitment that is the same promise; it is merged into KEEP."),
    actor: str | None = ActorOption,
) -> None:
    """Merge OTHER into KEEP (the same promise made twice): OTHER's history and quotes move to
    KEEP, and OTHER's page and id lead to KEEP from then on."""
    out = commitments.merge(db(ctx), keep, other, actor=actor_name(actor))
    console.print(
        f"[green]✓[/green] #{other} → #{out.id} {escape(out.title)} "
        f"(gộp · merged; {out.status}, {out.due_end or '…'})",
        soft_wrap=True,
    )


def duplicates(ctx: typer.Context, fmt: ListFormat = FormatOption) -> None:
    """Commitments that are probably one promise made twice: the same owner and programme (or
    unknown), much the same words, due dates close together. Merge with `chiso commitment merge`."""
    pairs = commitments.find_duplicates(db(ctx))
    if fmt is not ListFormat.table:
        emit(pairs, fmt, columns=[])
        return
    table = Table(title="Có thể trùng · possible duplicates", header_style="bold")
    for col in ("giữ · keep", "gộp · merge", "từ trùng · words", "hạn cách · days apart"):
        table.add_column(col, overflow="fold")
    for p in pairs:
        table.add_row(
            f"#{p.first.id} {escape(p.first.title)} ({p.first.due_end or '…'})",
            f"#{p.second.id} {escape(p.second.title)} ({p.second.due_end or '…'})",
            f"{p.words:.0%}",
            "" if p.days_apart is None else str(p.days_apart),
        )
    console.print(table)
    if not pairs:
        console.print("[dim](không thấy cam kết trùng · no likely duplicates)[/dim]")
    else:
        console.print("[dim]chiso commitment merge KEEP OTHER[/dim]")


def register(commitment_app: typer.Typer) -> None:
    commitment_app.command("merge")(merge)
    commitment_app.command("duplicates")(duplicates)
