"""The worker's queries: feeds due for a poll and their leases, periodic jobs, commitments whose
display status the worker follows.

Every claim is one compare-and-set ``UPDATE ... WHERE`` on the row (the same statement on SQLite
and PostgreSQL): of two workers on two machines trying at once, the database lets one win and
the other sees ``rowcount`` 0. Nothing is held across a network call (a poll fetches pages for
seconds, in many units of work); a lease that a killed worker never gave back runs out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from chiso.store.models import Commitment, CommitmentEvent, Feed, JobRun, Report


class DueFeed(NamedTuple):
    id: int
    next_poll_at: datetime | None
    poll_every: int


def due_feeds(session: Session, now: datetime, limit: int | None = None) -> list[DueFeed]:
    """Feeds whose next poll is due (or never set) and that no worker holds, most overdue first."""
    query = (
        select(Feed.id, Feed.next_poll_at, Feed.poll_every)
        .where(
            or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now),
            or_(Feed.locked_until.is_(None), Feed.locked_until < now),
        )
        .order_by(Feed.next_poll_at.is_not(None), Feed.next_poll_at, Feed.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [DueFeed(*row) for row in session.execute(query)]


def _changed(result: object) -> bool:
    assert isinstance(result, CursorResult)
    return bool(result.rowcount == 1)


def advance_schedule(session: Session, feed_id: int, seen: datetime | None, to: datetime) -> bool:
    """Move the feed's next poll from ``seen`` to ``to``, unless someone moved it already: the one
    that moves it enqueues the poll (two ticks at once enqueue it once)."""
    same = Feed.next_poll_at.is_(None) if seen is None else Feed.next_poll_at == seen
    return _changed(session.execute(update(Feed).where(Feed.id == feed_id, same).values(next_poll_at=to)))


def claim_feed(session: Session, feed_id: int, holder: str, now: datetime, until: datetime) -> bool:
    """Take the feed's lease for ``holder`` until ``until``: free, run out, or already its own (a
    retry of the same job). False when another worker holds it."""
    free = or_(Feed.locked_until.is_(None), Feed.locked_until < now, Feed.locked_by == holder)
    return _changed(
        session.execute(
            update(Feed).where(Feed.id == feed_id, free).values(locked_until=until, locked_by=holder)
        )
    )


def renew_feed(session: Session, feed_id: int, holder: str, until: datetime) -> bool:
    """Extend ``holder``'s lease on the feed; False when it no longer holds it (its lease ran out
    and another worker took the feed)."""
    return _changed(
        session.execute(
            update(Feed).where(Feed.id == feed_id, Feed.locked_by == holder).values(locked_until=until)
        )
    )


def finish_feed(
    session: Session,
    feed_id: int,
    holder: str,
    *,
    at: datetime,
    result: str | None,
    error: str | None,
    next_poll_at: datetime | None,
) -> bool:
    """Record a poll's end and give the lease back, if ``holder`` still holds it. ``next_poll_at``
    None keeps the schedule as the tick set it."""
    values: dict[str, object] = {
        "locked_until": None,
        "locked_by": None,
        "last_run_at": at,
        "last_result": result,
        "last_error": error,
    }
    if next_poll_at is not None:
        values["next_poll_at"] = next_poll_at
    return _changed(
        session.execute(update(Feed).where(Feed.id == feed_id, Feed.locked_by == holder).values(**values))
    )


def feed_schedules(session: Session) -> Sequence[Feed]:
    """Every feed with its schedule and last run, oldest feed first."""
    return session.scalars(select(Feed).order_by(Feed.id)).all()


def poll_every(session: Session, feed_id: int) -> int | None:
    return session.scalar(select(Feed.poll_every).where(Feed.id == feed_id))


# -- periodic jobs ---------------------------------------------------------------------------


def claim_job(session: Session, name: str, now: datetime, next_run_at: datetime) -> bool:
    """Move the job's next run to ``next_run_at`` if it is due (or has never run, or has no row
    yet): True for the one caller that should run it now."""
    due = or_(JobRun.next_run_at.is_(None), JobRun.next_run_at <= now)
    if _changed(
        session.execute(update(JobRun).where(JobRun.name == name, due).values(next_run_at=next_run_at))
    ):
        return True
    if session.get(JobRun, name) is not None:
        return False
    # A job added after migration 0008 (its row made by the first claim; a racing first claim
    # fails on the primary key and is retried by its task).
    session.add(JobRun(name=name, next_run_at=next_run_at, runs=0, failures=0))
    session.flush()
    return True


def record_job(session: Session, name: str, *, at: datetime, result: str | None, error: str | None) -> None:
    """A job's run ended: when, what it did, and why it failed if it did."""
    values: dict[str, object] = {
        "last_run_at": at,
        "last_result": result,
        "last_error": error,
        "runs": JobRun.runs + 1,
    }
    if error is not None:
        values["failures"] = JobRun.failures + 1
    if not _changed(session.execute(update(JobRun).where(JobRun.name == name).values(**values))):
        session.add(
            JobRun(
                name=name,
                last_run_at=at,
                last_result=result,
                last_error=error,
                runs=1,
                failures=int(bool(error)),
            )
        )


def jobs(session: Session) -> Sequence[JobRun]:
    return session.scalars(select(JobRun).order_by(JobRun.name)).all()


# -- commitments -----------------------------------------------------------------------------


class OpenCommitment(NamedTuple):
    id: int
    due_start: date | None
    due_end: date | None
    created_at: datetime
    last_display_status: str | None


def open_commitments(session: Session) -> list[OpenCommitment]:
    """Every open commitment (not merged away) with what its display status needs."""
    rows = session.execute(
        select(
            Commitment.id,
            Commitment.due_start,
            Commitment.due_end,
            Commitment.created_at,
            Commitment.last_display_status,
        )
        .where(Commitment.status == "open", Commitment.merged_into_id.is_(None))
        .order_by(Commitment.id)
    )
    return [OpenCommitment(*r) for r in rows]


def move_display_status(session: Session, commitment_id: int, seen: str | None, to: str) -> bool:
    """Set the recorded display status from ``seen`` to ``to``, unless another worker did first."""
    same = (
        Commitment.last_display_status.is_(None) if seen is None else Commitment.last_display_status == seen
    )
    return _changed(
        session.execute(
            update(Commitment).where(Commitment.id == commitment_id, same).values(last_display_status=to)
        )
    )


def add_status_event(
    session: Session, commitment_id: int, *, at: datetime, on: date, before: str, after: str, actor: str
) -> None:
    session.add(
        CommitmentEvent(
            commitment_id=commitment_id,
            at=at,
            kind="status_changed",
            state="confirmed",
            on_date=on,
            old_status=before,
            status=after,
            actor=actor,
        )
    )


# -- reports ---------------------------------------------------------------------------------


def report_to_reread(session: Session, report_id: int) -> Report | None:
    """The report, locked for this unit of work (PostgreSQL: ``FOR UPDATE SKIP LOCKED``, None
    when another worker re-reads it now; SQLite's writers take turns anyway)."""
    return session.scalars(
        select(Report).where(Report.id == report_id).with_for_update(skip_locked=True)
    ).first()


__all__ = [
    "DueFeed",
    "OpenCommitment",
    "add_status_event",
    "advance_schedule",
    "claim_feed",
    "claim_job",
    "due_feeds",
    "feed_schedules",
    "finish_feed",
    "jobs",
    "move_display_status",
    "open_commitments",
    "poll_every",
    "record_job",
    "renew_feed",
    "report_to_reread",
]
