"""The commitment record as the commitment services share it: its audit snapshot, appending an
event, and the models a commitment and its events are shown as
(:class:`~chiso.services.commitments.schemas.CommitmentOut` on a given day). Its queries are in
:mod:`chiso.store.commitments`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from chiso.services import audit
from chiso.services.commitments.schemas import CommitmentEventOut, CommitmentOut
from chiso.store import commitments as commitment_store
from chiso.store.models import Commitment, CommitmentEvent
from chiso.track.status import Known, precision_of, standing


def _snapshot(c: Commitment) -> dict[str, Any]:
    """The audit view of a commitment: its editable and computed-from fields, JSON-ready."""
    return {
        "title": c.title,
        "owner": c.owner,
        "programme": c.programme,
        "due_start": c.due_start.isoformat() if c.due_start else None,
        "due_end": c.due_end.isoformat() if c.due_end else None,
        "precision": c.precision,
        "target_indicator_id": c.target_indicator_id,
        "target_value": c.target_value,
        "status": c.status,
        "resolved_on": c.resolved_on.isoformat() if c.resolved_on else None,
    }


def _event(
    commitment: Commitment, kind: str, *, actor: str, state: str = "confirmed", **fields: Any
) -> CommitmentEvent:
    event = CommitmentEvent(at=audit.now(), kind=kind, state=state, actor=actor, **fields)
    commitment.events.append(event)
    return event


def _counts(events: Sequence[CommitmentEvent]) -> tuple[int, int]:
    evidence = sum(
        1
        for e in events
        if e.state == "confirmed"
        and (e.kind == "evidence" or (e.kind == "resolved" and e.mention_id is not None))
    )
    pending = sum(1 for e in events if e.state == "proposed")
    return evidence, pending


def _out(
    c: Commitment,
    on: date,
    counts: tuple[int, int] | None = None,
    *,
    known: Known | None = None,
    stated_on: date | None = None,
) -> CommitmentOut:
    """A commitment as it stands on ``on``; ``counts`` (evidence, pending proposals) when the
    caller counted them in SQL, else they are counted from ``c.events``. With ``known`` (what was
    known on a past ``on``: :func:`chiso.track.status.known_on`) its due range and status are those."""
    k = known or Known(c.due_start, c.due_end, c.status, c.resolved_on)
    precision = c.precision
    if (k.due_start, k.due_end) != (c.due_start, c.due_end):
        precision = precision_of(k.due_start, k.due_end)
    s = standing(status=k.status, due_start=k.due_start, due_end=k.due_end, on=on, resolved_on=k.resolved_on)
    evidence, pending = counts if counts is not None else _counts(c.events)
    return CommitmentOut(
        id=c.id,
        title=c.title,
        owner=c.owner,
        programme=c.programme,
        due_start=k.due_start,
        due_end=k.due_end,
        precision=precision,
        target_indicator_id=c.target_indicator_id,
        target_value=c.target_value,
        status=k.status,
        resolved_on=k.resolved_on,
        display_status=s.status,
        on=on,
        days_left=s.days_left,
        days_late=s.days_late,
        evidence=evidence,
        pending_proposals=pending,
        created_at=c.created_at,
        as_known_on=on if known is not None else None,
        stated_on=stated_on,
    )


def _event_outs(session: Session, events: Iterable[CommitmentEvent]) -> list[CommitmentEventOut]:
    events = list(events)
    ids = {e.report_id for e in events if e.report_id is not None}
    reports = commitment_store.reports_by_id(session, ids)
    out = []
    for e in events:
        r = reports.get(e.report_id) if e.report_id is not None else None
        out.append(
            CommitmentEventOut.model_validate(e).model_copy(
                update={
                    "report_title": r.title if r else None,
                    "report_published_on": r.published_on if r else None,
                }
            )
        )
    return out
