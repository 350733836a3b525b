"""`chiso deadlines` and `chiso commitment` as a user meets them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import commitments
from chiso.store.db import Database
from tests.services.test_commitments import (
    CENTRE_DL,
    DATA_CENTRE,
    DONE_VI,
    MOVED_VI,
    ONLINE,
    ONLINE_DL,
    add_report,
    create,
    propose,
)

runner = CliRunner()


def _run(db: Database, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args], env={"COLUMNS": "200", "CHISO_ACTOR": "minh"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def board(sqlite_db: Database) -> tuple[Database, int, int]:
    _, (m_centre, m_online) = add_report(
        sqlite_db, f"{DATA_CENTRE} {ONLINE}", date(2026, 1, 20), (CENTRE_DL, ONLINE_DL)
    )
    return sqlite_db, create(sqlite_db, m_centre), create(sqlite_db, m_online)


def test_board_as_a_table(board: tuple[Database, int, int]) -> None:
    db, _, _ = board
    code, out, _ = _run(db, "deadlines", "--on", "2026-07-15")
    assert code == 0, out
    assert "quá hạn" in out
    assert "trễ 15 ngày" in out
    assert "còn 47 ngày" in out
    assert "2026-08-01 → 2026-08-31 (tháng)" in out
    assert "… → 2026-06-30 (quý)" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--on", "2026-02-15"], {"upcoming"}),
        (["--on", "2026-07-15"], {"overdue", "upcoming"}),
        (["--on", "2026-07-15", "--status", "overdue"], {"overdue"}),
        (["--on", "2026-06-20", "--status", "due_soon"], {"due_soon"}),
        (["--on", "2026-07-15", "--status", "met"], set()),
        (["--on", "2026-07-15", "--owner", "nobody"], set()),
    ],
)
def test_board_as_json(board: tuple[Database, int, int], args: list[str], expected: set[str]) -> None:
    db, _, _ = board
    code, out, _ = _run(db, "deadlines", *args, "--format", "json")
    assert code == 0, out
    assert {r["display_status"] for r in json.loads(out)} == expected


def test_board_as_csv(board: tuple[Database, int, int]) -> None:
    db, centre, online = board
    code, out, _ = _run(db, "deadlines", "--on", "2026-07-15", "-f", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(int(r["id"]), r["display_status"], r["due_end"]) for r in rows] == [
        (online, "overdue", "2026-06-30"),
        (centre, "upcoming", "2026-08-31"),
    ]


def test_default_day_is_today(board: tuple[Database, int, int]) -> None:
    db, _, _ = board
    code, out, _ = _run(db, "deadlines", "-f", "json")
    assert code == 0, out
    assert {r["on"] for r in json.loads(out)} == {date.today().isoformat()}


def test_show_resolve_reopen(board: tuple[Database, int, int]) -> None:
    db, _, online = board
    code, out, _ = _run(db, "commitment", "show", str(online), "--on", "2026-03-01")
    assert code == 0, out
    assert "số hóa toàn bộ hồ sơ hộ tịch giấy" in out
    assert ONLINE_DL.quote[:40] in out
    assert "Tạo" in out  # the history, in the CLI's one language
    code, out, _ = _run(db, "commitment", "resolve", str(online), "--status", "met", "--on", "2026-07-03")
    assert code == 0, out
    assert "hoàn thành muộn" in out
    code, out, _ = _run(db, "commitment", "show", str(online), "-f", "json")
    detail = json.loads(out)[0]
    assert (detail["status"], detail["events"][-1]["kind"], detail["events"][-1]["actor"]) == (
        "met_late",
        "resolved",
        "minh",
    )
    code, out, _ = _run(db, "commitment", "reopen", str(online))
    assert code == 0, out
    assert commitments.get_commitment(db, online).status == "open"


def test_edit(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    code, out, _ = _run(
        db, "commitment", "edit", str(centre), "--owner", "Bộ Công an", "--programme", "Đề án 06"
    )
    assert code == 0, out
    code, out, _ = _run(db, "deadlines", "--on", "2026-02-01", "--programme", "đề án", "-f", "json")
    assert [r["id"] for r in json.loads(out)] == [centre]
    code, out, _ = _run(db, "commitment", "edit", str(centre), "--owner", "")
    assert code == 0, out
    assert commitments.get_commitment(db, centre).owner is None


def test_edit_moves_the_due_range_with_a_reason(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    code, out, _ = _run(
        db, "commitment", "edit", str(centre), "--due-end", "2026-09-30", "--reason", "kế hoạch mới"
    )
    assert code == 0, out
    detail = commitments.get_commitment(db, centre)
    assert detail.due_end == date(2026, 9, 30)
    moved = detail.events[-1]
    assert (moved.kind, moved.new_due_end, moved.note, moved.actor) == (
        "due_changed",
        date(2026, 9, 30),
        "kế hoạch mới",
        "minh",
    )
    code, out, err = _run(db, "commitment", "edit", str(centre), "--due-end", "30/9/2026")
    assert code != 0
    assert "--due-end" in out + err


def test_proposals_confirm_reject(board: tuple[Database, int, int]) -> None:
    db, centre, _ = board
    moved, _ = add_report(db, MOVED_VI, date(2026, 7, 25))
    done, _ = add_report(db, DONE_VI, date(2026, 10, 20))
    assert propose(db, moved) == 1
    assert propose(db, done) == 1
    code, out, _ = _run(db, "commitment", "proposals")
    assert code == 0, out
    assert "due_changed" in out
    assert "evidence" in out
    code, out, _ = _run(db, "commitment", "proposals", "-f", "json")
    change, evidence = json.loads(out)
    code, out, _ = _run(db, "commitment", "confirm", str(change["id"]))
    assert code == 0, out
    assert "2026-10-01 → 2026-12-31 (quý)" in out
    code, out, _ = _run(db, "commitment", "reject", str(evidence["id"]))
    assert code == 0, out
    assert "rejected" in out
    code, out, _ = _run(db, "commitment", "proposals")
    assert "không có đề xuất nào" in out
    assert commitments.get_commitment(db, centre).due_end == date(2026, 12, 31)


@pytest.mark.parametrize(
    "args",
    [
        ["deadlines", "--on", "15/2/2026"],
        ["deadlines", "--status", "late"],
        ["commitment", "show", "999"],
        ["commitment", "resolve", "1", "--status", "finished", "--on", "2026-03-01"],
        ["commitment", "resolve", "1", "--status", "met", "--on", "2026-03-01", "--evidence", "999"],
        ["commitment", "confirm", "999"],
        ["commitment", "reject", "999"],
        ["commitment", "reopen", "1"],
        ["commitment", "edit", "1"],
    ],
)
def test_bad_input_is_one_line_and_exit_1(board: tuple[Database, int, int], args: list[str]) -> None:
    db, _, _ = board
    before = commitments.list_deadlines(db, on=date(2026, 3, 1))
    code, out, err = _run(db, *args)
    assert code == 1, out
    assert len(err.strip().splitlines()) == 1, err
    assert commitments.list_deadlines(db, on=date(2026, 3, 1)) == before


def test_every_command_has_help() -> None:
    for args in (["deadlines"], *[["commitment", c] for c in ("show", "resolve", "reopen", "edit", "proposals", "confirm", "reject")]):  # fmt: skip
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.stdout
