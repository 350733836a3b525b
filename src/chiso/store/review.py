"""Review in the database: the queue of pending mentions, the claim that decides one (so that of
two people deciding it at once exactly one wins), and the rows a decision reads and forgets.

Functions take the caller's session (its unit of work) and return rows, ORM objects or plain
values.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from chiso.store.models import Indicator, MatchExample, Mention, Report


def _standing() -> ColumnElement[bool]:
    """The mention's report is not retracted (a retracted report's mentions wait for nobody)."""
    return Mention.report_id.not_in(select(Report.id).where(Report.retracted_at.is_not(None)))


def pending_mentions(
    session: Session,
    *,
    report_id: int | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Mention]:
    """Pending mentions (of one report, of one kind) in report order, each with its report loaded."""
    q = (
        select(Mention)
        .options(selectinload(Mention.report))
        .where(Mention.state == "pending", _standing())
        .order_by(Mention.report_id, Mention.start, Mention.id)
    )
    if limit is not None:
        q = q.limit(limit).offset(offset)
    if report_id is not None:
        q = q.where(Mention.report_id == report_id)
    if kind is not None:
        q = q.where(Mention.kind == kind)
    return list(session.scalars(q))


def count_pending(session: Session, *, kind: str | None = None) -> int:
    q = select(func.count()).select_from(Mention).where(Mention.state == "pending", _standing())
    if kind is not None:
        q = q.where(Mention.kind == kind)
    return int(session.scalar(q) or 0)


def claim(session: Session, mention_id: int, *, state: str, at: datetime, actor: str) -> bool:
    """Move a pending mention to ``state`` with a conditional UPDATE (``... WHERE id = ? AND
    state = 'pending'``); False when it was not pending (another decision came first)."""
    result = session.execute(
        update(Mention)
        .where(Mention.id == mention_id, Mention.state == "pending")
        .values(state=state, decided_at=at, decided_by=actor)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


def indicator_slug(session: Session, indicator_id: int) -> str | None:
    return session.scalar(select(Indicator.slug).where(Indicator.id == indicator_id))


def indicator_by_slug(session: Session, slug: str) -> Indicator | None:
    return session.scalars(select(Indicator).where(Indicator.slug == slug)).first()


def slug_taken(session: Session, slug: str) -> bool:
    return session.scalar(select(Indicator.id).where(Indicator.slug == slug)) is not None


def has_indicators(session: Session) -> bool:
    """Whether the database has any indicator at all."""
    return session.scalar(select(Indicator.id).limit(1)) is not None


def point_sources(session: Session, observation_id: int) -> list[tuple[int, int]]:
    """The mentions an observation stands on, each with its report's story: ``(mention id, story
    id)``, the story being the report itself when it has none."""
    return [
        (int(mention_id), int(story))
        for mention_id, story in session.execute(
            select(Mention.id, func.coalesce(Report.story_id, Report.id))
            .join(Report, Report.id == Mention.report_id)
            .where(Mention.observation_id == observation_id)
        )
    ]


def forget_examples(session: Session, mention_id: int) -> None:
    """Drop what the matcher learnt from a mention's link."""
    session.execute(delete(MatchExample).where(MatchExample.mention_id == mention_id))


__all__ = [
    "claim",
    "count_pending",
    "forget_examples",
    "has_indicators",
    "indicator_by_slug",
    "indicator_slug",
    "pending_mentions",
    "point_sources",
    "slug_taken",
]
