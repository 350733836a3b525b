"""Every listing command at 80 and 120 columns, and data that looks like Rich markup.

Issue 12 #13: at 80 columns `chiso deadlines` took 154 lines for 14 commitments, `history -n 5`
380, `observations` dropped the quote column, numbers and dates wrapped mid-token.
Issue 12 #17: a title holding ``[/x]`` crashed eight commands; a file name with it `report add`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.services import commitments, review
from chiso.services.commitments.schemas import CommitmentEdit
from chiso.services.users import accounts as users
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Due, Fig

runner = CliRunner()
M = 1_000_000
#: looks like Rich markup: a closing tag with no opening one crashed the console
MARKUP = "[/x] [bold]"
N = 14


def _report_text(i: int) -> str:
    return (
        f"Bản tin số {i} {MARKUP} cho biết đến nay có hơn {60 + i} triệu tài khoản định danh điện tử "
        f"được kích hoạt trên cả nước, tăng đều qua từng tháng. "
        f"Chậm nhất hết quý II-2026 phải hoàn thành việc kết nối {i} cơ sở dữ liệu chuyên ngành "
        f"với hệ thống định danh và xác thực điện tử của Bộ Công an {MARKUP}."
    )


@pytest.fixture(scope="module")
def _newsroom_file(tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path) -> Path:
    """14 reports whose titles, quotes, owners and commitments carry markup-looking text; each
    gives an accepted figure (an observation) and an accepted deadline (a commitment). Built
    once: the commands only read it."""
    path = tmp_path_factory.mktemp("newsroom") / "chiso.sqlite3"
    shutil.copy(_sqlite_template, path)
    db = Database.from_url(f"sqlite:///{path}", upgrade=False)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _fill(db, monkeypatch)
    db.dispose()
    return path


@pytest.fixture
def newsroom(_newsroom_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "chiso.sqlite3"
    shutil.copy(_newsroom_file, path)
    db = Database.from_url(f"sqlite:///{path}", upgrade=False)
    yield db
    db.dispose()


def _fill(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    factory.fake_matcher(monkeypatch)
    factory.indicators(sqlite_db)
    for i in range(N):
        text = _report_text(i)
        fig = f"hơn {60 + i} triệu tài khoản"
        due = f"Chậm nhất hết quý II-2026 phải hoàn thành việc kết nối {i} cơ sở dữ liệu chuyên ngành"
        made = factory.report(
            sqlite_db,
            text,
            [
                Fig(fig, (60 + i) * M, "more_than", as_of=date(2026, 1, 16)),
                Due(due, date(2026, 6, 30), f"kết nối {i} cơ sở dữ liệu {MARKUP} chuyên ngành"),
            ],
            title=f"Tiêu đề rất dài của bản tin số {i} về định danh điện tử {MARKUP} và dịch vụ công",
            publisher=f"Báo {MARKUP} Thử",
            url=f"https://example.vn/tin-{i}",
        )
        review.accept(sqlite_db, made.mention_ids[0], actor=f"lan{MARKUP}")
        decision = review.accept(sqlite_db, made.mention_ids[1], actor="minh")
        assert decision.commitment_id is not None
        commitments.edit(
            sqlite_db,
            decision.commitment_id,
            CommitmentEdit(owner=f"Bộ Công an {MARKUP}", programme="Đề án 06"),
            actor="minh",
        )
    # one more report left pending, for `review list`
    factory.report(
        sqlite_db,
        f"Có 1,5 triệu tài khoản tổ chức {MARKUP} mới.",
        [Fig(f"1,5 triệu tài khoản tổ chức {MARKUP}", 1.5 * M, unit="tài khoản tổ chức")],
        title=f"Chờ duyệt {MARKUP}",
    )
    users.add_user(sqlite_db, f"biên tập {MARKUP}", "editor", "a-long-password")


def _run(db: Database, columns: int, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args], env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


LISTINGS = [
    ["deadlines", "--on", "2026-07-15"],
    ["history", "-n", "5"],
    ["history"],
    ["observations"],
    ["report", "list"],
    ["report", "show", "1"],
    ["review", "list"],
    ["commitment", "show", "1", "--on", "2026-07-15"],
    ["commitment", "proposals"],
    ["indicator", "list"],
    ["user", "list"],
    ["conflicts"],
    ["feed", "list"],
]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_listing_fits_the_terminal(newsroom: Database, args: list[str], columns: int) -> None:
    code, out, err = _run(newsroom, columns, *args)
    assert code == 0, out + err
    too_wide = [line for line in out.splitlines() if len(line) > columns]
    assert not too_wide, too_wide[:3]


@pytest.mark.parametrize(
    ("args", "records", "per_record"),
    [
        (["deadlines", "--on", "2026-07-15"], N, 3),
        (["history", "-n", "5"], 5, 5),
        (["observations"], N, 3),
        (["report", "list"], N + 1, 3),
    ],
)
@pytest.mark.parametrize("columns", [80, 120])
def test_listing_takes_a_few_lines_per_record(
    newsroom: Database, args: list[str], records: int, per_record: int, columns: int
) -> None:
    """154 lines for 14 commitments at 80 columns, 380 for five history events, before."""
    code, out, _ = _run(newsroom, columns, *args)
    assert code == 0
    assert len(out.splitlines()) <= records * per_record + 6, out


@pytest.mark.parametrize("columns", [80, 120])
def test_numbers_dates_and_ids_are_never_cut(newsroom: Database, columns: int) -> None:
    _, out, _ = _run(newsroom, columns, "deadlines", "--on", "2026-07-15")
    assert out.count("… → 2026-06-30 (quý)") == N
    assert out.count("trễ 15 ngày") == N
    _, out, _ = _run(newsroom, columns, "observations")
    for i in range(N):
        assert f">{60 + i}.000.000" in out
    assert out.count("2026-01-16") >= N
    _, out, _ = _run(newsroom, columns, "history", "-n", "5")
    assert len(re.findall(r"\b2\d{3}-\d{2}-\d{2} \d{2}:\d{2}\b", out)) == 5


@pytest.mark.parametrize("columns", [80, 120])
def test_observations_keep_the_quote(newsroom: Database, columns: int) -> None:
    """At 80 columns the quote column disappeared without a word."""
    _, out, _ = _run(newsroom, columns, "observations")
    assert out.count("“hơn ") == N


def test_narrow_terminal_prints_one_block_per_record(newsroom: Database) -> None:
    _, out, _ = _run(newsroom, 80, "deadlines", "--on", "2026-07-15")
    starts = [line for line in out.splitlines() if line.startswith("#")]
    assert len(starts) == N
    _, wide, _ = _run(newsroom, 180, "deadlines", "--on", "2026-07-15")
    assert not any(line.startswith("#") for line in wide.splitlines())
    assert re.search(r"^id +Trạng thái +Còn +Hạn ", wide, re.MULTILINE)  # a table with its header
    _, out, _ = _run(newsroom, 120, "observations")
    assert "Trích dẫn" in out  # 120 columns hold the observations' table


def test_empty_columns_are_dropped(newsroom: Database) -> None:
    # no commitment has evidence: the column is left out rather than printed blank
    _, out, _ = _run(newsroom, 180, "deadlines", "--on", "2026-07-15")
    assert "Bằng chứng" not in out
    assert "Cơ quan chủ trì" in out


def test_the_text_column_gets_the_rest_of_the_width_and_an_ellipsis(newsroom: Database) -> None:
    _, out, _ = _run(newsroom, 120, "report", "list")
    titled = [line for line in out.splitlines() if "Tiêu đề rất dài" in line]
    assert len(titled) == N
    assert all(len(line) <= 120 for line in titled)
    _, out, _ = _run(newsroom, 80, "history")
    assert "…" in out


@pytest.mark.parametrize(
    ("args", "literal"),
    [
        (["report", "list"], MARKUP),
        (["report", "show", "1"], MARKUP),
        (["review", "list"], MARKUP),
        (["history"], MARKUP),
        (["deadlines", "--on", "2026-07-15"], MARKUP),
        (["commitment", "show", "1"], MARKUP),
        (["observations"], MARKUP),
        (["user", "list"], MARKUP),
        (["conflicts"], "Không có mâu thuẫn"),
        (["commitment", "proposals"], "không có đề xuất nào"),
    ],
)
@pytest.mark.parametrize("columns", [80, 200])
def test_markup_in_data_is_printed_as_text(
    newsroom: Database, args: list[str], literal: str, columns: int
) -> None:
    code, out, err = _run(newsroom, columns, *args)
    assert code == 0, err
    assert literal in out


def test_report_show_prints_markup_in_title_and_text_literally(newsroom: Database) -> None:
    _, out, _ = _run(newsroom, 200, "report", "show", "1")
    assert f"về định danh điện tử {MARKUP}" in out
    assert f"Bản tin số 0 {MARKUP} cho biết" in out
    assert f"Báo {MARKUP} Thử" in out


@pytest.mark.parametrize("name", ["bản tin [/x].txt", "[bold]tin[/bold].txt", "tin [/].txt"])
def test_report_add_with_a_file_name_that_looks_like_markup(
    sqlite_db: Database, tmp_path: Path, name: str
) -> None:
    """A path holding ``[/x]`` (a folder ``bản tin [`` with a file ``x].txt``) crashed `report add`."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Đến nay có hơn 67 triệu tài khoản được kích hoạt.", encoding="utf-8")
    code, out, err = _run(sqlite_db, 80, "report", "add", str(path))
    assert code == 0, err
    assert out.strip().isdigit()
    missing = path.with_name(f"không có {path.name}")
    code, _, err = _run(sqlite_db, 80, "report", "add", str(missing))
    assert code == 1
    assert str(missing) in err.replace("\n", "")  # the one-line error names the file as it is
    assert "Traceback" not in err
    code, out, err = _run(sqlite_db, 80, "report", "add", str(path), str(missing))
    assert code == 1
    assert "Traceback" not in err


