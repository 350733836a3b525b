"""Progress towards targets: for board rows whose commitment sets a target (an indicator, a
value and a due date), the indicator's observed series (one point per date, up to the row's day)
is handed to :func:`chiso.track.progress.progress`, which says whether it is on track. Runs inside
the caller's unit of work: one query for every row of a page together (the series of the
indicators targeted, with their measures), and a second only when a date has two points to
choose from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from chiso.services.commitments.schemas import CommitmentOut, ProgressOut
from chiso.store import observations as observation_store
from chiso.track.progress import progress
from chiso.track.series import Point, best_per_date


def _series(session: Session, ids: set[int]) -> tuple[dict[int, list[Point]], dict[int, str]]:
    """The drawn series (one point per date) of the indicators ``ids``, and their measures."""
    rows = observation_store.observed_values(session, ids)
    crowded: dict[tuple[int, date], int] = defaultdict(int)
    measures: dict[int, str] = {}
    for r in rows:
        crowded[(r.indicator_id, r.ref_date)] += 1
        measures[r.indicator_id] = r.measure
    shared = [r.id for r in rows if crowded[(r.indicator_id, r.ref_date)] > 1]
    sources = observation_store.source_counts(session, shared) if shared else {}
    points: dict[int, list[Point]] = defaultdict(list)
    for r in rows:
        points[r.indicator_id].append(
            Point(id=r.id, ref_date=r.ref_date, value=r.value, sources=sources.get(r.id, 0))
        )
    return {ind: best_per_date(ps) for ind, ps in points.items()}, measures


def with_progress(session: Session, rows: Sequence[CommitmentOut]) -> None:
    """Set ``progress`` on each of ``rows`` that sets a target its indicator's series can measure."""
    wanted: list[tuple[CommitmentOut, int, float, date]] = []
    for r in rows:
        due = r.due_end or r.due_start
        if r.target_indicator_id is not None and r.target_value is not None and due is not None:
            wanted.append((r, r.target_indicator_id, r.target_value, due))
    if not wanted:
        return
    ids = {indicator for _, indicator, _, _ in wanted}
    series, measures = _series(session, ids)
    for r, indicator, target, due in wanted:
        points = [(p.ref_date, p.value) for p in series.get(indicator, []) if p.ref_date <= r.on]
        got = progress(points, target=target, due=due, measure=measures.get(indicator, ""))
        if got is not None:
            r.progress = ProgressOut(
                category=got.category,
                method=got.method,
                base_on=got.base_on,
                base_value=got.base_value,
                latest_on=got.latest_on,
                latest_value=got.latest_value,
                target=got.target,
                due=got.due,
                observed_rate=got.observed_rate,
                required_rate=got.required_rate,
                ratio=got.ratio,
            )


__all__ = ["with_progress"]
