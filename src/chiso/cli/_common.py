"""What every command shares: the database option, output formats, the console."""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from chiso.errors import InputError

if TYPE_CHECKING:
    from chiso.store.db import Database

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Callable[[object], None]]:
    """A progress bar on stderr for long work; yields a callback that advances it by one (it takes
    and ignores the item just done, so it can be passed as an ``on_done``-style hook)."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda _done: progress.advance(task)


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = typer.Option(ListFormat.table, "--format", "-f", help="Output: table, json or csv.")
ActorOption = typer.Option(
    None, "--as", envvar="CHISO_ACTOR", help="Who is deciding (default: your user name)."
)


def actor_name(actor: str | None) -> str:
    """Who a decision is recorded as: ``--as``/CHISO_ACTOR, else the login name."""
    if actor:
        return actor
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return os.environ.get("USER") or "cli"


class State:
    """Per-invocation state the root callback fills in; the database opens on first use."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            from chiso.services import open_database

            self._db = open_database(self.db_url)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(None)
    return root.obj


def db(ctx: typer.Context) -> Database:
    return state(ctx).db


def parse_date(value: str | None, what: str = "date") -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what} must be YYYY-MM-DD, got {value!r}") from None


def _plain(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def emit(
    rows: Sequence[BaseModel] | Sequence[dict[str, Any]],
    fmt: ListFormat,
    *,
    columns: Sequence[tuple[str, str]],
    title: str | None = None,
    cell: Callable[[str, Any], str] | None = None,
) -> None:
    """Print rows as a Rich table (the chosen ``columns``), JSON (every field) or CSV."""
    dicts = [r.model_dump(mode="json") if isinstance(r, BaseModel) else r for r in rows]
    if fmt is ListFormat.json:
        typer.echo(json.dumps(dicts, ensure_ascii=False, indent=2, default=str))
        return
    if fmt is ListFormat.csv:
        buf = io.StringIO()
        fields = list(dicts[0]) if dicts else [c for c, _ in columns]
        w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for d in dicts:
            w.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                    for k, v in d.items()
                }
            )
        typer.echo(buf.getvalue(), nl=False)
        return
    table = Table(title=title, header_style="bold", show_lines=False)
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for d in dicts:
        table.add_row(*[(cell(k, d.get(k)) if cell else _cell(d.get(k))) for k, _ in columns])
    console.print(table)
    if not dicts:
        console.print("[dim](không có dòng nào · no rows)[/dim]")


def _cell(v: Any) -> str:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "✓" if v else ""
    if isinstance(v, int) and abs(v) >= 10000:
        return f"{v:,}".replace(",", ".")
    return str(v)


def fmt_number(v: float | None) -> str:
    return _cell(v)


def lines(items: Iterable[str]) -> str:
    return "\n".join(items)


__all__ = [
    "FormatOption",
    "ListFormat",
    "State",
    "console",
    "db",
    "emit",
    "err_console",
    "fmt_number",
    "parse_date",
    "state",
]
