"""Who keeps promises: ``/owners`` (``/api/owners``) ranks the owners of commitments by the share
they kept on time, ``/owners/{slug}`` (``/api/owners/{slug}``) is one owner's record, and
``/owners.csv`` downloads the ranking. Every number links to the deadline board filtered to that
owner's commitments (``/deadlines?owner_slug=...&status=...``). What each number counts is
:mod:`chiso.services.commitments.owners`'s to say.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.requests import Request

from chiso.services import commitments
from chiso.services.commitments.schemas import OwnerStats
from chiso.web.deps import Db
from chiso.web.rendering import PageContext, page, render

router = APIRouter()

OnQuery = Annotated[
    date | None, Query(description="the day the records are counted on (YYYY-MM-DD); default today")
]


class OwnersPage(PageContext):
    template: ClassVar[str] = "owners.html"
    title: str = "Who keeps promises"
    on: date
    today: date
    #: best kept on time first (then more commitments, then by name)
    owners: list[OwnerStats]
    #: commitments with no owner, not ranked
    unowned: int = 0


class OwnerPage(PageContext):
    template: ClassVar[str] = "owner.html"
    on: date
    today: date
    owner: OwnerStats


# The download comes before /owners/{slug}, which would otherwise take "x.csv" as a slug.
@router.get("/owners.csv", tags=["commitments"], response_class=Response)
def owners_csv(db: Db, on: OnQuery = None) -> Response:
    """The ranking as CSV, one row per owner, the columns of ``/api/owners``."""
    return Response(
        commitments.owners_csv(db, on=on),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="owners.csv"'},
    )


@page(router, "/owners", response_model=OwnersPage, tags=["commitments"])
def owners_page(request: Request, db: Db, on: OnQuery = None) -> Response:
    """Every owner of commitments with what became of its promises, best kept on time first."""
    today = date.today()
    card = commitments.owners_scorecard(db, on=on or today)
    return render(request, OwnersPage(on=card.on, today=today, owners=card.owners, unowned=card.unowned))


@page(router, "/owners/{slug}", response_model=OwnerPage, tags=["commitments"])
def owner_page(request: Request, slug: str, db: Db, on: OnQuery = None) -> Response:
    """One owner's record: its commitments made, met on time or late, missed, overdue and open."""
    today = date.today()
    stats = commitments.owner_scorecard(db, slug, on=on or today)
    return render(request, OwnerPage(title=stats.name, on=on or today, today=today, owner=stats))


__all__ = ["OwnerPage", "OwnersPage", "router"]
