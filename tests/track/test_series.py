"""The series rules on their own values: the point a date shows, the headline of a series, and
the values that cannot all be true (comparing stated values is tested in
tests/services/test_observations.py through the service's surface)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from chiso.track.series import (
    Point,
    best,
    best_per_date,
    conflicts,
    contradictions,
    cumulative_falls,
    headline,
)

M = 1_000_000
D1, D2, D3 = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def test_best_prefers_sources_then_the_latest_added() -> None:
    a = Point(1, D1, 10.0, sources=2)
    b = Point(2, D1, 11.0, sources=1)
    c = Point(3, D1, 12.0, sources=2)
    assert best([a]) is a
    assert best([a, b]) is a
    assert best([a, b, c]) is c


def test_best_per_date_leaves_targets_out_and_orders_by_date() -> None:
    target = Point(9, D1, 100.0, is_target=True, sources=5)
    pts = [Point(3, D2, 5.0), Point(1, D1, 4.0, sources=1), Point(2, D1, 6.0), target]
    assert [(p.ref_date, p.id) for p in best_per_date(pts)] == [(D1, 1), (D2, 3)]
    assert best_per_date([target]) == []


def test_headline_of_a_series() -> None:
    pts = [Point(1, D1, 50 * M), Point(2, D2, 60 * M), Point(3, D3, 67 * M, sources=2), Point(4, D3, 62 * M)]
    head = headline(pts, recent=2)
    assert head is not None
    assert (head.last.id, head.previous and head.previous.id, head.dates) == (3, 2, 3)
    assert head.change == 7 * M
    assert [p.id for p in head.recent] == [2, 3]
    bare = headline(pts)
    assert bare is not None
    assert bare.recent == ()
    assert headline([]) is None
    one = headline([Point(1, D1, 5.0)])
    assert one is not None
    assert (one.previous, one.change, one.dates) == (None, None, 1)


def test_headline_of_the_last_dates_counts_the_whole_series() -> None:
    pts = [Point(i, date(2026, 1, i), float(i)) for i in range(1, 11)]
    whole = headline(pts, recent=3)
    tail = headline(pts[-3:], recent=3, dates=10)
    assert whole == tail


def test_a_contradiction_is_told_apart_from_rounding() -> None:
    rounded = [Point(1, D1, 67 * M, as_of=D1), Point(2, D1, 67.2 * M, as_of=D1)]
    assert contradictions(rounded) == []
    clash = [
        Point(1, D1, 67 * M, as_of=D1),
        Point(2, D1, 62 * M, as_of=D1),
        Point(3, D1, 1.0, is_target=True),
    ]
    (c,) = contradictions(clash)
    assert (c.kind, c.ref_date, [p.id for p in c.points]) == ("contradiction", D1, [2, 1])


def test_a_cumulative_series_that_goes_down() -> None:
    pts = [
        Point(1, D1, 67 * M, "more_than", as_of=D1),
        Point(2, D2, 60 * M, as_of=D2),
        Point(3, D3, 70 * M, as_of=D3),
    ]
    (c,) = cumulative_falls(pts)
    assert (c.kind, c.ref_date, [p.id for p in c.points]) == ("cumulative_decrease", D2, [1, 2])
    assert [x.kind for x in conflicts(pts, cumulative=True)] == ["cumulative_decrease"]
    assert conflicts(pts, cumulative=False) == []


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3)), min_size=1, max_size=20))
def test_best_per_date_shows_one_point_per_date(spec: list[tuple[int, int]]) -> None:
    pts = [Point(i, date(2026, 1, 1 + d), float(i), sources=n) for i, (d, n) in enumerate(spec)]
    drawn = best_per_date(pts)
    assert [p.ref_date for p in drawn] == sorted({p.ref_date for p in pts})
    for p in drawn:
        rivals = [q for q in pts if q.ref_date == p.ref_date]
        assert (p.sources, p.id) == max((q.sources, q.id) for q in rivals)
