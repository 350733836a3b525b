"""The JSON API: reads, pagination, review actions with a session or an API token, one error shape."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from chiso.services import review
from chiso.services.users import accounts as users
from chiso.services.users.accounts import UserOut
from chiso.store.db import Database
from tests.web.helpers import TEXT, add, first
from tests.web.test_infrastructure import assert_error_shape


@pytest.fixture
def token(database: Database, editor: UserOut) -> str:
    return users.create_token(database, editor.name, label="tests").token


@pytest.mark.parametrize("action", ["accept", "reject", "reopen"])
def test_writes_need_sign_in(client: TestClient, database: Database, action: str) -> None:
    mid = first(add(database))
    r = client.post(f"/api/mentions/{mid}/{action}")
    assert r.status_code == 401
    assert_error_shape(r.json(), 401)


def test_edit_needs_sign_in(client: TestClient, database: Database) -> None:
    r = client.post(f"/api/mentions/{first(add(database))}/edit", json={"value": 1})
    assert r.status_code == 401
    assert_error_shape(r.json(), 401)


def test_add_report_needs_sign_in(client: TestClient) -> None:
    r = client.post("/api/reports", json={"text": TEXT})
    assert r.status_code == 401


def test_a_bad_token_is_refused(client: TestClient, database: Database) -> None:
    mid = first(add(database))
    r = client.post(f"/api/mentions/{mid}/reject", headers={"Authorization": "Bearer chiso_not-a-token"})
    assert r.status_code == 401
    assert_error_shape(r.json(), 401)


def test_token_accepts_and_the_decision_is_audited(
    client: TestClient, database: Database, token: str
) -> None:
    mid = first(add(database))
    r = client.post(
        f"/api/mentions/{mid}/accept",
        json={"indicator": "vneid-activated-accounts"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["state"] == "accepted"
    assert body["indicator"] == "vneid-activated-accounts"
    assert body["actor"] == "biên-tập"
    # Deciding it again is a conflict in the same error shape.
    again = client.post(f"/api/mentions/{mid}/reject", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 409
    assert_error_shape(again.json(), 409)


def test_token_edits_and_rejects(client: TestClient, database: Database, token: str) -> None:
    mid = first(add(database))
    auth = {"Authorization": f"Bearer {token}"}
    r = client.post(f"/api/mentions/{mid}/edit", json={"value": 61000000, "qualifier": "about"}, headers=auth)
    assert r.status_code == 200, r.text
    assert review.get_mention(database, mid).value == 61_000_000
    bad = client.post(f"/api/mentions/{mid}/edit", json={"qualifier": "roughly"}, headers=auth)
    assert bad.status_code == 422
    assert_error_shape(bad.json(), 422)
    r = client.post(f"/api/mentions/{mid}/reject", json={"reason": "trùng"}, headers=auth)
    assert r.json()["state"] == "rejected"


def test_session_writes_need_the_csrf_header(signed_in: TestClient, database: Database) -> None:
    mid = first(add(database))
    token = signed_in.headers.pop("X-CSRF-Token")
    r = signed_in.post(f"/api/mentions/{mid}/reject")
    assert r.status_code == 403
    assert_error_shape(r.json(), 403)
    r = signed_in.post(f"/api/mentions/{mid}/reject", headers={"X-CSRF-Token": token})
    assert r.status_code == 200


def test_add_report_by_api(client: TestClient, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    r = client.post(
        "/api/reports", json={"text": TEXT, "title": "Qua API", "published": "2025-03-16"}, headers=auth
    )
    assert r.status_code == 201, r.text
    rid = r.json()["report_id"]
    assert r.headers["location"] == f"/api/reports/{rid}"
    again = client.post("/api/reports", json={"text": TEXT}, headers=auth)
    assert again.status_code == 200
    assert again.json()["report_id"] == rid
    assert client.get(f"/api/reports/{rid}").json()["report"]["title"] == "Qua API"


def test_mentions_filters_and_pagination(client: TestClient, database: Database) -> None:
    detail = add(database)
    n = len(detail.mentions)
    page = client.get("/api/mentions", params={"report_id": detail.id, "limit": 1}).json()
    assert page["total"] == n
    assert len(page["mentions"]) == 1
    if n > 1:
        assert page["next_url"] == f"/api/mentions?report_id={detail.id}&limit=1&offset=1"
        second = client.get(page["next_url"]).json()
        assert second["mentions"][0]["id"] != page["mentions"][0]["id"]
    figures = client.get("/api/mentions", params={"report_id": detail.id, "kind": "figure"}).json()
    assert {m["kind"] for m in figures["mentions"]} == {"figure"}
    pending = client.get("/api/mentions").json()
    assert pending["total"] == n
    r = client.get("/api/mentions", params={"state": "accepted"})
    assert r.status_code == 400
    assert_error_shape(r.json(), 400)


def test_reports_pagination(client: TestClient, database: Database) -> None:
    add(database)
    add(database, "Năm 2024 có 12 triệu hồ sơ trực tuyến được xử lý.\n", title="Hai")
    first_page = client.get("/api/reports", params={"limit": 1}).json()
    assert len(first_page["reports"]) == 1
    assert first_page["total"] == 2
    assert first_page["prev_url"] is None
    # a keyset: the next page starts after this page's last report (its date and id)
    assert "cursor=" in first_page["next_url"]
    second = client.get(first_page["next_url"]).json()
    assert second["next_url"] is None
    assert second["prev_url"] == "/api/reports?limit=1"  # back to the newest
    listed = client.get("/api/reports").json()["reports"]
    assert {r["id"] for r in first_page["reports"] + second["reports"]} == {r["id"] for r in listed}
    # an offset still works, for clients that page that way
    assert client.get("/api/reports", params={"limit": 1, "offset": 1}).json()["reports"] == second["reports"]


@pytest.mark.parametrize("cursor", ["x", "2026-13-01.4", "2026-01-01", "-.", "-.99999999999999999999"])
def test_a_bad_report_cursor_is_a_400(client: TestClient, cursor: str) -> None:
    r = client.get("/api/reports", params={"cursor": cursor})
    assert r.status_code == 400
    assert_error_shape(r.json(), 400)


def test_report_pages_by_cursor_cover_dated_and_undated_once(client: TestClient, database: Database) -> None:
    """Walking the keyset pages lists every report once, newest first, the undated last."""
    for i, published in enumerate(["2025-01-01", "2025-03-01", None, "2025-03-01", None, "2024-12-31"]):
        add(
            database,
            f"Báo cáo số {i}: năm 2024 có {i + 3} triệu hồ sơ được xử lý.\n",
            published=date.fromisoformat(published) if published else None,
            title=f"R{i}",
        )
    everything = client.get("/api/reports", params={"limit": 100}).json()["reports"]
    walked, url = [], "/api/reports?limit=2"
    while url:
        page = client.get(url).json()
        walked += page["reports"]
        url = page["next_url"]
    assert [r["id"] for r in walked] == [r["id"] for r in everything]
    assert [r["published_on"] is None for r in walked] == [False] * 4 + [True] * 2


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in [
        "/api/reports",
        "/api/reports/{report_id}",
        "/api/mentions",
        "/api/mentions/{mention_id}/accept",
        "/api/mentions/{mention_id}/reject",
        "/api/mentions/{mention_id}/edit",
    ]:
        assert path in spec["paths"], path
    assert "/reports/{report_id}" not in spec["paths"]  # HTML pages stay out of the API docs


def test_new_indicator_by_api(client: TestClient, database: Database, token: str) -> None:
    mid = first(add(database))
    auth = {"Authorization": f"Bearer {token}"}
    r = client.post(
        f"/api/mentions/{mid}/new-indicator",
        json={"slug": "thu-nghiem", "name_vi": "Thử nghiệm"},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    assert r.json()["indicator_created"] is True
    bad = client.post(
        f"/api/mentions/{first(add(database, 'Có 5 triệu lượt.'))}/new-indicator",
        json={"slug": "X Y", "name_vi": "a"},
        headers=auth,
    )
    assert bad.status_code == 422
    assert_error_shape(bad.json(), 422)


def test_timestamps_carry_their_time_zone_on_every_database(
    client: TestClient, database: Database, editor: UserOut
) -> None:
    """The API's schema says date-time with an offset; SQLite used to hand back naive values."""
    from datetime import datetime

    detail = add(database)
    review.accept(database, first(detail), indicator="vneid-activated-accounts", actor="test")
    report = client.get(f"/api/reports/{detail.id}").json()
    assert datetime.fromisoformat(report["report"]["added_at"]).utcoffset() is not None
    assert editor.created_at.utcoffset() is not None
    listed = users.list_users(database)
    assert all(u.created_at.tzinfo is not None for u in listed)
