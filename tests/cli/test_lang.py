"""The CLI speaks one language: `--lang`, else CHISO_LANG, else the locale, else Vietnamese.
Labels come from the catalogues in that language only; JSON and CSV carry none."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.store.db import Database
from tests.cli.test_deadline_cmd import board  # noqa: F401 - the fixture the board tests share

runner = CliRunner()

#: the board's labels on 15 July 2026, a past day (one overdue, one upcoming commitment)
VIETNAMESE = [
    "Hạn theo những gì biết đến ngày 2026-07-15",
    "Trạng thái",
    "Còn",
    "Cam kết",
    "quá hạn",
    "trễ 15 ngày",
    "còn 47 ngày",
]
ENGLISH = [
    "Deadlines as known on 2026-07-15",
    "Status",
    "Countdown",
    "Commitment",
    "overdue",
    "15 days late",
    "47 days left",
]


def _board(db: Database, env: Mapping[str, str | None], *options: str) -> tuple[int, str, str]:
    environ = {"COLUMNS": "200", "CHISO_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
    result = runner.invoke(
        app, [*options, "--db", str(db.url), "deadlines", "--on", "2026-07-15"], env={**environ, **env}
    )
    return result.exit_code, result.stdout, result.stderr


def _assert_english(out: str) -> None:
    for label in ENGLISH:
        assert label in out, label
    for label in VIETNAMESE:
        assert label not in out, label
    assert " · " not in out  # no "trạng thái · status" double label


def _assert_vietnamese(out: str) -> None:
    for label in VIETNAMESE:
        assert label in out, label
    for label in ["Deadlines", "Status", "Countdown", "overdue", "days late", "days left"]:
        assert label not in out, label
    assert " · " not in out


@pytest.mark.parametrize(
    ("options", "env", "english"),
    [
        (["--lang", "en"], {}, True),
        ([], {"LANG": "vi_VN.UTF-8"}, False),
        ([], {"LANG": "en_US.UTF-8"}, True),
        ([], {}, False),  # no locale at all: Vietnamese
        ([], {"LANG": "C"}, False),
        ([], {"LANG": "vi_VN.UTF-8", "CHISO_LANG": "en"}, True),  # CHISO_LANG over LANG
        ([], {"LC_ALL": "vi_VN.UTF-8", "CHISO_LANG": "en"}, True),
        ([], {"LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN.UTF-8"}, False),
        (["--lang", "vi"], {"LANG": "en_US.UTF-8", "CHISO_LANG": "en"}, False),  # --lang over both
        (["--lang", "en"], {"LANG": "vi_VN.UTF-8", "CHISO_LANG": "vi"}, True),
    ],
)
def test_the_board_speaks_one_language(
    board: tuple[Database, int, int],  # noqa: F811
    options: list[str],
    env: dict[str, str],
    english: bool,
) -> None:
    code, out, err = _board(board[0], env, *options)
    assert code == 0, err
    if english:
        _assert_english(out)
    else:
        _assert_vietnamese(out)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_are_the_same_in_both_languages(
    board: tuple[Database, int, int],  # noqa: F811
    fmt: str,
) -> None:
    results = [
        runner.invoke(
            app,
            ["--lang", lang, "--db", str(board[0].url), "deadlines", "--on", "2026-07-15", "-f", fmt],
            env={"COLUMNS": "200"},
        )
        for lang in ("vi", "en")
    ]
    assert [r.exit_code for r in results] == [0, 0]
    outs = [r.stdout for r in results]
    assert outs[0] == outs[1]
    assert "overdue" in outs[0]  # the status code, never a translated word
    assert "quá hạn" not in outs[0]


def test_an_unknown_language_is_a_usage_error(board: tuple[Database, int, int]) -> None:  # noqa: F811
    code, _, err = _board(board[0], {"CHISO_LANG": "fr"})
    assert code == 2
    assert "fr" in err


def test_the_error_line_is_all_in_one_language(sqlite_db: Database) -> None:
    vi = runner.invoke(app, ["--db", str(sqlite_db.url), "report", "reextract", "42"])
    en = runner.invoke(app, ["--lang", "en", "--db", str(sqlite_db.url), "report", "reextract", "42"])
    assert (vi.exit_code, en.exit_code) == (1, 1)
    assert vi.stderr.strip() == "Lỗi: không tìm thấy báo cáo có mã 42"
    assert en.stderr.strip() == "Error: no report with id 42"
