"""Commitments' display status, recomputed once a day: each change (upcoming -> due_soon ->
overdue, or back when a deadline moved later) recorded once, as a ``status_changed`` event with
the status before and after.

The status last recorded is kept on the commitment (``last_display_status``); a change is
written with a compare-and-set on it, in one unit of work with its event, so that running the
job twice, or on two workers at once, records each change once. A commitment looked at for the
first time is compared with the status it had on the day it was made (one made two months
before its deadline and now due soon has moved once; one made last week and still upcoming has
not). Resolved and merged commitments are left alone: a person's decision already has its event.
"""

from __future__ import annotations

from datetime import date

from chiso.services import audit
from chiso.services.worker.schemas import StatusChange, StatusChanges
from chiso.store import worker as worker_store
from chiso.store.db import Database
from chiso.track.status import standing

#: who the worker's events say made them
WORKER_ACTOR = "worker"


def record_status_changes(
    db: Database, *, on: date | None = None, actor: str = WORKER_ACTOR
) -> StatusChanges:
    """Recompute every open commitment's display status on day ``on`` (default: today) and record
    each change since the last run; one unit of work."""
    day = on or date.today()
    changes: list[StatusChange] = []
    with db.transaction() as s:
        rows = worker_store.open_commitments(s)
        at = audit.now()
        for c in rows:
            now = standing(status="open", due_start=c.due_start, due_end=c.due_end, on=day).status
            if c.last_display_status == now:
                continue
            before = c.last_display_status or (
                standing(
                    status="open", due_start=c.due_start, due_end=c.due_end, on=c.created_at.date()
                ).status
            )
            if not worker_store.move_display_status(s, c.id, c.last_display_status, now):
                continue  # another worker recorded it
            if before != now:
                worker_store.add_status_event(s, c.id, at=at, on=day, before=before, after=now, actor=actor)
                changes.append(StatusChange(commitment_id=c.id, before=before, after=now))
    return StatusChanges(on=day, checked=len(rows), changes=changes)


__all__ = ["WORKER_ACTOR", "record_status_changes"]
