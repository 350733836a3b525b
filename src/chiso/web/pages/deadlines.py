"""The deadline board (``/deadlines``, JSON twin ``/api/commitments``) and each commitment's page.

The board shows commitments in groups (overdue and due soon, upcoming, resolved), each by due
date and coloured by its status on the day asked about (``?on=YYYY-MM-DD``, default today), with
a countdown or the days late; each group shows a page of rows and a link to its next page
(``?group=upcoming&offset=25``); filters narrow it by owner (part of its name, or ``owner_slug``:
one owner as ``/owners`` counts it), programme and status; a row whose target can be measured
carries a progress badge (on track, needs acceleration ...). ``/commitments/{id}`` (``/api/commitments/{id}``)
tells one commitment's history: when its date moved, what evidence was offered, how it ended.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.services import commitments, indicators
from chiso.services.commitments.schemas import CommitmentDetail, CommitmentOut
from chiso.services.database import Database
from chiso.services.indicators.schemas import IndicatorOut
from chiso.web.deps import Db, User
from chiso.web.rendering import PageContext, ShownError, page, render
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


class GroupView(BaseModel):
    """One group of the board as shown: a page of its rows by due month, and links to its other pages."""

    #: due (overdue and due soon), upcoming or resolved
    key: str
    statuses: list[str]
    total: int
    offset: int
    limit: int
    items: list[CommitmentOut]
    months: list[MonthGroup]
    #: in the ``due`` group, the index in ``months`` before which the "as of" marker goes (between
    #: overdue and due soon; len(months) when after all); None in the other groups
    on_index: int | None = None
    #: the next and previous page of this group (same filters), None at either end
    next: str | None = None
    prev: str | None = None


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
    #: one owner's commitments, as the owners page counts them (``/owners/{slug}``)
    owner_slug: str | None = None
    programme: str | None = None
    #: the one group being paged (None: every group, from its first page)
    group: str | None = None
    owners: list[str]
    programmes: list[str]
    #: commitments per display status before the status filter (for the chips)
    counts: dict[str, int]
    #: commitments the owner and programme filters keep, whatever their status
    total: int
    #: the rows shown on this page, group after group
    commitments: list[CommitmentOut]
    groups: list[GroupView]
    strip: Strip | None


class IndicatorChoice(BaseModel):
    """An indicator a commitment's target may name (the target form's list)."""

    slug: str
    name_vi: str
    name_en: str


#: What a change made on the commitment page did, said once after its form's redirect (``?done=``).
Done = Literal["resolved", "reopened", "edited", "target", "confirmed", "rejected", "merged"]


class CommitmentPage(PageContext):
    template: ClassVar[str] = "commitment.html"
    on: date
    today: date
    commitment: CommitmentDetail
    target_indicator: IndicatorOut | None = None
    #: the id asked for when it was merged into this commitment (the API answers with this one)
    redirected_from: int | None = None
    #: the change just made from this page (``?done=``), confirmed at its top
    done: Done | None = None
    #: why the change sent from this page was refused (the page is shown again with it)
    error: ShownError | None = None
    #: the change that was refused (its form is shown open)
    failed: Done | None = None
    #: the indicators a target may name: filled for an editor, who sees the forms
    indicators: list[IndicatorChoice] = []


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


def _on_index(months: list[MonthGroup], on: date) -> int:
    return next(
        (
            i
            for i, g in enumerate(months)
            if g.month is None or any(c.due_end and c.due_end >= on for c in g.items)
        ),
        len(months),
    )


def _link(path: str, params: dict[str, str | int | None]) -> str:
    return f"{path}?{urlencode({k: v for k, v in params.items() if v is not None and v != ''})}"


def build_board(
    db: Database,
    *,
    on: date,
    today: date,
    status: str | None,
    owner: str | None,
    programme: str | None,
    group: str | None = None,
    limit: int = commitments.PAGE_SIZE,
    offset: int = 0,
    path: str = "/deadlines",
    owner_slug: str | None = None,
) -> DeadlinesPage:
    """The board as the page shows it; ``path`` is where its paging links lead (the page or its API)."""
    board = commitments.board_page(
        db,
        on=on,
        status=status,
        owner=owner,
        programme=programme,
        group=group,
        limit=limit,
        offset=offset,
        owner_slug=owner_slug,
    )
    keep: dict[str, str | int | None] = {
        "on": on.isoformat(),
        "status": status,
        "owner": owner,
        "owner_slug": owner_slug,
        "programme": programme,
    }
    if limit != commitments.PAGE_SIZE:
        keep["limit"] = limit
    groups: list[GroupView] = []
    for g in board.groups:
        nxt, months = g.next_offset, months_of(g.items)
        groups.append(
            GroupView(
                key=g.key,
                statuses=g.statuses,
                total=g.total,
                offset=g.offset,
                limit=g.limit,
                items=g.items,
                months=months,
                on_index=_on_index(months, on) if g.key == "due" else None,
                next=_link(path, {**keep, "group": g.key, "offset": nxt}) if nxt is not None else None,
                prev=(
                    _link(path, {**keep, "group": g.key, "offset": max(g.offset - g.limit, 0) or None})
                    if g.offset > 0
                    else None
                ),
            )
        )
    rows = [c for g in groups for c in g.items]
    return DeadlinesPage(
        on=on,
        today=today,
        as_known=on < date.today(),
        earlier=on - timedelta(days=STEP_DAYS),
        later=on + timedelta(days=STEP_DAYS),
        status=status,
        owner=owner,
        owner_slug=owner_slug,
        programme=programme,
        group=group,
        owners=board.owners,
        programmes=board.programmes,
        counts={s: board.counts.get(s, 0) for s in STATUSES},
        total=sum(board.counts.values()),
        commitments=rows,
        groups=groups,
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
    owner_slug: Annotated[
        str | None,
        Query(max_length=200, description="one owner's commitments, by the slug of /owners/{slug}"),
    ] = None,
    group: Annotated[
        Literal["due", "upcoming", "resolved"] | None,
        Query(description="page this group only: due (overdue and due soon), upcoming or resolved"),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=commitments.MAX_PAGE_SIZE, description="rows per group on one page")
    ] = commitments.PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="rows of the group skipped (with group)")] = 0,
) -> Response:
    """Commitments grouped (overdue and due soon, upcoming, resolved), each group by due date with
    their status on day ``on``, countdown or days late, one page of ``limit`` rows per group; each
    group's ``next`` link gives its next page."""
    today = date.today()
    page = build_board(
        db,
        on=on or today,
        today=today,
        status=_blank(status),
        owner=_blank(owner),
        programme=_blank(programme),
        group=group,
        limit=limit,
        offset=offset if group else 0,
        path=request.url.path,
        owner_slug=_blank(owner_slug),
    )
    return render(request, page)


