"""A viewer reads everything an editor does, without the controls that change anything."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi import FastAPI

from chiso.services.users import accounts as users
from chiso.store.db import Database
from tests.web import helpers
from tests.web.conftest import csrf_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def viewer(app: FastAPI, database: Database) -> Iterator[TestClient]:
    users.add_user(database, "người-xem", "viewer", "mật khẩu người xem", actor="test")
    with TestClient(app) as c:
        r = c.post(
            "/login",
            data={"name": "người-xem", "password": "mật khẩu người xem", "csrf_token": csrf_token(c)},
            follow_redirects=False,
        )
        assert r.status_code == 303
        c.headers["X-CSRF-Token"] = csrf_token(c, "/")
        yield c


def test_the_review_queue_is_read_only(viewer: TestClient, database: Database) -> None:
    report = helpers.add(database)
    queue = viewer.get("/review")
    assert queue.status_code == 200
    assert "data-read-only" in queue.text
    assert "/accept" not in queue.text
    assert "/reject" not in queue.text
    mention = report.mentions[0]
    panel = viewer.get(f"/mentions/{mention.id}/panel")
    assert "data-read-only" in panel.text
    assert "/accept" not in panel.text
    refused = viewer.post(f"/mentions/{mention.id}/accept")
    assert refused.status_code == 403
    assert viewer.get(f"/api/mentions/{mention.id}").json()["mention"]["state"] == "pending"


def test_no_write_forms_for_a_viewer(viewer: TestClient, database: Database) -> None:
    undated = helpers.add(database, title="Chưa có ngày", published=None)
    reader = viewer.get(f"/reports/{undated.id}")
    assert 'action="/reports/' not in reader.text  # neither the date form nor "read it again"
    assert f'href="/history?entity=report&amp;id={undated.id}"' in reader.text
    new = viewer.get("/reports/new")
    assert "data-read-only" in new.text
    assert viewer.post(f"/reports/{undated.id}/date", data={"published": date(2026, 1, 2).isoformat()}).status_code == 403
