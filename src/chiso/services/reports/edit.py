"""Editing a report's details: its title, publisher, source URL and publication date.

Only the fields given change (``None`` clears a title, publisher or URL; a publication date can
be corrected, not removed). A new publication date does what giving one does
(:func:`chiso.services.reports.dates.date_in`): the report is read again with it, accepted
figures whose time came from it move, progress is proposed; the series those points are on are
then checked again (their conflicts counted). All of it is one transaction with one audit entry,
``report.edit``, holding each changed field before and after.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from chiso.errors import InputError
from chiso.services import audit, observations
from chiso.services.reports.dates import date_in
from chiso.services.schemas import ReportDated, ReportEdited
from chiso.store import lookups
from chiso.store import reports as stored_reports
from chiso.store import review as stored_review
from chiso.store.db import Database
from chiso.store.models import Report


class ReportEdit(BaseModel):
    """The details to change; a field left out stays as it is, ``null`` clears it."""

    title: str | None = Field(default=None, max_length=2000)
    publisher: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    #: the publication date (it can be corrected, not removed)
    published: date | None = None


_TEXT_FIELDS = ("title", "publisher", "url")


def _clean(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    if "\x00" in value:
        raise InputError("field_has_nul", field=field)
    return value.strip() or None


def edit_report(db: Database, report_id: int, edit: ReportEdit, *, actor: str) -> ReportEdited:
    """Change a report's details (see the module docstring); nothing given, nothing changed."""
    given = edit.model_fields_set
    if "published" in given and edit.published is None:
        raise InputError("published_format", value="")
    slugs: set[str] = set()
    with db.transaction() as s:
        report = lookups.get(s, Report, report_id)
        changed: dict[str, list[str | None]] = {}
        for field in _TEXT_FIELDS:
            if field not in given:
                continue
            new = _clean(field, getattr(edit, field))
            old = getattr(report, field)
            if new != old:
                changed[field] = [old, new]
                setattr(report, field, new)
        dated: ReportDated | None = None
        if edit.published is not None and edit.published != report.published_on:
            before = report.published_on
            changed["published_on"] = [before.isoformat() if before else None, edit.published.isoformat()]
            dated = date_in(s, report, edit.published, actor=actor, record=False)
        if not changed:
            return ReportEdited(report_id=report_id)
        s.flush()
        if dated is not None:
            for m in stored_reports.accepted_figures(s, report_id):
                if m.indicator_id is not None and m.observation_id is not None:
                    slug = stored_review.indicator_slug(s, m.indicator_id)
                    if slug is not None:
                        slugs.add(slug)
        after: dict[str, object] = {k: v[1] for k, v in changed.items()}
        if dated is not None:
            after.update(points_moved=dated.points_moved, proposals=dated.proposals)
            if dated.reextract is not None:
                after["reextract"] = dated.reextract.model_dump(exclude={"report_id"})
        audit.record(
            s,
            actor=actor,
            action="report.edit",
            entity="report",
            entity_id=report_id,
            before={k: v[0] for k, v in changed.items()},
            after=after,
        )
    # The series checks run over the points as they are now (conflicts are read, not stored).
    found = sum(len(observations.conflicts(db, indicator=slug)) for slug in sorted(slugs))
    return ReportEdited(report_id=report_id, changed=changed, dated=dated, conflicts=found)


__all__ = ["ReportEdit", "edit_report"]
