"""`chiso deadlines --on` for a past day: the board as known then, and the title says so."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from chiso.cli import app
from chiso.store.db import Database
from tests.browser.tracked_data import build

runner = CliRunner()


def _run(db: Database, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_deadlines_on_a_past_day_is_the_board_as_known_then(sqlite_db: Database) -> None:
    world = build(sqlite_db)  # promised in a report of 10 January 2025
    code, out, err = _run(sqlite_db, "deadlines", "--on", "2024-01-15")
    assert code == 0, err
    assert "Hạn theo những gì biết đến ngày 2024-01-15" in out
    assert "(không có dòng nào)" in out
    code, out, _ = _run(sqlite_db, "deadlines", "--on", "2025-02-01", "-f", "json")
    (row,) = json.loads(out)
    assert (row["id"], row["as_known_on"], row["stated_on"]) == (
        world.commitment_id,
        "2025-02-01",
        "2025-01-10",
    )
    code, out, _ = _run(sqlite_db, "deadlines", "--on", date.today().isoformat())
    assert "theo những gì biết" not in out
