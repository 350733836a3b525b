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
from typing import Any, overload

from chiso.catalog.loader import canonical_programme, programme_vi
from chiso.errors import InputError
from chiso.services.observations._points import _brief_row, _indicator_row, _points
from chiso.services.observations.conflicts import track_point
from chiso.services.observations.schemas import (
    ConflictKind,
    ConflictOut,
    IndicatorBrief,
    LatestOut,
    ObservationOut,
    ObservationPage,
    ProgrammeTracked,
    RecentPoint,
    SeriesOut,
    TrackedOut,
)
from chiso.store import observations as store
from chiso.store.db import Database
from chiso.store.observations import Row as _Row
from chiso.track import series as rules


def list_observations(db: Database, indicator: str | None = None) -> list[ObservationOut]:
    """Every observation (of one indicator when a slug is given) with its sources."""
    with db.reading() as s:
        if indicator is None:
            return _points(s)
        ind = _indicator_row(s, indicator)
        return _points(s, indicator_id=ind.id, inds={ind.id: ind})


#: How far the total of a page of observations is counted: an exact count of a million rows
#: scans them all (~180 ms at ten times the bench's data, issue 16); beyond this many the total
#: says "at least" (``total_exact`` false).
COUNT_UPTO = 10_000

_Key = tuple[str, date, bool, float, int]


def _encode_cursor(key: Sequence[object], total: int, exact: bool, *, back: bool = False) -> str:
    slug, ref, is_target, value, oid = key
    raw = json.dumps(
        [
            slug,
            ref.isoformat() if isinstance(ref, date) else ref,
            bool(is_target),
            value,
            oid,
            total,
            exact,
            "before" if back else "after",
        ]
    )
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def _decode_cursor(cursor: str) -> tuple[_Key, int, bool, bool]:
    """(key, total, total_exact, backwards) of a cursor; cursors of the older six-field form
    (forwards, exact total) still read."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        fields = json.loads(raw)
        if not isinstance(fields, list) or len(fields) not in (6, 8):
            raise ValueError("fields")
        slug, ref, is_target, value, oid, total = fields[:6]
        exact, way = (fields[6], fields[7]) if len(fields) == 8 else (True, "after")
        key = (str(slug), date.fromisoformat(ref), bool(is_target), float(value), int(oid))
        if not (math.isfinite(key[3]) and 0 <= key[4] < 2**63 and 0 <= int(total) < 2**63):
            raise ValueError("out of range")
        if way not in ("after", "before") or not isinstance(exact, bool):
            raise ValueError("direction")
        return key, int(total), exact, way == "before"
    except (ValueError, TypeError):
        raise InputError("bad_page_cursor") from None


def _key(row: Sequence[Any]) -> _Key:
    return (row[1], row[2], row[3], row[4], row[0])


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
    last: bool = False,
) -> ObservationPage:
    """One page of observations (the order of :func:`list_observations`), filtered in SQL.

    Pages follow a keyset: ``next_cursor`` names the last row of this page and the next page
    starts after it through the order's index, ``prev_cursor`` the first row and the page before
    ends there (read backwards through the same index); ``last`` is the last page, read from the
    end. So every page costs what the first does (with ``offset`` the database walked every row
    before it: 1.1-1.5 s for the last page of 1,000,000, issue 16). The total is counted once, up to
    :data:`COUNT_UPTO`, and carried in the cursor. ``offset`` still works, for clients that page
    that way.
    """
    after: _Key | None = None
    before: _Key | None = None
    total: int | None = None
    exact = True
    if cursor:
        key, total, exact, back = _decode_cursor(cursor)
        before, after = (key, None) if back else (None, key)
        offset = 0
    if last:
        after = before = None
        offset = 0
    backwards = before is not None or last
    with db.reading() as s:
        counted, keyed = store.page_keys(
            s,
            indicator_id=_indicator_row(s, indicator).id if indicator is not None else None,
            programme=canonical_programme(programme) if programme else None,
            since=since,
            until=until,
            qualifier=qualifier,
            target=target,
            after=after,
            before=before,
            from_end=last,
            count_upto=COUNT_UPTO + 1 if total is None else None,
            # one row more than the page: whether a page lies beyond, without counting
            limit=limit + 1,
            offset=offset,
        )
        if total is None:
            total = min(counted or 0, COUNT_UPTO)
            exact = (counted or 0) <= COUNT_UPTO
        beyond = len(keyed) > limit
        keyed = keyed[1:] if backwards and beyond else keyed[:limit]
        ids = [r[0] for r in keyed]
        items = _points(s, ids=ids) if ids else []
    # forwards, a page lies before this one when it was reached by a cursor or an offset;
    # backwards, one lies after it unless this is the last page
    more_after = beyond if not backwards else not last
    more_before = beyond if backwards else (after is not None or offset > 0)
    next_cursor = prev_cursor = None
    if keyed and more_after:
        next_cursor = _encode_cursor(_key(keyed[-1]), total, exact)
    if keyed and more_before:
        prev_cursor = _encode_cursor(_key(keyed[0]), total, exact, back=True)
    return ObservationPage(
        total=total,
        total_exact=exact,
        limit=limit,
        offset=offset,
        items=items,
        next_cursor=next_cursor,
        prev_cursor=prev_cursor,
    )


def series(db: Database, slug: str) -> SeriesOut:
    """One indicator's points in date order, each with the quotes and reports that support it."""
    with db.reading() as s:
        ind = _indicator_row(s, slug)
        points = _points(s, indicator_id=ind.id, inds={ind.id: ind})
        return SeriesOut(indicator=_brief_row(ind), points=points)


