"""Issue 14 item 1: a commitment changed from its page and from the API: resolved, reopened,
edited with a reason, given a target, its proposals confirmed or rejected (there and in the
review queue). Each form answers with a redirect back to the page, which confirms the change; a
refused one shows the page again with the reason in the reader's language."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chiso.services import audit, commitments, review
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.browser.tracked_data import SLUG, World, add, build

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}

#: A later report restating the tracked promise with a later due day (written for these tests).
MOVED = (
    "Bộ Công an điều chỉnh kế hoạch định danh",
    date(2026, 3, 2),
    "Bộ Công an cho biết chậm nhất ngày 30/6/2027 hoàn thành việc kích hoạt "
    "80 triệu tài khoản định danh điện tử.\n",
)


@pytest.fixture
def world(database: Database) -> World:
    return build(database)


def moved_proposal(db: Database, cid: int) -> int:
    """Link a later report's restatement to the commitment: a due-date move is proposed."""
    rid = add(db, *MOVED)
    deadline = next(m for m in reports.get_report(db, rid).mentions if m.kind == "deadline")
    review.accept(db, deadline.id, commitment_id=cid, actor="test")
    (p,) = commitments.list_proposals(db, commitment_id=cid)
    assert (p.kind, p.new_due_end) == ("due_changed", date(2027, 6, 30))
    return p.id


def audits(db: Database, cid: int) -> list[str]:
    return [a.action for a in audit.history(db, entity="commitment", entity_id=cid)]


def post(client: TestClient, path: str, data: dict[str, str], **kw: Any) -> Any:
    return client.post(path, data=data, follow_redirects=False, **kw)


# -- the page ------------------------------------------------------------------------------


def test_the_update_panel_is_for_editors_only(client: TestClient, world: World) -> None:
    html = client.get(f"/commitments/{world.commitment_id}").text
    assert 'id="update"' not in html
    assert "/resolve" not in html


def test_the_update_panel_groups_the_forms_each_with_its_token(signed_in: TestClient, world: World) -> None:
    html = signed_in.get(f"/commitments/{world.commitment_id}", headers=EN).text
    panel = re.search(r'<details class="update" id="update">.*?\n</details>', html, flags=re.S)
    assert panel is not None
    forms = re.findall(r"<form\b.*?</form>", panel.group(0), flags=re.S)
    actions = [re.search(r'action="([^"]+)"', f).group(1) for f in forms]  # type: ignore[union-attr]
    cid = world.commitment_id
    assert actions == [f"/commitments/{cid}/{a}" for a in ("resolve", "edit", "target", "merge")]
    assert all('name="csrf_token"' in f for f in forms)
    # every control has a label (keyboard and screen readers), each action behind its own summary
    for control in re.findall(r'<(?:input|select)\b[^>]*\bid="([^"]+)"', panel.group(0)):
        assert f'for="{control}"' in panel.group(0), control
    assert panel.group(0).count("<summary>") == 5
    # the target field offers the indicators by slug
    assert f'<option value="{SLUG}">' in html
    assert 'value="vneid-activated-accounts"' in html


# -- resolve and reopen --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "on", "stored"),
    [
        ("met", "2026-11-30", "met"),
        ("met", "2027-01-15", "met_late"),
        ("met_late", "2027-01-15", "met_late"),
        ("missed", "2027-01-02", "missed"),
        ("dropped", "2026-05-01", "dropped"),
    ],
)
def test_resolve_from_the_page(
    signed_in: TestClient, database: Database, world: World, status: str, on: str, stored: str
) -> None:
    cid = world.commitment_id
    r = post(signed_in, f"/commitments/{cid}/resolve", {"status": status, "on": on, "note": "theo thông cáo"})
    assert r.status_code == 303
    assert r.headers["location"] == f"/commitments/{cid}?done=resolved"
    c = commitments.get_commitment(database, cid, on=date(2027, 2, 1))
    assert (c.status, c.resolved_on) == (stored, date.fromisoformat(on))
    resolved = [e for e in c.events if e.kind == "resolved"]
    assert resolved[-1].note == "theo thông cáo"
    assert audits(database, cid).count("commitment.resolve") == 1
    page = signed_in.get(r.headers["location"], headers=VI).text
    assert "Cam kết đã được giải quyết." in page


