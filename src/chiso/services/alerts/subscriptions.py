"""A person's subscriptions: added, listed and removed, each change one unit of work with its
audit row (the webhook's secret is never written to the audit log)."""

from __future__ import annotations

import re
import secrets

from chiso.config import Settings, load_settings
from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.ingest.webhook import check_url
from chiso.services import audit
from chiso.services.alerts.schemas import TARGET_KINDS, SubscriptionIn, SubscriptionOut, TargetKind
from chiso.store import alerts as store
from chiso.store.db import Database
from chiso.store.models import AlertSubscription, Commitment
from chiso.track.owners import owner_slug

#: one address, nothing a header could split on (no whitespace or control character, one @)
_EMAIL = re.compile(
    r"^[^@\s\x00-\x1f\x7f<>,;:\"()\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,63}$"
)


def valid_email(text: str) -> str:
    address = text.strip()
    if len(address) > 320 or not _EMAIL.match(address) or any(ch in text for ch in "\r\n\x00"):
        raise InputError("alert_email_invalid", email=address[:80])
    return address


def target_kind(value: str) -> TargetKind:
    """``value`` as a subscription's kind (a form's field), or InputError."""
    for kind in TARGET_KINDS:
        if value == kind:
            return kind
    raise InputError("alert_kind_choice", choices=", ".join(TARGET_KINDS), value=value[:40])


def _out(sub: AlertSubscription) -> SubscriptionOut:
    kind: TargetKind = sub.target_kind  # type: ignore[assignment]
    page = feed = None
    if kind == "indicator":
        page, feed = f"/indicators/{sub.target_key}", f"/feeds/indicators/{sub.target_key}.atom"
    elif kind == "commitment":
        page, feed = f"/commitments/{sub.target_key}", f"/feeds/commitments/{sub.target_key}.atom"
    elif kind == "owner":
        feed = f"/feeds/owners/{sub.target_key}.atom"
    return SubscriptionOut(
        id=sub.id,
        kind=kind,
        key=sub.target_key,
        email=sub.email,
        webhook_url=sub.webhook_url,
        webhook_secret=sub.webhook_secret,
        lang=sub.lang,
        created_at=sub.created_at,
        page=page,
        feed=feed,
    )


def list_subscriptions(db: Database, user_id: int) -> list[SubscriptionOut]:
    with db.reading() as s:
        return [_out(x) for x in store.subscriptions_of(s, user_id)]


def subscribe(
    db: Database, user_id: int, wanted: SubscriptionIn, *, actor: str, settings: Settings | None = None
) -> SubscriptionOut:
    """Add a subscription. The target must exist (an indicator's slug, a commitment's id) or
    have a name (programme, owner: kept as its slug); at least one of e-mail and webhook; a
    webhook to a private address is refused unless ``allow_private_webhooks``."""
    settings = settings or load_settings()
    email = valid_email(wanted.email) if wanted.email and wanted.email.strip() else None
    url = (wanted.webhook_url or "").strip() or None
    if email is None and url is None:
        raise InputError("alert_needs_channel")
    if url is not None:
        check_url(url, allow_private=settings.allow_private_webhooks)
    secret = None
    if url is not None:
        secret = (wanted.webhook_secret or "").strip() or secrets.token_urlsafe(32)
    raw = wanted.key.strip()
    with db.transaction() as s:
        if wanted.kind == "indicator":
            if store.indicator_by_slug(s, raw) is None:
                raise NotFoundError("alert_target_unknown", target=wanted.kind, key=raw[:80])
            key = raw
        elif wanted.kind == "commitment":
            c = s.get(Commitment, int(raw)) if raw.isdigit() else None
            if c is None:
                raise NotFoundError("alert_target_unknown", target=wanted.kind, key=raw[:80])
            key = str(c.merged_into_id or c.id)
        else:
            key = owner_slug(raw)
            if not key:
                raise InputError("alert_target_unknown", target=wanted.kind, key=raw[:80])
        if store.find_subscription(s, user_id, wanted.kind, key) is not None:
            raise ConflictError("alert_exists", target=wanted.kind, key=key)
        sub = store.add_subscription(
            s,
            AlertSubscription(
                user_id=user_id,
                target_kind=wanted.kind,
                target_key=key,
                email=email,
                webhook_url=url,
                webhook_secret=secret,
                lang=wanted.lang,
                created_at=audit.now(),
            ),
        )
        audit.record(
            s,
            actor=actor,
            action="alert.subscribe",
            entity="alert_subscription",
            entity_id=sub.id,
            after={"kind": wanted.kind, "key": key, "email": email, "webhook_url": url},
        )
        return _out(sub)


def unsubscribe(db: Database, user_id: int, subscription_id: int, *, actor: str) -> None:
    """Remove one of the user's own subscriptions (its pending notifications go with it)."""
    with db.transaction() as s:
        sub = store.subscription_of(s, user_id, subscription_id)
        if sub is None:
            raise NotFoundError("alert_not_found", id=subscription_id)
        before = {
            "kind": sub.target_kind,
            "key": sub.target_key,
            "email": sub.email,
            "webhook_url": sub.webhook_url,
        }
        store.delete_subscription(s, sub)
        audit.record(
            s,
            actor=actor,
            action="alert.unsubscribe",
            entity="alert_subscription",
            entity_id=subscription_id,
            before=before,
        )


__all__ = ["list_subscriptions", "subscribe", "target_kind", "unsubscribe", "valid_email"]
