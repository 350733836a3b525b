"""The deadline board grouped and paged (issue 16): the display status the store computes in SQL
is the one :func:`chiso.track.status.standing` gives, each group's pages put together are the
group as :func:`list_deadlines` lists it, and the filters and a past day's board (as known then)
keep their meaning.

The commitments are a table written for these tests around today (the SQL path serves today and
later days), with a deadline on each side of every bound of :func:`chiso.track.status.horizon`.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from chiso.errors import InputError
from chiso.services import commitments
from chiso.services.commitments.schemas import CommitmentOut
from chiso.store import commitments as commitment_store
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Indicator
from chiso.track.status import BOARD_GROUPS, RESOLVED, horizon, standing

TODAY = date.today()
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def _days(n: int) -> date:
    return TODAY + timedelta(days=n)


#: (title, owner, programme, due_start, due_end, status, resolved_on): every side of every bound
TABLE: list[tuple[str, str | None, str | None, date | None, date | None, str, date | None]] = [
    ("overdue by a year", "Bộ Công an", "Đề án 06", None, _days(-365), "open", None),
    ("overdue by a day", "Bộ Công an", "Đề án 06", _days(-40), _days(-1), "open", None),
    ("due today", "Bộ Tài chính", "Đề án 06", None, _days(0), "open", None),
    ("due in thirty days", "Bộ Tài chính", None, None, _days(30), "open", None),
    ("due in thirty-one days", "Văn phòng Chính phủ", "Nghị quyết 57", None, _days(31), "open", None),
    ("start only, past", "Bộ Công an", None, _days(-5), None, "open", None),
    ("start only, far", None, "Nghị quyết 57", _days(90), None, "open", None),
    ("no date", None, None, None, None, "open", None),
    ("met", "Bộ Công an", "Đề án 06", None, _days(-10), "met", _days(-12)),
    ("met late", "Bộ Tài chính", None, None, _days(-30), "met_late", _days(-2)),
    ("missed", None, "Nghị quyết 57", None, _days(-60), "missed", _days(-1)),
    ("dropped without a day", None, None, None, _days(100), "dropped", None),
    ("met after the day", "Bộ Công an", None, None, _days(10), "met", _days(3)),
    ("resolved today", None, None, None, _days(-3), "missed", _days(0)),
]
for n in range(7):  # enough in one group to page through it
    TABLE.append((f"later {n}", "Bộ Công an", "Đề án 06", None, _days(200 + n % 3), "open", None))


@pytest.fixture
def board(database: Database) -> Database:
    """The table, plus one commitment merged into another (never on the board) and a target."""
    with database.transaction() as s:
        indicator = Indicator(
            slug="tai-khoan",
            name_vi="Tài khoản",
            name_en="Accounts",
            unit="account",
            measure="count",
            created_at=LONG_AGO,
        )
        s.add(indicator)
        s.flush()
        made = []
        for title, owner, programme, start, end, status, resolved_on in TABLE:
            c = Commitment(
                title=title,
                owner=owner,
                programme=programme,
                due_start=start,
                due_end=end,
                precision="day",
                status=status,
                resolved_on=resolved_on,
                created_at=LONG_AGO,
            )
            if title.startswith("later") or title == "due today":
                c.target_indicator_id = indicator.id
            made.append(c)
        s.add_all(made)
        s.flush()
        s.add(
            Commitment(
                title="merged away",
                due_end=_days(1),
                precision="day",
                status="open",
                created_at=LONG_AGO,
                merged_into_id=made[0].id,
            )
        )
        made[2].events.append(CommitmentEvent(at=LONG_AGO, kind="evidence", state="confirmed", actor="test"))
        made[2].events.append(
            CommitmentEvent(at=LONG_AGO, kind="due_changed", state="proposed", actor="test")
        )
    return database


def _groups(rows: list[CommitmentOut], key: str) -> list[int]:
    return [r.id for r in rows if r.display_status in BOARD_GROUPS[key]]


@pytest.mark.parametrize("shift", [-400, -31, -1, 0, 1, 30, 31, 365])
def test_sql_display_status_is_the_python_rule(board: Database, shift: int) -> None:
    on = _days(shift)
    bounds = horizon(on)
    day = commitment_store.BoardDay(on, bounds.overdue_before, bounds.due_soon_through, RESOLVED)
    with board.reading() as s:
        rows = s.execute(select(Commitment, commitment_store.display_status(day))).all()
        assert len(rows) == len(TABLE) + 1
        for c, shown in rows:
            rule = standing(
                status=c.status, due_start=c.due_start, due_end=c.due_end, on=on, resolved_on=c.resolved_on
            )
            assert (c.title, shown) == (c.title, rule.status)


def test_groups_are_the_full_board_grouped(board: Database) -> None:
    full = commitments.list_deadlines(board, on=TODAY)
    page = commitments.board_page(board, on=TODAY)
    assert [g.key for g in page.groups] == ["due", "upcoming", "resolved"]
    assert {s: n for s, n in page.counts.items() if n} == dict(Counter(r.display_status for r in full))
    for g in page.groups:
        assert [r.id for r in g.items] == _groups(full, g.key)[: commitments.PAGE_SIZE]
        assert g.total == len(_groups(full, g.key))
        assert g.next_offset is None
    due = {r.title: r for r in page.groups[0].items}
    assert list(due) == [
        "overdue by a year",
        "overdue by a day",
        "due today",
        "met after the day",  # resolved after today: open today
        "due in thirty days",
        "start only, past",  # no due_end: after the dated ones, overdue by its start
    ]
    assert (due["due today"].evidence, due["due today"].pending_proposals) == (1, 1)
    assert [r.title for r in page.groups[2].items][:2] == ["missed", "met late"]  # soonest due first
    assert {r.title for r in page.groups[1].items} >= {"due in thirty-one days", "no date", "start only, far"}
    assert "merged away" not in {r.title for g in page.groups for r in g.items}


def test_a_group_paged_through_is_the_whole_group(board: Database) -> None:
    full = _groups(commitments.list_deadlines(board, on=TODAY), "upcoming")
    seen: list[int] = []
    offset: int | None = 0
    pages = 0
    while offset is not None:
        page = commitments.board_page(board, on=TODAY, group="upcoming", limit=3, offset=offset)
        (g,) = page.groups
        assert (g.key, g.total, g.offset, len(g.items)) == (
            "upcoming",
            len(full),
            offset,
            min(3, len(full) - offset),
        )
        seen += [r.id for r in g.items]
        offset, pages = g.next_offset, pages + 1
    assert seen == full
    assert pages == -(-len(full) // 3)
    beyond = commitments.board_page(board, on=TODAY, group="upcoming", limit=3, offset=len(full))
    assert beyond.groups[0].items == []
    assert beyond.groups[0].next_offset is None


@pytest.mark.parametrize(
    "filters",
    [
        {"owner": "công an"},
        {"owner": "BỘ TÀI"},
        {"owner": "nobody"},
        {"programme": "đề án"},
        {"programme": "57", "status": "open"},
        {"status": "resolved"},
        {"status": "overdue"},
        {"status": "due_soon", "owner": "tài chính"},
        {"status": "upcoming"},
        {"target": True},
    ],
)
def test_filters_mean_what_they_mean_to_the_full_listing(board: Database, filters: dict[str, object]) -> None:
    kw: dict[str, object] = {k: v for k, v in filters.items() if k != "target"}
    if "target" in filters:
        with board.reading() as s:
            kw["target_indicator"] = s.scalar(select(Indicator.id))
    full = commitments.list_deadlines(board, on=TODAY, **kw)  # type: ignore[arg-type]
    page = commitments.board_page(board, on=TODAY, limit=2, **kw)  # type: ignore[arg-type]
    shown = {s for g in page.groups for s in g.statuses}
    for g in page.groups:
        assert [r.id for r in g.items] == _groups(full, g.key)[:2]
        assert g.total == len(_groups(full, g.key))
    assert sorted(r.id for r in full) == sorted(
        r.id
        for r in commitments.list_deadlines(board, on=TODAY, **{k: v for k, v in kw.items() if k != "status"})  # type: ignore[arg-type]
        if r.display_status in shown
    )
    # the chips count every status the other filters keep, whatever the status filter
    unfiltered = commitments.list_deadlines(
        board,
        on=TODAY,
        **{k: v for k, v in kw.items() if k != "status"},  # type: ignore[arg-type]
    )
    assert {s: n for s, n in page.counts.items() if n} == dict(Counter(r.display_status for r in unfiltered))


def test_a_past_day_is_paged_as_known_then(board: Database) -> None:
    with board.transaction() as s:
        c = s.scalars(select(Commitment).where(Commitment.title == "due in thirty-one days")).one()
        # moved on day -20 from an end 100 days before today: before then it was long overdue
        c.events.append(
            CommitmentEvent(
                at=LONG_AGO,
                kind="due_changed",
                state="confirmed",
                actor="test",
                on_date=_days(-20),
                old_due_end=_days(-100),
            )
        )
        moved = c.id
    on = _days(-50)
    full = commitments.list_deadlines(board, on=on)
    page = commitments.board_page(board, on=on, limit=4)
    for g in page.groups:
        assert [r.id for r in g.items] == _groups(full, g.key)[:4]
        assert all(r.as_known_on == on for r in g.items)
    # as known 50 days ago its end was 100 days ago (overdue then), not 31 days ahead
    assert {r.id: r.display_status for r in full}[moved] == "overdue"
    assert moved in {r.id for r in page.groups[0].items}
    now = commitments.board_page(board, on=TODAY, group="upcoming")
    assert moved in {r.id for r in now.groups[0].items}
    assert commitments.board_page(board, on=_days(-10)).counts["overdue"] >= 1


@pytest.mark.parametrize(
    "bad", [{"status": "late"}, {"group": "soon"}, {"limit": 0}, {"limit": 1000}, {"offset": -1}]
)
def test_bad_paging_is_refused(board: Database, bad: dict[str, object]) -> None:
    with pytest.raises(InputError):
        commitments.board_page(board, on=TODAY, **bad)  # type: ignore[arg-type]
