"""``chiso extract``: the extraction contract, no database."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING

import typer
from rich.text import Text

from chiso.cli._common import console, fmt_number, parse_date
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Cell, Column, show_table
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso import config
    from chiso.services import extraction
else:
    config, extraction = lazy("chiso.config"), lazy("chiso.services.extraction")


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class LangChoice(StrEnum):
    auto = "auto"
    vi = "vi"
    en = "en"


def extract_command(
    path: str = typer.Argument(..., help="A text, HTML or PDF file, a URL, or - for standard input."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date YYYY-MM-DD: anchors 'đến nay', 'next year'."
    ),
    lang: LangChoice = typer.Option(LangChoice.auto, "--lang", help="Language of the text: auto, vi or en."),
    fmt: ExtractFormat = typer.Option(
        ExtractFormat.jsonl, "--format", "-f", help="jsonl (one mention per line) or table."
    ),
) -> None:
    """Print every figure and dated commitment in a file, with exact quotes and offsets."""
    day = parse_date(published, "--published")
    result = extraction.extract_source(path, settings=config.load_settings(), published=day, lang=lang.value)
    if fmt is ExtractFormat.jsonl:
        for m in result.mentions:
            typer.echo(json.dumps(m.to_dict(), ensure_ascii=False))
        return
    rows: list[dict[str, Cell]] = []
    for m in result.mentions:
        if isinstance(m, extraction.Figure):
            value = fmt_number(m.value) + (f" / {fmt_number(m.of)}" if m.of is not None else "")
            extra = [m.qualifier, m.unit or "", figure_time_cell(m)]
            kind = Text("figure", style="cyan")
        else:
            value = f"{m.due_start or '…'} → {m.due_end or '…'}"
            extra = [m.precision, m.text, m.trigger]
            kind = Text("deadline", style="magenta")
        rows.append(
            {
                "kind": kind,
                "offsets": f"{m.start}-{m.end}",
                "value": value,
                "qualifier": extra[0],
                "unit": extra[1],
                "time": extra[2],
                "quote": m.quote,
            }
        )
    show_table(
        console,
        rows,
        COLUMNS,
        title=_("{figures} figures, {deadlines} deadlines ({lang})").format(
            figures=len(result.figures), deadlines=len(result.deadlines), lang=result.lang
        ),
    )


COLUMNS = (
    Column("kind", N_("Kind"), max_width=8),
    Column("offsets", N_("Offsets"), "id"),
    Column("value", N_("Value / due"), "number"),
    Column("qualifier", N_("Qualifier"), max_width=10),
    Column("unit", N_("Unit / action"), max_width=24),
    Column("time", N_("Time (↑ context)"), max_width=44),
    Column("quote", N_("Quote"), "text"),
)


def figure_time_cell(m: extraction.Figure) -> str:
    """When a figure holds and where that came from, in one short cell: "2025-01-01…2025-12-31
    «năm 2025»" (its sentence), "… ↑«Năm 2025»" (carried from the context), "2026-01-16
    ngày đăng/published" (no time in the text); "→ 2030-12-31" is a due date, "◎" a target."""
    if m.period_start is not None:
        when = f"{m.period_start}…{m.period_end or ''}"
    elif m.period_end is not None:
        when = f"→ {m.period_end}"
    else:
        when = str(m.as_of or "—")
    if m.target:
        when = f"◎ {when}"
    if m.time_source == "published" or not m.time_quote:
        return f"{when} ngày đăng/published"
    arrow = "↑" if m.time_source == "context" else ""
    return f"{when} {arrow}«{m.time_quote}»"  # plain text: the table prints cells as Text


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)


__all__ = ["COLUMNS", "ExtractFormat", "LangChoice", "extract_command", "figure_time_cell", "register"]
