"""Syndicated copies in the web app: the indicator table lists a copy under its story ("also
published by …") and the chart's source count is the number of stories; accepting a copy in the
reader says it adds no corroboration."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from chiso.services import review
from chiso.store.db import Database
from tests.services.test_syndicated_sources import SLUG, three  # noqa: F401 (fixture)

HX = {"HX-Request": "true"}
EN = {"Accept-Language": "en"}


def test_indicator_table_groups_copies_under_their_story(
    client: TestClient,
    three: tuple[Database, list[int], list[int]],  # noqa: F811
) -> None:
    db, _reports, (original, copy, other) = three
    for mid in (original, copy, other):
        review.accept(db, mid, indicator=SLUG, actor="lan")
    html = client.get(f"/indicators/{SLUG}", headers=EN).text
    row = re.search(r'<tr id="obs-\d+".*?</tr>', html, flags=re.S)
    assert row is not None
    cell = row.group(0)
    assert 'data-sources="2"' in cell  # the chart's tooltip counts stories
    assert cell.count('class="q"') == 2  # one quote per story
    copies = re.search(r'<small class="muted copies">(.*?)</small>', cell, flags=re.S)
    assert copies is not None
    assert "Also published by" in copies.group(1)
    assert "Báo Đăng Lại" in copies.group(1)
    assert "Báo Độc Lập" not in copies.group(1)
    dashboard = client.get("/api/dashboard").json()
    rows = [r for g in dashboard["groups"] for r in g["rows"]]
    assert [r["source_count"] for r in rows if r["slug"] == SLUG] == [2]


def test_accepting_a_copy_in_the_reader_says_it_adds_nothing(
    signed_in: TestClient,
    three: tuple[Database, list[int], list[int]],  # noqa: F811
) -> None:
    db, _reports, (original, copy, _other) = three
    review.accept(db, original, indicator=SLUG, actor="lan")
    r = signed_in.post(f"/mentions/{copy}/accept", data={"indicator": SLUG}, headers={**HX, **EN})
    assert r.status_code == 200, r.text
    assert "a copy of a story already counted" in r.text


def test_commitment_page_lists_a_syndicated_statement_under_its_story(
    client: TestClient, database: Database
) -> None:
    from tests.services.test_commitments import CENTRE_DL, DATA_CENTRE, add_report

    first, (m1,) = add_report(database, DATA_CENTRE, date(2026, 1, 20), (CENTRE_DL,))
    _, (m2,) = add_report(
        database, DATA_CENTRE + " (Đăng lại.)", date(2026, 1, 21), (CENTRE_DL,), story=first
    )
    cid = review.accept(database, m1, actor="lan").commitment_id
    review.accept(database, m2, commitment_id=cid, actor="lan")
    detail = client.get(f"/api/commitments/{cid}").json()["commitment"]
    assert {s["mention_id"]: s["copy_of"] for s in detail["sources"]} == {m1: None, m2: m1}
    html = client.get(f"/commitments/{cid}", headers=EN).text
    assert html.count('class="q"') == 1
    assert '<small class="muted copies">Also published by' in html
