"""Sending the outbox: e-mail (SMTP, in the subscriber's language) and webhooks (signed JSON),
each failure tried again after an exponentially growing pause until it is given up.

One run claims a batch of due notifications in a short transaction (moving their next attempt
past the run, so a second sender leaves them alone), sends them with no transaction open, then
records each outcome.
"""

from __future__ import annotations

import contextlib
import json
import smtplib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from typing import Any, Protocol

import httpx

from chiso.config import Settings, load_settings
from chiso.errors import ChisoError
from chiso.ingest import webhook
from chiso.services.alerts.messages import path_of, wording
from chiso.services.alerts.schemas import DeliveryOut
from chiso.store import alerts as store
from chiso.store.db import Database

#: how long a claimed notification is left alone by another sender
LEASE = timedelta(minutes=10)


class Mailer(Protocol):
    def send_message(self, msg: EmailMessage) -> object: ...
    def quit(self) -> object: ...


def smtp_mailer(settings: Settings) -> Mailer:
    """A connection to the configured SMTP server (STARTTLS and login when set)."""
    assert settings.smtp_host is not None
    conn = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    if settings.smtp_starttls:
        conn.starttls()
    if settings.smtp_user:
        conn.login(settings.smtp_user, settings.smtp_password or "")
    return conn


def backoff(settings: Settings, attempts: int) -> timedelta:
    """The pause before attempt ``attempts + 1``: base, 2 x base, 4 x base ..."""
    return timedelta(seconds=settings.alert_retry_base_seconds * 2 ** max(attempts - 1, 0))


def email_message(row: Any, settings: Settings, base_url: str) -> EmailMessage:
    words = wording(row.kind, row.payload, row.lang, base_url=base_url)
    msg = EmailMessage(policy=SMTP)
    # The subject is one line (messages.one_line); an address with a line break cannot be
    # stored (subscriptions.valid_email), and the policy refuses one in any header anyway.
    msg["Subject"] = words.subject
    msg["From"] = settings.smtp_from
    msg["To"] = row.email
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="chiso")
    msg["Content-Language"] = row.lang
    msg.set_content(words.body)
    return msg


def webhook_body(row: Any, base_url: str) -> bytes:
    """The JSON a webhook receives (ASCII, every character outside it escaped)."""
    path = path_of(row.payload)
    doc = {
        "id": row.id,
        "event": row.kind,
        "at": row.at.astimezone(UTC).isoformat(),
        "subscription": row.subscription_id,
        "url": base_url + path if path else None,
        "data": row.payload,
    }
    return json.dumps(doc, ensure_ascii=True, sort_keys=True).encode("ascii")


def _send_webhook(row: Any, settings: Settings, base_url: str, client: httpx.Client | None) -> None:
    body = webhook_body(row, base_url)
    status = webhook.post(
        row.webhook_url,
        body,
        secret=row.webhook_secret,
        headers={"X-Chiso-Event": row.kind, "X-Chiso-Delivery": str(row.id)},
        allow_private=settings.allow_private_webhooks,
        timeout=settings.webhook_timeout,
        client=client,
    )
    if not 200 <= status < 300:
        raise RuntimeError(f"HTTP {status}")


_FAILURES = (OSError, smtplib.SMTPException, httpx.HTTPError, ChisoError, RuntimeError, ValueError)


def _attempt(send: Callable[[], None]) -> str | None:
    """None when ``send`` succeeds, else the reason it failed (kept as ``last_error``)."""
    try:
        send()
    except _FAILURES as exc:
        return f"{type(exc).__name__}: {exc}"[:1000]
    return None


def _send_emails(
    rows: Sequence[Any], settings: Settings, base_url: str, connect: Callable[[Settings], Mailer]
) -> list[tuple[Any, str | None]]:
    """Send the e-mails over one SMTP connection (made again after it breaks)."""
    outcomes: list[tuple[Any, str | None]] = []
    conn: Mailer | None = None
    try:
        for row in rows:
            try:
                if conn is None:
                    conn = connect(settings)
                conn.send_message(email_message(row, settings, base_url))
                error = None
            except _FAILURES as exc:
                error = f"{type(exc).__name__}: {exc}"[:1000]
                if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
                    conn = None  # connect again for the next e-mail
            outcomes.append((row, error))
    finally:
        if conn is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                conn.quit()
    return outcomes


def deliver_pending(
    db: Database,
    now: datetime,
    *,
    settings: Settings | None = None,
    limit: int = 500,
    mailer: Callable[[Settings], Mailer] | None = None,
    client: httpx.Client | None = None,
) -> DeliveryOut:
    """Send the notifications due by ``now``: e-mail when an SMTP host is set (else they wait),
    webhooks always. A failure is tried again after :func:`backoff`; after
    ``alert_max_attempts`` it is ``failed`` with its last error."""
    settings = settings or load_settings()
    base_url = (settings.public_url or "").rstrip("/")
    channels = ("email", "webhook") if settings.smtp_host else ("webhook",)
    with db.transaction() as s:
        rows: Sequence[Any] = store.claim_due(s, now, now + LEASE, limit, channels=channels)
    out = DeliveryOut()
    emails = [r for r in rows if r.channel == "email"]
    hooks = [r for r in rows if r.channel == "webhook"]
    outcomes: list[tuple[Any, str | None]] = []
    http = client or httpx.Client(timeout=settings.webhook_timeout, follow_redirects=False, trust_env=False)
    try:
        if hooks:
            # Webhooks wait on other servers: a few at once (the client's pool is thread-safe).
            with ThreadPoolExecutor(max_workers=max(1, settings.webhook_workers)) as pool:
                errors = pool.map(
                    lambda r: _attempt(lambda: _send_webhook(r, settings, base_url, http)), hooks
                )
                outcomes.extend(zip(hooks, errors, strict=True))
        outcomes.extend(_send_emails(emails, settings, base_url, mailer or smtp_mailer))
    finally:
        if client is None:
            http.close()
    written: list[dict[str, Any]] = []
    for row, error in outcomes:
        attempts = row.attempts + 1
        if error is None:
            out.sent += 1
            state, next_at, sent_at = "sent", now, now
        elif attempts >= settings.alert_max_attempts:
            out.failed += 1
            state, next_at, sent_at = "failed", now, None
        else:
            out.retried += 1
            state, next_at, sent_at = "pending", now + backoff(settings, attempts), None
        written.append(
            {
                "id": row.id,
                "state": state,
                "attempts": attempts,
                "next_attempt_at": next_at,
                "last_error": error,
                "sent_at": sent_at,
            }
        )
    with db.transaction() as s:
        store.record_outcomes(s, written)
    return out


def forget_sent(db: Database, before: datetime) -> int:
    """Delete the notifications sent before ``before`` (the worker may run it with the scan, so
    that the outbox does not grow without end); failed ones stay for a person to read."""
    with db.transaction() as s:
        return store.forget_sent(s, before)


__all__ = [
    "LEASE",
    "Mailer",
    "backoff",
    "deliver_pending",
    "email_message",
    "forget_sent",
    "smtp_mailer",
    "webhook_body",
]
