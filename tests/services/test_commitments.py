"""Commitments: created from deadline mentions, tracked on the board, resolved, with evidence
and due-date changes proposed from later reports and confirmed by a person.

Reports and mentions are built by hand here (sentences written for these tests), so that the
tracking rules are tested apart from the extractor; the seed acceptance test at the end runs the
whole path through ``add_report``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.services import audit, commitments
from chiso.services.commitments.schemas import CommitmentEdit
from chiso.store.db import Database
from chiso.store.models import AuditEvent, Commitment, CommitmentEvent, Mention, Report

D = date

DATA_CENTRE = "Bộ Công an dự kiến trong tháng 8/2026 sẽ khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3."
ONLINE = "Các tỉnh phải hoàn thành chậm nhất hết quý II/2026 việc số hóa toàn bộ hồ sơ hộ tịch giấy."


@dataclass(frozen=True)
class Dl:
    """A deadline mention to build by hand: its quote (found in the text) and what it resolves to."""

    quote: str
    action: str
    due_start: date | None
    due_end: date | None
    precision: str


CENTRE_DL = Dl(
    "dự kiến trong tháng 8/2026 sẽ khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3",
    "khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3",
    D(2026, 8, 1),
    D(2026, 8, 31),
    "month",
)
ONLINE_DL = Dl(
    "chậm nhất hết quý II/2026 việc số hóa toàn bộ hồ sơ hộ tịch giấy",
    "số hóa toàn bộ hồ sơ hộ tịch giấy",
    None,
    D(2026, 6, 30),
    "quarter",
)


def add_report(
    db: Database,
    text: str,
    published: date | None,
    deadlines: tuple[Dl, ...] = (),
    *,
    story: int | None = None,
    lang: str = "vi",
) -> tuple[int, list[int]]:
    """A report with hand-made deadline mentions; returns its id and the mentions' ids."""
    with db.transaction() as s:
        report = Report(
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            lang=lang,
            published_on=published,
            added_at=audit.now(),
            extractor_version="test",
            title=text[:30],
        )
        for dl in deadlines:
            start = text.index(dl.quote)
            report.mentions.append(
                Mention(
                    kind="deadline",
                    start=start,
                    end=start + len(dl.quote),
                    quote=dl.quote,
                    due_start=dl.due_start,
                    due_end=dl.due_end,
                    precision=dl.precision,
                    commitment_text=dl.action,
                    trigger="test",
                    confidence=0.9,
                    extractor_version="test",
                )
            )
        s.add(report)
        s.flush()
        report.story_id = story or report.id
        return report.id, [m.id for m in report.mentions]


def create(db: Database, mention_id: int, **kw: object) -> int:
    with db.transaction() as s:
        mention = s.get(Mention, mention_id)
        assert mention is not None
        return commitments.create_from_mention(s, mention, actor="lan", **kw).id  # type: ignore[arg-type]


def propose(db: Database, report_id: int) -> int:
    with db.transaction() as s:
        report = s.get(Report, report_id)
        assert report is not None
        return commitments.propose_progress(s, report)


@pytest.fixture
def board(database: Database) -> tuple[Database, int, int]:
    """Two commitments from one report published 2026-01-20: the centre (August) and the records (Q2)."""
    _, (m_centre, m_online) = add_report(
        database, f"{DATA_CENTRE} {ONLINE}", D(2026, 1, 20), (CENTRE_DL, ONLINE_DL)
    )
    return database, create(database, m_centre), create(database, m_online)


# --- creating and linking ----------------------------------------------------------------------


def test_create_from_mention(database: Database) -> None:
    report_id, (mid,) = add_report(database, ONLINE, D(2026, 1, 20), (ONLINE_DL,))
    cid = create(database, mid, owner="UBND các tỉnh", programme="Đề án 06")
    detail = commitments.get_commitment(database, cid, on=D(2026, 2, 1))
    assert detail.title == "số hóa toàn bộ hồ sơ hộ tịch giấy"
    assert (detail.due_start, detail.due_end, detail.precision) == (None, D(2026, 6, 30), "quarter")
    assert (detail.owner, detail.programme, detail.status, detail.display_status) == (
        "UBND các tỉnh",
        "Đề án 06",
        "open",
        "upcoming",
    )
    assert [(e.kind, e.state, e.mention_id, e.report_id) for e in detail.events] == [
        ("created", "confirmed", mid, report_id)
    ]
    assert [(src.mention_id, src.quote) for src in detail.sources] == [(mid, ONLINE_DL.quote)]
    with database.reading() as s:
        assert s.get(Mention, mid).commitment_id == cid  # type: ignore[union-attr]
        assert s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == cid)).all() == [
            "commitment.create"
        ]


