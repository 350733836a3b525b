"""Observations: accepted figures as indicator time series with provenance, and their conflicts.

An accepted figure mention supports exactly one observation. The same value for the same
indicator and date from several reports is one observation with several sources; a newer
report repeating an old "đến nay" figure joins the old point instead of making a new one.

Two values for the same indicator and date are compared as intervals (a stated value covers
what rounding and its qualifier allow), so "hơn 67 triệu" and "67,2 triệu" agree while
"67 triệu" and "62 triệu" conflict.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal, overload

from sqlalchemy import ColumnElement, Executable, String, and_, func, select, true, type_coerce
from sqlalchemy.orm import Session

from chiso.catalog.loader import canonical_programme, programme_vi
from chiso.errors import NotFoundError
from chiso.services import audit
from chiso.services.observation_schemas import (
    ConflictKind,
    ConflictOut,
    IndicatorBrief,
    LatestOut,
    ObservationOut,
    ObservationPage,
    ProgrammeTracked,
    RecentPoint,
    SeriesOut,
    SourceOut,
    TrackedOut,
)
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention, Observation, Report

# --- comparing two stated values ---------------------------------------------------------------

#: the most a rounded figure is taken to stray from its true value (relative); "67 triệu" covers
#: 66.5-67.5 million by its digits, but "100" should not cover 50-150, so the half-step is capped.
MAX_ROUNDING = 0.02
#: how far "khoảng"/"about" and "gần"/"nearly" reach (relative) beyond rounding
APPROXIMATE = 0.05

Verdict = Literal["same", "agree", "conflict"]


@dataclass(frozen=True, slots=True)
class Stated:
    """A value as a report states it: number, optional upper bound, qualifier and denominator."""

    value: float
    qualifier: str = "exact"
    value_max: float | None = None
    of_total: float | None = None


def _step(v: float) -> float:
    """The rounding step the written digits suggest: 67e6 -> 1e6, 67.2e6 -> 1e5, 85.3 -> 0.1."""
    a = abs(v)
    if a == 0 or not math.isfinite(a):
        return 0.0
    d = Decimal(repr(a)).normalize()
    exponent = d.as_tuple().exponent
    return float(Decimal(10) ** exponent) if isinstance(exponent, int) else 0.0


def tolerance(v: float) -> float:
    return min(_step(v) / 2, MAX_ROUNDING * abs(v))


def interval(s: Stated) -> tuple[float, float]:
    """The true values a stated figure is compatible with."""
    v, tol = s.value, tolerance(s.value)
    approx = max(tol, APPROXIMATE * abs(v))
    if s.value_max is not None:
        return (v - tol, s.value_max + tolerance(s.value_max))
    q = s.qualifier or "exact"
    if q in ("more_than", "at_least"):
        return (v - tol, math.inf)
    if q in ("less_than", "at_most"):
        return (-math.inf, v + tol)
    if q == "about":
        return (v - approx, v + approx)
    if q == "nearly":
        return (v - approx, v + tol)
    return (v - tol, v + tol)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def compare(a: Stated, b: Stated) -> Verdict:
    """``same`` when both state the same thing, ``agree`` when both can be true, else ``conflict``."""
    if (
        _close(a.value, b.value)
        and _close(a.value_max, b.value_max)
        and _close(a.of_total, b.of_total)
        and (a.qualifier or "exact") == (b.qualifier or "exact")
    ):
        return "same"
    if a.of_total is not None and b.of_total is not None and not _close(a.of_total, b.of_total):
        return "conflict"
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    # Strict: "67 triệu" (66.5-67.5) and "68 triệu" (67.5-68.5) only touch, so they conflict.
    return "agree" if lo_a < hi_b and lo_b < hi_a else "conflict"


def stated(o: Observation) -> Stated:
    return Stated(value=o.value, qualifier=o.qualifier, value_max=o.value_max, of_total=o.of_total)


# --- from an accepted mention to an observation (inside the caller's unit of work) ----------------

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class ObservationDates:
    as_of: date | None
    period_start: date | None
    period_end: date | None
    ref_date: date
    #: the date is the publication date standing in for "đến nay"/"so far", not one the text gives
    inferred: bool


def observation_dates(mention: Mention, report: Report) -> ObservationDates:
    """The dates an observation takes from its mention; the publication date only when the text
    gives none of its own (a "đến nay" figure stands as of the day it was published)."""
    if mention.period_start is not None or mention.period_end is not None:
        ref = mention.as_of or mention.period_end or mention.period_start
        assert ref is not None
        return ObservationDates(mention.as_of, mention.period_start, mention.period_end, ref, inferred=False)
    published = report.published_on
    if mention.as_of is not None:
        # The extractor resolves "đến nay" to the publication date; a written date has digits.
        inferred = mention.as_of == published and not _DIGIT.search(mention.period_text or "")
        return ObservationDates(mention.as_of, None, None, mention.as_of, inferred=inferred)
    if published is not None:
        return ObservationDates(published, None, None, published, inferred=True)
    return ObservationDates(None, None, None, report.added_at.date(), inferred=True)


def _lock_indicator(session: Session, indicator_id: int) -> None:
    """Serialise writers of one indicator's series (PostgreSQL row lock; SQLite writers already
    queue on BEGIN IMMEDIATE), so that two accepts cannot both create the same point."""
    session.execute(select(Indicator.id).where(Indicator.id == indicator_id).with_for_update())


def _same_point(o: Observation, s: Stated, is_target: bool) -> bool:
    return o.is_target == is_target and compare(stated(o), s) == "same"


def find_or_create(
    session: Session,
    indicator_id: int,
    s: Stated,
    dates: ObservationDates,
    *,
    is_target: bool = False,
) -> tuple[Observation, bool]:
    """The observation these values and dates belong to, created when there is none yet."""
    _lock_indicator(session, indicator_id)
    candidates = session.scalars(
        select(Observation)
        .where(Observation.indicator_id == indicator_id, Observation.ref_date <= dates.ref_date)
        .order_by(Observation.ref_date.desc(), Observation.id)
    ).all()
    for o in candidates:
        if (o.as_of, o.period_start, o.period_end) == (
            dates.as_of,
            dates.period_start,
            dates.period_end,
        ) and _same_point(o, s, is_target):
            return o, False
    if dates.inferred and not is_target:
        # A newer report repeating the latest earlier figure word for word is not a new point.
        earlier = [
            o
            for o in candidates
            if o.ref_date < dates.ref_date and not o.is_target and o.period_start is None
        ]
        if earlier and any(
            _same_point(o, s, is_target) for o in earlier if o.ref_date == earlier[0].ref_date
        ):
            return next(
                o for o in earlier if o.ref_date == earlier[0].ref_date and _same_point(o, s, is_target)
            ), False
    o = Observation(
        indicator_id=indicator_id,
        value=s.value,
        value_max=s.value_max,
        qualifier=s.qualifier or "exact",
        of_total=s.of_total,
        as_of=dates.as_of,
        period_start=dates.period_start,
        period_end=dates.period_end,
        ref_date=dates.ref_date,
        is_target=is_target,
        created_at=audit.now(),
    )
    session.add(o)
    session.flush()
    return o, True


def observe(session: Session, mention: Mention, indicator_id: int) -> tuple[Observation, bool]:
    """Make ``mention`` (a figure being accepted) support an observation of the indicator.

    Runs inside the caller's unit of work; returns the observation and whether it is new.
    """
    assert mention.value is not None, "only figures with a value become observations"
    s = Stated(mention.value, mention.qualifier or "exact", mention.value_max, mention.of_total)
    o, created = find_or_create(
        session, indicator_id, s, observation_dates(mention, mention.report), is_target=mention.is_target
    )
    mention.observation_id = o.id
    mention.indicator_id = indicator_id
    return o, created


def detach(session: Session, mention: Mention) -> int | None:
    """Take ``mention`` off its observation; delete the observation when nothing else supports it.

    Returns the id of a deleted observation.
    """
    oid = mention.observation_id
    mention.observation_id = None
    if oid is None:
        return None
    session.flush()
    others = session.scalar(select(Mention.id).where(Mention.observation_id == oid).limit(1))
    if others is None:
        o = session.get(Observation, oid)
        if o is not None:
            session.delete(o)
            session.flush()
            return oid
    return None


# --- reading ------------------------------------------------------------------------------------

#: a result row of selected columns (read by attribute name)
_Row = Any
#
# Read paths select columns, not entities, and run a bounded number of queries whatever the
# number of rows. Models are built with their constructors: with pydantic-core's validation,
# ``model_construct`` measured slower (2,304 sparkline points: 12 ms against 3.4 ms).

#: the observation columns every point is built from
_POINT_COLS = (
    Observation.id,
    Observation.indicator_id,
    Observation.value,
    Observation.value_max,
    Observation.qualifier,
    Observation.of_total,
    Observation.as_of,
    Observation.period_start,
    Observation.period_end,
    Observation.ref_date,
    Observation.is_target,
)
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


def _brief_row(r: _Row) -> IndicatorBrief:
    return IndicatorBrief(
        slug=r.slug,
        name_vi=r.name_vi,
        name_en=r.name_en,
        unit=r.unit,
        short_unit=r.short_unit,
        decimals=r.decimals,
        measure=r.measure,
        programme=r.programme,
    )


def _source_key(src: SourceOut) -> tuple[date, int, int]:
    return (src.published_on or date.min, src.report_id, src.mention_id)


def _sources(s: Session, where: ColumnElement[bool]) -> dict[int, list[SourceOut]]:
    """Accepted mentions (with their reports) of the observations ``where`` selects, per observation."""
    q = (
        select(
            Mention.observation_id,
            Mention.id,
            Mention.quote,
            Mention.start,
            Mention.end,
            Report.id.label("report_id"),
            Report.title,
            Report.publisher,
            Report.url,
            Report.published_on,
            Report.licence,
        )
        .join(Report, Report.id == Mention.report_id)
        .join(Observation, Observation.id == Mention.observation_id)
        .where(Mention.state == "accepted", where)
    )
    out: dict[int, list[SourceOut]] = defaultdict(list)
    for r in s.execute(q):
        out[r.observation_id].append(
            SourceOut(
                mention_id=r.id,
                report_id=r.report_id,
                title=r.title,
                publisher=r.publisher,
                url=r.url,
                published_on=r.published_on,
                licence=r.licence,
                quote=r.quote,
                start=r.start,
                end=r.end,
            )
        )
    for srcs in out.values():
        srcs.sort(key=_source_key)
    return out


def _point(r: _Row, ind: _Row, sources: list[SourceOut]) -> ObservationOut:
    return ObservationOut(
        id=r.id,
        indicator=ind.slug,
        indicator_name_vi=ind.name_vi,
        indicator_name_en=ind.name_en,
        unit=ind.unit,
        value=r.value,
        value_max=r.value_max,
        qualifier=r.qualifier,
        of_total=r.of_total,
        as_of=r.as_of,
        period_start=r.period_start,
        period_end=r.period_end,
        ref_date=r.ref_date,
        is_target=bool(r.is_target),
        source_count=len(sources),
        sources=sources,
    )


def _order_key(x: ObservationOut) -> tuple[str, date, bool, float, int]:
    return (x.indicator, x.ref_date, x.is_target, x.value, x.id)


def _points(
    s: Session, where: ColumnElement[bool] | None = None, inds: dict[int, _Row] | None = None
) -> list[ObservationOut]:
    """The observations ``where`` selects (of the indicators ``inds``, default all), with their
    sources, in series order."""
    cond: ColumnElement[bool] = where if where is not None else true()
    if inds is None:
        inds = {r.id: r for r in s.execute(select(*_BRIEF_COLS))}
    sources = _sources(s, cond)
    rows = s.execute(select(*_POINT_COLS).where(cond))
    out = [_point(r, inds[r.indicator_id], sources.get(r.id, [])) for r in rows]
    out.sort(key=_order_key)
    return out


def _indicator_row(s: Session, slug: str) -> _Row:
    ind = s.execute(select(*_BRIEF_COLS).where(Indicator.slug == slug)).first()
    if ind is None:
        raise NotFoundError(f"no indicator with slug {slug!r} (see `chiso indicator list`)")
    return ind


def list_observations(db: Database, indicator: str | None = None) -> list[ObservationOut]:
    """Every observation (of one indicator when a slug is given) with its sources."""
    with db.reading() as s:
        if indicator is None:
            return _points(s)
        ind = _indicator_row(s, indicator)
        return _points(s, Observation.indicator_id == ind.id, {ind.id: ind})


def page_observations(
    db: Database,
    *,
    indicator: str | None = None,
    programme: str | None = None,
    since: date | None = None,
    until: date | None = None,
    qualifier: str | None = None,
    target: bool | None = None,
    limit: int = 100,
    offset: int = 0,
) -> ObservationPage:
    """One page of observations (the order of :func:`list_observations`), filtered and counted in SQL."""
    conds: list[ColumnElement[bool]] = []
    with db.reading() as s:
        if indicator is not None:
            conds.append(Observation.indicator_id == _indicator_row(s, indicator).id)
        if programme:
            conds.append(Indicator.programme == canonical_programme(programme))
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
        total = s.scalar(select(func.count()).select_from(joined.subquery())) or 0
        ids = list(
            s.scalars(
                joined.order_by(
                    Indicator.slug,
                    Observation.ref_date,
                    Observation.is_target,
                    Observation.value,
                    Observation.id,
                )
                .limit(limit)
                .offset(offset)
            )
        )
        items = _points(s, Observation.id.in_(ids)) if ids else []
    return ObservationPage(total=total, limit=limit, offset=offset, items=items)


def series(db: Database, slug: str) -> SeriesOut:
    """One indicator's points in date order, each with the quotes and reports that support it."""
    with db.reading() as s:
        ind = _indicator_row(s, slug)
        points = _points(s, Observation.indicator_id == ind.id, {ind.id: ind})
        return SeriesOut(indicator=_brief_row(ind), points=points)