def test_extract_table_prints_markup_literally(tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    path.write_text(f"Đến nay có hơn 67 triệu tài khoản {MARKUP} được kích hoạt.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--format", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "67.000.000" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (67_000_000, "67.000.000"),
        (1234, "1.234"),
        (999, "999"),
        (1.5, "1,5"),  # was "1.5": a dot meant thousands in one cell and a decimal in the next
        (1234.5, "1.234,5"),
        (12.75, "12,75"),
        (-3.0, "-3"),
        (None, ""),
    ],
)
def test_one_number_format(value: float | None, shown: str) -> None:
    from chiso.cli._common import fmt_number

    assert fmt_number(value) == shown


@pytest.mark.parametrize("command", ["upgrade", "current"])
def test_database_path_that_looks_like_markup(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "tin [" / "x]"
    folder.mkdir(parents=True)
    url = f"sqlite:///{folder / 'chiso.sqlite3'}"
    result = runner.invoke(app, ["--db", url, "db", command], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "tin [/x]" in result.stdout


def test_the_review_queue_prints_markup_in_data_literally(
    newsroom: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chiso.cli import review_cmd

    monkeypatch.setattr(review_cmd, "_stdin_is_terminal", lambda: True)
    result = runner.invoke(app, ["--db", str(newsroom.url), "review"], input="q\n", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert f"Chờ duyệt {MARKUP}" in result.stdout  # the report's title, in the panel's frame
    assert f"1,5 triệu tài khoản tổ chức {MARKUP}" in result.stdout
