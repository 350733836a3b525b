"""The queries of alerts: subscriptions, the events they hear about, the outbox (notifications)
and what the Atom feeds read (observations, commitment events, deadlines)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from chiso.store.models import (
    AlertEvent,
    AlertNotification,
    AlertSubscription,
    Commitment,
    CommitmentEvent,
    Indicator,
    Mention,
    Observation,
    Report,
)

Row = Any

# --- subscriptions -------------------------------------------------------------------------


def add_subscription(s: Session, sub: AlertSubscription) -> AlertSubscription:
    s.add(sub)
    s.flush()
    return sub


def subscriptions_of(s: Session, user_id: int) -> list[AlertSubscription]:
    q = select(AlertSubscription).where(AlertSubscription.user_id == user_id).order_by(AlertSubscription.id)
    return list(s.scalars(q))


def subscription_of(s: Session, user_id: int, subscription_id: int) -> AlertSubscription | None:
    q = select(AlertSubscription).where(
        AlertSubscription.id == subscription_id, AlertSubscription.user_id == user_id
    )
    return s.scalars(q).first()


def find_subscription(s: Session, user_id: int, kind: str, key: str) -> AlertSubscription | None:
    q = select(AlertSubscription).where(
        AlertSubscription.user_id == user_id,
        AlertSubscription.target_kind == kind,
        AlertSubscription.target_key == key,
    )
    return s.scalars(q).first()


def delete_subscription(s: Session, sub: AlertSubscription) -> None:
    s.delete(sub)
    s.flush()


# --- events and the outbox -------------------------------------------------------------------


def event_seen(s: Session, dedupe: str) -> bool:
    return s.scalar(select(AlertEvent.id).where(AlertEvent.dedupe == dedupe)) is not None


def add_event(
    s: Session,
    kind: str,
    *,
    at: datetime,
    payload: dict[str, Any],
    indicator_id: int | None = None,
    commitment_id: int | None = None,
    dedupe: str | None = None,
) -> int:
    event_id = s.scalar(
        insert(AlertEvent)
        .values(
            kind=kind,
            at=at,
            payload=payload,
            indicator_id=indicator_id,
            commitment_id=commitment_id,
            dedupe=dedupe,
        )
        .returning(AlertEvent.id)
    )
    assert event_id is not None
    return int(event_id)


def matching(s: Session, keys: Collection[tuple[str, str]]) -> Sequence[Row]:
    """(id, email, webhook_url) of every subscription to one of ``keys`` ((kind, key) pairs),
    through ``ix_alert_subscription_target``."""
    if not keys:
        return []
    q = select(AlertSubscription.id, AlertSubscription.email, AlertSubscription.webhook_url).where(
        tuple_(AlertSubscription.target_kind, AlertSubscription.target_key).in_(sorted(keys))
    )
    return s.execute(q).all()


def enqueue(s: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert notifications (dicts of AlertNotification's columns) at once."""
    if rows:
        s.execute(insert(AlertNotification), list(rows))
    return len(rows)


