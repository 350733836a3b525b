"""The audit log's queries: the latest rows read back (a row is added by the service, in its unit of work)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from chiso.store.models import AuditEvent


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


__all__ = ["latest"]
