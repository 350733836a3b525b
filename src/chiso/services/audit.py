"""The audit log: every decision a person (or an automatic rule) makes is one row."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from pydantic import BaseModel
from sqlalchemy.orm import Session

from chiso.services.schemas import AuditOut
from chiso.store import audit as audit_store
from chiso.store.db import Database
from chiso.store.models import AuditEvent


def now() -> datetime:
    return datetime.now(UTC)


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit row to the caller's unit of work (committed with it, or not at all)."""
    event = AuditEvent(
        at=now(), actor=actor, action=action, entity=entity, entity_id=entity_id, before=before, after=after
    )
    session.add(event)
    return event


def history(
    db: Database, *, entity: str | None = None, entity_id: int | None = None, limit: int = 100
) -> list[AuditOut]:
    with db.reading() as s:
        events = audit_store.latest(s, entity=entity, entity_id=entity_id, limit=limit)
        return [AuditOut.model_validate(e) for e in events]


#: The kinds of entity the services record (the history page's filter offers these).
ENTITIES: Final[tuple[str, ...]] = (
    "api_token",
    "commitment",
    "commitment_event",
    "feed",
    "indicator",
    "mention",
    "observation",
    "report",
    "user",
)
#: The most events one page of the history shows.
MAX_PAGE: Final = 200


class FieldChange(BaseModel):
    """One field an event changed: its value before and after (None when absent)."""

    field: str
    before: Any = None
    after: Any = None


class HistoryEntry(AuditOut):
    #: the fields whose value differs between ``before`` and ``after``, in their order
    changes: list[FieldChange]
    #: for a mention: its report (where it is shown), while it exists
    report_id: int | None = None


class HistoryPage(BaseModel):
    entries: list[HistoryEntry]
    #: the cursor of the next (older) page: pass it back as ``before_id``; None on the last page
    next_before_id: int | None = None


def changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields that differ between two states (a field only one side has counts as changed)."""
    old, new = before or {}, after or {}
    names = list(old) + [k for k in new if k not in old]
    return [FieldChange(field=k, before=old.get(k), after=new.get(k)) for k in names if old.get(k) != new.get(k)]


def browse(
    db: Database,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> HistoryPage:
    """The audit log newest first, filtered, ``limit`` events at a time (keyset-paged by id).

    ``since`` and ``until`` are days (UTC), both included."""
    limit = max(1, min(limit, MAX_PAGE))
    start = datetime.combine(since, time(), UTC) if since else None
    end = datetime.combine(until + timedelta(days=1), time(), UTC) if until else None
    with db.reading() as s:
        rows = audit_store.events(
            s,
            entity=entity or None,
            entity_id=entity_id,
            actor=actor or None,
            action=action or None,
            since=start,
            until=end,
            before_id=before_id,
            limit=limit + 1,
        )
        more = len(rows) > limit
        rows = rows[:limit]
        mentions = {e.entity_id for e in rows if e.entity == "mention" and e.entity_id is not None}
        reports = audit_store.mention_reports(s, mentions)
        entries = [
            HistoryEntry(
                **AuditOut.model_validate(e).model_dump(),
                changes=changes(e.before, e.after),
                report_id=reports.get(e.entity_id) if e.entity == "mention" and e.entity_id else None,
            )
            for e in rows
        ]
    return HistoryPage(entries=entries, next_before_id=entries[-1].id if more else None)


__all__ = [
    "ENTITIES",
    "MAX_PAGE",
    "FieldChange",
    "HistoryEntry",
    "HistoryPage",
    "browse",
    "changes",
    "history",
    "now",
    "record",
]