def tracked(db: Database) -> TrackedOut:
    """Which indicators have data: per programme (catalogue order: programme, then slug; no
    programme last) the slugs with at least one observed (not target) point, and how many
    indicators there are in all. One query (an ``EXISTS`` per indicator through
    ``ix_observation_indicator_date``); no indicator is loaded whole."""
    with db.reading() as s:
        rows = store.with_data(s)
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


@overload
def _day(v: date | str) -> date: ...
@overload
def _day(v: None) -> None: ...
def _day(v: date | str | None) -> date | None:
    # the dashboard's rows carry their dates raw (ISO text on SQLite): only those shown are parsed
    return date.fromisoformat(v) if isinstance(v, str) else v


# positions in a row of the store's POINT_FIELDS (rows are read by index in the hot loops:
# attribute access on a Row costs more than the rest of the loop)
_ID, _IND, _VALUE, _VMAX, _QUAL, _TOTAL, _AS_OF, _PSTART, _PEND, _REF = (
    store.POINT_FIELDS.index(f)
    for f in (
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
    )
)


def _row_point(r: _Row, sources: int) -> rules.Point:
    """The point the series rules read of a row of the store's POINT_FIELDS."""
    return rules.Point(
        id=r[_ID],
        ref_date=_day(r[_REF]),
        value=r[_VALUE],
        qualifier=r[_QUAL],
        value_max=r[_VMAX],
        of_total=r[_TOTAL],
        as_of=_day(r[_AS_OF]),
        period_start=_day(r[_PSTART]),
        period_end=_day(r[_PEND]),
        sources=sources,
    )


def _clash_possible(rows: Sequence[_Row], cumulative: bool) -> bool:
    """A cheap necessary condition for :func:`chiso.track.series.conflicts` to find something in
    a series (``rows`` of POINT_FIELDS in date order): two points with the same dates, or
    (cumulative) a value below one of an earlier date. Only series passing it are checked exactly."""
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


def _latest_out(indicator: IndicatorBrief, head: rules.Headline, conflicts: list[ConflictKind]) -> LatestOut:
    last, prev = head.last, head.previous
    return LatestOut(
        indicator=indicator,
        observation_id=last.id,
        value=last.value,
        value_max=last.value_max,
        qualifier=last.qualifier,
        ref_date=last.ref_date,
        as_of=last.as_of,
        period_start=last.period_start,
        period_end=last.period_end,
        source_count=last.sources,
        points=head.dates,
        previous_value=prev.value if prev else None,
        previous_date=prev.ref_date if prev else None,
        change=head.change,
        recent=[RecentPoint(date=p.ref_date, value=p.value) for p in head.recent],
        conflicts=conflicts,
    )


def latest_of(
    indicator: IndicatorBrief,
    points: Sequence[ObservationOut],
    *,
    recent: int = 0,
    conflicts: Sequence[ConflictOut] = (),
) -> LatestOut | None:
    """What :func:`latest` gives for one series whose points are already loaded (no query; None
    when it has no observed point), flagged with the kinds of ``conflicts`` found in it."""
    head = rules.headline((track_point(p) for p in points), recent=recent)
    if head is None:
        return None
    return _latest_out(indicator, head, sorted({c.kind for c in conflicts}))


def latest(db: Database, indicators: Iterable[str] | None = None, *, recent: int = 0) -> list[LatestOut]:
    """Per indicator with data: the latest value, its date, the change since the previous date.

    ``indicators`` limits it to these slugs; ``recent`` adds the last ``recent`` dates of each
    series (one point per date, as drawn) for sparklines. Each row says which kinds of conflict
    its series has (:func:`chiso.track.series.conflicts`).

    Three queries whatever the number of rows: the indicators; the observed points' columns
    (through ``ix_observation_indicator_date``; no mentions, no reports, no ORM objects); the
    independent source counts (distinct stories) of the points shown, by ``GROUP BY``. Only the
    dates shown are handed to the series rules, and whole series are checked for conflicts only
    when a cheap test says they could clash.
    """
    with db.reading() as s:
        wanted: set[str] | None = None
        if indicators is not None:
            wanted = set(indicators)
            if not wanted:
                return []
        inds = store.indicator_briefs_of(s, wanted)
        by_ind: dict[int, list[_Row]] = defaultdict(list)
        # Index order (no sort step): the order of points within one date does not matter below.
        for r in store.observed_rows(s, list(inds) if wanted is not None else None):
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
        n_src = store.source_counts(s, counted) if counted else {}
        kinds: dict[int, list[ConflictKind]] = {}
        if suspects:
            typed: dict[int, list[_Row]] = defaultdict(list)
            for r in store.observed_point_rows(s, suspects):
                typed[r.indicator_id].append(r)
            for ind_id in suspects:
                found = rules.conflicts(
                    [_row_point(r, 0) for r in typed[ind_id]],
                    cumulative=inds[ind_id].measure == "cumulative",
                )
                kinds[ind_id] = sorted({c.kind for c in found})

    out: list[LatestOut] = []
    for ind_id, groups in dated.items():
        # the dates shown are enough for the headline; the count of dates is the whole series'
        shown = groups[-max(2, recent) :]
        head = rules.headline(
            (_row_point(r, n_src.get(r[_ID], 0)) for _d, g in shown for r in g),
            recent=recent,
            dates=len(groups),
        )
        assert head is not None, "a series read has at least one observed point"
        out.append(_latest_out(_brief_row(inds[ind_id]), head, kinds.get(ind_id, [])))
    out.sort(key=lambda r: r.indicator.slug)
    return out


__all__ = ["latest", "latest_of", "list_observations", "page_observations", "series", "tracked"]
