"""Accounts and API tokens: the service (Argon2, audit) and the ``chiso user`` / ``chiso token`` commands."""

from __future__ import annotations

import pytest

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.services import audit
from chiso.services.users import accounts as users
from chiso.store.db import Database


def test_add_and_authenticate(database: Database) -> None:
    user = users.add_user(database, "  lan ", "editor", "một mật khẩu dài", actor="admin")
    assert user.name == "lan"
    assert user.can_edit
    found = users.authenticate(database, "lan", "một mật khẩu dài")
    assert found is not None
    assert (found.id, found.name, found.role) == (user.id, "lan", "editor")
    assert users.authenticate(database, "lan", "sai") is None
    assert users.authenticate(database, "không-có", "một mật khẩu dài") is None
    events = audit.history(database, entity="user")
    assert [(e.action, e.actor, e.after) for e in events] == [
        ("user.add", "admin", {"name": "lan", "role": "editor"})
    ]


def test_passwords_are_stored_as_argon2(database: Database) -> None:
    users.add_user(database, "lan", "admin", "một mật khẩu dài")
    with database.reading() as s:
        from sqlalchemy import text

        stored = s.execute(text("SELECT password_hash FROM user_account")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "một mật khẩu dài" not in stored


@pytest.mark.parametrize(
    ("name", "role", "password", "error"),
    [
        ("lan", "reader", "một mật khẩu dài", InputError),
        ("lan", "editor", "ngắn", InputError),
        ("", "editor", "một mật khẩu dài", InputError),
    ],
)
def test_bad_accounts_are_refused(
    database: Database, name: str, role: str, password: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        users.add_user(database, name, role, password)
    assert users.list_users(database) == []


def test_names_are_unique(database: Database) -> None:
    users.add_user(database, "lan", "editor", "một mật khẩu dài")
    with pytest.raises(ConflictError):
        users.add_user(database, "lan", "admin", "mật khẩu khác dài")


def test_tokens(database: Database) -> None:
    user = users.add_user(database, "lan", "editor", "một mật khẩu dài")
    made = users.create_token(database, "lan", label="script")
    assert made.token.startswith("chiso_")
    by_token = users.verify_token(database, made.token)
    assert by_token is not None
    assert by_token.id == user.id
    assert users.verify_token(database, made.token + "x") is None
    with database.reading() as s:
        from sqlalchemy import text

        assert s.execute(text("SELECT last_used_at FROM api_token")).scalar_one() is not None
    assert users.verify_token(database, "not-even-prefixed") is None
    with pytest.raises(NotFoundError):
        users.create_token(database, "không-có")
    with database.reading() as s:
        from sqlalchemy import text

        stored = s.execute(text("SELECT token_hash FROM api_token")).scalar_one()
    assert made.token not in stored
    assert [e.action for e in audit.history(database, entity="api_token")] == ["token.create"]


def test_generated_passwords_are_long_enough() -> None:
    pw = users.generate_password()
    assert len(pw) >= users.MIN_PASSWORD
    assert pw != users.generate_password()


# -- the commands ------------------------------------------------------------------------------


def test_cli_user_add_prints_a_generated_password(sqlite_db: Database) -> None:
    from typer.testing import CliRunner

    from chiso.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["--db", sqlite_db.url, "user", "add", "lan", "--role", "editor"])
    assert result.exit_code == 0, result.output
    password = result.output.strip().splitlines()[-1]
    assert users.authenticate(sqlite_db, "lan", password) is not None

    given = runner.invoke(
        app,
        ["--db", sqlite_db.url, "user", "add", "minh", "--role", "admin", "--password", "đặt sẵn rất dài"],
    )
    assert given.exit_code == 0
    assert "đặt sẵn rất dài" not in given.output
    assert users.authenticate(sqlite_db, "minh", "đặt sẵn rất dài") is not None

    again = runner.invoke(app, ["--db", sqlite_db.url, "user", "add", "lan"])
    assert again.exit_code == 1

    bad_role = runner.invoke(app, ["--db", sqlite_db.url, "user", "add", "hoa", "--role", "reader"])
    assert bad_role.exit_code == 1

    token = runner.invoke(app, ["--db", sqlite_db.url, "token", "create", "lan"])
    assert token.exit_code == 0, token.output
    assert users.verify_token(sqlite_db, token.output.strip().splitlines()[-1]) is not None

    listed = runner.invoke(app, ["--db", sqlite_db.url, "user", "list", "--format", "json"])
    assert '"name": "lan"' in listed.output


def test_cli_serve_is_registered() -> None:
    from typer.testing import CliRunner

    from chiso.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output


def test_serve_keeps_its_session_key_private_and_stable() -> None:
    from chiso.cli.web_cmd import _stored_secret

    key = _stored_secret()
    assert len(key) >= 32
    assert _stored_secret() == key
    from platformdirs import user_data_path

    path = user_data_path("chiso", appauthor=False) / "web-secret-key"
    assert path.stat().st_mode & 0o077 == 0
