"""What the indicator services take and return (Pydantic), apart from the ORM tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from chiso.catalog.loader import IndicatorSpec, MatchRules, Measure, programme_vi
from chiso.services.schemas import Out


class IndicatorIn(IndicatorSpec):
    """A new indicator as a person or a catalogue file describes it (validated like the YAML)."""


class IndicatorChanges(BaseModel):
    """Fields to change on an indicator; ``None`` leaves a field as it is."""

    model_config = ConfigDict(extra="forbid")

    slug: str | None = None
    name_vi: str | None = None
    name_en: str | None = None
    unit: str | None = None
    short_unit: str | None = None
    decimals: int | None = None
    measure: Measure | None = None
    owner: str | None = None
    programme: str | None = None
    description: str | None = None
    description_vi: str | None = None
    match: MatchRules | None = None


class IndicatorOut(Out):
    id: int
    slug: str
    name_vi: str
    name_en: str
    unit: str
    short_unit: str | None = None
    decimals: int = 0
    measure: str
    owner: str | None = None
    programme: str | None = None
    description: str | None = None
    description_vi: str | None = None
    match_rules: dict[str, Any] = Field(default_factory=dict)
    #: catalog (shipped) | user | learned
    origin: str
    created_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def programme_vi(self) -> str | None:
        """The programme's Vietnamese name ("Đề án 06") when it is one chiso knows."""
        return programme_vi(self.programme)


class MatchReasonOut(Out):
    """One reason for a suggested indicator, language-free: a code of
    ``chiso.catalog.ranking.REASON_CODES`` and the words, shapes or numbers it was seen on."""

    code: str
    terms: list[str] = Field(default_factory=list)


class SuggestionOut(Out):
    indicator_id: int
    slug: str
    name_vi: str
    name_en: str
    score: float
    reasons: list[str]
    #: the reasons as codes and terms (``reasons`` is their terse bilingual wording)
    evidence: list[MatchReasonOut] = Field(default_factory=list)


class ImportResult(Out):
    source: str
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)


__all__ = ["ImportResult", "IndicatorChanges", "IndicatorIn", "IndicatorOut", "SuggestionOut"]
