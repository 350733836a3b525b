"""What the service layer returns: Pydantic models, kept apart from the ORM tables.

The CLI prints them, the web app renders them and the JSON API returns them as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MentionOut(Out):
    id: int
    report_id: int
    kind: str
    start: int
    end: int
    quote: str
    value: float | None = None
    value_max: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    unit_head: str | None = None
    of_total: float | None = None
    is_change: bool = False
    is_target: bool = False
    period_text: str | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    #: where the figure's time came from (sentence | context | published) and the phrase that
    #: dated it: text[time_start:time_end] == time_quote (None when it is the publication date)
    time_source: str | None = None
    time_quote: str | None = None
    time_start: int | None = None
    time_end: int | None = None
    time_precision: str | None = None
    #: the comparison base as written, never the figure's own time
    base_period: str | None = None
    due_start: date | None = None
    due_end: date | None = None
    precision: str | None = None
    commitment_text: str | None = None
    trigger: str | None = None
    confidence: float
    state: str
    indicator_id: int | None = None
    commitment_id: int | None = None
    observation_id: int | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None


class ReportSummary(Out):
    id: int
    title: str | None
    publisher: str | None
    url: str | None
    published_on: date | None
    added_at: datetime
    lang: str
    source_kind: str
    figures: int = 0
    deadlines: int = 0
    pending: int = 0
    story_id: int | None = None
    #: when the report was retracted (None: it stands), by whom and why
    retracted_at: datetime | None = None
    retracted_by: str | None = None
    retracted_reason: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def undated(self) -> bool:
        """No publication date was found: nothing of it can be accepted until a person gives one."""
        return self.published_on is None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def retracted(self) -> bool:
        """Withdrawn: still readable, but it gives no point, commitment link or evidence."""
        return self.retracted_at is not None


class OriginalOut(Out):
    """The archived original a report was read from, as received."""

    content_type: str | None = None
    #: the SHA-256 of the bytes, in hex
    sha256: str
    size: int


class ReportDetail(ReportSummary):
    text: str
    sha256: str
    final_url: str | None = None
    author: str | None = None
    fetched_at: datetime | None = None
    extractor_version: str
    licence: str | None = None
    #: the archived original (None: none kept: an import, or a text file or paste stored before 0008)
    original: OriginalOut | None = None
    mentions: list[MentionOut] = []
    #: other reports of the same story (syndicated or lightly edited copies)
    also_published_by: list[ReportSummary] = []


class AddReportResult(Out):
    report_id: int
    created: bool
    figures: int
    deadlines: int
    title: str | None = None
    #: the id of the first report of the same story when this one is a near duplicate
    story_id: int | None = None
    #: the text was stored already without a date, and this addition gave it one
    dated: bool = False
    #: no publication date was found or given: nothing of it can be accepted until one is
    undated: bool = False


class ReextractResult(Out):
    """What re-reading one stored report with the current extractor changed."""

    report_id: int
    old_version: str
    new_version: str
    #: mentions a person had accepted or rejected, left as they were
    decided_kept: int
    #: pending mentions found again exactly as before (their ids kept)
    unchanged: int
    #: pending mentions no longer found, or found differently
    removed: int
    #: mentions found now that were not there
    added: int


class ReportDated(Out):
    """What giving a report its publication date changed."""

    report_id: int
    published_on: date
    #: the date it had before (None: it was undated)
    previous: date | None = None
    #: the report read again with the date (None when the date did not change, or for an import)
    reextract: ReextractResult | None = None
    #: accepted points that moved to another date
    points_moved: int = 0
    #: progress on open commitments proposed from it
    proposals: int = 0


class ReportEdited(Out):
    """What editing a report's details changed."""

    report_id: int
    #: the fields that changed, each with its value before and after
    changed: dict[str, list[str | None]] = {}
    #: the new publication date's effects (None when the date did not change)
    dated: ReportDated | None = None
    #: the conflicts the series of the points it supports have now
    conflicts: int = 0


class ReportRetracted(Out):
    """What retracting a report took away."""

    report_id: int
    retracted_at: datetime
    reason: str
    #: observations deleted (no other report supported them) and detached from it
    observations_deleted: int = 0
    observations_detached: int = 0
    #: mentions no longer supporting a commitment
    commitment_links: int = 0
    #: commitment evidence and due-date changes from it, proposed or confirmed, now rejected
    commitment_events: int = 0
    audit_id: int


class AuditOut(Out):
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


__all__ = [
    "AddReportResult",
    "AuditOut",
    "MentionOut",
    "OriginalOut",
    "Out",
    "ReextractResult",
    "ReportDated",
    "ReportDetail",
    "ReportEdited",
    "ReportRetracted",
    "ReportSummary",
]
