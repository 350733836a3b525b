"""`chiso feed add/list/poll` end to end: a feed of three items polled twice fetches nothing new
the second time; failed items are retried; private addresses need permission."""

from __future__ import annotations

import json
from collections import Counter
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy import func, select

from chiso.store.models import Feed, FeedItem, Report
from tests.ingest_e2e import site
from tests.ingest_e2e.conftest import Cli, LocalServer

ETAG = '"feed-v1"'


def feed_route(server: LocalServer, body: bytes, *, validators: bool = True) -> str:
    """The feed at /rss.xml; with ``validators`` it sends an ETag and honours If-None-Match."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        if validators and req.headers.get("If-None-Match") == ETAG:
            req.send_response(304)
            req.send_header("ETag", ETAG)
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        req.send_header("Content-Length", str(len(body)))
        if validators:
            req.send_header("ETag", ETAG)
            req.send_header("Last-Modified", "Thu, 06 Nov 2025 02:00:00 GMT")
        req.end_headers()
        req.wfile.write(body)

    return server.route("/rss.xml", handler)


ITEMS = [
    ("lg-101", "/tin/cong-dich-vu-cong.html", site.TITLE),
    ("lg-102", "/tin/truong-ban-tru.html", site.OTHER_TITLE),
    ("lg-103", "/tin/cong-dich-vu-cong-ban-tinh.html", site.TITLE),
]
PAGES = {
    "/tin/cong-dich-vu-cong.html": site.daily(),
    "/tin/truong-ban-tru.html": site.provincial(site.OTHER_PARAGRAPHS, site.OTHER_TITLE),
    "/tin/cong-dich-vu-cong-ban-tinh.html": site.provincial(),
}


def serve_site(server: LocalServer, *, validators: bool = True) -> str:
    for path, body in PAGES.items():
        server.page(path, body)
    return feed_route(server, site.rss(server.base, ITEMS), validators=validators)


def hits(server: LocalServer) -> Counter[str]:
    return Counter(path for path, _ in server.requests)


def follow(cli: Cli, url: str) -> int:
    result = cli("feed", "add", url, "--allow-private")
    assert result.code == 0, result.err
    return int(result.out.strip())


def summary(out: str) -> str:
    return " ".join(out.split())


def test_polling_twice_fetches_nothing_new(cli: Cli, server: LocalServer) -> None:
    feed_id = follow(cli, serve_site(server))
    first = cli("feed", "poll")
    assert first.code == 0, first.err
    assert "3 báo cáo mới, 0 không đổi, 0 lỗi" in summary(first.out)
    assert all(hits(server)[path] == 1 for path in PAGES)

    second = cli("feed", "poll")
    assert second.code == 0, second.err
    assert "0 báo cáo mới, 1 không đổi" in summary(second.out)
    assert hits(server)["/rss.xml"] == 2
    assert all(hits(server)[path] == 1 for path in PAGES)  # no item page fetched again
    assert server.requests[-1][1]["if-none-match"] == ETAG

    listed = cli("feed", "list", "--format", "json")
    (row,) = json.loads(listed.out)
    assert (row["id"], row["items"], row["reports"], row["failed"]) == (feed_id, 3, 3, 0)
    assert row["title"] == "Báo Lâm Giang điện tử - Thời sự"
    with cli.db.reading() as s:
        stored = s.execute(select(Report.url, Report.source_kind, Report.feed_id, Report.story_id)).all()
    assert {url for url, *_ in stored} == {server.url(path) for path in PAGES}
    assert {(kind, fid) for _, kind, fid, _ in stored} == {("feed", feed_id)}
    stories = {url: story for url, _, _, story in stored}
    assert stories[server.url(ITEMS[0][1])] == stories[server.url(ITEMS[2][1])]  # one story, two outlets
    assert stories[server.url(ITEMS[1][1])] != stories[server.url(ITEMS[0][1])]


def test_a_feed_without_validators_is_read_again_but_its_items_are_not(cli: Cli, server: LocalServer) -> None:
    follow(cli, serve_site(server, validators=False))
    assert cli("feed", "poll").code == 0
    second = cli("feed", "poll")
    assert second.code == 0
    assert "0 báo cáo mới, 0 không đổi, 0 lỗi" in summary(second.out)
    assert hits(server)["/rss.xml"] == 2
    assert all(hits(server)[path] == 1 for path in PAGES)
    assert "if-none-match" not in server.requests[-1][1]


def flaky(server: LocalServer, path: str, body: bytes, failures: int) -> None:
    """``path`` answers 503 ``failures`` times, then the page."""
    calls = {"n": 0}

    def handler(req: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= failures:
            req.send_error(503, "Service Unavailable")
            return
        req.send_response(200)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    server.route(path, handler)


def test_a_failed_item_is_retried_at_the_next_poll(cli: Cli, server: LocalServer) -> None:
    url = serve_site(server)
    broken = ITEMS[1][1]
    flaky(server, broken, PAGES[broken], failures=1)
    follow(cli, url)

    first = cli("feed", "poll")
    assert first.code == 1  # a failure is reported in the exit status too
    assert "2 báo cáo mới, 0 không đổi, 1 lỗi" in summary(first.out)
    with cli.db.reading() as s:
        row = s.scalars(select(FeedItem).where(FeedItem.guid == ITEMS[1][0])).one()
        assert row.report_id is None
        assert row.error is not None
        assert "server answered 503" in row.error
        assert s.scalar(select(func.count()).select_from(Report)) == 2

    second = cli("feed", "poll")  # the feed is read again in full: an item is still owed
    assert second.code == 0, second.out
    assert "1 báo cáo mới, 0 không đổi, 0 lỗi" in summary(second.out)
    assert hits(server)[broken] == 2
    assert all(hits(server)[path] == 1 for path in PAGES if path != broken)
    assert "if-none-match" not in [r for p, r in server.requests if p == "/rss.xml"][1]

    third = cli("feed", "poll")
    assert "0 báo cáo mới, 1 không đổi, 0 lỗi" in summary(third.out)
    assert hits(server)[broken] == 2
    with cli.db.reading() as s:
        assert s.scalars(select(FeedItem.error)).all() == [None, None, None]


def test_an_item_already_stored_by_url_is_linked_without_fetching(cli: Cli, server: LocalServer) -> None:
    url = serve_site(server)
    page = server.url(ITEMS[0][1])
    added = cli("report", "add", page, "--allow-private")
    assert added.code == 0, added.err
    follow(cli, url)
    result = cli("feed", "poll")
    assert "2 báo cáo mới" in summary(result.out)
    assert hits(server)[ITEMS[0][1]] == 1  # only the `report add` fetched it
    with cli.db.reading() as s:
        linked = s.scalar(select(FeedItem.report_id).where(FeedItem.guid == ITEMS[0][0]))
    assert linked == int(added.out.strip().splitlines()[-1])


def test_a_loopback_feed_needs_permission(cli: Cli, server: LocalServer) -> None:
    url = serve_site(server)
    result = cli("feed", "add", url)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "loopback address" in lines[0]
    assert "--allow-private" in lines[0]
    with cli.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Feed)) == 0
    assert server.requests == []


def test_a_public_feed_linking_to_loopback_stores_nothing_of_that_item(
    cli: Cli, server: LocalServer, public_name: str
) -> None:
    port = server.base.rsplit(":", 1)[1]
    public = f"http://{public_name}:{port}"
    server.page("/tin/a.html", site.daily())
    items = [("x-1", "/tin/a.html", site.TITLE)]
    body = site.rss(public, items).replace(
        b"</channel>",
        f'<item><title>noi bo</title><link>{server.base}/tin/a.html</link><guid isPermaLink="false">x-2</guid></item></channel>'.encode(),
    )
    feed_route(server, body)
    added = cli("feed", "add", f"{public}/rss.xml")  # a public name: no permission needed
    assert added.code == 0, added.err
    result = cli("feed", "poll")
    assert result.code == 1
    flat = summary(result.out)
    assert "1 báo cáo mới" in flat
    assert hits(server)["/tin/a.html"] == 1  # fetched once, through the public name only
    with cli.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 1
        error = s.scalar(select(FeedItem.error).where(FeedItem.guid == "x-2"))
    assert error is not None
    assert "refused: 127.0.0.1 is a loopback address" in error


def test_polling_an_unknown_feed(cli: Cli) -> None:
    result = cli("feed", "poll", "42")
    assert result.code == 1
    assert "không tìm thấy nguồn tin có mã 42" in result.err


def test_the_setting_allows_private_feeds_too(
    cli: Cli, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHISO_ALLOW_PRIVATE_URLS", "true")
    added = cli("feed", "add", serve_site(server))
    assert added.code == 0, added.err
    polled = cli("feed", "poll")
    assert polled.code == 0, polled.out
    assert "3 báo cáo mới" in summary(polled.out)
    with cli.db.reading() as s:
        assert s.scalar(select(Feed.allow_private)) is False  # the setting, not the feed, allowed it


def test_a_malformed_item_fails_alone_and_every_feed_goes_on(cli: Cli, server: LocalServer) -> None:
    """Issue 12, item 16: one item whose page redirects to a malformed Location stopped every
    feed at every poll. Items with links that are no URL at all fail alone too."""
    for path, body in PAGES.items():
        server.page(path, body)
    server.redirect("/tin/hong.html", "http:\\\\127.0.0.1:1\\x")
    items = [
        ("bad-redirect", "/tin/hong.html", "Trang hỏng"),
        ("bad-link", "http://[::1/tin", "Liên kết hỏng"),
        ("bad-scheme", "javascript:alert(1)", "Liên kết lạ"),
        *ITEMS[:2],
    ]
    first_feed = feed_route(server, site.rss(server.base, items), validators=False)
    second_body = site.rss(server.base, ITEMS[2:])
    second_feed = server.page("/rss2.xml", second_body, "application/rss+xml; charset=utf-8")
    follow(cli, first_feed)
    follow(cli, second_feed)
    polled = cli("feed", "poll")
    assert polled.code == 1
    assert "3 báo cáo mới, 0 không đổi, 3 lỗi" in summary(polled.out)
    with cli.db.reading() as s:
        errors = dict(s.execute(select(FeedItem.guid, FeedItem.error)).all())
    assert errors["bad-redirect"] is not None
    assert "the server sent an invalid URL" in errors["bad-redirect"]
    assert errors["bad-link"] is not None
    assert errors["bad-scheme"] is not None
    assert [errors[g] for g, _, _ in ITEMS] == [None, None, None]


def test_an_unexpected_failure_of_one_item_spares_the_rest(
    cli: Cli, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chiso.services.feeds import polling as feeds

    url = serve_site(server)
    odd = server.url(ITEMS[0][1])
    real = feeds.fetch.read_url

    def reading(link: str, **kw: object) -> object:
        if link == odd:
            raise RuntimeError("a surprise in a reader")
        return real(link, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(feeds.fetch, "read_url", reading)
    follow(cli, url)
    polled = cli("feed", "poll")
    assert polled.code == 1
    assert "2 báo cáo mới, 0 không đổi, 1 lỗi" in summary(polled.out)
    with cli.db.reading() as s:
        errors = dict(s.execute(select(FeedItem.guid, FeedItem.error)).all())
    assert errors[ITEMS[0][0]] == f"{odd}: could not be read (RuntimeError)"


@pytest.mark.parametrize("permission", [[], ["--allow-private"]])
def test_a_feed_on_a_host_that_does_not_resolve_is_refused(cli: Cli, permission: list[str]) -> None:
    """Issue 12, item 21: ``feed add`` took a host that cannot resolve, which then failed every poll."""
    url = "http://tin-tuc.invalid/rss.xml"
    result = cli("feed", "add", url, *permission)
    assert result.code == 1
    (line,) = result.err.strip().splitlines()
    assert line.startswith(f"Lỗi: {url}: cannot resolve host name tin-tuc.invalid")
    assert line.endswith("; hãy kiểm tra lại địa chỉ")
    assert cli("feed", "list", "--format", "json").out.strip() in ("[]", "")
