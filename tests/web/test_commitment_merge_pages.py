"""One promise, one commitment, in the web app: `a` on a deadline with a suggested commitment
links to it (a new commitment is the separate `n`), merging from the commitment page and the
API, the merged page's redirect, and the list of likely duplicates."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from chiso.services import commitments, review
from chiso.services.schemas import ReportDetail
from chiso.store.db import Database
from tests.web.helpers import add, first

HX = {"HX-Request": "true"}
AGAIN = (
    "Tòa soạn khác đưa tin: Bộ Công an phấn đấu chậm nhất hết quý II/2025 hoàn thành kết nối "
    "20 cơ sở dữ liệu chuyên ngành.\n"
)


@pytest.fixture
def restated(database: Database) -> tuple[int, int]:
    """A commitment made from one report, and a pending deadline in another that restates it."""
    one = add(database)
    made = review.accept(database, first(one, "deadline"), actor="lan")
    assert made.commitment_id is not None
    two: ReportDetail = add(database, AGAIN, title="Bản tin thứ hai")
    return made.commitment_id, first(two, "deadline")


def _button_with_key(html: str, key: str) -> str:
    """The form holding the button with ``aria-keyshortcuts=key``."""
    for form in re.findall(r"<form\b.*?</form>", html, flags=re.S):
        if f'aria-keyshortcuts="{key}"' in form:
            return str(form)
    raise AssertionError(f"no button with key {key}")


def test_a_on_a_restated_deadline_links_to_the_suggested_commitment(
    signed_in: TestClient, restated: tuple[int, int]
) -> None:
    cid, mid = restated
    html = signed_in.get(f"/mentions/{mid}/panel", headers=HX).text
    accept = _button_with_key(html, "a")
    assert f'name="commitment" value="{cid}"' in accept
    new = _button_with_key(html, "n")
    assert 'name="commitment" value="new"' in new
    assert html.count('aria-keyshortcuts="a"') == 1


def test_a_deadline_without_suggestion_is_a_new_commitment_with_a(
    signed_in: TestClient, database: Database
) -> None:
    mid = first(add(database), "deadline")
    html = signed_in.get(f"/mentions/{mid}/panel", headers=HX).text
    assert 'name="commitment" value="new"' in _button_with_key(html, "a")
    assert 'aria-keyshortcuts="n"' not in html


def test_queue_row_offers_the_suggested_commitment_first(
    signed_in: TestClient, restated: tuple[int, int]
) -> None:
    cid, mid = restated
    html = signed_in.get("/review", params={"kind": "deadline"}).text
    row = re.search(rf'<li id="row-{mid}".*?</li>', html, flags=re.S)
    assert row is not None
    options = re.findall(r'<option value="([^"]+)"', row.group(0))
    assert options[0] == str(cid)
    assert options[-1] == "new"


def _two_commitments(database: Database, restated: tuple[int, int]) -> tuple[int, int]:
    cid, mid = restated
    other = review.accept(database, mid, new_commitment=True, actor="lan").commitment_id
    assert other is not None
    assert other != cid
    return cid, other


def test_duplicates_page_and_merge_button(
    signed_in: TestClient, database: Database, restated: tuple[int, int]
) -> None:
    keep, other = _two_commitments(database, restated)
    html = signed_in.get("/commitments/duplicates").text
    assert f'href="/commitments/{keep}"' in html
    assert f'href="/commitments/{other}"' in html
    assert f'action="/commitments/{keep}/merge"' in html
    api = signed_in.get("/api/commitments/duplicates").json()
    assert [(p["first"]["id"], p["second"]["id"]) for p in api["pairs"]] == [(keep, other)]
    page = signed_in.get(f"/commitments/{keep}").text
    assert f'action="/commitments/{keep}/merge"' in page
    r = signed_in.post(f"/commitments/{keep}/merge", data={"other": f"#{other}"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/commitments/{keep}?done=merged"  # the page confirms it
    assert commitments.merged_target(database, other) == keep
    assert "/commitments/duplicates" in signed_in.get("/deadlines").text
    assert signed_in.get("/api/commitments/duplicates").json()["pairs"] == []


def test_merged_commitment_redirects(
    client: TestClient, database: Database, restated: tuple[int, int]
) -> None:
    keep, other = _two_commitments(database, restated)
    commitments.merge(database, keep, other, actor="lan")
    r = client.get(f"/commitments/{other}", params={"on": "2025-05-01"}, follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == f"/commitments/{keep}?on=2025-05-01"
    body = client.get(f"/api/commitments/{other}").json()
    assert body["commitment"]["id"] == keep
    assert body["redirected_from"] == other
    assert body["commitment"]["merged_from"] == [other]
    assert [c["id"] for c in client.get("/api/commitments").json()["commitments"]] == [keep]


def test_accept_without_a_choice_links_to_the_top_suggestion(
    signed_in: TestClient, database: Database, restated: tuple[int, int]
) -> None:
    cid, mid = restated
    r = signed_in.post(f"/api/mentions/{mid}/accept", json={})
    assert r.status_code == 200, r.text
    assert (r.json()["commitment_id"], r.json()["commitment_created"]) == (cid, False)
    signed_in.post(f"/api/mentions/{mid}/reopen")
    r = signed_in.post(f"/api/mentions/{mid}/accept", json={"new_commitment": True})
    assert r.json()["commitment_created"] is True
    signed_in.post(f"/api/mentions/{mid}/reopen")
    r = signed_in.post(f"/api/mentions/{mid}/accept", json={"new_commitment": True, "commitment_id": cid})
    assert r.status_code == 400


def test_api_merge(app: object, signed_in: TestClient, database: Database, restated: tuple[int, int]) -> None:
    keep, other = _two_commitments(database, restated)
    with TestClient(app) as visitor:  # type: ignore[arg-type]
        assert visitor.post(f"/api/commitments/{keep}/merge", json={"other_id": other}).status_code == 401
    r = signed_in.post(f"/api/commitments/{keep}/merge", json={"other_id": other})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == keep
    again = signed_in.post(f"/api/commitments/{keep}/merge", json={"other_id": other})
    assert again.status_code == 409
    assert again.json()["ok"] is False
    assert signed_in.post(f"/api/commitments/{keep}/merge", json={"other_id": keep}).status_code == 400
    assert signed_in.post(f"/api/commitments/{keep}/merge", json={"other_id": 9999}).status_code == 404
