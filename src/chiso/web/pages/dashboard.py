"""The dashboard (``/``, JSON twin ``/api/dashboard``): what changed, what is late, what waits.

Indicators are grouped by programme, each with its latest value as stated ("> 67.000.000"),
its date, the change since the previous point, a sparkline drawn here as inline SVG (no script
needed) and how many sources state it. Beside them: commitments overdue and due soon, and the
reports with mentions still waiting for a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, ClassVar

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.services import commitments, observations, reports, review
from chiso.services.commitments.schemas import CommitmentOut
from chiso.services.database import Database
from chiso.services.observations.schemas import ConflictKind, LatestOut, RecentPoint
from chiso.services.schemas import ReportSummary
from chiso.web.deps import Db
from chiso.web.rendering import PageContext, page, render

router = APIRouter()

#: Rows per programme on the dashboard; the indicator list shows the rest. Chosen so that every
#: programme of the shipped catalogue fits whole while a 1,000-indicator database stays readable.
ROWS_PER_PROGRAMME = 12
#: Points a sparkline draws (the most recent ones).
SPARK_POINTS = 24
SPARK_W, SPARK_H, SPARK_PAD = 120, 32, 3
#: Reports listed as awaiting review, and how many recent reports are looked at to find them.
REVIEW_LIST = 6
REVIEW_SCAN = 200
BOARD_LIST = 6


#: A point of a sparkline: the service's own type (one point per date, as drawn).
SparkPoint = RecentPoint


class Sparkline(BaseModel):
    """Coordinates for an inline SVG (viewBox ``0 0 width height``), computed here."""

    width: int = SPARK_W
    height: int = SPARK_H
    #: the polyline's ``points`` attribute
    polyline: str
    last_x: float
    last_y: float
    #: up | down | flat, from the first to the last point drawn
    trend: str


class IndicatorRow(BaseModel):
    slug: str
    name_vi: str
    name_en: str
    unit: str
    short_unit: str | None = None
    decimals: int = 0
    measure: str
    value: float
    value_max: float | None = None
    qualifier: str
    ref_date: date
    source_count: int
    points: int
    previous_value: float | None = None
    previous_date: date | None = None
    change: float | None = None
    #: relative change in percent (None when there is no earlier point or it was zero)
    change_pct: float | None = None
    recent: list[SparkPoint] = []
    spark: Sparkline | None = None
    #: the kinds of conflict the series has (contradiction, cumulative_decrease): flagged on the row
    conflicts: list[ConflictKind] = []


class ProgrammeGroup(BaseModel):
    programme: str | None
    programme_vi: str | None = None
    #: indicators of the programme with data (the table shows the first ROWS_PER_PROGRAMME)
    with_data: int
    rows: list[IndicatorRow]


class DashboardPage(PageContext):
    template: ClassVar[str] = "dashboard.html"
    title: str = "Dashboard"
    on: date
    indicators_total: int
    indicators_with_data: int
    groups: list[ProgrammeGroup]
    overdue: list[CommitmentOut]
    overdue_count: int
    due_soon: list[CommitmentOut]
    due_soon_count: int
    awaiting_review: list[ReportSummary]
    pending_mentions: int


def sparkline(
    points: Sequence[SparkPoint], *, width: int = SPARK_W, height: int = SPARK_H
) -> Sparkline | None:
    """Scale points into the box: x by date (so gaps in time show), y by value. None for < 2 points."""
    if len(points) < 2:
        return None
    pad = SPARK_PAD
    d0 = points[0].date.toordinal()
    span_d = max(points[-1].date.toordinal() - d0, 1)
    lo = min(p.value for p in points)
    hi = max(p.value for p in points)
    span_v = hi - lo
    coords: list[tuple[float, float]] = []
    for p in points:
        x = pad + (p.date.toordinal() - d0) / span_d * (width - 2 * pad)
        # A flat series sits in the middle rather than on the floor.
        y = height / 2 if span_v == 0 else pad + (hi - p.value) / span_v * (height - 2 * pad)
        coords.append((round(x, 1), round(y, 1)))
    first, last = points[0].value, points[-1].value
    trend = "flat" if last == first else ("up" if last > first else "down")
    return Sparkline(
        width=width,
        height=height,
        polyline=" ".join(f"{x:g},{y:g}" for x, y in coords),
        last_x=coords[-1][0],
        last_y=coords[-1][1],
        trend=trend,
    )


def row(latest: LatestOut, recent: list[SparkPoint] | None = None) -> IndicatorRow:
    """A table row of a series' headline (the service's :class:`LatestOut`), with its sparkline."""
    ind = latest.indicator
    pct = None
    if latest.change is not None and latest.previous_value:
        pct = latest.change / abs(latest.previous_value) * 100
    return IndicatorRow(
        slug=ind.slug,
        name_vi=ind.name_vi,
        name_en=ind.name_en,
        unit=ind.unit,
        short_unit=ind.short_unit,
        decimals=ind.decimals,
        measure=ind.measure,
        value=latest.value,
        value_max=latest.value_max,
        qualifier=latest.qualifier,
        ref_date=latest.ref_date,
        source_count=latest.source_count,
        points=latest.points,
        previous_value=latest.previous_value,
        previous_date=latest.previous_date,
        change=latest.change,
        change_pct=pct,
        recent=latest.recent if recent is None else recent,
        spark=sparkline(latest.recent if recent is None else recent),
        conflicts=latest.conflicts,
    )


def build(db: Database, on: date) -> DashboardPage:
    tracked = observations.tracked(db)
    # Programmes in catalogue order (a user's indicators without a programme come last); only
    # the rows shown are read in full.
    shown = [slug for p in tracked.programmes for slug in p.slugs[:ROWS_PER_PROGRAMME]]
    latest = {lr.indicator.slug: lr for lr in observations.latest(db, shown, recent=SPARK_POINTS)}
    groups = [
        ProgrammeGroup(
            programme=p.programme,
            programme_vi=p.programme_vi,
            with_data=len(p.slugs),
            rows=[row(latest[slug]) for slug in p.slugs[:ROWS_PER_PROGRAMME] if slug in latest],
        )
        for p in tracked.programmes
    ]

    # The board's first rows of each (soonest due first: the most overdue lead), and its counts:
    # the store selects only these rows (issue 16: the whole open board was 6,000 rows at 10x).
    heads = commitments.board_heads(db, on=on, statuses=("overdue", "due_soon"), limit=BOARD_LIST)
    overdue, due_soon = heads["overdue"], heads["due_soon"]

    waiting = [r for r in reports.list_reports(db, limit=REVIEW_SCAN) if r.pending > 0]
    waiting.sort(key=lambda r: -r.pending)
    return DashboardPage(
        on=on,
        indicators_total=tracked.indicators,
        indicators_with_data=sum(len(p.slugs) for p in tracked.programmes),
        groups=groups,
        overdue=overdue.items,
        overdue_count=overdue.total,
        due_soon=due_soon.items,
        due_soon_count=due_soon.total,
        awaiting_review=waiting[:REVIEW_LIST],
        pending_mentions=review.count_pending(db),
    )


OnQuery = Annotated[
    date | None, Query(description="the day to judge deadlines on (YYYY-MM-DD); default today")
]


@page(router, "/", api_path="/api/dashboard", response_model=DashboardPage, tags=["pages"])
def dashboard(request: Request, db: Db, on: OnQuery = None) -> Response:
    """The dashboard's data: latest values by programme, late and soon-due commitments, reviews waiting."""
    return render(request, build(db, on or date.today()))


__all__ = [
    "DashboardPage",
    "IndicatorRow",
    "ProgrammeGroup",
    "Sparkline",
    "router",
    "sparkline",
]
