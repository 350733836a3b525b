"""`chiso report` and `chiso extract` as a user meets them: good input, and bad input that must
give one line on stderr, a non-zero exit and an unchanged database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services.reports import add as reports
from chiso.store.db import Database

runner = CliRunner()

VI_TEXT = "Tính đến ngày 30/6/2025, Bộ Công an đã hoàn thành xây dựng 15/19 cơ sở dữ liệu.\n"


def _url(db: Database) -> str:
    return str(db.url)


def _run(db: Database, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", _url(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_add_then_add_again_returns_the_same_id(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(VI_TEXT, encoding="utf-8")
    code, out, _ = _run(
        sqlite_db, "report", "add", str(path), "--published", "2025-07-01", "--title", "Cơ sở dữ liệu"
    )
    assert code == 0, out
    first = out.strip().splitlines()[-1]
    code, out, _ = _run(sqlite_db, "report", "add", str(path))
    assert code == 0
    assert out.strip().splitlines()[-1] == first
    assert reports.count_reports(sqlite_db) == 1
    detail = reports.get_report(sqlite_db, int(first))
    assert detail.title == "Cơ sở dữ liệu"
    assert str(detail.published_on) == "2025-07-01"


def test_add_from_stdin_and_show(sqlite_db: Database) -> None:
    code, out, _ = _run(sqlite_db, "report", "add", "-", input=VI_TEXT)
    assert code == 0, out
    rid = out.strip().splitlines()[-1]
    code, out, _ = _run(sqlite_db, "report", "show", rid)
    assert code == 0
    assert "Bộ Công an" in out
    code, out, _ = _run(sqlite_db, "report", "list", "--format", "json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [int(rid)]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "binary"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\t \n"), "empty"),
        (lambda d: _sparse(d / "huge.txt", 21 * 1024 * 1024), "limit"),
    ],
    ids=["missing", "directory", "binary", "empty", "whitespace", "too-large"],
)
@pytest.mark.usefixtures("english")
def test_bad_input_is_one_line_nonzero_and_leaves_the_database_unchanged(
    sqlite_db: Database, tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    for command in (["report", "add", str(path)], ["extract", str(path)]):
        code, out, err = _run(sqlite_db, *command)
        assert code == 1, (command, out, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert message in lines[0].lower()
    assert reports.count_reports(sqlite_db) == 0


def test_bad_date_is_a_one_line_error(sqlite_db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path / "r.txt", VI_TEXT.encode())
    code, _, err = _run(sqlite_db, "report", "add", str(path), "--published", "16/01/2026")
    assert code == 1
    assert "YYYY-MM-DD" in err
    assert reports.count_reports(sqlite_db) == 0


@pytest.mark.usefixtures("english")
def test_unknown_report_is_an_error(sqlite_db: Database) -> None:
    code, _, err = _run(sqlite_db, "report", "show", "999")
    assert code == 1
    assert "no report with id 999" in err


def test_windows_1258_and_nfd_read_as_the_same_text(sqlite_db: Database, tmp_path: Path) -> None:
    cp = _write(tmp_path / "cp1258.txt", to_cp1258(VI_TEXT))
    code, out, err = _run(sqlite_db, "report", "add", str(cp))
    assert code == 0, err
    nfd = _write(tmp_path / "nfd.txt", unicodedata.normalize("NFD", VI_TEXT).encode("utf-8"))
    code, out2, err = _run(sqlite_db, "report", "add", str(nfd))
    assert code == 0, err
    # Both decode to the same NFC text: one report, and every diacritic kept.
    assert out.strip().splitlines()[-1] == out2.strip().splitlines()[-1]
    detail = reports.get_report(sqlite_db, int(out.strip().splitlines()[-1]))
    assert detail.text == VI_TEXT.strip() or detail.text == VI_TEXT
    assert "Bộ Công an đã hoàn thành xây dựng" in detail.text


def test_extract_prints_the_contract_as_jsonl(tmp_path: Path) -> None:
    path = _write(tmp_path / "r.txt", VI_TEXT.encode())
    result = runner.invoke(app, ["extract", str(path), "--published", "2025-07-01"])
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    for line in result.stdout.splitlines():
        m = json.loads(line)
        assert m["kind"] in ("figure", "deadline")
        assert text[m["start"] : m["end"]] == m["quote"]
        if m["kind"] == "figure":
            # every figure says when it holds, and where that came from
            assert m["time_source"] in ("sentence", "context", "published")
            assert m["as_of"] or m["period_start"] or m["period_end"], m["quote"]
            if m["time_quote"] is not None:
                assert text[m["time_start"] : m["time_end"]] == m["time_quote"]


def test_extract_table_shows_each_figures_time_and_its_source(tmp_path: Path) -> None:
    body = "Năm 2025, tỉnh thu hút 120 dự án. Trong đó 41% là dự án FDI.\n\nHiện có [b]300[/b] hợp tác xã."
    path = _write(tmp_path / "r.txt", body.encode())
    result = runner.invoke(
        app, ["extract", str(path), "--published", "2026-01-16", "--format", "table"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "120" in line)
    assert "2025-01-01…2025-12-31 «Năm 2025»" in row
    row = next(line for line in lines if "41%" in line)
    assert "↑«Năm 2025»" in row  # carried from the sentence before


def test_every_command_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    import typer.main

    group = typer.main.get_command(app)

    def walk(cmd: object, path: str) -> None:
        assert getattr(cmd, "help", None) or getattr(cmd, "short_help", None), f"{path} has no help"
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(group, "chiso")


def test_real_subprocess_add_and_error(sqlite_db: Database, tmp_path: Path) -> None:
    env = {**os.environ, "CHISO_DATABASE_URL": _url(sqlite_db), "COLUMNS": "120"}
    path = _write(tmp_path / "r.txt", VI_TEXT.encode())
    ok = subprocess.run(
        [sys.executable, "-m", "chiso", "report", "add", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip().splitlines()[-1].isdigit()
    bad = subprocess.run(
        [sys.executable, "-m", "chiso", "report", "add", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 1
    assert len(bad.stderr.strip().splitlines()) == 1
    assert "Traceback" not in bad.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "chiso", "report", "add"], capture_output=True, text=True, env=env, timeout=120
    )
    assert usage.returncode == 2


TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def to_cp1258(text: str) -> bytes:
    """Windows-1258 spells a toned letter as a base letter (maybe with its hat or horn) plus a
    combining tone mark: encode the way Vietnamese legacy files were written."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = [c for c in decomposed if c in TONES]
            head = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            out.append(head.encode("cp1258") + "".join(tones).encode("cp1258"))
    return b"".join(out)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


