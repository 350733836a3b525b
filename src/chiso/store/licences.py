"""Licences: a report's own, its publisher's, and the ones every publisher has."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chiso.store.models import PublisherLicence


def publisher_licence(session: Session, publisher: str | None) -> str | None:
    """The licence set for a publisher's reports (None: none set, or no publisher)."""
    if not publisher:
        return None
    return session.scalar(select(PublisherLicence.licence).where(PublisherLicence.publisher == publisher))


def set_publisher_licence(session: Session, publisher: str, licence: str | None, at: datetime) -> str | None:
    """Set (or with ``None`` remove) a publisher's licence; returns the one it had."""
    row = session.scalars(select(PublisherLicence).where(PublisherLicence.publisher == publisher)).first()
    before = row.licence if row is not None else None
    if licence is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(PublisherLicence(publisher=publisher, licence=licence, updated_at=at))
    else:
        row.licence, row.updated_at = licence, at
    session.flush()
    return before


def publisher_licences(session: Session) -> Sequence[PublisherLicence]:
    """Every publisher with a licence, by name."""
    return list(session.scalars(select(PublisherLicence).order_by(PublisherLicence.publisher)))


__all__ = ["publisher_licence", "publisher_licences", "set_publisher_licence"]
