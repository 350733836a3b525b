"""The admin's page (/admin, /api/admin): accounts and every API token, admins only."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from chiso.services import audit
from chiso.services.users import accounts as users
from chiso.store.db import Database
from tests.web.conftest import csrf_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "mật khẩu quản trị dài"


def _sign_in(client: TestClient, name: str, password: str) -> int:
    r = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf_token(client), "next": "/"},
        follow_redirects=False,
    )
    if r.status_code == 303:
        client.headers["X-CSRF-Token"] = csrf_token(client, "/")
    return r.status_code


@pytest.fixture
def admin_client(app: FastAPI, database: Database) -> Iterator[TestClient]:
    users.add_user(database, "quản-trị", "admin", PASSWORD, actor="test")
    with TestClient(app) as c:
        assert _sign_in(c, "quản-trị", PASSWORD) == 303
        yield c


@pytest.fixture
def other_client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def _shown_password(html: str) -> str:
    found = re.search(r"<code data-password>([^<]+)</code>", html)
    assert found, "no password shown"
    return found.group(1)


def test_the_page_lists_users_and_every_token(admin_client: TestClient, database: Database) -> None:
    users.add_user(database, "lan", "viewer", "mật khẩu của lan", actor="test")
    made = users.create_token(database, "lan", label="kịch bản", actor="test")
    page = admin_client.get("/admin")
    assert page.status_code == 200
    assert 'data-user="lan"' in page.text
    assert 'data-user="quản-trị"' in page.text
    assert "kịch bản" in page.text
    assert made.token not in page.text
    api = admin_client.get("/api/admin").json()
    assert [(u["name"], u["role"]) for u in api["users"]] == [("lan", "viewer"), ("quản-trị", "admin")]
    assert [(t["user"], t["label"]) for t in api["tokens"]] == [("lan", "kịch bản")]
    assert "token_hash" not in page.text


def test_adding_a_person_shows_a_made_password_once(
    admin_client: TestClient, other_client: TestClient, database: Database
) -> None:
    r = admin_client.post("/admin/users", data={"name": "minh", "role": "viewer", "password": ""})
    assert r.status_code == 201
    secret = _shown_password(r.text)
    assert admin_client.get("/admin").text.count(secret) == 0  # shown once
    assert _sign_in(other_client, "minh", secret) == 303
    assert [(u.name, u.role) for u in users.list_users(database) if u.name == "minh"] == [("minh", "viewer")]
    event = audit.history(database, entity="user", limit=1)[0]
    assert (event.action, event.actor) == ("user.add", "quản-trị")


def test_adding_through_the_api(admin_client: TestClient) -> None:
    given = admin_client.post("/api/admin/users", json={"name": "hà", "role": "editor", "password": "mật khẩu của hà"})
    assert given.status_code == 201
    assert given.json()["password"] is None
    assert given.json()["user"]["role"] == "editor"
    made = admin_client.post("/api/admin/users", json={"name": "an"})
    assert made.status_code == 201
    assert len(made.json()["password"]) == 19
    again = admin_client.post("/api/admin/users", json={"name": "an"})
    assert again.status_code == 409
    bad = admin_client.post("/api/admin/users", json={"name": "bình", "role": "chief"})
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"name": "", "role": "editor"}, "user_name_length"),
        ({"name": "x", "role": "chief"}, "unknown_role"),
        ({"name": "x", "role": "editor", "password": "ngắn"}, "password_too_short"),
    ],
)
def test_a_refused_person_comes_back_with_the_reason(
    admin_client: TestClient, database: Database, form: dict[str, str], code: str
) -> None:
    r = admin_client.post("/admin/users", data=form)
    assert r.status_code == 400
    assert 'role="alert"' in r.text
    as_json = admin_client.post("/admin/users", data=form, headers={"Accept": "application/json"})
    assert (as_json.status_code, as_json.json()["error"]["code"]) == (400, code)
    assert users.list_users(database)[0].name == "quản-trị"
    assert len(users.list_users(database)) == 1


def test_disable_enable_role_and_reset(
    admin_client: TestClient, other_client: TestClient, database: Database
) -> None:
    lan = users.add_user(database, "lan", "editor", "mật khẩu của lan", actor="test")
    assert _sign_in(other_client, "lan", "mật khẩu của lan") == 303
    assert admin_client.post(f"/admin/users/{lan.id}/disable").status_code == 200
    # her session ended and she cannot sign in again
    assert other_client.get("/account", follow_redirects=False).status_code == 303
    assert _sign_in(other_client, "lan", "mật khẩu của lan") == 401
    r = admin_client.post(f"/api/admin/users/{lan.id}/enable")
    assert r.status_code == 200
    assert r.json()["user"]["disabled_at"] is None
    r = admin_client.post(f"/api/admin/users/{lan.id}/role", json={"role": "viewer"})
    assert r.json()["user"]["role"] == "viewer"
    page = admin_client.post(f"/admin/users/{lan.id}/role", data={"role": "admin"})
    assert page.status_code == 200
    assert "admin-done" in page.text
    reset = admin_client.post(f"/admin/users/{lan.id}/password")
    temporary = _shown_password(reset.text)
    assert _sign_in(other_client, "lan", "mật khẩu của lan") == 401
    assert _sign_in(other_client, "lan", temporary) == 303
    actions = [e.action for e in audit.history(database, entity="user", entity_id=lan.id)]
    assert actions == ["user.password", "user.role", "user.role", "user.enable", "user.disable", "user.add"]


def test_an_admin_cannot_lock_themselves_out(admin_client: TestClient, database: Database) -> None:
    me = next(u for u in users.list_users(database) if u.name == "quản-trị")
    assert admin_client.post(f"/api/admin/users/{me.id}/disable").status_code == 400
    assert admin_client.post(f"/api/admin/users/{me.id}/role", json={"role": "editor"}).status_code == 400
    assert admin_client.post(f"/api/admin/users/{me.id}/role", json={"role": "admin"}).status_code == 200
    assert admin_client.get("/admin").status_code == 200


def test_revoking_anyones_token(admin_client: TestClient, other_client: TestClient, database: Database) -> None:
    users.add_user(database, "lan", "editor", "mật khẩu của lan", actor="test")
    made = users.create_token(database, "lan", actor="test")
    bearer = {"Authorization": f"Bearer {made.token}"}
    assert other_client.get("/api/history", headers=bearer).status_code == 200
    r = admin_client.post(f"/admin/tokens/{made.id}/revoke")
    assert r.status_code == 200
    assert "admin-done" in r.text
    assert other_client.get("/api/history", headers=bearer).status_code == 401
    api = admin_client.post(f"/api/admin/tokens/{made.id}/revoke").json()
    assert api["revoked_at"] is not None
    assert admin_client.post("/api/admin/tokens/999999/revoke").status_code == 404


def test_the_admin_link_is_for_admins(admin_client: TestClient, other_client: TestClient, database: Database) -> None:
    assert "data-admin-link" in admin_client.get("/").text
    users.add_user(database, "lan", "editor", "mật khẩu của lan", actor="test")
    assert _sign_in(other_client, "lan", "mật khẩu của lan") == 303
    assert "data-admin-link" not in other_client.get("/").text
    refused = other_client.get("/admin")
    assert refused.status_code == 403
    assert "data-admin-link" not in refused.text
