"""Indicators made and edited in the browser and through the API, the catalogue's YAML through
the API, the downloads' citation columns (CSV, JSON, XLSX), "Cite this", the reader's licence
forms and the report list's search."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from chiso.config import Settings
from chiso.services import audit
from chiso.services.indicators import catalogue as indicators
from chiso.services.reports import licence
from chiso.store.db import Database
from tests.browser.tracked_data import SLUG, build
from tests.web.helpers import add, first

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}
NEW = {
    "slug": "ho-so-truc-tuyen-thu",
    "name_vi": "Hồ sơ trực tuyến (thử)",
    "name_en": "Online applications (test)",
    "description_vi": "Số hồ sơ nộp trực tuyến, cộng dồn.",
    "description": "Applications filed online, running total.",
    "unit": "hồ sơ",
    "short_unit": "hs",
    "decimals": "0",
    "measure": "cumulative",
    "owner": "Văn phòng Chính phủ",
    "programme": "Project 06",
}


def _csrf(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found, path
    return found.group(1)


# --- making and editing indicators ----------------------------------------------------------


def test_new_indicator_from_a_blank_form(signed_in: TestClient, database: Database) -> None:
    indicators.ensure_catalog(database)
    html = signed_in.get("/indicators/new", headers=EN).text
    for name in NEW:
        assert f'name="{name}"' in html
    r = signed_in.post(
        "/indicators/new", data={**NEW, "csrf_token": _csrf(signed_in, "/indicators/new")}, follow_redirects=False
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/indicators/{NEW['slug']}"
    made = indicators.get_indicator(database, NEW["slug"])
    assert (made.name_vi, made.description_vi, made.owner, made.short_unit) == (
        NEW["name_vi"], NEW["description_vi"], NEW["owner"], "hs",
    )  # fmt: skip
    page = signed_in.get(f"/indicators/{NEW['slug']}", headers=VI).text
    assert NEW["name_vi"] in page
    assert NEW["description_vi"] in page
    assert "Sửa chỉ số" in page  # the edit link, for an editor
    (event,) = [e for e in audit.history(database, entity="indicator") if e.action == "indicator.add"]
    assert event.entity_id == made.id


def test_a_refused_form_comes_back_as_typed_with_the_reason(signed_in: TestClient, database: Database) -> None:
    indicators.ensure_catalog(database)
    bad = {**NEW, "slug": "Không hợp lệ", "csrf_token": _csrf(signed_in, "/indicators/new")}
    r = signed_in.post("/indicators/new", data=bad, headers=VI)
    assert r.status_code == 400
    assert 'role="alert"' in r.text
    assert 'value="Không hợp lệ"' in r.text
    assert NEW["description_vi"] in r.text
    taken = {**NEW, "slug": SLUG, "csrf_token": _csrf(signed_in, "/indicators/new")}
    assert signed_in.post("/indicators/new", data=taken).status_code == 409


def test_edit_both_languages_and_clear_an_optional_field(signed_in: TestClient, database: Database) -> None:
    build(database)
    form = signed_in.get(f"/indicators/{SLUG}/edit", headers=EN).text
    before = indicators.get_indicator(database, SLUG)
    assert f'value="{before.name_vi}"' in form
    data = {
        **{k: ("" if v is None else str(v)) for k, v in before.model_dump().items() if k in NEW},
        "name_vi": "Tài khoản đã kích hoạt (sửa)",
        "name_en": "Activated accounts (edited)",
        "description_vi": "Mô tả mới bằng tiếng Việt.",
        "owner": "",
        "csrf_token": _csrf(signed_in, f"/indicators/{SLUG}/edit"),
    }
    r = signed_in.post(f"/indicators/{SLUG}/edit", data=data, follow_redirects=False)
    assert r.status_code == 303, r.text
    after = indicators.get_indicator(database, SLUG)
    assert (after.name_vi, after.name_en, after.description_vi, after.owner) == (
        "Tài khoản đã kích hoạt (sửa)", "Activated accounts (edited)", "Mô tả mới bằng tiếng Việt.", None,
    )  # fmt: skip
    assert after.unit == before.unit
    assert after.match_rules == before.match_rules
    (event,) = [e for e in audit.history(database, entity="indicator", entity_id=after.id) if e.action == "indicator.edit"]
    assert set(event.after or {}) == {"name_vi", "name_en", "description_vi", "owner"}
    assert "Tài khoản đã kích hoạt (sửa)" in signed_in.get(f"/indicators/{SLUG}", headers=VI).text


@pytest.mark.parametrize("path", ["/indicators/new", f"/indicators/{SLUG}/edit"])
def test_writes_need_an_editor(client: TestClient, database: Database, path: str) -> None:
    build(database)
    assert client.get(path, headers=EN).status_code == 200  # the form shows, with a sign-in link
    assert client.post(path, data=NEW).status_code == 401
    assert indicators.get_indicator(database, SLUG).name_vi != NEW["name_vi"]


def test_api_twins_add_and_edit(signed_in: TestClient, database: Database) -> None:
    indicators.ensure_catalog(database)
    body = {k: v for k, v in NEW.items() if k != "decimals"}
    r = signed_in.post("/api/indicators", json=body)
    assert r.status_code == 201, r.text
    assert r.json()["description_vi"] == NEW["description_vi"]
    assert signed_in.post("/api/indicators", json=body).status_code == 409
    r = signed_in.patch(f"/api/indicators/{NEW['slug']}", json={"name_vi": "Tên mới", "programme": ""})
    assert r.status_code == 200, r.text
    assert (r.json()["name_vi"], r.json()["programme"], r.json()["name_en"]) == ("Tên mới", None, NEW["name_en"])
    assert signed_in.patch(f"/api/indicators/{NEW['slug']}", json={"measure": "nope"}).status_code == 422
    assert signed_in.patch("/api/indicators/no-such", json={"name_vi": "x"}).status_code == 404


def test_api_writes_refuse_the_anonymous(client: TestClient, database: Database) -> None:
    indicators.ensure_catalog(database)
    assert client.post("/api/indicators", json=NEW).status_code == 401
    assert client.patch(f"/api/indicators/{SLUG}", json={"name_vi": "x"}).status_code == 401
    assert client.post("/api/catalog/import", content=b"version: 1\nindicators: []\n").status_code == 401


def test_catalogue_export_and_import_through_the_api(signed_in: TestClient, database: Database) -> None:
    indicators.ensure_catalog(database)
    r = signed_in.get("/api/catalog/export", params={"programme": "Project 06"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/yaml")
    data = yaml.safe_load(r.text)
    assert data["indicators"]
    assert {i["programme"] for i in data["indicators"]} == {"Project 06"}
    data["indicators"][0]["name_vi"] = "Đổi tên qua API"
    text = yaml.safe_dump(data, allow_unicode=True)
    r = signed_in.post("/api/catalog/import", content=text.encode(), headers={"Content-Type": "application/yaml"})
    assert r.status_code == 200, r.text
    assert r.json()["updated"] == [data["indicators"][0]["slug"]]
    assert indicators.get_indicator(database, data["indicators"][0]["slug"]).name_vi == "Đổi tên qua API"
    bad = signed_in.post("/api/catalog/import", content=b"version: 1\nindicators: [{slug: X}]\n")
    assert bad.status_code == 400
    assert bad.json()["ok"] is False


def test_new_indicator_from_a_mention_takes_every_field(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    mid = first(detail)
    fields = {**NEW, "slug": "tk-dinh-danh-thu", "decimals": "1", "csrf_token": _csrf(signed_in, f"/reports/{detail.id}")}
    r = signed_in.post(f"/mentions/{mid}/new-indicator", data=fields, headers={"HX-Request": "true"})
    assert r.status_code == 200, r.text
    made = indicators.get_indicator(database, "tk-dinh-danh-thu")
    assert (made.owner, made.description, made.description_vi, made.decimals, made.short_unit) == (
        NEW["owner"], NEW["description"], NEW["description_vi"], 1, "hs",
    )  # fmt: skip


# --- downloads, citation ---------------------------------------------------------------------


def _rows(fmt: str, body: bytes) -> list[dict[str, object]]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    if fmt == "json":
        return list(json.loads(body))
    ws = load_workbook(io.BytesIO(body)).worksheets[0]
    cells = list(ws.iter_rows(values_only=True))
    return [dict(zip([str(h) for h in cells[0]], r, strict=True)) for r in cells[1:]]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_downloads_carry_licence_permalink_and_access_date(
    client: TestClient, database: Database, fmt: str
) -> None:
    build(database)
    r = client.get(f"/indicators/{SLUG}.{fmt}")
    assert r.status_code == 200
    assert f'filename="{SLUG}.{fmt}"' in r.headers["content-disposition"]
    rows = _rows(fmt, r.content)
    assert rows
    for row in rows:
        link = str(row["permalink"])
        assert re.fullmatch(r"http://testserver/reports/\d+#m\d+", link), link
        assert client.get(link.split("#")[0].removeprefix("http://testserver")).status_code == 200
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row["accessed_on"]))
        assert "licence" in row


def test_the_base_url_and_default_licence_come_from_the_settings(
    database: Database, web_settings: Settings
) -> None:
    from chiso.web.app import create_app

    build(database)
    settings = web_settings.model_copy(update={"public_url": "https://chiso.example.vn/", "default_licence": "CC0-1.0"})
    with TestClient(create_app(settings, db=database)) as c:
        rows = _rows("json", c.get(f"/indicators/{SLUG}.json").content)
        assert all(str(r["permalink"]).startswith("https://chiso.example.vn/reports/") for r in rows)
        assert {r["licence"] for r in rows} == {"CC0-1.0"}
        cite = c.get(f"/api/indicators/{SLUG}").json()["citation"]
        assert cite["url"] == f"https://chiso.example.vn/indicators/{SLUG}"


def test_cite_this_gives_a_reference_and_bibtex_with_a_copy_button(client: TestClient, database: Database) -> None:
    build(database)
    html = client.get(f"/indicators/{SLUG}", headers=EN).text
    box = html[html.index('id="cite"') :]
    assert "Cite this" in box
    assert f"http://testserver/indicators/{SLUG}" in box
    assert "[Data set]" in box
    assert re.search(r"@misc\{chiso-" + SLUG + r"-\d{4},", box)
    assert 'data-copy="cite-bibtex"' in box
    assert 'data-copy="cite-text"' in box
    assert "Download XLSX" in html
    vi = client.get(f"/indicators/{SLUG}", headers=VI).text
    assert "Trích dẫn" in vi
    assert "Truy cập ngày" in vi


# --- the reader's licence ----------------------------------------------------------------------


def test_reader_sets_the_reports_and_the_publishers_licence(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    html = signed_in.get(f"/reports/{detail.id}", headers=EN).text
    assert 'id="licence"' in html
    assert "none given" in html
    token = _csrf(signed_in, f"/reports/{detail.id}")
    r = signed_in.post(
        f"/reports/{detail.id}/publisher-licence", data={"licence": "© Tòa soạn thử", "csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    assert licence.report_licence(database, detail.id).source == "publisher"
    r = signed_in.post(
        f"/reports/{detail.id}/licence", data={"licence": "CC-BY-4.0", "csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303
    html = signed_in.get(f"/reports/{detail.id}", headers=EN).text
    assert "<strong>CC-BY-4.0</strong>" in html
    assert "this report&#39;s" in html or "this report's" in html


def test_licence_api(signed_in: TestClient, client: TestClient, database: Database) -> None:
    detail = add(database)
    assert signed_in.get(f"/api/reports/{detail.id}/licence").json()["licence"] is None
    r = signed_in.put(f"/api/reports/{detail.id}/licence", json={"licence": "CC-BY-SA-4.0"})
    assert r.status_code == 200, r.text
    assert (r.json()["licence"], r.json()["source"]) == ("CC-BY-SA-4.0", "report")
    r = signed_in.put("/api/publishers/licence", json={"publisher": "Tòa soạn thử", "licence": "© TS"})
    assert r.json() == {"publisher": "Tòa soạn thử", "licence": "© TS"}
    assert signed_in.get("/api/publishers/licences").json() == [{"publisher": "Tòa soạn thử", "licence": "© TS"}]
    assert signed_in.put(f"/api/reports/{detail.id}/licence", json={"licence": "x" * 201}).status_code == 400
    assert signed_in.get(f"/api/reports/{detail.id}").json()["licence"]["licence"] == "CC-BY-SA-4.0"


# --- the report list's search ------------------------------------------------------------------


@pytest.mark.parametrize("q", ["tai khoan", "tài khoản", "DINH DANH"])
def test_report_list_search_needs_no_diacritics(client: TestClient, database: Database, q: str) -> None:
    detail = add(database)
    add(database, "Một bản tin khác không nói gì về con số nào cả.", title="Khác")
    data = client.get("/api/reports", params={"q": q}).json()
    assert [r["id"] for r in data["reports"]] == [detail.id]
    html = client.get("/reports", params={"q": q}).text
    assert f'href="/reports/{detail.id}"' in html


def test_an_editor_without_the_csrf_token_is_refused(signed_in: TestClient, database: Database) -> None:
    build(database)
    del signed_in.headers["X-CSRF-Token"]
    r = signed_in.post(f"/indicators/{SLUG}/edit", data={"name_vi": "Không được lưu"})
    assert r.status_code == 403
    assert indicators.get_indicator(database, SLUG).name_vi != "Không được lưu"
