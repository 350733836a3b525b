"""Following a site's feed: add it once, poll it often; each poll fetches only what is new.

A poll is idempotent:

* the feed itself is fetched with a conditional GET (the ETag and Last-Modified of the last
  answer), so an unchanged feed costs one 304;
* a feed that answers 200 anyway is parsed, and only its items not yet stored are read: an
  item is done once it has a report (``feed_item.report_id``). An item whose link is already
  the URL of a stored report is linked to it without fetching the page;
* an item that failed (page unreachable, refused, unreadable) keeps its reason in
  ``feed_item.error`` and is tried again at the next poll, which then fetches the whole feed
  (its validators are not kept while an item is owed);
* each item is its own unit of work, so a failure never leaves half an item stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx
from pydantic import BaseModel, computed_field

from chiso.config import Settings
from chiso.errors import BlockedAddressError, ChisoError, ConflictError, InputError
from chiso.ingest import fetch
from chiso.ingest.feeds import FeedEntry, ParsedFeed, parse_feed
from chiso.services import audit
from chiso.services.reports import prepare_report, store_report
from chiso.services.schemas import Out
from chiso.store import feeds as feed_store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Feed, FeedItem, Report

log = logging.getLogger("chiso.feeds")


class FeedOut(Out):
    id: int
    url: str
    title: str | None
    allow_private: bool
    added_at: datetime
    last_polled_at: datetime | None
    items: int = 0
    reports: int = 0
    failed: int = 0


class PolledItem(BaseModel):
    """One feed item a poll worked on: stored (``created``), found already stored, or failed."""

    feed_id: int
    guid: str
    url: str | None
    title: str | None
    report_id: int | None = None
    created: bool = False
    fetched: bool = False  # the item's page was downloaded by this poll
    error: str | None = None


class FeedProblem(BaseModel):
    """A feed that could not be fetched or read this time."""

    feed_id: int
    url: str
    error: str


@dataclass(frozen=True, slots=True)
class _Followed:
    """What a poll needs of a feed row, read before any fetching starts."""

    id: int
    url: str
    allow_private: bool
    etag: str | None
    last_modified: str | None


class PollResult(BaseModel):
    feeds: int
    not_modified: int
    items: list[PolledItem]
    problems: list[FeedProblem] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def new_reports(self) -> int:
        return sum(1 for i in self.items if i.created)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def failed(self) -> int:
        return sum(1 for i in self.items if i.error) + len(self.problems)


def add_feed(
    db: Database,
    url: str,
    *,
    allow_private: bool = False,
    settings: Settings | None = None,
    actor: str = "cli",
) -> FeedOut:
    """Follow a feed. Refused now, not at the first poll, when its host is a private address
    (unless ``allow_private``, kept with the feed, or the ``allow_private_urls`` setting)."""
    url = url.strip()
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise InputError("url_invalid", url=url) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InputError("feed_scheme", url=url)
    host, port = parsed.raw_host.decode("ascii"), parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        if not (allow_private or (settings is not None and settings.allow_private_urls)):
            fetch.check_host(host, port)
        else:
            fetch.resolve(host, port)
    except BlockedAddressError as exc:
        raise BlockedAddressError("feed_address_blocked", url=url, reason=str(exc)) from None
    except ChisoError as exc:
        # A feed on a host that does not resolve would only fail at every poll: say so now.
        raise InputError("feed_address_unusable", url=url, reason=str(exc)) from None
    with db.transaction() as s:
        if feed_store.url_followed(s, url):
            raise ConflictError("feed_already_followed", url=url)
        feed = Feed(url=url, allow_private=allow_private, added_at=audit.now())
        s.add(feed)
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="feed.add",
            entity="feed",
            entity_id=feed.id,
            after={"url": url, "allow_private": allow_private},
        )
        return FeedOut.model_validate(feed)


def list_feeds(db: Database) -> list[FeedOut]:
    """Every feed followed, with how many items it listed, became reports, or failed."""
    with db.reading() as s:
        counts = feed_store.item_counts(s)
        out: list[FeedOut] = []
        for feed in feed_store.feeds(s):
            n, with_report, failed = counts.get(feed.id, (0, 0, 0))
            out.append(
                FeedOut.model_validate(feed).model_copy(
                    update={"items": n, "reports": with_report, "failed": failed}
                )
            )
        return out


def poll(
    db: Database,
    *,
    settings: Settings,
    feed_id: int | None = None,
    actor: str = "feed",
    on_item: Callable[[PolledItem], None] | None = None,
) -> PollResult:
    """Fetch each feed (or only ``feed_id``) with a conditional GET and add the items not stored
    yet, retrying those that failed before; one unit of work per item. ``on_item`` is called
    after each item is recorded (the worker renews its lease on the feed there; what it raises
    stops the poll, the items recorded so far staying recorded)."""
    with db.reading() as s:
        if feed_id is not None:
            lookups.get(s, Feed, feed_id)  # an unknown feed is an error, not an empty poll
        feeds = [_Followed(*row) for row in feed_store.to_poll(s, feed_id)]
    items: list[PolledItem] = []
    problems: list[FeedProblem] = []
    not_modified = 0
    for feed in feeds:
        allow = feed.allow_private or settings.allow_private_urls
        try:
            got = fetch.fetch_url(
                feed.url,
                allow_private=allow,
                timeout=settings.fetch_timeout,
                max_bytes=settings.fetch_max_bytes,
                etag=feed.etag,
                last_modified=feed.last_modified,
                accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
            )
            parsed = None if got.not_modified else parse_feed(got.body, got.final_url)
        except ChisoError as exc:
            problems.append(FeedProblem(feed_id=feed.id, url=feed.url, error=str(exc)))
            continue
        except Exception as exc:  # one feed's surprise must not stop the others
            log.exception("polling feed %s failed", feed.url)
            problems.append(FeedProblem(feed_id=feed.id, url=feed.url, error=_unexpected(feed.url, exc)))
            continue
        if parsed is None:
            not_modified += 1
            _polled(db, feed.id, etag=got.etag, last_modified=got.last_modified)
            continue
        handled = _poll_items(
            db, feed, parsed, allow_private=allow, settings=settings, actor=actor, on_item=on_item
        )
        items += handled
        # The validators are saved only after the items were handled, and only when none failed:
        # otherwise the next poll's 304 would hide the items still to (re)try.
        clean = not any(i.error for i in handled)
        _polled(
            db,
            feed.id,
            etag=got.etag if clean else None,
            last_modified=got.last_modified if clean else None,
            title=parsed.title,
        )
    return PollResult(feeds=len(feeds), not_modified=not_modified, items=items, problems=problems)


def _poll_items(
    db: Database,
    feed: _Followed,
    parsed: ParsedFeed,
    *,
    allow_private: bool,
    settings: Settings,
    actor: str,
    on_item: Callable[[PolledItem], None] | None = None,
) -> list[PolledItem]:
    done = _done_guids(db, feed.id)
    out: list[PolledItem] = []
    for entry in parsed.items:
        if entry.guid in done:
            continue
        item = _add_item(db, feed.id, entry, allow_private=allow_private, settings=settings, actor=actor)
        out.append(item)
        if on_item is not None:
            on_item(item)
    return out


def _done_guids(db: Database, feed_id: int) -> set[str]:
    """Guids of the feed's items that already have a report (failed items are not done)."""
    with db.reading() as s:
        return feed_store.done_guids(s, feed_id)


