"""The queries of followed feeds and their items."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from chiso.store.models import Feed, FeedItem, Report


def url_followed(session: Session, url: str) -> bool:
    return session.scalar(select(Feed.id).where(Feed.url == url)) is not None


def feeds(session: Session) -> list[Feed]:
    """Every feed followed, oldest first."""
    return list(session.scalars(select(Feed).order_by(Feed.id)))


def item_counts(session: Session) -> dict[int, tuple[int, int, int]]:
    """Per feed: how many items it listed, how many became reports, how many failed."""
    return {
        fid: (n, with_report, failed)
        for fid, n, with_report, failed in session.execute(
            select(
                FeedItem.feed_id,
                func.count(),
                func.count(FeedItem.report_id),
                func.count(FeedItem.error),
            ).group_by(FeedItem.feed_id)
        )
    }


def to_poll(
    session: Session, feed_id: int | None = None
) -> Sequence[Row[int, str, bool, str | None, str | None]]:
    """What a poll needs of each feed (or of ``feed_id`` only): id, url, allow_private, etag and
    last_modified, oldest feed first."""
    query = select(Feed.id, Feed.url, Feed.allow_private, Feed.etag, Feed.last_modified).order_by(Feed.id)
    if feed_id is not None:
        query = query.where(Feed.id == feed_id)
    return session.execute(query).all()


def done_guids(session: Session, feed_id: int) -> set[str]:
    """Guids of the feed's items that already have a report (failed items are not done)."""
    rows = session.scalars(
        select(FeedItem.guid).where(FeedItem.feed_id == feed_id, FeedItem.report_id.is_not(None))
    )
    return set(rows)


def report_with_url(session: Session, url: str) -> int | None:
    """The first report stored from this link (reports keep the URL they were asked for)."""
    return session.scalar(select(Report.id).where(Report.url == url).order_by(Report.id).limit(1))


def item(session: Session, feed_id: int, guid: str) -> FeedItem | None:
    return session.scalars(select(FeedItem).where(FeedItem.feed_id == feed_id, FeedItem.guid == guid)).first()


def last_item_errors(session: Session) -> dict[int, str]:
    """Per feed with a failing item: the error of its newest failing item (the one still owed)."""
    newest = (
        select(FeedItem.feed_id, func.max(FeedItem.id).label("id"))
        .where(FeedItem.error.is_not(None))
        .group_by(FeedItem.feed_id)
        .subquery()
    )
    rows = session.execute(select(FeedItem.feed_id, FeedItem.error).join(newest, FeedItem.id == newest.c.id))
    return {fid: error for fid, error in rows if error is not None}


__all__ = ["done_guids", "feeds", "item", "item_counts", "last_item_errors", "report_with_url", "to_poll", "url_followed"]