def claim_due(
    s: Session, now: datetime, lease_until: datetime, limit: int, *, channels: Collection[str]
) -> Sequence[Row]:
    """Up to ``limit`` pending notifications due by ``now``, with their event and subscription,
    taken for this sender: their next attempt moves to ``lease_until`` so another sender leaves
    them alone (PostgreSQL skips rows another transaction holds; SQLite writers queue)."""
    ids = list(
        s.scalars(
            select(AlertNotification.id)
            .where(
                AlertNotification.state == "pending",
                AlertNotification.next_attempt_at <= now,
                AlertNotification.channel.in_(sorted(channels)),
            )
            .order_by(AlertNotification.next_attempt_at, AlertNotification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not ids:
        return []
    s.execute(
        update(AlertNotification).where(AlertNotification.id.in_(ids)).values(next_attempt_at=lease_until)
    )
    q = (
        select(
            AlertNotification.id,
            AlertNotification.channel,
            AlertNotification.attempts,
            AlertEvent.id.label("event_id"),
            AlertEvent.kind,
            AlertEvent.at,
            AlertEvent.payload,
            AlertSubscription.id.label("subscription_id"),
            AlertSubscription.email,
            AlertSubscription.webhook_url,
            AlertSubscription.webhook_secret,
            AlertSubscription.lang,
        )
        .join(AlertEvent, AlertEvent.id == AlertNotification.event_id)
        .join(AlertSubscription, AlertSubscription.id == AlertNotification.subscription_id)
        .where(AlertNotification.id.in_(ids))
        .order_by(AlertNotification.id)
    )
    return s.execute(q).all()


def record_outcomes(s: Session, outcomes: Sequence[dict[str, Any]]) -> None:
    """Write delivery outcomes at once: dicts with the notification's ``id`` and its new
    ``state``, ``attempts``, ``next_attempt_at``, ``last_error`` and ``sent_at`` (an executemany
    UPDATE by primary key)."""
    if outcomes:
        s.execute(update(AlertNotification), list(outcomes))


def notifications(s: Session, *, event_kind: str | None = None) -> Sequence[Row]:
    """Every notification with its event's kind and commitment (tests and the CLI read these)."""
    q = (
        select(
            AlertNotification.id,
            AlertNotification.subscription_id,
            AlertNotification.channel,
            AlertNotification.state,
            AlertNotification.attempts,
            AlertNotification.next_attempt_at,
            AlertNotification.last_error,
            AlertEvent.kind,
            AlertEvent.commitment_id,
            AlertEvent.indicator_id,
            AlertEvent.payload,
        )
        .join(AlertEvent, AlertEvent.id == AlertNotification.event_id)
        .order_by(AlertNotification.id)
    )
    if event_kind is not None:
        q = q.where(AlertEvent.kind == event_kind)
    return s.execute(q).all()


def forget_sent(s: Session, before: datetime) -> int:
    """Delete notifications sent before ``before`` (the outbox does not grow without end)."""
    result = s.execute(
        delete(AlertNotification).where(AlertNotification.state == "sent", AlertNotification.sent_at < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- what events say ---------------------------------------------------------------------------


def indicator_facts(s: Session, indicator_id: int) -> Row | None:
    q = select(
        Indicator.id,
        Indicator.slug,
        Indicator.name_vi,
        Indicator.name_en,
        Indicator.unit,
        Indicator.measure,
        Indicator.owner,
        Indicator.programme,
    ).where(Indicator.id == indicator_id)
    return s.execute(q).first()


def deadline_candidates(s: Session, first: date, last: date) -> Sequence[Row]:
    """Open, unmerged commitments whose deadline (due_end, else due_start) lies in [first, last]."""
    deadline = func.coalesce(Commitment.due_end, Commitment.due_start)
    q = (
        select(
            Commitment.id,
            Commitment.title,
            Commitment.owner,
            Commitment.programme,
            Commitment.due_start,
            Commitment.due_end,
            Commitment.status,
        )
        .where(
            Commitment.status == "open",
            Commitment.merged_into_id.is_(None),
            deadline >= first,
            deadline <= last,
        )
        .order_by(Commitment.id)
    )
    return s.execute(q).all()


# --- what the Atom feeds read ----------------------------------------------------------------


def indicator_by_slug(s: Session, slug: str) -> Indicator | None:
    return s.scalars(select(Indicator).where(Indicator.slug == slug)).first()


def recent_observations(s: Session, indicator_id: int, limit: int) -> Sequence[Row]:
    """The newest observations of an indicator (by when they were recorded), each with the URL
    and title of one report that states it."""
    first_report = (
        select(func.min(Mention.report_id))
        .where(Mention.observation_id == Observation.id, Mention.state == "accepted")
        .correlate(Observation)
        .scalar_subquery()
    )
    q = (
        select(
            Observation.id,
            Observation.value,
            Observation.value_max,
            Observation.qualifier,
            Observation.ref_date,
            Observation.is_target,
            Observation.created_at,
            first_report.label("report_id"),
        )
        .where(Observation.indicator_id == indicator_id)
        .order_by(Observation.created_at.desc(), Observation.id.desc())
        .limit(limit)
    )
    return s.execute(q).all()


def report_links(s: Session, ids: Collection[int]) -> dict[int, Row]:
    if not ids:
        return {}
    q = select(Report.id, Report.url, Report.title).where(Report.id.in_(sorted(ids)))
    return {r.id: r for r in s.execute(q)}


def commitment_of(s: Session, commitment_id: int) -> Commitment | None:
    return s.get(Commitment, commitment_id)


def commitment_events(s: Session, commitment_id: int, limit: int) -> list[CommitmentEvent]:
    q = (
        select(CommitmentEvent)
        .where(CommitmentEvent.commitment_id == commitment_id, CommitmentEvent.state != "rejected")
        .order_by(CommitmentEvent.at.desc(), CommitmentEvent.id.desc())
        .limit(limit)
    )
    return list(s.scalars(q))


def deadline_rows(
    s: Session,
    *,
    programme: str | None = None,
    owners: Collection[str] | None = None,
    limit: int,
) -> list[Commitment]:
    """Unmerged commitments, newest deadline first: of a programme, of owners (exact texts)."""
    q = select(Commitment).where(Commitment.merged_into_id.is_(None))
    if programme:
        q = q.where(Commitment.programme == programme)
    if owners is not None:
        q = q.where(Commitment.owner.in_(sorted(owners)))
    deadline = func.coalesce(Commitment.due_end, Commitment.due_start)
    q = q.order_by(deadline.desc().nulls_last(), Commitment.id.desc()).limit(limit)
    return list(s.scalars(q))


def owner_texts(s: Session) -> list[str]:
    """Every distinct owner text of a commitment or an indicator."""
    found: set[str] = set()
    for model in (Commitment, Indicator):
        found |= {
            o for (o,) in s.execute(select(model.owner).where(model.owner.is_not(None)).distinct()) if o
        }
    return sorted(found)


def commitment_owners(s: Session, commitment_ids: Collection[int]) -> list[str]:
    """The distinct owner texts of these commitments."""
    if not commitment_ids:
        return []
    q = (
        select(Commitment.owner)
        .where(Commitment.id.in_(sorted(commitment_ids)), Commitment.owner.is_not(None))
        .distinct()
    )
    return [o for (o,) in s.execute(q) if o]


def latest_change(s: Session, commitment_ids: Collection[int]) -> datetime | None:
    if not commitment_ids:
        return None
    return s.scalar(
        select(func.max(CommitmentEvent.at)).where(
            or_(CommitmentEvent.commitment_id.in_(sorted(commitment_ids)))
        )
    )


__all__ = [
    "add_event",
    "add_subscription",
    "claim_due",
    "commitment_events",
    "commitment_of",
    "commitment_owners",
    "deadline_candidates",
    "deadline_rows",
    "delete_subscription",
    "enqueue",
    "event_seen",
    "find_subscription",
    "forget_sent",
    "indicator_by_slug",
    "indicator_facts",
    "latest_change",
    "matching",
    "notifications",
    "owner_texts",
    "recent_observations",
    "record_outcomes",
    "report_links",
    "subscription_of",
    "subscriptions_of",
]
