"""The use cases the worker's jobs run (``chiso worker``, :mod:`chiso.worker`): each feed polled
on its own schedule by one worker at a time, stale reports re-read, commitments' status changes
recorded, and the worker's state for people to see. Each job is a thin task over one of these."""

from __future__ import annotations

from chiso.services.worker.rereading import reread_stale
from chiso.services.worker.schedule import (
    LEASE_SECONDS,
    MAX_POLL_EVERY,
    MIN_POLL_EVERY,
    claim_job,
    due_feeds_claimed,
    next_day,
    next_hour,
    next_tick,
    poll_feed,
    record_job,
    set_poll_every,
)
from chiso.services.worker.schemas import (
    FeedRun,
    FeedScheduleOut,
    JobOut,
    PollOutcome,
    RereadRun,
    StatusChange,
    StatusChanges,
    WorkerStatus,
)
from chiso.services.worker.status import worker_status
from chiso.services.worker.statuses import WORKER_ACTOR, record_status_changes

__all__ = [
    "LEASE_SECONDS",
    "MAX_POLL_EVERY",
    "MIN_POLL_EVERY",
    "WORKER_ACTOR",
    "FeedRun",
    "FeedScheduleOut",
    "JobOut",
    "PollOutcome",
    "RereadRun",
    "StatusChange",
    "StatusChanges",
    "WorkerStatus",
    "claim_job",
    "due_feeds_claimed",
    "next_day",
    "next_hour",
    "next_tick",
    "poll_feed",
    "record_job",
    "record_status_changes",
    "reread_stale",
    "set_poll_every",
    "worker_status",
]
