"""Licences (a report's, its publisher's, the default) and what exports cite: the licence that
applies, an absolute permalink to the quote, and the day the report was read, in CSV, JSON and
XLSX alike; cells a spreadsheet would run as a formula are escaped."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from chiso.errors import InputError, NotFoundError
from chiso.services import audit, review
from chiso.services.exports import tables as exports
from chiso.services.reports import licence
from chiso.store.db import Database
from chiso.store.models import Report
from tests.review import factory
from tests.review.factory import Fig

M = 1_000_000
# sentences written for these tests
OWN = "Bản tin một ghi nhận đã có 12 triệu tài khoản được kích hoạt trong quý."
PUBLISHERS = "Bản tin hai ghi nhận đã có 13 triệu tài khoản được kích hoạt trong quý."
NONE = "Bản tin ba ghi nhận đã có 14 triệu tài khoản được kích hoạt trong quý."
BASE = "https://chiso.example.vn"


def _fill(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    factory.fake_matcher(monkeypatch)
    factory.indicators(db)
    made = {}
    for name, text, publisher, own in (
        ("own", OWN, "Báo Một", "CC-BY-4.0"),
        ("publisher", PUBLISHERS, "Báo Hai", None),
        ("none", NONE, "Báo Ba", None),
    ):
        quote = text.split("có ")[1].split(" được")[0]
        r = factory.report(
            db, text, [Fig(quote, float(quote.split()[0]) * M, as_of=date(2026, 1, 1))],
            publisher=publisher, licence=own, url=f"https://{name}.example.vn/a",
        )  # fmt: skip
        review.accept(db, r.mention_ids[0], indicator="vneid-activated-accounts", actor="t")
        made[name] = r.report_id
    return made


def test_the_licence_is_the_reports_else_the_publishers_else_the_default(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _fill(database, monkeypatch)
    licence.set_publisher_licence(database, "Báo Hai", "© Báo Hai", actor="lan")
    # the publisher's licence never overrides a report's own
    licence.set_publisher_licence(database, "Báo Một", "© Báo Một", actor="lan")
    got = {
        name: licence.report_licence(database, rid, default="CC0-1.0") for name, rid in made.items()
    }
    assert {n: (g.licence, g.source) for n, g in got.items()} == {
        "own": ("CC-BY-4.0", "report"),
        "publisher": ("© Báo Hai", "publisher"),
        "none": ("CC0-1.0", "default"),
    }
    assert licence.report_licence(database, made["none"]).source is None
    assert [p.publisher for p in licence.publisher_licences(database)] == ["Báo Hai", "Báo Một"]


def test_setting_a_licence_is_audited_and_empty_removes_it(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _fill(database, monkeypatch)
    rid = made["publisher"]
    out = licence.set_licence(database, rid, "  CC-BY-SA-4.0 ", actor="lan")
    assert (out.report_licence, out.source) == ("CC-BY-SA-4.0", "report")
    # the same value again changes nothing and records nothing
    licence.set_licence(database, rid, "CC-BY-SA-4.0", actor="lan")
    out = licence.set_licence(database, rid, "", actor="minh")
    assert (out.report_licence, out.licence) == (None, None)
    events = audit.history(database, entity="report", entity_id=rid)
    assert [(e.actor, e.before, e.after) for e in events if e.action == "report.licence"] == [
        ("minh", {"licence": "CC-BY-SA-4.0"}, {"licence": None}),
        ("lan", {"licence": None}, {"licence": "CC-BY-SA-4.0"}),
    ]
    licence.set_publisher_licence(database, "Báo Hai", "x", actor="lan")
    licence.set_publisher_licence(database, "Báo Hai", None, actor="lan")
    assert licence.publisher_licences(database) == []


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda db: licence.set_licence(db, 999, "CC0", actor="t"), "no_such_id"),
        (lambda db: licence.set_licence(db, 1, "x" * 201, actor="t"), "field_too_long"),
        (lambda db: licence.set_publisher_licence(db, "  ", "CC0", actor="t"), "publisher_required"),
    ],
)
def test_bad_licences_are_refused(database: Database, monkeypatch: pytest.MonkeyPatch, call, code) -> None:  # type: ignore[no-untyped-def]
    _fill(database, monkeypatch)
    with pytest.raises((InputError, NotFoundError)) as exc:
        call(database)
    assert exc.value.code == code


def _by_publisher(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {r["publisher"]: r for r in rows}


def _xlsx_rows(raw: bytes) -> list[dict[str, object]]:
    wb = load_workbook(io.BytesIO(raw))
    ws = wb.worksheets[0]
    cells = list(ws.iter_rows(values_only=True))
    # no cell is a formula: openpyxl keeps a formula as text starting with "=" and type "f"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    wb.close()
    header = [str(h) for h in cells[0]]
    return [dict(zip(header, r, strict=True)) for r in cells[1:]]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_every_export_row_carries_licence_permalink_and_access_date(
    database: Database, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    made = _fill(database, monkeypatch)
    licence.set_publisher_licence(database, "Báo Hai", "© Báo Hai", actor="lan")
    with database.transaction() as s:  # the first report was fetched from the web a day before
        s.execute(
            update(Report).where(Report.id == made["own"]).values(fetched_at=datetime(2026, 2, 1, 23, tzinfo=UTC))
        )
    data = exports.rows(database, base_url=BASE + "/", default_licence="CC0-1.0")
    raw = exports.render(data, fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    elif fmt == "json":
        rows = json.loads(raw)
    else:
        rows = _xlsx_rows(raw)
    got = _by_publisher(rows)
    assert {p: got[p]["licence"] for p in got} == {"Báo Một": "CC-BY-4.0", "Báo Hai": "© Báo Hai", "Báo Ba": "CC0-1.0"}
    mention = {name: review.get_mention(database, m).id for name, m in _mentions(database, made).items()}
    assert got["Báo Một"]["permalink"] == f"{BASE}/reports/{made['own']}#m{mention['own']}"
    assert got["Báo Ba"]["permalink"] == f"{BASE}/reports/{made['none']}#m{mention['none']}"
    assert got["Báo Một"]["accessed_on"] == "2026-02-01"  # fetched, not added
    assert got["Báo Ba"]["accessed_on"] == date.today().isoformat() or got["Báo Ba"]["accessed_on"] == (
        datetime.now(UTC).date().isoformat()
    )


def _mentions(db: Database, made: dict[str, int]) -> dict[str, int]:
    from chiso.services.reports import get_report

    return {name: get_report(db, rid).mentions[0].id for name, rid in made.items()}


FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "'quoted"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_licence_that_looks_like_a_formula_is_text_in_csv_and_xlsx(
    database: Database, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    made = _fill(database, monkeypatch)
    licence.set_licence(database, made["own"], text, actor="t")
    stored = licence.report_licence(database, made["own"]).report_licence
    data = exports.rows(database)
    csv_rows = _by_publisher(list(csv.DictReader(io.StringIO(exports.render(data, "csv").decode()))))
    xlsx_rows = _by_publisher(_xlsx_rows(exports.render(data, "xlsx")))
    for rows in (csv_rows, xlsx_rows):
        cell = rows["Báo Một"]["licence"]
        assert cell == "'" + stored  # type: ignore[operator]
    # and the import takes the apostrophe off again
    back = exports.parse(exports.render(data, "csv"), "csv")
    assert {r["publisher"]: r["licence"] for r in back}["Báo Một"] == stored
