"""Indicator pages: the list, one indicator's series with its chart, downloads, and the API twins.

``/indicators`` (``/api/indicators``) lists every indicator with its latest value;
``/indicators/{slug}`` (``/api/indicators/{slug}``) shows the time series: a uPlot chart whose
every point opens the quote that states it, conflict markers, target lines set by commitments,
and the table of observations with their sources (the chart's keyboard-friendly twin).
``/indicators/{slug}.csv`` and ``.json`` download the series with citation columns, and
``/api/observations`` pages through observations with filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, ClassVar, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.datastructures import URL
from starlette.requests import Request

from chiso.errors import InputError
from chiso.services import commitments, exports, indicators, observations
from chiso.services.commitments.schemas import ProgressOut
from chiso.services.database import Database
from chiso.services.indicators.schemas import IndicatorOut
from chiso.services.observations.schemas import ConflictOut, IndicatorBrief, ObservationOut
from chiso.web.deps import Db
from chiso.web.pages.dashboard import SPARK_POINTS, IndicatorRow, row
from chiso.web.rendering import PageContext, page, render

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


class ObservationList(BaseModel):
    """A page of ``/api/observations``."""

    ok: bool = True
    total: int
    limit: int
    offset: int
    next: str | None = None
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


def build_indicator(db: Database, slug: str, on: date) -> IndicatorPage:
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


def _download(db: Database, slug: str, fmt: Literal["csv", "json"]) -> Response:
    ind = indicators.get_indicator(db, slug)
    body = exports.render(exports.rows(db, ind.slug), fmt)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{ind.slug}.{fmt}"'},
    )


# The download routes come before /indicators/{slug}, which would otherwise take "x.csv" as a slug.
@router.get("/indicators/{slug}.csv", tags=["indicators"], response_class=Response)
def indicator_csv(slug: str, db: Db) -> Response:
    """The series as CSV, one row per (observation, source) with citation columns."""
    return _download(db, slug, "csv")


@router.get("/indicators/{slug}.json", tags=["indicators"], response_class=Response)
def indicator_json_download(slug: str, db: Db) -> Response:
    """The series as a JSON file, the same rows as the CSV."""
    return _download(db, slug, "json")


@page(router, "/indicators/{slug}", response_model=IndicatorPage, tags=["indicators"])
def indicator_page(request: Request, slug: str, db: Db) -> Response:
    """One indicator: its points with sources, conflicts, targets and the chart's data."""
    return render(request, build_indicator(db, slug, date.today()))


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
        Query(max_length=2000, description="where a page starts: the `next` link of the page before"),
    ] = None,
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
    )
    nxt = None
    if found.next_cursor is not None:
        nxt = str(
            request.url.remove_query_params("offset").include_query_params(
                cursor=found.next_cursor, limit=limit
            )
        )
    return ObservationList(total=found.total, limit=limit, offset=found.offset, next=nxt, items=found.items)


__all__ = [
    "LIST_PAGE",
    "IndicatorListRow",
    "IndicatorPage",
    "IndicatorsPage",
    "ObservationList",
    "TargetLine",
    "build_indicator",
    "build_list",
    "router",
]
