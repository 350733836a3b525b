"""What the commitment services return (and the one input they take as a model)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from chiso.services.schemas import Out


class CommitmentSuggestion(Out):
    """An existing commitment that a deadline mention may restate, best first."""

    commitment_id: int
    title: str
    score: float
    #: why it was suggested, for a person ("6/7 words of the action shared", "same due date")
    reasons: list[str] = []


class CommitmentOut(Out):
    """One row of the deadline board: a commitment as it stands on the day asked about."""

    id: int
    title: str
    owner: str | None = None
    programme: str | None = None
    due_start: date | None = None
    due_end: date | None = None
    precision: str
    target_indicator_id: int | None = None
    target_value: float | None = None
    #: stored status: open | met | met_late | missed | dropped
    status: str
    resolved_on: date | None = None
    #: computed for ``on``: met | met_late | missed | dropped | overdue | due_soon | upcoming
    display_status: str
    on: date
    days_left: int | None = None
    days_late: int | None = None
    #: confirmed evidence (events and the evidence of a resolution)
    evidence: int = 0
    #: evidence and due-date changes waiting for a person
    pending_proposals: int = 0
    created_at: datetime
    #: set on a board for a past day: the due range and status are those known on this day
    #: (from the history), not today's
    as_known_on: date | None = None
    #: the day it was first stated (the earliest publication among its reports), on such a board
    stated_on: date | None = None
    #: with a target and two observations of its indicator: whether it is on track
    progress: ProgressOut | None = None


class CommitmentEventOut(Out):
    """One step of a commitment's history."""

    id: int
    commitment_id: int
    at: datetime
    #: created | linked | due_changed | evidence | resolved | reopened | edited | merged | status_changed
    kind: str
    #: proposed | confirmed | rejected
    state: str
    mention_id: int | None = None
    report_id: int | None = None
    report_title: str | None = None
    report_published_on: date | None = None
    on_date: date | None = None
    old_due_start: date | None = None
    old_due_end: date | None = None
    new_due_start: date | None = None
    new_due_end: date | None = None
    status: str | None = None
    #: status_changed: the display status before (``status``: after)
    old_status: str | None = None
    #: the quote a proposal was found in, or a person's note
    note: str | None = None
    actor: str | None = None


class CommitmentSource(Out):
    """A mention that states the commitment, with the report it is quoted from."""

    mention_id: int
    report_id: int
    report_title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    url: str | None = None
    quote: str
    start: int
    end: int
    due_start: date | None = None
    due_end: date | None = None
    precision: str | None = None
    #: the report's story (the id of its first report): syndicated copies share it
    story_id: int | None = None
    #: set on a copy of a story already listed: the mention of that story's first statement
    copy_of: int | None = None


class CommitmentDetail(CommitmentOut):
    """A commitment with its whole history and every quote that states it."""

    events: list[CommitmentEventOut] = []
    sources: list[CommitmentSource] = []
    #: commitments merged into this one (the same promise, made twice); their pages redirect here
    merged_from: list[int] = []
    #: set when this commitment was merged into another: that one holds its history now
    merged_into_id: int | None = None


class DuplicatePair(Out):
    """Two commitments that are probably one promise stated twice (a person decides to merge)."""

    first: CommitmentOut
    second: CommitmentOut
    #: 0..1: shared action words weighed 0.75, closeness of the due dates 0.25
    score: float
    #: the share of action words the titles have in common (both ways, averaged)
    words: float
    days_apart: int | None = None


class ProposalOut(CommitmentEventOut):
    """A proposed event (evidence or due change) with the commitment it is about."""

    commitment_title: str
    commitment_due_start: date | None = None
    commitment_due_end: date | None = None


class CommitmentEdit(BaseModel):
    """Fields a person may change; only the fields given are applied (``None`` clears one).
    ``reason`` is not a field: it is why, kept on the history's event and in the audit entry."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    owner: str | None = None
    programme: str | None = None
    due_start: date | None = None
    due_end: date | None = None
    target_indicator_id: int | None = None
    target_value: float | None = None
    reason: str | None = None


class BoardGroup(Out):
    """One group of the deadline board (``due``: overdue and due soon; ``upcoming``; ``resolved``),
    one page of its rows."""

    key: str
    #: the display statuses it gathers (after the status filter)
    statuses: list[str]
    #: how many commitments it holds in all
    total: int
    offset: int
    limit: int
    items: list[CommitmentOut]

    @property
    def next_offset(self) -> int | None:
        """Where the next page of this group starts, None on its last page."""
        end = self.offset + self.limit
        return end if end < self.total else None


class BoardPage(Out):
    """The deadline board on a day, grouped and paged (:func:`chiso.services.commitments.board_page`)."""

    on: date
    #: commitments per display status on ``on`` before the status filter (for the chips)
    counts: dict[str, int]
    groups: list[BoardGroup]
    #: every owner and programme a filter can name
    owners: list[str]
    programmes: list[str]


__all__ = [
    "BoardGroup",
    "BoardPage",
    "CommitmentDetail",
    "CommitmentEdit",
    "CommitmentEventOut",
    "CommitmentOut",
    "CommitmentSource",
    "CommitmentSuggestion",
    "DuplicatePair",
    "ProposalOut",
]


class OwnerStats(Out):
    """One owner's record (:mod:`chiso.services.commitments.owners` defines every number)."""

    slug: str
    #: the vocabulary's name for it, else the spelling its commitments use most
    name: str
    name_en: str | None = None
    #: government | ministry | ministerial_agency | government_agency | province | city (None: not in the vocabulary)
    kind: str | None = None
    merged_into: str | None = None
    merged_into_slug: str | None = None
    note: str | None = None
    #: the owner texts counted here (as the commitments write them)
    spellings: list[str]
    made: int
    met: int
    met_late: int
    missed: int
    dropped: int
    overdue: int
    #: not resolved (overdue ones included)
    open: int
    #: met + met late + missed + overdue: the denominator of ``kept_on_time``
    due_or_decided: int
    kept_on_time: float | None = None
    median_days_late: float | None = None
    median_days_overdue: float | None = None


class OwnersOut(Out):
    on: date
    owners: list[OwnerStats]
    #: commitments with no owner (not ranked)
    unowned: int = 0


class OwnerSuggestionOut(Out):
    """The owner a deadline mention's sentence or report names."""

    name: str
    name_en: str
    slug: str
    #: sentence | title | publisher | report
    source: str
    #: the words that named it
    words: str
    note: str | None = None


class ProgressOut(Out):
    """How a commitment's target is going (:mod:`chiso.track.progress` says how it is decided)."""

    #: achieved | on_track | needs_acceleration | limited_progress | moving_away
    category: str
    #: cagr (compound annual growth of the level) | linear (absolute change a year, for shares)
    method: str
    base_on: date
    base_value: float
    latest_on: date
    latest_value: float
    target: float
    due: date
    #: a year: a fraction for cagr (0.12 = 12 %), the indicator's units for linear
    observed_rate: float
    required_rate: float
    ratio: float | None = None
