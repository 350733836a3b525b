"""Importing in the browser (/imports): indicators as catalogue YAML (``chiso indicator import``),
observations from an export file (``chiso import observations``), and their API twins."""

from __future__ import annotations

import csv
import io

from fastapi import FastAPI

from chiso.services import audit, review
from chiso.services.indicators import catalogue as indicators
from chiso.store.db import Database
from tests.web.conftest import EDITOR_NAME, TestClient
from tests.web.helpers import add

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}
YAML = """\
indicators:
  - slug: diem-thu-nhap
    name_vi: Điểm thử nhập
    name_en: An imported test score
    unit: điểm
    measure: stock
"""


def _accepted_csv(client: TestClient, database: Database) -> tuple[str, str]:
    """A figure accepted into an indicator, and that indicator's CSV as the page downloads it."""
    detail = add(database)
    figure = next(m for m in detail.mentions if m.kind == "figure")
    decision = review.accept(database, figure.id, actor="test")
    assert decision.indicator
    r = client.get(f"/indicators/{decision.indicator}.csv")
    assert r.status_code == 200
    return decision.indicator, r.text


def test_the_page_offers_imports_to_editors_and_exports_to_all(app: FastAPI, signed_in: TestClient) -> None:
    page = signed_in.get("/imports", headers=EN).text
    assert 'action="/imports/indicators"' in page
    assert 'action="/imports/observations"' in page
    assert 'href="/api/catalog/export"' in page
    with TestClient(app) as visitor:
        shown = visitor.get("/imports", headers=VI).text
        assert 'href="/api/catalog/export"' in shown
        assert "/imports/observations" not in shown
        assert visitor.get("/indicators").text.count('href="/imports"') == 1


def test_an_editor_imports_indicators_from_a_file(signed_in: TestClient, database: Database) -> None:
    r = signed_in.post(
        "/imports/indicators", files={"file": ("chi-so.yaml", YAML.encode(), "application/yaml")}, headers=EN
    )
    assert r.status_code == 200
    assert "Indicators imported: 1 added, 0 updated, 0 unchanged." in r.text
    assert indicators.get_indicator(database, "diem-thu-nhap").name_en == "An imported test score"
    again = signed_in.post("/imports/indicators", files={"file": ("chi-so.yaml", YAML.encode())}, headers=VI)
    assert again.status_code == 200
    assert 'id="imported-indicators"' in again.text
    imported = [e for e in audit.history(database, entity="indicator") if e.action == "indicator.import"]
    assert [e.actor for e in imported] == [EDITOR_NAME]  # the second import changed nothing


def test_a_broken_catalogue_is_refused_in_the_page(signed_in: TestClient, database: Database) -> None:
    r = signed_in.post("/imports/indicators", files={"file": ("x.yaml", b"\xff\xfe not utf-8")}, headers=VI)
    assert r.status_code == 400
    assert 'id="import-error"' in r.text


def test_an_editor_imports_observations_from_an_export(signed_in: TestClient, database: Database) -> None:
    _, text = _accepted_csv(signed_in, database)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        row["indicator"] = "chi-so-nhap-thu"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    r = signed_in.post(
        "/imports/observations",
        files={"file": ("du-lieu.csv", out.getvalue().encode(), "text/csv")},
        headers=EN,
    )
    assert r.status_code == 200, r.text
    assert f"Observations imported: {len(rows)} rows, {len(rows)} new points" in r.text
    assert 'href="/indicators/chi-so-nhap-thu/edit"' in r.text
    api = signed_in.get("/api/indicators/chi-so-nhap-thu").json()
    assert [o["value"] for o in api["observations"]] == [float(row["value"]) for row in rows]


def test_the_api_imports_an_export_and_a_second_time_changes_nothing(
    signed_in: TestClient, database: Database
) -> None:
    _, text = _accepted_csv(signed_in, database)
    r = signed_in.post(
        "/api/observations/import", files={"file": ("ban-xuat.csv", text.encode(), "text/csv")}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["rows"] >= 1
    assert body["observations_created"] == 0
    assert body["unchanged"] + body["sources_added"] == body["rows"]
    bad = signed_in.post("/api/observations/import", files={"file": ("ban-xuat.txt", b"x")})
    assert bad.status_code == 400
    assert bad.json()["code"] == "table_unknown_format"


def test_visitors_cannot_import(app: FastAPI) -> None:
    with TestClient(app) as visitor:
        assert visitor.post("/api/observations/import", files={"file": ("a.csv", b"")}).status_code == 401
        assert visitor.post("/imports/indicators", files={"file": ("a.yaml", b"")}).status_code in (401, 403)
