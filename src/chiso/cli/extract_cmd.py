"""``chiso extract``: the extraction contract, no database."""

from __future__ import annotations

import json
from enum import StrEnum

import typer
from rich.markup import escape
from rich.table import Table

from chiso.cli._common import console, parse_date
from chiso.config import load_settings
from chiso.extract import Figure, extract
from chiso.services.sources import read_source


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
    doc = read_source(path, settings=load_settings())
    day = parse_date(published, "--published") or doc.published_on
    language = (
        lang.value if lang is not LangChoice.auto else (doc.lang if doc.lang in ("vi", "en") else "auto")
    )
    result = extract(doc.text, published=day, lang=language)  # type: ignore[arg-type]
    if fmt is ExtractFormat.jsonl:
        for m in result.mentions:
            typer.echo(json.dumps(m.to_dict(), ensure_ascii=False))
        return
    table = Table(
        title=f"{len(result.figures)} số liệu · figures, {len(result.deadlines)} hạn · deadlines ({result.lang})"
    )
    for col in ("kind", "offsets", "quote", "value / due", "qualifier", "unit / action", "time (↑ context)"):
        table.add_column(col, overflow="fold")
    for m in result.mentions:
        if isinstance(m, Figure):
            value = f"{m.value:,.10g}" + (f" / {m.of:,.10g}" if m.of is not None else "")
            table.add_row(
                "figure",
                f"{m.start}-{m.end}",
                escape(m.quote),
                value,
                m.qualifier,
                escape(m.unit or ""),
                figure_time_cell(m),
            )
        else:
            due = f"{m.due_start or '…'} → {m.due_end or '…'}"
            table.add_row(
                "[magenta]deadline[/magenta]",
                f"{m.start}-{m.end}",
                escape(m.quote),
                due,
                m.precision,
                escape(m.text),
                escape(m.trigger),
            )
    console.print(table)


def figure_time_cell(m: Figure) -> str:
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
    return f"{when} {arrow}«{escape(m.time_quote)}»"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
