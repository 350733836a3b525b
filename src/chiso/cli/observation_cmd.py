"""``chiso observations``, ``chiso conflicts``, ``chiso history`` and observation import/export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from chiso.cli._common import FormatOption, ListFormat, console, db, emit, fmt_number
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.cli.tables import Column, show_table
from chiso.i18n import N_

if TYPE_CHECKING:
    from chiso import config
    from chiso.services import audit, exports, observations
    from chiso.services.observations.schemas import ObservationOut
else:
    audit, exports = lazy("chiso.services.audit"), lazy("chiso.services.exports")
    config = lazy("chiso.config")
    observations = lazy("chiso.services.observations")

export_app = typer.Typer(help="Export data to a file.", no_args_is_help=True)
import_app = typer.Typer(help="Import data from a file.", no_args_is_help=True)

_SYMBOL = {
    "exact": "",
    "more_than": ">",
    "at_least": "≥",
    "about": "~",
    "nearly": "≈<",
    "less_than": "<",
    "at_most": "≤",
}


def _value(o: ObservationOut) -> str:
    v = _SYMBOL.get(o.qualifier, o.qualifier + " ") + fmt_number(o.value)
    v += f"–{fmt_number(o.value_max)}" if o.value_max is not None else ""
    return v + (f"/{fmt_number(o.of_total)}" if o.of_total is not None else "")


def _when(o: ObservationOut) -> str:
    if o.period_start or o.period_end:
        return f"{o.period_start or '…'}…{o.period_end or '…'}"
    return str(o.as_of or o.ref_date)


def _citing() -> dict[str, str | None]:
    """Where exports link to and the licence they cite by default, from the settings."""
    settings = config.load_settings()
    return {"base_url": settings.public_url, "default_licence": settings.default_licence}


def observations_cmd(
    ctx: typer.Context,
    indicator: str | None = typer.Option(None, "--indicator", "-i", help="Only this indicator (slug)."),
    fmt: ListFormat = FormatOption,
) -> None:
    """List observations with their sources (quote, report, publication date); as CSV or JSON,
    the export's rows (with licence, permalink and access date)."""
    if fmt in (ListFormat.csv, ListFormat.json):
        # the export's rows: each source with its licence, permalink and access date
        data = exports.rows(db(ctx), indicator, **_citing())
        typer.echo(exports.render(data, "csv" if fmt is ListFormat.csv else "json").decode("utf-8"), nl=False)
        return
    rows = observations.list_observations(db(ctx), indicator)
    show_table(
        console,
        [
            {
                "id": str(o.id),
                "indicator": o.indicator,
                "value": _value(o) + (" (" + _("target") + ")" if o.is_target else ""),
                "date": _when(o),
                "sources": str(o.source_count),
                "quote": _quote(o),
            }
            for o in rows
        ],
        OBSERVATIONS,
        title=_("Observations"),
    )


OBSERVATIONS = (
    Column("id", "id", "id"),
    Column("indicator", N_("Indicator"), max_width=30),
    Column("value", N_("Value"), "number"),
    Column("date", N_("Date"), "date"),
    Column("sources", N_("Sources"), "number"),
    Column("quote", N_("Quote"), "text"),
)


def _quote(o: ObservationOut) -> str:
    first = o.sources[0] if o.sources else None
    if first is None:
        return ""
    return f"“{first.quote}” — {first.publisher or first.title or ''} {first.published_on or ''}".rstrip()


def conflicts_cmd(
    ctx: typer.Context,
    indicator: str | None = typer.Option(None, "--indicator", "-i", help="Only this indicator (slug)."),
    fmt: ListFormat = FormatOption,
) -> None:
    """Values that contradict each other for the same date, and cumulative series that go down."""
    rows = observations.conflicts(db(ctx), indicator=indicator)
    if fmt is not ListFormat.table:
        emit(rows, fmt, columns=[])
        return
    show_table(
        console,
        [
            {
                "indicator": c.indicator,
                "date": str(c.ref_date),
                "kind": c.kind,
                "values": "\n".join(f"{_value(o)} ({_when(o)})" for o in c.observations),
                "sources": "\n".join(
                    "; ".join(f"“{s.quote}” {s.publisher or s.title or ''}" for s in o.sources)
                    for o in c.observations
                ),
            }
            for c in rows
        ],
        CONFLICTS,
        title=_("Conflicts"),
        empty=_("No conflicts"),
    )


