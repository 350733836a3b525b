"""The audit log as a page (/history, /api/history): signed in only, filtered, paged, linked."""

from __future__ import annotations

import re
import warnings

from chiso.services import review
from chiso.services.users import accounts as users
from chiso.store.db import Database
from tests.web import helpers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_the_public_is_sent_to_sign_in(client: TestClient) -> None:
    r = client.get("/history?entity=report&id=1", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/history%3Fentity%3Dreport%26id%3D1"
    assert client.get("/api/history").status_code == 401


def test_a_decision_shows_with_its_link_and_its_change(signed_in: TestClient, database: Database) -> None:
    report = helpers.add(database)
    mention = next(m for m in report.mentions if m.kind == "figure")
    review.reject(database, mention.id, actor="biên-tập", reason="trùng")
    page = signed_in.get("/history")
    assert page.status_code == 200
    row = re.search(r'<li class="card" data-event="\d+">(.*?)</li>\s*(?=<li class="card"|</ol>)', page.text, re.S)
    assert row is not None
    newest = row.group(1)
    assert f'href="/reports/{report.id}#m{mention.id}"' in newest
    assert "mention.reject" in newest
    assert "<del>pending</del> → <ins>rejected</ins>" in newest
    api = signed_in.get("/api/history", params={"entity": "mention", "id": mention.id}).json()
    assert [e["action"] for e in api["entries"]] == ["mention.reject"]
    assert {"field": "state", "before": "pending", "after": "rejected"} in api["entries"][0]["changes"]
    assert api["entries"][0]["link"] == f"/reports/{report.id}#m{mention.id}"
    # the reader links to its report's history
    assert f'href="/history?entity=report&amp;id={report.id}"' in signed_in.get(f"/reports/{report.id}").text


def test_filters_and_pages(signed_in: TestClient, database: Database) -> None:
    for i in range(5):
        users.add_user(database, f"người-{i}", "viewer", "một mật khẩu dài", actor="quản-trị" if i % 2 else "cli")
    first = signed_in.get("/api/history", params={"entity": "user", "limit": 2}).json()
    names = [e["after"]["name"] for e in first["entries"]]
    assert names == ["người-4", "người-3"]
    assert first["next_url"].startswith("/api/history?")
    assert "before=" in first["next_url"]
    second = signed_in.get(first["next_url"]).json()
    assert [e["after"]["name"] for e in second["entries"]] == ["người-2", "người-1"]
    assert second["first_url"] == "/api/history?entity=user&limit=2"
    third = signed_in.get(second["next_url"]).json()
    # the last page: the first account (the signed-in editor's) and no further link
    assert [e["after"]["name"] for e in third["entries"]] == ["người-0", "biên-tập"]
    assert third["next_url"] is None
    by_actor = signed_in.get("/api/history", params={"actor": "quản-trị"}).json()
    assert sorted(e["after"]["name"] for e in by_actor["entries"]) == ["người-1", "người-3"]
    assert signed_in.get("/api/history", params={"action": "mention."}).json()["entries"] == []
    html = signed_in.get("/history", params={"entity": "user", "limit": 2})
    assert 'rel="next"' in html.text
    assert "người-4" in html.text
    assert "người-2" not in html.text
    future = signed_in.get("/api/history", params={"since": "2999-01-01"}).json()
    assert future["entries"] == []
    assert future["next_url"] is None


def test_bad_filters_are_refused(signed_in: TestClient) -> None:
    assert signed_in.get("/api/history", params={"since": "hôm qua"}).status_code == 400
    assert signed_in.get("/api/history", params={"id": "abc"}).status_code == 400
    # the page's empty form fields are no filter at all
    assert signed_in.get("/history", params={"id": "", "since": "", "until": "", "entity": ""}).status_code == 200
