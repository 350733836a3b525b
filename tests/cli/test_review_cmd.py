"""`chiso review`, `observations`, `conflicts`, `history`, `export`/`import observations` from the
command line: the interactive queue driven by typed keys, and the non-interactive commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import audit, observations, review
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Due, Fig

runner = CliRunner()
M = 1_000_000
TEXT = (
    "Báo cáo nêu rõ đến nay có hơn 67 triệu tài khoản được kích hoạt. "
    "Ngoài ra có 1,2 triệu tài khoản tổ chức. "
    "Ứng dụng có 3 triệu lượt/ngày truy cập. "
    "Chậm nhất hết quý I-2026 phải hoàn thành kết nối dữ liệu dân cư."
)
MENTIONS: list[Fig | Due] = [
    Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16)),
    Fig("1,2 triệu tài khoản tổ chức", 1.2 * M, unit="tài khoản tổ chức"),
    Fig("3 triệu lượt/ngày", 3 * M, unit="lượt/ngày"),
    Due(
        "Chậm nhất hết quý I-2026 phải hoàn thành kết nối dữ liệu dân cư",
        date(2026, 3, 31),
        "kết nối dữ liệu dân cư",
    ),
]


@pytest.fixture
def made(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> factory.Made:
    factory.fake_matcher(monkeypatch)
    factory.indicators(sqlite_db)
    return factory.report(sqlite_db, TEXT, MENTIONS, url="https://example.vn/tin")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue reads keys from a person at a terminal; here they are typed as lines."""
    from chiso.cli import review_cmd

    monkeypatch.setattr(review_cmd, "_stdin_is_terminal", lambda: True)


