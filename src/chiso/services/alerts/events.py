"""Recording what subscribers hear about, inside the caller's unit of work: the change and its
event (with one outbox row per matching subscription and channel) commit together or not at all.

Nothing is recorded when no subscription matches: the Atom feeds read the tracked data itself,
so the outbox holds only what someone will be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from chiso.services import audit
from chiso.services.alerts.schemas import EventKind
from chiso.store import alerts as store
from chiso.store import observations as observation_store
from chiso.store.models import Commitment, Observation
from chiso.track import series as rules
from chiso.track.owners import owner_slug

Key = tuple[str, str]


def keys_of(
    *,
    indicator: str | None = None,
    commitment: int | None = None,
    programme: str | None = None,
    owner: str | None = None,
) -> list[Key]:
    """The (kind, key) pairs of the subscriptions an event about these concerns."""
    keys: list[Key] = []
    if indicator:
        keys.append(("indicator", indicator))
    if commitment is not None:
        keys.append(("commitment", str(commitment)))
    if programme and owner_slug(programme):
        keys.append(("programme", owner_slug(programme)))
    if owner and owner_slug(owner):
        keys.append(("owner", owner_slug(owner)))
    return keys


def emit(
    session: Session,
    kind: EventKind,
    keys: Sequence[Key],
    payload: dict[str, Any],
    *,
    indicator_id: int | None = None,
    commitment_id: int | None = None,
    dedupe: str | None = None,
    now: datetime | None = None,
    subs: Sequence[Any] | None = None,
) -> int:
    """Record the event and queue it for every subscription to one of ``keys`` (``subs``: those
    subscriptions when the caller has just read them); the number of notifications queued (0,
    and nothing recorded, when nobody subscribed)."""
    subs = store.matching(session, keys) if subs is None else subs
    if not subs:
        return 0
    at = now or audit.now()
    event_id = store.add_event(
        session,
        kind,
        at=at,
        payload={"kind": kind, **payload},
        indicator_id=indicator_id,
        commitment_id=commitment_id,
        dedupe=dedupe,
    )
    rows: list[dict[str, Any]] = []
    for sub_id, email, webhook in subs:
        for channel, on in (("email", email), ("webhook", webhook)):
            if on:
                rows.append(
                    {
                        "event_id": event_id,
                        "subscription_id": sub_id,
                        "channel": channel,
                        "state": "pending",
                        "attempts": 0,
                        "next_attempt_at": at,
                    }
                )
    return store.enqueue(session, rows)


def _day(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


# --- observations ------------------------------------------------------------------------------


def _point(r: Any) -> rules.Point:
    return rules.Point(
        id=r.id,
        ref_date=r.ref_date,
        value=r.value,
        qualifier=r.qualifier,
        value_max=r.value_max,
        of_total=r.of_total,
        as_of=r.as_of,
        period_start=r.period_start,
        period_end=r.period_end,
    )


def observation_recorded(session: Session, o: Observation) -> int:
    """A new observation: tell its indicator's (and programme's, owner's) subscribers, and when
    it clashes with the series (a contradiction at its date, a cumulative series going down),
    tell them that too. Returns the notifications queued."""
    ind = store.indicator_facts(session, o.indicator_id)
    if ind is None:
        return 0
    keys = keys_of(indicator=ind.slug, programme=ind.programme, owner=ind.owner)
    subs = store.matching(session, keys)
    if not subs:
        return 0
    base = {
        "indicator": ind.slug,
        "indicator_name_vi": ind.name_vi,
        "indicator_name_en": ind.name_en,
        "unit": ind.unit,
        "programme": ind.programme,
        "owner": ind.owner,
    }
    point = {
        "observation": o.id,
        "value": o.value,
        "value_max": o.value_max,
        "qualifier": o.qualifier,
        "ref_date": _day(o.ref_date),
        "is_target": o.is_target,
    }
    queued = emit(session, "observation", keys, {**base, **point}, indicator_id=ind.id, subs=subs)
    if o.is_target:
        return queued
    points = [_point(r) for r in observation_store.observed_point_rows(session, [ind.id])]
    found = rules.contradictions(points)
    if ind.measure == "cumulative":
        found += rules.cumulative_falls(points)
    for c in found:
        if all(p.id != o.id for p in c.points):
            continue
        others = [p for p in c.points if p.id != o.id]
        other = others[0] if c.kind == "contradiction" else c.points[0]
        payload = {
            **base,
            **point,
            "other_observation": other.id,
            "other_value": other.value,
            "other_ref_date": _day(other.ref_date),
        }
        queued += emit(
            session,
            "conflict" if c.kind == "contradiction" else "cumulative_decrease",
            keys,
            payload,
            indicator_id=ind.id,
            subs=subs,
        )
    return queued


# --- commitments -------------------------------------------------------------------------------


def _commitment_keys(session: Session, c: Commitment) -> tuple[list[Key], dict[str, Any]]:
    slug = None
    if c.target_indicator_id is not None:
        ind = store.indicator_facts(session, c.target_indicator_id)
        slug = ind.slug if ind is not None else None
    keys = keys_of(indicator=slug, commitment=c.id, programme=c.programme, owner=c.owner)
    payload = {
        "commitment": c.id,
        "title": c.title,
        "owner": c.owner,
        "programme": c.programme,
        "due_start": _day(c.due_start),
        "due_end": _day(c.due_end),
        "status": c.status,
    }
    return keys, payload


def due_moved(session: Session, c: Commitment, old_start: date | None, old_end: date | None) -> int:
    """A commitment's due date moved (its new range is already on ``c``)."""
    keys, payload = _commitment_keys(session, c)
    payload |= {"old_due_start": _day(old_start), "old_due_end": _day(old_end)}
    return emit(session, "due_moved", keys, payload, commitment_id=c.id)


def resolved(session: Session, c: Commitment) -> int:
    """A commitment was resolved (met, met late, missed, dropped) on ``c.resolved_on``."""
    keys, payload = _commitment_keys(session, c)
    payload["resolved_on"] = _day(c.resolved_on)
    return emit(session, "resolved", keys, payload, commitment_id=c.id)


__all__ = ["Key", "due_moved", "emit", "keys_of", "observation_recorded", "resolved"]
