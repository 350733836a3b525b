"""Review decisions: one transaction and one audit event each, conflicts, undo, auto's thresholds."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.services import audit, observations, review
from chiso.services.review.schemas import IndicatorDraft, MentionEdit
from chiso.store.db import Database
from chiso.store.models import AuditEvent, Commitment, Observation
from tests.review import factory
from tests.review.factory import Due, Fig

M = 1_000_000
TEXT = (
    "Báo cáo cho biết đến nay có hơn 67 triệu tài khoản được kích hoạt. "
    "Bên cạnh đó, có 1,2 triệu tài khoản tổ chức đã đăng ký. "
    "Ứng dụng ghi nhận 3 triệu lượt/ngày truy cập. "
    "Chậm nhất hết quý I-2026 phải hoàn thành kết nối dữ liệu dân cư với các bộ."
)
FIGS: list[Fig | Due] = [
    Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16), period_text="đến nay"),
    Fig("1,2 triệu tài khoản tổ chức", 1.2 * M, unit="tài khoản tổ chức"),
    Fig("3 triệu lượt/ngày", 3 * M, unit="lượt/ngày"),
    Due(
        "Chậm nhất hết quý I-2026 phải hoàn thành kết nối dữ liệu dân cư",
        date(2026, 3, 31),
        "hoàn thành kết nối dữ liệu dân cư với các bộ",
    ),
]


@pytest.fixture
def made(database: Database, monkeypatch: pytest.MonkeyPatch) -> factory.Made:
    factory.fake_matcher(monkeypatch)
    factory.indicators(database)
    return factory.report(database, TEXT, FIGS, url="https://example.vn/bao-cao")


def _audit_count(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_pending_shows_each_mention_in_its_sentence_with_suggestions(
    database: Database, made: factory.Made
) -> None:
    items = review.pending(database, limit=10)
    assert [i.mention.id for i in items] == made.mention_ids
    first = items[0]
    assert first.sentence == "Báo cáo cho biết đến nay có hơn 67 triệu tài khoản được kích hoạt."
    assert first.sentence[first.quote_start : first.quote_end] == "hơn 67 triệu tài khoản"
    assert [s.slug for s in first.suggestions] == ["vneid-activated-accounts", "vneid-organisation-accounts"]
    assert first.report.url == "https://example.vn/bao-cao"
    assert review.pending(database, kind="deadline", limit=10)[0].mention.kind == "deadline"
    assert len(review.pending(database, limit=1, offset=1)) == 1


def test_accept_takes_the_top_suggestion_and_records_before_and_after(
    database: Database, made: factory.Made
) -> None:
    d = review.accept(database, made.mention_ids[0], actor="lan")
    assert (d.action, d.state, d.indicator, d.observation_created, d.source_count) == (
        "accepted",
        "accepted",
        "vneid-activated-accounts",
        True,
        1,
    )
    (event,) = audit.history(database, entity="mention")
    assert (event.actor, event.action, event.entity_id, event.id) == (
        "lan",
        "mention.accept",
        d.mention_id,
        d.audit_id,
    )
    assert event.before is not None
    assert event.after is not None
    assert event.before["state"] == "pending"
    assert event.before["indicator"] is None
    assert event.after["state"] == "accepted"
    assert event.after["indicator"] == "vneid-activated-accounts"
    assert event.after["observation_id"] == d.observation_id


def test_accept_with_another_indicator_and_learns(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    learnt = factory.fake_matcher(monkeypatch)
    factory.indicators(database)
    m = factory.report(database, TEXT, FIGS)
    d = review.accept(database, m.mention_ids[1], indicator="vneid-organisation-accounts", actor="lan")
    assert d.indicator == "vneid-organisation-accounts"
    assert learnt == [m.mention_ids[1]]


def test_accepting_a_decided_mention_is_a_conflict(database: Database, made: factory.Made) -> None:
    review.accept(database, made.mention_ids[0], actor="lan")
    with pytest.raises(ConflictError, match=r"already accepted by lan .*reopen"):
        review.accept(database, made.mention_ids[0], actor="minh")
    review.reject(database, made.mention_ids[1], actor="minh", reason="trùng")
    with pytest.raises(ConflictError, match="already rejected"):
        review.accept(database, made.mention_ids[1], actor="lan")
    assert _audit_count(database) == 2


def test_a_failed_decision_leaves_nothing_behind(database: Database, made: factory.Made) -> None:
    with pytest.raises(NotFoundError, match="no-such"):
        review.accept(database, made.mention_ids[0], indicator="no-such", actor="lan")
    with pytest.raises(InputError, match="deadline"):
        review.accept(database, made.mention_ids[3], indicator="vneid-activated-accounts", actor="lan")
    with pytest.raises(NotFoundError):
        review.accept(database, 999_999, actor="lan")
    assert review.get_mention(database, made.mention_ids[0]).state == "pending"
    assert _audit_count(database) == 0
    with database.reading() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 0


def test_reject_records_the_reason(database: Database, made: factory.Made) -> None:
    d = review.reject(database, made.mention_ids[2], actor="lan", reason="không phải chỉ số")
    assert d.state == "rejected"
    (event,) = audit.history(database)
    assert event.after is not None
    assert event.after["reason"] == "không phải chỉ số"


def test_edit_then_accept_uses_the_corrected_values(database: Database, made: factory.Made) -> None:
    mid = made.mention_ids[0]
    review.edit(
        database, mid, MentionEdit(value=67.5 * M, qualifier="exact", as_of=date(2026, 1, 10)), actor="lan"
    )
    d = review.accept(database, mid, actor="lan")
    (obs,) = observations.list_observations(database)
    assert (obs.value, obs.qualifier, obs.as_of, obs.id) == (
        67.5 * M,
        "exact",
        date(2026, 1, 10),
        d.observation_id,
    )
    edit_event = audit.history(database)[-1]
    assert edit_event.action == "mention.edit"
    assert edit_event.before is not None
    assert edit_event.before["value"] == 67 * M
    assert edit_event.after is not None
    assert edit_event.after["value"] == 67.5 * M


def test_accept_with_edits_in_one_step(database: Database, made: factory.Made) -> None:
    d = review.accept(database, made.mention_ids[0], edits=MentionEdit(value=68 * M), actor="lan")
    (obs,) = observations.list_observations(database)
    assert obs.value == 68 * M
    assert obs.id == d.observation_id


def test_editing_an_accepted_figure_moves_it_to_its_new_point(database: Database, made: factory.Made) -> None:
    mid = made.mention_ids[0]
    review.accept(database, mid, actor="lan")
    d = review.edit(database, mid, MentionEdit(value=66 * M), actor="lan")
    (obs,) = observations.list_observations(database)  # the 67 million point had no other source
    assert (obs.value, obs.qualifier, obs.id) == (66 * M, "more_than", d.observation_id)


def test_editing_a_field_of_the_other_kind_is_refused(database: Database, made: factory.Made) -> None:
    with pytest.raises(InputError, match="cannot be edited on a deadline"):
        review.edit(database, made.mention_ids[3], MentionEdit(value=3), actor="lan")


def test_reopen_undoes_the_decision_and_the_observation(database: Database, made: factory.Made) -> None:
    mid = made.mention_ids[0]
    review.accept(database, mid, actor="lan")
    d = review.reopen(database, mid, actor="lan")
    assert d.state == "pending"
    assert observations.list_observations(database) == []
    assert review.get_mention(database, mid).indicator_id is None
    event = audit.history(database)[0]
    assert event.action == "mention.reopen"
    assert event.after is not None
    assert event.after["observation_deleted"]
    with pytest.raises(ConflictError, match="nothing to undo"):
        review.undo(database, mid, actor="lan")
    assert review.accept(database, mid, actor="lan").observation_created


def test_create_indicator_from_a_mention(database: Database, made: factory.Made) -> None:
    draft = IndicatorDraft(slug="vneid-daily-visits", name_vi="Lượt truy cập mỗi ngày", measure="rate")
    d = review.create_indicator_from(database, made.mention_ids[2], draft, actor="lan")
    assert d.indicator == "vneid-daily-visits"
    assert d.indicator_created
    assert d.observation_created
    s = observations.series(database, "vneid-daily-visits")
    assert s.indicator.unit == "lượt/ngày"
    assert s.indicator.measure == "rate"
    assert [e.action for e in audit.history(database)] == ["mention.accept", "indicator.create"]
    with pytest.raises(ConflictError, match="already exists"):
        review.create_indicator_from(database, made.mention_ids[1], draft, actor="lan")


def test_accepting_a_deadline_makes_a_commitment_then_links_another(
    database: Database, made: factory.Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = review.accept(database, made.mention_ids[3], actor="lan")
    assert d.commitment_created
    assert d.commitment_id is not None
    other = factory.report(
        database,
        "Bộ yêu cầu chậm nhất hết quý I-2026 hoàn thành kết nối dữ liệu dân cư.",
        [
            Due(
                "chậm nhất hết quý I-2026 hoàn thành kết nối dữ liệu dân cư",
                date(2026, 3, 31),
                "hoàn thành kết nối dữ liệu dân cư",
            )
        ],
    )
    (item,) = review.pending(database, report_id=other.report_id)
    assert item.commitment_suggestions
    assert item.commitment_suggestions[0].commitment_id == d.commitment_id
    linked = review.accept(database, other.mention_ids[0], commitment_id=d.commitment_id, actor="lan")
    assert (linked.commitment_id, linked.commitment_created) == (d.commitment_id, False)
    with database.reading() as s:
        assert s.scalar(select(func.count()).select_from(Commitment)) == 1


def test_auto_accepts_only_clear_high_confidence_matches(database: Database, made: factory.Made) -> None:
    low = factory.report(
        database,
        "Một báo khác viết có 5 triệu tài khoản mới.",
        [Fig("5 triệu tài khoản", 5 * M, confidence=0.6)],
    )
    result = review.auto(database, min_confidence=0.9)
    by_id = {d.mention_id: d for d in result.decisions}
    # 67 million: confident reading, 0.95 vs 0.4 -> accepted
    assert by_id[made.mention_ids[0]].indicator == "vneid-activated-accounts"
    # the deadline becomes a new commitment
    assert by_id[made.mention_ids[3]].commitment_created
    skipped = {s.mention_id: s.reason for s in result.skipped}
    assert skipped[made.mention_ids[1]] == "two indicators match about equally"  # 0.93 vs 0.85
    assert skipped[made.mention_ids[2]] == "indicator match below threshold"  # 0.7
    assert skipped[low.mention_ids[0]] == "low extraction confidence"
    assert result.considered == 5
    assert result.skipped_by_reason["low extraction confidence"] == 1
    assert all(e.actor == "auto" for e in audit.history(database, entity="mention"))
    # a second run has nothing left it may take
    again = review.auto(database, min_confidence=0.9)
    assert again.decisions == []


def test_auto_skips_targets_and_changes(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    factory.fake_matcher(monkeypatch)
    factory.indicators(database)
    text = "Phấn đấu đạt 80 triệu tài khoản; số tài khoản tăng 5 triệu tài khoản so với năm trước."
    factory.report(
        database,
        text,
        [Fig("80 triệu tài khoản", 80 * M, is_target=True), Fig("5 triệu tài khoản", 5 * M, is_change=True)],
    )
    result = review.auto(database)
    assert result.decisions == []
    assert sorted(s.reason for s in result.skipped) == [
        "a change, not a level",
        "a target, not an achieved value",
    ]


def test_auto_links_a_deadline_to_a_matching_commitment(database: Database, made: factory.Made) -> None:
    first = review.accept(database, made.mention_ids[3], actor="lan")
    again = factory.report(
        database,
        "Theo kế hoạch, chậm nhất hết quý I-2026 phải hoàn thành kết nối dữ liệu dân cư với các bộ.",
        [
            Due(
                "chậm nhất hết quý I-2026 phải hoàn thành kết nối dữ liệu dân cư",
                date(2026, 3, 31),
                "hoàn thành kết nối dữ liệu dân cư với các bộ",
            )
        ],
    )
    result = review.auto(database, min_confidence=0.9, report_id=again.report_id)
    (d,) = result.decisions
    assert (d.commitment_id, d.commitment_created) == (first.commitment_id, False)


def test_min_confidence_out_of_range(database: Database) -> None:
    with pytest.raises(InputError, match="between 0 and 1"):
        review.auto(database, min_confidence=1.5)


def test_a_new_indicator_is_validated_like_a_catalogue_entry(database: Database, made: factory.Made) -> None:
    # no unit given and the figure has none: the catalogue's rules refuse an empty unit
    factory.report(database, "Có 12 đơn vị làm xong.", [Fig("12", 12, unit="")])
    (mid,) = [i.mention.id for i in review.pending(database, limit=50) if i.mention.quote == "12"]
    with pytest.raises(InputError, match="unit"):
        review.create_indicator_from(
            database, mid, IndicatorDraft(slug="units-done", name_vi="Đơn vị"), actor="lan"
        )
    assert review.get_mention(database, mid).state == "pending"


@pytest.mark.parametrize(
    "edits",
    [
        MentionEdit(due_end=None),  # the extractor read only due_end: clearing it leaves no date
        MentionEdit(due_start=None, due_end=None),
        MentionEdit(due_start=date(2026, 9, 1), due_end=date(2026, 6, 30)),
    ],
)
def test_a_deadline_edit_cannot_leave_it_without_a_date(
    database: Database, made: factory.Made, edits: MentionEdit
) -> None:
    deadline_id = made.mention_ids[-1]
    before = _audit_count(database)
    with pytest.raises(InputError, match="due"):
        review.edit(database, deadline_id, edits, actor="t")
    assert _audit_count(database) == before
    # so accepting it still makes a commitment with a due date
    decision = review.accept(database, deadline_id, actor="t")
    with database.reading() as s:
        commitment = s.get(Commitment, decision.commitment_id)
        assert commitment is not None
        assert commitment.due_end is not None
