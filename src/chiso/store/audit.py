"""The audit log's queries: one row added in bulk form, and the latest rows read back."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from chiso.store.models import AuditEvent

_EVENTS = cast(Table, AuditEvent.__table__)


def insert_event(session: Session, row: dict[str, Any]) -> None:
    """One audit row as one INSERT in the caller's unit of work, for a path that writes many and
    never reads the event back: the ORM's flush of one object cost more than the insert (storing
    a report, bench/ingest.py)."""
    session.execute(_EVENTS.insert(), row)


def latest(
    session: Session, *, entity: str | None = None, entity_id: int | None = None, limit: int = 100
) -> list[AuditEvent]:
    """The newest ``limit`` events, of one kind of entity or one entity when given."""
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if entity:
        q = q.where(AuditEvent.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEvent.entity_id == entity_id)
    return list(session.scalars(q))


__all__ = ["insert_event", "latest"]
