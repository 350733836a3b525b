"""What the review services take and return: queue items, edits, decisions, automatic runs."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

from chiso.extract.types import Qualifier
from chiso.services.commitments.schemas import OwnerSuggestionOut
from chiso.services.indicators.schemas import MatchReasonOut
from chiso.services.schemas import MentionOut, Out

Measure = Literal["cumulative", "flow", "stock", "rate", "share", "count_of_total"]


class SuggestionOut(Out):
    """A ranked indicator for a figure, with reasons a person can read."""

    indicator_id: int
    slug: str
    name_vi: str
    name_en: str
    score: float
    reasons: list[str] = []
    #: the reasons as codes and terms (``reasons`` is their terse bilingual wording)
    evidence: list[MatchReasonOut] = []


class CommitmentSuggestionOut(Out):
    """An existing tracked commitment a deadline mention may be about."""

    commitment_id: int
    title: str
    score: float
    due_end: date | None = None
    reasons: list[str] = []


class ReportBrief(Out):
    id: int
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published_on: date | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def undated(self) -> bool:
        """No publication date: its mentions wait until a person gives one."""
        return self.published_on is None


class ReviewItem(Out):
    """One pending mention as a reviewer sees it: the quote in its sentence and the suggestions."""

    mention: MentionOut
    report: ReportBrief
    sentence: str
    #: where the quote sits inside ``sentence`` (code points)
    quote_start: int
    quote_end: int
    suggestions: list[SuggestionOut] = []
    commitment_suggestions: list[CommitmentSuggestionOut] = []
    #: for a deadline: who made the promise, as its sentence or report names it
    owner_suggestion: OwnerSuggestionOut | None = None


class MentionEdit(BaseModel):
    """A person's correction of what the extractor read; only the fields set are changed."""

    model_config = ConfigDict(extra="forbid")

    value: float | None = None
    value_max: float | None = None
    qualifier: Qualifier | None = None
    unit: str | None = None
    of_total: float | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    is_target: bool | None = None
    due_start: date | None = None
    due_end: date | None = None
    commitment_text: str | None = None

    @field_validator("is_target", mode="before")
    @classmethod
    def _not_cleared(cls, value: object) -> object:
        # A figure is a target or it is not: an explicit null has nothing to clear to.
        if value is None:
            raise ValueError("is true or false; it cannot be cleared")
        return value

    def changes(self) -> dict[str, object]:
        """The fields the caller set (an explicit None clears a field)."""
        return {k: getattr(self, k) for k in self.model_fields_set}


class IndicatorDraft(BaseModel):
    """A new indicator made from a mention (the fields of the catalogue's IndicatorIn)."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)
    name_vi: str = Field(min_length=1)
    name_en: str | None = None
    unit: str | None = None
    short_unit: str | None = None
    decimals: int = 0
    measure: Measure = "cumulative"
    owner: str | None = None
    programme: str | None = None
    description: str | None = None
    description_vi: str | None = None


Action = Literal["accepted", "rejected", "edited", "reopened"]


class Decision(Out):
    """What one review decision did (one transaction, one audit event)."""

    mention_id: int
    kind: str
    action: Action
    state: str
    actor: str
    quote: str
    indicator: str | None = None
    observation_id: int | None = None
    #: a new point in the series (False when the figure corroborates an existing one)
    observation_created: bool = False
    #: how many independent sources (distinct stories) now support the observation
    source_count: int = 0
    #: the figure comes from a copy of a story already among the point's sources: it is kept as
    #: a source but adds no corroboration
    syndicated_copy: bool = False
    commitment_id: int | None = None
    commitment_created: bool = False
    #: the indicator made from this mention, if any
    indicator_created: bool = False
    audit_id: int
    score: float | None = None


class AutoSkip(Out):
    mention_id: int
    reason: str


class AutoResult(Out):
    """What ``review.auto`` did: the decisions it made and why it left the rest for a person."""

    min_confidence: float
    considered: int
    decisions: list[Decision] = []
    skipped: list[AutoSkip] = []

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for s in self.skipped:
            counts[s.reason] = counts.get(s.reason, 0) + 1
        return counts


__all__ = [
    "Action",
    "AutoResult",
    "AutoSkip",
    "CommitmentSuggestionOut",
    "Decision",
    "IndicatorDraft",
    "MentionEdit",
    "ReportBrief",
    "ReviewItem",
    "SuggestionOut",
]
