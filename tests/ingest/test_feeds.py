"""Feeds: RSS and Atom items with guids, absolute links, titles and the publisher's own dates."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.errors import InputError
from chiso.ingest.feeds import FeedEntry, ParsedFeed, parse_feed
from chiso.ingest.fetch import fetch_url
from tests.ingest.conftest import LocalServer

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
  <title>Báo Tin Mới - Thời sự</title>
  <link>https://tinmoi.example/thoi-su</link>
  <description>Tin thời sự mới nhất</description>
  <item>
    <title>Hơn 62 triệu tài khoản định danh điện tử đã được kích hoạt</title>
    <link>/thoi-su/tai-khoan-dinh-danh-123.html</link>
    <guid isPermaLink="false">tinmoi-123</guid>
    <pubDate>Mon, 03 Nov 2025 06:30:00 +0700</pubDate>
  </item>
  <item>
    <title>Cổng Dịch vụ công quốc gia cung cấp hơn 4.000 thủ tục</title>
    <link>https://tinmoi.example/thoi-su/dich-vu-cong-124.html</link>
    <pubDate>Wed, 05 Nov 2025 15:00:00 +0700</pubDate>
  </item>
  <item>
    <title>Cơ sở dữ liệu dân cư kết nối thêm hai bộ, ngành</title>
    <description>Không có đường dẫn, không có ngày.</description>
  </item>
</channel>
</rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cổng thông tin Bộ</title>
  <link href="https://bo.example/"/>
  <id>urn:bo:tin</id>
  <updated>2025-11-04T08:00:00+07:00</updated>
  <entry>
    <title>Tin hoạt động ngày 4/11</title>
    <link href="https://bo.example/tin/4-11"/>
    <id>urn:bo:tin:411</id>
    <published>2025-11-04T06:00:00+07:00</published>
    <updated>2025-11-04T07:00:00+07:00</updated>
  </entry>
</feed>""".encode()


def test_rss_with_three_items() -> None:
    feed = parse_feed(RSS, "https://tinmoi.example/rss/thoi-su.rss")
    assert feed == ParsedFeed(
        title="Báo Tin Mới - Thời sự",
        link="https://tinmoi.example/thoi-su",
        items=[
            FeedEntry(
                guid="tinmoi-123",
                url="https://tinmoi.example/thoi-su/tai-khoan-dinh-danh-123.html",
                title="Hơn 62 triệu tài khoản định danh điện tử đã được kích hoạt",
                # 06:30 in Hanoi is still 2 November in UTC: the local date is kept.
                published_on=date(2025, 11, 3),
            ),
            FeedEntry(
                guid="https://tinmoi.example/thoi-su/dich-vu-cong-124.html",
                url="https://tinmoi.example/thoi-su/dich-vu-cong-124.html",
                title="Cổng Dịch vụ công quốc gia cung cấp hơn 4.000 thủ tục",
                published_on=date(2025, 11, 5),
            ),
            FeedEntry(
                guid=feed.items[2].guid,
                url=None,
                title="Cơ sở dữ liệu dân cư kết nối thêm hai bộ, ngành",
                published_on=None,
            ),
        ],
    )
    assert feed.items[2].guid.startswith("sha256:")
    assert parse_feed(RSS, "https://tinmoi.example/rss/thoi-su.rss").items[2].guid == feed.items[2].guid


def test_atom() -> None:
    feed = parse_feed(ATOM, "https://bo.example/atom.xml")
    assert feed.title == "Cổng thông tin Bộ"
    assert feed.items == [
        FeedEntry(
            guid="urn:bo:tin:411",
            url="https://bo.example/tin/4-11",
            title="Tin hoạt động ngày 4/11",
            published_on=date(2025, 11, 4),
        )
    ]


def test_repeated_guid_is_one_item() -> None:
    body = RSS.replace(
        b"</channel>",
        b'<item><title>again</title><guid isPermaLink="false">tinmoi-123</guid></item></channel>',
    )
    assert [i.guid for i in parse_feed(body, "https://tinmoi.example/rss").items][:1] == ["tinmoi-123"]
    assert len(parse_feed(body, "https://tinmoi.example/rss").items) == 3


@pytest.mark.parametrize("body", [b"<html><body><p>not a feed</p></body></html>", b"", b"\x00\x01binary"])
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(InputError, match=r"^https://x.example/feed: not an RSS or Atom feed"):
        parse_feed(body, "https://x.example/feed")


def test_feed_over_http(server: LocalServer) -> None:
    url = server.page("/rss/thoi-su.rss", RSS, content_type="application/rss+xml; charset=utf-8")
    result = fetch_url(url, allow_private=True, timeout=2.0, max_bytes=1024 * 1024)
    feed = parse_feed(result.body, result.final_url)
    assert len(feed.items) == 3
    assert feed.items[0].url == server.url("/thoi-su/tai-khoan-dinh-danh-123.html")  # relative to the feed
    assert feed.items[1].url == "https://tinmoi.example/thoi-su/dich-vu-cong-124.html"


def test_control_characters_never_reach_an_items_link_id_or_title() -> None:
    """feedparser lets ``&#0;`` through; PostgreSQL refuses a NUL in text (issue 12, item 18)."""
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>'
        b"<item><guid>tin&#0;-1</guid><title>Ti&#0;n &#7;m\xe1\xbb\x9bi</title>"
        b"<link>https://bao.example/tin-1&#0;.html</link></item></channel></rss>"
    )
    (item,) = parse_feed(body, "https://bao.example/rss").items
    assert (item.url, item.title) == ("https://bao.example/tin-1.html", "Tin mới")
    assert item.guid.endswith("tin-1")
    assert "\x00" not in item.guid
