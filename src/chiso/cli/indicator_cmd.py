"""``chiso indicator``: list, show, add, edit, import and export indicators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from chiso.cli._common import Column, FormatOption, ListFormat, console, db, emit, fmt_number
from chiso.cli._lang import _
from chiso.cli._lazy import lazy
from chiso.errors import InputError, validation_problems
from chiso.i18n import N_

if TYPE_CHECKING:
    import pydantic

    from chiso.services import indicators
    from chiso.services.database import Database
    from chiso.services.indicators import schemas as indicator_schemas
    from chiso.services.indicators.schemas import IndicatorIn, IndicatorOut
else:
    indicators = lazy("chiso.services.indicators")
    indicator_schemas = lazy("chiso.services.indicators.schemas")
    pydantic = lazy("pydantic")

indicator_app = typer.Typer(
    help="Chỉ số · indicators: the shipped catalogue and your own (list, show, add, edit, import, export).",
    no_args_is_help=True,
)

ACTOR = "cli"
_RULE_KINDS = ("words", "units", "context", "exclude")


def _ready(ctx: typer.Context) -> Database:
    """The database, with the shipped catalogue loaded (idempotent; never overwrites edits)."""
    database = db(ctx)
    indicators.ensure_catalog(database)
    return database


def _csv(values: list[str] | None) -> list[str]:
    """Repeated options and comma lists alike: ``--word a --word b`` or ``--word "a, b"``."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def _range(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        lo, hi = (float(x) for x in value.replace("..", ",").split(","))
    except ValueError:
        raise InputError("cli_range_format", value=value) from None
    return lo, hi


@indicator_app.command("list")
def list_(
    ctx: typer.Context,
    programme: str | None = typer.Option(
        None, "--programme", "-p", help="Only one programme, e.g. 'Project 06' or 'Đề án 06'."
    ),
    fmt: ListFormat = FormatOption,
) -> None:
    """List indicators, by programme then slug."""
    rows = indicators.list_indicators(_ready(ctx), programme=programme)
    emit(
        rows,
        fmt,
        title=_("Indicators"),
        columns=[
            Column("slug", "slug", "id"),
            ("unit", N_("Unit")),
            ("measure", N_("Measure")),
            ("programme", N_("Programme")),
            ("origin", N_("Origin")),
            Column("name_vi", N_("Name"), "text"),
        ],
    )


def _show(ind: IndicatorOut) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    programme = ind.programme or ""
    if ind.programme_vi:
        programme += f" · {ind.programme_vi}"
    for label, value in (
        (N_("Name"), f"{ind.name_vi}\n{ind.name_en}"),
        (N_("Unit"), ind.unit + (f" ({ind.short_unit})" if ind.short_unit else "")),
        (N_("Decimals"), str(ind.decimals)),
        (N_("Measure"), ind.measure),
        (N_("Owner"), ind.owner or ""),
        (N_("Programme"), programme),
        (N_("Description"), "\n".join(d for d in (ind.description_vi, ind.description) if d)),
        (N_("Origin"), ind.origin),
    ):
        table.add_row(Text(_(label)), Text(value))
    rules = ind.match_rules or {}
    for kind in _RULE_KINDS:
        if rules.get(kind):
            table.add_row(Text(_("Match {kind}").format(kind=kind)), Text(", ".join(rules[kind])))
    if rules.get("range"):
        lo, hi = rules["range"]
        table.add_row(Text(_("Match range")), f"{fmt_number(lo)} … {fmt_number(hi)}")
    table.add_row(Text(_("Scope")), Text(_("local") if rules.get("scope") == "local" else _("national")))
    console.print(Panel(table, title=f"[bold]{escape(ind.slug)}[/bold]", subtitle=f"#{ind.id}"))