def _run(db: Database, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_interactive_queue_accepts_picks_creates_rejects_and_skips(
    sqlite_db: Database, made: factory.Made, terminal: None
) -> None:
    keys = "\n".join(
        [
            "",  # Enter: accept the top suggestion for 67 million
            "1",  # pick suggestion 1 for the organisation accounts
            "n",  # a new indicator from "3 triệu lượt/ngày" ...
            "app-daily-visits",  # slug
            "Lượt truy cập ứng dụng mỗi ngày",  # name (vi)
            "",  # name (en): default
            "rate",  # measure
            "s",  # skip the deadline
        ]
    )
    code, out, err = _run(sqlite_db, "review", "--as", "lan", input=keys + "\n")
    assert code == 0, out + err
    # keys and suggestions are on screen
    assert "Enter/a" in out
    assert "r loại" in out
    assert "q thoát" in out
    assert "vneid-activated-accounts" in out
    assert "0.95" in out
    assert "Hết hàng chờ" in out
    assert "3 quyết định, 1 bỏ qua" in out
    slugs = {o.indicator for o in observations.list_observations(sqlite_db)}
    assert slugs == {"vneid-activated-accounts", "vneid-organisation-accounts", "app-daily-visits"}
    assert {e.actor for e in audit.history(sqlite_db, entity="mention")} == {"lan"}
    assert review.get_mention(sqlite_db, made.mention_ids[3]).state == "pending"


def test_interactive_edit_reject_and_quit(sqlite_db: Database, made: factory.Made, terminal: None) -> None:
    keys = "\n".join(["e", "68000000", "exact", "", "2026-01-10", "a", "r", "q"]) + "\n"
    code, out, err = _run(sqlite_db, "review", "--as", "lan", input=keys)
    assert code == 0, out + err
    (obs,) = observations.list_observations(sqlite_db)
    assert (obs.value, obs.qualifier, obs.as_of) == (68 * M, "exact", date(2026, 1, 10))
    assert review.get_mention(sqlite_db, made.mention_ids[1]).state == "rejected"
    assert review.get_mention(sqlite_db, made.mention_ids[2]).state == "pending"


@pytest.mark.usefixtures("english")
def test_interactive_bad_key_is_explained_and_the_item_offered_again(
    sqlite_db: Database, made: factory.Made, terminal: None
) -> None:
    code, out, _ = _run(sqlite_db, "review", "--kind", "figure", input="9\nx\nq\n")
    assert code == 0
    assert "no suggestion 9" in out
    assert "unknown key 'x'" in out


@pytest.mark.parametrize("piped", ["\n", "\n\n\n\n", "a\n", ""])
@pytest.mark.usefixtures("english")
def test_queue_refuses_input_that_is_not_a_terminal(
    sqlite_db: Database, made: factory.Made, piped: str
) -> None:
    """`echo | chiso review` accepted two mentions: Enter means accept, and nobody saw them."""
    code, _, err = _run(sqlite_db, "review", "--as", "lan", input=piped)
    assert code == 1
    assert "needs a terminal" in err
    assert len(err.strip().splitlines()) == 1
    assert observations.list_observations(sqlite_db) == []
    assert all(review.get_mention(sqlite_db, i).state == "pending" for i in made.mention_ids)


def test_accept_reject_reopen_commands(sqlite_db: Database, made: factory.Made) -> None:
    a, b, c, d = made.mention_ids
    code, out, _ = _run(sqlite_db, "review", "accept", str(a), "--as", "lan")
    assert code == 0
    assert "vneid-activated-accounts" in out
    code, _, err = _run(sqlite_db, "review", "accept", str(a), "--as", "minh")
    assert code == 1
    assert "đã ở trạng thái “đã nhận”, do lan quyết định" in err
    code, out, _ = _run(sqlite_db, "review", "accept", str(b), "--indicator", "vneid-organisation-accounts")
    assert code == 0
    assert "vneid-organisation-accounts" in out
    code, out, _ = _run(sqlite_db, "review", "accept", str(d))
    assert code == 0
    assert "cam kết mới" in out
    code, _, err = _run(sqlite_db, "review", "accept", str(c), "--indicator", "nope")
    assert code == 1
    assert "không tìm thấy chỉ số có mã 'nope'" in err
    code, out, _ = _run(sqlite_db, "review", "reject", str(c), "--reason", "noise")
    assert code == 0
    assert "rejected" in out
    code, out, _ = _run(sqlite_db, "review", "reopen", str(c))
    assert code == 0
    assert "reopened" in out
    code, out, _ = _run(sqlite_db, "review", "list", "--format", "json")
    assert [i["mention"]["id"] for i in json.loads(out)] == [c]


def test_auto_prints_what_it_did(sqlite_db: Database, made: factory.Made) -> None:
    code, out, _ = _run(sqlite_db, "review", "auto", "--min-confidence", "0.9")
    assert code == 0
    assert "vneid-activated-accounts" in out
    assert "cam kết" in out
    assert "2/4" in out
    assert "two indicators match about equally" in out


def test_observations_conflicts_history(sqlite_db: Database, made: factory.Made) -> None:
    review.accept(sqlite_db, made.mention_ids[0], actor="lan")
    other = factory.report(
        sqlite_db,
        "Một nguồn khác lại nói có 62 triệu tài khoản được kích hoạt.",
        [Fig("62 triệu tài khoản", 62 * M, as_of=date(2026, 1, 16))],
        publisher="Báo Khác",
    )
    review.accept(sqlite_db, other.mention_ids[0], indicator="vneid-activated-accounts", actor="minh")
    code, out, _ = _run(sqlite_db, "observations")
    assert code == 0
    assert ">67.000.000" in out
    code, out, _ = _run(
        sqlite_db, "observations", "--indicator", "vneid-activated-accounts", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines()[0].startswith("indicator,value,value_max,qualifier,of,as_of")
    code, out, _ = _run(sqlite_db, "conflicts", "--format", "json")
    (conflict,) = json.loads(out)
    assert conflict["kind"] == "contradiction"
    code, out, _ = _run(sqlite_db, "conflicts")
    assert code == 0
    assert "contradiction" in out
    code, out, _ = _run(sqlite_db, "history", "--limit", "5")
    assert code == 0
    assert "mention.accept" in out
    assert "minh" in out
    code, out, _ = _run(sqlite_db, "observations", "--indicator", "nope")
    assert code == 1


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_export_and_import_observations(
    sqlite_db: Database, made: factory.Made, tmp_path: Path, suffix: str
) -> None:
    review.accept(sqlite_db, made.mention_ids[0], actor="lan")
    path = tmp_path / f"obs.{suffix}"
    code, out, _ = _run(sqlite_db, "export", "observations", str(path))
    assert code == 0
    assert "1 dòng" in out
    fresh = Database.from_url(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    code, out, err = _run(fresh, "import", "observations", str(path))
    assert code == 0, err
    assert "1 dòng: 1 điểm mới" in out
    (obs,) = observations.list_observations(fresh)
    assert obs.sources[0].quote == "hơn 67 triệu tài khoản"
    fresh.dispose()


@pytest.mark.usefixtures("english")
def test_import_of_a_bad_file_is_one_line_and_exit_1(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("indicator,value\nvneid-activated-accounts,many\n", encoding="utf-8")
    code, _, err = _run(sqlite_db, "import", "observations", str(path))
    assert code == 1
    assert "row 2: value must be a number" in err
    assert len(err.strip().splitlines()) == 1


def test_a_fresh_database_accepts_a_shipped_indicator_first(sqlite_db: Database, tmp_path: Path) -> None:
    """The first command after `report add` may be `review accept --indicator SLUG`: the shipped
    catalogue is loaded for it (it used to answer "no indicator" until another command had)."""
    path = tmp_path / "tin.txt"
    path.write_text("Đến nay đã có hơn 67 triệu tài khoản định danh được kích hoạt.\n", encoding="utf-8")
    added = runner.invoke(
        app, ["--db", sqlite_db.url, "report", "add", str(path), "--published", "2026-01-16"]
    )
    assert added.exit_code == 0, added.output
    mention_id = reports.get_report(sqlite_db, 1).mentions[0].id
    result = runner.invoke(
        app,
        [
            "--db",
            sqlite_db.url,
            "review",
            "accept",
            str(mention_id),
            "--indicator",
            "vneid-activated-accounts",
        ],
    )
    assert result.exit_code == 0, result.output
    assert reports.get_report(sqlite_db, 1).mentions[0].state == "accepted"


def test_interactive_edit_keeps_a_decimal_value_when_enter_takes_the_default(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """The value prompt's default is the value in the CLI's one number format ("45,5"); when
    decimals were printed with a dot ("45.5") the prompt dropped it and stored 455."""
    factory.fake_matcher(monkeypatch, {"%": [("vneid-activated-accounts", 0.95)]})
    factory.indicators(sqlite_db)
    made = factory.report(
        sqlite_db, "Tỷ lệ hồ sơ trực tuyến đạt 45,5% trong quý.", [Fig("45,5%", 45.5, unit="%")]
    )
    keys = "\n".join(["e", "", "exact", "", "", "q"]) + "\n"
    code, out, err = _run(sqlite_db, "review", "--as", "lan", input=keys)
    assert code == 0, out + err
    assert "45,5" in out
    assert review.get_mention(sqlite_db, made.mention_ids[0]).value == 45.5
