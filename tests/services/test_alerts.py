"""Alerts: events recorded with the change that causes them and matched to subscriptions, the
daily deadline scan (idempotent), and the outbox's delivery by e-mail (to a local aiosmtpd
server) and webhook (to a local receiver that checks the signature and fails first)."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from chiso.config import Settings
from chiso.errors import BlockedAddressError, ConflictError, InputError, NotFoundError
from chiso.services import alerts, audit, commitments, observations
from chiso.services.alerts.schemas import SubscriptionIn
from chiso.services.users import accounts as users
from chiso.store import alerts as alert_store
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Indicator
from chiso.track.owners import owner_slug

D = date
#: after every event the tests record (they are stamped with the clock)


@pytest.fixture
def now() -> datetime:
    """A moment a little after this test's notifications were queued (taken when the test runs:
    a module constant was minutes stale by the time a full suite reached these tests)."""
    return datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)


OWNER = "Bộ Thông tin và Truyền thông"
PROGRAMME = "Đề án 06"


def _settings(**kw: Any) -> Settings:
    base: dict[str, Any] = {
        "database_url": "sqlite://",
        "allow_private_webhooks": True,
        "alert_retry_base_seconds": 30.0,
        "alert_max_attempts": 3,
        "public_url": "https://chiso.example",
    }
    return Settings(**(base | kw))


@pytest.fixture
def settings() -> Settings:
    return _settings()


@pytest.fixture
def world(database: Database) -> dict[str, int]:
    """A user, a cumulative indicator and two open commitments of one owner and programme."""
    user = users.add_user(database, "người-theo-dõi", "editor", "mật khẩu đủ dài", actor="test")
    with database.transaction() as s:
        ind = Indicator(
            slug="tai-khoan-dinh-danh",
            name_vi="Tài khoản định danh được kích hoạt",
            name_en="Activated identity accounts",
            unit="tài khoản",
            measure="cumulative",
            owner=OWNER,
            programme=PROGRAMME,
            created_at=audit.now(),
        )
        s.add(ind)
        s.flush()
        made = []
        for title, due in (
            ("Khai trương cổng dữ liệu mở", D(2026, 7, 5)),
            ("Số hóa sổ đăng ký", D(2026, 6, 20)),
        ):
            c = Commitment(
                title=title,
                owner=OWNER,
                programme=PROGRAMME,
                due_start=None,
                due_end=due,
                precision="day",
                status="open",
                created_at=audit.now(),
            )
            s.add(c)
            s.flush()
            made.append(c.id)
        return {"user": user.id, "indicator": ind.id, "soon": made[0], "late": made[1]}


def _sub(database: Database, world: dict[str, int], settings: Settings, **kw: Any) -> alerts.SubscriptionOut:
    fields: dict[str, Any] = {"kind": "indicator", "key": "tai-khoan-dinh-danh", "email": "ban@vi-du.vn"} | kw
    return alerts.subscribe(
        database, world["user"], SubscriptionIn(**fields), actor="test", settings=settings
    )


def _observe(database: Database, indicator_id: int, value: float, day: date) -> None:
    with database.transaction() as s:
        dates = observations.ObservationDates(day, None, None, day, inferred=False)
        observations.find_or_create(s, indicator_id, observations.Stated(value), dates)


def _kinds(database: Database) -> list[str]:
    with database.reading() as s:
        return [r.kind for r in alert_store.notifications(s)]


# --- the owner slug --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Bộ Công an", "bo-cong-an"),
        ("  Đề án 06 / UBND TP. Hồ Chí Minh ", "de-an-06-ubnd-tp-ho-chi-minh"),
        ("BỘ CÔNG AN", "bo-cong-an"),
        ("Bo Cong An", "bo-cong-an"),
        ("Ngân hàng\nNhà nước", "ngan-hang-nha-nuoc"),
        ("—", ""),
        (None, ""),
    ],
)
def test_owner_slug(text: str | None, slug: str) -> None:
    assert owner_slug(text) == slug


# --- subscriptions -------------------------------------------------------------------------


def test_subscribe_checks_target_and_channel(
    database: Database, world: dict[str, int], settings: Settings
) -> None:
    sub = _sub(database, world, settings)
    assert (sub.kind, sub.key, sub.feed) == (
        "indicator",
        "tai-khoan-dinh-danh",
        "/feeds/indicators/tai-khoan-dinh-danh.atom",
    )
    owner = _sub(
        database, world, settings, kind="owner", key=OWNER, email=None, webhook_url="http://127.0.0.1:9/h"
    )
    assert owner.key == "bo-thong-tin-va-truyen-thong"
    assert owner.webhook_secret
    assert len(owner.webhook_secret) >= 32
    with pytest.raises(ConflictError):
        _sub(database, world, settings)
    with pytest.raises(NotFoundError):
        _sub(database, world, settings, key="khong-co")
    with pytest.raises(NotFoundError):
        _sub(database, world, settings, kind="commitment", key="999999")
    with pytest.raises(InputError):
        _sub(database, world, settings, kind="programme", key="Đề án 06", email=None)
    assert [s.id for s in alerts.list_subscriptions(database, world["user"])] == [sub.id, owner.id]
    alerts.unsubscribe(database, world["user"], sub.id, actor="test")
    with pytest.raises(NotFoundError):
        alerts.unsubscribe(database, world["user"] + 1, owner.id, actor="test")  # not theirs


@pytest.mark.parametrize(
    "email",
    [
        "ban@vi-du.vn\nBcc: all@example.com",
        "ban@vi-du.vn\r\n",
        "a b@vi-du.vn",
        "khong-phai-thu",
        "a@b",
        "<a@b.vn>",
    ],
)
def test_an_address_that_could_inject_a_header_is_refused(
    database: Database, world: dict[str, int], settings: Settings, email: str
) -> None:
    with pytest.raises(InputError) as caught:
        _sub(database, world, settings, email=email)
    assert caught.value.code == "alert_email_invalid"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/hook", "http://10.1.2.3/hook", "http://[::1]/x", "http://169.254.169.254/"]
)
def test_a_webhook_to_a_private_address_is_refused_unless_allowed(
    database: Database, world: dict[str, int], url: str
) -> None:
    with pytest.raises(BlockedAddressError):
        _sub(database, world, _settings(allow_private_webhooks=False), email=None, webhook_url=url)
    assert _sub(database, world, _settings(), email=None, webhook_url=url).webhook_url == url


# --- events from the changes ---------------------------------------------------------------


def test_new_observation_conflict_and_fall_are_queued(
    database: Database, world: dict[str, int], settings: Settings
) -> None:
    _observe(database, world["indicator"], 5e6, D(2026, 1, 1))  # nobody subscribed yet: nothing
    assert _kinds(database) == []
    _sub(database, world, settings, webhook_url="http://127.0.0.1:9/h")  # e-mail and webhook
    _sub(database, world, settings, kind="programme", key=PROGRAMME, email="khac@vi-du.vn")
    _observe(database, world["indicator"], 6e6, D(2026, 2, 1))
    assert _kinds(database) == ["observation"] * 3
    _observe(database, world["indicator"], 6e6, D(2026, 2, 1))  # the same point again: no event
    assert len(_kinds(database)) == 3
    _observe(database, world["indicator"], 9e6, D(2026, 2, 1))  # clashes with 6e6 on that date
    _observe(database, world["indicator"], 4e6, D(2026, 3, 1))  # a cumulative series falls
    kinds = _kinds(database)
    assert kinds.count("conflict") == 3
    assert kinds.count("cumulative_decrease") == 3
    with database.reading() as s:
        fall = next(r for r in alert_store.notifications(s) if r.kind == "cumulative_decrease")
    assert fall.payload["value"] == 4e6
    assert fall.payload["other_value"] == 9e6


def test_an_event_rolls_back_with_its_change(
    database: Database, world: dict[str, int], settings: Settings
) -> None:
    _sub(database, world, settings)

    class BoomError(Exception):
        pass

    def change_then_fail() -> None:
        with database.transaction() as s:
            dates = observations.ObservationDates(D(2026, 4, 1), None, None, D(2026, 4, 1), inferred=False)
            observations.find_or_create(s, world["indicator"], observations.Stated(7e6), dates)
            raise BoomError

    with pytest.raises(BoomError):
        change_then_fail()
    assert _kinds(database) == []


def test_resolved_and_due_moved_are_queued(
    database: Database, world: dict[str, int], settings: Settings
) -> None:
    _sub(database, world, settings, kind="commitment", key=str(world["soon"]))
    _sub(database, world, settings, kind="owner", key="bo thong tin va truyen thong", email="chu@vi-du.vn")
    with database.transaction() as s:
        ev = CommitmentEvent(
            commitment_id=world["soon"],
            at=audit.now(),
            kind="due_changed",
            state="proposed",
            new_due_end=D(2026, 9, 30),
        )
        s.add(ev)
        s.flush()
        ev_id = ev.id
    commitments.confirm_event(database, ev_id, "test")
    commitments.resolve(database, world["soon"], status="met", on=D(2026, 9, 1), actor="test")
    commitments.resolve(database, world["late"], status="missed", on=D(2026, 7, 1), actor="test")
    with database.reading() as s:
        rows = [(r.kind, r.commitment_id) for r in alert_store.notifications(s)]
        moved = next(r.payload for r in alert_store.notifications(s, event_kind="due_moved"))
    assert rows.count(("due_moved", world["soon"])) == 2
    assert rows.count(("resolved", world["soon"])) == 2
    assert rows.count(("resolved", world["late"])) == 1  # only the owner's subscriber
    assert (moved["old_due_end"], moved["due_end"]) == ("2026-07-05", "2026-09-30")


def test_scan_deadlines_is_idempotent(database: Database, world: dict[str, int], settings: Settings) -> None:
    _sub(database, world, settings, kind="owner", key=OWNER)
    today = D(2026, 7, 1)
    first = alerts.scan_deadlines(database, today, days=7)
    assert (first.due_soon, first.overdue, first.notifications) == (1, 1, 2)
    again = alerts.scan_deadlines(database, today, days=7)
    later = alerts.scan_deadlines(database, today + timedelta(days=2), days=7)
    assert again.notifications == later.notifications == 0
    with database.reading() as s:
        rows = alert_store.notifications(s)
    assert sorted((r.kind, r.commitment_id) for r in rows) == sorted(
        [("due_soon", world["soon"]), ("overdue", world["late"])]
    )
    assert [r.payload["days_left"] for r in rows if r.kind == "due_soon"] == [4]
    # the due date moves: a new due date is a new deadline to announce
    with database.transaction() as s:
        c = s.get(Commitment, world["soon"])
        assert c is not None
        c.due_end = D(2026, 7, 6)
    assert alerts.scan_deadlines(database, today, days=7).due_soon == 1
    # a resolved commitment is not announced
    commitments.resolve(database, world["soon"], status="dropped", on=today, actor="test")
    with database.transaction() as s:
        c = s.get(Commitment, world["soon"])
        assert c is not None
        c.due_end = D(2026, 7, 7)
    assert alerts.scan_deadlines(database, today, days=7).due_soon == 0


# --- delivery ----------------------------------------------------------------------------------


class Receiver:
    """A local webhook receiver: answers 500 to the first ``fail`` requests, then 204; keeps what
    it was sent and whether the signature held."""

    def __init__(self, secret: str, fail: int) -> None:
        self.secret, self.fail = secret, fail
        self.got: list[dict[str, Any]] = []
        self.verified: list[bool] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                want = "sha256=" + hmac.new(outer.secret.encode(), body, hashlib.sha256).hexdigest()
                outer.verified.append(hmac.compare_digest(want, self.headers.get("X-Chiso-Signature", "")))
                outer.got.append(json.loads(body))
                status = 500 if outer.fail > 0 else 204
                outer.fail -= 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver("bí mật của người nhận", fail=2)
    yield r
    r.close()


def test_webhook_signed_retried_with_backoff(
    database: Database, world: dict[str, int], settings: Settings, receiver: Receiver, now: datetime
) -> None:
    _sub(database, world, settings, email=None, webhook_url=receiver.url, webhook_secret=receiver.secret)
    _observe(database, world["indicator"], 6e6, D(2026, 2, 1))
    first = alerts.deliver_pending(database, now, settings=settings)
    assert (first.sent, first.retried) == (0, 1)
    assert (
        alerts.deliver_pending(database, now + timedelta(seconds=29), settings=settings).retried == 0
    )  # not yet
    second = alerts.deliver_pending(database, now + timedelta(seconds=30), settings=settings)
    assert second.retried == 1
    with database.reading() as s:
        (row,) = alert_store.notifications(s)
    assert row.attempts == 2
    assert row.last_error == "RuntimeError: HTTP 500"
    assert row.next_attempt_at == now + timedelta(seconds=30 + 60)  # 30 s, then 60 s: doubled
    assert alerts.deliver_pending(database, now + timedelta(seconds=89), settings=settings).sent == 0
    third = alerts.deliver_pending(database, now + timedelta(seconds=90), settings=settings)
    assert third.sent == 1
    assert alerts.deliver_pending(database, now + timedelta(days=1), settings=settings).sent == 0  # sent once
    assert alerts.forget_sent(database, now) == 0  # sent after now
    assert alerts.forget_sent(database, now + timedelta(days=1)) == 1
    assert receiver.verified == [True, True, True]
    body = receiver.got[-1]
    assert body["event"] == "observation"
    assert body["data"]["indicator"] == "tai-khoan-dinh-danh"
    assert body["url"] == "https://chiso.example/indicators/tai-khoan-dinh-danh"
    assert body["data"]["indicator_name_vi"] == "Tài khoản định danh được kích hoạt"  # escaped, then decoded


def test_webhook_gives_up_after_the_last_attempt(
    database: Database, world: dict[str, int], settings: Settings, now: datetime
) -> None:
    r = Receiver("s", fail=99)
    try:
        _sub(database, world, settings, email=None, webhook_url=r.url, webhook_secret="s")
        _observe(database, world["indicator"], 6e6, D(2026, 2, 1))
        for step in range(3):
            alerts.deliver_pending(database, now + timedelta(hours=step), settings=settings)
    finally:
        r.close()
    with database.reading() as s:
        (row,) = alert_store.notifications(s)
    assert (row.state, row.attempts) == ("failed", 3)


def test_delivery_refuses_a_webhook_gone_private(
    database: Database, world: dict[str, int], settings: Settings, receiver: Receiver, now: datetime
) -> None:
    _sub(database, world, settings, email=None, webhook_url=receiver.url)
    _observe(database, world["indicator"], 6e6, D(2026, 2, 1))
    out = alerts.deliver_pending(database, now, settings=_settings(allow_private_webhooks=False))
    assert out.retried == 1
    assert receiver.got == []
    with database.reading() as s:
        (row,) = alert_store.notifications(s)
    assert row.last_error is not None
    assert "BlockedAddressError" in row.last_error


class Mailbox:
    """aiosmtpd on 127.0.0.1, keeping every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, list[str], bytes]] = []
        outer = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                outer.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
                return "250 OK"

        with socket.socket() as probe:  # a free port (the controller checks it by connecting)
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    m = Mailbox()
    yield m
    m.close()


