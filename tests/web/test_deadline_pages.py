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


def _many(database: Database, n: int, *, owner: str = "Bộ Công an") -> list[int]:
    """``n`` open commitments due one a week from next year on (all upcoming today), soonest first."""
    from datetime import UTC, datetime, timedelta

    from chiso.store.models import Commitment

    start = date(date.today().year + 1, 1, 5)
    with database.transaction() as s:
        made = [
            Commitment(
                title=f"việc thứ {i}",
                owner=owner,
                due_end=start + timedelta(days=7 * i),
                precision="day",
                status="open",
                created_at=datetime(2020, 1, 1, tzinfo=UTC),
            )
            for i in range(n)
        ]
        s.add_all(made)
        s.flush()
        return [c.id for c in made]


def test_api_pages_a_group_by_its_next_links(client: TestClient, database: Database) -> None:
    ids = _many(database, 7)
    data = client.get("/api/commitments", params={"limit": 3}).json()
    (upcoming,) = [g for g in data["groups"] if g["key"] == "upcoming"]
    assert (upcoming["total"], upcoming["offset"], upcoming["limit"]) == (7, 0, 3)
    assert [c["id"] for c in data["commitments"]] == ids[:3]
    assert upcoming["prev"] is None
    seen, link, pages = [c["id"] for c in upcoming["items"]], upcoming["next"], 1
    while link:
        assert link.startswith("/api/commitments?")
        assert "group=upcoming" in link
        assert "limit=3" in link
        page = client.get(link).json()
        (g,) = page["groups"]  # a group being paged is the only one listed
        assert g["prev"] is not None
        seen += [c["id"] for c in g["items"]]
        link, pages = g["next"], pages + 1
    assert seen == ids
    assert pages == 3
    assert sum(data["counts"].values()) == data["total"] == 7


def test_api_paging_keeps_the_filters(client: TestClient, database: Database) -> None:
    _many(database, 4, owner="Bộ Tài chính")
    mine = _many(database, 5)
    data = client.get("/api/commitments", params={"owner": "công an", "limit": 2, "status": "open"}).json()
    due, g = data["groups"]  # "open" keeps due and upcoming
    assert (due["key"], due["total"], due["items"], due["next"]) == ("due", 0, [], None)
    assert g["key"] == "upcoming"
    assert g["total"] == 5
    nxt = client.get(g["next"]).json()
    assert [c["id"] for c in nxt["groups"][0]["items"]] == mine[2:4]
    assert nxt["owner"] == "công an"
    assert client.get("/api/commitments", params={"status": "resolved"}).json()["groups"] == [
        {
            "key": "resolved",
            "statuses": ["met", "met_late", "missed", "dropped"],
            "total": 0,
            "offset": 0,
            "limit": 25,
            "items": [],
            "months": [],
            "on_index": None,
            "next": None,
            "prev": None,
        }
    ]


@pytest.mark.parametrize(
    "params", [{"group": "soon"}, {"limit": 0}, {"limit": 201}, {"offset": -1, "group": "due"}]
)
def test_bad_paging_is_refused(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/commitments", params=params).status_code == 422


@pytest.mark.parametrize(
    ("headers", "more", "showing", "whole"),
    [
        (EN, "More: Upcoming", "Showing 26–30 of 30", "Whole board"),
        (VI, "Xem thêm: Sắp tới", "Đang xem 26–30 trên 30", "Toàn bộ bảng hạn"),
    ],
)
def test_board_html_shows_groups_with_a_more_link_in_both_languages(
    client: TestClient, database: Database, headers: dict[str, str], more: str, showing: str, whole: str
) -> None:
    import re

    ids = _many(database, 30)
    html = client.get("/deadlines", headers=headers).text
    assert html.count('class="cm ') == 25  # one page of the group, not the whole board
    assert f"#{ids[24]}<" in html
    assert f"#{ids[25]}<" not in html
    # the "more" link is a plain link (reachable with Tab, no tabindex taking it out of the order)
    (link,) = re.findall(r'<a class="more" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link[1].strip() == f"{more} →"
    assert "tabindex" not in html.split('class="more"')[1].split(">")[0]
    href = link[0].replace("&amp;", "&")
    assert href.startswith("/deadlines?")
    assert "group=upcoming" in href
    assert "offset=25" in href
    second = client.get(href, headers=headers).text
    assert second.count('class="cm ') == 5
    assert showing in second
    assert whole in second
    assert 'class="more"' not in second
    assert 'href="/api/commitments?on=' in second
    assert (
        "&group=upcoming&offset=25" in second.split('class="button" href="/api/commitments')[1].split(">")[0]
    )
    assert "← " in second.split('<nav class="pager"')[1]  # a link back to the previous page
