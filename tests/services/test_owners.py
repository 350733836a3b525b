"""Who keeps promises (issue 15, item 5): per-owner counts on SQLite and PostgreSQL, the share
kept on time and its denominator, the median delays, spellings of one owner counted together, the
ranking, and the board filtered to one owner's commitments."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chiso.errors import NotFoundError
from chiso.services import commitments
from chiso.store.db import Database
from chiso.store.models import Commitment

TODAY = date.today()
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def _days(n: int) -> date:
    return TODAY + timedelta(days=n)


#: (owner, due_end, status, resolved_on)
TABLE: list[tuple[str | None, date, str, date | None]] = [
    ("Bộ Công an", _days(-100), "met", _days(-110)),
    ("Bộ Công an", _days(-50), "met", _days(-50)),
    ("Bộ Công an", _days(-80), "met_late", _days(-70)),  # 10 days late
    ("Bộ Công an", _days(-60), "met_late", _days(-40)),  # 20 days late
    ("Bộ Công an", _days(-5), "open", None),  # overdue by 5 days
    ("Bộ Công an", _days(90), "open", None),  # upcoming
    ("BCA", _days(-30), "met", _days(-31)),  # the same owner, abbreviated
    ("Bộ Y tế", _days(-20), "met", _days(-25)),
    ("UBND TP Hà Nội", _days(-20), "met", _days(-25)),
    ("UBND TP Hà Nội", _days(-20), "met_late", _days(-10)),
    ("UBND TP Hà Nội", _days(-20), "dropped", _days(-10)),
    ("UBND tỉnh Lâm Đồng", _days(-200), "missed", _days(-1)),
    ("UBND tỉnh Lâm Đồng", _days(-20), "met", _days(-21)),
    ("Sở Xây dựng Lâm Đồng", _days(40), "open", None),
    (None, _days(-3), "open", None),
]


def seed_owners(database: Database) -> Database:
    """The commitments of :data:`TABLE`, and one merged into another (counted once)."""
    with database.transaction() as s:
        made = []
        for owner, due, status, resolved in TABLE:
            c = Commitment(
                title=f"việc của {owner}",
                owner=owner,
                due_end=due,
                precision="day",
                status=status,
                resolved_on=resolved,
                created_at=LONG_AGO,
            )
            s.add(c)
            made.append(c)
        gone = Commitment(
            title="đã gộp",
            owner="Bộ Y tế",
            due_end=_days(-9),
            precision="day",
            status="missed",
            resolved_on=_days(-1),
            created_at=LONG_AGO,
        )
        s.add(gone)
        s.flush()
        gone.merged_into_id = made[7].id  # merged: counted once, in the one it joined
    return database


@pytest.fixture
def owned(database: Database) -> Database:
    return seed_owners(database)


def test_ranking_and_numbers(owned: Database) -> None:
    page = commitments.owners_scorecard(owned, on=TODAY)
    assert [o.slug for o in page.owners] == [
        "bo-y-te",  # 1/1
        "bo-cong-an",  # 3/6
        "ubnd-tp-ha-noi",  # 1/2, three made
        "ubnd-tinh-lam-dong",  # 1/2, two made
        "so-xay-dung-lam-dong",  # nothing due or decided yet: last
    ]
    assert page.unowned == 1
    bca = page.owners[1]
    assert (bca.name, bca.name_en, bca.kind) == ("Bộ Công an", "Ministry of Public Security", "ministry")
    assert bca.spellings == ["BCA", "Bộ Công an"]
    assert (bca.made, bca.met, bca.met_late, bca.missed, bca.overdue, bca.open) == (7, 3, 2, 0, 1, 2)
    assert bca.due_or_decided == 6
    assert bca.kept_on_time == pytest.approx(0.5)
    assert bca.median_days_late == 15
    assert bca.median_days_overdue == 5
    hanoi = page.owners[2]
    assert (hanoi.made, hanoi.dropped, hanoi.due_or_decided, hanoi.kept_on_time) == (3, 1, 2, 0.5)
    assert hanoi.median_days_late == 10
    assert hanoi.median_days_overdue is None
    lam_dong = page.owners[3]
    assert (lam_dong.missed, lam_dong.kept_on_time) == (1, 0.5)
    unknown = page.owners[4]
    assert (unknown.name, unknown.kind, unknown.kept_on_time, unknown.open) == (
        "Sở Xây dựng Lâm Đồng",
        None,
        None,
        1,
    )
    assert page.owners[0].made == 1  # the merged commitment is not counted


def test_one_owner(owned: Database) -> None:
    one = commitments.owner_scorecard(owned, "bo-cong-an", on=TODAY)
    assert (one.made, one.kept_on_time) == (7, 0.5)
    with pytest.raises(NotFoundError):
        commitments.owner_scorecard(owned, "bo-quoc-phong", on=TODAY)


def test_a_past_day(owned: Database) -> None:
    """On a day before some resolutions, those commitments were still open (or overdue)."""
    one = commitments.owner_scorecard(owned, "bo-cong-an", on=_days(-45))
    # met on -110, -50 and -31 (the last not yet); met late on -70 and -40 (the last not yet)
    assert (one.met, one.met_late) == (2, 1)
    assert one.overdue == 1  # due -60, met late only on -40
    assert one.median_days_overdue == 15


def test_board_by_owner_slug(owned: Database) -> None:
    board = commitments.board_page(owned, on=TODAY, owner_slug="bo-cong-an")
    assert sum(board.counts.values()) == 7
    assert board.counts["met"] == 3
    rows = commitments.list_deadlines(owned, on=TODAY, owner_slug="bo-cong-an", status="overdue")
    assert [r.due_end for r in rows] == [_days(-5)]


# --- the owner a new commitment gets ----------------------------------------------------------------


def test_a_new_commitment_takes_the_owner_its_sentence_names(database: Database) -> None:
    from chiso.services import review
    from tests.services.test_commitments import CENTRE_DL, DATA_CENTRE, ONLINE, ONLINE_DL, add_report, create

    _, (centre, online) = add_report(
        database, f"{DATA_CENTRE} {ONLINE}", date(2026, 1, 20), (CENTRE_DL, ONLINE_DL)
    )
    items = {i.mention.id: i for i in review.pending(database, kind="deadline")}
    named = items[centre].owner_suggestion
    assert named is not None
    assert (named.name, named.source, named.words, named.slug) == (
        "Bộ Công an",
        "sentence",
        "Bộ Công an",
        "bo-cong-an",
    )
    # "Các tỉnh" names no one: the title's body is offered, not taken unseen
    guessed = items[online].owner_suggestion
    assert guessed is not None
    assert (guessed.name, guessed.source) == ("Bộ Công an", "title")  # the title is the text's start
    made = commitments.get_commitment(database, create(database, centre))
    assert made.owner == "Bộ Công an"
    assert commitments.get_commitment(database, create(database, online)).owner is None


@pytest.mark.parametrize(("given", "stored"), [("  Bộ Tư pháp ", "Bộ Tư pháp"), ("", None)])
def test_a_person_corrects_the_owner(database: Database, given: str, stored: str | None) -> None:
    from chiso.services import review
    from tests.services.test_commitments import CENTRE_DL, DATA_CENTRE, add_report

    _, (centre,) = add_report(database, DATA_CENTRE, date(2026, 1, 20), (CENTRE_DL,))
    decision = review.accept(database, centre, new_commitment=True, owner=given, actor="lan")
    assert decision.commitment_id is not None
    assert commitments.get_commitment(database, decision.commitment_id).owner == stored