def test_resolve_with_a_quote_as_evidence(signed_in: TestClient, database: Database, world: World) -> None:
    cid = world.commitment_id
    source = commitments.get_commitment(database, cid, on=date(2026, 1, 1)).sources[0]
    html = signed_in.get(f"/commitments/{cid}").text
    assert f'<option value="{source.mention_id}">' in html
    r = post(
        signed_in,
        f"/commitments/{cid}/resolve",
        {"status": "met", "on": "2026-10-01", "evidence": str(source.mention_id)},
    )
    assert r.status_code == 303
    c = commitments.get_commitment(database, cid, on=date(2026, 10, 2))
    assert c.evidence == 1
    assert [e.mention_id for e in c.events if e.kind == "resolved"] == [source.mention_id]


@pytest.mark.parametrize(
    ("data", "status", "vi", "en"),
    [
        ({"status": "met_late", "on": "2026-01-05"}, 400, "không phải trễ", "is not late"),
        ({"status": "won", "on": "2026-01-05"}, 400, "trạng thái phải là", "status must be one of"),
        ({"status": "met", "on": "05/01/2026"}, 400, "YYYY-MM-DD", "YYYY-MM-DD"),
    ],
)
def test_a_refused_resolution_shows_the_page_with_the_reason(
    signed_in: TestClient,
    database: Database,
    world: World,
    data: dict[str, str],
    status: int,
    vi: str,
    en: str,
) -> None:
    cid = world.commitment_id
    r = post(signed_in, f"/commitments/{cid}/resolve", data, headers=VI)
    assert r.status_code == status
    assert 'id="form-error"' in r.text
    assert vi in r.text
    assert 'id="update" open' in r.text  # the panel stays open on the form
    assert 'id="act-resolve" open' in r.text
    assert en in post(signed_in, f"/commitments/{cid}/resolve", data, headers=EN).text
    assert commitments.get_commitment(database, cid, on=date(2026, 1, 1)).status == "open"
    assert "commitment.resolve" not in audits(database, cid)


def test_reopen_after_resolving(signed_in: TestClient, database: Database, world: World) -> None:
    cid = world.commitment_id
    post(signed_in, f"/commitments/{cid}/resolve", {"status": "dropped", "on": "2026-05-01"})
    html = signed_in.get(f"/commitments/{cid}").text
    assert f'action="/commitments/{cid}/reopen"' in html
    assert f'action="/commitments/{cid}/resolve"' not in html
    r = post(signed_in, f"/commitments/{cid}/reopen", {"note": "nhầm"})
    assert (r.status_code, r.headers["location"]) == (303, f"/commitments/{cid}?done=reopened")
    c = commitments.get_commitment(database, cid, on=date(2026, 6, 1))
    assert (c.status, c.resolved_on) == ("open", None)
    assert c.events[-1].kind == "reopened"
    assert audits(database, cid).count("commitment.reopen") == 1
    again = post(signed_in, f"/commitments/{cid}/reopen", {}, headers=EN)
    assert again.status_code == 409
    assert "is already open" in again.text


def test_writes_need_an_editor_and_the_token(client: TestClient, world: World, signed_in: TestClient) -> None:
    cid = world.commitment_id
    token = signed_in.headers.pop("X-CSRF-Token")
    r = post(signed_in, f"/commitments/{cid}/resolve", {"status": "met", "on": "2026-05-01"})
    assert r.status_code == 403
    signed_in.headers["X-CSRF-Token"] = token