def test_batch_add_goes_on_past_a_failure_and_lists_it(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    good = [
        _write(tmp_path / f"r{i}.txt", f"Báo cáo số {i}: đã cấp hơn {i + 2} triệu tài khoản.\n".encode())
        for i in range(4)
    ]
    bad = Path("missing.txt")
    listing = _write(tmp_path / "list.txt", "\n".join(["# reports", str(good[2]), str(good[3]), ""]).encode())
    code, out, err = _run(
        sqlite_db,
        "report",
        "add",
        str(good[0]),
        str(bad),
        str(good[1]),
        "--from",
        str(listing),
        "--workers",
        "2",
    )
    assert code == 1, err
    assert "missing.txt" in out
    assert "no such" in out
    assert "4 thêm mới" in out
    assert "1 lỗi" in out
    assert reports.count_reports(sqlite_db) == 4
    # Idempotent: the same batch again adds nothing.
    code, out, _ = _run(sqlite_db, "report", "add", *map(str, good), "--workers", "2")
    assert code == 0
    assert "0 thêm mới, 4 đã có" in out
    assert reports.count_reports(sqlite_db) == 4


def test_no_source_is_a_usage_error() -> None:
    result = runner.invoke(app, ["report", "add"])
    assert result.exit_code == 2


def test_reextract_rereads_stale_reports_then_has_nothing_to_do(sqlite_db: Database) -> None:
    from sqlalchemy import update

    from chiso.extract import EXTRACTOR_VERSION
    from chiso.store.models import Mention, Report

    code, out, _ = _run(sqlite_db, "report", "add", "-", "--published", "2025-07-01", input=VI_TEXT)
    assert code == 0, out
    rid = int(out.strip().splitlines()[-1])
    with sqlite_db.transaction() as s:  # as an older extractor left it
        s.execute(update(Report).where(Report.id == rid).values(extractor_version="1"))
        s.execute(update(Mention).where(Mention.report_id == rid).values(extractor_version="1"))

    code, out, err = _run(sqlite_db, "report", "reextract", "--format", "json", "--as", "tester")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["report_id"] == rid
    assert (row["old_version"], row["new_version"]) == ("1", EXTRACTOR_VERSION)
    assert (
        row["unchanged"]
        == reports.get_report(sqlite_db, rid).figures + reports.get_report(sqlite_db, rid).deadlines
    )
    assert (row["added"], row["removed"]) == (0, 0)

    code, out, err = _run(sqlite_db, "report", "reextract")
    assert code == 0
    assert out == ""
    assert "Không có báo cáo nào cần đọc lại" in err


def test_reextract_of_an_unknown_report_is_one_line_and_exit_1(sqlite_db: Database) -> None:
    code, _, err = _run(sqlite_db, "report", "reextract", "42")
    assert code == 1
    assert err.strip() == "Lỗi: không tìm thấy báo cáo có mã 42"


def test_report_show_of_an_undated_plan_prints_no_none_and_no_markup(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """A target due by a date has no period start: `report show` printed "None…2027-12-31", and
    the undated warning's markup was printed as text."""
    path = _write(
        tmp_path / "p.txt", "Chậm nhất ngày 31/12/2027, tỉnh phải số hoá 100% hồ sơ hộ tịch.\n".encode()
    )
    assert runner.invoke(app, ["--db", sqlite_db.url, "report", "add", str(path)]).exit_code == 0
    shown = runner.invoke(app, ["--db", sqlite_db.url, "report", "show", "1"], env={"COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    assert "None" not in shown.output
    assert "[yellow]" not in shown.output
    assert "→ 2027-12-31" in shown.output
    assert "chưa có ngày đăng" in shown.output


def test_extract_offsets_point_into_the_seed_files_as_read(shared_dir: Path) -> None:
    """score.py runs `chiso extract PATH` and checks every quote against the file's NFC text: the
    page furniture a capture carries (teasers, captions) is blanked in place, never cut, so the
    offsets still point into the file."""
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        result = runner.invoke(app, ["extract", str(path), "--published", "2026-01-16"])
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines
        for line in lines:
            m = json.loads(line)
            assert text[m["start"] : m["end"]] == m["quote"], (path.name, m["quote"])
