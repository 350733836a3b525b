"""Indicator pages: the list, one indicator's series with its chart, downloads, and the API twins.

``/indicators`` (``/api/indicators``) lists every indicator with its latest value;
``/indicators/{slug}`` (``/api/indicators/{slug}``) shows the time series: a uPlot chart whose
every point opens the quote that states it, conflict markers, target lines set by commitments,
and the table of observations with their sources (the chart's keyboard-friendly twin).
``/indicators/{slug}.csv``, ``.json`` and ``.xlsx`` download the series with citation columns, and
``/api/observations`` pages through observations with filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, ClassVar

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.datastructures import URL
from starlette.requests import Request

from chiso.config import Settings
from chiso.error_messages import validation_problems
from chiso.errors import ChisoError, ConflictError, InputError
from chiso.services import commitments, exports, indicators, observations
from chiso.services.commitments.schemas import ProgressOut
from chiso.services.database import Database
from chiso.services.indicators import citation
from chiso.services.indicators.schemas import ImportResult as CatalogImportResult
from chiso.services.indicators.schemas import IndicatorChanges, IndicatorIn, IndicatorOut
from chiso.services.observations.schemas import ConflictOut, ExportFormat, IndicatorBrief, ObservationOut
from chiso.web.deps import AppSettings, Db, Editor
from chiso.web.pages.dashboard import SPARK_POINTS, IndicatorRow, row
from chiso.web.rendering import PageContext, ShownError, page, render
from chiso.web.request import site_url

router = APIRouter()

# --- contexts -------------------------------------------------------------------------------


class IndicatorListRow(BaseModel):
    indicator: IndicatorOut
    programme_vi: str | None = None
    latest: IndicatorRow | None = None


class IndicatorsPage(PageContext):
    template: ClassVar[str] = "indicators.html"
    title: str = "Indicators"
    programme: str | None = None
    programmes: list[str]
    programmes_vi: dict[str, str]
    #: this page of the list (indicators with data first, then catalogue order)
    rows: list[IndicatorListRow]
    #: indicators listed in all (of the programme when one is chosen), and how many have data
    total: int
    with_data: int
    limit: int
    offset: int
    prev_url: str | None = None
    next_url: str | None = None


class TargetLine(BaseModel):
    """A commitment that sets a target value for this indicator (drawn as a dashed line)."""

    commitment_id: int
    title: str
    value: float
    due_end: date | None = None
    display_status: str
    href: str
    #: whether the series is on track to reach it (None with fewer than two observations)
    progress: ProgressOut | None = None


class IndicatorPage(PageContext):
    template: ClassVar[str] = "indicator.html"
    indicator: IndicatorOut
    programme_vi: str | None = None
    latest: IndicatorRow | None = None
    #: every observation, oldest first, with its sources
    observations: list[ObservationOut]
    conflicts: list[ConflictOut]
    conflict_ids: list[int]
    targets: list[TargetLine]
    #: the reference to the series, with the page's absolute address and today as access date
    citation: Citation | None = None


class IndicatorFormPage(PageContext):
    """The form that makes a new indicator (``/indicators/new``) or edits one
    (``/indicators/{slug}/edit``): names and descriptions in both languages, unit, measure, owner,
    programme. ``values`` are the fields as shown (what was typed, after a refused post)."""

    template: ClassVar[str] = "indicator_form.html"
    #: the slug being edited (None: a new indicator)
    slug: str | None = None
    values: dict[str, str]
    measures: list[str]
    programmes: list[str]
    error: ShownError | None = None


class Citation(BaseModel):
    """How to cite an indicator's series (the "Cite this" box)."""

    author: str
    title: str
    title_en: str
    year: int
    url: str
    accessed_on: date
    bibtex: str


class ObservationList(BaseModel):
    """A page of ``/api/observations``."""

    ok: bool = True
    #: how many match, counted up to 10,000: beyond, ``total_exact`` is false and ``total`` a floor
    total: int
    total_exact: bool = True
    limit: int
    offset: int
    #: the next page (None on the last)
    next: str | None = None
    #: the page before (None on the first)
    prev: str | None = None
    items: list[ObservationOut]


# --- building them --------------------------------------------------------------------------


