"""Alerts: subscriptions to an indicator, a commitment, a programme or an owner; the events
recorded in the transaction of each change (:mod:`~chiso.services.alerts.events`); the daily
deadline scan (:func:`scan_deadlines`); sending the outbox by e-mail and webhook
(:func:`deliver_pending`); and the Atom feeds that need no account
(:mod:`~chiso.services.alerts.atom`).

A worker runs ``scan_deadlines(db, today)`` once a day and ``deliver_pending(db, now)`` often.
"""

from __future__ import annotations

from chiso.services.alerts.delivery import backoff, deliver_pending, email_message, forget_sent, webhook_body
from chiso.services.alerts.scan import scan_deadlines
from chiso.services.alerts.schemas import (
    EVENT_KINDS,
    TARGET_KINDS,
    DeliveryOut,
    ScanOut,
    SubscriptionIn,
    SubscriptionOut,
)
from chiso.services.alerts.subscriptions import list_subscriptions, subscribe, target_kind, unsubscribe
from chiso.track.owners import owner_slug

__all__ = [
    "EVENT_KINDS",
    "TARGET_KINDS",
    "DeliveryOut",
    "ScanOut",
    "SubscriptionIn",
    "SubscriptionOut",
    "backoff",
    "deliver_pending",
    "email_message",
    "forget_sent",
    "list_subscriptions",
    "owner_slug",
    "scan_deadlines",
    "subscribe",
    "target_kind",
    "unsubscribe",
    "webhook_body",
]
