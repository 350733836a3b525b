"""Issue 15's "done when": a commitment that passes its due date produces an Atom entry, an
e-mail and a webhook within one worker cycle (the minute tick with the day's jobs: status changes,
then the deadline scan, then delivery). The e-mail goes to a local aiosmtpd server, the webhook to
a local receiver that checks its signature; the Atom feeds are read through the web app."""

from __future__ import annotations

import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chiso.cli import app as cli
from chiso.config import Settings
from chiso.services import alerts, audit, worker_status
from chiso.services import worker as jobs
from chiso.services.alerts.schemas import SubscriptionIn
from chiso.services.users import accounts as users
from chiso.store import alerts as alert_store
from chiso.store.db import Database
from chiso.store.models import Commitment
from chiso.web.app import create_app
from chiso.worker import InProcess, build
from tests.services.test_alerts import Mailbox, Receiver

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"
SECRET = "khóa ký của người nhận"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    m = Mailbox()
    yield m
    m.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver(SECRET, fail=0)
    yield r
    r.close()


def _settings(mailbox: Mailbox, tmp_path: Path, **kw: Any) -> Settings:
    base: dict[str, Any] = {
        "database_url": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "secret_key": "test-secret",
        "queue_url": "memory",
        "smtp_host": "127.0.0.1",
        "smtp_port": mailbox.port,
        "smtp_starttls": False,
        "smtp_from": "chiso@vi-du.vn",
        "allow_private_webhooks": True,
        "public_url": "https://chiso.example",
    }
    return Settings(**(base | kw))


def _commitment_passing_its_due_date(db: Database, receiver: Receiver, settings: Settings) -> int:
    """An open commitment made two months ago, due yesterday, whose status the worker last
    recorded two days ago (due soon); a subscriber by e-mail and webhook."""
    today = date.today()
    with db.transaction() as s:
        c = Commitment(
            title="Đưa cổng dịch vụ công mới vào vận hành",
            owner="Văn phòng Chính phủ",
            programme="Đề án 06",
            due_end=today - timedelta(days=1),
            precision="day",
            status="open",
            created_at=audit.now() - timedelta(days=60),
        )
        s.add(c)
        s.flush()
        cid = c.id
    earlier = jobs.record_status_changes(db, on=today - timedelta(days=2))
    assert [(x.before, x.after) for x in earlier.changes] == [("upcoming", "due_soon")]
    user = users.add_user(db, "người-theo-dõi", "viewer", "mật khẩu đủ dài", actor="test")
    alerts.subscribe(
        db,
        user.id,
        SubscriptionIn(
            kind="commitment",
            key=str(cid),
            email="ban@vi-du.vn",
            webhook_url=receiver.url,
            webhook_secret=SECRET,
            lang="en",
        ),
        actor="test",
        settings=settings,
    )
    return cid


def _entries(client: TestClient, path: str) -> dict[str, tuple[str, str]]:
    r = client.get(path, headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text
    root = ET.fromstring(r.content)
    return {
        e.findtext(f"{ATOM}id", ""): (e.findtext(f"{ATOM}title", ""), e.findtext(f"{ATOM}updated", ""))
        for e in root.iter(f"{ATOM}entry")
    }


def _overdue_entries(client: TestClient, cid: int) -> list[str]:
    return [t for t, _ in _entries(client, f"/feeds/commitments/{cid}.atom").values() if "Overdue" in t]


def _check_outcome(client: TestClient, cid: int, mailbox: Mailbox, receiver: Receiver) -> None:
    # (a) the Atom entries: the commitment's status change, and its deadline marked overdue
    assert _overdue_entries(client, cid) == ["Status changed · Overdue"]
    title, updated = _entries(client, "/feeds/deadlines.atom")[f"urn:chiso:deadline:{cid}"]
    assert title.startswith("[Overdue] Đưa cổng dịch vụ công mới vào vận hành")
    assert updated.startswith((date.today() - timedelta(days=1)).isoformat())
    # (b) the e-mail, in the subscriber's language
    ((sender, rcpt, raw),) = mailbox.messages
    assert (sender, rcpt) == ("chiso@vi-du.vn", ["ban@vi-du.vn"])
    msg = message_from_bytes(raw, policy=default_policy)
    assert "Đưa cổng dịch vụ công" in str(msg["Subject"])
    assert f"https://chiso.example/commitments/{cid}" in msg.get_content()
    # (c) the webhook, signed with the subscriber's secret
    (body,) = receiver.got
    assert receiver.verified == [True]
    assert (body["event"], body["data"]["commitment"]) == ("overdue", cid)
    assert body["url"] == f"https://chiso.example/commitments/{cid}"


def test_a_passed_deadline_gives_atom_email_and_webhook_in_one_cycle(
    database: Database, mailbox: Mailbox, receiver: Receiver, tmp_path: Path
) -> None:
    settings = _settings(mailbox, tmp_path)
    cid = _commitment_passing_its_due_date(database, receiver, settings)
    with TestClient(create_app(settings, db=database)) as client:
        assert _overdue_entries(client, cid) == []  # before the cycle: due soon, nothing sent
        assert (mailbox.messages, receiver.got) == ([], [])
        w = build(database, settings, immediate=True)
        w.tick()  # one cycle
        _check_outcome(client, cid, mailbox, receiver)
        w.tick()  # the next minute: nothing again
        assert _overdue_entries(client, cid) == ["Status changed · Overdue"]
    assert (len(mailbox.messages), len(receiver.got)) == (1, 1)
    with database.reading() as s:
        assert {r.state for r in alert_store.notifications(s)} == {"sent"}
    shown = {j.name: j for j in worker_status(database).jobs}
    assert shown["commitment_statuses"].last_result == "checked=1 changed=1"
    if database.dialect == "sqlite":  # the CLI opens the file by its URL (a test schema has none)
        out = CliRunner().invoke(
            cli, ["--db", database.url, "--lang", "en", "worker", "status"], env={"COLUMNS": "80"}
        )
        assert out.exit_code == 0, out.output
        for line in ("scan_deadlines · ", "due_soon=0 overdue=1 notifications=2", "deliver_notifications · "):
            assert line in out.output
    assert shown["scan_deadlines"].last_result == "due_soon=0 overdue=1 notifications=2 forgotten=0"
    assert shown["deliver_notifications"].runs >= 2
    assert shown["deliver_notifications"].last_error is None


def _wait(check: Callable[[], bool], seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_the_embedded_consumer_delivers_in_its_first_cycle(
    sqlite_db: Database, mailbox: Mailbox, receiver: Receiver, tmp_path: Path
) -> None:
    """``chiso serve``'s worker (a consumer in threads over the SQLite queue): its first tick,
    at start, runs the day's jobs and the delivery, whichever thread takes each."""
    settings = _settings(mailbox, tmp_path, queue_url=None)
    cid = _commitment_passing_its_due_date(sqlite_db, receiver, settings)
    started = datetime.now().astimezone()
    with InProcess(build(sqlite_db, settings, retry_delay=0.2), threads=2):
        _wait(lambda: bool(mailbox.messages) and bool(receiver.got))
    assert datetime.now().astimezone() - started < timedelta(seconds=30)
    with TestClient(create_app(settings, db=sqlite_db)) as client:
        _check_outcome(client, cid, mailbox, receiver)
