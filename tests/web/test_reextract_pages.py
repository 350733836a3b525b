"""The reader says when an older extractor read a report, and an editor can have it read again."""

from __future__ import annotations

from sqlalchemy import update

from chiso.extract import EXTRACTOR_VERSION
from chiso.services.reports import add as reports
from chiso.store.db import Database
from chiso.store.models import Mention, Report
from tests.web.conftest import TestClient
from tests.web.helpers import add

NOTICE = "An older version of the extractor read this report"
EN = {"Accept-Language": "en"}


def _age(db: Database, report_id: int, *, kind: str = "paste") -> None:
    with db.transaction() as s:
        s.execute(
            update(Report).where(Report.id == report_id).values(extractor_version="1", source_kind=kind)
        )
        s.execute(update(Mention).where(Mention.report_id == report_id).values(extractor_version="1"))


def test_a_current_report_has_no_notice(client: TestClient, database: Database) -> None:
    rid = add(database).id
    assert NOTICE not in client.get(f"/reports/{rid}", headers=EN).text


def test_a_stale_report_says_so_and_an_editor_reads_it_again(
    signed_in: TestClient, database: Database
) -> None:
    detail = add(database)
    _age(database, detail.id)
    page = signed_in.get(f"/reports/{detail.id}", headers=EN).text
    assert NOTICE in page
    assert f"(1; now {EXTRACTOR_VERSION})" in page
    assert f'action="/reports/{detail.id}/reextract"' in page

    r = signed_in.post(f"/reports/{detail.id}/reextract", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/reports/{detail.id}"
    after = reports.get_report(database, detail.id)
    assert after.extractor_version == EXTRACTOR_VERSION
    assert [m.id for m in after.mentions] == [m.id for m in detail.mentions]  # unchanged: ids kept
    assert NOTICE not in signed_in.get(f"/reports/{detail.id}", headers=EN).text


def test_the_notice_is_in_vietnamese_and_offers_no_button_to_visitors(
    client: TestClient, database: Database
) -> None:
    rid = add(database).id
    _age(database, rid)
    page = client.get(f"/reports/{rid}", headers={"Accept-Language": "vi"}).text
    assert "Báo cáo này được một phiên bản cũ của bộ trích xuất đọc" in page
    assert "/reextract" not in page


def test_visitors_cannot_reextract(client: TestClient, database: Database) -> None:
    rid = add(database).id
    _age(database, rid)
    r = client.post(f"/reports/{rid}/reextract", follow_redirects=False)
    assert r.status_code in (401, 403)
    assert reports.get_report(database, rid).extractor_version == "1"


def test_imported_reports_show_no_notice(client: TestClient, database: Database) -> None:
    rid = add(database).id
    _age(database, rid, kind="import")
    assert NOTICE not in client.get(f"/reports/{rid}", headers=EN).text


def test_api_twin_returns_what_changed(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    _age(database, detail.id)
    r = signed_in.post(f"/api/reports/{detail.id}/reextract")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["report_id"] == detail.id
    assert (body["old_version"], body["new_version"]) == ("1", EXTRACTOR_VERSION)
    assert body["unchanged"] == len(detail.mentions)
    missing = signed_in.post("/api/reports/999999/reextract")
    assert missing.status_code == 404
    assert missing.json() == {
        "ok": False,
        "error": "no report with id 999999",
        "status": 404,
        "code": "no_such_id",
        "params": {"what": "report", "id": 999999},
    }
