"""One promise, one commitment: ``review auto`` links a restated deadline instead of making a
second commitment, two commitments that are one promise merge (history and mentions move, the
other redirects), and the check that lists likely duplicates.

The sentences are written for these tests; reports and mentions are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.services import audit, commitments, review
from chiso.services.commitments.schemas import CommitmentEdit
from chiso.store.db import Database
from chiso.store.models import AuditEvent, Commitment, CommitmentEvent, Mention
from tests.services.test_commitments import Dl, add_report, create

D = date

HOTLINE = "Bộ Y tế cho biết chậm nhất hết quý III/2025 sẽ đưa tổng đài hỗ trợ người bệnh vào hoạt động."
HOTLINE_DL = Dl(
    "chậm nhất hết quý III/2025 sẽ đưa tổng đài hỗ trợ người bệnh vào hoạt động",
    "đưa tổng đài hỗ trợ người bệnh vào hoạt động",
    None,
    D(2025, 9, 30),
    "quarter",
)
# The same promise in another outlet's words, in another story.
HOTLINE_AGAIN = (
    "Theo kế hoạch, tổng đài hỗ trợ người bệnh sẽ được đưa vào hoạt động chậm nhất hết quý III/2025."
)
HOTLINE_AGAIN_DL = Dl(
    "tổng đài hỗ trợ người bệnh sẽ được đưa vào hoạt động chậm nhất hết quý III/2025",
    "tổng đài hỗ trợ người bệnh sẽ được đưa vào hoạt động",
    None,
    D(2025, 9, 30),
    "quarter",
)
# The same service in other words: a possible match (about 0.76), not a confident one.
RUN_HOTLINE = "Bệnh viện sẽ vận hành tổng đài hỗ trợ người bệnh chậm nhất hết quý III/2025."
RUN_HOTLINE_DL = Dl(
    "vận hành tổng đài hỗ trợ người bệnh chậm nhất hết quý III/2025",
    "vận hành tổng đài hỗ trợ người bệnh",
    None,
    D(2025, 9, 30),
    "quarter",
)
OTHER = "Tỉnh cam kết chậm nhất hết năm 2026 xây xong cầu qua sông Đà."
OTHER_DL = Dl(
    "chậm nhất hết năm 2026 xây xong cầu qua sông Đà",
    "xây xong cầu qua sông Đà",
    None,
    D(2026, 12, 31),
    "year",
)


def _count(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Commitment)) or 0)


# --- review auto ---------------------------------------------------------------------------------


def test_auto_makes_one_commitment_for_one_promise_stated_twice_in_one_run(database: Database) -> None:
    # Both statements were pending when auto started: the second must see the commitment the first made.
    _, (first,) = add_report(database, HOTLINE, D(2025, 1, 10), (HOTLINE_DL,))
    _, (second,) = add_report(database, HOTLINE_AGAIN, D(2025, 2, 3), (HOTLINE_AGAIN_DL,))
    result = review.auto(database, min_confidence=0.85)
    by_id = {d.mention_id: d for d in result.decisions}
    assert by_id[first].commitment_created
    assert (by_id[second].commitment_id, by_id[second].commitment_created) == (
        by_id[first].commitment_id,
        False,
    )
    assert _count(database) == 1


def test_auto_leaves_a_possible_match_for_a_person(database: Database) -> None:
    # An existing commitment that matches, but not confidently: no second commitment, no link.
    _, (first,) = add_report(database, HOTLINE, D(2025, 1, 10), (HOTLINE_DL,))
    review.accept(database, first, actor="lan")
    _, (second,) = add_report(database, RUN_HOTLINE, D(2025, 2, 3), (RUN_HOTLINE_DL,))
    result = review.auto(database, min_confidence=0.9)
    assert result.decisions == []
    assert [(s.mention_id, s.reason) for s in result.skipped] == [
        (second, "an existing commitment may be the same promise")
    ]
    assert _count(database) == 1


def test_auto_still_makes_a_commitment_when_nothing_matches(database: Database) -> None:
    _, (first,) = add_report(database, HOTLINE, D(2025, 1, 10), (HOTLINE_DL,))
    review.accept(database, first, actor="lan")
    _, (bridge,) = add_report(database, OTHER, D(2025, 2, 3), (OTHER_DL,))
    (d,) = review.auto(database, min_confidence=0.9).decisions
    assert (d.mention_id, d.commitment_created) == (bridge, True)


# --- merge ---------------------------------------------------------------------------------------


@pytest.fixture
def twins(database: Database) -> tuple[Database, int, int, int, int]:
    """One promise made into two commitments: #keep (from January) and #other (from February),
    the other resolved as met in October (after its due date)."""
    _, (m1,) = add_report(database, HOTLINE, D(2025, 1, 10), (HOTLINE_DL,))
    _, (m2,) = add_report(database, HOTLINE_AGAIN, D(2025, 2, 3), (HOTLINE_AGAIN_DL,))
    keep, other = create(database, m1), create(database, m2)
    commitments.edit(database, other, CommitmentEdit(owner="Bộ Y tế"), actor="lan")
    commitments.resolve(database, other, status="met", on=D(2025, 10, 14), actor="lan")
    return database, keep, other, m1, m2


def test_merge_moves_history_and_mentions_and_redirects(twins: tuple[Database, int, int, int, int]) -> None:
    db, keep, other, m1, m2 = twins
    before_audit = len(audit.history(db, entity="commitment"))
    out = commitments.merge(db, keep, other, actor="lan")
    assert out.id == keep
    # the kept one takes the other's resolution (met after its due date: late) and its owner
    assert (out.status, out.resolved_on, out.owner) == ("met_late", D(2025, 10, 14), "Bộ Y tế")
    detail = commitments.get_commitment(db, keep)
    assert {s.mention_id for s in detail.sources} == {m1, m2}
    kinds = [e.kind for e in detail.events]
    assert kinds.count("created") == 2
    assert "resolved" in kinds
    assert kinds[-1] == "merged"
    assert detail.merged_from == [other]
    with db.reading() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(CommitmentEvent)
                .where(CommitmentEvent.commitment_id == other)
            )
            == 0
        )
        assert s.scalar(select(Mention.commitment_id).where(Mention.id == m2)) == keep
        merged_row = s.get(Commitment, other)
        assert merged_row is not None
        assert merged_row.merged_into_id == keep
    assert commitments.merged_target(db, other) == keep
    assert commitments.merged_target(db, keep) is None
    # the board shows the promise once
    board = commitments.list_deadlines(db, on=D(2025, 12, 1))
    assert [r.id for r in board] == [keep]
    # one audit entry for the whole merge
    with db.reading() as s:
        afters = s.scalars(select(AuditEvent.after).where(AuditEvent.action == "commitment.merge")).all()
    assert len(afters) == 1
    assert afters[0] is not None
    assert afters[0]["merged_id"] == other
    assert len(audit.history(db, entity="commitment")) == before_audit + 1


def test_merged_commitment_is_no_longer_suggested_or_linked(
    twins: tuple[Database, int, int, int, int],
) -> None:
    db, keep, other, _m1, _m2 = twins
    commitments.merge(db, keep, other, actor="lan")
    _, (m3,) = add_report(
        db,
        "Nhắc lại: tổng đài hỗ trợ người bệnh sẽ được đưa vào hoạt động chậm nhất hết quý III/2025.",
        D(2025, 3, 1),
        (HOTLINE_AGAIN_DL,),
    )
    with db.reading() as s:
        mention = s.get(Mention, m3)
        assert mention is not None
        assert [c.commitment_id for c in commitments.suggest_commitments(s, mention)] == [keep]
    with pytest.raises(ConflictError, match="merged into"):
        review.accept(db, m3, commitment_id=other, actor="lan")


def test_a_merged_commitment_cannot_be_changed(twins: tuple[Database, int, int, int, int]) -> None:
    db, keep, other, _m1, _m2 = twins
    commitments.merge(db, keep, other, actor="lan")
    with pytest.raises(ConflictError, match=f"merged into commitment {keep}; change that one"):
        commitments.reopen(db, other, actor="lan")
    with pytest.raises(ConflictError, match="change that one"):
        commitments.edit(db, other, CommitmentEdit(owner="Ai đó"), actor="lan")
    with pytest.raises(ConflictError, match="change that one"):
        commitments.resolve(db, other, status="dropped", on=D(2025, 12, 1), actor="lan")


def test_merge_follows_earlier_merges(database: Database) -> None:
    ids = []
    for n, text in enumerate((HOTLINE, HOTLINE_AGAIN, HOTLINE_AGAIN + " Lần ba.")):
        dl = HOTLINE_DL if n == 0 else HOTLINE_AGAIN_DL
        _, (m,) = add_report(database, text, D(2025, 1, 10 + n), (dl,))
        ids.append(create(database, m))
    a, b, c = ids
    commitments.merge(database, b, c, actor="lan")
    commitments.merge(database, a, b, actor="lan")
    assert commitments.merged_target(database, c) == a
    assert commitments.get_commitment(database, a).merged_from == [b, c]


@pytest.mark.parametrize(
    ("pick", "error", "match"),
    [
        (lambda k, o: (k, k), InputError, "into itself"),
        (lambda k, o: (k, 99999), NotFoundError, "no commitment"),
        (lambda k, o: (o, k), ConflictError, "already merged"),
    ],
)
def test_merge_refuses(
    twins: tuple[Database, int, int, int, int], pick: object, error: type[Exception], match: str
) -> None:
    db, keep, other, _m1, _m2 = twins
    if error is ConflictError:
        commitments.merge(db, keep, other, actor="lan")
    a, b = pick(keep, other)  # type: ignore[operator]
    with pytest.raises(error, match=match):
        commitments.merge(db, a, b, actor="lan")


def test_merged_target_of_an_unknown_id(database: Database) -> None:
    with pytest.raises(NotFoundError):
        commitments.merged_target(database, 4242)


# --- likely duplicates -----------------------------------------------------------------------------


def test_duplicates_list_one_promise_made_twice(twins: tuple[Database, int, int, int, int]) -> None:
    db, keep, other, _m1, _m2 = twins
    _, (m3,) = add_report(db, OTHER, D(2025, 2, 3), (OTHER_DL,))
    create(db, m3)
    (pair,) = commitments.find_duplicates(db)
    assert (pair.first.id, pair.second.id) == (keep, other)
    assert pair.words >= 0.5
    assert pair.days_apart == 0
    commitments.merge(db, keep, other, actor="lan")
    assert commitments.find_duplicates(db) == []


def test_duplicates_need_the_same_owner_and_close_dates(twins: tuple[Database, int, int, int, int]) -> None:
    db, keep, other, _m1, _m2 = twins
    commitments.edit(db, keep, CommitmentEdit(owner="UBND TP Hà Nội"), actor="lan")
    assert commitments.find_duplicates(db) == []
    commitments.edit(db, keep, CommitmentEdit(owner="bộ y tế"), actor="lan")
    assert len(commitments.find_duplicates(db)) == 1
    # the same words two years apart are two promises
    far = Dl(HOTLINE_DL.quote, HOTLINE_DL.action, None, D(2027, 12, 31), "year")
    _, (m,) = add_report(db, HOTLINE + " Bản khác.", D(2025, 1, 11), (far,))
    create(db, m)
    assert [(p.first.id, p.second.id) for p in commitments.find_duplicates(db)] == [(keep, other)]


# Another promise that shares a few action words with the hotline one ("hỗ trợ người", "hoạt
# động") two years later: a weak match (0.35-0.6), which `a` used to link it to.
HELPDESK = "Sở sẽ đưa bàn hỗ trợ doanh nghiệp số vào hoạt động chậm nhất hết quý II/2027."
HELPDESK_DL = Dl(
    "đưa bàn hỗ trợ doanh nghiệp số vào hoạt động chậm nhất hết quý II/2027",
    "đưa bàn hỗ trợ doanh nghiệp số vào hoạt động",
    None,
    D(2027, 6, 30),
    "quarter",
)


def test_a_weak_match_is_not_a_suggestion_and_accept_makes_a_new_commitment(database: Database) -> None:
    """`a` accepts the top suggestion; so a weak one must not be offered: a new promise that
    shares a few words with an old one was linked to it (the board then showed it met or late)."""
    from tests.services.test_commitments import create as create_commitment

    _, (old,) = add_report(database, HOTLINE, D(2025, 1, 10), (HOTLINE_DL,))
    kept = create_commitment(database, old)
    _, (new,) = add_report(database, HELPDESK, D(2026, 12, 1), (HELPDESK_DL,))
    with database.reading() as s:
        mention = s.get(Mention, new)
        assert mention is not None
        from chiso.track.actions import action_overlap

        text = mention.commitment_text or mention.quote
        title = s.get(Commitment, kept).title  # type: ignore[union-attr]
        overlap = (action_overlap(title, text) + action_overlap(text, title)) / 2
        assert overlap > 0  # they do share words: a weak match before the floor
        assert commitments.suggest_commitments(s, mention) == []
    decision = review.accept(database, new, actor="lan")
    assert decision.commitment_created
    assert decision.commitment_id != kept
