"""The owners pages (issue 15, item 5) and the progress badge on the board and the indicator page
(item 6): ranking, numbers linking to the board filtered by owner, the CSV, both languages."""

from __future__ import annotations

import csv
import io
from datetime import date

from fastapi.testclient import TestClient

from chiso.store.db import Database
from tests.services.test_owners import seed_owners
from tests.services.test_target_progress import seed

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}


def test_owners_ranking_api_and_html(client: TestClient, database: Database) -> None:
    seed_owners(database)
    data = client.get("/api/owners").json()
    assert [o["slug"] for o in data["owners"]][:4] == [
        "bo-y-te",
        "bo-cong-an",
        "ubnd-tp-ha-noi",
        "ubnd-tinh-lam-dong",
    ]
    assert data["unowned"] == 1
    html = client.get("/owners", headers=VI).text
    assert "Ai giữ lời hứa" in html
    # each number is a link to the board filtered to the owner
    assert 'href="/deadlines?owner_slug=bo-cong-an&status=met&on=' in html
    assert 'href="/deadlines?owner_slug=bo-cong-an&status=overdue&on=' in html
    assert html.index("Bộ Y tế") < html.index("Bộ Công an") < html.index("UBND TP Hà Nội")
    en = client.get("/owners", headers=EN).text
    assert "Who keeps promises" in en
    assert "Ministry of Public Security" in en


def test_the_board_link_keeps_one_owner(client: TestClient, database: Database) -> None:
    seed_owners(database)
    data = client.get("/api/commitments", params={"owner_slug": "bo-cong-an", "status": "met"}).json()
    assert data["owner_slug"] == "bo-cong-an"
    assert len(data["commitments"]) == 3
    assert {c["owner"] for c in data["commitments"]} == {"Bộ Công an", "BCA"}
    html = client.get("/deadlines", params={"owner_slug": "bo-cong-an"}, headers=EN).text
    assert 'name="owner_slug" value="bo-cong-an"' in html


def test_one_owner_page(client: TestClient, database: Database) -> None:
    seed_owners(database)
    data = client.get("/api/owners/bo-cong-an").json()
    assert (data["owner"]["made"], data["owner"]["kept_on_time"]) == (7, 0.5)
    html = client.get("/owners/bo-cong-an", headers=EN).text
    assert "BCA, Bộ Công an" in html
    assert "How these numbers are counted" in html
    assert client.get("/api/owners/khong-ai").status_code == 404


def test_owners_csv(client: TestClient, database: Database) -> None:
    seed_owners(database)
    got = client.get("/owners.csv")
    assert got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert rows[1]["slug"] == "bo-cong-an"
    assert (rows[1]["rank"], rows[1]["made"], rows[1]["kept_on_time"]) == ("2", "7", "0.5")
    assert rows[-1]["kept_on_time"] == ""


def test_progress_badge_on_the_board_and_the_indicator(client: TestClient, database: Database) -> None:
    seed(
        database,
        measure="cumulative",
        points=[(date(2020, 1, 1), 100), (date(2022, 1, 1), 121)],
        target=174.9,
        due=date(2024, 1, 1),
    )
    html = client.get("/deadlines", params={"on": "2023-06-01"}, headers=EN).text
    assert '<details class="progress pg-needs_acceleration">' in html
    assert "needs acceleration" in html
    # the computation is in the badge's title and in the details' text
    assert 'title="From 100 on' in html
    assert "Compound annual growth of the level" in html
    vi = client.get("/deadlines", params={"on": "2023-06-01"}, headers=VI).text
    assert "cần tăng tốc" in vi
    api = client.get("/api/commitments", params={"on": "2023-06-01"}).json()
    assert api["commitments"][0]["progress"]["category"] == "needs_acceleration"
    page = client.get("/indicators/chi-so", headers=EN).text
    assert "pg-needs_acceleration" in page


def test_review_panel_suggests_the_owner_and_takes_a_correction(
    signed_in: TestClient, database: Database
) -> None:
    from chiso.services import commitments
    from tests.web.helpers import add, first

    mid = first(add(database), "deadline")
    html = signed_in.get(f"/mentions/{mid}/panel", headers=EN).text
    assert f'<input id="owner-{mid}" name="owner" value="Bộ Công an"' in html
    assert "named in its sentence" in html
    r = signed_in.post(
        f"/mentions/{mid}/accept",
        data={"commitment": "new", "owner": "Bộ Khoa học và Công nghệ"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200, r.text
    (row,) = commitments.list_deadlines(database, on=date.today())
    assert row.owner == "Bộ Khoa học và Công nghệ"


def test_no_owner_yet(client: TestClient) -> None:
    html = client.get("/owners", headers=EN).text
    assert "No commitment has an owner yet." in html
    assert client.get("/api/owners").json()["owners"] == []