def test_anonymous_api_write_is_refused(client: TestClient, world: World) -> None:
    r = client.post(
        f"/api/commitments/{world.commitment_id}/resolve", json={"status": "met", "on": "2026-05-01"}
    )
    assert r.status_code == 401


# -- edit -----------------------------------------------------------------------------------


def test_edit_records_the_reason_and_moves_the_due_range(
    signed_in: TestClient, database: Database, world: World
) -> None:
    cid = world.commitment_id
    r = post(
        signed_in,
        f"/commitments/{cid}/edit",
        {
            "title": "Kích hoạt 80 triệu tài khoản định danh",
            "owner": "Bộ Công an",
            "programme": "",
            "due_start": "",
            "due_end": "2027-03-31",
            "reason": "Văn bản mới của Bộ",
        },
    )
    assert (r.status_code, r.headers["location"]) == (303, f"/commitments/{cid}?done=edited")
    c = commitments.get_commitment(database, cid, on=date(2027, 1, 1))
    assert (c.title, c.owner, c.programme, c.due_end) == (
        "Kích hoạt 80 triệu tài khoản định danh",
        "Bộ Công an",
        None,
        date(2027, 3, 31),
    )
    moved = [e for e in c.events if e.kind == "due_changed"]
    assert [(e.old_due_end, e.new_due_end, e.note) for e in moved] == [
        (date(2026, 12, 31), date(2027, 3, 31), "Văn bản mới của Bộ")
    ]
    edited = [e for e in c.events if e.kind == "edited"][-1]
    assert edited.note == "programme, title: Văn bản mới của Bộ"
    entry = next(
        a
        for a in audit.history(database, entity="commitment", entity_id=cid)
        if a.action == "commitment.edit"
    )
    assert entry.after is not None
    assert entry.after["reason"] == "Văn bản mới của Bộ"
    assert audits(database, cid).count("commitment.edit") == 2  # the world's, and this one
    # the board of today shows the new due day
    board = signed_in.get("/api/commitments", params={"on": "2027-01-05"}).json()
    assert [row["due_end"] for row in board["commitments"]] == ["2027-03-31"]


@pytest.mark.parametrize(
    ("data", "vi"),
    [
        ({"reason": ""}, "hãy nói lý do"),
        ({"due_start": "2027-05-01", "due_end": "2027-03-31", "reason": "x"}, "bắt đầu sau khi"),
        ({"title": "   ", "reason": "x"}, "cần có tiêu đề"),
        ({"reason": "không đổi gì"}, "không có gì thay đổi"),
    ],
)
def test_a_refused_edit_shows_why(
    signed_in: TestClient, database: Database, world: World, data: dict[str, str], vi: str
) -> None:
    cid = world.commitment_id
    current = commitments.get_commitment(database, cid, on=date(2026, 1, 1))
    form = {
        "title": current.title,
        "owner": current.owner or "",
        "programme": current.programme or "",
        "due_start": current.due_start.isoformat() if current.due_start else "",
        "due_end": current.due_end.isoformat() if current.due_end else "",
        "reason": "",
    }
    if data.get("reason") == "":
        form["owner"] = "Ai đó khác"
    r = post(signed_in, f"/commitments/{cid}/edit", {**form, **data}, headers=VI)
    assert r.status_code == 400, r.text
    assert vi in r.text
    assert 'id="act-edit" open' in r.text  # the refused form is shown open
    assert audits(database, cid).count("commitment.edit") == 1  # the world's own edit only


