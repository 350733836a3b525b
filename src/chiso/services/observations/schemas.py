"""What the observation services return: time series points with their sources, conflicts, exports."""

from __future__ import annotations

from datetime import date
from typing import Literal

from chiso.services.schemas import Out
from chiso.track.series import ConflictKind


class SourceOut(Out):
    """One accepted mention that supports an observation, with the report it came from."""

    mention_id: int
    report_id: int
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published_on: date | None = None
    #: the report's licence, else its publisher's (exports add the settings' default)
    licence: str | None = None
    #: the day the report was read (fetched, else added): a citation's access date
    accessed_on: date | None = None
    quote: str
    start: int
    end: int
    #: where the figure's time came from (sentence | context | published) and the phrase that
    #: dated it, with its offsets into the report's text when it has them
    time_source: str | None = None
    time_quote: str | None = None
    time_start: int | None = None
    time_end: int | None = None
    #: the story the report belongs to (the id of its first report): syndicated copies share it
    story_id: int | None = None
    #: set on a copy of a story already among the point's sources: the mention of that story's
    #: first source here (a copy is shown under it and does not count as corroboration)
    copy_of: int | None = None


class ObservationOut(Out):
    id: int
    indicator: str
    indicator_name_vi: str
    indicator_name_en: str
    unit: str
    value: float
    value_max: float | None = None
    qualifier: str
    of_total: float | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    #: where the point is drawn: as_of, else period_end, else the publication date
    ref_date: date
    is_target: bool = False
    #: how many independent sources state this value: distinct stories (a syndicated copy of a
    #: story already counted adds nothing)
    source_count: int
    sources: list[SourceOut] = []
    #: accepted mentions from copies of a story already counted (listed in ``sources`` too)
    copies: int = 0


class IndicatorBrief(Out):
    slug: str
    name_vi: str
    name_en: str
    unit: str
    short_unit: str | None = None
    decimals: int = 0
    measure: str
    programme: str | None = None


class SeriesOut(Out):
    indicator: IndicatorBrief
    points: list[ObservationOut]


class RecentPoint(Out):
    """A point of a series as drawn (one per date): for sparklines."""

    date: date
    value: float


class LatestOut(Out):
    """One dashboard row: an indicator's latest value and its change since the previous point."""

    indicator: IndicatorBrief
    observation_id: int
    value: float
    value_max: float | None = None
    qualifier: str
    ref_date: date
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    #: independent sources of the latest value (distinct stories)
    source_count: int
    points: int
    previous_value: float | None = None
    previous_date: date | None = None
    change: float | None = None
    #: the last dates of the series, one point per date, oldest first (when asked for)
    recent: list[RecentPoint] = []
    #: the kinds of conflict the series has (``find_conflicts``), empty when none
    conflicts: list[ConflictKind] = []


class ConflictOut(Out):
    """Observations of one indicator that cannot all be true."""

    kind: ConflictKind
    indicator: str
    indicator_name_vi: str
    #: the date the clash is about (the later date for a cumulative decrease)
    ref_date: date
    message: str
    observations: list[ObservationOut]


class ObservationPage(Out):
    """One page of observations and how many match in all."""

    #: how many match, counted up to ``COUNT_UPTO`` (``total_exact`` false: at least that many)
    total: int
    total_exact: bool = True
    limit: int
    offset: int
    items: list[ObservationOut]
    #: where the next page starts (None on the last page)
    next_cursor: str | None = None
    #: where the page before ends (None on the first page)
    prev_cursor: str | None = None


class ProgrammeTracked(Out):
    programme: str | None = None
    programme_vi: str | None = None
    #: slugs of the programme's indicators with data, in catalogue order
    slugs: list[str]


class TrackedOut(Out):
    """Which indicators have data, by programme (see ``observations.tracked``)."""

    #: indicators in all, with data or not
    indicators: int
    programmes: list[ProgrammeTracked]

    @property
    def slugs(self) -> set[str]:
        return {slug for p in self.programmes for slug in p.slugs}


class ImportResult(Out):
    rows: int
    observations_created: int
    sources_added: int
    #: rows whose source was already stored for that observation
    unchanged: int
    indicators_created: list[str] = []


ExportFormat = Literal["csv", "xlsx", "json"]

__all__ = [
    "ConflictKind",
    "ConflictOut",
    "ExportFormat",
    "ImportResult",
    "IndicatorBrief",
    "LatestOut",
    "ObservationOut",
    "ObservationPage",
    "ProgrammeTracked",
    "RecentPoint",
    "SeriesOut",
    "SourceOut",
    "TrackedOut",
]
