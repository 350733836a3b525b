"""Reading observations: every point or one page of them with their sources, one indicator's
series, which indicators have data, and the latest value per indicator (with its change, recent
points for sparklines and the kinds of conflict its series has) for the dashboard.
"""

from __future__ import annotations

import base64
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import overload

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

from chiso.catalog.loader import canonical_programme, programme_vi
from chiso.errors import InputError
from chiso.services.observations._points import (
    _BRIEF_COLS,
    _POINT_COLS,
    _brief_row,
    _indicator_row,
    _order_key,
    _point,
    _points,
    _Row,
)
from chiso.services.observations.conflicts import find_conflicts
from chiso.services.observations.schemas import (
    ConflictKind,
    LatestOut,
    ObservationOut,
    ObservationPage,
    ProgrammeTracked,
    RecentPoint,
    SeriesOut,
    TrackedOut,
)
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention, Observation, Report


def list_observations(db: Database, indicator: str | None = None) -> list[ObservationOut]:
    """Every observation (of one indicator when a slug is given) with its sources."""
    with db.reading() as s:
        if indicator is None:
            return _points(s)
        ind = _indicator_row(s, indicator)
        return _points(s, Observation.indicator_id == ind.id, {ind.id: ind})


_PAGE_ORDER = (Indicator.slug, Observation.ref_date, Observation.is_target, Observation.value, Observation.id)


def _encode_cursor(key: Sequence[object], total: int) -> str:
    slug, ref, is_target, value, oid = key
    raw = json.dumps([slug, ref.isoformat() if isinstance(ref, date) else ref, bool(is_target), value, oid, total])
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def _decode_cursor(cursor: str) -> tuple[tuple[str, date, bool, float, int], int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        slug, ref, is_target, value, oid, total = json.loads(raw)
        key = (str(slug), date.fromisoformat(ref), bool(is_target), float(value), int(oid))
        if not (math.isfinite(key[3]) and 0 <= key[4] < 2**63 and 0 <= int(total) < 2**63):
            raise ValueError("out of range")
        return key, int(total)
    except (ValueError, TypeError):
        raise InputError("bad_page_cursor") from None


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
    cursor: str | None = None,
) -> ObservationPage:
    """One page of observations (the order of :func:`list_observations`), filtered in SQL.

    Pages follow a keyset: ``next_cursor`` names the last row of this page, and the next page
    starts after it through the order's index, so the last page costs what the first does
    (with ``offset`` the database walked every row before it: 1.1-1.5 s for the last page of
    1,000,000, issue 16). The total is counted for the first page only and carried in the
    cursor. ``offset`` still works, for clients that page that way.
    """
    conds: list[ColumnElement[bool]] = []
    after: tuple[str, date, bool, float, int] | None = None
    total: int | None = None
    if cursor:
        after, total = _decode_cursor(cursor)
        offset = 0
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
        if total is None:
            total = s.scalar(select(func.count()).select_from(joined.subquery())) or 0
        if after is not None:
            joined = joined.where(tuple_(*_PAGE_ORDER) > tuple_(*(literal(v) for v in after)))
        # one row more than the page: whether a next page exists, without counting
        keyed = s.execute(
            joined.add_columns(*_PAGE_ORDER[:-1]).order_by(*_PAGE_ORDER).limit(limit + 1).offset(offset)
        ).all()
        more = len(keyed) > limit
        keyed = keyed[:limit]
        ids = [r[0] for r in keyed]
        items = _points(s, Observation.id.in_(ids)) if ids else []
    next_cursor = None
    if more:
        last = keyed[-1]
        next_cursor = _encode_cursor((last[1], last[2], last[3], last[4], last[0]), total)
    return ObservationPage(total=total, limit=limit, offset=offset, items=items, next_cursor=next_cursor)


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
    independent source counts (distinct stories) of the points shown, by ``GROUP BY``. Whole series are turned into models
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
            # Independent sources: distinct stories (a syndicated copy adds nothing).
            story = func.coalesce(Report.story_id, Report.id)
            counts = _rows(
                s,
                select(Mention.observation_id, func.count(distinct(story)))
                .join(Report, Report.id == Mention.report_id)
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


__all__ = ["latest", "list_observations", "page_observations", "series", "tracked"]