def latest_row(
    ind: IndicatorOut, points: Sequence[ObservationOut], clashes: Sequence[ConflictOut] = ()
) -> IndicatorRow | None:
    """The headline of a series already loaded (the service's rule of the dashboard's rows, no
    query), flagged with the kinds of ``clashes``."""
    brief = IndicatorBrief.model_validate(ind)
    latest = observations.latest_of(brief, points, recent=SPARK_POINTS, conflicts=clashes)
    return None if latest is None else row(latest)


def _targets(db: Database, ind: IndicatorOut, on: date) -> list[TargetLine]:
    return [
        TargetLine(
            commitment_id=c.id,
            title=c.title,
            value=c.target_value,
            due_end=c.due_end,
            display_status=c.display_status,
            href=f"/commitments/{c.id}",
            progress=c.progress,
        )
        for c in commitments.list_deadlines(db, on=on, target_indicator=ind.id, progress=True)
        if c.target_value is not None
    ]


def build_indicator(db: Database, slug: str, on: date, *, site: str | None = None) -> IndicatorPage:
    ind = indicators.get_indicator(db, slug)
    points = observations.series(db, ind.slug).points
    # The conflicts of the points already loaded (the service's pure rule; no second query).
    clashes = observations.find_conflicts(points, {ind.slug: ind.measure})
    conflicting = {o.id for c in clashes for o in c.observations}
    targets = _targets(db, ind, on)
    return IndicatorPage(
        title=ind.name_en,
        indicator=ind,
        programme_vi=ind.programme_vi,
        latest=latest_row(ind, points, clashes),
        observations=points,
        conflicts=clashes,
        conflict_ids=sorted(conflicting),
        targets=targets,
        citation=None
        if site is None
        else Citation.model_validate(citation.cite(ind, f"{site}/indicators/{ind.slug}", on).model_dump()),
    )


#: Indicators per page of ``/indicators``.
LIST_PAGE = 100


def build_list(
    db: Database, programme: str | None, *, limit: int = LIST_PAGE, offset: int = 0, url: URL | None = None
) -> IndicatorsPage:
    listed = indicators.page_indicators(db, programme, limit=limit, offset=offset)
    # only this page's latest values are read
    wanted = listed.with_data_here
    latest = {lr.indicator.slug: lr for lr in observations.latest(db, wanted)} if wanted else {}
    rows = [
        IndicatorListRow(
            indicator=i,
            programme_vi=i.programme_vi,
            latest=row(latest[i.slug], []) if i.slug in latest else None,
        )
        for i in listed.indicators
    ]
    prev_url = next_url = None
    if url is not None:
        if offset > 0:
            prev_url = str(url.include_query_params(offset=max(0, offset - limit), limit=limit))
        if offset + limit < listed.total:
            next_url = str(url.include_query_params(offset=offset + limit, limit=limit))
    return IndicatorsPage(
        programme=programme,
        programmes=listed.programmes,
        programmes_vi={p: vi for p in listed.programmes if (vi := indicators.programme_vi(p))},
        rows=rows,
        total=listed.total,
        with_data=listed.with_data,
        limit=limit,
        offset=offset,
        prev_url=prev_url,
        next_url=next_url,
    )


# --- routes ---------------------------------------------------------------------------------


