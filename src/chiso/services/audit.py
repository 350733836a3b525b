"""The audit log: every decision a person (or an automatic rule) makes is one row."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

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


__all__ = ["history", "now", "record"]
