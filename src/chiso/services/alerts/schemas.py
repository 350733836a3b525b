"""What the alert services take and return."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

TargetKind = Literal["indicator", "commitment", "programme", "owner"]
TARGET_KINDS: tuple[TargetKind, ...] = ("indicator", "commitment", "programme", "owner")

#: the kinds of event subscribers hear about
EventKind = Literal[
    "observation", "conflict", "cumulative_decrease", "due_moved", "due_soon", "overdue", "resolved"
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "observation",
    "conflict",
    "cumulative_decrease",
    "due_moved",
    "due_soon",
    "overdue",
    "resolved",
)


class SubscriptionIn(BaseModel):
    kind: TargetKind
    #: an indicator's slug, a commitment's id, a programme's or an owner's name (or slug)
    key: str = Field(min_length=1, max_length=300)
    email: str | None = Field(default=None, max_length=320)
    webhook_url: str | None = Field(default=None, max_length=2000)
    #: the webhook's HMAC secret; one is made when a webhook is given without it
    webhook_secret: str | None = Field(default=None, max_length=200)
    lang: Literal["vi", "en"] = "vi"


class SubscriptionOut(BaseModel):
    id: int
    kind: TargetKind
    key: str
    email: str | None
    webhook_url: str | None
    #: shown to its owner only (their own page and API)
    webhook_secret: str | None
    lang: str
    created_at: datetime
    #: where the subscribed thing is shown, and its Atom feed
    page: str | None
    feed: str | None


class ScanOut(BaseModel):
    """What one deadline scan recorded."""

    due_soon: int = 0
    overdue: int = 0
    notifications: int = 0


class DeliveryOut(BaseModel):
    """What one delivery run did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0


__all__ = [
    "EVENT_KINDS",
    "TARGET_KINDS",
    "DeliveryOut",
    "EventKind",
    "ScanOut",
    "SubscriptionIn",
    "SubscriptionOut",
    "TargetKind",
]
