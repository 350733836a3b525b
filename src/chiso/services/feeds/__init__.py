"""feeds: the public entry (re-exported from its modules)."""

from __future__ import annotations

from chiso.services.feeds.polling import (
    FeedOut,
    FeedProblem,
    PolledItem,
    PollResult,
    add_feed,
    list_feeds,
    poll,
)

__all__ = ["FeedOut", "FeedProblem", "PollResult", "PolledItem", "add_feed", "list_feeds", "poll"]
