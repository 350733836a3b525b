"""Indicator list and page, downloads with citation columns, and /api/observations."""

from __future__ import annotations

import csv
import importlib
import io
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from chiso.services import review
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.browser.tracked_data import SLUG, add, build

EN = {"Accept-Language": "en"}


def test_list_has_every_indicator_and_filters_by_programme(client: TestClient, database: Database) -> None:
    build(database)
    data = client.get("/api/indicators").json()
    assert len(data["rows"]) >= 30
    assert data["with_data"] == 1
    row = next(r for r in data["rows"] if r["indicator"]["slug"] == SLUG)
    assert row["latest"]["ref_date"] == "2025-06-30"
    only = client.get("/api/indicators", params={"programme": "Project 06"}).json()
    assert 0 < len(only["rows"]) < len(data["rows"])
    assert {r["indicator"]["programme"] for r in only["rows"]} == {"Project 06"}
    html = client.get("/indicators", params={"programme": "Project 06"}, headers=EN).text
    assert 'aria-current="true">Project 06' in html
    assert f'href="/indicators/{SLUG}"' in html


def test_json_twin_has_points_sources_conflicts_and_target(client: TestClient, database: Database) -> None:
    world = build(database)
    data = client.get(f"/api/indicators/{SLUG}").json()
    assert data["indicator"]["slug"] == SLUG
    points = data["observations"]
    assert [p["ref_date"] for p in points] == ["2024-12-31", "2025-06-30", "2025-06-30", "2026-12-31"]
    assert [p["is_target"] for p in points] == [False, False, False, True]
    assert all(p["sources"][0]["report_id"] in world.report_ids for p in points)
    assert [c["kind"] for c in data["conflicts"]] == ["contradiction"]
    assert len(data["conflict_ids"]) == 2
    (target,) = data["targets"]
    assert target["value"] == 80_000_000
    assert target["due_end"] == "2026-12-31"
    assert target["href"] == f"/commitments/{world.commitment_id}"
    assert data["latest"]["previous_value"] == 55_000_000


def test_page_links_every_point_to_its_quote(client: TestClient, database: Database) -> None:
    build(database)
    html = client.get(f"/indicators/{SLUG}", headers=EN).text
    assert 'id="chart"' in html
    assert 'data-points="4"' in html
    assert "/static/vendor/uPlot.iife.min.js" in html
    assert "/static/chart.js" in html
    hrefs = re.findall(r'data-href="(/reports/\d+#m\d+)"', html)
    assert len(hrefs) == 4
    for href in hrefs:
        path, anchor = href.split("#")
        assert client.get(path).status_code == 200
        assert f'id="{anchor}"' in client.get(path).text
    assert html.count("data-conflict") == 2
    assert 'data-target-value="80000000.0"' in html
    assert "Download CSV" in html
    assert f'href="/indicators/{SLUG}.csv"' in html


def test_empty_series_explains_how_to_start(client: TestClient, database: Database) -> None:
    build(database)
    html = client.get("/indicators/vneid-utilities", headers=EN).text
    assert "No observations yet" in html
    assert 'id="chart"' not in html


def test_unknown_indicator_is_a_friendly_404(client: TestClient) -> None:
    r = client.get("/indicators/no-such-thing", headers=EN)
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"]
    assert "Traceback" not in r.text
    api = client.get("/api/indicators/no-such-thing")
    assert api.status_code == 404
    assert api.json() == {
        "ok": False,
        "error": api.json()["error"],
        "status": 404,
        "code": "no_such_indicator",
        "params": {"slug": "no-such-thing"},
    }
    assert client.get("/indicators/no-such-thing.csv").status_code == 404


def test_csv_download_has_citation_columns(client: TestClient, database: Database) -> None:
    build(database)
    r = client.get(f"/indicators/{SLUG}.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert f'filename="{SLUG}.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4
    for col in ("source_url", "report_title", "publisher", "published_on", "quote", "licence"):
        assert col in rows[0]
    assert {row["publisher"] for row in rows} == {"Tòa soạn thử"}
    assert any("61 triệu" in row["quote"] for row in rows)


def test_json_download_matches_csv(client: TestClient, database: Database) -> None:
    build(database)
    r = client.get(f"/indicators/{SLUG}.json")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    data = r.json()
    assert len(data) == 4
    assert {d["indicator"] for d in data} == {SLUG}


def test_observations_api_filters_and_pages(client: TestClient, database: Database) -> None:
    build(database)
    page = client.get("/api/observations", params={"indicator": SLUG, "limit": 2}).json()
    assert page["total"] == 4
    assert len(page["items"]) == 2
    assert page["offset"] == 0
    assert page["next"]
    assert "cursor=" in page["next"]  # a keyset: the next page starts after this one's last row
    rest = client.get(page["next"]).json()
    assert len(rest["items"]) == 2
    assert rest["next"] is None
    ids = [o["id"] for o in page["items"] + rest["items"]]
    assert len(set(ids)) == 4
    june = client.get("/api/observations", params={"from": "2025-06-01", "to": "2025-06-30"}).json()
    assert june["total"] == 2
    targets = client.get("/api/observations", params={"target": "true"}).json()
    assert [o["value"] for o in targets["items"]] == [80_000_000]
    assert client.get("/api/observations", params={"programme": "Resolution 57"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"indicator": "no-such-thing"}, 404),
        ({"from": "2025-07-01", "to": "2025-01-01"}, 400),
        ({"limit": 0}, 422),
        ({"from": "July"}, 422),
        ({"cursor": "not-a-cursor"}, 400),
        ({"cursor": "W10"}, 400),
        # a well-formed cursor whose id is past what a database integer holds
        ({"cursor": "WyJhIiwgIjIwMjUtMDEtMDEiLCBmYWxzZSwgMSwgOTIyMzM3MjAzNjg1NDc3NTgwOCwgMV0"}, 400),
        ({"offset": 2**63}, 422),
    ],
)
def test_observations_api_errors(client: TestClient, params: dict[str, object], status: int) -> None:
    """Bad filters and bad cursors are 4xx in the one error shape."""
    r = client.get("/api/observations", params=params)  # type: ignore[arg-type]
    assert r.status_code == status
    assert r.json()["ok"] is False
    assert r.json()["status"] == status


