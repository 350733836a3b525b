"""Undated reports (issue 12 item 3) and the dates of points (issue 11): a report with no
publication date is flagged and refused for acceptance until a person gives the date; giving it
re-reads the report keeping decisions; adding the same text again with a date fills it in; a
point never takes the day of review."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from chiso.errors import InputError
from chiso.ingest.files import read_bytes
from chiso.services import observations, review
from chiso.services.reports import add as reports
from chiso.services.reports import dates as report_dates
from chiso.store.db import Database
from chiso.store.models import Observation, Report
from tests.review import factory
from tests.review.factory import Fig

M = 1_000_000
#: a level with "đến nay" (as of the publication date) and a deadline with no year
TEXT = (
    "Đến nay, tỉnh đã cấp hơn 120 nghìn tài khoản định danh. "
    "Chậm nhất ngày 30/11, các xã phải hoàn thành việc số hoá hồ sơ hộ tịch."
)


def _add(db: Database, published: date | None = None, text: str = TEXT) -> int:
    doc = read_bytes(text.encode(), name="r.txt", max_bytes=10**6)
    return reports.add_report(db, doc, title="Tiến độ", published=published).report_id


def test_an_undated_report_is_flagged_and_refused_for_acceptance(database: Database) -> None:
    doc = read_bytes(TEXT.encode(), name="r.txt", max_bytes=10**6)
    added = reports.add_report(database, doc, title="Tiến độ")
    assert added.undated
    detail = reports.get_report(database, added.report_id)
    assert detail.undated
    assert reports.list_reports(database)[0].undated
    (figure,) = [m for m in detail.mentions if m.kind == "figure"]
    with pytest.raises(
        InputError, match=rf"^report {added.report_id} has no publication date; give it first"
    ):
        review.accept(database, figure.id, indicator="vneid-activated-accounts", actor="t")
    assert review.get_mention(database, figure.id).state == "pending"
    (item,) = review.pending(database, report_id=added.report_id)
    assert item.report.undated


def test_auto_review_leaves_an_undated_report_for_a_person(database: Database) -> None:
    report_id = _add(database)
    result = review.auto(database, min_confidence=0.0, report_id=report_id)
    assert result.decisions == []
    assert {s.reason for s in result.skipped} == {"the report has no publication date"}


def test_giving_the_date_reads_the_report_again_keeping_decisions(database: Database) -> None:
    report_id = _add(database)
    before = reports.get_report(database, report_id)
    assert [m.kind for m in before.mentions] == ["figure"]  # the deadline has no year yet
    review.reject(database, before.mentions[0].id, actor="editor", reason="not tracked")

    out = report_dates.set_published(database, report_id, date(2026, 3, 5), actor="editor")

    assert (out.previous, out.published_on) == (None, date(2026, 3, 5))
    assert out.reextract is not None
    assert (out.reextract.decided_kept, out.reextract.added) == (1, 1)
    after = reports.get_report(database, report_id)
    assert not after.undated
    rejected, deadline = after.mentions
    assert (rejected.id, rejected.state) == (before.mentions[0].id, "rejected")
    assert (deadline.kind, deadline.due_end) == ("deadline", date(2026, 11, 30))


def test_adding_the_same_text_with_a_date_fills_it_in(database: Database) -> None:
    report_id = _add(database)
    doc = read_bytes(TEXT.encode(), name="again.txt", max_bytes=10**6)
    again = reports.add_report(database, doc, published=date(2026, 3, 5))
    assert (again.report_id, again.created, again.dated, again.undated) == (report_id, False, True, False)
    detail = reports.get_report(database, report_id)
    assert detail.published_on == date(2026, 3, 5)
    (figure,) = [m for m in detail.mentions if m.kind == "figure"]
    assert figure.as_of == date(2026, 3, 5)  # "đến nay" resolved now
    # and once more with another date: the stored date stands, nothing is said to change
    third = reports.add_report(database, doc, published=date(2027, 1, 1))
    assert (third.created, third.dated) == (False, False)
    assert reports.get_report(database, report_id).published_on == date(2026, 3, 5)


def test_a_point_takes_the_publication_date_never_the_day_of_review(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory.fake_matcher(monkeypatch)
    factory.indicators(database)
    text = "Tỉnh đã cấp hơn 120 nghìn tài khoản; trong năm 2025 thêm 3,5 triệu lượt/ngày."
    made = factory.report(
        database,
        text,
        [
            Fig("hơn 120 nghìn tài khoản", 120_000, "more_than"),
            Fig(
                "3,5 triệu lượt/ngày",
                3.5 * M,
                unit="lượt/ngày",
                period_start=date(2025, 1, 1),
                period_end=date(2025, 12, 31),
                time_quote="trong năm 2025",
                time_source="sentence",
            ),
        ],
        published=date(2024, 6, 1),
    )
    review.accept(database, made.mention_ids[0], indicator="vneid-activated-accounts", actor="t")
    review.accept(database, made.mention_ids[1], indicator="vneid-daily-accesses", actor="t")
    (level,) = observations.list_observations(database, "vneid-activated-accounts")
    assert (level.as_of, level.ref_date) == (date(2024, 6, 1), date(2024, 6, 1))
    (flow,) = observations.list_observations(database, "vneid-daily-accesses")
    assert (flow.period_start, flow.period_end, flow.ref_date) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
        date(2025, 12, 31),
    )
    assert flow.sources[0].time_quote == "trong năm 2025"


def test_correcting_the_date_moves_the_points_that_took_it(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory.fake_matcher(monkeypatch)
    factory.indicators(database)
    made = factory.report(
        database,
        "Tỉnh đã cấp hơn 120 nghìn tài khoản.",
        [Fig("hơn 120 nghìn tài khoản", 120_000, "more_than")],
        published=date(2024, 6, 1),
    )
    review.accept(database, made.mention_ids[0], indicator="vneid-activated-accounts", actor="t")
    out = report_dates.set_published(database, made.report_id, date(2024, 7, 1), actor="editor")
    assert out.points_moved == 1
    (point,) = observations.list_observations(database, "vneid-activated-accounts")
    assert point.ref_date == date(2024, 7, 1)
    with database.reading() as s:
        assert len(s.scalars(select(Observation)).all()) == 1  # the old point went with its source
        assert s.scalar(select(Report.published_on).where(Report.id == made.report_id)) == date(2024, 7, 1)


def test_an_undated_point_is_never_dated_the_day_of_review(database: Database) -> None:
    """observation_dates refuses rather than falling back to the day the report was added."""
    report_id = _add(database)
    with database.reading() as s:
        report = s.get(Report, report_id)
        assert report is not None
        (mention,) = report.mentions
        with pytest.raises(InputError, match="has no publication date"):
            observations.observation_dates(mention, report)


def test_setting_the_date_of_an_unknown_report_is_a_clear_error(database: Database) -> None:
    from chiso.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no report with id 999"):
        report_dates.set_published(database, 999, date(2026, 1, 1), actor="t")


def test_reading_again_stores_the_time_of_each_figure(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``chiso report reextract`` fills the time fields of reports stored before them (stored
    here by an extractor that, like those before version 4, left them empty)."""
    from dataclasses import replace

    from chiso.extract import Figure
    from chiso.services.reports import add as reports_service
    from chiso.services.reports import reextract

    real = reports_service.extract_with_progress

    def undated_times(text: str, **kw: object) -> object:
        result, progress = real(text, **kw)  # type: ignore[arg-type]
        blank = tuple(
            replace(m, time_source="published", time_quote=None, time_start=None, time_end=None)
            if isinstance(m, Figure)
            else m
            for m in result.mentions
        )
        return replace(result, mentions=blank), progress

    monkeypatch.setattr(reports_service, "extract_with_progress", undated_times)
    report_id = _add(database, date(2026, 3, 5))
    monkeypatch.undo()
    (stored,) = [m for m in reports.get_report(database, report_id).mentions if m.kind == "figure"]
    assert stored.time_source == "published"
    (result,) = reextract.reextract(database, [report_id])
    assert result.added == 1  # the figure, now with its time; the deadline is unchanged
    (figure,) = [m for m in reports.get_report(database, report_id).mentions if m.kind == "figure"]
    assert (figure.time_source, figure.time_quote, figure.time_start, figure.time_end) == (
        "sentence",
        "Đến nay",
        0,
        7,
    )