def test_create_from_mention_with_a_title_of_ones_own(database: Database) -> None:
    _, (mid,) = add_report(database, ONLINE, D(2026, 1, 20), (ONLINE_DL,))
    cid = create(database, mid, title="  Số hóa   hộ tịch  ")
    assert commitments.get_commitment(database, cid).title == "Số hóa hộ tịch"


def test_create_from_mention_refuses_figures_and_second_links(database: Database) -> None:
    _, (mid,) = add_report(database, ONLINE, D(2026, 1, 20), (ONLINE_DL,))
    create(database, mid)
    with pytest.raises(ConflictError):
        create(database, mid)
    with database.transaction() as s:
        figure = Mention(
            report_id=s.scalars(select(Report.id)).one(),
            kind="figure",
            start=0,
            end=3,
            quote="Các",
            value=1,
            extractor_version="test",
        )
        s.add(figure)
        s.flush()
        with pytest.raises(InputError):
            commitments.create_from_mention(s, figure, actor="lan")


def test_create_from_mention_checks_the_target_indicator(database: Database) -> None:
    _, (mid,) = add_report(database, ONLINE, D(2026, 1, 20), (ONLINE_DL,))
    with pytest.raises(NotFoundError):
        create(database, mid, target_indicator_id=999)
    with database.reading() as s:
        assert s.scalars(select(Commitment)).all() == []


def test_link_a_restatement_with_a_later_date_proposes_a_due_change(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    later = Dl(
        "dự kiến trong tháng 10/2026 sẽ khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3",
        "khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3",
        D(2026, 10, 1),
        D(2026, 10, 31),
        "month",
    )
    report_id, (mid,) = add_report(db, f"Lãnh đạo Bộ cho biết {later.quote}.", D(2026, 4, 2), (later,))
    with db.transaction() as s:
        mention = s.get(Mention, mid)
        assert mention is not None
        commitments.link_mention(s, mention, centre, actor="lan")
        # linking again to the same commitment changes nothing
        commitments.link_mention(s, mention, centre, actor="lan")
    detail = commitments.get_commitment(db, centre)
    assert [(e.kind, e.state) for e in detail.events] == [
        ("created", "confirmed"),
        ("linked", "confirmed"),
        ("due_changed", "proposed"),
    ]
    change = detail.events[-1]
    assert (change.report_id, change.new_due_start, change.new_due_end) == (
        report_id,
        D(2026, 10, 1),
        D(2026, 10, 31),
    )
    assert len(detail.sources) == 2
    assert detail.pending_proposals == 1


def test_link_a_restatement_with_the_same_date_proposes_nothing(board: tuple[Database, int, int]) -> None:
    db, centre, online = board
    _, (mid,) = add_report(db, f"Nhắc lại: {CENTRE_DL.quote}.", D(2026, 3, 1), (CENTRE_DL,))
    with db.transaction() as s:
        mention = s.get(Mention, mid)
        assert mention is not None
        commitments.link_mention(s, mention, centre, actor="lan")
        with pytest.raises(ConflictError):
            commitments.link_mention(s, mention, online, actor="lan")
        with pytest.raises(NotFoundError):
            commitments.link_mention(s, mention, 999, actor="lan")
    assert commitments.get_commitment(db, centre).pending_proposals == 0


def test_suggest_commitments(board: tuple[Database, int, int]) -> None:
    db, centre, online = board
    other = Dl(
        "trước ngày 31/8/2026 khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3",
        "khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3",
        None,
        D(2026, 8, 31),
        "day",
    )
    unrelated = Dl(
        "trong năm 2027 xây dựng cầu vượt sông Hồng",
        "xây dựng cầu vượt sông Hồng",
        D(2027, 1, 1),
        D(2027, 12, 31),
        "year",
    )
    _, (m1, m2) = add_report(
        db,
        f"Bộ yêu cầu {other.quote}; thành phố dự kiến {unrelated.quote}.",
        D(2026, 3, 1),
        (other, unrelated),
    )
    with db.reading() as s:
        got = commitments.suggest_commitments(s, s.get(Mention, m1))  # type: ignore[arg-type]
        none = commitments.suggest_commitments(s, s.get(Mention, m2))  # type: ignore[arg-type]
    assert [g.commitment_id for g in got] == [centre]
    assert got[0].score > 0.9
    assert any("same due date" in r for r in got[0].reasons)
    assert online not in [g.commitment_id for g in got]
    assert none == []


# --- the board ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "centre", "online"),
    [
        (D(2026, 2, 15), ("upcoming", 197, None), ("upcoming", 135, None)),
        (D(2026, 6, 1), ("upcoming", 91, None), ("due_soon", 29, None)),
        (D(2026, 6, 30), ("upcoming", 62, None), ("due_soon", 0, None)),
        (D(2026, 7, 1), ("upcoming", 61, None), ("overdue", None, 1)),
        (D(2026, 8, 31), ("due_soon", 0, None), ("overdue", None, 62)),
        (D(2026, 9, 1), ("overdue", None, 1), ("overdue", None, 63)),
    ],
)
def test_list_deadlines_on_a_day(
    board: tuple[Database, int, int],
    on: date,
    centre: tuple[str, int | None, int | None],
    online: tuple[str, int | None, int | None],
) -> None:
    db, c_id, o_id = board
    rows = {r.id: (r.display_status, r.days_left, r.days_late) for r in commitments.list_deadlines(db, on=on)}
    assert rows == {c_id: centre, o_id: online}