def tracked(db: Database) -> TrackedOut:
    """Which indicators have data: per programme (catalogue order: programme, then slug; no
    programme last) the slugs with at least one observed (not target) point, and how many
    indicators there are in all. One query (an ``EXISTS`` per indicator through
    ``ix_observation_indicator_date``); no indicator is loaded whole."""
    has = (
        select(Observation.id)
        .where(Observation.indicator_id == Indicator.id, Observation.is_target.is_(False))
        .exists()
    )
    q = select(Indicator.slug, Indicator.programme, has.label("has")).order_by(
        Indicator.programme.nulls_last(), Indicator.slug
    )
    with db.reading() as s:
        rows = _rows(s, q)
    groups: dict[str | None, list[str]] = {}
    for slug, programme, with_data in rows:
        if with_data:
            groups.setdefault(programme, []).append(slug)
    return TrackedOut(
        indicators=len(rows),
        programmes=[
            ProgrammeTracked(programme=p, programme_vi=programme_vi(p), slugs=slugs)
            for p, slugs in groups.items()
        ],
    )


#: _POINT_COLS with the dates as the driver gives them: SQLite stores ISO text, and parsing four
#: dates per row cost more than the rest of a dashboard's series work. Within one database the
#: raw values compare and sort like the dates (ISO text or date objects); :func:`_day` converts
#: the few that are shown.
_RAW_POINT_COLS = (
    *_POINT_COLS[:6],
    *(type_coerce(c, String).label(c.key) for c in _POINT_COLS[6:10]),
)


