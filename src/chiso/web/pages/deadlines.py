"""The deadline board (``/deadlines``, JSON twin ``/api/commitments``) and each commitment's page.

The board shows commitments on a timeline by due date, coloured by their status on the day
asked about (``?on=YYYY-MM-DD``, default today), with a countdown or the days late; filters
narrow it by owner, programme and status. ``/commitments/{id}`` (``/api/commitments/{id}``)
tells one commitment's history: when its date moved, what evidence was offered, how it ended.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Annotated, ClassVar

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.services import commitments, indicators
from chiso.services.commitments.schemas import CommitmentDetail, CommitmentOut
from chiso.services.database import Database
from chiso.services.indicators.schemas import IndicatorOut
from chiso.web.deps import Db
from chiso.web.rendering import PageContext, page, render
from chiso.web.request import is_api

router = APIRouter()

#: Display statuses in the order the board's chips show them.
STATUSES: tuple[str, ...] = ("overdue", "due_soon", "upcoming", "met", "met_late", "missed", "dropped")
#: How far the board's "earlier" and "later" links step.
STEP_DAYS = 30
#: Width of the overview strip's coordinate space (the SVG scales it to the page).
STRIP_W = 1000


class MonthGroup(BaseModel):
    #: first day of the month (None for commitments without a date)
    month: date | None
    items: list[CommitmentOut]


class StripTick(BaseModel):
    x: float
    label: date


class StripDot(BaseModel):
    x: float
    y: float
    id: int
    title: str
    display_status: str
    due_end: date


class Strip(BaseModel):
    """The overview above the board: one dot per commitment along the time axis."""

    width: int = STRIP_W
    ticks: list[StripTick]
    dots: list[StripDot]
    #: where the "as of" day falls (None when it is outside the range shown)
    on_x: float | None


class DeadlinesPage(PageContext):
    template: ClassVar[str] = "deadlines.html"
    title: str = "Deadline board"
    on: date
    today: date
    #: a past day's board: only what was stated by then, with the due dates and statuses of then
    as_known: bool = False
    #: the board a month earlier and later (links to step through time)
    earlier: date
    later: date
    status: str | None = None
    owner: str | None = None
    programme: str | None = None
    owners: list[str]
    programmes: list[str]
    #: commitments per display status before the status filter (for the chips)
    counts: dict[str, int]
    total: int
    commitments: list[CommitmentOut]
    months: list[MonthGroup]
    #: index in ``months`` before which the "as of" marker goes (len(months) when after all)
    on_index: int
    strip: Strip | None


class CommitmentPage(PageContext):
    template: ClassVar[str] = "commitment.html"
    on: date
    today: date
    commitment: CommitmentDetail
    target_indicator: IndicatorOut | None = None
    #: the id asked for when it was merged into this commitment (the API answers with this one)
    redirected_from: int | None = None


def _blank(v: str | None) -> str | None:
    return v.strip() if v and v.strip() else None


def months_of(rows: list[CommitmentOut]) -> list[MonthGroup]:
    """Rows (soonest due first, undated last) grouped by their due month."""
    groups: list[MonthGroup] = []
    for c in rows:
        key = c.due_end.replace(day=1) if c.due_end else None
        if groups and groups[-1].month == key:
            groups[-1].items.append(c)
        else:
            groups.append(MonthGroup(month=key, items=[c]))
    return groups


def strip_of(rows: list[CommitmentOut], on: date) -> Strip | None:
    dated = [c for c in rows if c.due_end is not None]
    if not dated:
        return None
    lo = min(min(c.due_end for c in dated if c.due_end), on)
    hi = max(max(c.due_end for c in dated if c.due_end), on)
    lo = date(lo.year, 1, 1)
    hi = date(hi.year + 1, 1, 1)
    span = (hi - lo).days
    pad = 12

    def x(d: date) -> float:
        return round(pad + (d - lo).days / span * (STRIP_W - 2 * pad), 1)

    years = hi.year - lo.year
    # Quarters when the range is short, years otherwise: about 4-12 labels either way.
    step = 3 if years <= 3 else 12
    ticks: list[StripTick] = []
    m = 0
    while True:
        d = date(lo.year + m // 12, m % 12 + 1, 1)
        if d > hi:
            break
        ticks.append(StripTick(x=x(d), label=d))
        m += step
    dots = []
    for n, c in enumerate(dated):
        assert c.due_end is not None
        # Four lanes so that commitments due the same week stay distinguishable.
        dots.append(
            StripDot(
                x=x(c.due_end),
                y=14 + (n % 4) * 9,
                id=c.id,
                title=c.title,
                display_status=c.display_status,
                due_end=c.due_end,
            )
        )
    return Strip(ticks=ticks, dots=dots, on_x=x(on))


def build_board(
    db: Database, *, on: date, today: date, status: str | None, owner: str | None, programme: str | None
) -> DeadlinesPage:
    # One service call for the unfiltered board (the common case); filters ask the service again
    # so that their meaning (substring owner/programme, open/resolved) stays the service's.
    everything = commitments.list_deadlines(db, on=on)
    scoped = (
        everything
        if not (owner or programme)
        else commitments.list_deadlines(db, on=on, owner=owner, programme=programme)
    )
    rows = (
        scoped
        if not status
        else commitments.list_deadlines(db, on=on, status=status, owner=owner, programme=programme)
    )
    counts = Counter(c.display_status for c in scoped)
    months = months_of(rows)
    on_index = next(
        (
            i
            for i, g in enumerate(months)
            if g.month is None or any(c.due_end and c.due_end >= on for c in g.items)
        ),
        len(months),
    )
    return DeadlinesPage(
        on=on,
        today=today,
        as_known=on < date.today(),
        earlier=on - timedelta(days=STEP_DAYS),
        later=on + timedelta(days=STEP_DAYS),
        status=status,
        owner=owner,
        programme=programme,
        owners=sorted({c.owner for c in everything if c.owner}, key=str.casefold),
        programmes=sorted({c.programme for c in everything if c.programme}, key=str.casefold),
        counts={s: counts.get(s, 0) for s in STATUSES},
        total=len(scoped),
        commitments=rows,
        months=months,
        on_index=on_index,
        strip=strip_of(rows, on),
    )


@page(router, "/deadlines", api_path="/api/commitments", response_model=DeadlinesPage, tags=["commitments"])
def deadline_board(
    request: Request,
    db: Db,
    on: Annotated[
        date | None, Query(description="the day to show the board as of (YYYY-MM-DD); default today")
    ] = None,
    status: Annotated[
        str | None,
        Query(description="overdue, due_soon, upcoming, met, met_late, missed, dropped, open or resolved"),
    ] = None,
    owner: Annotated[str | None, Query(description="part of the owner's name")] = None,
    programme: Annotated[str | None, Query(description="part of the programme's name")] = None,
) -> Response:
    """Commitments by due date with their status on day ``on``, countdown or days late."""
    today = date.today()
    page = build_board(
        db,
        on=on or today,
        today=today,
        status=_blank(status),
        owner=_blank(owner),
        programme=_blank(programme),
    )
    return render(request, page)


@page(router, "/commitments/{commitment_id}", response_model=CommitmentPage, tags=["commitments"])
def commitment_page(
    request: Request,
    commitment_id: int,
    db: Db,
    on: Annotated[date | None, Query(description="the day its status is computed for; default today")] = None,
) -> Response:
    """One commitment with its history (date moves, evidence, resolution) and the quotes stating it."""
    today = date.today()
    detail = commitments.get_commitment(db, commitment_id, on=on or today)
    redirected_from = None
    if detail.merged_into_id is not None:
        # Merged into another (the same promise): the page moves there for good; the API answers
        # with the kept commitment and says which id was asked for.
        kept = commitments.merged_target(db, commitment_id) or detail.merged_into_id
        if not is_api(request):
            query = f"?on={on.isoformat()}" if on else ""
            return RedirectResponse(f"/commitments/{kept}{query}", status_code=308)
        detail, redirected_from = commitments.get_commitment(db, kept, on=on or today), commitment_id
    target = None
    if detail.target_indicator_id is not None:
        target = indicators.get_indicator(db, str(detail.target_indicator_id))
    return render(
        request,
        CommitmentPage(
            title=detail.title,
            on=on or today,
            today=today,
            commitment=detail,
            target_indicator=target,
            redirected_from=redirected_from,
        ),
    )


__all__ = [
    "STATUSES",
    "CommitmentPage",
    "DeadlinesPage",
    "MonthGroup",
    "Strip",
    "build_board",
    "months_of",
    "router",
    "strip_of",
]
