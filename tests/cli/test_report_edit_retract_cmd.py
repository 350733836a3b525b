"""`chiso report edit` and `chiso report retract`: the CLI twins of the reader's forms."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import observations, review
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.web.helpers import add, first

runner = CliRunner()
SLUG = "vneid-activated-accounts"


def _run(db: Database, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("english")
def test_edit_changes_only_what_is_given(sqlite_db: Database) -> None:
    detail = add(sqlite_db)
    code, _, err = _run(
        sqlite_db, "report", "edit", str(detail.id), "--title", "Tên mới", "--url", "https://example.org/b"
    )
    assert code == 0, err
    assert "Edited report" in err
    assert "title: Bản tin thử nghiệm → Tên mới" in err
    after = reports.get_report(sqlite_db, detail.id)
    assert (after.title, after.publisher, after.url) == ("Tên mới", "Tòa soạn thử", "https://example.org/b")
    code, _, err = _run(sqlite_db, "report", "edit", str(detail.id), "--publisher", "")
    assert code == 0, err
    assert reports.get_report(sqlite_db, detail.id).publisher is None
    code, _, err = _run(sqlite_db, "report", "edit", str(detail.id), "--title", "Tên mới")
    assert (code, err.strip()) == (0, f"Unchanged: report {detail.id}")


def test_edit_moves_the_points_of_a_new_date_and_refuses_a_bad_one(sqlite_db: Database) -> None:
    detail = add(sqlite_db, "Tỉnh đã kích hoạt hơn 60 triệu tài khoản định danh điện tử.")
    review.accept(sqlite_db, first(detail), indicator=SLUG, actor="t")
    code, _, err = _run(sqlite_db, "report", "edit", str(detail.id), "--published", "2025-05-01")
    assert code == 0, err
    assert "published_on: 2025-03-20 → 2025-05-01; 1 điểm dời ngày" in err
    (point,) = observations.list_observations(sqlite_db, SLUG)
    assert point.ref_date == date(2025, 5, 1)
    code, _, err = _run(sqlite_db, "report", "edit", str(detail.id), "--published", "1/5/2025")
    assert code == 1
    assert len(err.strip().splitlines()) == 1


def test_retract_takes_the_points_and_refuses_twice(sqlite_db: Database) -> None:
    detail = add(sqlite_db)
    review.accept(sqlite_db, first(detail), indicator=SLUG, actor="t")
    code, _, err = _run(sqlite_db, "report", "retract", str(detail.id), "--reason", "bị đính chính")
    assert code == 0, err
    assert "Đã rút lại" in err
    assert "đã gỡ 1 điểm số liệu" in err
    assert observations.list_observations(sqlite_db, SLUG) == []
    assert reports.get_report(sqlite_db, detail.id).retracted_reason == "bị đính chính"
    code, _, err = _run(sqlite_db, "report", "retract", str(detail.id), "--reason", "lần nữa")
    assert code == 1
    assert err.strip() == f"Lỗi: báo cáo {detail.id} đã bị rút lại rồi"


@pytest.mark.usefixtures("english")
def test_retract_needs_a_reason(sqlite_db: Database) -> None:
    detail = add(sqlite_db)
    code, _, err = _run(sqlite_db, "report", "retract", str(detail.id), "--reason", " ")
    assert code == 1
    assert "say why the report is retracted" in err
    code, _, _ = _run(sqlite_db, "report", "retract", str(detail.id))
    assert code == 2  # --reason is required
    assert not reports.get_report(sqlite_db, detail.id).retracted
