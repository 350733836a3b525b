"""``chiso extract``: the extraction contract, no database."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from chiso.cli._common import console, parse_date
from chiso.cli._lazy import lazy
from chiso.config import load_settings
from chiso.extract import Figure, extract

if TYPE_CHECKING:
    from chiso.services import sources
else:
    sources = lazy("chiso.services.sources")


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
    doc = sources.read_source(path, settings=load_settings())
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
    for col in ("kind", "offsets", "quote", "value / due", "qualifier", "unit / action", "period"):
        table.add_column(col, overflow="fold")
    for m in result.mentions:
        if isinstance(m, Figure):
            value = f"{m.value:,.10g}" + (f" / {m.of:,.10g}" if m.of is not None else "")
            table.add_row(
                "figure", f"{m.start}-{m.end}", m.quote, value, m.qualifier, m.unit or "", m.period or ""
            )
        else:
            due = f"{m.due_start or '…'} → {m.due_end or '…'}"
            table.add_row(
                "[magenta]deadline[/magenta]",
                f"{m.start}-{m.end}",
                m.quote,
                due,
                m.precision,
                m.text,
                m.trigger,
            )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