def _rows(s: Session, q: Executable) -> Sequence[_Row]:
    """The rows of a column query, through Core (no ORM result machinery: columns only), fetched
    at once (iterating a result fetches row by row)."""
    return s.connection().execute(q).all()


@overload
def _day(v: date | str) -> date: ...
@overload
def _day(v: None) -> None: ...
def _day(v: date | str | None) -> date | None:
    return date.fromisoformat(v) if isinstance(v, str) else v


# positions in a row of _POINT_COLS (rows are read by index in the hot loops: attribute access on
# a Row costs more than the rest of the loop)
_ID, _IND, _VALUE, _VMAX, _QUAL, _TOTAL, _AS_OF, _PSTART, _PEND, _REF = range(10)


def _clash_possible(rows: Sequence[_Row], cumulative: bool) -> bool:
    """A cheap necessary condition for :func:`find_conflicts` to find something in a series
    (``rows`` of _POINT_COLS in date order): two points with the same dates, or (cumulative) a
    value below one of an earlier date. Only series passing it are checked exactly."""
    keys = {(r[_AS_OF], r[_PSTART], r[_PEND]) for r in rows}
    if len(keys) < len(rows):
        return True
    if not cumulative:
        return False
    top = -math.inf  # the highest value of the dates before the current one
    top_here = -math.inf
    here: date | None = None
    for r in rows:
        if r[_REF] != here:
            top, top_here, here = max(top, top_here), -math.inf, r[_REF]
        v, vmax = r[_VALUE], r[_VMAX]
        # A decrease needs this point's interval to end below an earlier floor, and a floor
        # never exceeds its value: so some earlier value must exceed this one (or its bound).
        if (v if vmax is None else min(v, vmax)) < top:
            return True
        top_here = max(top_here, v)
    return False