CONFLICTS = (
    Column("indicator", N_("Indicator"), max_width=30),
    Column("date", N_("Date"), "date"),
    Column("kind", N_("Kind"), max_width=14),
    Column("values", N_("Values"), "number"),
    Column("sources", N_("Sources"), "text"),
)


def _short(v: Any) -> str:
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 60 else s[:59] + "…"


def _change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """Only what changed, one "field: before → after" per line (the JSON format has everything)."""
    before, after = before or {}, after or {}
    lines = []
    for k in list(dict.fromkeys([*before, *after])):
        b, a = before.get(k), after.get(k)
        if b == a:
            continue
        lines.append(f"{k}: {_short(b)} → {_short(a)}" if k in before else f"{k}: {_short(a)}")
    return "\n".join(lines)


def history_cmd(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=100000, help="How many events, newest first."),
    entity: str | None = typer.Option(
        None, "--entity", help="Only events about this kind of thing (mention, indicator, report…)."
    ),
    fmt: ListFormat = FormatOption,
) -> None:
    """The audit log: who decided what, when, with the state before and after."""
    rows = audit.history(db(ctx), entity=entity, limit=limit)
    if fmt is not ListFormat.table:
        emit(rows, fmt, columns=[])
        return
    show_table(
        console,
        [
            {
                "id": str(e.id),
                "at": f"{e.at:%Y-%m-%d %H:%M}",
                "actor": e.actor,
                "action": e.action,
                "entity": f"{e.entity} {e.entity_id}" if e.entity_id is not None else e.entity,
                "change": _change(e.before, e.after),
            }
            for e in rows
        ],
        HISTORY,
        title=_("History"),
    )


HISTORY = (
    Column("id", "id", "id"),
    Column("at", N_("At"), "date"),
    Column("actor", N_("Actor"), max_width=16),
    Column("action", N_("Action"), max_width=24),
    Column("entity", N_("Entity"), max_width=20),
    Column("change", N_("Change"), "text"),
)


@export_app.command("observations")
def export_observations(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="FILE.csv, FILE.xlsx or FILE.json", dir_okay=False),
    indicator: str | None = typer.Option(None, "--indicator", "-i", help="Only this indicator (slug)."),
) -> None:
    """Export observations with their sources (URL, quote, publication date, licence)."""
    n = exports.export_observations(db(ctx), path, indicator=indicator, **_citing())
    exported, what = _("Exported"), _("{n} rows → {path}").format(n=n, path=path)
    console.print(f"[green]{exported}[/green] {escape(what)}")


@import_app.command("observations")
def import_observations(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ..., help="A CSV, XLSX or JSON file made by `chiso export observations`.", exists=True, dir_okay=False
    ),
    actor: str | None = typer.Option(None, "--as", envvar="CHISO_ACTOR", help="Recorded as the importer."),
) -> None:
    """Import observations (all rows or none)."""
    r = exports.import_observations(db(ctx), path, actor=actor or "cli")
    tally = _("{rows} rows: {created} new observations, {sources} sources, {unchanged} unchanged").format(
        rows=r.rows, created=r.observations_created, sources=r.sources_added, unchanged=r.unchanged
    )
    if r.indicators_created:
        tally += "; " + _("new indicators: {slugs}").format(slugs=", ".join(r.indicators_created))
    imported = _("Imported")
    console.print(f"[green]{imported}[/green] {escape(tally)}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("observations")(observations_cmd)
    app.command("conflicts")(conflicts_cmd)
    app.command("history")(history_cmd)
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")


__all__ = [
    "CONFLICTS",
    "HISTORY",
    "OBSERVATIONS",
    "conflicts_cmd",
    "export_app",
    "export_observations",
    "history_cmd",
    "import_app",
    "import_observations",
    "observations_cmd",
    "register",
]
