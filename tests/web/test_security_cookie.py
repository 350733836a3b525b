"""The session cookie's flags follow the settings: HttpOnly and SameSite always, Secure behind TLS."""

from __future__ import annotations

import pytest

from chiso.config import Settings
from chiso.store.db import Database
from chiso.web.app import create_app
from tests.web.conftest import EDITOR_NAME, EDITOR_PASSWORD, TestClient, csrf_token


@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.usefixtures("editor")
def test_session_cookie_flags(database: Database, web_settings: Settings, secure: bool) -> None:
    app = create_app(web_settings.model_copy(update={"secure_cookies": secure}), db=database)
    with TestClient(app, base_url="https://testserver") as client:
        token = csrf_token(client)
        response = client.post(
            "/login",
            data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert ("; secure" in cookie) is secure
