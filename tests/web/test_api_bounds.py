"""Requests that reached the database with values it cannot take, and got a 500 (issue 12,
item 18): each is a 4xx in the one JSON error shape now, on both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chiso.store.db import Database
from tests.web.helpers import add, first

BIG = [2**31, 2**63]


def _error(r: object, status: int) -> None:
    body = r.json()  # type: ignore[attr-defined]
    assert r.status_code == status, body  # type: ignore[attr-defined]
    assert set(body) == {"ok", "error", "status", "code", "params"}
    assert (body["ok"], body["status"]) == (False, status)


@pytest.mark.parametrize("n", BIG)
def test_ids_past_the_databases_integers_are_not_found(client: TestClient, n: int) -> None:
    for path in (f"/api/reports/{n}", f"/api/mentions/{n}", f"/api/indicators/{n}"):
        _error(client.get(path), 404)
    # Routes without a bound of their own are caught by the app's handler: a 400, never a 500.
    for path in (f"/reports/{n}?format=json", f"/api/commitments/{n}", f"/mentions/{n}/panel?format=json"):
        r = client.get(path)
        _error(r, r.status_code)
        assert r.status_code in (400, 404)


@pytest.mark.parametrize("n", BIG)
def test_offsets_past_the_databases_integers_are_refused(client: TestClient, n: int) -> None:
    for path in ("/api/reports", "/api/mentions", "/api/review"):
        _error(client.get(f"{path}?offset={n}"), 422)
    _error(client.get(f"/api/mentions?report_id={n}"), 422)


def test_a_nul_in_a_search_is_a_4xx_on_the_api_and_the_pages(client: TestClient, database: Database) -> None:
    add(database)
    r = client.get("/api/search", params={"q": "a\x00"})
    assert r.status_code < 500
    if r.status_code >= 400:
        _error(r, r.status_code)
    page = client.get("/search", params={"q": "a\x00"})
    assert page.status_code < 500
    listing = client.get("/api/reports", params={"q": "a\x00"})
    assert listing.status_code < 500


def test_a_nul_in_report_text_or_metadata_is_refused(signed_in: TestClient) -> None:
    _error(signed_in.post("/api/reports", json={"text": "Có 3 triệu\x00 tài khoản."}), 400)
    _error(signed_in.post("/api/reports", json={"text": "Có 3 triệu tài khoản.", "title": "a\x00"}), 400)


def test_a_publisher_over_its_column_is_refused(signed_in: TestClient) -> None:
    r = signed_in.post("/api/reports", json={"text": "Có 3 triệu tài khoản.", "publisher": "x" * 301})
    _error(r, 400)
    assert r.json()["error"] == "publisher: at most 300 characters (this one has 301)"


def test_is_target_cannot_be_cleared(signed_in: TestClient, database: Database) -> None:
    mid = first(add(database))
    r = signed_in.post(f"/api/mentions/{mid}/edit", json={"is_target": None})
    _error(r, 422)
    assert "is_target" in r.json()["error"]
    ok = signed_in.post(f"/api/mentions/{mid}/edit", json={"is_target": True})
    assert ok.status_code == 200, ok.text