@indicator_app.command("show")
def show(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="The indicator's slug (see `chiso indicator list`)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a panel."),
) -> None:
    """Show one indicator with its match rules."""
    ind = indicators.get_indicator(_ready(ctx), slug)
    if as_json:
        typer.echo(json.dumps(ind.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    _show(ind)


@indicator_app.command("add")
def add(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="Lowercase words joined by hyphens, e.g. vneid-school-accounts."),
    name_vi: str = typer.Option(..., "--name-vi", help="Vietnamese name."),
    name_en: str = typer.Option(..., "--name-en", help="English name."),
    unit: str = typer.Option(..., "--unit", help="What is counted, e.g. 'tài khoản' or '%'."),
    measure: str = typer.Option(
        ..., "--measure", help="cumulative, flow, stock, rate, share or count_of_total."
    ),
    short_unit: str | None = typer.Option(None, "--short-unit", help="Short unit for charts."),
    decimals: int = typer.Option(0, "--decimals", min=0, max=6, help="Decimals to show."),
    owner: str | None = typer.Option(None, "--owner", help="Agency responsible."),
    programme: str | None = typer.Option(None, "--programme", help="Programme, e.g. 'Project 06'."),
    description: str | None = typer.Option(None, "--description", help="What the number means."),
    description_vi: str | None = typer.Option(
        None, "--description-vi", help="What the number means, in Vietnamese."
    ),
    word: list[str] | None = typer.Option(None, "--word", help="Match word near the figure (repeatable)."),
    match_unit: list[str] | None = typer.Option(
        None, "--match-unit", help="Unit phrase to match (repeatable)."
    ),
    context: list[str] | None = typer.Option(
        None, "--context", help="Context word in the sentence (repeatable)."
    ),
    exclude: list[str] | None = typer.Option(None, "--exclude", help="Word that rules it out (repeatable)."),
    value_range: str | None = typer.Option(None, "--range", help="Plausible values MIN,MAX."),
    scope: str = typer.Option(
        "national", "--scope", help="Whose figures: national (the country's) or local (one province's own)."
    ),
) -> None:
    """Add your own indicator."""
    spec = _validated(
        {
            "slug": slug,
            "name_vi": name_vi,
            "name_en": name_en,
            "unit": unit,
            "short_unit": short_unit,
            "decimals": decimals,
            "measure": measure,
            "owner": owner,
            "programme": programme,
            "description": description,
            "description_vi": description_vi,
            "match": {
                "words": _csv(word),
                "units": _csv(match_unit),
                "context": _csv(context),
                "exclude": _csv(exclude),
                "range": _range(value_range),
                "scope": scope,
            },
        }
    )
    ind = indicators.add_indicator(_ready(ctx), spec, ACTOR)
    added = _("Added indicator")
    console.print(f"[green]{added}[/green] [bold]{escape(ind.slug)}[/bold] (#{ind.id})")


def _validated(data: dict[str, Any]) -> IndicatorIn:
    try:
        return indicator_schemas.IndicatorIn.model_validate(data)
    except pydantic.ValidationError as exc:
        raise InputError("invalid_fields", problems=validation_problems(exc.errors()[:1])) from None


@indicator_app.command("edit")
def edit(
    ctx: typer.Context,
    slug: str = typer.Argument(..., help="The indicator to change."),
    new_slug: str | None = typer.Option(None, "--slug", help="Rename the slug."),
    name_vi: str | None = typer.Option(None, "--name-vi", help="New Vietnamese name."),
    name_en: str | None = typer.Option(None, "--name-en", help="New English name."),
    unit: str | None = typer.Option(None, "--unit", help="What is counted, e.g. 'tài khoản' or '%'."),
    short_unit: str | None = typer.Option(None, "--short-unit", help="Short unit for charts."),
    decimals: int | None = typer.Option(None, "--decimals", min=0, max=6, help="Decimals to show."),
    measure: str | None = typer.Option(
        None, "--measure", help="cumulative, flow, stock, rate, share or count_of_total."
    ),
    owner: str | None = typer.Option(None, "--owner", help="Agency responsible."),
    programme: str | None = typer.Option(None, "--programme", help="Programme, e.g. 'Project 06'."),
    description: str | None = typer.Option(None, "--description", help="What the number means."),
    description_vi: str | None = typer.Option(
        None, "--description-vi", help="What the number means, in Vietnamese."
    ),
    add_word: list[str] | None = typer.Option(None, "--add-word", help="Add a match word (repeatable)."),
    remove_word: list[str] | None = typer.Option(None, "--remove-word", help="Remove a match word."),
    add_unit: list[str] | None = typer.Option(None, "--add-unit", help="Add a unit phrase."),
    remove_unit: list[str] | None = typer.Option(None, "--remove-unit", help="Remove a unit phrase."),
    add_context: list[str] | None = typer.Option(None, "--add-context", help="Add a context word."),
    remove_context: list[str] | None = typer.Option(None, "--remove-context", help="Remove a context word."),
    add_exclude: list[str] | None = typer.Option(None, "--add-exclude", help="Add an exclude word."),
    remove_exclude: list[str] | None = typer.Option(None, "--remove-exclude", help="Remove an exclude word."),
    value_range: str | None = typer.Option(None, "--range", help="Plausible values MIN,MAX."),
    scope: str | None = typer.Option(
        None, "--scope", help="Whose figures: national (the country's) or local (one province's own)."
    ),
) -> None:
    """Change an indicator's fields or match rules (recorded in the audit log)."""
    database = _ready(ctx)
    changes: dict[str, Any] = {
        "slug": new_slug,
        "name_vi": name_vi,
        "name_en": name_en,
        "unit": unit,
        "short_unit": short_unit,
        "decimals": decimals,
        "measure": measure,
        "owner": owner,
        "programme": programme,
        "description": description,
        "description_vi": description_vi,
    }
    edits = {
        "words": (add_word, remove_word),
        "units": (add_unit, remove_unit),
        "context": (add_context, remove_context),
        "exclude": (add_exclude, remove_exclude),
    }
    if value_range is not None or scope is not None or any(a or r for a, r in edits.values()):
        rules = dict(indicators.get_indicator(database, slug).match_rules or {})
        for kind, (adds, removes) in edits.items():
            current = [v for v in rules.get(kind, []) if v not in _csv(removes)]
            rules[kind] = current + [v for v in _csv(adds) if v not in current]
        if value_range is not None:
            rules["range"] = _range(value_range)
        if scope is not None:
            rules["scope"] = scope
        changes["match"] = rules
    try:
        patch = indicator_schemas.IndicatorChanges.model_validate(
            {k: v for k, v in changes.items() if v is not None}
        )
    except pydantic.ValidationError as exc:
        raise InputError("invalid_fields", problems=validation_problems(exc.errors()[:1])) from None
    if not patch.model_dump(exclude_none=True):
        raise InputError("cli_indicator_nothing_to_change")
    ind = indicators.edit_indicator(database, slug, patch, ACTOR)
    updated = _("Updated")
    console.print(f"[green]{updated}[/green] [bold]{escape(ind.slug)}[/bold]")


@indicator_app.command("import")
def import_(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ..., help="A catalogue YAML file (the shape `chiso indicator export` writes)."
    ),
) -> None:
    """Add or update indicators from a YAML file (validated first; all or nothing)."""
    result = indicators.import_catalog(_ready(ctx), path, ACTOR)
    imported = _("Imported")
    console.print(
        f"[green]{imported}[/green] {escape(str(path))}: "
        + _("{added} added, {updated} updated, {unchanged} unchanged").format(
            added=len(result.added), updated=len(result.updated), unchanged=len(result.unchanged)
        ),
        soft_wrap=True,
    )
    for slug in result.added:
        console.print(Text(f"  + {slug}"))
    for slug in result.updated:
        console.print(Text(f"  ~ {slug}"))


@indicator_app.command("export")
def export(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Where to write the YAML file."),
    programme: str | None = typer.Option(None, "--programme", "-p", help="Only one programme."),
) -> None:
    """Write indicators to a YAML file that `chiso indicator import` reads back."""
    n = indicators.export_catalog(_ready(ctx), path, programme=programme)
    exported, what = _("Exported"), _("{n} indicators to {path}").format(n=n, path=path)
    console.print(f"[green]{exported}[/green] {escape(what)}")


def register(app: typer.Typer) -> None:
    app.add_typer(indicator_app, name="indicator")


__all__ = ["ACTOR", "add", "edit", "export", "import_", "indicator_app", "list_", "register", "show"]
