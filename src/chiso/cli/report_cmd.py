"""``chiso report``: add, list and show reports."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from chiso.cli._common import FormatOption, ListFormat, console, db, emit, fmt_number, parse_date
from chiso.config import load_settings
from chiso.ingest.document import Document
from chiso.ingest.files import read_bytes, read_path
from chiso.services import reports
from chiso.services.schemas import MentionOut, ReportDetail

report_app = typer.Typer(
    help="Reports: add a file or standard input, list them, show one with its mentions.", no_args_is_help=True
)

STATE_STYLE = {"pending": "", "accepted": " underline", "rejected": " strike dim"}


def _read(source: str) -> Document:
    max_bytes = load_settings().max_input_bytes
    if source == "-":
        return read_bytes(sys.stdin.buffer.read(), name="<stdin>", max_bytes=max_bytes)
    return read_path(Path(source), max_bytes=max_bytes)


@report_app.command("add")
def add(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="A text, HTML or PDF file, or - for standard input."),
    title: str | None = typer.Option(None, "--title", help="Title (default: from the file)."),
    url: str | None = typer.Option(None, "--url", help="Where the report was published."),
    publisher: str | None = typer.Option(None, "--publisher", help="Who published it."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
) -> None:
    """Add a report and extract its mentions; prints the report's id (the existing id for the same text)."""
    doc = _read(source)
    result = reports.add_report(
        db(ctx),
        doc,
        title=title,
        url=url,
        publisher=publisher,
        published=parse_date(published, "--published"),
    )
    if result.created:
        console.print(
            f"[green]Đã thêm báo cáo · added report[/green] [bold]{result.report_id}[/bold]: "
            f"{result.figures} số liệu · figures, {result.deadlines} hạn · deadlines",
            soft_wrap=True,
        )
    else:
        console.print(f"[yellow]Đã có · already stored as report[/yellow] [bold]{result.report_id}[/bold]")
    typer.echo(result.report_id)


@report_app.command("list")
def list_(
    ctx: typer.Context,
    q: str | None = typer.Option(
        None, "--search", "-q", help="Only reports whose title or text contains this."
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=10000),
    fmt: ListFormat = FormatOption,
) -> None:
    """List reports, newest publication first."""
    rows = reports.list_reports(db(ctx), limit=limit, q=q)
    emit(
        rows,
        fmt,
        title="Báo cáo · reports",
        columns=[
            ("id", "id"),
            ("published_on", "ngày · published"),
            ("title", "tiêu đề · title"),
            ("publisher", "nguồn · publisher"),
            ("figures", "số liệu"),
            ("deadlines", "hạn"),
            ("pending", "chờ duyệt · pending"),
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
        when = m.as_of or (f"{m.period_start}…{m.period_end}" if m.period_end else "")
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
    meta = " · ".join(str(x) for x in (detail.publisher, detail.published_on, detail.url) if x)
    console.print(
        Panel(
            highlighted(detail),
            title=f"[bold]#{detail.id} {detail.title or ''}[/bold]",
            subtitle=meta or None,
        )
    )
    table = Table(title="Số liệu và hạn · mentions", header_style="bold")
    for col in ("id", "kind", "quote", "value / due", "state"):
        table.add_column(col, overflow="fold")
    for m in detail.mentions:
        colour = "cyan" if m.kind == "figure" else "magenta"
        table.add_row(str(m.id), f"[{colour}]{m.kind}[/{colour}]", m.quote, _describe(m), m.state)
    console.print(table)
    if detail.also_published_by:
        others = ", ".join(f"#{r.id} {r.publisher or r.title or ''}" for r in detail.also_published_by)
        console.print(f"Cũng đăng bởi · also published by: {others}")


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
