"""The app's frame: one error path, assets served locally, languages, sessions, CSRF, size limits."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chiso.config import Settings
from chiso.error_messages import MESSAGES
from chiso.errors import ChisoError
from chiso.services.users.accounts import UserOut
from chiso.web import i18n
from chiso.web.app import VENDOR, create_app
from tests.web.conftest import EDITOR_NAME, EDITOR_PASSWORD, TEST_MAX_BYTES, csrf_token


def assert_error_shape(body: object, status: int) -> None:
    """The one documented JSON error shape."""
    assert isinstance(body, dict)
    assert set(body) == {"ok", "error", "status", "code", "params"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str)
    assert body["error"]
    assert body["code"] in MESSAGES
    assert isinstance(body["params"], dict)


# -- one error path -----------------------------------------------------------------------


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    r = client.get("/api/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert_error_shape(r.json(), 404)


def test_unknown_page_is_a_friendly_html_404(client: TestClient) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "/no/such/page" in r.text
    assert 'href="/"' in r.text  # a way back
    assert "Traceback" not in r.text


def test_wrong_method_is_405_in_the_error_shape(client: TestClient) -> None:
    r = client.delete("/api/health")
    assert r.status_code == 405
    assert_error_shape(r.json(), 405)


def test_unexpected_error_is_500_without_a_trace(app, database) -> None:  # type: ignore[no-untyped-def]
    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500
    assert_error_shape(r.json(), 500)
    assert "secret internals" not in r.text


# -- assets -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VENDOR))
def test_vendor_assets_are_served_locally(client: TestClient, name: str) -> None:
    r = client.get(f"/static/vendor/{name}")
    assert r.status_code == 200
    assert len(r.content) > 1000


def test_own_static_files(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/vendor/package.json").status_code == 404  # only the listed files


def test_docs_load_no_cdn(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/static/vendor/swagger-ui-bundle.js" in r.text
    assert "http://" not in r.text
    assert "https://" not in r.text
    assert client.get("/api/openapi.json").json()["info"]["title"] == "chiso"


def test_missing_assets_is_a_clear_startup_error(tmp_path: Path, database) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChisoError, match="npm ci"):
        create_app(Settings(assets_dir=tmp_path, secret_key="x"), db=database)


def test_security_headers(client: TestClient) -> None:
    r = client.get("/login")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# -- language and formats -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("", None, "vi"),
        ("en-GB,en;q=0.9", None, "en"),
        ("fr-FR, en;q=0.5, vi;q=0.8", None, "vi"),
        ("vi-VN,vi;q=0.9,en;q=0.8", None, "vi"),
        ("de", None, "vi"),
        ("en", "vi", "vi"),
        ("vi", "en", "en"),
        ("vi", "xx", "vi"),
    ],
)
def test_locale_negotiation(accept: str, cookie: str | None, expected: str) -> None:
    assert i18n._choose(cookie, accept) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (67_000_000, "vi", "67.000.000"),
        (67_000_000, "en", "67,000,000"),
        (67_000_000.0, "vi", "67.000.000"),
        (1.5, "vi", "1,5"),
        (1.5, "en", "1.5"),
        (0, "en", "0"),
        (None, "vi", ""),
    ],
)
def test_numbers_per_locale(value: float | None, locale: str, expected: str) -> None:
    assert i18n.format_number(value, locale) == expected


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (date(2026, 1, 16), "vi", "16/01/2026"),
        (date(2026, 1, 16), "en", "16 Jan 2026"),
        (datetime(2026, 1, 16, 9, 30), "vi", "16/01/2026"),
        ("2025-06-30", "en", "30 Jun 2025"),
        (None, "en", ""),
    ],
)
def test_dates_per_locale(value: object, locale: str, expected: str) -> None:
    assert i18n.format_day(value, locale) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "qualifier", "locale", "expected"),
    [
        (67_000_000, "more_than", "vi", "> 67.000.000"),
        (67_000_000, "more_than", "en", "> 67,000,000"),
        (1000, "exact", "en", "1,000"),
        (1000, None, "vi", "1.000"),
        (95, "at_least", "vi", "≥ 95"),
        (3, "nearly", "en", "nearly 3"),
        (3, "nearly", "vi", "gần 3"),
    ],
)
def test_qualified_numbers(value: float, qualifier: str | None, locale: str, expected: str) -> None:
    assert i18n.format_qualified(value, qualifier, locale) == expected


def test_language_follows_accept_language_then_the_switch(client: TestClient) -> None:
    r = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in r.text
    assert "Sign in" in r.text
    r = client.get("/login")
    assert '<html lang="vi">' in r.text
    assert "Đăng nhập" in r.text
    assert 'href="/lang/en?next=/login"' in r.text  # the switch in the header
    r = client.get("/lang/en", params={"next": "/login"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login"
    assert '<html lang="en">' in client.get("/login").text


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil"]
)
def test_language_switch_never_redirects_off_site(client: TestClient, target: str) -> None:
    r = client.get("/lang/vi", params={"next": target}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_unknown_language_is_404(client: TestClient) -> None:
    assert client.get("/lang/fr").status_code == 404


# -- sessions, CSRF, sign-in -------------------------------------------------------------


def test_sign_in_sets_a_safe_session_cookie(client: TestClient, editor: UserOut) -> None:
    token = csrf_token(client)
    r = client.post(
        "/login",
        data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD, "csrf_token": token, "next": "/login"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"] == "/login"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert EDITOR_NAME in client.get("/login").text


def test_wrong_password_is_refused(client: TestClient, editor: UserOut) -> None:
    token = csrf_token(client)
    r = client.post("/login", data={"name": EDITOR_NAME, "password": "wrong password", "csrf_token": token})
    assert r.status_code == 401
    assert "Sai tên hoặc mật khẩu" in r.text


def test_login_without_csrf_token_is_refused(client: TestClient, editor: UserOut) -> None:
    csrf_token(client)
    r = client.post("/login", data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD})
    assert r.status_code == 403
    assert "Traceback" not in r.text
    r = client.post("/login", data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 403


def test_sign_out(signed_in: TestClient) -> None:
    r = signed_in.post("/logout", follow_redirects=False)
    assert r.status_code == 303
    assert EDITOR_NAME not in signed_in.get("/login").text


def test_sign_out_needs_the_csrf_token(signed_in: TestClient) -> None:
    del signed_in.headers["X-CSRF-Token"]
    assert signed_in.post("/logout").status_code == 403
    assert EDITOR_NAME in signed_in.get("/login").text


# -- request size limit ------------------------------------------------------------------


def test_oversized_body_is_413_html(client: TestClient) -> None:
    r = client.post(
        "/login",
        content=b"x" * (TEST_MAX_BYTES + 100_000),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("text/html")


def test_oversized_body_is_413_json_on_the_api(client: TestClient) -> None:
    r = client.post("/api/mentions/1/reject", content=b"x" * (TEST_MAX_BYTES + 100_000))
    assert r.status_code == 413
    assert_error_shape(r.json(), 413)


def test_oversized_chunked_body_is_413(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"y" * 10_000

    r = client.post("/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
