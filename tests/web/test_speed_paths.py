"""The set-based read paths behind the dashboard, indicator list and observation API agree with
the whole-series rules they replaced, and the pages show what they add (conflict flags, pages)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chiso.services import observations
from chiso.services.indicators import catalogue as indicators
from chiso.store.db import Database
from chiso.web.pages.dashboard import SPARK_POINTS
from chiso.web.pages.indicators import latest_row
from tests.browser.tracked_data import SLUG, build

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}


@pytest.mark.parametrize("recent", [0, 1, 2, SPARK_POINTS])
def test_latest_agrees_with_the_series(database: Database, recent: int) -> None:
    build(database)
    rows = observations.latest(database, recent=recent)
    assert rows == observations.latest(database, [r.indicator.slug for r in rows], recent=recent)
    for lr in rows:
        ind = indicators.get_indicator(database, lr.indicator.slug)
        points = observations.series(database, ind.slug).points
        whole = latest_row(ind, points)
        assert whole is not None
        assert (lr.value, lr.ref_date, lr.source_count, lr.points, lr.previous_value, lr.change) == (
            whole.value,
            whole.ref_date,
            whole.source_count,
            whole.points,
            whole.previous_value,
            whole.change,
        )
        expected = [(p.date, p.value) for p in whole.recent][-recent:] if recent else []
        assert [(p.date, p.value) for p in lr.recent] == expected
        kinds = sorted({c.kind for c in observations.find_conflicts(points, {ind.slug: ind.measure})})
        assert lr.conflicts == kinds


def test_latest_of_no_indicator_is_empty(database: Database) -> None:
    build(database)
    assert observations.latest(database, []) == []


def test_tracked_groups_indicators_with_data_by_programme(database: Database) -> None:
    assert observations.tracked(database).programmes == []
    build(database)
    tracked = observations.tracked(database)
    assert tracked.indicators == len(indicators.list_indicators(database))
    assert SLUG in tracked.slugs
    assert tracked.slugs == {r.indicator.slug for r in observations.latest(database)}


def test_dashboard_flags_an_indicator_with_a_conflict(client: TestClient, database: Database) -> None:
    build(database)
    data = client.get("/api/dashboard", params={"on": "2026-02-01"}).json()
    row = next(r for g in data["groups"] for r in g["rows"] if r["slug"] == SLUG)
    assert row["conflicts"] == ["contradiction"]
    for headers, word in ((EN, "Conflict"), (VI, "Xung đột")):
        html = client.get("/", params={"on": "2026-02-01"}, headers=headers).text
        assert f'class="conflict-flag" href="/indicators/{SLUG}#conflicts"' in html
        assert f'aria-label="{word}: ' in html
    assert 'id="conflicts"' in client.get(f"/indicators/{SLUG}", headers=EN).text
    listed = client.get("/indicators", headers=EN).text
    assert f'class="conflict-flag" href="/indicators/{SLUG}#conflicts"' in listed


@pytest.mark.parametrize(("headers", "label"), [(EN, "Indicators"), (VI, "Chỉ số")])
def test_nav_links_to_the_indicators(client: TestClient, headers: dict[str, str], label: str) -> None:
    html = client.get("/", headers=headers).text
    assert f'<a href="/indicators">{label}</a>' in html
    assert (
        f'<a href="/indicators" aria-current="page">{label}</a>'
        in client.get("/indicators", headers=headers).text
    )


def test_indicator_list_pages_through_the_catalogue(client: TestClient, database: Database) -> None:
    build(database)
    everything = client.get("/api/indicators").json()
    total = everything["total"]
    assert total == len(indicators.list_indicators(database)) > 3
    assert everything["rows"][0]["indicator"]["slug"] == SLUG  # with data first
    first = client.get("/api/indicators", params={"limit": 2}).json()
    assert [r["indicator"]["slug"] for r in first["rows"]] == [
        r["indicator"]["slug"] for r in everything["rows"][:2]
    ]
    assert first["prev_url"] is None
    assert "offset=2" in first["next_url"]
    last = client.get("/api/indicators", params={"limit": 2, "offset": total - 1}).json()
    assert len(last["rows"]) == 1
    assert last["next_url"] is None
    assert "offset=" in last["prev_url"]
    html = client.get("/indicators", params={"limit": 2}, headers=EN).text
    assert 'rel="next"' in html


def test_observation_api_pages_in_sql_like_the_whole_list(client: TestClient, database: Database) -> None:
    build(database)
    whole = [o.model_dump(mode="json") for o in observations.list_observations(database)]
    seen = []
    url: str | None = "/api/observations?limit=2"
    while url:
        page = client.get(url).json()
        assert page["total"] == len(whole)
        seen += page["items"]
        url = page["next"]
    assert seen == whole
    only = client.get("/api/observations", params={"qualifier": "more_than", "target": "false"}).json()
    assert only["items"]
    assert all(o["qualifier"] == "more_than" and not o["is_target"] for o in only["items"])
    assert only["total"] == sum(1 for o in whole if o["qualifier"] == "more_than" and not o["is_target"])
