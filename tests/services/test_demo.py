"""The demo a new user meets with `make run`: several series, a conflict and commitments in
different states, all from reports written for chiso."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from chiso.errors import ConflictError
from chiso.services import commitments, demo, observations, review
from chiso.services.reports import add as reports
from chiso.store.db import Database


def test_demo_reports_span_2023_to_2026_in_both_languages() -> None:
    from chiso.ingest.files import read_path

    docs = [read_path(p, max_bytes=1_000_000) for p in demo.demo_paths()]
    assert len(docs) >= 8
    years = {d.published_on.year for d in docs if d.published_on}
    assert {2023, 2024, 2025, 2026} <= years
    assert {d.lang for d in docs} == {"vi", "en"}
    assert all(d.title and d.publisher for d in docs)


def test_demo_shows_series_a_conflict_and_commitments_in_several_states(database: Database) -> None:
    result = demo.load_demo(database)
    assert result.reports == len(demo.demo_paths())
    assert reports.count_reports(database) == result.reports

    latest = observations.latest(database)
    with_three = [r.indicator.slug for r in latest if r.points >= 3]
    assert len(with_three) >= 6, with_three
    assert "vneid-activated-accounts" in with_three

    assert observations.conflicts(database), "the demo has two outlets disagreeing on one date"

    board = commitments.list_deadlines(database, on=date(2026, 12, 5))
    states = Counter(c.display_status for c in board)
    assert len(board) >= 5
    assert {"met", "missed", "overdue", "due_soon", "upcoming"} <= set(states), states
    # A later report restating a tracked promise in other words is left for a person (auto links
    # only a confident match): one promise is never put on the board twice by the machine.
    left = review.pending(database, kind="deadline", limit=50)
    assert left
    assert all(item.commitment_suggestions for item in left)
    assert len({c.title for c in board}) == len(board)


def test_demo_needs_an_empty_database(database: Database) -> None:
    demo.load_demo(database)
    with pytest.raises(ConflictError, match="empty database"):
        demo.load_demo(database)


def test_the_demo_board_shows_each_promise_once_and_true(database: Database) -> None:
    """A new user saw "open the first National Data Center" 459 days late beside the same promise
    in Vietnamese, met; and the 50 % promise late although the 2024 review says 52 % was reached.
    The demo's editor merges the bilingual duplicates and resolves the kept promise."""
    demo.load_demo(database)
    board = commitments.list_deadlines(database, on=date(2026, 12, 3))
    titles = [c.title.casefold() for c in board]
    assert not any("open the first national data center" in t for t in titles)
    assert not any("connected to all ministries" in t for t in titles)
    (centre,) = [c for c in board if "khánh thành trung tâm dữ liệu quốc gia số 1" in c.title.casefold()]
    assert centre.display_status == "met"
    (half,) = [c for c in board if "lên 50%" in c.title]
    assert half.display_status == "met"
    assert {c.display_status for c in board} >= {"met", "missed", "overdue", "due_soon", "upcoming"}
