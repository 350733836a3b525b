"""The worker's jobs: thin Huey tasks over :mod:`chiso.services.worker`.

* ``tick`` (every minute, on every running consumer): enqueues a poll of each feed whose own
  schedule says it is due, and each periodic job whose turn has come. Its claims are
  compare-and-sets in the database, so two workers' ticks enqueue each poll and each job once.
* ``poll_feed(feed_id)``: one feed, by one worker at a time (the feed's lease in the database,
  a compare-and-set that works across machines on every queue; on Redis 7.4+ also Huey's lock
  ``feed-<id>``, with a time to live so a killed worker's lock runs out), retried with backoff
  when the feed or the database fails.
* ``reread_stale`` (hourly): re-reads the reports an older extractor read.
* ``commitment_statuses`` (daily, first tick after midnight): records each commitment's display
  status change as a ``status_changed`` event (an entry of the commitment's Atom feed).
* ``scan_deadlines`` (daily, after ``commitment_statuses``): the alerts' deadline scan ("due in N
  days", "passed unmet") queues the subscribers' notifications, and enqueues a delivery at once
  when it queued any; notifications sent more than :data:`KEEP_SENT` ago are forgotten.
* ``deliver_notifications`` (every tick): sends the alerts' due notifications (e-mail, signed
  webhooks), retrying failures with backoff (:func:`chiso.services.alerts.deliver_pending`).

So a commitment whose due date passes gets its Atom entry, its e-mail and its webhook within
one cycle of the worker.

Every job is idempotent (a poll fetches with a conditional GET and stores each item once, a
report re-read is current afterwards, a status change is recorded once), so a retry or a second
run is harmless, and each records its last run, result and error (``feed``, ``job_run``), which
``chiso worker status`` and :func:`chiso.services.worker_status` show.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from huey import crontab
from huey.exceptions import TaskLockedException

from chiso.config import Settings
from chiso.services import alerts, audit
from chiso.services import worker as jobs
from chiso.services.database import Database
from chiso.worker.queue import has_expiring_locks, make_queue

log = logging.getLogger("chiso.worker")

#: retries of a failed poll, the first after ``worker_retry_delay`` seconds (a setting, 30 by
#: default), each next one BACKOFF times later
POLL_RETRIES = 4
BACKOFF = 2.0
#: how long the outbox keeps a sent notification (failed ones stay for a person to read)
KEEP_SENT = timedelta(days=30)


class FeedPollError(Exception):
    """The feed could not be fetched or read: raised so that Huey retries the poll later."""


_Decorator = Callable[[Callable[..., str]], Any]


def _task(huey: Any, **options: Any) -> _Decorator:
    """``huey.task(...)``, typed (Huey has no annotations)."""
    return cast(_Decorator, huey.task(**options))


def _periodic(huey: Any, when: Any) -> _Decorator:
    return cast(_Decorator, huey.periodic_task(when))


@dataclass(frozen=True)
class Jobs:
    """A Huey queue with the worker's tasks registered on it, bound to one database."""

    huey: Any
    db: Database
    settings: Settings
    poll_feed: Any
    reread_stale: Any
    commitment_statuses: Any
    scan_deadlines: Any
    deliver_notifications: Any
    tick: Any


