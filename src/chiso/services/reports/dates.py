"""A report's publication date: refused work while it is missing, and what giving it changes.

Everything relative in a report ("đến nay", "năm sau", "trước ngày 30/11", a figure with no time
of its own) resolves against the day it was published. A report stored without one is *undated*:
it is shown so in the reader and the queue, and none of its mentions can be accepted (the date
of review is never a stand-in, issue 12). A person gives the date (:func:`set_published`; or
the same text is added again with a date, :func:`fill_in`), and in the same transaction:

- the report is read again with that date (:func:`chiso.services.reports.reextract.reextract_in`):
  relative phrases resolve, deadlines dropped for want of a year come back; decisions are kept;
- accepted figures that took their date from the publication date move to their right point;
- the progress it states for open commitments is proposed (nothing is proposed while undated).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from chiso.services import audit, commitments, observations
from chiso.services.exports import IMPORTED_SOURCE
from chiso.services.observations.recording import undated_error
from chiso.services.reports.reextract import reextract_in
from chiso.services.schemas import ReportDated
from chiso.store import lookups
from chiso.store import reports as stored_reports
from chiso.store.db import Database
from chiso.store.models import Mention, Report


def set_published(db: Database, report_id: int, day: date, *, actor: str) -> ReportDated:
    """Give a report its publication date (or correct it), in one transaction."""
    with db.transaction() as s:
        return date_in(s, lookups.get(s, Report, report_id), day, actor=actor)


def fill_in(s: Session, report_id: int, day: date | None, *, actor: str) -> bool:
    """Adding a stored text again with a date it lacks gives it that date; True when it did."""
    if day is None:
        return False
    report = s.get(Report, report_id)
    if report is None or report.published_on is not None:
        return False
    date_in(s, report, day, actor=actor)
    return True


def date_in(s: Session, report: Report, day: date, *, actor: str, record: bool = True) -> ReportDated:
    """:func:`set_published` inside the caller's unit of work; ``record=False`` leaves the audit
    entry to the caller's action (editing a report's details, :mod:`.edit`).

    A retracted report takes the date and nothing more: it is read no more, supports no point
    and proposes nothing."""
    before = report.published_on
    if before == day:
        return ReportDated(report_id=report.id, published_on=day, previous=before)
    report.published_on = day
    s.flush()
    reread = None
    moved = proposals = 0
    if report.retracted_at is None:
        if report.source_kind != IMPORTED_SOURCE:
            reread = reextract_in(s, report, actor=actor, record=record)
        moved = _redate_points(s, report.id, before, day)
        proposals = commitments.propose_progress(s, report)
    if record:
        audit.record(
            s,
            actor=actor,
            action="report.date",
            entity="report",
            entity_id=report.id,
            before={"published_on": before.isoformat() if before else None},
            after={"published_on": day.isoformat(), "points_moved": moved, "proposals": proposals},
        )
    return ReportDated(
        report_id=report.id,
        published_on=day,
        previous=before,
        reextract=reread,
        points_moved=moved,
        proposals=proposals,
    )


def _took_publication(m: Mention, before: date | None) -> bool:
    """The accepted figure's date is the old publication date standing in for a relative phrase
    ("đến nay", "so far"): it was resolved against it, not written with digits."""
    if before is None or m.as_of != before or m.period_start is not None or m.period_end is not None:
        return False
    return not any(c.isdigit() for c in (m.period_text or "") + (m.time_quote or ""))


def _redate_points(s: Session, report_id: int, before: date | None = None, day: date | None = None) -> int:
    """Accepted figures re-observed at the dates they take now (a relative date resolved against
    the old publication date follows the new one); returns how many moved."""
    moved = 0
    for m in stored_reports.accepted_figures(s, report_id):
        if day is not None and _took_publication(m, before):
            m.as_of = day
        old = _when(s, m.observation_id)
        indicator_id = m.indicator_id
        assert indicator_id is not None
        observations.detach(s, m)
        observations.observe(s, m, indicator_id)
        moved += _when(s, m.observation_id) != old
    return moved


def _when(s: Session, observation_id: int | None) -> date | None:
    """The date a point is drawn at (ids say nothing: a deleted point's id may be taken again)."""
    if observation_id is None:
        return None
    return stored_reports.observation_date(s, observation_id)


__all__ = ["date_in", "fill_in", "set_published", "undated_error"]
