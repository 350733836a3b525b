"""Retracting a report, editing its details, and its archived original (issue 14 item 2): on
SQLite and, with CHISO_TEST_POSTGRES_URL, PostgreSQL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.ingest.files import read_bytes, read_pasted
from chiso.services import commitments, observations, review
from chiso.services.reports import add as reports
from chiso.services.reports import edit as edit_service
from chiso.services.reports import originals
from chiso.services.reports import reextract as reextract_service
from chiso.services.reports import retract as retract_service
from chiso.store.db import Database
from chiso.store.models import AuditEvent, RawDocument
from tests.web.helpers import TEXT, add, first

SLUG = "vneid-activated-accounts"


@dataclass(frozen=True)
class Event:
    id: int
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _events(db: Database, report_id: int) -> list[Event]:
    with db.reading() as s:
        rows = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "report", AuditEvent.entity_id == report_id)
            .order_by(AuditEvent.id)
        )
        return [Event(e.id, e.action, e.before, e.after) for e in rows]


def _decided(db: Database) -> tuple[int, int, int]:
    """A report with its figure accepted (a point) and its deadline accepted (a commitment)."""
    detail = add(db)
    review.accept(db, first(detail), indicator=SLUG, actor="t")
    decision = review.accept(db, first(detail, "deadline"), new_commitment=True, actor="t")
    assert decision.commitment_id is not None
    return detail.id, first(detail), decision.commitment_id


def test_retracting_takes_away_points_and_links_and_keeps_the_report(database: Database) -> None:
    report_id, figure_id, commitment_id = _decided(database)
    assert len(observations.list_observations(database, SLUG)) == 1
    assert [s.report_id for s in commitments.get_commitment(database, commitment_id).sources] == [report_id]

    out = retract_service.retract(database, report_id, actor="editor", reason="  số liệu bị đính chính ")

    assert (out.observations_deleted, out.observations_detached, out.commitment_links) == (1, 0, 1)
    assert out.reason == "số liệu bị đính chính"
    assert observations.list_observations(database, SLUG) == []
    assert all(row.indicator.slug != SLUG or row.latest is None for row in observations.latest(database))
    assert observations.conflicts(database, indicator=SLUG) == []
    # the commitment stays on the board, with no source from the retracted report
    assert commitments.get_commitment(database, commitment_id).sources == []
    # the report stays readable, marked retracted, its decisions as they were
    detail = reports.get_report(database, report_id)
    assert detail.retracted
    assert detail.retracted_by == "editor"
    assert detail.retracted_reason == "số liệu bị đính chính"
    assert next(m for m in detail.mentions if m.id == figure_id).state == "accepted"
    assert reports.list_reports(database)[0].retracted
    # one audit entry saying what went
    (event,) = [e for e in _events(database, report_id) if e.action == "report.retract"]
    assert event.id == out.audit_id
    assert event.before is not None
    assert event.before["commitment_links"] == [
        {"mention_id": first(detail, "deadline"), "commitment_id": commitment_id}
    ]
    assert event.after is not None
    assert event.after["reason"] == "số liệu bị đính chính"


def test_a_point_another_report_gives_stays(database: Database) -> None:
    one = add(database)
    other = add(database, TEXT + "\nMột câu khác để văn bản khác đi.", title="Bản khác")
    review.accept(database, first(one), indicator=SLUG, actor="t")
    review.accept(database, first(other), indicator=SLUG, actor="t")
    (point,) = observations.list_observations(database, SLUG)
    assert len(point.sources) == 2

    out = retract_service.retract(database, one.id, actor="editor", reason="bản sai")

    assert (out.observations_deleted, out.observations_detached) == (0, 1)
    (left,) = observations.list_observations(database, SLUG)
    assert [s.report_id for s in left.sources] == [other.id]


@pytest.mark.parametrize(
    ("reason", "error", "match"),
    [
        ("", InputError, "say why the report is retracted"),
        ("   ", InputError, "say why the report is retracted"),
        ("x" * 501, InputError, "reason: at most 500 characters"),
    ],
)
def test_retract_refuses_a_missing_or_long_reason(
    database: Database, reason: str, error: type[Exception], match: str
) -> None:
    detail = add(database)
    with pytest.raises(error, match=match):
        retract_service.retract(database, detail.id, actor="editor", reason=reason)
    assert not reports.get_report(database, detail.id).retracted


def test_a_retracted_report_is_refused_twice_and_for_acceptance_and_rereading(database: Database) -> None:
    detail = add(database)
    retract_service.retract(database, detail.id, actor="editor", reason="rút")
    with pytest.raises(ConflictError, match=rf"^report {detail.id} was retracted already$"):
        retract_service.retract(database, detail.id, actor="editor", reason="rút lần nữa")
    with pytest.raises(ConflictError, match=rf"^report {detail.id} was retracted: nothing in it can be accepted"):
        review.accept(database, first(detail), indicator=SLUG, actor="t")
    with pytest.raises(ConflictError, match="was retracted"):
        reextract_service.reextract_report(database, detail.id, actor="t")
    assert detail.id not in reextract_service.stale_report_ids(database)
    # its pending mentions wait for nobody
    assert review.pending(database, report_id=detail.id) == []
    assert review.count_pending(database) == 0
    with pytest.raises(NotFoundError):
        retract_service.retract(database, 999_999, actor="editor", reason="không có")


def test_editing_details_is_one_audit_entry_with_before_and_after(database: Database) -> None:
    detail = add(database)
    out = edit_service.edit_report(
        database,
        detail.id,
        edit_service.ReportEdit(title=" Tiêu đề mới ", publisher=None, url="https://example.org/tin"),
        actor="editor",
    )
    assert out.changed == {
        "title": ["Bản tin thử nghiệm", "Tiêu đề mới"],
        "publisher": ["Tòa soạn thử", None],
        "url": [None, "https://example.org/tin"],
    }
    after = reports.get_report(database, detail.id)
    assert (after.title, after.publisher, after.url) == ("Tiêu đề mới", None, "https://example.org/tin")
    (event,) = [e for e in _events(database, detail.id) if e.action != "report.add"]
    assert event.action == "report.edit"
    assert event.before == {"title": "Bản tin thử nghiệm", "publisher": "Tòa soạn thử", "url": None}
    assert event.after == {"title": "Tiêu đề mới", "publisher": None, "url": "https://example.org/tin"}
    # the same again changes nothing and records nothing
    again = edit_service.edit_report(database, detail.id, edit_service.ReportEdit(title="Tiêu đề mới"), actor="e")
    assert again.changed == {}
    assert len(_events(database, detail.id)) == 2


def test_a_new_publication_date_moves_the_points_it_dated_in_one_entry(database: Database) -> None:
    text = "Đến nay, tỉnh đã kích hoạt hơn 60 triệu tài khoản định danh điện tử."
    detail = add(database, text, published=date(2025, 3, 20))
    review.accept(database, first(detail), indicator=SLUG, actor="t")
    (point,) = observations.list_observations(database, SLUG)
    assert point.ref_date == date(2025, 3, 20)

    out = edit_service.edit_report(
        database, detail.id, edit_service.ReportEdit(published=date(2025, 6, 1)), actor="editor"
    )

    assert out.changed == {"published_on": ["2025-03-20", "2025-06-01"]}
    assert out.dated is not None
    assert out.dated.points_moved == 1
    assert out.conflicts == 0
    (moved,) = observations.list_observations(database, SLUG)
    assert moved.ref_date == date(2025, 6, 1)
    actions = [e.action for e in _events(database, detail.id)]
    assert actions == ["report.add", "report.edit"]  # neither report.date nor report.reextract
    edited = _events(database, detail.id)[-1]
    assert edited.after is not None
    assert edited.after["points_moved"] == 1


def test_a_date_is_corrected_never_removed(database: Database) -> None:
    detail = add(database)
    with pytest.raises(InputError, match="publication date must be YYYY-MM-DD"):
        edit_service.edit_report(database, detail.id, edit_service.ReportEdit(published=None), actor="e")


def test_a_retracted_report_takes_a_new_date_without_points(database: Database) -> None:
    report_id, _, _ = _decided(database)
    retract_service.retract(database, report_id, actor="editor", reason="rút")
    out = edit_service.edit_report(
        database, report_id, edit_service.ReportEdit(published=date(2025, 4, 1)), actor="editor"
    )
    assert out.dated is not None
    assert (out.dated.reextract, out.dated.points_moved) == (None, 0)
    assert observations.list_observations(database, SLUG) == []


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("r.txt", TEXT.encode("utf-8"), "text/plain; charset=utf-8"),
        ("r.txt", TEXT.encode("utf-16"), "text/plain; charset=utf-16"),
        ("r.html", f"<html><body><article><p>{TEXT}</p></article></body></html>".encode(), "text/html"),
    ],
)
def test_the_original_is_kept_exactly_as_received(
    database: Database, name: str, data: bytes, content_type: str
) -> None:
    doc = read_bytes(data, name=name, max_bytes=10**6)
    report_id = reports.add_report(database, doc, published=date(2025, 3, 20)).report_id
    got = originals.original(database, report_id)
    assert got.body == data
    assert got.sha256 == hashlib.sha256(data).hexdigest()
    assert got.content_type == content_type
    assert got.filename == f"report-{report_id}.{name.rsplit('.', 1)[1]}"
    original = reports.get_report(database, report_id).original
    assert original is not None
    assert (original.sha256, original.size) == (got.sha256, len(data))
    text = originals.extracted_text(database, report_id)
    assert text.body.decode("utf-8") == reports.get_report(database, report_id).text


def test_a_paste_is_kept_as_utf8_and_a_report_without_original_says_so(database: Database) -> None:
    doc = read_pasted(TEXT, max_bytes=10**6)
    report_id = reports.add_report(database, doc, published=date(2025, 3, 20)).report_id
    got = originals.original(database, report_id)
    assert (got.body, got.content_type) == (TEXT.encode("utf-8"), "text/plain; charset=utf-8")
    with database.transaction() as s:  # as a report stored before 0008 kept its text file
        s.execute(delete(RawDocument).where(RawDocument.report_id == report_id))
    assert reports.get_report(database, report_id).original is None
    with pytest.raises(NotFoundError, match=rf"^report {report_id} has no archived original"):
        originals.original(database, report_id)


def test_the_file_name_follows_the_url() -> None:
    assert originals._filename(3, "https://x.vn/tin/bao-cao-quy-2.pdf?a=1", "application/pdf") == (
        "report-3-bao-cao-quy-2.pdf"
    )
    assert originals._filename(3, None, "application/zip") == "report-3.bin"


def test_retracting_withdraws_the_progress_it_proposed(database: Database) -> None:
    from tests.services.test_commitments import (
        CENTRE_DL,
        DATA_CENTRE,
        DONE_VI,
        ONLINE,
        ONLINE_DL,
        create,
        propose,
    )
    from tests.services.test_commitments import add_report as add_stated

    _, (m_centre, _) = add_stated(database, f"{DATA_CENTRE} {ONLINE}", date(2026, 1, 20), (CENTRE_DL, ONLINE_DL))
    centre = create(database, m_centre)
    report_id, _ = add_stated(database, DONE_VI, date(2026, 8, 6))
    assert propose(database, report_id) == 1
    assert [p.commitment_id for p in commitments.list_proposals(database)] == [centre]

    out = retract_service.retract(database, report_id, actor="lan", reason="tin sai")

    assert out.commitment_events == 1
    assert commitments.list_proposals(database) == []
    (event,) = [e for e in _events(database, report_id) if e.action == "report.retract"]
    assert event.before is not None
    assert [e["state"] for e in event.before["commitment_events"]] == ["proposed"]
