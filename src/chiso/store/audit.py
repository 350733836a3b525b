"""The audit log's queries: rows read back, filtered and paged newest first (a row is added by
the service, in its unit of work)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chiso.store.models import AuditEvent, Mention


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


def events(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> list[AuditEvent]:
    """Events newest first (by id: the order they were written), filtered; ``action`` matches
    from its start (``user.`` finds every change to accounts); ``since`` is inclusive, ``until``
    exclusive; ``before_id`` is the keyset cursor (the last id of the previous page)."""
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if entity:
        q = q.where(AuditEvent.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEvent.entity_id == entity_id)
    if actor:
        q = q.where(AuditEvent.actor == actor)
    if action:
        q = q.where(AuditEvent.action.startswith(action, autoescape=True))
    if since is not None:
        q = q.where(AuditEvent.at >= since)
    if until is not None:
        q = q.where(AuditEvent.at < until)
    if before_id is not None:
        q = q.where(AuditEvent.id < before_id)
    return list(session.scalars(q))


def mention_reports(session: Session, mention_ids: Collection[int]) -> dict[int, int]:
    """The report of each mention named (mentions since removed are left out)."""
    if not mention_ids:
        return {}
    found = session.execute(select(Mention.id, Mention.report_id).where(Mention.id.in_(list(mention_ids))))
    out: dict[int, int] = {}
    for mention_id, report_id in found:
        out[mention_id] = report_id
    return out


__all__ = ["events", "latest", "mention_reports"]
