"""Sessions that end on the server, the sign-in rate limit, disabled users, new passwords and
revoked tokens (issue 12, item 20): service, web and CLI."""

from __future__ import annotations

import warnings
from datetime import timedelta

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from chiso.cli import app as cli_app
from chiso.errors import InputError, NotFoundError, TooManyAttemptsError
from chiso.services import audit
from chiso.services.users import accounts as users
from chiso.services.users.accounts import UserOut
from chiso.store.db import Database
from chiso.store.models import SignInFailure
from tests.web.conftest import EDITOR_NAME, EDITOR_PASSWORD, csrf_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "một mật khẩu dài"


def _sign_in(client: TestClient, name: str = EDITOR_NAME, password: str = EDITOR_PASSWORD) -> int:
    token = csrf_token(client)
    r = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token}, follow_redirects=False
    )
    client.headers["X-CSRF-Token"] = csrf_token(client)
    return r.status_code


# --- sessions end on the server --------------------------------------------------------------


def test_a_copied_session_cookie_stops_working_after_sign_out(app, editor: UserOut) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as browser, TestClient(app) as thief:
        assert _sign_in(browser) == 303
        # someone copies the cookie (a shared computer, a leaked log) before the person signs out
        thief.cookies.set("chiso_session", browser.cookies.get("chiso_session") or "")
        thief.headers["X-CSRF-Token"] = browser.headers["X-CSRF-Token"]
        assert EDITOR_NAME in thief.get("/account").text
        out = browser.post(
            "/logout", data={"csrf_token": browser.headers["X-CSRF-Token"]}, follow_redirects=False
        )
        assert out.status_code == 303
        # the copy no longer writes, nor shows the account
        r = thief.post("/api/mentions/1/reject", headers={"Accept": "application/json"})
        assert r.status_code == 401
        assert thief.get("/account", follow_redirects=False).status_code == 303


def test_a_new_password_ends_other_sessions_but_not_this_one(app, editor: UserOut) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as laptop, TestClient(app) as phone:
        assert _sign_in(laptop) == 303
        assert _sign_in(phone) == 303
        r = laptop.post(
            "/account/password",
            data={
                "current": EDITOR_PASSWORD,
                "new": "mật khẩu mới thật dài",
                "repeat": "mật khẩu mới thật dài",
                "csrf_token": laptop.headers["X-CSRF-Token"],
            },
        )
        assert r.status_code == 200
        assert "Every other session" in r.text or "Mọi phiên" in r.text
        assert laptop.get("/account", follow_redirects=False).status_code == 200
        assert phone.get("/account", follow_redirects=False).status_code == 303
        with TestClient(app) as again:
            assert _sign_in(again, password="mật khẩu mới thật dài") == 303


def test_changing_the_password_needs_the_current_one(signed_in: TestClient) -> None:
    r = signed_in.post(
        "/account/password",
        data={"current": "không đúng", "new": "mật khẩu mới thật dài", "repeat": "mật khẩu mới thật dài"},
    )
    assert r.status_code == 400
    assert "mật khẩu hiện tại không đúng" in r.text  # the default UI language is Vietnamese
    r = signed_in.post(
        "/account/password",
        data={"current": EDITOR_PASSWORD, "new": "mật khẩu mới thật dài", "repeat": "khác hẳn rồi nhé"},
    )
    assert r.status_code == 400


# --- the sign-in rate limit --------------------------------------------------------------------


def test_an_account_is_locked_after_repeated_failures(database: Database, editor: UserOut) -> None:
    for _ in range(users.MAX_FAILURES_PER_NAME):
        assert users.authenticate(database, EDITOR_NAME, "sai rồi", address="10.0.0.1") is None
    with pytest.raises(TooManyAttemptsError) as err:
        # even the right password is not checked now
        users.authenticate(database, EDITOR_NAME, EDITOR_PASSWORD, address="10.0.0.2")
    assert "this account" in err.value.message
    assert 0 < err.value.retry_after <= users.FAILURE_WINDOW.total_seconds()
    # once the window has passed, the right password works again and clears the count
    with database.transaction() as s:
        s.execute(update(SignInFailure).values(at=audit.now() - users.FAILURE_WINDOW - timedelta(seconds=1)))
    assert users.authenticate(database, EDITOR_NAME, EDITOR_PASSWORD) is not None


def test_one_address_trying_many_accounts_is_limited(database: Database) -> None:
    for i in range(users.MAX_FAILURES_PER_ADDRESS):
        assert users.authenticate(database, f"người-{i}", "sai", address="203.0.113.9") is None
    with pytest.raises(TooManyAttemptsError) as err:
        users.authenticate(database, "người-khác", "sai", address="203.0.113.9")
    assert "this address" in err.value.message
    # another address is not affected
    assert users.authenticate(database, "người-khác", "sai", address="198.51.100.7") is None


