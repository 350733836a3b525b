"""The report list's search (``/reports?q=``, ``chiso report list --search``) goes through the
search index: words found without their diacritics, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.services.reports import add_report, list_reports
from chiso.services.reports.sources import read_pasted
from chiso.store.db import Database

# sentences written for these tests
TEXTS = {
    "accounts": "Đến cuối tháng, thành phố có thêm 20 nghìn tài khoản định danh điện tử được kích hoạt.",
    "records": "Sở Tư pháp số hóa 5 nghìn hồ sơ hộ tịch trong quý vừa qua.",
    "both": "Hồ sơ trực tuyến tăng nhờ tài khoản định danh mức 2.",
}


def _add(db: Database) -> dict[str, int]:
    out = {}
    for day, (name, text) in enumerate(TEXTS.items(), 1):
        doc = read_pasted(text, max_bytes=100_000)
        out[name] = add_report(
            db, doc, title=f"Bản tin {name}", publisher="Tòa soạn", published=date(2025, 3, day), actor="t"
        ).report_id
    return out


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("tai khoan", {"accounts", "both"}),
        ("tài khoản", {"accounts", "both"}),
        ("TAI KHOAN dinh danh", {"accounts", "both"}),
        ("ho so", {"records", "both"}),
        ("ho tich", {"records"}),
        ("dien tu", {"accounts"}),
        ("điện tử", {"accounts"}),
        ("ban tin records", {"records"}),  # the title counts too
        ("khong co", set()),
        ("%", set()),  # no word: nothing, never every report
    ],
)
def test_list_reports_finds_words_without_diacritics(database: Database, q: str, found: set[str]) -> None:
    ids = _add(database)
    got = {r.id for r in list_reports(database, q=q, limit=50)}
    assert got == {ids[name] for name in found}


def test_the_search_is_paged(database: Database) -> None:
    _add(database)
    first = list_reports(database, q="tai khoan", limit=1)
    second = list_reports(database, q="tai khoan", limit=1, offset=1)
    assert len(first) == len(second) == 1
    assert first[0].id != second[0].id
    assert list_reports(database, q="tai khoan", limit=1, offset=2) == []