def build(
    db: Database,
    settings: Settings,
    *,
    huey: Any = None,
    immediate: bool = False,
    retry_delay: float | None = None,
    lease: float | None = None,
) -> Jobs:
    """The queue for ``settings`` (or ``huey``) with the worker's tasks on it. ``immediate`` runs
    each task as it is enqueued, in the caller (unit tests)."""
    huey = huey if huey is not None else make_queue(settings, db.url, immediate=immediate)
    lease = settings.worker_lease if lease is None else lease
    retry_delay = settings.worker_retry_delay if retry_delay is None else retry_delay
    shared = has_expiring_locks(huey)

    @contextlib.contextmanager
    def locked(name: str) -> Iterator[None]:
        # On Redis >= 7.4, Huey's lock with a time to live (a killed worker's runs out) before the
        # database's lease; elsewhere the lease alone (Huey's locks on SQLite and on older Redis
        # cannot expire, and one a killed worker left would stop that feed for good).
        if not shared:
            yield
            return
        with huey.lock_task(name, ttl=int(lease)):
            yield

    @_task(huey, retries=POLL_RETRIES, retry_delay=retry_delay, retry_backoff=BACKOFF, context=True)
    def poll_feed(feed_id: int, task: Any = None) -> str:
        holder = task.id if task is not None else uuid.uuid4().hex
        try:
            with locked(f"feed-{feed_id}"):
                run = jobs.poll_feed(db, feed_id, settings=settings, holder=holder, lease=lease)
        except TaskLockedException:
            return "busy"
        if run.outcome == "polled" and run.error:
            raise FeedPollError(f"feed {feed_id}: {run.error}")
        return run.outcome

    def recorded(name: str, work: Callable[[], str]) -> str:
        try:
            with locked(name):
                result = work()
        except TaskLockedException:
            return "busy"
        except Exception as exc:
            with contextlib.suppress(Exception):  # the database may be what failed
                jobs.record_job(db, name, result=None, error=f"{type(exc).__name__}: {exc}")
            raise
        jobs.record_job(db, name, result=result)
        return result

    @_task(huey, retries=2, retry_delay=retry_delay, retry_backoff=BACKOFF)
    def reread_stale() -> str:
        def work() -> str:
            r = jobs.reread_stale(db, actor=jobs.WORKER_ACTOR)
            return f"reread={r.reread} skipped={r.skipped} failed={r.failed}"

        return recorded("reextract", work)

    @_task(huey, retries=3, retry_delay=retry_delay, retry_backoff=BACKOFF)
    def commitment_statuses() -> str:
        def work() -> str:
            r = jobs.record_status_changes(db)
            return f"checked={r.checked} changed={len(r.changes)}"

        return recorded("commitment_statuses", work)

    @_task(huey, retries=2, retry_delay=retry_delay, retry_backoff=BACKOFF)
    def deliver_notifications() -> str:
        def work() -> str:
            r = alerts.deliver_pending(db, audit.now(), settings=settings)
            return f"sent={r.sent} retried={r.retried} failed={r.failed}"

        return recorded("deliver_notifications", work)

    @_task(huey, retries=3, retry_delay=retry_delay, retry_backoff=BACKOFF)
    def scan_deadlines() -> str:
        queued: list[int] = []

        def work() -> str:
            r = alerts.scan_deadlines(db, date.today(), days=settings.alert_due_days)
            queued.append(r.notifications)
            forgotten = alerts.forget_sent(db, audit.now() - KEEP_SENT)
            return (
                f"due_soon={r.due_soon} overdue={r.overdue} notifications={r.notifications}"
                f" forgotten={forgotten}"
            )

        result = recorded("scan_deadlines", work)
        if any(queued):
            deliver_notifications()  # what the scan queued is sent in this cycle
        return result

    #: the periodic jobs the tick enqueues, in this order: job_run's name, when it runs next after
    #: a run, its task. The deadline scan comes after the day's status changes, and delivery last,
    #: so that a deadline that passed has its events and its notifications in one cycle.
    periodic: tuple[tuple[str, Callable[[datetime], datetime], Any], ...] = (
        ("reextract", jobs.next_hour, reread_stale),
        ("commitment_statuses", jobs.next_day, commitment_statuses),
        ("scan_deadlines", jobs.next_day, scan_deadlines),
        ("deliver_notifications", jobs.next_tick, deliver_notifications),
    )

    @_periodic(huey, crontab(minute="*"))
    def tick() -> str:
        def work() -> str:
            feeds = jobs.due_feeds_claimed(db)
            for feed_id in feeds:
                poll_feed(feed_id)
            started = []
            for name, next_run, task in periodic:
                if jobs.claim_job(db, name, next_run(datetime.now().astimezone())):
                    task()
                    started.append(name)
            return f"feeds={len(feeds)} jobs={','.join(started) or '-'}"

        return recorded("tick", work)

    return Jobs(
        huey,
        db,
        settings,
        poll_feed,
        reread_stale,
        commitment_statuses,
        scan_deadlines,
        deliver_notifications,
        tick,
    )


__all__ = ["BACKOFF", "KEEP_SENT", "POLL_RETRIES", "FeedPollError", "Jobs", "build"]
