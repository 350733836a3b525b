"""The board for a past day, in the web app: only what was promised by then, with the due dates
of then, and the page says so ("as known on …") in both languages."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from chiso.store.db import Database
from tests.browser.tracked_data import build


def test_a_board_before_the_promise_was_made_is_empty_and_says_as_known(
    client: TestClient, database: Database
) -> None:
    build(database)  # the promise was first stated in a report of 10 January 2025
    data = client.get("/api/commitments", params={"on": "2024-01-15"}).json()
    assert data["commitments"] == []
    assert data["as_known"] is True
    html = client.get("/deadlines", params={"on": "2024-01-15"}, headers={"Accept-Language": "en"}).text
    assert "As known on" in html
    assert "15 Jan 2024" in html
    vi = client.get("/deadlines", params={"on": "2024-01-15"}, headers={"Accept-Language": "vi"}).text
    assert "Theo những gì biết đến ngày" in vi
    assert "15/01/2024" in vi


def test_a_board_after_the_promise_lists_it_as_known_then(client: TestClient, database: Database) -> None:
    world = build(database)
    data = client.get("/api/commitments", params={"on": "2025-01-10"}).json()
    (row,) = data["commitments"]
    assert (row["id"], row["as_known_on"], row["stated_on"]) == (
        world.commitment_id,
        "2025-01-10",
        "2025-01-10",
    )
    today = client.get("/api/commitments", params={"on": date.today().isoformat()}).json()
    assert today["as_known"] is False
    assert today["commitments"][0]["as_known_on"] is None
    assert "As known on" not in client.get("/deadlines", headers={"Accept-Language": "en"}).text
