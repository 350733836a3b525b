"""The deadline board on any date, its filters, and each commitment's history page."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from chiso.services import commitments
from chiso.services.commitments.schemas import CommitmentOut
from chiso.store.db import Database
from chiso.web.pages.deadlines import months_of, strip_of
from tests.browser.tracked_data import SLUG, build

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}


@pytest.mark.parametrize(
    ("on", "status", "days_left", "days_late"),
    [
        ("2026-02-15", "upcoming", 319, None),
        ("2026-12-31", "due_soon", 0, None),
        ("2027-01-05", "overdue", None, 5),
    ],
)
def test_board_as_of_any_date(
    client: TestClient, database: Database, on: str, status: str, days_left: int | None, days_late: int | None
) -> None:
    build(database)
    data = client.get("/api/commitments", params={"on": on}).json()
    assert data["on"] == on
    (c,) = data["commitments"]
    assert (c["display_status"], c["days_left"], c["days_late"]) == (status, days_left, days_late)
    assert data["counts"][status] == 1
    assert data["total"] == 1


def test_board_html_shows_countdown_and_marker_in_both_languages(
    client: TestClient, database: Database
) -> None:
    build(database)
    en = client.get("/deadlines", params={"on": "2027-01-05"}, headers=EN).text
    assert "5 days late" in en
    assert "overdue" in en
    assert "hoàn thành việc kích hoạt 80 triệu" in en
    assert "▼ 5 Jan 2027" in en
    vi = client.get("/deadlines", params={"on": "2026-02-15"}, headers=VI).text
    assert "319 ngày còn lại" in vi
    assert "sắp tới" in vi
    assert "15/02/2026" in vi


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"owner": "công an"}, 1),
        ({"owner": "nobody at all"}, 0),
        ({"programme": "project"}, 1),
        ({"status": "open"}, 1),
        ({"status": "resolved"}, 0),
        ({"status": "overdue", "on": "2027-02-01"}, 1),
        ({"status": "overdue", "on": "2026-02-01"}, 0),
        ({"owner": "", "programme": "", "status": ""}, 1),
    ],
)
def test_board_filters(client: TestClient, database: Database, params: dict[str, str], count: int) -> None:
    build(database)
    data = client.get("/api/commitments", params=params).json()
    assert len(data["commitments"]) == count
    if count == 0:
        assert "No commitments match." in client.get("/deadlines", params=params, headers=EN).text


def test_unknown_status_is_a_bad_request(client: TestClient) -> None:
    r = client.get("/api/commitments", params={"status": "late-ish"})
    assert r.status_code == 400
    assert r.json()["ok"] is False
    assert "late-ish" in r.json()["error"]
    assert client.get("/deadlines", params={"on": "soon"}).status_code == 422


def test_commitment_page_tells_its_history(client: TestClient, database: Database) -> None:
    world = build(database)
    commitments.resolve(
        database, world.commitment_id, status="met", on=date(2027, 1, 20), actor="test", note="xong"
    )
    data = client.get(f"/api/commitments/{world.commitment_id}", params={"on": "2027-02-01"}).json()
    detail = data["commitment"]
    assert detail["display_status"] == "met_late"
    assert detail["days_late"] == 20
    kinds = [e["kind"] for e in detail["events"]]
    assert kinds[0] == "created"
    assert "resolved" in kinds
    assert detail["sources"][0]["report_id"] == world.report_ids[0]
    assert data["target_indicator"]["slug"] == SLUG
    html = client.get(f"/commitments/{world.commitment_id}", params={"on": "2027-02-01"}, headers=EN).text
    assert "met late" in html
    assert "Resolved" in html
    assert "Created" in html
    assert f'href="/indicators/{SLUG}"' in html
    assert f'href="/reports/{world.report_ids[0]}#m' in html
    board = client.get("/api/commitments", params={"on": "2027-02-01", "status": "resolved"}).json()
    assert [c["id"] for c in board["commitments"]] == [world.commitment_id]


def test_unknown_commitment_is_404(client: TestClient) -> None:
    assert client.get("/commitments/999", headers=EN).status_code == 404
    r = client.get("/api/commitments/999")
    assert r.status_code == 404
    assert r.json()["status"] == 404
    assert client.get("/commitments/abc").status_code == 404


def _c(cid: int, due: date | None, status: str = "upcoming") -> CommitmentOut:
    from datetime import UTC, datetime

    return CommitmentOut(
        id=cid,
        title=f"c{cid}",
        due_end=due,
        precision="day",
        status="open",
        display_status=status,
        on=date(2026, 1, 1),
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_months_group_by_due_month_undated_last() -> None:
    rows = [_c(1, date(2026, 3, 2)), _c(2, date(2026, 3, 30)), _c(3, date(2026, 5, 1)), _c(4, None)]
    groups = months_of(rows)
    assert [g.month for g in groups] == [date(2026, 3, 1), date(2026, 5, 1), None]
    assert [len(g.items) for g in groups] == [2, 1, 1]


def test_strip_places_dots_and_the_day_in_range() -> None:
    rows = [_c(1, date(2025, 6, 30)), _c(2, date(2026, 12, 31)), _c(3, None)]
    strip = strip_of(rows, date(2026, 1, 1))
    assert strip is not None
    assert len(strip.dots) == 2
    assert strip.dots[0].x < strip.on_x < strip.dots[1].x  # type: ignore[operator]
    assert all(0 <= d.x <= strip.width for d in strip.dots)
    assert strip_of([_c(1, None)], date(2026, 1, 1)) is None


def test_board_steps_a_month_at_a_time_keeping_filters(client: TestClient, database: Database) -> None:
    build(database)
    data = client.get("/api/commitments", params={"on": "2026-12-15"}).json()
    assert data["earlier"] == "2026-11-15"
    assert data["later"] == "2027-01-14"
    html = client.get("/deadlines", params={"on": "2026-12-15", "owner": "Bộ Công an"}, headers=EN).text
    assert 'href="/deadlines?on=2027-01-14&amp;owner=B%E1%BB%99%20C%C3%B4ng%20an" rel="next"' in html