def _stored_with_url(db: Database, url: str) -> int | None:
    """A report already stored from this link (reports keep the URL they were asked for)."""
    with db.reading() as s:
        return feed_store.report_with_url(s, url)


def _add_item(
    db: Database, feed_id: int, entry: FeedEntry, *, allow_private: bool, settings: Settings, actor: str
) -> PolledItem:
    item = PolledItem(feed_id=feed_id, guid=entry.guid, url=entry.url, title=entry.title)
    try:
        if not entry.url:
            raise InputError("feed_item_no_link")
        known = _stored_with_url(db, entry.url)
        if known is not None:
            item.report_id = known  # stored before (by hand or by another feed): no fetch
        else:
            doc = fetch.read_url(
                entry.url,
                allow_private=allow_private,
                timeout=settings.fetch_timeout,
                max_bytes=settings.fetch_max_bytes,
                source_kind="feed",
            )
            item.fetched = True
            prepared = prepare_report(
                doc, title=doc.title or entry.title, published=doc.published_on or entry.published_on
            )
            result = store_report(db, prepared, actor=actor)
            item.report_id, item.created = result.report_id, result.created
    except ChisoError as exc:
        item.error = str(exc)
    except Exception as exc:  # one item's surprise must not stop its feed or the next feeds
        log.exception("feed item %s failed", entry.url)
        item.error = _unexpected(entry.url or entry.guid, exc)
    _record_item(db, feed_id, item)
    return item


def _unexpected(source: str, exc: Exception) -> str:
    return f"{source}: could not be read ({type(exc).__name__})"


def _record_item(db: Database, feed_id: int, item: PolledItem) -> None:
    """Remember what became of an item: its report, or why it failed (to retry next poll)."""
    with db.transaction() as s:
        row = feed_store.item(s, feed_id, item.guid)
        if row is None:
            row = FeedItem(feed_id=feed_id, guid=item.guid, seen_at=audit.now())
            s.add(row)
        row.url, row.report_id, row.error = item.url, item.report_id, item.error
        if item.created and item.report_id is not None:
            report = s.get(Report, item.report_id)
            if report is not None and report.feed_id is None:
                report.feed_id = feed_id


def _polled(
    db: Database, feed_id: int, *, etag: str | None, last_modified: str | None, title: str | None = None
) -> None:
    with db.transaction() as s:
        feed = s.get(Feed, feed_id)
        if feed is None:
            return
        feed.etag, feed.last_modified, feed.last_polled_at = etag, last_modified, audit.now()
        if title and not feed.title:
            feed.title = title


__all__ = ["FeedOut", "FeedProblem", "PollResult", "PolledItem", "add_feed", "list_feeds", "poll"]
