"""The admin's feeds page (/feeds, /api/feeds): follow a feed, its state and last error, poll now."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from chiso.services import audit
from chiso.services.users import accounts as users
from chiso.store.db import Database
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


def test_follow_poll_and_see_the_error(admin_client: TestClient, server: LocalServer, database: Database) -> None:
    url = server.page("/rss.xml", RSS, content_type="application/rss+xml")
    empty = admin_client.get("/feeds")
    assert empty.status_code == 200
    assert "<table" not in empty.text
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
