"""The admin's feeds page (/feeds, /api/feeds): follow a feed, its state and last error, poll now."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from chiso.config import load_settings
from chiso.services import audit, feeds
from chiso.services.users import accounts as users
from chiso.store.db import Database
from chiso.store.models import Report
from chiso.worker import build
from tests.ingest.conftest import LocalServer
from tests.ingest.conftest import server as server
from tests.web.conftest import csrf_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tin thử của sở</title><link>/</link>
<item><title>Một tin không còn trên trang</title><link>/mat-tich.html</link><guid>tin-1</guid></item>
</channel></rss>""".encode()


@pytest.fixture
def admin_client(app: FastAPI, database: Database) -> Iterator[TestClient]:
    users.add_user(database, "quản-trị", "admin", "mật khẩu quản trị dài", actor="test")
    with TestClient(app) as c:
        r = c.post(
            "/login",
            data={"name": "quản-trị", "password": "mật khẩu quản trị dài", "csrf_token": csrf_token(c)},
            follow_redirects=False,
        )
        assert r.status_code == 303
        c.headers["X-CSRF-Token"] = csrf_token(c, "/")
        yield c


def test_follow_poll_and_see_the_error(
    admin_client: TestClient, server: LocalServer, database: Database
) -> None:
    url = server.page("/rss.xml", RSS, content_type="application/rss+xml")
    empty = admin_client.get("/feeds")
    assert empty.status_code == 200
    assert 'id="feeds"' not in empty.text
    added = admin_client.post("/feeds", data={"url": url, "allow_private": "true"})
    assert added.status_code == 201
    assert 'id="feed-added"' in added.text
    feeds = admin_client.get("/api/feeds").json()["feeds"]
    assert [(f["url"], f["state"], f["last_polled_at"]) for f in feeds] == [(url, "new", None)]
    polled = admin_client.post(f"/feeds/{feeds[0]['id']}/poll")
    assert polled.status_code == 200
    assert 'id="feed-polled"' in polled.text
    after = admin_client.get("/api/feeds").json()["feeds"][0]
    assert after["state"] == "failing"
    assert after["failed"] == 1
    assert after["title"] == "Tin thử của sở"
    assert after["last_polled_at"] is not None
    assert "404" in after["last_error"]
    again = admin_client.post(f"/api/feeds/{after['id']}/poll").json()
    assert again["feeds"] == 1
    assert again["failed"] == 1
    assert again["new_reports"] == 0
    assert [e.action for e in audit.history(database, entity="feed")] == ["feed.add"]


def test_a_refused_feed_comes_back_with_the_reason(admin_client: TestClient) -> None:
    r = admin_client.post("/feeds", data={"url": "ftp://example.invalid/rss"})
    assert r.status_code == 400
    assert 'role="alert"' in r.text
    assert 'value="ftp://example.invalid/rss"' in r.text
    assert admin_client.post("/api/feeds", json={"url": "ftp://example.invalid/rss"}).status_code == 400
    assert admin_client.post("/api/feeds/999999/poll").status_code == 404


ARTICLE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo thử tháng 11</title></head>
<body><article><h1>Báo cáo thử tháng 11</h1><p>Đến hết tháng 11 năm 2026, toàn tỉnh đã cấp 120.000 tài
khoản định danh điện tử mức 2 cho người dân trong tỉnh, đạt 80% kế hoạch năm.</p></article></body></html>""".encode()


def _rss_with_an_article(server: LocalServer) -> str:
    article = server.page("/bao-cao-11.html", ARTICLE)
    rss = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tin của sở thử</title><link>/</link>
<item><title>Báo cáo thử tháng 11</title><link>{article}</link><guid>bao-cao-11</guid></item>
</channel></rss>""".encode()
    return server.page("/tin.xml", rss, content_type="application/rss+xml")


def test_a_feed_added_in_the_browser_is_polled_without_anyone_asking(
    admin_client: TestClient, server: LocalServer, database: Database
) -> None:
    url = _rss_with_an_article(server)
    assert admin_client.post("/feeds", data={"url": url, "allow_private": "true"}).status_code == 201
    before = admin_client.get("/api/feeds").json()
    (feed,) = before["feeds"]
    assert feed["worker"]["last_run_at"] is None
    assert feed["worker"]["poll_every"] == 3600
    # the worker's minute tick, once (nobody presses "Poll now")
    jobs = build(database, load_settings(allow_private_urls=True, queue_url="memory"), immediate=True)
    jobs.tick()
    with database.reading() as s:
        titles = list(s.scalars(select(Report.title)))
    assert titles == ["Báo cáo thử tháng 11"]
    page = admin_client.get("/feeds", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    row = page.text.split(f'data-feed="{feed["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert "Last run" in row
    assert "never" not in row.split('class="last-run"', 1)[1].split("</span>", 1)[0]
    assert "new=1 items=1 not_modified=0 failed=0" in row
    jobs_table = page.text.split('id="jobs"', 1)[1]
    for name in ("tick", "commitment_statuses", "scan_deadlines", "deliver_notifications"):
        assert f'data-job="{name}"' in jobs_table
    after = admin_client.get("/api/feeds").json()
    (polled,) = after["feeds"]
    assert polled["worker"]["last_result"] == "new=1 items=1 not_modified=0 failed=0"
    assert polled["worker"]["last_error"] is None
    assert polled["worker"]["next_poll_at"] is not None
    assert {j["name"]: j["runs"] for j in after["jobs"]}["tick"] == 1


@pytest.mark.parametrize(
    ("minutes", "status", "every"),
    [(15, 200, 900), (1, 200, 60), (10080, 200, 604800), (0, 400, 3600), (10081, 400, 3600)],
)
def test_the_admin_sets_a_feeds_poll_interval(
    admin_client: TestClient, database: Database, minutes: int, status: int, every: int
) -> None:
    fid = feeds.add_feed(database, "http://127.0.0.1:9/tin.xml", allow_private=True).id
    r = admin_client.post(
        f"/feeds/{fid}/every", data={"minutes": str(minutes)}, headers={"Accept-Language": "en"}
    )
    assert r.status_code == status
    assert ('id="feed-scheduled"' in r.text) is (status == 200)
    assert ('role="alert"' in r.text) is (status != 200)
    api = admin_client.post(f"/api/feeds/{fid}/every", json={"minutes": minutes})
    assert api.status_code == status
    (shown,) = admin_client.get("/api/feeds").json()["feeds"]
    assert shown["worker"]["poll_every"] == every
    assert f'value="{every // 60}"' in admin_client.get("/feeds").text
    assert admin_client.post("/api/feeds/999999/every", json={"minutes": 15}).status_code == 404