def commitment_context(
    db: Database,
    commitment_id: int,
    *,
    on: date | None,
    editor: bool,
    done: Done | None = None,
    error: ShownError | None = None,
    failed: Done | None = None,
) -> CommitmentPage:
    """The commitment page's data; an editor's carries the indicators its target form offers."""
    today = date.today()
    detail = commitments.get_commitment(db, commitment_id, on=on or today)
    page = _commitment_page(db, detail, on=on, editor=editor, done=done, error=error)
    return page.model_copy(update={"failed": failed}) if failed else page


def _commitment_page(
    db: Database,
    detail: CommitmentDetail,
    *,
    on: date | None,
    editor: bool,
    done: Done | None = None,
    error: ShownError | None = None,
    redirected_from: int | None = None,
) -> CommitmentPage:
    today = date.today()
    target = None
    if detail.target_indicator_id is not None:
        target = indicators.get_indicator(db, str(detail.target_indicator_id))
    choices = (
        [
            IndicatorChoice(slug=i.slug, name_vi=i.name_vi, name_en=i.name_en)
            for i in indicators.list_indicators(db)
        ]
        if editor
        else []
    )
    return CommitmentPage(
        title=detail.title,
        on=on or today,
        today=today,
        commitment=detail,
        target_indicator=target,
        redirected_from=redirected_from,
        done=done,
        error=error,
        indicators=choices,
    )


@page(router, "/commitments/{commitment_id}", response_model=CommitmentPage, tags=["commitments"])
def commitment_page(
    request: Request,
    commitment_id: int,
    db: Db,
    user: User,
    on: Annotated[date | None, Query(description="the day its status is computed for; default today")] = None,
    done: Annotated[Done | None, Query(description="the change just made (the page confirms it)")] = None,
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
    editor = user is not None and user.can_edit and not is_api(request)
    return render(
        request,
        _commitment_page(db, detail, on=on, editor=editor, done=done, redirected_from=redirected_from),
    )


__all__ = [
    "STATUSES",
    "CommitmentPage",
    "DeadlinesPage",
    "Done",
    "GroupView",
    "IndicatorChoice",
    "MonthGroup",
    "Strip",
    "build_board",
    "commitment_context",
    "months_of",
    "router",
    "strip_of",
]
