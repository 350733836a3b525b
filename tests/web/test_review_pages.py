"""Reviewing in the browser: the panel, the queue, the actions (htmx and plain forms), the keyboard."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from chiso.services import review
from chiso.services.schemas import MentionOut, ReportDetail
from chiso.store.db import Database
from chiso.web.pages.review import form_edits
from tests.web.helpers import add, first

HX = {"HX-Request": "true"}
INDICATOR = "vneid-activated-accounts"


@pytest.fixture
def detail(database: Database) -> ReportDetail:
    return add(database)


def test_panel_for_a_visitor_invites_sign_in(client: TestClient, detail: ReportDetail) -> None:
    html = client.get(f"/mentions/{first(detail)}/panel").text
    assert "/login?next=" in html
    assert 'aria-keyshortcuts="a"' not in html


def test_panel_offers_the_actions_with_their_keys(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    html = signed_in.get(f"/mentions/{mid}/panel", headers=HX).text
    assert 'aria-keyshortcuts="a"' in html
    assert 'aria-keyshortcuts="r"' in html
    assert f'hx-post="/mentions/{mid}/accept"' in html
    assert f'hx-post="/mentions/{mid}/reject"' in html
    assert f'hx-post="/mentions/{mid}/edit"' in html
    assert 'name="indicator"' in html  # change indicator
    assert 'name="csrf_token"' in html
    assert "<html" not in html  # a fragment, not a page


def test_deadline_panel(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail, "deadline")
    html = signed_in.get(f"/mentions/{mid}/panel").text
    assert 'name="commitment" value="new"' in html


def test_accept_in_place_with_htmx(signed_in: TestClient, database: Database, detail: ReportDetail) -> None:
    mid = first(detail)
    r = signed_in.post(f"/mentions/{mid}/accept", data={"indicator": INDICATOR}, headers=HX)
    assert r.status_code == 200, r.text
    event = json.loads(r.headers["HX-Trigger"])["chiso:decided"]
    assert (event["id"], event["state"]) == (mid, "accepted")
    # The confirmation the page shows after it moves on: in the UI's language, naming the indicator.
    assert event["notice"].startswith("Đã nhận → chỉ số ")
    assert INDICATOR in r.text  # the notice says where it went
    assert f'href="/indicators/{INDICATOR}"' in r.text  # and links to the indicator
    mention = review.get_mention(database, mid)
    assert mention.state == "accepted"
    assert mention.decided_by == "biên-tập"
    # The reader now shows it accepted and no longer in the j/k order.
    reader = signed_in.get(f"/reports/{detail.id}").text
    assert f'class="m k-figure s-accepted" id="m{mid}"' in reader


def test_reject_with_a_plain_form_redirects_back(
    signed_in: TestClient, database: Database, detail: ReportDetail
) -> None:
    mid = first(detail)
    r = signed_in.post(f"/mentions/{mid}/reject", data={}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/reports/{detail.id}#m{mid}"
    assert review.get_mention(database, mid).state == "rejected"


def test_reopen(signed_in: TestClient, database: Database, detail: ReportDetail) -> None:
    mid = first(detail)
    signed_in.post(f"/mentions/{mid}/reject", headers=HX)
    r = signed_in.post(f"/mentions/{mid}/reopen", headers=HX)
    assert r.status_code == 200
    assert review.get_mention(database, mid).state == "pending"


def test_deciding_twice_is_a_conflict(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    signed_in.post(f"/mentions/{mid}/reject", headers=HX)
    r = signed_in.post(f"/mentions/{mid}/reject", headers=HX)
    assert r.status_code == 409
    assert "error-message" in r.text  # app.js shows it in the toast


def test_edit_reads_numbers_as_the_locale_writes_them(
    signed_in: TestClient, database: Database, detail: ReportDetail
) -> None:
    mid = first(detail)
    r = signed_in.post(
        f"/mentions/{mid}/edit",
        data={"value": "61.500.000", "qualifier": "about", "unit": "tài khoản"},
        headers=HX,
    )
    assert r.status_code == 200, r.text
    m = review.get_mention(database, mid)
    assert m.value == 61_500_000
    assert m.qualifier == "about"


def _mention(**kw: object) -> MentionOut:
    base: dict[str, object] = {
        "id": 1,
        "report_id": 1,
        "kind": "figure",
        "start": 0,
        "end": 1,
        "quote": "x",
        "confidence": 0.5,
        "state": "pending",
        "value": 5.0,
        "unit": "tài khoản",
    }
    return MentionOut.model_validate({**base, **kw})


@pytest.mark.parametrize(
    ("fields", "locale", "changes"),
    [
        ({"value": "1,5"}, "vi", {"value": 1.5}),
        ({"value": "1.5"}, "en", {"value": 1.5}),
        ({"value": "67.000.000"}, "vi", {"value": 67_000_000}),
        ({"value": "67,000,000"}, "en", {"value": 67_000_000}),
        (
            {"value": "5", "unit": "tài khoản", "as_of": "2025-03-15"},
            "vi",
            {"as_of": __import__("datetime").date(2025, 3, 15)},
        ),
        ({"value": "5", "unit": ""}, "vi", {"unit": None}),
    ],
)
def test_form_edits(fields: dict[str, str], locale: str, changes: dict[str, object]) -> None:
    assert form_edits(fields, _mention(), locale).changes() == changes


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"value": "5"}, "nothing changed"),
        ({"value": "năm"}, "not a number"),
        ({"as_of": "15/3/2025"}, "YYYY-MM-DD"),
    ],
)
def test_form_edits_refuse(fields: dict[str, str], says: str) -> None:
    from chiso.errors import InputError

    with pytest.raises(InputError, match=says):
        form_edits(fields, _mention(), "vi")


def test_actions_need_sign_in(client: TestClient, detail: ReportDetail) -> None:
    from tests.web.conftest import csrf_token

    token = csrf_token(client)
    r = client.post(f"/mentions/{first(detail)}/accept", data={"csrf_token": token}, headers=HX)
    assert r.status_code == 401


def test_actions_need_the_csrf_token(signed_in: TestClient, database: Database, detail: ReportDetail) -> None:
    del signed_in.headers["X-CSRF-Token"]
    mid = first(detail)
    assert signed_in.post(f"/mentions/{mid}/reject", headers=HX).status_code == 403
    assert signed_in.post(f"/mentions/{mid}/reject", data={"csrf_token": "wrong"}).status_code == 403
    assert review.get_mention(database, mid).state == "pending"


# -- the queue ------------------------------------------------------------------------------


def test_queue_lists_pending_mentions_with_keys(signed_in: TestClient, detail: ReportDetail) -> None:
    html = signed_in.get("/review").text
    pending = [m for m in detail.mentions if m.state == "pending"]
    assert html.count("data-nav-item") == len(pending)
    for m in pending:
        assert f'id="row-{m.id}"' in html
    assert 'aria-keyshortcuts="a"' in html
    assert 'aria-keyshortcuts="r"' in html
    assert 'data-keys="j k a r"' in html


def test_queue_row_after_a_decision(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    r = signed_in.post(f"/mentions/{mid}/reject", data={"view": "row"}, headers=HX)
    assert r.status_code == 200
    assert r.text.lstrip().startswith(f'<li id="row-{mid}" class="done"')
    assert "data-nav-item" not in r.text
    assert f'id="row-{mid}"' not in signed_in.get("/review").text


def test_queue_plain_form_returns_to_the_queue(signed_in: TestClient, detail: ReportDetail) -> None:
    mid = first(detail)
    r = signed_in.post(
        f"/mentions/{mid}/reject", data={"view": "row", "next": f"/review#row-{mid}"}, follow_redirects=False
    )
    assert r.headers["location"] == f"/review#row-{mid}"


def test_queue_filters_and_pages(client: TestClient, database: Database) -> None:
    add(database)
    add(database, "Đến cuối năm 2024 đã có 45 triệu tài khoản được kích hoạt.\n", title="Thứ hai")
    figures = client.get("/api/review", params={"kind": "figure", "limit": 1}).json()
    assert figures["total"] >= 2
    assert len(figures["items"]) == 1
    assert figures["next_url"].startswith("/api/review?")
    assert all(i["mention"]["kind"] == "figure" for i in figures["items"])


@pytest.mark.parametrize(
    ("lang", "number", "day"),
    [("vi", "&gt; 60.000.000", "15/03/2025"), ("en", "&gt; 60,000,000", "15 Mar 2025")],
)
def test_queue_formats_numbers_and_dates_per_locale(
    client: TestClient, detail: ReportDetail, lang: str, number: str, day: str
) -> None:
    client.get(f"/lang/{lang}")
    html = client.get("/review").text
    assert f'<html lang="{lang}">' in html
    assert number in html
    assert day in html


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("tài khoản định danh", "tai-khoan-dinh-danh"),
        ("Đơn vị sự nghiệp", "don-vi-su-nghiep"),
        ("lượt/ngày", "luot-ngay"),
        ("%", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    from chiso.web.pages.reports import slugify

    assert slugify(text) == slug


def test_new_indicator_from_a_figure(signed_in: TestClient, database: Database, detail: ReportDetail) -> None:
    mid = first(detail)
    panel = signed_in.get(f"/mentions/{mid}/panel").text
    assert f'hx-post="/mentions/{mid}/new-indicator"' in panel
    data = {
        "slug": "tai-khoan-thu-nghiem",
        "name_vi": "Tài khoản thử nghiệm",
        "unit": "tài khoản",
        "measure": "cumulative",
    }
    r = signed_in.post(f"/mentions/{mid}/new-indicator", data=data, headers=HX)
    assert r.status_code == 200, r.text
    assert 'href="/indicators/tai-khoan-thu-nghiem"' in r.text
    assert review.get_mention(database, mid).state == "accepted"


@pytest.mark.parametrize(("slug", "name"), [("Không Hợp Lệ", "Tên"), ("hop-le", "")])
def test_new_indicator_refuses_bad_drafts(
    signed_in: TestClient, detail: ReportDetail, slug: str, name: str
) -> None:
    r = signed_in.post(
        f"/mentions/{first(detail)}/new-indicator", data={"slug": slug, "name_vi": name}, headers=HX
    )
    assert r.status_code == 400