def latest(db: Database, indicators: Iterable[str] | None = None, *, recent: int = 0) -> list[LatestOut]:
    """Per indicator with data: the latest value, its date, the change since the previous date.

    ``indicators`` limits it to these slugs; ``recent`` adds the last ``recent`` dates of each
    series (one point per date, as drawn) for sparklines. Each row says which kinds of conflict
    its series has (:func:`find_conflicts`).

    Three queries whatever the number of rows: the indicators; the observed points' columns
    (through ``ix_observation_indicator_date``; no mentions, no reports, no ORM objects); the
    source counts of the points shown, by ``GROUP BY``. Whole series are turned into models
    and checked for conflicts only when a cheap test says they could clash.
    """
    with db.reading() as s:
        ind_q = select(*_BRIEF_COLS)
        if indicators is not None:
            wanted = sorted(set(indicators))
            if not wanted:
                return []
            ind_q = ind_q.where(Indicator.slug.in_(wanted))
        inds = {r.id: r for r in _rows(s, ind_q)}
        pts_q = select(*_RAW_POINT_COLS).where(Observation.is_target.is_(False))
        if indicators is not None:
            pts_q = pts_q.where(Observation.indicator_id.in_(list(inds)))
        by_ind: dict[int, list[_Row]] = defaultdict(list)
        # Index order (no sort step): the order of points within one date does not matter below.
        for r in _rows(s, pts_q.order_by(Observation.indicator_id, Observation.ref_date)):
            by_ind[r[_IND]].append(r)
        # Per series: points grouped by date (oldest first); the dates whose best point must be
        # chosen by source count (the last two, and any shown date with several points).
        dated: dict[int, list[tuple[date, list[_Row]]]] = {}
        counted: list[int] = []
        suspects: list[int] = []
        for ind_id, rows in by_ind.items():
            groups: list[tuple[date, list[_Row]]] = []
            here: date | None = None
            for r in rows:
                if r[_REF] == here:
                    groups[-1][1].append(r)
                else:
                    here = r[_REF]
                    groups.append((here, [r]))
            dated[ind_id] = groups
            shown = groups[-max(2, recent) :]
            for n, (_d, g) in enumerate(reversed(shown)):
                if n < 2 or len(g) > 1:
                    counted.extend(r[_ID] for r in g)
            if _clash_possible(rows, inds[ind_id].measure == "cumulative"):
                suspects.append(ind_id)
        n_src: dict[int, int] = {}
        if counted:
            counts = _rows(
                s,
                select(Mention.observation_id, func.count())
                .where(Mention.observation_id.in_(counted), Mention.state == "accepted")
                .group_by(Mention.observation_id),
            )
            n_src = {oid: n for oid, n in counts if oid is not None}
        kinds: dict[int, list[ConflictKind]] = {}
        if suspects:
            typed: dict[int, list[_Row]] = defaultdict(list)
            for r in _rows(
                s,
                select(*_POINT_COLS).where(
                    Observation.is_target.is_(False), Observation.indicator_id.in_(suspects)
                ),
            ):
                typed[r.indicator_id].append(r)
            for ind_id in suspects:
                ind = inds[ind_id]
                pts = sorted((_point(r, ind, []) for r in typed[ind_id]), key=_order_key)
                found = find_conflicts(pts, {ind.slug: ind.measure})
                kinds[ind_id] = sorted({c.kind for c in found})

    def best(g: list[_Row]) -> _Row:
        return g[0] if len(g) == 1 else max(g, key=lambda r: (n_src.get(r[_ID], 0), r[_ID]))

    out: list[LatestOut] = []
    for ind_id, groups in dated.items():
        ind = inds[ind_id]
        last = best(groups[-1][1])
        prev = best(groups[-2][1]) if len(groups) > 1 else None
        out.append(
            LatestOut(
                indicator=_brief_row(ind),
                observation_id=last.id,
                value=last.value,
                value_max=last.value_max,
                qualifier=last.qualifier,
                ref_date=_day(last.ref_date),
                as_of=_day(last.as_of),
                period_start=_day(last.period_start),
                period_end=_day(last.period_end),
                source_count=n_src.get(last.id, 0),
                points=len(groups),
                previous_value=prev.value if prev else None,
                previous_date=_day(prev.ref_date) if prev else None,
                change=(last.value - prev.value) if prev else None,
                recent=[RecentPoint(date=_day(d), value=best(g)[_VALUE]) for d, g in groups[-recent:]]
                if recent
                else [],
                conflicts=kinds.get(ind_id, []),
            )
        )
    out.sort(key=lambda r: r.indicator.slug)
    return out