def test_list_deadlines_sorts_and_filters(board: tuple[Database, int, int]) -> None:
    db, centre, online = board
    commitments.edit(db, centre, CommitmentEdit(owner="Bộ Công an", programme="Đề án 06"), actor="lan")
    on = D(2026, 7, 15)
    assert [r.id for r in commitments.list_deadlines(db, on=on)] == [online, centre]  # soonest due first
    assert [r.id for r in commitments.list_deadlines(db, on=on, status="overdue")] == [online]
    assert [r.id for r in commitments.list_deadlines(db, on=on, status="open")] == [online, centre]
    assert commitments.list_deadlines(db, on=on, status="resolved") == []
    assert [r.id for r in commitments.list_deadlines(db, on=on, owner="công an")] == [centre]
    assert [r.id for r in commitments.list_deadlines(db, on=on, programme="đề án")] == [centre]
    assert commitments.list_deadlines(db, on=on, owner="100%_") == []
    with pytest.raises(InputError):
        commitments.list_deadlines(db, on=on, status="late")


# --- resolving by hand ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "on", "stored", "late"),
    [
        ("met", D(2026, 6, 30), "met", None),
        ("met", D(2026, 7, 3), "met_late", 3),
        ("missed", D(2026, 7, 1), "missed", 1),
        ("dropped", D(2026, 3, 1), "dropped", None),
    ],
)
def test_resolve(
    board: tuple[Database, int, int], status: str, on: date, stored: str, late: int | None
) -> None:
    db, _, online = board
    out = commitments.resolve(db, online, status=status, on=on, actor="lan")
    assert (out.status, out.display_status, out.resolved_on, out.days_late) == (stored, stored, on, late)
    # the board for a day before the resolution shows it open as it then was
    before = commitments.list_deadlines(db, on=D(2026, 2, 1))
    assert {r.id: r.display_status for r in before}[online] == "upcoming"
    with pytest.raises(ConflictError):
        commitments.resolve(db, online, status="met", on=on, actor="lan")
    actions = [a.action for a in audit.history(db, entity="commitment", entity_id=online)]
    assert actions[0] == "commitment.resolve"


