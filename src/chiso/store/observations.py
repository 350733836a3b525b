"""The queries behind observations: an indicator's points and their accepted sources, pages of
points in a keyset order, which indicators have data, the observed points of many series at once
for the dashboard, and the rows recording a figure reads and locks.

Each function takes the caller's session (the unit of work stays the service's) and returns
rows of selected columns, ORM objects or plain values, never a service schema. Read paths select
columns, not entities, and run a bounded number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    String,
    and_,
    distinct,
    func,
    literal,
    select,
    true,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session

from chiso.store.models import Indicator, Mention, Observation, PublisherLicence, Report

#: a result row of selected columns (read by attribute name, or by position in the hot loops)
Row = Any

#: the observation columns every point is built from, in this order (rows of
#: :func:`point_rows` and :func:`observed_rows` are read by position)
POINT_FIELDS = (
    "id",
    "indicator_id",
    "value",
    "value_max",
    "qualifier",
    "of_total",
    "as_of",
    "period_start",
    "period_end",
    "ref_date",
    "is_target",
)
_POINT_COLS = tuple(getattr(Observation, f) for f in POINT_FIELDS)
#: the indicator columns a point names
_BRIEF_COLS = (
    Indicator.id,
    Indicator.slug,
    Indicator.name_vi,
    Indicator.name_en,
    Indicator.unit,
    Indicator.short_unit,
    Indicator.decimals,
    Indicator.measure,
    Indicator.programme,
)
#: _POINT_COLS with the dates as the driver gives them: SQLite stores ISO text, and parsing four
#: dates per row cost more than the rest of a dashboard's series work. Within one database the
#: raw values compare and sort like the dates (ISO text or date objects); the service converts
#: the few that are shown.
_RAW_POINT_COLS = (
    *_POINT_COLS[:6],
    *(type_coerce(c, String).label(c.key) for c in _POINT_COLS[6:10]),
)
#: the keyset order of observation pages (and of the whole list)
_PAGE_ORDER = (Indicator.slug, Observation.ref_date, Observation.is_target, Observation.value, Observation.id)


def _rows(s: Session, q: Executable) -> Sequence[Row]:
    """The rows of a column query, through Core (no ORM result machinery: columns only), fetched
    at once (iterating a result fetches row by row)."""
    return s.connection().execute(q).all()


def _points_where(indicator_id: int | None, ids: Collection[int] | None) -> ColumnElement[bool]:
    conds: list[ColumnElement[bool]] = []
    if indicator_id is not None:
        conds.append(Observation.indicator_id == indicator_id)
    if ids is not None:
        conds.append(Observation.id.in_(list(ids)))
    return and_(*conds) if conds else true()


# --- indicators ----------------------------------------------------------------------------------


def indicator_brief(s: Session, slug: str) -> Row | None:
    """The indicator columns a point names, of the indicator ``slug`` (None when there is none)."""
    return s.execute(select(*_BRIEF_COLS).where(Indicator.slug == slug)).first()


def indicator_briefs(s: Session) -> dict[int, Row]:
    """Every indicator's brief columns, by id."""
    return {r.id: r for r in s.execute(select(*_BRIEF_COLS))}


def indicator_briefs_by_id(s: Session, ids: Collection[int]) -> dict[int, Row]:
    """The brief columns of the indicators ``ids``, by id (a page's indicators, not all of them)."""
    if not ids:
        return {}
    return {r.id: r for r in _rows(s, select(*_BRIEF_COLS).where(Indicator.id.in_(sorted(ids))))}


def indicator_briefs_of(s: Session, slugs: Collection[str] | None = None) -> dict[int, Row]:
    """The brief columns of the indicators ``slugs`` (default all), by id, read through Core."""
    q = select(*_BRIEF_COLS)
    if slugs is not None:
        q = q.where(Indicator.slug.in_(sorted(slugs)))
    return {r.id: r for r in _rows(s, q)}


def measures(s: Session) -> dict[str, str]:
    """Every indicator's measure (stock, flow, cumulative ...) by slug."""
    return {r.slug: r.measure for r in s.execute(select(Indicator.slug, Indicator.measure))}