@pytest.mark.parametrize(("lang", "words"), [("vi", "Hạn chót"), ("en", "Due on 2026-07-05")])
def test_email_in_the_subscribers_language(
    database: Database, world: dict[str, int], mailbox: Mailbox, lang: str, words: str, now: datetime
) -> None:
    settings = _settings(
        smtp_host="127.0.0.1", smtp_port=mailbox.port, smtp_starttls=False, smtp_from="chiso@vi-du.vn"
    )
    _sub(database, world, settings, kind="commitment", key=str(world["soon"]), lang=lang)
    with database.transaction() as s:  # a title with a line break must stay one header line
        c = s.get(Commitment, world["soon"])
        assert c is not None
        c.title = "Khai trương\r\nBcc: all@example.com cổng"
    assert alerts.scan_deadlines(database, D(2026, 7, 1), days=7).notifications == 1
    out = alerts.deliver_pending(database, now, settings=settings)
    assert out.sent == 1, out
    ((sender, rcpt, raw),) = mailbox.messages
    assert (sender, rcpt) == ("chiso@vi-du.vn", ["ban@vi-du.vn"])
    msg = message_from_bytes(raw, policy=default_policy)
    assert msg["Bcc"] is None
    assert "\n" not in str(msg["Subject"])
    assert "Bcc: all@example.com" in str(msg["Subject"])
    body = msg.get_content()
    assert "https://chiso.example/commitments/" in body
    assert "/account/alerts" in body
    if lang == "vi":
        assert "Hạn" in str(msg["Subject"]) or "hạn" in str(msg["Subject"])
    else:
        assert words in str(msg["Subject"])


def test_email_waits_without_an_smtp_host(
    database: Database, world: dict[str, int], settings: Settings, now: datetime
) -> None:
    _sub(database, world, settings)
    _observe(database, world["indicator"], 6e6, D(2026, 2, 1))
    out = alerts.deliver_pending(database, now, settings=settings)
    assert (out.sent, out.retried, out.failed) == (0, 0, 0)
    with database.reading() as s:
        (row,) = alert_store.notifications(s)
    assert (row.state, row.attempts) == ("pending", 0)


@pytest.mark.parametrize(
    ("value", "ok"), [("indicator", True), ("owner", True), ("everything", False), ("", False)]
)
def test_target_kind(value: str, ok: bool) -> None:
    if ok:
        assert alerts.target_kind(value) == value
    else:
        with pytest.raises(InputError):
            alerts.target_kind(value)
