"""``chiso user add --role viewer`` and ``chiso user role NAME ROLE``."""

from __future__ import annotations

from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import audit
from chiso.services.users import accounts as users
from chiso.store.db import Database


def test_viewer_accounts_and_role_changes(sqlite_db: Database) -> None:
    runner = CliRunner()
    added = runner.invoke(app, ["--db", sqlite_db.url, "user", "add", "lan", "--role", "viewer"])
    assert added.exit_code == 0, added.output
    lan = users.list_users(sqlite_db)[0]
    assert (lan.role, lan.can_edit, lan.can_admin) == ("viewer", False, False)

    changed = runner.invoke(app, ["--db", sqlite_db.url, "user", "role", "lan", "admin"])
    assert changed.exit_code == 0, changed.output
    lan = users.list_users(sqlite_db)[0]
    assert (lan.role, lan.can_edit, lan.can_admin) == ("admin", True, True)
    event = audit.history(sqlite_db, entity="user", limit=1)[0]
    assert (event.action, event.before, event.after) == ("user.role", {"role": "viewer"}, {"role": "admin"})

    assert runner.invoke(app, ["--db", sqlite_db.url, "user", "role", "lan", "chief"]).exit_code == 1
    assert runner.invoke(app, ["--db", sqlite_db.url, "user", "role", "không-có", "editor"]).exit_code == 1
    # the same role again changes nothing and records nothing
    assert runner.invoke(app, ["--db", sqlite_db.url, "user", "role", "lan", "admin"]).exit_code == 0
    assert len(audit.history(sqlite_db, entity="user")) == 2


def test_the_list_says_who_is_disabled(sqlite_db: Database) -> None:
    runner = CliRunner()
    users.add_user(sqlite_db, "lan", "viewer", "một mật khẩu dài")
    users.set_disabled(sqlite_db, "lan", True)
    listed = runner.invoke(app, ["--db", sqlite_db.url, "user", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert '"disabled_at": "20' in listed.output
    assert '"role": "viewer"' in listed.output
