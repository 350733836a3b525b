"""The admin's feeds page, ``/feeds`` (JSON twin ``/api/feeds``): follow a feed, see each one's
last poll, state and last error, and poll one now (:func:`chiso.services.feeds.poll`); and the
worker that polls them without anyone asking: each feed's interval (set here, in minutes, within
the bounds of ``chiso worker every``), next poll, the worker's last run of it, its result and
error, and the periodic jobs' last runs (:func:`chiso.services.worker_status`).

Admins only (``/feeds`` is one of :data:`~chiso.web.deps.ADMIN_PREFIXES`).
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from fastapi import APIRouter, Form, Path
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from chiso.errors import ChisoError
from chiso.services import feeds, worker_status
from chiso.services import worker as worker_jobs
from chiso.services.database import Database
from chiso.services.feeds import FeedOut, PollResult
from chiso.services.feeds.status import FeedStatus, feed_statuses
from chiso.services.worker import FeedScheduleOut, JobOut
from chiso.web.deps import Admin, AppSettings, Db
from chiso.web.rendering import PageContext, ShownError, page, render
from chiso.web.request import is_api

router = APIRouter()

MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


#: the bounds of a feed's poll interval, in minutes (those of ``chiso worker every``)
MIN_MINUTES = worker_jobs.MIN_POLL_EVERY // 60
MAX_MINUTES = worker_jobs.MAX_POLL_EVERY // 60


class FeedRow(FeedStatus):
    """A feed with the worker's schedule and its last run of it (None: not known yet)."""

    worker: FeedScheduleOut | None = None


class FeedsPage(PageContext):
    template: ClassVar[str] = "feeds.html"
    title: str = "Feeds"
    feeds: list[FeedRow]
    #: the worker's periodic jobs (the minute tick, re-reading, status changes, alerts)
    jobs: list[JobOut] = []
    min_minutes: int = MIN_MINUTES
    max_minutes: int = MAX_MINUTES
    #: the feed whose interval was just changed
    scheduled_id: int | None = None
    #: the feed just added
    added: FeedOut | None = None
    #: the poll just made (of ``polled_id``)
    polled: PollResult | None = None
    polled_id: int | None = None
    #: the refused change's error (rendered in the UI's language)
    error: ShownError | None = None
    #: the URL the refused form carried, to fix it
    url: str = ""


class FeedIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000)
    #: allow a feed on a private address (an intranet)
    allow_private: bool = False


class EveryIn(BaseModel):
    #: poll the feed every this many minutes
    minutes: int


def feeds_context(db: Database, **shown: object) -> FeedsPage:
    state = worker_status(db)
    schedules = {f.id: f for f in state.feeds}
    rows = [FeedRow(**f.model_dump(), worker=schedules.get(f.id)) for f in feed_statuses(db)]
    return FeedsPage.model_validate({"feeds": rows, "jobs": state.jobs, **shown})


@page(router, "/feeds", response_model=FeedsPage, tags=["feeds"])
def feeds_page(request: Request, db: Db, me: Admin) -> Response:
    """Every feed followed, with its last poll, state and the error of its newest failing item."""
    return render(request, feeds_context(db))


@router.post("/feeds", include_in_schema=False)
def add_feed_form(
    request: Request,
    db: Db,
    settings: AppSettings,
    me: Admin,
    url: Annotated[str, Form(max_length=2000)] = "",
    allow_private: Annotated[bool, Form()] = False,
) -> Response:
    """Follow a feed from the page's form (refused now if its address is unusable)."""
    try:
        added = feeds.add_feed(db, url, allow_private=allow_private, settings=settings, actor=me.name)
    except ChisoError as exc:
        if exc.status_code >= 500:
            raise
        return render(
            request, feeds_context(db, error=ShownError.of(exc), url=url), status_code=exc.status_code
        )
    return render(request, feeds_context(db, added=added), status_code=201)


@router.post("/api/feeds", response_model=FeedOut, status_code=201, tags=["feeds"])
def api_add_feed(db: Db, settings: AppSettings, me: Admin, body: FeedIn) -> JSONResponse:
    """Follow a feed; the worker polls it at its next tick, then every hour (or as set with
    ``/api/feeds/{id}/every``); ``chiso feed poll`` and the poll button poll it at once."""
    added = feeds.add_feed(db, body.url, allow_private=body.allow_private, settings=settings, actor=me.name)
    return JSONResponse(added.model_dump(mode="json"), status_code=201)


@router.post("/feeds/{feed_id}/every", include_in_schema=False)
def set_every_form(
    request: Request, feed_id: Id, db: Db, me: Admin, minutes: Annotated[int, Form()] = 0
) -> Response:
    """Poll a feed every ``minutes`` minutes from the page's form (its next poll at once)."""
    try:
        worker_jobs.set_poll_every(db, feed_id, minutes * 60, actor=me.name)
    except ChisoError as exc:
        if exc.status_code >= 500 or exc.status_code == 404:
            raise
        return render(request, feeds_context(db, error=ShownError.of(exc)), status_code=exc.status_code)
    return render(request, feeds_context(db, scheduled_id=feed_id))


@router.post("/api/feeds/{feed_id}/every", response_model=FeedScheduleOut, tags=["feeds"])
def api_set_every(feed_id: Id, db: Db, me: Admin, body: EveryIn) -> FeedScheduleOut:
    """Poll a feed every ``minutes`` minutes (1 to 10080, as ``chiso worker every``); the
    worker polls it at its next tick."""
    return worker_jobs.set_poll_every(db, feed_id, body.minutes * 60, actor=me.name)


@router.post("/feeds/{feed_id}/poll", include_in_schema=False)
@router.post("/api/feeds/{feed_id}/poll", response_model=PollResult, tags=["feeds"])
def poll_feed(request: Request, feed_id: Id, db: Db, settings: AppSettings, me: Admin) -> Response:
    """Poll one feed now: new items become reports, failed ones are tried again."""
    result = feeds.poll(db, settings=settings, feed_id=feed_id, actor=me.name)
    if is_api(request):
        return JSONResponse(result.model_dump(mode="json"))
    return render(request, feeds_context(db, polled=result, polled_id=feed_id))


__all__ = [
    "EveryIn",
    "FeedIn",
    "FeedRow",
    "FeedsPage",
    "add_feed_form",
    "api_add_feed",
    "api_set_every",
    "feeds_context",
    "feeds_page",
    "poll_feed",
    "router",
    "set_every_form",
]
