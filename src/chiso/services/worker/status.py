"""The worker's state: its periodic jobs and each feed's schedule and last poll."""

from __future__ import annotations

from chiso.services import audit
from chiso.services.worker.schemas import FeedScheduleOut, JobOut, WorkerStatus
from chiso.store import worker as worker_store
from chiso.store.db import Database


def worker_status(db: Database) -> WorkerStatus:
    """Every periodic job's last run, and every feed's schedule, last poll and whether a worker
    holds it now (for ``chiso worker status`` and the feeds page)."""
    now = audit.now()
    with db.reading() as s:
        jobs = [JobOut.model_validate(j) for j in worker_store.jobs(s)]
        feeds = [
            FeedScheduleOut.model_validate(f).model_copy(
                update={"running": f.locked_until is not None and f.locked_until > now}
            )
            for f in worker_store.feed_schedules(s)
        ]
    return WorkerStatus(jobs=jobs, feeds=feeds)


__all__ = ["worker_status"]
