"""The dashboard and its JSON twin: latest values by programme, sparklines, deadlines, reviews waiting."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from chiso.services import review
from chiso.store.db import Database
from chiso.web.pages.dashboard import SparkPoint, sparkline
from tests.browser.tracked_data import PENDING, SLUG, build

VI = {"Accept-Language": "vi"}
EN = {"Accept-Language": "en"}


def _row(data: dict, slug: str = SLUG) -> dict:  # type: ignore[type-arg]
    return next(r for g in data["groups"] for r in g["rows"] if r["slug"] == slug)


def test_empty_dashboard_invites_to_add_a_report(client: TestClient) -> None:
    r = client.get("/", headers=EN)
    assert r.status_code == 200
    assert "No figures tracked yet" in r.text
    data = client.get("/api/dashboard").json()
    assert data["groups"] == []
    assert data["indicators_with_data"] == 0
    assert data["overdue"] == []
    assert data["awaiting_review"] == []


def test_json_twin_has_latest_value_change_and_sources(client: TestClient, database: Database) -> None:
    build(database)
    data = client.get("/api/dashboard", params={"on": "2026-02-01"}).json()
    row = _row(data)
    # The target the commitment states (80 million, end of 2026) is not the latest observed value.
    assert row["ref_date"] == "2025-06-30"
    assert row["value"] in (58_000_000, 61_000_000)
    assert row["previous_value"] == 55_000_000
    assert row["previous_date"] == "2024-12-31"
    assert row["change"] == row["value"] - 55_000_000
    assert row["source_count"] == 1
    assert row["spark"] is not None
    assert len(row["recent"]) == 2
    group = next(g for g in data["groups"] if any(r["slug"] == SLUG for r in g["rows"]))
    assert group["programme"] == "Project 06"
    assert group["programme_vi"]
    assert data["awaiting_review"][0]["title"] == PENDING[0]
    assert data["pending_mentions"] >= 1


def test_accepted_figure_shows_with_its_qualifier_in_each_language(
    client: TestClient, database: Database
) -> None:
    world = build(database)
    review.accept(database, world.pending_mention_id, indicator=SLUG, actor="test")
    vi = client.get("/", params={"on": "2026-02-01"}, headers=VI).text
    en = client.get("/", params={"on": "2026-02-01"}, headers=EN).text
    assert "&gt; 70.000.000" in vi
    assert "31/12/2025" in vi
    assert "&gt; 70,000,000" in en
    assert "31 Dec 2025" in en
    assert f'href="/indicators/{SLUG}"' in vi
    assert '<svg class="spark up"' in vi
    assert "<polyline points=" in vi


@pytest.mark.parametrize(
    ("on", "section", "expected"),
    [
        ("2026-12-15", "Due soon", "16 days left"),
        ("2027-01-10", "Overdue", "10 days late"),
    ],
)
def test_commitments_overdue_and_due_soon(
    client: TestClient, database: Database, on: str, section: str, expected: str
) -> None:
    build(database)
    data = client.get("/api/dashboard", params={"on": on}).json()
    key = "due_soon" if section == "Due soon" else "overdue"
    assert data[f"{key}_count"] == 1
    assert data[key][0]["owner"] == "Bộ Công an"
    html = client.get("/", params={"on": on}, headers=EN).text
    assert expected in html


def test_bad_date_is_a_clear_error(client: TestClient) -> None:
    r = client.get("/api/dashboard", params={"on": "tomorrow"})
    assert r.status_code == 422
    assert r.json()["ok"] is False


@pytest.mark.parametrize(
    ("values", "trend"),
    [
        ([1, 2, 3], "up"),
        ([3, 2, 1], "down"),
        ([5, 5], "flat"),
        ([1, 9, 1], "flat"),
    ],
)
def test_sparkline_scales_into_its_box(values: list[float], trend: str) -> None:
    points = [SparkPoint(date=date(2025, 1 + i, 1), value=v) for i, v in enumerate(values)]
    spark = sparkline(points)
    assert spark is not None
    assert spark.trend == trend
    coords = [tuple(map(float, xy.split(","))) for xy in spark.polyline.split()]
    assert len(coords) == len(values)
    assert all(0 <= x <= spark.width and 0 <= y <= spark.height for x, y in coords)
    assert coords[0][0] < coords[-1][0]
    assert (spark.last_x, spark.last_y) == coords[-1]


def test_sparkline_needs_two_points() -> None:
    assert sparkline([]) is None
    assert sparkline([SparkPoint(date=date(2025, 1, 1), value=1)]) is None
