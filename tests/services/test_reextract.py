"""Re-reading stored reports with a newer extractor: decisions kept, pending mentions refreshed."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, select, update

from chiso.errors import InputError, NotFoundError
from chiso.extract import EXTRACTOR_VERSION
from chiso.ingest.document import Document
from chiso.services import audit, review
from chiso.services.reports import add as reports
from chiso.services.reports import reextract
from chiso.store.db import Database
from chiso.store.models import Mention, Report

TEXT = (
    "Đến nay, tỉnh đã cấp hơn 2,4 triệu tài khoản định danh. "
    "Cổng dịch vụ công ghi nhận khoảng 850 nghìn hồ sơ trực tuyến trong năm 2025. "
    "Sở dự kiến trong tháng 9-2026 sẽ khai trương kho dữ liệu mở và bắt tay chuẩn bị giai đoạn hai. "
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,5%. Hiện có 12 sở đã nối vào trục dữ liệu."
)


def _add(db: Database, text: str = TEXT) -> int:
    doc = Document(
        text=text, title="Báo cáo thử", published_on=date(2026, 3, 2), lang="vi", source_kind="paste"
    )
    return reports.add_report(db, doc, actor="test").report_id


def _mentions(db: Database, report_id: int) -> list[SimpleNamespace]:
    """The report's mentions as plain values (ORM rows do not outlive their session)."""
    table = Mention.__table__
    with db.reading() as s:
        rows = s.execute(select(table).where(table.c.report_id == report_id).order_by(table.c.start))
        return [SimpleNamespace(**row) for row in rows.mappings()]


def _age(db: Database, report_id: int) -> dict[str, int]:
    """Make the report look as an older extractor left it: one figure it missed, one it read
    differently, one it found that is not there, and the old version stamp."""
    by_quote = {m.quote: m for m in _mentions(db, report_id)}
    missed = by_quote["khoảng 850 nghìn hồ sơ trực tuyến"]
    misread = by_quote["97,5%"]
    deadline = next(m for m in by_quote.values() if m.kind == "deadline")
    with db.transaction() as s:
        s.execute(delete(Mention).where(Mention.id == missed.id))
        s.execute(update(Mention).where(Mention.id == misread.id).values(value=9.75, confidence=0.4))
        # the old reader's deadline ran on into the second action
        long_end = TEXT.index("giai đoạn hai") + len("giai đoạn hai")
        s.execute(
            update(Mention)
            .where(Mention.id == deadline.id)
            .values(end=long_end, quote=TEXT[deadline.start : long_end])
        )
        bogus = Mention(
            report_id=report_id, kind="figure", start=0, end=7, quote=TEXT[0:7], value=7.0,
            confidence=0.3, state="pending", extractor_version="1", is_change=False, is_target=False,
        )  # fmt: skip
        s.add(bogus)
        s.execute(update(Mention).where(Mention.report_id == report_id).values(extractor_version="1"))
        s.execute(update(Report).where(Report.id == report_id).values(extractor_version="1"))
    return {"misread": misread.id, "deadline": deadline.id}


def test_reextract_refreshes_pending_mentions_and_keeps_decisions(database: Database) -> None:
    report_id = _add(database)
    fresh = [(m.kind, m.start, m.end, m.quote, m.value) for m in _mentions(database, report_id)]
    accounts = next(
        m for m in _mentions(database, report_id) if m.quote == "hơn 2,4 triệu tài khoản định danh"
    )
    review.reject(database, accounts.id, actor="editor", reason="not tracked")
    ids = _age(database, report_id)
    unchanged_id = next(m.id for m in _mentions(database, report_id) if m.quote == "12 sở")
    assert reextract.stale_report_ids(database) == [report_id]

    (result,) = reextract.reextract(database, actor="editor")

    assert (result.old_version, result.new_version) == ("1", EXTRACTOR_VERSION)
    assert (result.decided_kept, result.unchanged) == (1, 1)
    assert (result.added, result.removed) == (3, 3)  # missed + misread + deadline; misread + deadline + bogus
    after = _mentions(database, report_id)
    assert [(m.kind, m.start, m.end, m.quote, m.value) for m in after] == fresh
    kept = next(m for m in after if m.id == accounts.id)
    assert (kept.state, kept.decided_by) == ("rejected", "editor")  # the decision is untouched
    assert ids["misread"] not in [m.id for m in after]
    deadline = next(m for m in after if m.kind == "deadline")
    assert deadline.commitment_text == "khai trương kho dữ liệu mở"
    assert {m.extractor_version for m in after if m.state == "pending"} == {EXTRACTOR_VERSION}
    assert unchanged_id in [m.id for m in after]  # found again as it was: same row, same id
    with database.reading() as s:
        assert s.scalar(select(Report.extractor_version).where(Report.id == report_id)) == EXTRACTOR_VERSION
    (event,) = audit.history(database, entity="report", entity_id=report_id, limit=1)
    assert event.action == "report.reextract"
    assert event.actor == "editor"
    assert event.after is not None
    assert event.after["added"] == 3


def test_unchanged_pending_mentions_keep_their_ids(database: Database) -> None:
    report_id = _add(database)
    before = {m.id: m.quote for m in _mentions(database, report_id)}
    with database.transaction() as s:
        s.execute(update(Report).where(Report.id == report_id).values(extractor_version="1"))
    (result,) = reextract.reextract(database)
    assert (result.unchanged, result.added, result.removed) == (len(before), 0, 0)
    assert {m.id: m.quote for m in _mentions(database, report_id)} == before


def test_a_second_run_finds_nothing_stale(database: Database) -> None:
    report_id = _add(database)
    _age(database, report_id)
    assert len(reextract.reextract(database)) == 1
    assert reextract.stale_report_ids(database) == []
    assert reextract.reextract(database) == []


def test_reports_read_by_the_current_version_are_left_alone_unless_named(database: Database) -> None:
    current = _add(database)
    aged = _add(database, TEXT.replace("2,4 triệu", "3,1 triệu"))
    _age_version_only(database, aged)
    seen: list[int] = []
    results = reextract.reextract(database, on_done=lambda r: seen.append(r.report_id))
    assert seen == [aged]
    assert [r.report_id for r in results] == [aged]
    (named,) = reextract.reextract(database, [current])
    assert named.unchanged > 0
    assert named.added == named.removed == 0


def _age_version_only(db: Database, report_id: int) -> None:
    with db.transaction() as s:
        s.execute(update(Report).where(Report.id == report_id).values(extractor_version="1"))


def test_unknown_report_is_a_clear_error(database: Database) -> None:
    with pytest.raises(NotFoundError, match="no report with id 999"):
        reextract.reextract_report(database, 999)


def test_reports_made_by_an_import_are_never_stale_and_refused(database: Database) -> None:
    report_id = _add(database)
    with database.transaction() as s:
        s.execute(
            update(Report)
            .where(Report.id == report_id)
            .values(source_kind="import", extractor_version="import")
        )
    assert reextract.stale_report_ids(database) == []
    with pytest.raises(InputError, match="made by an import"):
        reextract.reextract_report(database, report_id)
