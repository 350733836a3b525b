"""The time of a figure and undated reports in the web app and the JSON API (issues 11 and 12.3):
the reader carries each figure's dating phrase, the panel shows it and lets a person correct the
date before accepting, an undated report is flagged, refused and dated through a form or the API."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from chiso.services import observations, review
from chiso.services.indicators import catalogue as indicators
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Fig
from tests.web.helpers import add, first

HX = {"HX-Request": "true"}
INDICATOR = "vneid-activated-accounts"
TEXT = "Trong năm 2025, tỉnh đã cấp hơn 120 nghìn tài khoản định danh.\n"
UNDATED = "Đến nay, tỉnh đã cấp hơn 120 nghìn tài khoản định danh. Chậm nhất ngày 30/11, các xã phải số hoá hồ sơ.\n"


@pytest.fixture
def dated_figure(database: Database) -> factory.Made:
    indicators.ensure_catalog(database)
    return factory.report(
        database,
        TEXT,
        [Fig("hơn 120 nghìn tài khoản", 120_000, "more_than", as_of=date(2025, 12, 31), time_quote="Trong năm 2025", time_source="sentence")],
        published=date(2026, 1, 20),
    )  # fmt: skip


def test_the_reader_marks_each_figure_with_its_dating_phrase(
    client: TestClient, dated_figure: factory.Made
) -> None:
    html = client.get(f"/reports/{dated_figure.report_id}").text
    start = TEXT.index("Trong năm 2025")
    assert f'data-time-start="{start}" data-time-end="{start + len("Trong năm 2025")}"' in html
    assert 'data-dated-by="Trong năm 2025"' in html
    assert 'id="dating-note"' in html
    assert 'aria-live="polite"' in html
    assert '<script src="/static/dating.js" defer></script>' in html
    assert client.get("/static/dating.js").status_code == 200


def test_the_panel_says_what_dated_the_figure_and_offers_its_date(
    signed_in: TestClient, dated_figure: factory.Made
) -> None:
    mid = dated_figure.mention_ids[0]
    html = signed_in.get(f"/mentions/{mid}/panel", headers=HX).text
    assert '<q class="dating-quote">Trong năm 2025</q>' in html
    assert f'id="when{mid}"' in html
    assert f'hx-include="#when{mid}"' in html
    assert 'name="as_of" value="2025-12-31"' in html
    assert 'name="period_start"' in html
    assert 'name="period_end"' in html


def test_the_queue_row_says_what_dated_the_figure(client: TestClient, dated_figure: factory.Made) -> None:
    html = client.get("/review").text
    assert '<q class="dating-quote">Trong năm 2025</q>' in html


def test_the_panel_in_english(signed_in: TestClient, dated_figure: factory.Made) -> None:
    signed_in.cookies.set("chiso_lang", "en")
    html = signed_in.get(f"/mentions/{dated_figure.mention_ids[0]}/panel", headers=HX).text
    assert "Dated by" in html
    assert "Date of the figure" in html


def test_accepting_with_a_corrected_period(
    signed_in: TestClient, database: Database, dated_figure: factory.Made
) -> None:
    mid = dated_figure.mention_ids[0]
    r = signed_in.post(
        f"/mentions/{mid}/accept",
        data={"indicator": INDICATOR, "as_of": "", "period_start": "2025-01-01", "period_end": "2025-12-31"},
        headers=HX,
    )
    assert r.status_code == 200, r.text
    (point,) = observations.list_observations(database, INDICATOR)
    assert (point.as_of, point.period_start, point.period_end, point.ref_date) == (
        None,
        date(2025, 1, 1),
        date(2025, 12, 31),
        date(2025, 12, 31),
    )


def test_accepting_with_the_date_unchanged_keeps_it(
    signed_in: TestClient, database: Database, dated_figure: factory.Made
) -> None:
    mid = dated_figure.mention_ids[0]
    r = signed_in.post(
        f"/mentions/{mid}/accept",
        data={"indicator": INDICATOR, "as_of": "2025-12-31", "period_start": "", "period_end": ""},
        headers=HX,
    )
    assert r.status_code == 200, r.text
    (point,) = observations.list_observations(database, INDICATOR)
    assert point.ref_date == date(2025, 12, 31)
    assert review.get_mention(database, mid).as_of == date(2025, 12, 31)


def test_an_undated_report_is_flagged_and_dated_from_the_reader(
    signed_in: TestClient, database: Database
) -> None:
    detail = add(database, UNDATED, published=None)
    assert [m.kind for m in detail.mentions] == ["figure"]
    page = signed_in.get(f"/reports/{detail.id}").text
    assert "data-undated" in page
    assert f'action="/reports/{detail.id}/date"' in page
    queue = signed_in.get("/review").text
    assert 'class="badge undated"' in queue
    assert 'class="badge undated"' in signed_in.get("/reports").text
    panel = signed_in.get(f"/mentions/{first(detail)}/panel", headers=HX).text
    assert "data-undated" in panel

    refused = signed_in.post(f"/mentions/{first(detail)}/accept", data={"indicator": INDICATOR}, headers=HX)
    assert refused.status_code == 400
    assert "chưa có ngày đăng" in refused.text  # the UI's language (Vietnamese by default)

    r = signed_in.post(f"/reports/{detail.id}/date", data={"published": "2026-03-05"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/reports/{detail.id}?dated=1"
    assert "đã được đọc lại theo ngày này" in signed_in.get(r.headers["location"]).text
    after = reports.get_report(database, detail.id)
    assert after.published_on == date(2026, 3, 5)
    assert [m.kind for m in after.mentions] == ["figure", "deadline"]
    assert "data-undated" not in signed_in.get(f"/reports/{detail.id}").text


def test_the_date_form_refuses_a_bad_date(signed_in: TestClient, database: Database) -> None:
    detail = add(database, UNDATED, published=None)
    r = signed_in.post(f"/reports/{detail.id}/date", data={"published": "5/3/2026"}, follow_redirects=False)
    assert r.status_code == 400
    assert reports.get_report(database, detail.id).published_on is None


def test_a_visitor_cannot_date_a_report(client: TestClient, database: Database) -> None:
    detail = add(database, UNDATED, published=None)
    assert f"/reports/{detail.id}/date" not in client.get(f"/reports/{detail.id}").text
    r = client.post(f"/reports/{detail.id}/date", data={"published": "2026-03-05"}, follow_redirects=False)
    assert r.status_code in (401, 403)
    assert reports.get_report(database, detail.id).published_on is None


# -- the JSON API -------------------------------------------------------------------------------


def test_api_mentions_carry_their_time(client: TestClient, dated_figure: factory.Made) -> None:
    body = client.get(f"/api/reports/{dated_figure.report_id}").json()
    (m,) = body["report"]["mentions"]
    assert (m["time_source"], m["time_quote"]) == ("sentence", "Trong năm 2025")
    assert body["report"]["text"][m["time_start"] : m["time_end"]] == "Trong năm 2025"
    assert body["report"]["undated"] is False


def test_api_dates_an_undated_report_and_refuses_before(signed_in: TestClient, database: Database) -> None:
    detail = add(database, UNDATED, published=None)
    assert signed_in.get(f"/api/reports/{detail.id}").json()["report"]["undated"] is True
    refused = signed_in.post(f"/api/mentions/{first(detail)}/accept", json={"indicator": INDICATOR})
    assert refused.status_code == 400
    assert refused.json() == {
        "ok": False,
        "error": f"report {detail.id} has no publication date; give it first (`chiso report date {detail.id} YYYY-MM-DD`)",
        "status": 400,
        "code": "report_undated",
        "params": {"id": detail.id},
    }
    r = signed_in.post(f"/api/reports/{detail.id}/date", json={"published": "2026-03-05"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["published_on"], out["previous"]) == ("2026-03-05", None)
    assert out["reextract"]["added"] >= 1
    bad = signed_in.post(f"/api/reports/{detail.id}/date", json={"published": "soon"})
    assert bad.status_code in (400, 422)
    assert bad.json()["ok"] is False


def test_api_accept_with_a_corrected_as_of(
    signed_in: TestClient, database: Database, dated_figure: factory.Made
) -> None:
    mid = dated_figure.mention_ids[0]
    r = signed_in.post(
        f"/api/mentions/{mid}/accept", json={"indicator": INDICATOR, "edits": {"as_of": "2025-06-30"}}
    )
    assert r.status_code == 200, r.text
    (point,) = observations.list_observations(database, INDICATOR)
    assert point.ref_date == date(2025, 6, 30)


def test_api_adding_the_same_text_with_a_date_fills_it_in(signed_in: TestClient, database: Database) -> None:
    detail = add(database, UNDATED, published=None)
    r = signed_in.post("/api/reports", json={"text": UNDATED, "published": "2026-03-05"})
    assert r.status_code == 200, r.text
    assert (r.json()["report_id"], r.json()["created"], r.json()["dated"]) == (detail.id, False, True)


def test_adding_the_text_again_with_a_date_from_the_form_says_so(
    signed_in: TestClient, database: Database
) -> None:
    detail = add(database, UNDATED, published=None)
    r = signed_in.post(
        "/reports/new",
        data={"text": UNDATED, "published": "2026-03-05", "csrf_token": signed_in.headers["X-CSRF-Token"]},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/reports/{detail.id}?dated=1"
    signed_in.cookies.set("chiso_lang", "en")
    page = signed_in.get(r.headers["location"]).text
    assert "has its publication date now" in page
    assert "data-undated" not in page