def with_data(s: Session) -> Sequence[Row]:
    """(slug, programme, has) per indicator in catalogue order (programme, then slug; no programme
    last): ``has`` is whether it has an observed (not target) point. One query: an ``EXISTS`` per
    indicator through ``ix_observation_indicator_date``; no indicator is loaded whole."""
    has = (
        select(Observation.id)
        .where(Observation.indicator_id == Indicator.id, Observation.is_target.is_(False))
        .exists()
    )
    q = select(Indicator.slug, Indicator.programme, has.label("has")).order_by(
        Indicator.programme.nulls_last(), Indicator.slug
    )
    return _rows(s, q)


# --- points and their sources --------------------------------------------------------------------


def point_rows(
    s: Session, *, indicator_id: int | None = None, ids: Collection[int] | None = None
) -> Sequence[Row]:
    """The :data:`POINT_FIELDS` of the observations of one indicator, of the ids given, or all."""
    return s.execute(select(*_POINT_COLS).where(_points_where(indicator_id, ids))).all()


def source_rows(
    s: Session, *, indicator_id: int | None = None, ids: Collection[int] | None = None
) -> Sequence[Row]:
    """The accepted mentions (with their reports' columns) of the observations :func:`point_rows`
    selects with the same arguments."""
    q = (
        select(
            Mention.observation_id,
            Mention.id,
            Mention.quote,
            Mention.start,
            Mention.end,
            Mention.time_source,
            Mention.time_quote,
            Mention.time_start,
            Mention.time_end,
            Report.id.label("report_id"),
            Report.title,
            Report.publisher,
            Report.url,
            Report.published_on,
            # the report's own licence, else its publisher's (the settings' default is the caller's)
            func.coalesce(Report.licence, PublisherLicence.licence).label("licence"),
            Report.story_id,
            # the day the report was read: fetched, else added
            func.coalesce(Report.fetched_at, Report.added_at).label("accessed_at"),
        )
        .join(Report, Report.id == Mention.report_id)
        .outerjoin(PublisherLicence, PublisherLicence.publisher == Report.publisher)
        .join(Observation, Observation.id == Mention.observation_id)
        .where(Mention.state == "accepted", _points_where(indicator_id, ids))
    )
    return s.execute(q).all()


def page_keys(
    s: Session,
    *,
    indicator_id: int | None = None,
    programme: str | None = None,
    since: date | None = None,
    until: date | None = None,
    qualifier: str | None = None,
    target: bool | None = None,
    after: tuple[str, date, bool, float, int] | None = None,
    before: tuple[str, date, bool, float, int] | None = None,
    from_end: bool = False,
    count_upto: int | None = None,
    limit: int,
    offset: int = 0,
) -> tuple[int | None, Sequence[Row]]:
    """The keys of one page of observations in the order (slug, ref_date, is_target, value, id),
    filtered, starting after the key ``after`` (a keyset: the order's index finds it) or at
    ``offset``; or the ``limit`` rows that end just before the key ``before`` (or, ``from_end``,
    the last ones), read backwards through the same index and returned in order. Each row is
    (id, slug, ref_date, is_target, value). With ``count_upto``, also how many observations match,
    counted up to that many and no further (else None): an exact count of a million rows scans
    them all."""
    conds: list[ColumnElement[bool]] = []
    if indicator_id is not None:
        conds.append(Observation.indicator_id == indicator_id)
    if programme:
        conds.append(Indicator.programme == programme)
    if since is not None:
        conds.append(Observation.ref_date >= since)
    if until is not None:
        conds.append(Observation.ref_date <= until)
    if qualifier:
        conds.append(Observation.qualifier == qualifier)
    if target is not None:
        conds.append(Observation.is_target.is_(target))
    where = and_(true(), *conds)
    joined = select(Observation.id).join(Indicator, Indicator.id == Observation.indicator_id).where(where)
    total = None
    if count_upto is not None:
        total = s.scalar(select(func.count()).select_from(joined.limit(count_upto).subquery())) or 0
    backwards = before is not None or from_end
    if after is not None:
        joined = joined.where(tuple_(*_PAGE_ORDER) > tuple_(*(literal(v) for v in after)))
    if before is not None:
        joined = joined.where(tuple_(*_PAGE_ORDER) < tuple_(*(literal(v) for v in before)))
    order = [c.desc() for c in _PAGE_ORDER] if backwards else list(_PAGE_ORDER)
    keyed = s.execute(joined.add_columns(*_PAGE_ORDER[:-1]).order_by(*order).limit(limit).offset(offset)).all()
    return total, keyed[::-1] if backwards else keyed


