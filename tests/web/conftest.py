"""Fixtures for the web app: an app on the test's database, clients anonymous and signed in."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from chiso.config import Settings
from chiso.services.users import accounts as users
from chiso.services.users.accounts import UserOut
from chiso.store.db import Database
from chiso.web.app import create_app

with warnings.catch_warnings():
    # Starlette warns at import that it prefers httpx2 over httpx; the client works the same.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EDITOR_NAME = "biên-tập"
EDITOR_PASSWORD = "mật khẩu đủ dài"
#: Small enough to test the 413 path cheaply, large enough for every other test's report.
TEST_MAX_BYTES = 200_000


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        secret_key="test-secret",
        max_input_bytes=TEST_MAX_BYTES,
    )


@pytest.fixture
def app(database: Database, web_settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(web_settings, db=database)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        yield c


@pytest.fixture
def editor(database: Database) -> UserOut:
    return users.add_user(database, EDITOR_NAME, "editor", EDITOR_PASSWORD, actor="test")


def csrf_token(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page hands its forms (from the <meta> the htmx requests read)."""
    html = client.get(path).text
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


@pytest.fixture
def signed_in(client: TestClient, editor: UserOut) -> TestClient:
    """``client`` with an editor's session (its CSRF token in ``client.headers``)."""
    token = csrf_token(client)
    r = client.post(
        "/login",
        data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD, "csrf_token": token, "next": "/reports"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    client.headers["X-CSRF-Token"] = csrf_token(client)
    return client
