"""Display status of a commitment on a day: the boundaries the issue names, then properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.track.actions import action_overlap, date_closeness
from chiso.track.status import DUE_SOON_DAYS, RESOLVED, Standing, precision_of, resolution, standing

D = date


@pytest.mark.parametrize(
    ("due_start", "due_end", "on", "expected"),
    [
        # a commitment with only due_end ("chậm nhất hết quý I-2026")
        (None, D(2026, 3, 31), D(2026, 2, 15), Standing("upcoming", days_left=44)),
        (None, D(2026, 3, 31), D(2026, 4, 15), Standing("overdue", days_late=15)),
        # due today is due soon with 0 days left, not overdue
        (D(2026, 6, 1), D(2026, 6, 30), D(2026, 6, 30), Standing("due_soon", days_left=0)),
        # due_end yesterday is one day late
        (D(2026, 6, 1), D(2026, 6, 30), D(2026, 7, 1), Standing("overdue", days_late=1)),
        # exactly 30 days away is due soon, 31 is upcoming
        (None, D(2026, 3, 31), D(2026, 3, 1), Standing("due_soon", days_left=30)),
        (None, D(2026, 3, 31), D(2026, 2, 28), Standing("upcoming", days_left=31)),
        # leap years: February 29th exists in 2028 and counts as a day
        (None, D(2028, 2, 29), D(2028, 2, 28), Standing("due_soon", days_left=1)),
        (None, D(2028, 2, 29), D(2028, 3, 1), Standing("overdue", days_late=1)),
        (None, D(2028, 3, 1), D(2028, 1, 31), Standing("due_soon", days_left=30)),
        (None, D(2027, 3, 1), D(2027, 1, 31), Standing("due_soon", days_left=29)),
        # quarter ends: Q1 ends 31/3, Q2 30/6, Q3 30/9, Q4 31/12
        (D(2026, 4, 1), D(2026, 6, 30), D(2026, 6, 30), Standing("due_soon", days_left=0)),
        (D(2026, 7, 1), D(2026, 9, 30), D(2026, 10, 1), Standing("overdue", days_late=1)),
        (D(2026, 10, 1), D(2026, 12, 31), D(2027, 1, 1), Standing("overdue", days_late=1)),
        # a whole year seen in February
        (D(2026, 1, 1), D(2026, 12, 31), D(2026, 2, 15), Standing("upcoming", days_left=319)),
        # only due_start: measured against it; neither: upcoming without countdown
        (D(2026, 5, 1), None, D(2026, 5, 2), Standing("overdue", days_late=1)),
        (None, None, D(2026, 5, 2), Standing("upcoming")),
    ],
)
def test_open_commitment(due_start: date | None, due_end: date | None, on: date, expected: Standing) -> None:
    assert standing(status="open", due_start=due_start, due_end=due_end, on=on) == expected


@pytest.mark.parametrize(
    ("status", "resolved_on", "on", "expected"),
    [
        ("met", D(2026, 3, 20), D(2026, 4, 15), Standing("met")),
        ("met_late", D(2026, 4, 10), D(2026, 4, 15), Standing("met_late", days_late=10)),
        ("missed", D(2026, 4, 1), D(2026, 4, 15), Standing("missed", days_late=1)),
        ("dropped", D(2026, 2, 1), D(2026, 4, 15), Standing("dropped")),
        # resolved later than the day asked about: shown as it stood then
        ("met", D(2026, 3, 20), D(2026, 3, 19), Standing("due_soon", days_left=12)),
        ("met_late", D(2026, 5, 1), D(2026, 4, 15), Standing("overdue", days_late=15)),
        # resolved on the very day: resolved
        ("met", D(2026, 3, 20), D(2026, 3, 20), Standing("met")),
        # a resolution without a date is resolved on every day
        ("dropped", None, D(2020, 1, 1), Standing("dropped")),
    ],
)
def test_resolved_commitment(status: str, resolved_on: date | None, on: date, expected: Standing) -> None:
    got = standing(status=status, due_start=None, due_end=D(2026, 3, 31), on=on, resolved_on=resolved_on)
    assert got == expected


@pytest.mark.parametrize(
    ("requested", "on", "due_end", "expected"),
    [
        ("met", D(2026, 3, 31), D(2026, 3, 31), "met"),  # on the last day is on time
        ("met", D(2026, 4, 1), D(2026, 3, 31), "met_late"),
        ("met", D(2030, 1, 1), None, "met"),
        ("missed", D(2026, 4, 1), D(2026, 3, 31), "missed"),
        ("dropped", D(2026, 1, 1), D(2026, 3, 31), "dropped"),
    ],
)
def test_resolution(requested: str, on: date, due_end: date | None, expected: str) -> None:
    assert resolution(requested, on=on, due_end=due_end) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("due_start", "due_end", "expected"),
    [
        (D(2026, 1, 1), D(2026, 12, 31), "year"),
        (D(2026, 7, 1), D(2026, 12, 31), "half"),
        (D(2026, 7, 1), D(2026, 9, 30), "quarter"),
        (D(2028, 2, 1), D(2028, 2, 29), "month"),
        (D(2027, 2, 1), D(2027, 2, 28), "month"),
        (D(2026, 2, 1), D(2026, 4, 30), "day"),  # three months, not a quarter
        (D(2026, 6, 30), D(2026, 6, 30), "day"),
        (None, D(2026, 9, 30), "day"),
    ],
)
def test_precision_of(due_start: date | None, due_end: date | None, expected: str) -> None:
    assert precision_of(due_start, due_end) == expected


@pytest.mark.parametrize(
    ("commitment", "statement", "low", "high"),
    [
        ("vận hành chính thức Trung tâm dữ liệu quốc gia số 1",
         "Bộ Công an đã vận hành chính thức Trung tâm dữ liệu quốc gia số 1", 1.0, 1.0),
        ("vận hành chính thức Trung tâm dữ liệu quốc gia số 1",
         "khởi công Trung tâm dữ liệu quốc gia số 2", 0.0, 0.0),
        ("xử lý xong 6 điểm nghẽn về dữ liệu", "đã xử lý xong 3 điểm nghẽn", 0.0, 0.0),
        ("launch the national e-invoice portal", "The national e-invoice portal launched", 1.0, 1.0),
        ("open online services for every procedure", "online service for procedures opened", 0.7, 1.0),
        ("số hóa hồ sơ hộ tịch", "xây dựng cầu vượt sông", 0.0, 0.0),
        # a composite commitment: the part a statement completes counts, numbers still decide
        ("vận hành Trung tâm dữ liệu số 1 và khởi công Trung tâm dữ liệu số 2, số 3",
         "đã vận hành Trung tâm dữ liệu số 1", 1.0, 1.0),
        ("vận hành Trung tâm dữ liệu số 1 và khởi công Trung tâm dữ liệu số 2, số 3",
         "đã khánh thành Trung tâm dữ liệu số 7", 0.0, 0.0),
        ("cấp căn cước cho trẻ em, kết nối dữ liệu y tế", "đã kết nối dữ liệu y tế", 1.0, 1.0),
        ("", "anything", 0.0, 0.0),
    ],
)  # fmt: skip
def test_action_overlap(commitment: str, statement: str, low: float, high: float) -> None:
    assert low <= action_overlap(commitment, statement) <= high


def test_date_closeness() -> None:
    assert date_closeness(D(2026, 3, 31), D(2026, 3, 31)) == 1.0
    assert date_closeness(D(2026, 3, 31), None) == 0.0
    assert 0.0 < date_closeness(D(2026, 3, 31), D(2026, 6, 30)) < 1.0
    assert date_closeness(D(2020, 1, 1), D(2026, 1, 1)) == 0.0


# --- properties ------------------------------------------------------------------------------

days = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))


@given(due=days, on=days)
def test_open_status_partitions_time(due: date, on: date) -> None:
    s = standing(status="open", due_start=None, due_end=due, on=on)
    if on > due:
        assert s.status == "overdue"
        assert s.days_late == (on - due).days > 0
        assert s.days_left is None
    else:
        assert s.status == ("due_soon" if (due - on).days <= DUE_SOON_DAYS else "upcoming")
        assert s.days_left == (due - on).days >= 0
        assert s.days_late is None


@given(due=days, on=days)
def test_status_moves_forward_only(due: date, on: date) -> None:
    # As days pass an open commitment only ever goes upcoming -> due_soon -> overdue.
    order = {"upcoming": 0, "due_soon": 1, "overdue": 2}
    today = standing(status="open", due_start=None, due_end=due, on=on).status
    tomorrow = standing(status="open", due_start=None, due_end=due, on=on + timedelta(days=1)).status
    assert order[tomorrow] >= order[today]


@given(status=st.sampled_from(RESOLVED), due=days, resolved=days, on=days)
def test_resolved_shows_once_resolved(status: str, due: date, resolved: date, on: date) -> None:
    s = standing(status=status, due_start=None, due_end=due, on=on, resolved_on=resolved)
    assert (s.status == status) == (resolved <= on)


@given(start=days, length=st.integers(min_value=0, max_value=400))
def test_due_start_never_matters_when_due_end_is_known(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    on = start + timedelta(days=length // 2)
    assert standing(status="open", due_start=start, due_end=end, on=on) == standing(
        status="open", due_start=None, due_end=end, on=on
    )


@given(requested=st.sampled_from(RESOLVED), on=days, due=days)
def test_met_is_late_exactly_after_due_end(requested: str, on: date, due: date) -> None:
    got = resolution(requested, on=on, due_end=due)  # type: ignore[arg-type]
    if requested == "met":
        assert got == ("met_late" if on > due else "met")
    else:
        assert got == requested
