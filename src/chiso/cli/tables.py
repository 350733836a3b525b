"""Listings for the terminal: one helper every listing command prints through.

What an 80-column terminal taught us (issue 12 #13): a Rich table with eight folding columns
took 154 lines for 14 commitments, cut numbers, dates and ids mid-token and silently dropped
the quote column. So:

- every cell is data, never markup: a title holding ``[/x]`` is printed as those four characters
  (cells are :class:`rich.text.Text`; a caller styles a cell by passing a styled ``Text``);
- columns empty in every row are dropped;
- ids, numbers and dates are never wrapped or cut; short labels are cut with an ellipsis at
  their ``max_width``; the one ``text`` column takes the width that is left, each of its lines
  cut with an ellipsis, at most ``max_lines`` lines;
- below :data:`WIDE` columns each record is a block: a first line with its id and short fields,
  then its text, indented.

Headers are msgids (English, marked with ``N_``), translated here into the CLI's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from chiso.cli._lang import _
from chiso.i18n import N_

NO_ROWS = N_("(no rows)")

#: Below this many columns a table of a few fields plus a sentence no longer fits one line per
#: record; one block per record reads better than folded cells (80 and 90 columns tried).
WIDE = 100

Kind = Literal["id", "number", "date", "label", "text"]
Cell = str | Text | None


@dataclass(frozen=True)
class Column:
    """One column: ``key`` in each row, its header (a msgid: English, marked with ``N_``), and
    what kind of value it holds."""

    key: str
    header: str
    kind: Kind = "label"
    #: labels only: the widest they may grow before an ellipsis
    max_width: int = 28


def _text(cell: Cell) -> Text:
    if cell is None:
        return Text()
    return cell.copy() if isinstance(cell, Text) else Text(cell)


def _clip_lines(text: Text, max_lines: int) -> Text:
    """At most ``max_lines`` lines; an ellipsis says some were left out."""
    lines = text.split("\n", allow_blank=True)
    if len(lines) <= max_lines:
        return text
    kept = Text("\n").join(lines[:max_lines])
    kept.append(" …")
    return kept


def _fit(text: Text, width: int) -> Text:
    """One line of at most ``width`` cells, cut with an ellipsis."""
    line = text.copy()
    line.truncate(max(width, 1), overflow="ellipsis")
    return line


def show_table(
    console: Console,
    rows: Sequence[Mapping[str, Cell]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    empty: str | None = None,
    max_lines: int = 3,
) -> None:
    """Print ``rows`` as a table (wide terminals) or as blocks (narrow ones); ``title`` and
    ``empty`` come translated, the columns' headers are translated here."""
    columns = [replace(c, header=_(c.header)) for c in columns]
    cells = [{c.key: _text(r.get(c.key)) for c in columns} for r in rows]
    kept = [c for c in columns if any(row[c.key].plain.strip() for row in cells)]
    if title:
        console.print(Text(title, style="bold"))
    if not cells:
        console.print(Text(empty if empty is not None else _(NO_ROWS), style="dim"))
        return
    widths = _widths(cells, kept)
    if console.width >= WIDE and _fits(widths, kept, console.width):
        _wide(console, cells, kept, widths, max_lines)
    else:
        _blocks(console, cells, kept, max_lines)


#: the least the text column may get in a table; narrower, the records are printed as blocks
TEXT_MIN = 30
#: what Rich puts between two columns of a SIMPLE_HEAD table: padding, divider, padding
GAP = 3


def _widths(cells: list[dict[str, Text]], columns: Sequence[Column]) -> dict[str, tuple[int, str]]:
    """Each fixed column's width and header: as wide as its widest value (a label up to its
    ``max_width``) or its header, whichever is wider."""
    out: dict[str, tuple[int, str]] = {}
    for c in columns:
        if c.kind == "text":
            continue
        widest = max((line.cell_len for row in cells for line in row[c.key].split("\n")), default=0)
        if c.kind == "label":
            widest = min(widest, c.max_width)
        out[c.key] = (max(widest, Text(c.header).cell_len), c.header)
    return out


def _fits(widths: dict[str, tuple[int, str]], columns: Sequence[Column], width: int) -> bool:
    fixed = sum(w + GAP for w, _ in widths.values())
    text = any(c.kind == "text" for c in columns)
    return fixed + (TEXT_MIN if text else 0) <= width


def _wide(
    console: Console,
    cells: list[dict[str, Text]],
    columns: Sequence[Column],
    widths: dict[str, tuple[int, str]],
    max_lines: int,
) -> None:
    has_text = any(c.kind == "text" for c in columns)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False, expand=has_text)
    for c in columns:
        if c.kind == "text":
            table.add_column(c.header, no_wrap=True, overflow="ellipsis", ratio=1, min_width=TEXT_MIN // 2)
            continue
        width, header = widths[c.key]
        table.add_column(
            header,
            width=width,
            no_wrap=True,
            # a label may be cut (its max_width); ids, numbers and dates are as wide as their widest
            overflow="ellipsis" if c.kind == "label" else "ignore",
            justify="right" if c.kind == "number" else "left",
        )
    for row in cells:
        table.add_row(
            *[_clip_lines(row[c.key], max_lines) if c.kind == "text" else row[c.key] for c in columns]
        )
    console.print(table)


def _blocks(
    console: Console, cells: list[dict[str, Text]], columns: Sequence[Column], max_lines: int
) -> None:
    width = console.width
    head = [c for c in columns if c.kind != "text"]
    body = [c for c in columns if c.kind == "text"]
    for row in cells:
        fields: list[Text] = []
        for i, c in enumerate(head):
            value = Text(" / ").join(row[c.key].split("\n"))
            if not value.plain:
                continue
            if c.kind == "id" and i == 0:
                value = (Text("#") + value) if value.plain.isdigit() else value
                value.stylize("bold")
            elif c.kind == "number":
                value = Text(f"{c.header} ") + value
            elif c.kind == "label":
                value = _fit(value, min(c.max_width, width))
            fields.append(value)
        for line in _pack(fields, width):
            console.print(line, no_wrap=True, overflow="ignore", crop=False)
        for c in body:
            value = row[c.key]
            if not value.plain.strip():
                continue
            for part in _clip_lines(value, max_lines).split("\n"):
                console.print(_fit(Text("  ") + part, width), no_wrap=True, crop=False)


def _pack(fields: list[Text], width: int) -> list[Text]:
    """Fields joined by `` · `` into lines of at most ``width``; a field is never split (the
    first field of a line that is still too wide is the only one on it, cut with an ellipsis)."""
    lines: list[Text] = []
    line = Text()
    for f in fields:
        sep = Text(" · ", style="dim") if line.plain else Text("  " if lines else "")
        if line.plain and line.cell_len + sep.cell_len + f.cell_len > width:
            lines.append(line)
            line, sep = Text(), Text("  ")
        line = line + sep + f
    if line.plain:
        lines.append(line)
    return [_fit(x, width) if x.cell_len > width else x for x in lines]


__all__ = ["NO_ROWS", "WIDE", "Cell", "Column", "show_table"]
