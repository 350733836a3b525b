"""RSS and Atom feeds: the feed's title and its items (guid, link, title, date).

feedparser is untyped and returns loosely shaped dictionaries; this module is the only
place that touches them, and it hands back frozen, typed values. Parsing never fetches:
the caller fetches the bytes (with :func:`chiso.ingest.fetch.fetch_url`) and passes them in.
"""

from __future__ import annotations

import email.utils
import hashlib
import time
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin

from chiso.errors import InputError
from chiso.extract.text import normalise


@dataclass(frozen=True, slots=True)
class FeedEntry:
    guid: str  # the feed's id for the item, else its link, else a hash of title and date
    url: str | None
    title: str | None
    published_on: date | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    items: list[FeedEntry]
    link: str | None = None  # the site the feed belongs to


def parse_feed(body: bytes, base_url: str) -> ParsedFeed:
    """Parse RSS/Atom bytes; relative links resolve against ``base_url`` (the feed's URL)."""
    import feedparser

    parsed: Any = feedparser.parse(
        body,
        response_headers={"content-location": base_url},
        # Item text is not used; skip feedparser's HTML sanitising and link rewriting work on it.
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    feed: dict[str, Any] = dict(parsed.get("feed") or {})
    entries: list[dict[str, Any]] = [dict(e) for e in parsed.get("entries") or []]
    version = parsed.get("version") or ""
    if not entries and not version:
        reason = parsed.get("bozo_exception")
        detail = f" ({_one_line(str(reason))})" if reason else ""
        raise InputError("feed_not_rss", url=base_url, detail=detail)
    items: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in entries:
        item = _entry(entry, base_url)
        if item.guid in seen:
            continue  # some feeds repeat an item; one guid, one item
        seen.add(item.guid)
        items.append(item)
    link = feed.get("link")
    return ParsedFeed(
        title=_text(feed.get("title")),
        items=items,
        link=urljoin(base_url, link) if isinstance(link, str) and link else None,
    )


def _no_controls(value: object) -> object:
    # A feed is remote data: NUL and other control characters (which feedparser lets through,
    # and PostgreSQL refuses in text) never belong in a link, an id or a title.
    if not isinstance(value, str):
        return value
    return "".join(ch for ch in value if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")


def _entry(entry: dict[str, Any], base_url: str) -> FeedEntry:
    link = _no_controls(entry.get("link"))
    url = urljoin(base_url, link.strip()) if isinstance(link, str) and link.strip() else None
    title = _text(_no_controls(entry.get("title")))
    published = (
        _local_date(entry.get("published"))
        or _date(entry.get("published_parsed"))
        or _local_date(entry.get("updated"))
        or _date(entry.get("updated_parsed"))
    )
    raw_id = _no_controls(entry.get("id"))
    guid = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else None
    if guid is None:
        guid = url or "sha256:" + hashlib.sha256(f"{title}|{published}".encode()).hexdigest()
    return FeedEntry(guid=guid, url=url, title=title, published_on=published)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(normalise(value).split())
    return cleaned or None


def _local_date(value: object) -> date | None:
    """The calendar date in the publisher's own time zone, as the date string says it.

    feedparser's ``*_parsed`` values are converted to UTC, which moves a Vietnamese
    morning item (UTC+7) to the day before; so the string is read first.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date()  # RSS: RFC 822 dates
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()  # Atom: RFC 3339
    except ValueError:
        return None


def _date(value: object) -> date | None:
    # A UTC struct_time from feedparser, for the date formats read above does not know.
    if not isinstance(value, time.struct_time):
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None


def _one_line(text: str) -> str:
    return " ".join(text.split())[:160]


__all__ = ["FeedEntry", "ParsedFeed", "parse_feed"]
