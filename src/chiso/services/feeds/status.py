"""How each followed feed is doing, for the admin's feeds page: its counts, when it was last
polled and the error of its newest failing item (what the feed model stores; a poll's failure to
fetch the feed itself is only in that poll's answer)."""

from __future__ import annotations

from typing import Literal

from chiso.services.feeds.polling import FeedOut
from chiso.store import feeds as feed_store
from chiso.store.db import Database

FeedState = Literal["new", "ok", "failing"]


class FeedStatus(FeedOut):
    #: new: never polled; failing: some item could not be read (retried at each poll); ok
    state: FeedState
    last_error: str | None = None


def feed_statuses(db: Database) -> list[FeedStatus]:
    """Every feed followed, oldest first, with its state and last item error."""
    with db.reading() as s:
        counts = feed_store.item_counts(s)
        errors = feed_store.last_item_errors(s)
        out: list[FeedStatus] = []
        for feed in feed_store.feeds(s):
            n, with_report, failed = counts.get(feed.id, (0, 0, 0))
            error = errors.get(feed.id)
            state: FeedState = "new" if feed.last_polled_at is None else "failing" if error else "ok"
            base = FeedOut.model_validate(feed).model_dump()
            base.update(items=n, reports=with_report, failed=failed)
            out.append(FeedStatus(**base, state=state, last_error=error))
        return out


__all__ = ["FeedState", "FeedStatus", "feed_statuses"]
