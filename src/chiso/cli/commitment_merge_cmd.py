"""``chiso commitment merge`` and ``chiso commitment duplicates``: one promise, one commitment."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from chiso.cli._common import ActorOption, FormatOption, ListFormat, actor_name, console, db, emit
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Cell, Column, show_table
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso.services import commitments
else:
    commitments = lazy("chiso.services.commitments")

PAIRS = (
    Column("keep", N_("Keep"), max_width=36),
    Column("merge", N_("Merge"), "text"),
    Column("words", N_("Words"), "number"),
    Column("days", N_("Days apart"), "number"),
)


def merge(
    ctx: typer.Context,
    keep: int = typer.Argument(..., help="The commitment to keep."),
    other: int = typer.Argument(..., help="The commitment that is the same promise; it is merged into KEEP."),
    actor: str | None = ActorOption,
) -> None:
    """Merge OTHER into KEEP (the same promise made twice): OTHER's history and quotes move to
    KEEP, and OTHER's page and id lead to KEEP from then on."""
    out = commitments.merge(db(ctx), keep, other, actor=actor_name(actor))
    merged = _("merged")
    console.print(
        f"[green]✓[/green] #{other} → #{out.id} {escape(out.title)} ({merged}; {out.status}, {out.due_end or '…'})",
        soft_wrap=True,
    )


def duplicates(ctx: typer.Context, fmt: ListFormat = FormatOption) -> None:
    """Commitments that are probably one promise made twice: the same owner and programme (or
    unknown), much the same words, due dates close together. Merge with `chiso commitment merge`."""
    pairs = commitments.find_duplicates(db(ctx))
    if fmt is not ListFormat.table:
        emit(pairs, fmt, columns=[])
        return
    rows: list[dict[str, Cell]] = [
        {
            "keep": f"#{p.first.id} {p.first.title} ({p.first.due_end or '…'})",
            "merge": f"#{p.second.id} {p.second.title} ({p.second.due_end or '…'})",
            "words": f"{p.words:.0%}",
            "days": "" if p.days_apart is None else str(p.days_apart),
        }
        for p in pairs
    ]
    show_table(
        console,
        rows,
        PAIRS,
        title=_("Possible duplicates"),
        empty=_("(no likely duplicates)"),
    )
    if pairs:
        console.print("[dim]chiso commitment merge KEEP OTHER[/dim]")


def register(commitment_app: typer.Typer) -> None:
    commitment_app.command("merge")(merge)
    commitment_app.command("duplicates")(duplicates)


__all__ = ["PAIRS", "duplicates", "merge", "register"]
