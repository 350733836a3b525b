"""`chiso report date`, undated reports at the command line, and `review accept` with a corrected
date (issue 11: the review lets a person correct the date; issue 12.3: undated reports)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import observations
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Fig

runner = CliRunner()
TEXT = "Đến nay, tỉnh đã cấp hơn 120 nghìn tài khoản định danh. Chậm nhất ngày 30/11, các xã phải hoàn thành việc số hoá hồ sơ hộ tịch."


def _run(db: Database, *args: str) -> tuple[int, str, str]:
    # Wide enough that the results table keeps each status on one line.
    result = runner.invoke(app, ["--db", str(db.url), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_an_undated_report_is_said_so_refused_then_dated(sqlite_db: Database, tmp_path: Path) -> None:
    code, out, err = _run(sqlite_db, "report", "add", str(_file(tmp_path)))
    assert code == 0, err
    report_id = int(out.strip())
    assert "Không tìm thấy ngày đăng" in err
    assert f"chiso report date {report_id} YYYY-MM-DD" in err
    (figure,) = reports.get_report(sqlite_db, report_id).mentions

    code, _, err = _run(
        sqlite_db, "review", "accept", str(figure.id), "--indicator", "vneid-activated-accounts"
    )
    assert code == 1
    assert f"báo cáo {report_id} chưa có ngày đăng; hãy nhập ngày đăng trước" in err
    assert len(err.strip().splitlines()) == 1

    code, _, err = _run(sqlite_db, "report", "date", str(report_id), "2026-03-05")
    assert code == 0, err
    assert "Đã ghi ngày đăng" in err
    assert "đọc lại: thêm 2, bỏ 1" in err  # the figure's "đến nay" resolves, the deadline is found
    detail = reports.get_report(sqlite_db, report_id)
    assert detail.published_on == date(2026, 3, 5)
    assert [m.kind for m in detail.mentions] == ["figure", "deadline"]


@pytest.mark.usefixtures("english")
def test_report_date_refuses_a_bad_date_in_one_line(sqlite_db: Database, tmp_path: Path) -> None:
    code, out, _ = _run(sqlite_db, "report", "add", str(_file(tmp_path)))
    code, _, err = _run(sqlite_db, "report", "date", out.strip(), "5/3/2026")
    assert code == 1
    assert "PUBLISHED must be YYYY-MM-DD, got '5/3/2026'" in err
    assert len(err.strip().splitlines()) == 1


def test_adding_again_with_a_date_says_it_filled_it_in(sqlite_db: Database, tmp_path: Path) -> None:
    path = _file(tmp_path)
    _, out, _ = _run(sqlite_db, "report", "add", str(path))
    code, again, err = _run(sqlite_db, "report", "add", str(path), "--published", "2026-03-05")
    assert code == 0, err
    assert again.strip() == out.strip()
    assert "Đã có, nay có ngày đăng" in err
    assert reports.get_report(sqlite_db, int(out)).published_on == date(2026, 3, 5)


@pytest.fixture
def made(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> factory.Made:
    factory.fake_matcher(monkeypatch)
    factory.indicators(sqlite_db)
    text = "Năm 2025, tỉnh có hơn 120 nghìn tài khoản; đạt 3 triệu lượt/ngày."
    return factory.report(
        sqlite_db,
        text,
        [
            Fig("hơn 120 nghìn tài khoản", 120_000, "more_than", as_of=date(2026, 1, 16)),
            Fig("3 triệu lượt/ngày", 3_000_000, unit="lượt/ngày", as_of=date(2026, 1, 16)),
        ],
    )


def test_accept_with_a_corrected_as_of(sqlite_db: Database, made: factory.Made) -> None:
    code, _, err = _run(sqlite_db, "review", "accept", str(made.mention_ids[0]), "--as-of", "2025-12-31")
    assert code == 0, err
    (point,) = observations.list_observations(sqlite_db, "vneid-activated-accounts")
    assert (point.as_of, point.ref_date) == (date(2025, 12, 31), date(2025, 12, 31))


def test_accept_with_a_corrected_period(sqlite_db: Database, made: factory.Made) -> None:
    code, _, err = _run(
        sqlite_db,
        "review",
        "accept",
        str(made.mention_ids[1]),
        "--period-start",
        "2025-01-01",
        "--period-end",
        "2025-12-31",
    )
    assert code == 0, err
    (point,) = observations.list_observations(sqlite_db, "vneid-daily-accesses")
    assert (point.as_of, point.period_start, point.period_end, point.ref_date) == (
        None,
        date(2025, 1, 1),
        date(2025, 12, 31),
        date(2025, 12, 31),
    )


@pytest.mark.usefixtures("english")
def test_accept_refuses_a_period_that_ends_before_it_starts(sqlite_db: Database, made: factory.Made) -> None:
    code, _, err = _run(
        sqlite_db, "review", "accept", str(made.mention_ids[1]), "--period-start", "2025-12-31",
        "--period-end", "2025-01-01",
    )  # fmt: skip
    assert code == 1
    assert "the period starts (2025-12-31) after it ends (2025-01-01)" in err


def test_a_batch_says_which_reports_are_undated_and_dates_them_when_added_again(
    sqlite_db: Database, tmp_path: Path
) -> None:
    files = []
    for i in range(2):
        path = tmp_path / f"r{i}.txt"
        path.write_text(f"Đến nay, xã {i} đã cấp hơn {i + 2} nghìn tài khoản định danh.\n", encoding="utf-8")
        files.append(str(path))
    code, out, err = _run(sqlite_db, "report", "add", *files, "--workers", "2")
    assert code == 0, err
    assert out.count("chưa có ngày đăng: `chiso report date`") == 2
    code, out, err = _run(sqlite_db, "report", "add", *files, "--workers", "2", "--published", "2026-03-05")
    assert code == 0, err
    assert out.count("đã có, nay có ngày đăng") == 2
    assert {r.published_on for r in reports.list_reports(sqlite_db)} == {date(2026, 3, 5)}
