"""What importing an export reads in the database: the reports its sources name, the
indicators its rows name, and the figure a quote already is."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from chiso.store.models import Indicator, Mention, Report


def reports_at(session: Session, url: str) -> list[Report]:
    """The reports stored with this URL, oldest first."""
    return list(session.scalars(select(Report).where(Report.url == url).order_by(Report.id)))


def report_with_sha(session: Session, sha: str) -> Report | None:
    return session.scalars(select(Report).where(Report.sha256 == sha)).first()


def known_slugs(session: Session, slugs: Iterable[str]) -> set[str]:
    """Which of ``slugs`` name an indicator."""
    return set(session.scalars(select(Indicator.slug).where(Indicator.slug.in_(set(slugs)))))


def indicator_by_slug(session: Session, slug: str) -> Indicator | None:
    return session.scalars(select(Indicator).where(Indicator.slug == slug)).first()


def figure_at(session: Session, report_id: int, start: int, end: int) -> Mention | None:
    """The figure mention of a report at exactly these offsets."""
    return session.scalars(
        select(Mention).where(
            Mention.report_id == report_id,
            Mention.kind == "figure",
            Mention.start == start,
            Mention.end == end,
        )
    ).first()


__all__ = ["figure_at", "indicator_by_slug", "known_slugs", "report_with_sha", "reports_at"]
