"""Storing a report is one transaction on both databases (PostgreSQL has a path of its own,
chiso.store.ingest_pg): all of it or nothing, and a duplicate that slips past the check is
answered with the report already stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from chiso.ingest.files import read_bytes
from chiso.services.reports import add as reports
from chiso.store import ingest_pg
from chiso.store import reports as store_reports
from chiso.store.db import Database
from chiso.store.models import AuditEvent, Mention, Report, StoryBand

TEXT = (
    "Theo Bộ Công an, đến nay đã kích hoạt hơn 67 triệu tài khoản định danh điện tử, tăng 12% so với "
    "cùng kỳ. Chậm nhất hết quý I-2026 phải hoàn thành việc cấp chữ ký số cá nhân còn lại."
)


def _prepared(text: str = TEXT) -> reports.PreparedReport:
    doc = read_bytes(text.encode(), name="r.txt", max_bytes=10**6)
    return reports.prepare_report(doc, title="Tiến độ", published=date(2026, 1, 16))


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Report, Mention, StoryBand, AuditEvent)
        }


def test_a_report_is_stored_with_all_its_rows(database: Database) -> None:
    prepared = _prepared()
    result = reports.store_report(database, prepared, actor="ana")
    assert (result.created, result.figures, result.deadlines) == (True, 2, 1)
    assert _counts(database) == {"report": 1, "mention": 3, "story_band": 40, "audit_event": 1}
    detail = reports.get_report(database, result.report_id)
    assert detail.story_id == result.report_id  # the first of its story names it
    assert [(m.kind, m.quote, m.as_of) for m in detail.mentions] == [
        (m["kind"], m["quote"], date.fromisoformat(str(m["as_of"])) if "as_of" in m else None)
        for m in sorted(prepared.mentions, key=lambda m: int(str(m["start"])))
    ]
    with database.reading() as s:
        event = s.scalars(select(AuditEvent)).one()
        assert (event.actor, event.action, event.entity_id) == ("ana", "report.add", result.report_id)
        assert event.after == {"title": "Tiến độ", "sha256": prepared.sha256, "mentions": 3, "proposals": 0}


def test_a_failure_after_the_inserts_leaves_nothing(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> reports.AddReportResult:
        raise RuntimeError("boom")

    monkeypatch.setattr(reports, "_created", fail)  # runs last, inside the transaction
    with pytest.raises(RuntimeError):
        reports.store_report(database, _prepared())
    assert _counts(database) == {"report": 0, "mention": 0, "story_band": 0, "audit_event": 0}


def test_a_duplicate_missed_by_the_check_returns_the_stored_report(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = reports.store_report(database, _prepared())
    # As if another writer had stored the same text between the check and the insert: the
    # check in the unit of work finds nothing, the unique index refuses the insert.
    real_existing, real_lookup = store_reports.existing_report, ingest_pg.lookup
    missed: list[bool] = []

    def existing_once(*args: object) -> int | None:
        if not missed:
            missed.append(True)
            return None
        return real_existing(*args)  # type: ignore[arg-type]

    if database.dialect == "postgresql":
        monkeypatch.setattr(
            ingest_pg, "lookup", lambda *a, **kw: replace(real_lookup(*a, **kw), existing=None)
        )
    else:
        monkeypatch.setattr(store_reports, "existing_report", existing_once)
    again = reports.store_report(database, _prepared())
    assert (again.report_id, again.created, again.figures) == (first.report_id, False, 2)
    assert _counts(database) == {"report": 1, "mention": 3, "story_band": 40, "audit_event": 1}


def _dating(monkeypatch: pytest.MonkeyPatch, phrase: str = "đến nay") -> None:
    """Make the extractor date every figure by ``phrase`` (the extractor's own time assignment is
    tested in tests/extract; here it is the storing that is under test)."""
    from chiso.extract import Figure

    real = reports.extract_with_progress

    def dated(text: str, **kw: object) -> object:
        result, progress = real(text, **kw)  # type: ignore[arg-type]
        at = result.text.index(phrase)
        mentions = tuple(
            replace(
                m,
                time_source="sentence",
                time_quote=phrase,
                time_start=at,
                time_end=at + len(phrase),
                time_precision="day",
                base_period="cùng kỳ" if m.change else None,
            )
            if isinstance(m, Figure)
            else m
            for m in result.mentions
        )
        return replace(result, mentions=mentions), progress

    monkeypatch.setattr(reports, "extract_with_progress", dated)


def test_the_time_of_each_figure_is_stored_on_both_paths(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dating(monkeypatch)
    result = reports.store_report(database, _prepared(), actor="ana")
    detail = reports.get_report(database, result.report_id)
    figures = [m for m in detail.mentions if m.kind == "figure"]
    assert figures
    for m in figures:
        assert (m.time_source, m.time_quote, m.time_precision) == ("sentence", "đến nay", "day")
        assert m.time_start is not None
        assert m.time_end is not None
        assert detail.text[m.time_start : m.time_end] == "đến nay"
    assert {m.base_period for m in figures} == {None, "cùng kỳ"}
    (deadline,) = [m for m in detail.mentions if m.kind == "deadline"]
    assert (deadline.time_source, deadline.time_quote) == (None, None)
