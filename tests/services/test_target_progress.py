"""Progress towards targets on the board (issue 15, item 6): a commitment with a target and two
observations of its indicator gets its Open SDG category; the series is the one drawn (targets
left out), as of the board's day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chiso.services import commitments
from chiso.store.db import Database
from chiso.store.models import Commitment, Indicator, Observation

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def seed(db: Database, *, measure: str, points: list[tuple[date, float]], target: float, due: date) -> int:
    with db.transaction() as s:
        ind = Indicator(
            slug="chi-so",
            name_vi="Chỉ số",
            name_en="Indicator",
            unit="x",
            measure=measure,
            created_at=LONG_AGO,
        )
        s.add(ind)
        s.flush()
        for day, value in points:
            s.add(Observation(indicator_id=ind.id, value=value, ref_date=day, as_of=day, created_at=LONG_AGO))
        # a stated target is not an observation
        s.add(
            Observation(indicator_id=ind.id, value=target, ref_date=due, is_target=True, created_at=LONG_AGO)
        )
        c = Commitment(
            title="đạt mục tiêu",
            due_end=due,
            precision="year",
            target_indicator_id=ind.id,
            target_value=target,
            status="open",
            created_at=LONG_AGO,
        )
        s.add(c)
        s.flush()
        return c.id


@pytest.mark.parametrize(
    ("measure", "points", "target", "category", "method"),
    [
        ("cumulative", [(date(2020, 1, 1), 100), (date(2022, 1, 1), 121)], 146.41, "on_track", "cagr"),
        (
            "cumulative",
            [(date(2020, 1, 1), 100), (date(2022, 1, 1), 102)],
            146.41,
            "limited_progress",
            "cagr",
        ),
        ("share", [(date(2020, 1, 1), 50), (date(2022, 1, 1), 57)], 70, "needs_acceleration", "linear"),
        ("share", [(date(2020, 1, 1), 50), (date(2022, 1, 1), 71)], 70, "achieved", "linear"),
    ],
)
def test_board_rows_carry_progress(
    database: Database,
    measure: str,
    points: list[tuple[date, float]],
    target: float,
    category: str,
    method: str,
) -> None:
    cid = seed(database, measure=measure, points=points, target=target, due=date(2024, 1, 1))
    on = date(2023, 6, 1)
    (row,) = commitments.list_deadlines(database, on=on, progress=True)
    (plain,) = commitments.list_deadlines(database, on=on)
    assert plain.progress is None  # only when asked (the dashboard does not show it)
    assert row.progress is not None
    assert (row.progress.category, row.progress.method) == (category, method)
    board = commitments.board_page(database, on=date.today())
    (shown,) = [r for g in board.groups for r in g.items]
    assert shown.id == cid
    assert shown.progress is not None
    assert shown.progress.category == category
    assert commitments.get_commitment(database, cid).progress is not None


def test_one_observation_says_nothing(database: Database) -> None:
    seed(database, measure="cumulative", points=[(date(2020, 1, 1), 100)], target=200, due=date(2024, 1, 1))
    (row,) = commitments.list_deadlines(database, on=date(2023, 1, 1), progress=True)
    assert row.progress is None


def test_only_points_known_on_the_day(database: Database) -> None:
    seed(
        database,
        measure="cumulative",
        points=[(date(2020, 1, 1), 100), (date(2021, 1, 1), 110), (date(2022, 1, 1), 90)],
        target=146.41,
        due=date(2024, 1, 1),
    )
    (then,) = commitments.list_deadlines(database, on=date(2021, 6, 1), progress=True)
    assert then.progress is not None
    assert then.progress.category == "on_track"
    (now,) = commitments.list_deadlines(database, on=date(2023, 1, 1), progress=True)
    assert now.progress is not None
    assert now.progress.category == "moving_away"