def test_resolve_with_evidence_then_reopen(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    report_id, (mid,) = add_report(db, f"Sau đó, {CENTRE_DL.quote}.", D(2026, 8, 10), (CENTRE_DL,))
    out = commitments.resolve(
        db, centre, status="met", on=D(2026, 8, 10), evidence_mention_id=mid, actor="lan"
    )
    assert (out.status, out.evidence) == ("met", 1)
    detail = commitments.get_commitment(db, centre, on=D(2026, 9, 1))
    assert (detail.events[-1].kind, detail.events[-1].mention_id, detail.events[-1].report_id) == (
        "resolved",
        mid,
        report_id,
    )
    reopened = commitments.reopen(db, centre, actor="lan")
    assert (reopened.status, reopened.resolved_on) == ("open", None)
    assert commitments.get_commitment(db, centre, on=D(2026, 9, 1)).display_status == "overdue"
    with pytest.raises(ConflictError):
        commitments.reopen(db, centre, actor="lan")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"status": "late"}, InputError),
        ({"status": "met_late"}, InputError),
        ({"status": "met", "evidence_mention_id": 999}, NotFoundError),
        ({"status": "met", "commitment_id": 999}, NotFoundError),
    ],
)
def test_resolve_refuses(
    board: tuple[Database, int, int], kwargs: dict[str, object], error: type[Exception]
) -> None:
    db, centre, _ = board
    kwargs = dict(kwargs)  # parametrize shares the dict between the two backends
    cid = kwargs.pop("commitment_id", centre)
    with pytest.raises(error):
        commitments.resolve(db, cid, on=D(2026, 5, 1), actor="lan", **kwargs)  # type: ignore[arg-type]
    assert commitments.get_commitment(db, centre).status == "open"


