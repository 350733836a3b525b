"""``/api/reports/{id}`` pages a report's mentions (issue 12, item 21: a report with 58,000
figures was one 35 MB answer)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.web.helpers import TEXT, add

#: A report with many mentions: the helpers' two sentences, and more figures of our own.
MANY = TEXT + "".join(
    f"Đến ngày {day}/5/2025, tỉnh thứ {day} đã cấp {day * 1000} tài khoản định danh mức 2.\n"
    for day in range(1, 13)
)


def test_mentions_come_a_page_at_a_time_with_a_next_link(client: TestClient, database: Database) -> None:
    detail = add(database, MANY)
    every = [m.id for m in sorted(detail.mentions, key=lambda m: (m.start, m.id))]
    assert len(every) > 10
    seen: list[int] = []
    url: str | None = f"/api/reports/{detail.id}?limit=4"
    pages = 0
    while url is not None:
        r = client.get(url)
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["report"]["mentions"]) <= 4
        assert body["report"]["text"] == detail.text
        seen += [m["id"] for m in body["report"]["mentions"]]
        url = body["next_url"]
        pages += 1
    assert seen == every
    assert pages == -(-len(every) // 4)


def test_a_small_report_is_one_page(client: TestClient, database: Database) -> None:
    detail = add(database)
    body = client.get(f"/api/reports/{detail.id}").json()
    assert body["next_url"] is None
    assert [m["id"] for m in body["report"]["mentions"]] == [m.id for m in detail.mentions]
    assert body["report"]["figures"] == detail.figures


def test_a_cursor_not_from_a_next_link_is_refused(client: TestClient, database: Database) -> None:
    detail = add(database)
    r = client.get(f"/api/reports/{detail.id}", params={"after": "abc"})
    assert r.status_code == 400
    assert r.json() == {
        "ok": False,
        "error": "after: not a cursor from a next_url (abc)",
        "status": 400,
        "code": "api_bad_cursor",
        "params": {"after": "abc"},
    }


def test_the_service_pages_without_loading_every_mention(database: Database) -> None:
    detail = add(database, MANY)
    assert reports.get_report(database, detail.id, with_mentions=False).mentions == []
    first, cursor = reports.report_mentions(database, detail.id, limit=3)
    assert len(first) == 3
    assert cursor == (first[-1].start, first[-1].id)
    rest, end = reports.report_mentions(database, detail.id, after=cursor, limit=10_000)
    assert end is None
    assert [m.id for m in first + rest] == [
        m.id for m in sorted(detail.mentions, key=lambda m: (m.start, m.id))
    ]


def test_mentions_of_a_report_are_counted_and_cut_in_sql(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/api/mentions?report_id=`` no longer loads the whole report to slice a page of it."""
    detail = add(database, MANY)

    def whole(*_args: object, **_kw: object) -> None:
        raise AssertionError("the whole report was loaded")

    monkeypatch.setattr(reports, "get_report", whole)
    body = client.get("/api/mentions", params={"report_id": detail.id, "kind": "figure", "limit": 2}).json()
    figures = sorted((m for m in detail.mentions if m.kind == "figure"), key=lambda m: (m.start, m.id))
    assert body["total"] == len(figures)
    assert [m["id"] for m in body["mentions"]] == [m.id for m in figures[:2]]
    missing = client.get("/api/mentions", params={"report_id": 999_999})
    assert missing.status_code == 404
