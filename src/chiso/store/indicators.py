"""The queries of the indicator catalogue. A programme given here is already canonical
(:func:`chiso.catalog.loader.canonical_programme`); None is the indicators of no programme, and
:data:`EVERY` every indicator."""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import Final

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from chiso.store.models import Indicator, Observation


class _Every(Enum):
    EVERY = "every"


#: No programme filter.
EVERY: Final = _Every.EVERY
#: A programme filter: one programme, None (the indicators of no programme) or :data:`EVERY`.
Programme = str | _Every | None


def _of(programme: Programme) -> tuple[ColumnElement[bool], ...]:
    return () if programme is EVERY else (Indicator.programme == programme,)


def slugs(session: Session) -> set[str]:
    return set(session.scalars(select(Indicator.slug)))


def slug_taken(session: Session, slug: str) -> bool:
    return session.scalars(select(Indicator.id).where(Indicator.slug == slug)).first() is not None


def by_slug(session: Session) -> dict[str, Indicator]:
    """Every indicator, by its slug."""
    return {i.slug: i for i in session.scalars(select(Indicator))}


def by_id(session: Session, ids: Collection[int]) -> dict[int, Indicator]:
    return {i.id: i for i in session.scalars(select(Indicator).where(Indicator.id.in_(ids)))} if ids else {}


def listed(session: Session, programme: Programme = EVERY) -> list[Indicator]:
    """Indicators by programme (none last) then slug."""
    q = select(Indicator).where(*_of(programme)).order_by(Indicator.programme.nulls_last(), Indicator.slug)
    return list(session.scalars(q))


def in_id_order(session: Session, programme: Programme = EVERY) -> list[Indicator]:
    """Indicators in the order they were added."""
    return list(session.scalars(select(Indicator).where(*_of(programme)).order_by(Indicator.id)))


def ranked(session: Session, programme: Programme = EVERY) -> list[tuple[int, bool]]:
    """Every indicator's id (in :func:`listed`'s order) and whether it has at least one observed
    (not target) point: one narrow query, an ``EXISTS`` through ``ix_observation_indicator_date``."""
    has = (
        select(Observation.id)
        .where(Observation.indicator_id == Indicator.id, Observation.is_target.is_(False))
        .exists()
    )
    q = (
        select(Indicator.id, has.label("has"))
        .where(*_of(programme))
        .order_by(Indicator.programme.nulls_last(), Indicator.slug)
    )
    return [(i, bool(h)) for i, h in session.execute(q)]


def programmes(session: Session) -> list[str]:
    """Every programme an indicator names (unordered)."""
    return [p for p in session.scalars(select(Indicator.programme).distinct()) if p]


__all__ = [
    "EVERY",
    "Programme",
    "by_id",
    "by_slug",
    "in_id_order",
    "listed",
    "programmes",
    "ranked",
    "slug_taken",
    "slugs",
]