def test_edit(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    out = commitments.edit(
        db, centre, CommitmentEdit(title="Khánh thành TTDL số 3", owner=" Bộ Công an "), actor="lan"
    )
    assert (out.title, out.owner, out.programme) == ("Khánh thành TTDL số 3", "Bộ Công an", None)
    out = commitments.edit(db, centre, CommitmentEdit(owner=None, target_value=3), actor="lan")
    assert (out.title, out.owner, out.target_value) == ("Khánh thành TTDL số 3", None, 3)
    with pytest.raises(InputError):
        commitments.edit(db, centre, CommitmentEdit(title=" "), actor="lan")
    with pytest.raises(NotFoundError):
        commitments.edit(db, centre, CommitmentEdit(target_indicator_id=404), actor="lan")
    history = audit.history(db, entity="commitment", entity_id=centre)
    assert [h.action for h in history[:2]] == ["commitment.edit", "commitment.edit"]
    assert history[0].before is not None
    assert history[0].before["owner"] == "Bộ Công an"
    assert [e.kind for e in commitments.get_commitment(db, centre).events] == ["created", "edited", "edited"]


# --- progress from later reports -------------------------------------------------------------------

DONE_VI = "Sáng 5/8/2026, Bộ Công an đã khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3 tại Bắc Ninh."
DONE_LATE_VI = "Đến nay, các tỉnh đã hoàn thành việc số hóa toàn bộ hồ sơ hộ tịch giấy."
OTHER_CENTRE = "Bộ Công an đã khánh thành Trung tâm lưu trữ dữ liệu dân cư số 4."
MOVED_VI = "Việc khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3 được lùi sang quý IV."
NOT_YET = "Các tỉnh chưa hoàn thành việc số hóa toàn bộ hồ sơ hộ tịch giấy."


def test_evidence_is_proposed_then_confirmed(board: tuple[Database, int, int]) -> None:
    db, centre, online = board
    report_id, _ = add_report(db, DONE_VI, D(2026, 8, 6))
    assert propose(db, report_id) == 1
    assert propose(db, report_id) == 0  # once per report
    (proposal,) = commitments.list_proposals(db)
    assert (proposal.commitment_id, proposal.kind, proposal.state, proposal.on_date, proposal.report_id) == (
        centre,
        "evidence",
        "proposed",
        D(2026, 8, 6),
        report_id,
    )
    assert proposal.note is not None
    assert "đã khánh thành" in proposal.note
    # a proposal is not yet a fact: the board still counts down
    row = {r.id: r for r in commitments.list_deadlines(db, on=D(2026, 8, 7))}[centre]
    assert (row.display_status, row.pending_proposals, row.evidence) == ("due_soon", 1, 0)
    out = commitments.confirm_event(db, proposal.id, "lan")
    assert (out.status, out.resolved_on, out.evidence, out.pending_proposals) == ("met", D(2026, 8, 6), 1, 0)
    assert commitments.list_proposals(db) == []
    with pytest.raises(ConflictError):
        commitments.confirm_event(db, proposal.id, "lan")
    assert audit.history(db, entity="commitment", entity_id=centre)[0].action == "commitment.confirm_evidence"
    assert {r.id: r.display_status for r in commitments.list_deadlines(db, on=D(2026, 9, 1))} == {
        centre: "met",
        online: "overdue",
    }


def test_evidence_after_the_deadline_is_met_late(board: tuple[Database, int, int]) -> None:
    db, _, online = board
    report_id, _ = add_report(db, DONE_LATE_VI, D(2026, 7, 20))
    assert propose(db, report_id) == 1
    (proposal,) = commitments.list_proposals(db, commitment_id=online)
    out = commitments.confirm_event(db, proposal.id, "lan")
    assert (out.status, out.resolved_on, out.days_late) == ("met_late", D(2026, 7, 20), 20)


@pytest.mark.parametrize("text", [OTHER_CENTRE, NOT_YET, f"Các tỉnh cho biết {ONLINE_DL.quote}."])
def test_no_evidence_from_other_things_or_negations(board: tuple[Database, int, int], text: str) -> None:
    db, _, _ = board
    report_id, _ = add_report(db, text, D(2026, 5, 1))
    assert propose(db, report_id) == 0


def test_a_report_never_evidences_its_own_story(database: Database) -> None:
    # the promise and a completion of something else with the same words, in one story
    text = f"{DATA_CENTRE} Bộ đã khánh thành Trung tâm lưu trữ dữ liệu dân cư số 3 giai đoạn thử."
    report_id, (mid,) = add_report(database, text, D(2026, 1, 20), (CENTRE_DL,))
    create(database, mid)
    assert propose(database, report_id) == 0
    copy_id, _ = add_report(database, text + " (bản đăng lại)", D(2026, 1, 21), story=report_id)
    assert propose(database, copy_id) == 0


def test_rejecting_a_proposal_keeps_it_in_history(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    report_id, _ = add_report(db, DONE_VI, D(2026, 8, 6))
    propose(db, report_id)
    (proposal,) = commitments.list_proposals(db)
    rejected = commitments.reject_event(db, proposal.id, "lan")
    assert (rejected.state, rejected.actor) == ("rejected", "lan")
    detail = commitments.get_commitment(db, centre, on=D(2026, 8, 7))
    assert (detail.status, detail.pending_proposals) == ("open", 0)
    assert [(e.kind, e.state) for e in detail.events] == [("created", "confirmed"), ("evidence", "rejected")]
    with pytest.raises(ConflictError):
        commitments.reject_event(db, proposal.id, "lan")
    with pytest.raises(NotFoundError):
        commitments.reject_event(db, 999, "lan")


def test_due_change_is_proposed_then_confirmed_with_history(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    report_id, _ = add_report(db, MOVED_VI, D(2026, 7, 25))
    assert propose(db, report_id) == 1
    (proposal,) = commitments.list_proposals(db)
    assert (proposal.kind, proposal.old_due_start, proposal.old_due_end) == (
        "due_changed",
        D(2026, 8, 1),
        D(2026, 8, 31),
    )
    assert (proposal.new_due_start, proposal.new_due_end) == (D(2026, 10, 1), D(2026, 12, 31))
    out = commitments.confirm_event(db, proposal.id, "lan")
    assert (out.due_start, out.due_end, out.precision, out.status) == (
        D(2026, 10, 1),
        D(2026, 12, 31),
        "quarter",
        "open",
    )
    detail = commitments.get_commitment(db, centre, on=D(2026, 9, 15))
    assert detail.display_status == "upcoming"
    moved = detail.events[-1]
    assert (moved.kind, moved.state, moved.actor, moved.report_id) == (
        "due_changed",
        "confirmed",
        "lan",
        report_id,
    )
    assert (moved.old_due_start, moved.old_due_end) == (D(2026, 8, 1), D(2026, 8, 31))
    assert moved.report_published_on == D(2026, 7, 25)


def test_due_change_on_a_resolved_commitment_needs_a_reopen(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    report_id, _ = add_report(db, MOVED_VI, D(2026, 7, 25))
    propose(db, report_id)
    (proposal,) = commitments.list_proposals(db)
    commitments.resolve(db, centre, status="dropped", on=D(2026, 7, 26), actor="lan")
    with pytest.raises(ConflictError):
        commitments.confirm_event(db, proposal.id, "lan")
    commitments.reopen(db, centre, actor="lan")
    assert commitments.confirm_event(db, proposal.id, "lan").due_end == D(2026, 12, 31)


def test_english_progress(database: Database) -> None:
    promise = Dl(
        "plans to launch the national e-invoice portal by June 30, 2026",
        "launch the national e-invoice portal",
        None,
        D(2026, 6, 30),
        "day",
    )
    _, (mid,) = add_report(database, f"The ministry {promise.quote}.", D(2026, 1, 10), (promise,), lang="en")
    cid = create(database, mid)
    moved, _ = add_report(
        database,
        "The launch of the national e-invoice portal was pushed back to September 2026.",
        D(2026, 5, 2),
        lang="en",
    )
    done, _ = add_report(
        database, "The national e-invoice portal went live on September 14, 2026.", D(2026, 9, 15), lang="en"
    )
    assert propose(database, moved) == 1
    assert propose(database, done) == 1
    change, evidence = commitments.list_proposals(database, commitment_id=cid)
    assert (change.kind, change.new_due_start, change.new_due_end) == (
        "due_changed",
        D(2026, 9, 1),
        D(2026, 9, 30),
    )
    commitments.confirm_event(database, change.id, "lan")
    out = commitments.confirm_event(database, evidence.id, "lan")
    assert (out.status, out.resolved_on) == ("met", D(2026, 9, 15))


def test_get_commitment_unknown(database: Database) -> None:
    with pytest.raises(NotFoundError):
        commitments.get_commitment(database, 1)
    with pytest.raises(NotFoundError):
        commitments.confirm_event(database, 1, "lan")


def test_events_keep_their_order(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    with db.reading() as s:
        kinds = s.scalars(select(CommitmentEvent.kind).where(CommitmentEvent.commitment_id == centre)).all()
    assert kinds == ["created"]


# --- acceptance: the two seed reports ---------------------------------------------------------------

SEEDS = ("000_ac99201630fb7883.txt", "001_5f9a72008c0e1dbd.txt")


def test_seed_commitments_on_the_board(database: Database, shared_dir: Path) -> None:
    from chiso.ingest.files import read_path
    from chiso.services.reports import add as reports

    for name in SEEDS:
        doc = read_path(shared_dir / "seeds" / name, max_bytes=5_000_000)
        reports.add_report(database, doc, published=D(2026, 1, 16))
    with database.transaction() as s:
        mentions = s.scalars(select(Mention).where(Mention.kind == "deadline").order_by(Mention.id)).all()
        for m in mentions:
            commitments.create_from_mention(s, m, actor="lan")
    ranges = {(r.due_start, r.due_end): r for r in commitments.list_deadlines(database, on=D(2026, 2, 15))}
    whole_year = ranges[(D(2026, 1, 1), D(2026, 12, 31))]
    june = ranges[(D(2026, 6, 1), D(2026, 6, 30))]
    q1 = ranges[(None, D(2026, 3, 31))]
    assert [(r.precision, r.display_status) for r in (whole_year, june, q1)] == [
        ("year", "upcoming"),
        ("month", "upcoming"),
        ("quarter", "upcoming"),
    ]
    assert q1.days_left == 44
    later = {r.id: r.display_status for r in commitments.list_deadlines(database, on=D(2026, 4, 15))}
    assert later == {whole_year.id: "upcoming", june.id: "upcoming", q1.id: "overdue"}
    # with evidence confirmed (a later report, written for this test) the Q1 one is met instead
    report_id, _ = add_report(
        database,
        "Đến ngày 20/3/2026, cả nước đã hoàn thành việc cung cấp dịch vụ công trực tuyến toàn trình cho "
        "toàn bộ nhóm thủ tục hành chính thuộc Kế hoạch 02.",
        D(2026, 3, 25),
    )
    assert propose(database, report_id) == 1
    (proposal,) = commitments.list_proposals(database)
    assert proposal.commitment_id == q1.id
    commitments.confirm_event(database, proposal.id, "lan")
    later = {r.id: r.display_status for r in commitments.list_deadlines(database, on=D(2026, 4, 15))}
    assert later == {whole_year.id: "upcoming", june.id: "upcoming", q1.id: "met"}


# --- the web's edits: due range with a reason, met_late by name, a proposal through its commitment ---


def test_edit_moves_the_due_range_with_its_reason(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    out = commitments.edit(
        db,
        centre,
        CommitmentEdit(
            due_start=D(2026, 10, 1), due_end=D(2026, 12, 31), owner="Văn phòng Chính phủ", reason=" công văn  mới "
        ),
        actor="lan",
    )
    assert (out.due_start, out.due_end, out.precision, out.owner) == (
        D(2026, 10, 1),
        D(2026, 12, 31),
        "quarter",
        "Văn phòng Chính phủ",  # another owner than the one its sentence names (Bộ Công an)
    )
    events = commitments.get_commitment(db, centre, on=D(2026, 9, 1)).events
    moved, edited = events[-2:]
    assert (moved.kind, moved.state, moved.old_due_end, moved.new_due_end, moved.note) == (
        "due_changed",
        "confirmed",
        D(2026, 8, 31),
        D(2026, 12, 31),
        "công văn mới",
    )
    assert (edited.kind, edited.note) == ("edited", "owner: công văn mới")
    (entry,) = [
        a for a in audit.history(db, entity="commitment", entity_id=centre) if a.action == "commitment.edit"
    ]
    assert entry.after is not None
    assert entry.before is not None
    assert (entry.before["due_end"], entry.after["due_end"], entry.after["reason"]) == (
        "2026-08-31",
        "2026-12-31",
        "công văn mới",
    )
    # a board of a day before the edit shows the due range then known
    then = {r.id: r for r in commitments.list_deadlines(db, on=D(2026, 9, 1))}
    assert then[centre].due_end == D(2026, 8, 31)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (CommitmentEdit(due_start=D(2026, 9, 1), due_end=D(2026, 8, 1)), InputError),
        (CommitmentEdit(due_end=D(2026, 7, 1)), InputError),  # before the kept due_start
    ],
)
def test_edit_refuses_a_reversed_due_range(
    board: tuple[Database, int, int], changes: CommitmentEdit, error: type[Exception]
) -> None:
    db, centre, _ = board
    with pytest.raises(error):
        commitments.edit(db, centre, changes, actor="lan")
    assert commitments.get_commitment(db, centre).due_end == D(2026, 8, 31)


def test_edit_of_a_resolved_due_range_needs_a_reopen(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    commitments.resolve(db, centre, status="dropped", on=D(2026, 5, 1), actor="lan")
    with pytest.raises(ConflictError):
        commitments.edit(db, centre, CommitmentEdit(due_end=D(2026, 12, 31), reason="x"), actor="lan")
    # the other fields may still change
    out = commitments.edit(db, centre, CommitmentEdit(owner="Bộ Công an", reason="x"), actor="lan")
    assert out.owner == "Bộ Công an"


@pytest.mark.parametrize(("on", "ok"), [(D(2026, 9, 2), True), (D(2026, 8, 31), False)])
def test_met_late_by_name(board: tuple[Database, int, int], on: date, ok: bool) -> None:
    db, centre, _ = board
    if ok:
        out = commitments.resolve(db, centre, status="met_late", on=on, actor="lan")
        assert (out.status, out.days_late) == ("met_late", 2)
        return
    with pytest.raises(InputError) as err:
        commitments.resolve(db, centre, status="met_late", on=on, actor="lan")
    assert err.value.code == "commitment_not_late"
    assert commitments.get_commitment(db, centre).status == "open"


def test_a_proposal_decided_through_another_commitment_is_not_found(board: tuple[Database, int, int]) -> None:
    db, centre, online = board
    report_id, _ = add_report(db, MOVED_VI, D(2026, 7, 25))
    assert propose(db, report_id) == 1
    (proposal,) = commitments.list_proposals(db, commitment_id=centre)
    for decide in (commitments.confirm_event, commitments.reject_event):
        with pytest.raises(NotFoundError):
            decide(db, proposal.id, "lan", commitment_id=online)  # type: ignore[operator]
    assert commitments.list_proposals(db, commitment_id=centre)[0].state == "proposed"
    out = commitments.confirm_event(db, proposal.id, "lan", commitment_id=centre)
    assert out.due_end == D(2026, 12, 31)