def test_edit_api(signed_in: TestClient, database: Database, world: World) -> None:
    cid = world.commitment_id
    r = signed_in.post(
        f"/api/commitments/{cid}/edit", json={"due_end": "2027-06-30", "owner": None, "reason": "lịch mới"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["due_end"], body["owner"]) == ("2027-06-30", None)
    assert signed_in.post(f"/api/commitments/{cid}/edit", json={"owner": "x"}).status_code == 422
    blank = signed_in.post(f"/api/commitments/{cid}/edit", json={"owner": "x", "reason": "  "})
    assert (blank.status_code, blank.json()["code"]) == (400, "commitment_edit_needs_reason")


# -- target ------------------------------------------------------------------------------------


def test_set_and_clear_the_target_from_the_page(
    signed_in: TestClient, database: Database, world: World
) -> None:
    cid = world.commitment_id
    r = post(signed_in, f"/commitments/{cid}/target", {"indicator": SLUG, "value": "90.000.000"}, headers=VI)
    assert (r.status_code, r.headers["location"]) == (303, f"/commitments/{cid}?done=target")
    c = commitments.get_commitment(database, cid, on=date(2026, 1, 1))
    assert c.target_value == 90_000_000
    # the indicator's chart draws it
    targets = signed_in.get(f"/api/indicators/{SLUG}").json()["targets"]
    assert [(t["commitment_id"], t["value"]) for t in targets] == [(cid, 90_000_000)]
    r = post(signed_in, f"/commitments/{cid}/target", {"indicator": "", "value": ""})
    assert r.status_code == 303
    c = commitments.get_commitment(database, cid, on=date(2026, 1, 1))
    assert (c.target_indicator_id, c.target_value) == (None, None)
    assert signed_in.get(f"/api/indicators/{SLUG}").json()["targets"] == []
    assert audits(database, cid).count("commitment.edit") == 3  # the world's, setting, clearing


@pytest.mark.parametrize(
    ("data", "status", "en"),
    [
        ({"indicator": "no-such-thing", "value": "5"}, 404, "no-such-thing"),
        ({"indicator": SLUG, "value": ""}, 400, "a target needs the value"),
        ({"indicator": SLUG, "value": "nhiều"}, 400, "nhiều"),
    ],
)
def test_a_refused_target_shows_why(
    signed_in: TestClient, world: World, data: dict[str, str], status: int, en: str
) -> None:
    r = post(signed_in, f"/commitments/{world.commitment_id}/target", data, headers=EN)
    assert r.status_code == status
    assert 'id="form-error"' in r.text
    assert en in r.text


def test_target_api(signed_in: TestClient, world: World) -> None:
    cid = world.commitment_id
    r = signed_in.post(f"/api/commitments/{cid}/target", json={"indicator": SLUG, "value": 75_000_000})
    assert r.status_code == 200, r.text
    assert r.json()["target_value"] == 75_000_000
    r = signed_in.post(f"/api/commitments/{cid}/target", json={"indicator": None})
    assert (r.json()["target_indicator_id"], r.json()["target_value"]) == (None, None)


# -- proposals ----------------------------------------------------------------------------------


def test_a_proposal_is_shown_and_confirmed_on_the_page(
    signed_in: TestClient, database: Database, world: World
) -> None:
    cid = world.commitment_id
    eid = moved_proposal(database, cid)
    html = signed_in.get(f"/commitments/{cid}", headers=EN).text
    assert "Proposals from later reports" in html
    assert f'action="/commitments/{cid}/proposals/{eid}/confirm"' in html
    assert f'action="/commitments/{cid}/proposals/{eid}/reject"' in html
    r = post(signed_in, f"/commitments/{cid}/proposals/{eid}/confirm", {})
    assert (r.status_code, r.headers["location"]) == (303, f"/commitments/{cid}?done=confirmed")
    c = commitments.get_commitment(database, cid, on=date(2027, 1, 1))
    assert c.due_end == date(2027, 6, 30)
    assert audits(database, cid).count("commitment.confirm_due_changed") == 1
    after = signed_in.get(r.headers["location"], headers=EN).text
    assert "The proposal is confirmed." in after
    assert "Proposals from later reports" not in after
    again = post(signed_in, f"/commitments/{cid}/proposals/{eid}/confirm", {}, headers=EN)
    assert again.status_code == 409
    assert "already" in again.text


def test_rejecting_from_the_review_queue_goes_back_to_it(
    signed_in: TestClient, database: Database, world: World
) -> None:
    cid = world.commitment_id
    eid = moved_proposal(database, cid)
    queue = signed_in.get("/review", headers=VI).text
    assert "Đề xuất cho cam kết" in queue
    assert "Commitment proposals" in signed_in.get("/review", headers=EN).text
    assert f'action="/commitments/{cid}/proposals/{eid}/reject"' in queue
    assert '<input type="hidden" name="next" value="/review#proposals">' in queue
    r = post(signed_in, f"/commitments/{cid}/proposals/{eid}/reject", {"next": "/review#proposals"})
    assert (r.status_code, r.headers["location"]) == (303, "/review?done=rejected#proposals")
    c = commitments.get_commitment(database, cid, on=date(2027, 1, 1))
    assert c.due_end == date(2026, 12, 31)
    assert [e.state for e in c.events if e.kind == "due_changed"] == ["rejected"]
    after = signed_in.get("/review?done=rejected", headers=VI).text
    assert "Đề xuất cho cam kết" not in after
    assert 'role="status"' in after
    api = signed_in.get("/api/review").json()
    assert api["proposals"] == []


def test_a_proposal_of_another_commitment_is_not_found_through_this_one(
    signed_in: TestClient, database: Database, world: World
) -> None:
    cid = world.commitment_id
    eid = moved_proposal(database, cid)
    other = signed_in.post(f"/api/commitments/{cid + 1000}/proposals/{eid}/confirm")
    assert other.status_code == 404
    assert commitments.list_proposals(database, commitment_id=cid)[0].state == "proposed"


def test_proposal_api_confirm_and_reject(signed_in: TestClient, database: Database, world: World) -> None:
    cid = world.commitment_id
    eid = moved_proposal(database, cid)
    listed = signed_in.get("/api/review").json()["proposals"]
    assert [(p["id"], p["commitment_id"], p["kind"]) for p in listed] == [(eid, cid, "due_changed")]
    r = signed_in.post(f"/api/commitments/{cid}/proposals/{eid}/reject")
    assert (r.status_code, r.json()["state"]) == (200, "rejected")
    r = signed_in.post(f"/api/commitments/{cid}/proposals/{eid}/confirm")
    assert (r.status_code, r.json()["code"]) == (409, "event_already_decided")


# -- the API twins ----------------------------------------------------------------------------


def test_resolve_and_reopen_api(signed_in: TestClient, database: Database, world: World) -> None:
    cid = world.commitment_id
    r = signed_in.post(f"/api/commitments/{cid}/resolve", json={"status": "met_late", "on": "2027-02-01"})
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["resolved_on"]) == ("met_late", "2027-02-01")
    again = signed_in.post(f"/api/commitments/{cid}/resolve", json={"status": "met", "on": "2027-02-01"})
    assert (again.status_code, again.json()["code"]) == (409, "commitment_already_resolved")
    bad = signed_in.post(f"/api/commitments/{cid}/resolve", json={"status": "won", "on": "2027-02-01"})
    assert bad.status_code == 422
    r = signed_in.post(f"/api/commitments/{cid}/reopen", json={"note": "nhầm ngày"})
    assert (r.status_code, r.json()["status"]) == (200, "open")
    assert audits(database, cid).count("commitment.resolve") == 1
    assert audits(database, cid).count("commitment.reopen") == 1


def test_the_actions_are_documented(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for action in ("resolve", "reopen", "edit", "target"):
        op = paths[f"/api/commitments/{{commitment_id}}/{action}"]["post"]
        assert op["tags"] == ["commitments"]
        assert "requestBody" in op
    for action in ("confirm", "reject"):
        assert f"/api/commitments/{{commitment_id}}/proposals/{{event_id}}/{action}" in paths
    assert not any(p.startswith("/commitments/") for p in paths)
