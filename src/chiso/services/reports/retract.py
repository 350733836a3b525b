"""Retracting a report: it was wrong, withdrawn or not what it claimed to be.

A retracted report stays readable (marked so) with every decision made on it, but supports
nothing any more, in one transaction with one audit entry:

- its points go: each accepted figure leaves its observation, which is deleted when no other
  report supports it (series, latest values and conflicts are computed from observations);
- its deadlines no longer support their commitments (the commitments stay on the board: others
  may rely on them);
- the commitment evidence and due-date changes it proposed or gave are rejected (a resolution it
  brought is not undone: the commitment's page shows it for a person to judge);
- it is read no more (:func:`~chiso.services.reports.reextract.reextract_in` refuses it) and
  nothing in it can be accepted; its pending mentions leave the review queue.

The mentions keep their states and indicators, so the audit log and the reader still say what
was decided.
"""

from __future__ import annotations

from chiso.errors import ConflictError, InputError
from chiso.services import audit, observations
from chiso.services.schemas import ReportRetracted
from chiso.store import lookups
from chiso.store import reports as stored_reports
from chiso.store.db import Database
from chiso.store.models import Report

#: The longest reason kept.
MAX_REASON = 500


def retract(db: Database, report_id: int, *, actor: str, reason: str) -> ReportRetracted:
    """Retract a report (see the module docstring); a report retracted already is refused."""
    reason = reason.strip()
    if not reason:
        raise InputError("retract_reason_missing")
    if len(reason) > MAX_REASON:
        raise InputError("field_too_long", field="reason", most=MAX_REASON, n=len(reason))
    with db.transaction() as s:
        report = lookups.get(s, Report, report_id)
        if report.retracted_at is not None:
            raise ConflictError("report_already_retracted", id=report_id)
        deleted: list[int] = []
        detached: list[int] = []
        links: list[dict[str, int]] = []
        for m in stored_reports.linked_mentions(s, report_id):
            if m.observation_id is not None:
                oid = m.observation_id
                (deleted if observations.detach(s, m) is not None else detached).append(oid)
            if m.commitment_id is not None:
                links.append({"mention_id": m.id, "commitment_id": m.commitment_id})
                m.commitment_id = None
        events = []
        for e in stored_reports.commitment_events_from(s, report_id):
            events.append({"event_id": e.id, "commitment_id": e.commitment_id, "state": e.state})
            e.state = "rejected"
            e.note = f"{e.note}\n{reason}" if e.note else reason
        at = audit.now()
        report.retracted_at, report.retracted_by, report.retracted_reason = at, actor, reason
        s.flush()
        event = audit.record(
            s,
            actor=actor,
            action="report.retract",
            entity="report",
            entity_id=report_id,
            before={
                "observations": sorted(deleted + detached),
                "commitment_links": links,
                "commitment_events": events,
            },
            after={"retracted_at": at.isoformat(), "reason": reason, "observations_deleted": sorted(deleted)},
        )
        s.flush()
        return ReportRetracted(
            report_id=report_id,
            retracted_at=at,
            reason=reason,
            observations_deleted=len(deleted),
            observations_detached=len(detached),
            commitment_links=len(links),
            commitment_events=len(events),
            audit_id=event.id,
        )


__all__ = ["MAX_REASON", "retract"]
