"""Finding observations that cannot all be true, as the service reports them: the rules are
:mod:`chiso.track.series` (two values compared as intervals, so "hơn 67 triệu" and "67,2 triệu"
agree while "67 triệu" and "62 triệu" conflict; a cumulative series that goes down); here they
run over the points read, and each conflict is told with its observations and sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from chiso.services.observations._points import _indicator_row, _points
from chiso.services.observations.schemas import ConflictOut, ObservationOut
from chiso.store import observations as store
from chiso.store.db import Database
from chiso.store.models import Observation
from chiso.track import series as rules
from chiso.track.series import Stated


def stated(o: Observation) -> Stated:
    return Stated(value=o.value, qualifier=o.qualifier, value_max=o.value_max, of_total=o.of_total)


def track_point(p: ObservationOut) -> rules.Point:
    """The point the series rules read of an observation."""
    return rules.Point(
        id=p.id,
        ref_date=p.ref_date,
        value=p.value,
        qualifier=p.qualifier,
        value_max=p.value_max,
        of_total=p.of_total,
        as_of=p.as_of,
        period_start=p.period_start,
        period_end=p.period_end,
        is_target=p.is_target,
        sources=p.source_count,
    )


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


def _told(c: rules.Conflict, slug: str, by_id: dict[int, ObservationOut]) -> ConflictOut:
    members = [by_id[p.id] for p in c.points]
    if c.kind == "contradiction":
        message = "giá trị mâu thuẫn · contradicting values: " + "; ".join(_fmt(m) for m in members)
    else:
        highest, p = members
        message = (
            f"chuỗi lũy kế giảm · cumulative series goes down: {_fmt(highest)} "
            f"on {highest.ref_date} then {_fmt(p)} on {p.ref_date}"
        )
    return ConflictOut(
        kind=c.kind,
        indicator=slug,
        indicator_name_vi=members[-1].indicator_name_vi,
        ref_date=c.ref_date,
        message=message,
        observations=members,
    )


def find_conflicts(points: Sequence[ObservationOut], measure: dict[str, str]) -> list[ConflictOut]:
    """Contradictions at one date, and cumulative series that go down (pure: for tests and callers)."""
    by_ind: dict[str, list[ObservationOut]] = defaultdict(list)
    for p in points:
        by_ind[p.indicator].append(p)
    out: list[ConflictOut] = []
    for slug, pts in by_ind.items():
        by_id = {p.id: p for p in pts}
        found = rules.conflicts([track_point(p) for p in pts], cumulative=measure.get(slug) == "cumulative")
        out.extend(_told(c, slug, by_id) for c in found)
    out.sort(key=lambda c: (c.indicator, c.ref_date, c.kind))
    return out


def conflicts(db: Database, *, indicator: str | None = None) -> list[ConflictOut]:
    """Values that cannot all be true: a real contradiction for one indicator and date (rounding
    and qualifiers taken into account), or a cumulative series that goes down."""
    with db.reading() as s:
        if indicator is None:
            points = _points(s)
            measure = store.measures(s)
        else:
            ind = _indicator_row(s, indicator)
            points = _points(s, indicator_id=ind.id, inds={ind.id: ind})
            measure = {ind.slug: ind.measure}
    return find_conflicts(points, measure)


__all__ = ["conflicts", "find_conflicts", "stated", "track_point"]
