"""Issue 15 item 3: embeds other sites may frame; every other page still refuses frames."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from chiso.config import Settings
from chiso.store.db import Database
from chiso.web.app import create_app
from tests.browser.tracked_data import SLUG, build

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize(
    ("path", "framable"),
    [
        (f"/embed/indicators/{SLUG}", True),
        ("/embed/deadlines", True),
        ("/embed/deadlines?programme=Project+06&owner=B%E1%BB%99", True),
        (f"/indicators/{SLUG}", False),
        ("/deadlines", False),
        ("/", False),
        ("/static/app.css", False),
        ("/embed-not-really", False),
    ],
)
def test_only_embeds_may_be_framed(client: TestClient, database: Database, path: str, framable: bool) -> None:
    build(database)
    r = client.get(path)
    assert r.status_code in (200, 404)
    csp = r.headers["content-security-policy"]
    if framable:
        assert r.status_code == 200
        assert "frame-ancestors *" in csp
        assert "frame-ancestors 'none'" not in csp
        assert "x-frame-options" not in r.headers
    else:
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY"
    # the rest of the policy is the same everywhere
    assert "script-src 'self'" in csp


def test_indicator_embed_has_chart_latest_value_sources_and_link_back(
    client: TestClient, database: Database
) -> None:
    build(database)
    html = client.get(f"/embed/indicators/{SLUG}", params={"lang": "en"}).text
    assert 'lang="en"' in html
    assert 'id="chart"' in html
    assert "/static/chart.js" in html
    assert "/static/vendor/uPlot.iife.min.js" in html
    assert len(re.findall(r'<tr data-obs="\d+"', html)) == 4
    assert "61,000,000" in html  # the latest value
    assert f'href="/indicators/{SLUG}" target="_blank"' in html
    assert "Download PNG" in html
    assert "<form" not in html
    assert "csrf" not in html
    # no navigation of the app inside someone else's page
    assert 'href="/review"' not in html
    assert 'href="/reports"' not in html
    vi = client.get(f"/embed/indicators/{SLUG}", params={"lang": "vi"}, headers=EN).text
    assert 'lang="vi"' in vi
    assert "Tải PNG" in vi


def test_deadline_embed_is_a_compact_board_with_filters(client: TestClient, database: Database) -> None:
    world = build(database)
    html = client.get("/embed/deadlines", params={"lang": "en"}).text
    assert f'href="/commitments/{world.commitment_id}" target="_blank"' in html
    assert "Deadline board" in html
    assert "<form" not in html
    none = client.get("/embed/deadlines", params={"owner": "nobody at all", "lang": "en"}).text
    assert "No commitments match." in none
    assert 'href="/deadlines?owner=nobody%20at%20all"' in none
    data = client.get("/api/embed/deadlines").json()
    assert sum(g["total"] for g in data["groups"]) >= 1


def test_pages_show_the_iframe_code_and_png_button(client: TestClient, database: Database) -> None:
    build(database)
    html = client.get(f"/indicators/{SLUG}", headers=EN).text
    code = re.search(r"<textarea[^>]*data-select-all>(.*?)</textarea>", html, re.S)
    assert code is not None
    assert f'&lt;iframe src="http://testserver/embed/indicators/{SLUG}?lang=en"' in code.group(1)
    assert "data-chart-png" in html
    board = client.get("/deadlines", params={"programme": "Project 06"}, headers=EN).text
    assert "/embed/deadlines?programme=Project%2006&amp;lang=en" in board


def test_embed_code_points_at_the_public_url_behind_a_proxy(
    database: Database, web_settings: Settings
) -> None:
    build(database)
    settings = web_settings.model_copy(update={"public_url": "https://chiso.example.org/"})
    with TestClient(create_app(settings, db=database)) as client:
        html = client.get(f"/indicators/{SLUG}", headers=EN).text
    assert f'&lt;iframe src="https://chiso.example.org/embed/indicators/{SLUG}?lang=en"' in html