# --- many series at once (the dashboard) ---------------------------------------------------------


def observed_rows(s: Session, indicator_ids: Collection[int] | None = None) -> Sequence[Row]:
    """The observed (not target) points of the indicators ``indicator_ids`` (default all), as
    :data:`POINT_FIELDS` with the dates raw (ISO text on SQLite, see ``_RAW_POINT_COLS``), in the
    order of ``ix_observation_indicator_date`` (indicator, then date; no sort step)."""
    q = select(*_RAW_POINT_COLS).where(Observation.is_target.is_(False))
    if indicator_ids is not None:
        q = q.where(Observation.indicator_id.in_(list(indicator_ids)))
    return _rows(s, q.order_by(Observation.indicator_id, Observation.ref_date))


def observed_values(s: Session, indicator_ids: Collection[int]) -> Sequence[Row]:
    """The observed (not target) points of the indicators ``indicator_ids`` as (``id``,
    ``indicator_id``, ``ref_date``, ``value``, ``measure``: its indicator's), oldest first: what
    progress towards a target is measured on, in one statement."""
    o = Observation
    return _rows(
        s,
        select(o.id, o.indicator_id, o.ref_date, o.value, Indicator.measure)
        .join(Indicator, Indicator.id == o.indicator_id)
        .where(o.is_target.is_(False), o.indicator_id.in_(list(indicator_ids)))
        .order_by(o.indicator_id, o.ref_date),
    )


def observed_point_rows(s: Session, indicator_ids: Collection[int]) -> Sequence[Row]:
    """The observed (not target) points of the indicators ``indicator_ids`` as :data:`POINT_FIELDS`."""
    return _rows(
        s,
        select(*_POINT_COLS).where(
            Observation.is_target.is_(False), Observation.indicator_id.in_(list(indicator_ids))
        ),
    )


def source_counts(s: Session, ids: Collection[int]) -> dict[int, int]:
    """How many independent sources state each observation of ``ids``: distinct stories among its
    accepted mentions (a syndicated copy adds nothing), by ``GROUP BY``."""
    story = func.coalesce(Report.story_id, Report.id)
    counts = _rows(
        s,
        select(Mention.observation_id, func.count(distinct(story)))
        .join(Report, Report.id == Mention.report_id)
        .where(Mention.observation_id.in_(list(ids)), Mention.state == "accepted")
        .group_by(Mention.observation_id),
    )
    return {oid: n for oid, n in counts if oid is not None}


# --- recording -----------------------------------------------------------------------------------


def lock_indicator(s: Session, indicator_id: int) -> None:
    """Serialise writers of one indicator's series (PostgreSQL row lock; SQLite writers already
    queue on BEGIN IMMEDIATE), so that two accepts cannot both create the same point."""
    s.execute(select(Indicator.id).where(Indicator.id == indicator_id).with_for_update())


def up_to(s: Session, indicator_id: int, ref_date: date) -> Sequence[Observation]:
    """The observations of an indicator drawn on or before ``ref_date``, the latest first (then by id)."""
    return s.scalars(
        select(Observation)
        .where(Observation.indicator_id == indicator_id, Observation.ref_date <= ref_date)
        .order_by(Observation.ref_date.desc(), Observation.id)
    ).all()


def is_supported(s: Session, observation_id: int) -> bool:
    """Whether any mention still supports the observation."""
    return s.scalar(select(Mention.id).where(Mention.observation_id == observation_id).limit(1)) is not None


__all__ = [
    "POINT_FIELDS",
    "Row",
    "indicator_brief",
    "indicator_briefs",
    "indicator_briefs_by_id",
    "indicator_briefs_of",
    "is_supported",
    "lock_indicator",
    "measures",
    "observed_point_rows",
    "observed_rows",
    "observed_values",
    "page_keys",
    "point_rows",
    "source_counts",
    "source_rows",
    "up_to",
    "with_data",
]
