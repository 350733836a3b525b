"""What every command shares: the database option, output formats, the console."""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from chiso.cli.tables import Cell, Column, show_table
from chiso.errors import InputError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from chiso.services.database import Database

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


@contextmanager
def progress_steps(description: str) -> Iterator[tuple[Callable[[int], None], Callable[[object], None]]]:
    """A progress bar whose total the work itself announces: yields ``(start, advance)``, for a
    service taking ``on_start(total)`` and ``on_done(item)`` hooks."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)
        yield (lambda total: progress.update(task, total=total)), (lambda _done: progress.advance(task))


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
        raise InputError("date_format", field=what, value=value) from None


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
    columns: Sequence[tuple[str, str] | Column],
    title: str | None = None,
    cell: Callable[[str, Any], Cell] | None = None,
) -> None:
    """Print rows as a table of the chosen ``columns`` (see :mod:`chiso.cli.tables`), JSON (every
    field) or CSV. A ``(key, header)`` column's kind (id, number, date or label) is read from its
    key and values; pass a :class:`Column` to say which one is the free ``text``."""
    dicts = [r if isinstance(r, dict) else r.model_dump(mode="json") for r in rows]
    if fmt is ListFormat.json:
        typer.echo(json.dumps(dicts, ensure_ascii=False, indent=2, default=str))
        return
    if fmt is ListFormat.csv:
        buf = io.StringIO()
        fields = list(dicts[0]) if dicts else [c.key if isinstance(c, Column) else c[0] for c in columns]
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
    cols = [c if isinstance(c, Column) else _column(c[0], c[1], dicts) for c in columns]
    show_table(
        console,
        [{c.key: _value(c, d.get(c.key), cell) for c in cols} for d in dicts],
        cols,
        title=title,
    )


def _value(column: Column, v: Any, cell: Callable[[str, Any], Cell] | None) -> Cell:
    if cell is not None:
        return cell(column.key, v)
    if column.kind == "id" and v is not None:
        return str(v)  # ids are typed back as they are: no thousands dots
    return _cell(v)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _column(key: str, header: str, rows: Sequence[dict[str, Any]]) -> Column:
    """A column's kind from its key and first value: ids, numbers and dates are never cut."""
    if key == "id" or key.endswith("_id"):
        return Column(key, header, "id")
    value = next((d.get(key) for d in rows if d.get(key) not in (None, "")), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Column(key, header, "number")
    if isinstance(value, str) and _ISO_DAY.match(value):
        return Column(key, header, "date")
    return Column(key, header)


def _cell(v: Any) -> str:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "✓" if v else ""
    if isinstance(v, int | float):
        return fmt_number(v)
    if isinstance(v, str) and _ISO_DAY.match(v) and len(v) > 10:
        # A timestamp ("2026-12-03T09:41:07.123+00:00"): to the minute, never split.
        return v[:16].replace("T", " ")
    return str(v)


def fmt_number(v: float | None) -> str:
    """The CLI's one number format, Vietnamese like its first language: ``67.000.000``,
    ``1,5``, ``12,75`` (a dot never means a decimal point here)."""
    if v is None:
        return ""
    if float(v).is_integer():
        return f"{int(v):,}".replace(",", ".")
    text = f"{v:,.6f}".rstrip("0").rstrip(".")
    if text in ("0", "-0"):
        text = f"{v:g}"  # 1e-07: too small for six decimals
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def lines(items: Iterable[str]) -> str:
    return "\n".join(items)


__all__ = [
    "Column",
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
