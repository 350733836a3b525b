"""The board on a past day answers with what was known then: only the commitments stated by that
day, with the due date they had then (a later postponement undone) and their status then.

Sentences are written for these tests; reports and mentions are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from chiso.services import commitments
from chiso.store.db import Database
from chiso.track.status import Step, known_on
from tests.services.test_commitments import (
    CENTRE_DL,
    DATA_CENTRE,
    Dl,
    add_report,
    create,
    propose,
)

D = date

#: a later report moves the centre's opening from August to the fourth quarter
MOVED = "Bộ Công an cho biết việc khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3 lùi sang quý IV/2026."
#: a promise first stated in 2026
LATE_PROMISE = "Thành phố cam kết chậm nhất hết năm 2027 mở xong tuyến xe buýt điện thứ năm."
LATE_DL = Dl(
    "chậm nhất hết năm 2027 mở xong tuyến xe buýt điện thứ năm",
    "mở xong tuyến xe buýt điện thứ năm",
    None,
    D(2027, 12, 31),
    "year",
)


@pytest.fixture
def history(database: Database) -> tuple[Database, int, int]:
    """The centre promised on 2025-11-03 for August 2026, moved on 2026-07-25 to Q4 2026 and met
    on 2026-11-20; the bus line first promised on 2026-02-02."""
    _, (m_centre,) = add_report(database, DATA_CENTRE, D(2025, 11, 3), (CENTRE_DL,))
    centre = create(database, m_centre)
    moved_id, _ = add_report(database, MOVED, D(2026, 7, 25))
    assert propose(database, moved_id) == 1
    (proposal,) = commitments.list_proposals(database)
    commitments.confirm_event(database, proposal.id, "lan")
    commitments.resolve(database, centre, status="met", on=D(2026, 11, 20), actor="lan")
    _, (m_bus,) = add_report(database, LATE_PROMISE, D(2026, 2, 2), (LATE_DL,))
    bus = create(database, m_bus)
    return database, centre, bus


def _row(db: Database, on: date, cid: int) -> tuple[str, date | None, str] | None:
    rows = {r.id: r for r in commitments.list_deadlines(db, on=on)}
    r = rows.get(cid)
    return None if r is None else (r.display_status, r.due_end, r.status)


def test_a_board_before_any_promise_is_empty(history: tuple[Database, int, int]) -> None:
    db, _centre, _bus = history
    assert commitments.list_deadlines(db, on=D(2024, 1, 15)) == []


def test_a_promise_appears_on_the_day_it_was_first_stated(history: tuple[Database, int, int]) -> None:
    db, centre, bus = history
    assert _row(db, D(2026, 2, 1), bus) is None
    assert _row(db, D(2026, 2, 2), bus) == ("upcoming", D(2027, 12, 31), "open")
    rows = commitments.list_deadlines(db, on=D(2026, 2, 2))
    assert [r.id for r in rows] == [centre, bus]
    assert all(r.as_known_on == D(2026, 2, 2) for r in rows)
    assert {r.id: r.stated_on for r in rows} == {centre: D(2025, 11, 3), bus: D(2026, 2, 2)}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # before the postponement was reported: due in August, as then promised
        (D(2026, 7, 1), ("upcoming", D(2026, 8, 31), "open")),
        (D(2026, 7, 24), ("upcoming", D(2026, 8, 31), "open")),
        # the postponement is known from its report's publication on
        (D(2026, 7, 25), ("upcoming", D(2026, 12, 31), "open")),
        (D(2026, 9, 10), ("upcoming", D(2026, 12, 31), "open")),
        # met on 20 November, within the moved deadline
        (D(2026, 11, 19), ("upcoming", D(2026, 12, 31), "open")),
        (D(2026, 11, 20), ("met", D(2026, 12, 31), "met")),
    ],
)
def test_due_date_and_status_as_known_then(
    history: tuple[Database, int, int], on: date, expected: tuple[str, date, str]
) -> None:
    db, centre, _bus = history
    assert _row(db, on, centre) == expected


def test_the_board_sorts_by_the_due_date_known_then(history: tuple[Database, int, int]) -> None:
    db, centre, bus = history
    # a bus line due before the centre's moved date, stated in February 2026
    _, (m,) = add_report(
        db,
        "Thành phố hứa chậm nhất tháng 10/2026 mở tuyến xe buýt điện thứ tư.",
        D(2026, 2, 3),
        (
            Dl(
                "chậm nhất tháng 10/2026 mở tuyến xe buýt điện thứ tư",
                "mở tuyến xe buýt điện thứ tư",
                D(2026, 10, 1),
                D(2026, 10, 31),
                "month",
            ),
        ),
    )
    fourth = create(db, m)
    assert [r.id for r in commitments.list_deadlines(db, on=D(2026, 3, 1))] == [centre, fourth, bus]
    assert [r.id for r in commitments.list_deadlines(db, on=D(2026, 8, 1))] == [fourth, centre, bus]
    # "open" filters on the status then
    assert [r.id for r in commitments.list_deadlines(db, on=D(2026, 8, 1), status="open")] == [
        fourth,
        centre,
        bus,
    ]


def test_one_commitment_as_known_on_a_past_day(history: tuple[Database, int, int]) -> None:
    db, centre, _bus = history
    then = commitments.get_commitment(db, centre, on=D(2026, 3, 1))
    assert (then.due_start, then.due_end, then.display_status, then.as_known_on) == (
        D(2026, 8, 1),
        D(2026, 8, 31),
        "upcoming",
        D(2026, 3, 1),
    )
    now = commitments.get_commitment(db, centre)
    assert (now.due_end, now.status, now.as_known_on) == (D(2026, 12, 31), "met", None)


@pytest.mark.parametrize(
    ("on", "due"),
    [
        (D(2025, 1, 1), (D(2025, 6, 1), D(2025, 6, 30))),
        (D(2025, 3, 1), (None, D(2025, 9, 30))),
        (D(2025, 8, 1), (D(2026, 1, 1), D(2026, 3, 31))),
    ],
)
def test_known_on_undoes_the_moves_reported_later(on: date, due: tuple[date | None, date]) -> None:
    moves = [
        Step(known_on=D(2025, 7, 1), old_due_start=None, old_due_end=D(2025, 9, 30)),
        Step(known_on=D(2025, 2, 1), old_due_start=D(2025, 6, 1), old_due_end=D(2025, 6, 30)),
    ]
    k = known_on(
        on, due_start=D(2026, 1, 1), due_end=D(2026, 3, 31), status="open", resolved_on=None, moves=moves
    )
    assert (k.due_start, k.due_end) == due


def test_a_large_board_is_read_whole(
    history: tuple[Database, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past a few hundred commitments the history is read for all of them (no parameter per id).
    from chiso.store import commitments as commitment_store

    db, centre, bus = history
    small = [(r.id, r.due_end) for r in commitments.list_deadlines(db, on=D(2026, 7, 1))]
    monkeypatch.setattr(commitment_store, "_MAX_IDS", 0)
    assert [(r.id, r.due_end) for r in commitments.list_deadlines(db, on=D(2026, 7, 1))] == small
    assert small == [(centre, D(2026, 8, 31)), (bus, D(2027, 12, 31))]