def test_source_text_is_escaped(client: TestClient, database: Database) -> None:
    build(database)
    rid = add(
        database,
        "<script>alert(1)</script>",
        date(2025, 9, 2),
        "Tính đến ngày 1/9/2025, <img src=x onerror=alert(1)> đã có hơn 63 triệu tài khoản định danh điện tử.\n",
    )
    m = next(m for m in reports.get_report(database, rid).mentions if m.kind == "figure")
    review.accept(database, m.id, indicator=SLUG, actor="test")
    html = client.get(f"/indicators/{SLUG}").text
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_a_source_url_that_is_not_a_web_address_is_not_a_link(
    client: TestClient, database: Database, url: str
) -> None:
    """Only http(s) URLs become links on the indicator page's source list (the reader did this
    already; the indicator page linked whatever a report's URL said)."""
    from chiso.ingest.files import read_pasted

    build(database)
    doc = read_pasted(
        "Tính đến ngày 2/9/2025, đã có hơn 64 triệu tài khoản định danh điện tử được kích hoạt.\n",
        max_bytes=1_000_000,
    )
    rid = reports.add_report(database, doc, url=url, published=date(2025, 9, 3), actor="test").report_id
    m = next(m for m in reports.get_report(database, rid).mentions if m.kind == "figure")
    review.accept(database, m.id, indicator=SLUG, actor="test")
    html = client.get(f"/indicators/{SLUG}").text
    assert "64" in html
    assert not re.search(r'href="\s*(javascript|data|vbscript):', html, re.IGNORECASE)


def test_observation_pages_by_cursor_and_by_offset_agree(client: TestClient, database: Database) -> None:
    """Old clients page with offset; the next links page with a cursor; both list every row once,
    in the same order, and the cursor carries the first page's total."""
    build(database)
    by_offset = []
    offset = 0
    while True:
        page = client.get("/api/observations", params={"limit": 3, "offset": offset}).json()
        by_offset += page["items"]
        if not page["items"]:
            break
        offset += 3
    by_cursor = []
    url: str | None = "/api/observations?limit=3"
    pages = 0
    while url:
        page = client.get(url).json()
        by_cursor += page["items"]
        assert page["total"] == len(by_offset)
        url = page["next"]
        pages += 1
    assert by_cursor == by_offset
    assert pages == -(-len(by_offset) // 3)


def test_the_last_page_and_prev_links_walk_the_rows_backwards(client: TestClient, database: Database) -> None:
    """``last=true`` reads the last page from the end (issue 16: the last of a million rows costs
    what the first does); its ``prev`` links walk back to the first page, in the same order."""
    build(database)
    everything = client.get("/api/observations", params={"limit": 1000}).json()["items"]
    assert len(everything) >= 4
    page = client.get("/api/observations", params={"limit": 3, "last": "true"}).json()
    assert page["next"] is None
    assert page["items"] == everything[-3:]
    walked = page["items"]
    url = page["prev"]
    while url:
        page = client.get(url).json()
        walked = page["items"] + walked
        url = page["prev"]
        if url is None:
            assert page["next"] is not None  # the first page still points forwards
    assert walked == everything
    first = client.get("/api/observations", params={"limit": 3}).json()
    assert first["prev"] is None
    second = client.get(first["next"]).json()
    back = client.get(second["prev"]).json()
    assert back["items"] == first["items"]


def test_a_large_total_is_counted_only_so_far(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``COUNT_UPTO`` rows the total is a floor (``total_exact`` false), carried by the cursors."""
    series = importlib.import_module("chiso.services.observations.series")  # the module, not its function
    build(database)
    monkeypatch.setattr(series, "COUNT_UPTO", 2)
    page = client.get("/api/observations", params={"limit": 1}).json()
    assert (page["total"], page["total_exact"]) == (2, False)
    assert client.get(page["next"]).json()["total_exact"] is False
    monkeypatch.setattr(series, "COUNT_UPTO", 10_000)
    page = client.get("/api/observations", params={"limit": 1}).json()
    assert page["total_exact"] is True
    assert page["total"] == len(client.get("/api/observations", params={"limit": 1000}).json()["items"])
