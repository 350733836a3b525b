"""``chiso report licence``, ``chiso report list --search`` through the index, and the
observations' CSV and JSON with licence, permalink and access date."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import review
from chiso.services.reports import licence
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Fig

runner = CliRunner()
TEXT = "Theo bản tin thử, đã có 9 triệu tài khoản được kích hoạt trong tháng."


def _run(db: Database, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), "--lang", "en", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def made(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> factory.Made:
    factory.fake_matcher(monkeypatch)
    factory.indicators(sqlite_db)
    m = factory.report(sqlite_db, TEXT, [Fig("9 triệu tài khoản", 9e6, as_of=date(2026, 1, 1))], publisher="Báo Thử")
    review.accept(sqlite_db, m.mention_ids[0], indicator="vneid-activated-accounts", actor="t")
    return m


def test_report_licence_sets_and_removes_it(sqlite_db: Database, made: factory.Made) -> None:
    code, _, err = _run(sqlite_db, "report", "licence", str(made.report_id), "CC-BY-4.0", "--as", "lan")
    assert code == 0, err
    assert "CC-BY-4.0" in err
    assert licence.report_licence(sqlite_db, made.report_id).report_licence == "CC-BY-4.0"
    code, _, err = _run(sqlite_db, "report", "licence", str(made.report_id), "© Báo Thử", "--publisher")
    assert code == 0, err
    assert [p.licence for p in licence.publisher_licences(sqlite_db)] == ["© Báo Thử"]
    code, _, _ = _run(sqlite_db, "report", "licence", str(made.report_id), "")
    assert code == 0
    got = licence.report_licence(sqlite_db, made.report_id)
    assert (got.report_licence, got.licence, got.source) == (None, "© Báo Thử", "publisher")
    code, _, err = _run(sqlite_db, "report", "licence", "999", "CC0")
    assert code == 1
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_observations_carry_licence_permalink_and_access_date(
    sqlite_db: Database, made: factory.Made, fmt: str
) -> None:
    env = {"CHISO_PUBLIC_URL": "https://chiso.example.vn", "CHISO_DEFAULT_LICENCE": "CC0-1.0"}
    code, out, err = _run(sqlite_db, "observations", "--format", fmt, env=env)
    assert code == 0, err
    (row,) = json.loads(out) if fmt == "json" else list(csv.DictReader(io.StringIO(out)))
    assert row["licence"] == "CC0-1.0"
    assert row["permalink"] == f"https://chiso.example.vn/reports/{made.report_id}#m{made.mention_ids[0]}"
    assert row["accessed_on"] == row["accessed_on"][:10]
    assert len(row["accessed_on"]) == 10


def test_report_list_search_without_diacritics(sqlite_db: Database, made: factory.Made) -> None:
    code, out, _ = _run(sqlite_db, "report", "list", "--search", "tai khoan", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == [made.report_id]
    code, out, _ = _run(sqlite_db, "report", "list", "--search", "khong co dau", "--format", "json")
    assert json.loads(out) == []
