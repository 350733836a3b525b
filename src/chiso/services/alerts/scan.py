"""The daily deadline scan: "due in N days" and "passed unmet", once per commitment, kind and due
date (the event's ``dedupe`` key), however often it runs. A worker runs it once a day."""

from __future__ import annotations

from datetime import date, timedelta

from chiso.config import load_settings
from chiso.services.alerts import events
from chiso.services.alerts.schemas import ScanOut
from chiso.store import alerts as store
from chiso.store.db import Database
from chiso.track.status import DUE_SOON_DAYS, horizon

#: a deadline passed longer ago than this is not announced (the first scan of an old database
#: would otherwise send every overdue promise at once)
OVERDUE_LOOKBACK_DAYS = DUE_SOON_DAYS


def scan_deadlines(db: Database, today: date, *, days: int | None = None) -> ScanOut:
    """Record ``due_soon`` for open commitments whose deadline (due_end, else due_start) is
    within ``days`` (default ``CHISO_ALERT_DUE_DAYS``) from ``today``, and ``overdue`` for those
    whose deadline passed (in the last :data:`OVERDUE_LOOKBACK_DAYS` days) unmet. Idempotent."""
    ahead = load_settings().alert_due_days if days is None else days
    h = horizon(today)
    out = ScanOut()
    with db.transaction() as s:
        plans = (
            ("due_soon", today, today + timedelta(days=ahead)),
            (
                "overdue",
                h.overdue_before - timedelta(days=OVERDUE_LOOKBACK_DAYS),
                h.overdue_before - timedelta(days=1),
            ),
        )
        for kind, first, last in plans:
            for c in store.deadline_candidates(s, first, last):
                deadline = c.due_end or c.due_start
                dedupe = f"{kind}:{c.id}:{deadline.isoformat()}"
                if store.event_seen(s, dedupe):
                    continue
                keys = events.keys_of(commitment=c.id, programme=c.programme, owner=c.owner)
                payload = {
                    "commitment": c.id,
                    "title": c.title,
                    "owner": c.owner,
                    "programme": c.programme,
                    "due_start": c.due_start.isoformat() if c.due_start else None,
                    "due_end": c.due_end.isoformat() if c.due_end else None,
                    "status": c.status,
                    "days_left": (deadline - today).days,
                }
                queued = events.emit(s, kind, keys, payload, commitment_id=c.id, dedupe=dedupe)  # type: ignore[arg-type]
                if queued:
                    out.notifications += queued
                    if kind == "due_soon":
                        out.due_soon += 1
                    else:
                        out.overdue += 1
    return out


__all__ = ["OVERDUE_LOOKBACK_DAYS", "scan_deadlines"]
