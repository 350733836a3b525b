"""The editorial actions the CLI had alone, now in the browser and the API too: auto-review
(``chiso review auto``), reading stale reports again (``chiso report reextract``), a token for a
chosen account (``chiso token create``)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import update

from chiso.extract import EXTRACTOR_VERSION
from chiso.services import audit, review
from chiso.services.reports import add as reports
from chiso.services.users import accounts as users
from chiso.store.db import Database
from chiso.store.models import Mention, Report
from tests.web.conftest import csrf_token
from tests.web.helpers import add

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}
ADMIN_PASSWORD = "mật khẩu quản trị dài"


@pytest.fixture
def admin_client(app: FastAPI, database: Database) -> Iterator[TestClient]:
    users.add_user(database, "quản-trị", "admin", ADMIN_PASSWORD, actor="test")
    with TestClient(app) as c:
        r = c.post(
            "/login",
            data={"name": "quản-trị", "password": ADMIN_PASSWORD, "csrf_token": csrf_token(c)},
            follow_redirects=False,
        )
        assert r.status_code == 303
        c.headers["X-CSRF-Token"] = csrf_token(c, "/")
        yield c


# -- review auto ----------------------------------------------------------------------------


def test_the_queue_offers_auto_review_to_editors_only(
    app: FastAPI, signed_in: TestClient, database: Database
) -> None:
    add(database)
    assert 'action="/review/auto"' in signed_in.get("/review").text
    with TestClient(app) as visitor:
        assert 'action="/review/auto"' not in visitor.get("/review").text


@pytest.mark.parametrize(("headers", "words"), [(EN, "Accepted automatically"), (VI, "Đã tự động nhận")])
def test_auto_review_from_the_page_says_what_it_did(
    signed_in: TestClient, database: Database, headers: dict[str, str], words: str
) -> None:
    detail = add(database)
    r = signed_in.post("/review/auto", data={"min_confidence": "0.9"}, headers=headers)
    assert r.status_code == 200
    assert 'id="auto-result"' in r.text
    assert words in r.text
    taken = [review.get_mention(database, m.id) for m in detail.mentions]
    taken = [m for m in taken if m.state == "accepted"]
    assert taken  # the sure ones: each named with a link to where it went
    result = r.text.split('id="auto-result"', 1)[1].split("</div>", 1)[0]
    figures = sum(m.kind == "figure" for m in taken)
    assert len(re.findall(r'href="/indicators/[a-z0-9-]+"', result)) == figures
    for m in taken:
        if m.kind == "deadline":
            assert f'href="/commitments/{m.commitment_id}"' in result
    decided = review.pending(database, report_id=detail.id)
    accepted = [e for e in audit.history(database, entity="mention") if e.action == "mention.accept"]
    assert len(decided) + len(accepted) == len(detail.mentions)
    assert all(e.actor == signed_in_name(database) for e in accepted)


def signed_in_name(database: Database) -> str:
    (editor,) = [u for u in users.list_users(database) if u.role == "editor"]
    return editor.name


def test_auto_review_at_full_confidence_leaves_everything_with_reasons_in_vietnamese(
    signed_in: TestClient, database: Database
) -> None:
    detail = add(database)
    # a report without a date cannot be auto-reviewed: every mention waits, with that reason
    undated = add(database, "Tính đến ngày 2/5/2025, đã có 7 triệu tài khoản định danh.", published=None)
    r = signed_in.post("/review/auto", data={"min_confidence": "1"}, headers=VI)
    assert r.status_code == 200
    assert "báo cáo chưa có ngày đăng" in r.text
    left = review.count_pending(database)
    assert left == len(detail.mentions) + len(undated.mentions)


def test_the_api_twin_answers_what_auto_review_did(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    r = signed_in.post("/api/review/auto", json={"min_confidence": 0.9, "report_id": detail.id})
    assert r.status_code == 200
    body = r.json()
    assert body["min_confidence"] == 0.9
    assert body["considered"] == len(detail.mentions)
    assert len(body["decisions"]) + len(body["skipped"]) == body["considered"]
    assert {d["kind"] for d in body["decisions"]} == {"figure", "deadline"}  # the sure ones taken
    for d in body["decisions"]:
        assert d["actor"] == signed_in_name(database)
    bad = signed_in.post("/api/review/auto", json={"min_confidence": 1.5})
    assert bad.status_code == 422


def test_visitors_cannot_auto_review(client: TestClient, database: Database) -> None:
    add(database)
    assert client.post("/api/review/auto", json={}).status_code == 401
    assert review.count_pending(database) > 0


# -- re-extract every stale report ------------------------------------------------------------


def _age(db: Database, report_id: int) -> None:
    with db.transaction() as s:
        s.execute(
            update(Report).where(Report.id == report_id).values(extractor_version="1", source_kind="paste")
        )
        s.execute(update(Mention).where(Mention.report_id == report_id).values(extractor_version="1"))


def test_the_list_offers_to_read_stale_reports_again(signed_in: TestClient, database: Database) -> None:
    old, current = add(database), add(database, "Tính đến ngày 9/9/2025, đã có 9 triệu lượt truy cập.")
    _age(database, old.id)
    page = signed_in.get("/reports", headers=EN).text
    assert "1 reports were read by an older version of the extractor." in page
    assert 'action="/reports/reextract"' in page
    r = signed_in.post("/reports/reextract", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/reports?reread=1")
    shown = signed_in.get(r.headers["location"], headers=VI).text
    assert "Số báo cáo đã được đọc lại bằng bộ trích xuất hiện tại: 1." in shown
    assert 'action="/reports/reextract"' not in shown
    assert reports.get_report(database, old.id).extractor_version == EXTRACTOR_VERSION
    assert reports.get_report(database, current.id).extractor_version == EXTRACTOR_VERSION
    assert [
        e.entity_id for e in audit.history(database, entity="report") if e.action == "report.reextract"
    ] == [old.id]


def test_the_api_reads_stale_or_named_reports_again(signed_in: TestClient, database: Database) -> None:
    old = add(database)
    _age(database, old.id)
    r = signed_in.post("/api/reports/reextract", json={})
    assert r.status_code == 200
    assert [x["report_id"] for x in r.json()] == [old.id]
    assert signed_in.post("/api/reports/reextract", json={}).json() == []
    named = signed_in.post("/api/reports/reextract", json={"report_ids": [old.id]})
    assert [x["report_id"] for x in named.json()] == [old.id]
    assert signed_in.post("/api/reports/reextract", json={"report_ids": [999999]}).status_code == 404


# -- a token for a chosen account -----------------------------------------------------------


def test_an_admin_makes_a_token_for_someone_and_sees_it_once(
    admin_client: TestClient, app: FastAPI, database: Database
) -> None:
    users.add_user(database, "lan", "editor", "mật khẩu của lan", actor="test")
    page = admin_client.get("/admin")
    assert 'action="/admin/tokens"' in page.text
    r = admin_client.post("/admin/tokens", data={"user": "lan", "label": "kịch bản nhập"})
    assert r.status_code == 201
    found = re.search(r"<code data-token>([^<]+)</code>", r.text)
    assert found
    token = found.group(1)
    assert token not in admin_client.get("/admin").text  # shown once
    with TestClient(app) as script:
        me = script.get("/api/account/alerts", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200
    (made,) = users.list_tokens(database)
    assert (made.user, made.label) == ("lan", "kịch bản nhập")
    event = audit.history(database, entity="api_token", limit=1)[0]
    assert (event.action, event.actor) == ("token.create", "quản-trị")


def test_a_token_for_no_such_account_is_refused_on_the_page_and_in_the_api(admin_client: TestClient) -> None:
    r = admin_client.post("/admin/tokens", data={"user": "không-có", "label": ""}, headers=VI)
    assert r.status_code == 404
    assert 'role="alert"' in r.text
    api = admin_client.post("/api/admin/tokens", json={"user": "không-có"})
    assert api.status_code == 404
    assert "không-có" in str(api.json()["params"])


def test_the_api_twin_returns_the_token_once(admin_client: TestClient, database: Database) -> None:
    r = admin_client.post("/api/admin/tokens", json={"user": "quản-trị", "label": "  "})
    assert r.status_code == 201
    body = r.json()
    assert body["token"].startswith(users.TOKEN_PREFIX)
    assert body["user"]["name"] == "quản-trị"
    assert users.list_tokens(database)[0].label is None
    assert body["token"] not in admin_client.get("/api/admin").text
