"""Each feed on its own schedule, and the periodic jobs, for any number of workers at once.

* :func:`due_feeds_claimed` (the worker's minute tick): the feeds whose next poll is due, each
  moved to its next slot with a compare-and-set, so that of two ticks at once (two workers)
  one enqueues each feed;
* :func:`poll_feed`: one feed polled by one worker. It first takes the feed's lease (a
  compare-and-set on ``feed.locked_until``/``locked_by``): another worker holding it means this
  job has nothing to do. The poll itself is :func:`chiso.services.feeds.poll` (a conditional GET,
  one unit of work per item: a killed job leaves whole items, and the next poll goes on from
  there). The lease runs on after each item (a long poll keeps its feed; one whose lease ran
  out and was taken stops). It is given back with the run's result; a lease a killed worker
  kept runs out after :data:`LEASE_SECONDS`, and a retry of the same job (the same holder)
  takes it back at once;
* :func:`claim_job` / :func:`record_job`: the periodic jobs' turn and their last run
  (``job_run``).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from chiso.config import Settings
from chiso.errors import ConflictError, InputError
from chiso.services import audit
from chiso.services.feeds import PolledItem, poll
from chiso.services.worker.schemas import FeedRun, FeedScheduleOut
from chiso.store import lookups
from chiso.store import worker as worker_store
from chiso.store.db import Database
from chiso.store.models import Feed

log = logging.getLogger("chiso.worker")

#: how long a worker may hold a feed before another may take it (a killed worker's lease)
LEASE_SECONDS = 15 * 60
#: the shortest and longest poll interval a feed may have
MIN_POLL_EVERY, MAX_POLL_EVERY = 60, 7 * 24 * 3600


def due_feeds_claimed(db: Database, *, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """The feeds to poll now, each claimed for this caller (its next poll moved one interval on):
    one unit of work; the caller enqueues a poll of each."""
    now = now or audit.now()
    with db.transaction() as s:
        return [
            f.id
            for f in worker_store.due_feeds(s, now, limit)
            if worker_store.advance_schedule(s, f.id, f.next_poll_at, now + timedelta(seconds=f.poll_every))
        ]


def poll_feed(
    db: Database, feed_id: int, *, settings: Settings, holder: str, lease: float = LEASE_SECONDS
) -> FeedRun:
    """Poll one feed unless another worker is polling it, and record how it went (its result or
    error, when it ended, its next poll). Raises what the database raises (the job is retried)."""
    start = audit.now()
    with db.transaction() as s:
        if s.get(Feed, feed_id) is None:
            return FeedRun(feed_id=feed_id, outcome="gone")
        if not worker_store.claim_feed(s, feed_id, holder, start, start + timedelta(seconds=lease)):
            return FeedRun(feed_id=feed_id, outcome="busy")
        every = worker_store.poll_every(s, feed_id) or settings.feed_poll_every

    def renew(_item: PolledItem) -> None:
        # After each item: the lease runs on from now, so a long poll (many new items on a slow
        # site) keeps its feed; a worker whose lease ran out and was taken stops here.
        with db.transaction() as s:
            if not worker_store.renew_feed(s, feed_id, holder, audit.now() + timedelta(seconds=lease)):
                raise ConflictError("feed_lease_lost", id=feed_id)

    try:
        got = poll(db, settings=settings, feed_id=feed_id, actor="worker", on_item=renew)
    except ConflictError as exc:
        if exc.code != "feed_lease_lost":
            raise
        return FeedRun(feed_id=feed_id, outcome="busy", error=str(exc))
    except Exception as exc:
        _finish_quietly(db, feed_id, holder, error=f"{type(exc).__name__}: {exc}")
        raise
    error = "; ".join(p.error for p in got.problems) or None
    failed = sum(1 for i in got.items if i.error)
    result = f"new={got.new_reports} items={len(got.items)} not_modified={got.not_modified} failed={failed}"
    end = audit.now()
    # A feed that could not be fetched keeps the slot the tick gave it: its job retries sooner.
    next_at = None if error else end + timedelta(seconds=every)
    with db.transaction() as s:
        worker_store.finish_feed(s, feed_id, holder, at=end, result=result, error=error, next_poll_at=next_at)
    return FeedRun(feed_id=feed_id, outcome="polled", result=result, error=error, next_poll_at=next_at)


def _finish_quietly(db: Database, feed_id: int, holder: str, *, error: str) -> None:
    """Record a failed poll and give its lease back, when the database still answers (when it
    does not, the lease is this job's and its retry takes it back)."""
    try:
        with db.transaction() as s:
            worker_store.finish_feed(
                s, feed_id, holder, at=audit.now(), result=None, error=error, next_poll_at=None
            )
    except Exception:
        log.warning("feed %s: the failed poll could not be recorded", feed_id, exc_info=True)


def set_poll_every(db: Database, feed_id: int, seconds: int, *, actor: str = "cli") -> FeedScheduleOut:
    """Poll the feed every ``seconds`` from now on (its next poll at once)."""
    if not MIN_POLL_EVERY <= seconds <= MAX_POLL_EVERY:
        raise InputError("poll_every_range", seconds=seconds, low=MIN_POLL_EVERY, high=MAX_POLL_EVERY)
    now = audit.now()
    with db.transaction() as s:
        feed = lookups.get(s, Feed, feed_id)
        before = feed.poll_every
        feed.poll_every, feed.next_poll_at = seconds, now
        audit.record(
            s,
            actor=actor,
            action="feed.schedule",
            entity="feed",
            entity_id=feed_id,
            before={"poll_every": before},
            after={"poll_every": seconds},
        )
        return FeedScheduleOut.model_validate(feed)


# -- periodic jobs ---------------------------------------------------------------------------


def next_tick(now: datetime) -> datetime:
    """Half a minute on: the job runs at every minute tick (the next tick finds it due)."""
    return now + timedelta(seconds=30)


def next_hour(now: datetime) -> datetime:
    return now + timedelta(hours=1)


def next_day(now: datetime) -> datetime:
    """Five past midnight (local time) after ``now``: the day's job runs once a day, on the first
    tick of the day the machine is awake."""
    tomorrow: date = now.astimezone().date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 5)).astimezone().astimezone(UTC)


def claim_job(db: Database, name: str, next_run_at: datetime, *, now: datetime | None = None) -> bool:
    """Whether job ``name`` is due and now this caller's to run (its next run moved to
    ``next_run_at``); of several workers asking at once, one gets True."""
    with db.transaction() as s:
        return worker_store.claim_job(s, name, now or audit.now(), next_run_at)


def record_job(db: Database, name: str, *, result: str | None, error: str | None = None) -> None:
    """A periodic job's run ended: its result, or why it failed."""
    with db.transaction() as s:
        worker_store.record_job(s, name, at=audit.now(), result=result, error=error)


__all__ = [
    "LEASE_SECONDS",
    "MAX_POLL_EVERY",
    "MIN_POLL_EVERY",
    "claim_job",
    "due_feeds_claimed",
    "next_day",
    "next_hour",
    "next_tick",
    "poll_feed",
    "record_job",
    "set_poll_every",
]
