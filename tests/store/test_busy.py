"""A writer must not stop readers, and a write that waits too long is told to come back
(issue 12, item 15: a 2.6 MB report held SQLite's write lock for a minute; every read queued
behind it and ended in a 500 or "database is locked").

Another writer is played by a second SQLite connection holding ``BEGIN IMMEDIATE`` (as another
process adding a report does). Readers run in a thread that must finish while that lock is still
held: before the fix they queued for the lock and the thread was still waiting when checked.
SQLite only: on PostgreSQL readers never wait for writers (MVCC), and its test database is one
connection inside a rolled-back transaction, which a second connection cannot see.
"""

from __future__ import annotations

import sqlite3
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chiso.cli import app as cli_app
from chiso.config import Settings
from chiso.errors import DatabaseBusyError
from chiso.ingest.files import read_pasted
from chiso.services.commitments import proposals as commitment_proposals
from chiso.services.reports import add as reports
from chiso.services.users import accounts as users
from chiso.store.db import Database, create_db_engine
from chiso.web.app import create_app
from tests.services.test_commitments import CENTRE_DL, DATA_CENTRE, DONE_VI, add_report, create

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXT = "Tính đến ngày 15/3/2025, cả nước đã kích hoạt hơn 60 triệu tài khoản định danh điện tử.\n"
#: Long enough for a reader that waits for the lock to be caught waiting; far shorter than the
#: default busy timeout (10 s), which a queued reader would have waited before the fix.
PATIENCE = 3.0


def _path(db: Database) -> str:
    assert db.engine.url.database
    return db.engine.url.database