def _fmt(p: ObservationOut) -> str:
    words = {
        "exact": "",
        "more_than": "> ",
        "at_least": "≥ ",
        "about": "~",
        "nearly": "≈< ",
        "less_than": "< ",
        "at_most": "≤ ",
    }
    v = f"{p.value:,.10g}" + (f"–{p.value_max:,.10g}" if p.value_max is not None else "")
    v += f"/{p.of_total:,.10g}" if p.of_total is not None else ""
    return f"{words.get(p.qualifier, p.qualifier + ' ')}{v} (#{p.id}, {p.source_count} nguồn)"


def _as_stated(p: ObservationOut) -> Stated:
    return Stated(p.value, p.qualifier, p.value_max, p.of_total)


def find_conflicts(points: Sequence[ObservationOut], measure: dict[str, str]) -> list[ConflictOut]:
    """Contradictions at one date, and cumulative series that go down (pure: for tests and callers)."""
    out: list[ConflictOut] = []
    groups: dict[tuple[str, date | None, date | None, date | None], list[ObservationOut]] = defaultdict(list)
    for p in points:
        if not p.is_target:
            groups[(p.indicator, p.as_of, p.period_start, p.period_end)].append(p)
    for (slug, *_), group in groups.items():
        clashing = {
            x.id: x
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if compare(_as_stated(a), _as_stated(b)) == "conflict"
            for x in (a, b)
        }
        if clashing:
            members = sorted(clashing.values(), key=lambda x: (x.value, x.id))
            out.append(
                ConflictOut(
                    kind="contradiction",
                    indicator=slug,
                    indicator_name_vi=members[0].indicator_name_vi,
                    ref_date=members[0].ref_date,
                    message="giá trị mâu thuẫn · contradicting values: "
                    + "; ".join(_fmt(m) for m in members),
                    observations=members,
                )
            )
    by_ind: dict[str, list[ObservationOut]] = defaultdict(list)
    for p in points:
        if not p.is_target and measure.get(p.indicator) == "cumulative":
            by_ind[p.indicator].append(p)
    for slug, pts in by_ind.items():
        pts.sort(key=lambda x: (x.ref_date, x.id))
        highest: ObservationOut | None = None  # the earlier point with the highest floor
        for p in pts:
            if highest is not None and highest.ref_date < p.ref_date:
                floor = interval(_as_stated(highest))[0]
                if interval(_as_stated(p))[1] < floor:
                    out.append(
                        ConflictOut(
                            kind="cumulative_decrease",
                            indicator=slug,
                            indicator_name_vi=p.indicator_name_vi,
                            ref_date=p.ref_date,
                            message=(
                                f"chuỗi lũy kế giảm · cumulative series goes down: {_fmt(highest)} "
                                f"on {highest.ref_date} then {_fmt(p)} on {p.ref_date}"
                            ),
                            observations=[highest, p],
                        )
                    )
                    continue
            if highest is None or interval(_as_stated(p))[0] > interval(_as_stated(highest))[0]:
                highest = p
    out.sort(key=lambda c: (c.indicator, c.ref_date, c.kind))
    return out


def conflicts(db: Database, *, indicator: str | None = None) -> list[ConflictOut]:
    """Values that cannot all be true: a real contradiction for one indicator and date (rounding
    and qualifiers taken into account), or a cumulative series that goes down."""
    with db.reading() as s:
        if indicator is None:
            points = _points(s)
            measure = {r.slug: r.measure for r in s.execute(select(Indicator.slug, Indicator.measure))}
        else:
            ind = _indicator_row(s, indicator)
            points = _points(s, Observation.indicator_id == ind.id, {ind.id: ind})
            measure = {ind.slug: ind.measure}
    return find_conflicts(points, measure)


__all__ = [
    "ObservationDates",
    "Stated",
    "compare",
    "conflicts",
    "detach",
    "find_conflicts",
    "find_or_create",
    "interval",
    "latest",
    "list_observations",
    "observation_dates",
    "observe",
    "page_observations",
    "series",
    "tolerance",
    "tracked",
]
