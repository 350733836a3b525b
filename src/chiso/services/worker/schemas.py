"""What the worker's use cases return: a feed's poll, a periodic job's run, a commitment's status
change, and the worker's state as ``chiso worker status`` and the feeds page show it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from chiso.services.schemas import Out

#: how a feed's poll by the worker ended: polled; another worker holds it; gone since enqueued
PollOutcome = Literal["polled", "busy", "gone"]


class FeedRun(Out):
    """One poll of one feed by the worker."""

    feed_id: int
    outcome: PollOutcome
    #: machine words: ``new=2 items=10 not_modified=0 failed=0`` (None unless polled)
    result: str | None = None
    #: why the feed itself could not be fetched or read (its items' errors stay on the items)
    error: str | None = None
    next_poll_at: datetime | None = None


class StatusChange(Out):
    """A commitment's display status moved (upcoming -> due_soon -> overdue, or back when its
    deadline moved later), recorded once as a ``status_changed`` event."""

    commitment_id: int
    before: str
    after: str


class StatusChanges(Out):
    on: date
    #: open commitments looked at
    checked: int
    changes: list[StatusChange]


class RereadRun(Out):
    """The stale reports re-read by one run: re-read, left (another worker had it, or it was
    current by then), failed (its reason logged; it stays stale)."""

    reread: int
    skipped: int
    failed: int


class JobOut(Out):
    """A periodic job: when it is due next and how its last run went."""

    name: str
    next_run_at: datetime | None
    last_run_at: datetime | None
    last_result: str | None
    last_error: str | None
    runs: int
    failures: int


class FeedScheduleOut(Out):
    """A feed's schedule and the worker's last poll of it."""

    id: int
    url: str
    title: str | None
    #: seconds between polls
    poll_every: int
    next_poll_at: datetime | None
    last_run_at: datetime | None
    last_result: str | None
    last_error: str | None
    #: a worker holds it now (its lease has not run out)
    running: bool = False


class WorkerStatus(Out):
    jobs: list[JobOut]
    feeds: list[FeedScheduleOut]


__all__ = [
    "FeedRun",
    "FeedScheduleOut",
    "JobOut",
    "PollOutcome",
    "RereadRun",
    "StatusChange",
    "StatusChanges",
    "WorkerStatus",
]