@page(router, "/indicators", response_model=IndicatorsPage, tags=["indicators"])
def indicator_list(
    request: Request,
    db: Db,
    programme: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = LIST_PAGE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Indicators (of one programme when given), those with data first, a page at a time, with
    their latest values."""
    return render(request, build_list(db, programme or None, limit=limit, offset=offset, url=request.url))


_MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(request: Request, db: Database, settings: Settings, slug: str, fmt: ExportFormat) -> Response:
    ind = indicators.get_indicator(db, slug)
    data = exports.rows(
        db, ind.slug, base_url=site_url(request, settings.public_url), default_licence=settings.default_licence
    )
    return Response(
        exports.render(data, fmt),
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{ind.slug}.{fmt}"'},
    )


# The download routes come before /indicators/{slug}, which would otherwise take "x.csv" as a slug.
@router.get("/indicators/{slug}.csv", tags=["indicators"], response_class=Response)
def indicator_csv(request: Request, slug: str, db: Db, settings: AppSettings) -> Response:
    """The series as CSV, one row per (observation, source) with citation columns: licence,
    permalink to the quote, access date."""
    return _download(request, db, settings, slug, "csv")


@router.get("/indicators/{slug}.json", tags=["indicators"], response_class=Response)
def indicator_json_download(request: Request, slug: str, db: Db, settings: AppSettings) -> Response:
    """The series as a JSON file, the same rows as the CSV."""
    return _download(request, db, settings, slug, "json")


@router.get("/indicators/{slug}.xlsx", tags=["indicators"], response_class=Response)
def indicator_xlsx(request: Request, slug: str, db: Db, settings: AppSettings) -> Response:
    """The series as a spreadsheet (XLSX), the same rows as the CSV, no cell a formula."""
    return _download(request, db, settings, slug, "xlsx")


# --- making and editing indicators ----------------------------------------------------------

#: the form's fields, in the order of IndicatorIn
FORM_FIELDS = (
    "slug",
    "name_vi",
    "name_en",
    "description_vi",
    "description",
    "unit",
    "short_unit",
    "decimals",
    "measure",
    "owner",
    "programme",
)
#: fields a new indicator leaves out when blank (the catalogue's defaults apply)
_OPTIONAL = ("short_unit", "decimals", "owner", "programme", "description", "description_vi")


def form_page(db: Database, values: dict[str, str], *, slug: str | None = None) -> IndicatorFormPage:
    return IndicatorFormPage(
        title="Edit indicator" if slug else "New indicator",
        slug=slug,
        values={f: values.get(f, "") for f in FORM_FIELDS},
        measures=list(indicators.MEASURES),
        programmes=indicators.page_indicators(db, limit=0).programmes,
    )


def _values(ind: IndicatorOut) -> dict[str, str]:
    return {f: "" if getattr(ind, f) is None else str(getattr(ind, f)) for f in FORM_FIELDS}


async def _posted(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str) and k in FORM_FIELDS}


def _draft(fields: dict[str, str]) -> IndicatorIn:
    data: dict[str, object] = {f: v for f, v in fields.items() if v or f not in _OPTIONAL}
    try:
        return IndicatorIn.model_validate(data)
    except ValidationError as exc:
        raise InputError("invalid_fields", problems=validation_problems(exc.errors()[:1])) from None


def _changes(fields: dict[str, str]) -> IndicatorChanges:
    data: dict[str, object] = {f: v for f, v in fields.items() if f != "decimals"}
    if fields.get("decimals"):
        data["decimals"] = fields["decimals"]
    try:
        return IndicatorChanges.model_validate(data)
    except ValidationError as exc:
        raise InputError("invalid_fields", problems=validation_problems(exc.errors()[:1])) from None


def _refused(request: Request, form: IndicatorFormPage, exc: ChisoError) -> Response:
    return render(request, form.model_copy(update={"error": ShownError.of(exc)}), status_code=exc.status_code)


@router.get("/indicators/new", include_in_schema=False)
def new_indicator_form(request: Request, db: Db) -> Response:
    """A blank form for a new indicator (sign in to send it)."""
    return render(request, form_page(db, {"measure": "cumulative"}))


@router.post("/indicators/new", include_in_schema=False)
async def new_indicator(request: Request, db: Db, editor: Editor) -> Response:
    """Make an indicator from the form and go to its page; a refused one shows the form again, as typed."""
    fields = await _posted(request)
    try:
        made = indicators.add_indicator(db, _draft(fields), editor.name)
    except (InputError, ConflictError) as exc:
        return _refused(request, form_page(db, fields), exc)
    return RedirectResponse(f"/indicators/{made.slug}", status_code=303)


@router.get("/indicators/{slug}/edit", include_in_schema=False)
def edit_indicator_form(request: Request, slug: str, db: Db) -> Response:
    """The indicator's fields in a form."""
    ind = indicators.get_indicator(db, slug)
    return render(request, form_page(db, _values(ind), slug=ind.slug))


@router.post("/indicators/{slug}/edit", include_in_schema=False)
async def edit_indicator(request: Request, slug: str, db: Db, editor: Editor) -> Response:
    """Save the form's changes (audited) and go to the indicator's page (its new slug, if renamed)."""
    ind = indicators.get_indicator(db, slug)
    fields = await _posted(request)
    try:
        saved = indicators.edit_indicator(db, ind.slug, _changes(fields), editor.name)
    except (InputError, ConflictError) as exc:
        return _refused(request, form_page(db, fields, slug=ind.slug), exc)
    return RedirectResponse(f"/indicators/{saved.slug}", status_code=303)


@router.post("/api/indicators", tags=["indicators"], response_model=IndicatorOut, status_code=201)
def api_add_indicator(db: Db, editor: Editor, body: IndicatorIn) -> IndicatorOut:
    """Make an indicator (validated like a catalogue entry); a slug in use is a conflict (409)."""
    return indicators.add_indicator(db, body, editor.name)


@router.patch("/api/indicators/{slug}", tags=["indicators"], response_model=IndicatorOut)
def api_edit_indicator(slug: str, db: Db, editor: Editor, body: IndicatorChanges) -> IndicatorOut:
    """Change some of an indicator's fields: those given (``null`` or absent: unchanged; an empty
    text clears an optional one); the result is validated like a catalogue entry, and audited."""
    return indicators.edit_indicator(db, slug, body, editor.name)


@router.post(
    "/api/catalog/import",
    tags=["indicators"],
    response_model=CatalogImportResult,
    openapi_extra={"requestBody": {"content": {"application/yaml": {"schema": {"type": "string"}}}, "required": True}},
)
async def api_import_catalog(request: Request, db: Db, editor: Editor) -> CatalogImportResult:
    """Add or update indicators from catalogue YAML (the request body), all or nothing."""
    raw = await request.body()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("catalogue_not_utf8", path="<request>", reason=exc.reason, byte=exc.start) from None
    return indicators.import_catalog_text(db, text, editor.name, source="<request>")


@router.get("/api/catalog/export", tags=["indicators"], response_class=Response)
def api_export_catalog(
    db: Db, programme: Annotated[str | None, Query(description="only this programme's indicators")] = None
) -> Response:
    """The indicators as catalogue YAML, which ``POST /api/catalog/import`` reads back."""
    _, text = indicators.export_catalog_text(db, programme or None)
    return Response(
        text,
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="indicators.yaml"'},
    )


# After /indicators/new: the page would take "new" for a slug.
@page(router, "/indicators/{slug}", response_model=IndicatorPage, tags=["indicators"])
def indicator_page(request: Request, slug: str, db: Db, settings: AppSettings) -> Response:
    """One indicator: its points with sources, conflicts, targets, the chart's data and how to cite it."""
    return render(request, build_indicator(db, slug, date.today(), site=site_url(request, settings.public_url)))


@router.get("/api/observations", tags=["indicators"], response_model=ObservationList)
def observation_list(
    request: Request,
    db: Db,
    indicator: Annotated[str | None, Query(description="an indicator's slug")] = None,
    programme: Annotated[str | None, Query(description="only indicators of this programme")] = None,
    since: Annotated[
        date | None, Query(alias="from", description="first date (YYYY-MM-DD), inclusive")
    ] = None,
    until: Annotated[date | None, Query(alias="to", description="last date (YYYY-MM-DD), inclusive")] = None,
    qualifier: Annotated[str | None, Query(description="exact, more_than, about, ...")] = None,
    target: Annotated[
        bool | None, Query(description="only targets (true) or only observed values (false)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    cursor: Annotated[
        str | None,
        Query(max_length=2000, description="where a page starts: the `next` or `prev` link of another page"),
    ] = None,
    last: Annotated[bool, Query(description="the last page (then follow `prev`)")] = False,
) -> ObservationList:
    """Observations with their sources, oldest first per indicator; filter and page through them."""
    if since and until and since > until:
        raise InputError("range_reversed")
    slug = indicators.get_indicator(db, indicator).slug if indicator else None
    found = observations.page_observations(
        db,
        indicator=slug,
        programme=programme or None,
        since=since,
        until=until,
        qualifier=qualifier or None,
        target=target,
        limit=limit,
        offset=offset,
        cursor=cursor,
        last=last,
    )
    here = request.url.remove_query_params(["offset", "last", "cursor"])

    def link(at: str | None) -> str | None:
        return None if at is None else str(here.include_query_params(cursor=at, limit=limit))

    return ObservationList(
        total=found.total,
        total_exact=found.total_exact,
        limit=limit,
        offset=found.offset,
        next=link(found.next_cursor),
        prev=link(found.prev_cursor),
        items=found.items,
    )


__all__ = [
    "FORM_FIELDS",
    "LIST_PAGE",
    "Citation",
    "IndicatorFormPage",
    "IndicatorListRow",
    "IndicatorPage",
    "IndicatorsPage",
    "ObservationList",
    "TargetLine",
    "build_indicator",
    "build_list",
    "form_page",
    "router",
]
