"""`chiso indicator` as a user meets it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chiso.catalog.loader import shipped_catalog
from chiso.cli import app
from chiso.services import audit
from chiso.store.db import Database

runner = CliRunner()
N = len(shipped_catalog().indicators)


def _run(db: Database, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args])
    return result.exit_code, result.stdout, result.stderr


def test_list_loads_the_catalogue_and_prints_every_format(sqlite_db: Database) -> None:
    code, out, _ = _run(sqlite_db, "indicator", "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == N
    assert {"slug", "name_vi", "name_en", "unit", "measure", "programme", "match_rules"} <= set(rows[0])
    code, out, _ = _run(sqlite_db, "indicator", "list", "-f", "csv", "--programme", "Nghị quyết 57")
    assert code == 0
    got = list(csv.DictReader(io.StringIO(out)))
    assert got
    assert {r["programme"] for r in got} == {"Resolution 57"}
    code, out, _ = _run(sqlite_db, "indicator", "list")
    assert code == 0
    assert out.startswith("Chỉ số\n")


def test_show_prints_rules_and_json(sqlite_db: Database) -> None:
    code, out, _ = _run(sqlite_db, "indicator", "show", "vneid-activated-accounts")
    assert code == 0
    assert "kích hoạt" in out
    assert "Đề án 06" in out
    code, out, _ = _run(sqlite_db, "indicator", "show", "vneid-activated-accounts", "--json")
    shown = json.loads(out)
    assert shown["measure"] == "cumulative"
    assert shown["programme_vi"] == "Đề án 06"


@pytest.mark.usefixtures("english")
def test_show_unknown_is_one_line_and_exit_1(sqlite_db: Database) -> None:
    code, _, err = _run(sqlite_db, "indicator", "show", "no-such")
    assert code == 1
    assert "no indicator 'no-such'" in err
    assert len(err.strip().splitlines()) == 1


def test_add_then_edit_is_audited(sqlite_db: Database) -> None:
    code, out, err = _run(
        sqlite_db, "indicator", "add", "school-accounts", "--name-vi", "Tài khoản trường học",
        "--name-en", "School accounts", "--unit", "tài khoản", "--measure", "flow",
        "--word", "trường học, học sinh", "--range", "1,1000000", "--programme", "Đề án 06",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = _run(sqlite_db, "indicator", "edit", "school-accounts", "--add-word", "giáo viên",
                        "--remove-word", "học sinh", "--name-en", "Schools")  # fmt: skip
    assert code == 0, err
    code, out, _ = _run(sqlite_db, "indicator", "show", "school-accounts", "--json")
    shown = json.loads(out)
    assert shown["name_en"] == "Schools"
    assert shown["match_rules"]["words"] == ["trường học", "giáo viên"]
    assert shown["match_rules"]["range"] == [1.0, 1000000.0]
    assert shown["programme"] == "Project 06"
    assert shown["origin"] == "user"
    actions = [e.action for e in audit.history(sqlite_db, entity="indicator")]
    assert actions[:2] == ["indicator.edit", "indicator.add"]


def test_scope_is_national_by_default_and_can_be_local(sqlite_db: Database) -> None:
    code, out, _ = _run(sqlite_db, "indicator", "show", "vneid-activated-accounts")
    assert "toàn quốc" in out
    code, _, err = _run(
        sqlite_db, "indicator", "add", "lam-dong-accounts", "--name-vi", "Tài khoản của Lâm Đồng",
        "--name-en", "Lam Dong accounts", "--unit", "tài khoản", "--measure", "cumulative", "--scope", "local",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = _run(sqlite_db, "indicator", "show", "lam-dong-accounts", "--json")
    assert json.loads(out)["match_rules"]["scope"] == "local"
    code, _, err = _run(sqlite_db, "indicator", "edit", "lam-dong-accounts", "--scope", "national")
    assert code == 0, err
    code, out, _ = _run(sqlite_db, "indicator", "show", "lam-dong-accounts", "--json")
    assert "scope" not in json.loads(out)["match_rules"]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["add", "x-y", "--name-vi", "a", "--name-en", "a", "--unit", "u", "--measure", "total"], "measure"),
     (["add", "Bad Slug", "--name-vi", "a", "--name-en", "a", "--unit", "u", "--measure", "flow"], "slug"),
     (["add", "x-y", "--name-vi", "a", "--name-en", "a", "--unit", "u", "--measure", "flow", "--range", "a,b"], "--range"),
     (["add", "vneid-utilities", "--name-vi", "a", "--name-en", "a", "--unit", "u", "--measure", "flow"], "already exists"),
     (["edit", "vneid-utilities"], "nothing to change"),
     (["edit", "vneid-utilities", "--measure", "sideways"], "measure"),
     (["edit", "vneid-utilities", "--scope", "regional"], "scope")],
)  # fmt: skip
@pytest.mark.usefixtures("english")
def test_bad_input_is_one_line_and_exit_1(sqlite_db: Database, args: list[str], message: str) -> None:
    code, _, err = _run(sqlite_db, "indicator", *args)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_export_then_import_round_trip(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.yaml"
    code, out, _ = _run(sqlite_db, "indicator", "export", str(path))
    assert code == 0
    assert f"{N}" in out
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name_en: Utilities available in the VNeID app", "name_en: VNeID utilities"),
        encoding="utf-8",
    )
    code, out, _ = _run(sqlite_db, "indicator", "import", str(path))
    assert code == 0
    assert "~ vneid-utilities" in out
    code, out, _ = _run(sqlite_db, "indicator", "show", "vneid-utilities", "--json")
    assert json.loads(out)["name_en"] == "VNeID utilities"


def test_import_error_names_file_and_line(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "indicators:\n  - slug: a-b\n    name_vi: A\n    name_en: A\n    unit: x\n    measure: up\n",
        encoding="utf-8",
    )
    code, _, err = _run(sqlite_db, "indicator", "import", str(path))
    assert code == 1
    assert f"{path}:6: indicator 'a-b': measure must be one of" in " ".join(err.split())


def test_every_command_has_help() -> None:
    for cmd in ("list", "show", "add", "edit", "import", "export"):
        result = runner.invoke(app, ["indicator", cmd, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.stdout


def test_the_vietnamese_description_is_added_edited_shown_and_exported(sqlite_db: Database, tmp_path: Path) -> None:
    code, _, err = _run(
        sqlite_db, "indicator", "add", "mo-ta-thu", "--name-vi", "Mô tả thử", "--name-en", "Test",
        "--unit", "hồ sơ", "--measure", "stock", "--description-vi", "Số hồ sơ, viết bằng tiếng Việt.",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = _run(sqlite_db, "indicator", "edit", "mo-ta-thu", "--description-vi", "Mô tả đã sửa.")
    assert code == 0, err
    code, out, _ = _run(sqlite_db, "indicator", "show", "mo-ta-thu", "--json")
    assert json.loads(out)["description_vi"] == "Mô tả đã sửa."
    path = tmp_path / "out.yaml"
    assert _run(sqlite_db, "indicator", "export", str(path))[0] == 0
    assert "description_vi: Mô tả đã sửa." in path.read_text(encoding="utf-8")