def test_the_sign_in_page_says_how_long_to_wait(client: TestClient, editor: UserOut) -> None:
    for _ in range(users.MAX_FAILURES_PER_NAME):
        assert _sign_in(client, password="sai") == 401
    token = csrf_token(client)
    r = client.post("/login", data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD, "csrf_token": token})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert "đăng nhập sai quá nhiều lần" in r.text
    assert "thử lại sau 15 phút" in r.text


# --- disabled users and revoked tokens ---------------------------------------------------------


def test_a_disabled_user_cannot_sign_in_and_their_tokens_stop(
    app, database: Database, editor: UserOut
) -> None:  # type: ignore[no-untyped-def]
    made = users.create_token(database, EDITOR_NAME)
    with TestClient(app) as c:
        assert _sign_in(c) == 303
        users.set_disabled(database, EDITOR_NAME, True, actor="admin")
        assert c.get("/account", follow_redirects=False).status_code == 303
    assert users.verify_token(database, made.token) is None
    assert users.authenticate(database, EDITOR_NAME, EDITOR_PASSWORD) is None
    users.set_disabled(database, EDITOR_NAME, False, actor="admin")
    assert users.authenticate(database, EDITOR_NAME, EDITOR_PASSWORD) is not None
    assert users.verify_token(database, made.token) is not None
    actions = [e.action for e in audit.history(database, entity="user")]
    assert "user.disable" in actions
    assert "user.enable" in actions


def test_revoking_a_token(app, database: Database, editor: UserOut) -> None:  # type: ignore[no-untyped-def]
    made = users.create_token(database, EDITOR_NAME, label="script")
    bearer = {"Authorization": f"Bearer {made.token}", "Accept": "application/json"}
    with TestClient(app) as c:
        assert (
            c.post("/api/mentions/999/reject", headers=bearer).status_code == 404
        )  # signed in: no such mention
        users.revoke_token(database, made.id, actor="admin")
        assert c.post("/api/mentions/999/reject", headers=bearer).status_code == 401
    (listed,) = users.list_tokens(database, EDITOR_NAME)
    assert listed.revoked_at is not None
    assert listed.label == "script"
    with pytest.raises(NotFoundError):
        users.revoke_token(database, made.id + 100)


def test_a_person_revokes_their_own_token_but_not_anothers(signed_in: TestClient, database: Database) -> None:
    users.add_user(database, "người-khác", "editor", PASSWORD)
    mine = users.create_token(database, EDITOR_NAME, label="của tôi")
    theirs = users.create_token(database, "người-khác")
    page = signed_in.get("/account")
    assert "của tôi" in page.text
    assert signed_in.post(f"/account/tokens/{theirs.id}/revoke").status_code == 404
    assert signed_in.post(f"/account/tokens/{mine.id}/revoke").status_code == 200
    assert users.verify_token(database, mine.token) is None
    assert users.verify_token(database, theirs.token) is not None


def test_set_password_checks_length(database: Database, editor: UserOut) -> None:
    with pytest.raises(InputError):
        users.set_password(database, EDITOR_NAME, "ngắn")
    with pytest.raises(NotFoundError):
        users.set_password(database, "không-có", PASSWORD)


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_disable_enable_password_and_tokens(sqlite_db: Database) -> None:
    runner = CliRunner()
    url = sqlite_db.url

    def run(*args: str) -> str:
        result = runner.invoke(cli_app, ["--db", url, *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("user", "add", "lan", "--password", PASSWORD)
    run("token", "create", "lan", "--label", "bảng tính")
    assert "[yellow]" not in run("user", "disable", "lan")
    assert users.authenticate(sqlite_db, "lan", PASSWORD) is None
    run("user", "enable", "lan")
    out = run("user", "password", "lan")
    new = out.strip().splitlines()[-1]
    assert users.authenticate(sqlite_db, "lan", new) is not None
    listed = run("token", "list", "--format", "json")
    assert '"label": "bảng tính"' in listed
    assert "chiso_" not in listed
    token_id = users.list_tokens(sqlite_db, "lan")[0].id
    run("token", "revoke", str(token_id))
    assert users.list_tokens(sqlite_db, "lan")[0].revoked_at is not None
    missing = runner.invoke(cli_app, ["--db", url, "user", "disable", "không-có"])
    assert missing.exit_code == 1
    assert len(missing.output.strip().splitlines()) == 1


def test_a_busy_database_does_not_fail_a_token_request(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Using a token notes when it was last used; when the database is busy with a long write,
    the note is skipped rather than failing (or holding up) the read it rides on."""
    from contextlib import contextmanager

    from chiso.errors import DatabaseBusyError

    users.add_user(database, "lan", "editor", PASSWORD)
    made = users.create_token(database, "lan")

    @contextmanager
    def busy():  # type: ignore[no-untyped-def]
        raise DatabaseBusyError("database_busy")
        yield

    monkeypatch.setattr(database, "transaction", busy)
    found = users.verify_token(database, made.token)
    assert found is not None
    assert found.name == "lan"