@contextmanager
def another_writer(db: Database) -> Iterator[sqlite3.Connection]:
    """Another process's write transaction on ``db``'s file, held until the block ends."""
    con = sqlite3.connect(_path(db), isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO audit_event (at, actor, action, entity) VALUES ('2025-01-01', 'x', 'hold', 'x')")
    try:
        yield con
    finally:
        con.execute("ROLLBACK")
        con.close()


def finishes_while_locked(work: Callable[[], Any]) -> Any:
    """Run ``work`` in a thread; it must finish (not queue for the lock) within PATIENCE."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # handed to the test thread
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(PATIENCE)
    assert not t.is_alive(), "the work queued behind the other writer's lock"
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    reports.add_report(sqlite_db, read_pasted(TEXT, max_bytes=10_000), title="Bản tin", actor="test")
    return sqlite_db


def test_service_reads_run_beside_a_writer(db: Database) -> None:
    with another_writer(db):
        listed = finishes_while_locked(lambda: reports.list_reports(db))
        assert [r.title for r in listed] == ["Bản tin"]
        detail = finishes_while_locked(lambda: reports.get_report(db, listed[0].id))
        assert detail.figures >= 1


def test_opening_the_database_at_its_schema_takes_no_write_lock(db: Database) -> None:
    """Every command opens (and would upgrade) the database first: at the newest schema it reads only."""
    with another_writer(db):
        opened = finishes_while_locked(lambda: Database.from_url(str(db.url)))
        opened.dispose()


def test_cli_report_list_runs_beside_a_writer(db: Database) -> None:
    runner = CliRunner()
    with another_writer(db):
        result = finishes_while_locked(
            lambda: runner.invoke(cli_app, ["--db", str(db.url), "report", "list", "--format", "json"])
        )
    assert result.exit_code == 0, result.stderr
    assert "Bản tin" in result.stdout


def test_cli_write_that_waits_says_busy_in_one_line(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHISO_BUSY_TIMEOUT", "0.2")
    path = tmp_path / "r.txt"
    path.write_text("Đến ngày 1/4/2025, hệ thống đã có 3 triệu lượt truy cập.\n", encoding="utf-8")
    with another_writer(db):
        result = CliRunner().invoke(cli_app, ["--db", str(db.url), "report", "add", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["Lỗi: cơ sở dữ liệu đang bận, hãy thử lại"]
    assert len(reports.list_reports(db)) == 1


@pytest.fixture
def busy_app(db: Database, tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """The web app on ``db``'s file with a short busy timeout, and an editor's API token."""
    users.add_user(db, "biên-tập", "editor", "mật khẩu đủ dài", actor="test")
    token = users.create_token(db, "biên-tập", actor="test").token
    short = Database.from_url(str(db.url), upgrade=False, busy_timeout=0.2)
    settings = Settings(database_url=str(db.url), secret_key="test-secret")
    with TestClient(create_app(settings, db=short)) as client:
        # First use of the token notes its time (a write): done now, before any lock is held.
        assert client.get("/api/reports", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        yield client, token
    short.dispose()


def test_api_and_pages_read_beside_a_writer(busy_app: tuple[TestClient, str], db: Database) -> None:
    client, _ = busy_app
    report_id = reports.list_reports(db)[0].id
    with another_writer(db):
        for path in ("/api/reports", f"/api/reports/{report_id}", "/reports", f"/reports/{report_id}"):
            r = finishes_while_locked(lambda path=path: client.get(path))
            assert r.status_code == 200, (path, r.text)


def test_api_write_that_waits_answers_503_with_retry_after(
    busy_app: tuple[TestClient, str], db: Database
) -> None:
    client, token = busy_app
    with another_writer(db):
        r = client.post(
            "/api/reports",
            json={"text": "Đến ngày 1/4/2025, hệ thống đã có 3 triệu lượt truy cập.", "title": "Mới"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert r.status_code == 503, r.text
    assert r.headers["Retry-After"] == str(DatabaseBusyError.retry_after)
    assert r.json() == {
        "ok": False,
        "error": "the database is busy, try again",
        "status": 503,
        "code": "database_busy",
        "params": {},
    }
    assert [x.title for x in reports.list_reports(db)] == ["Bản tin"]


def test_matching_progress_runs_before_the_write_lock(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a report matches what it says against open commitments before its write transaction:
    another writer gets the lock while the matching runs (it held it for ~58 s on a large report)."""
    _, (mention,) = add_report(sqlite_db, DATA_CENTRE, date(2026, 1, 20), (CENTRE_DL,))
    create(sqlite_db, mention)
    outside: list[bool] = []
    overlap = commitment_proposals.action_overlap

    def spying(a: str, b: str) -> float:
        con = sqlite3.connect(_path(sqlite_db), isolation_level=None, timeout=0.1)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
            outside.append(True)
        except sqlite3.OperationalError:
            outside.append(False)
        finally:
            con.close()
        return overlap(a, b)

    monkeypatch.setattr(commitment_proposals, "action_overlap", spying)
    result = reports.add_report(
        sqlite_db, read_pasted(DONE_VI, max_bytes=10_000), published=date(2026, 8, 6), actor="test"
    )
    assert outside
    assert all(outside)
    (proposal,) = commitment_proposals.list_proposals(sqlite_db)
    assert (proposal.report_id, proposal.kind) == (result.report_id, "evidence")


def test_a_postgres_write_that_waits_for_a_lock_is_busy(request: pytest.FixtureRequest) -> None:
    """PostgreSQL: readers never wait, but a writer waited without end for another's lock."""
    engine = request.getfixturevalue("_pg_engine")
    holder = engine.connect()
    held = holder.begin()
    try:
        holder.exec_driver_sql("LOCK TABLE audit_event IN EXCLUSIVE MODE")
        db = Database(create_db_engine(engine.url.render_as_string(hide_password=False), busy_timeout=0.2))
        try:
            assert finishes_while_locked(lambda: reports.list_reports(db)) == []
            with pytest.raises(DatabaseBusyError, match=r"^the database is busy, try again$"):
                finishes_while_locked(
                    lambda: users.add_user(db, "người-mới", "editor", "mật khẩu đủ dài", actor="test")
                )
        finally:
            db.dispose()
    finally:
        held.rollback()
        holder.close()
