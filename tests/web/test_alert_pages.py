"""The alerts page and its API twin (any signed-in user, CSRF checked), and the Atom feeds that
need no account: valid Atom 1.0 (well-formed XML; feedparser reads it as Atom with no error;
every entry has its id, title, updated, author and link)."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import Any

import feedparser
import pytest

from chiso.services import audit, observations
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Indicator, Mention, Report

ATOM = "{http://www.w3.org/2005/Atom}"
OWNER = "Sở Thông tin & Truyền thông\nHà Nội"  # a line break in a name must not break anything
TODAY = date.today()


@pytest.fixture
def tracked(database: Database) -> dict[str, Any]:
    """An indicator with two observations (one stated by a report), and a commitment with
    events, of one owner and programme; names with markup and a line break."""
    with database.transaction() as s:
        ind = Indicator(
            slug="ho-so-truc-tuyen",
            name_vi="Hồ sơ trực tuyến <toàn trình>",
            name_en="Online applications <end to end>",
            unit="hồ sơ",
            measure="cumulative",
            owner=OWNER,
            programme="Đề án 06",
            created_at=audit.now(),
        )
        text = "Đến hết tháng 5, thành phố đã tiếp nhận 120.000 hồ sơ trực tuyến toàn trình."
        report = Report(
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
            lang="vi",
            published_on=date(2026, 6, 2),
            added_at=audit.now(),
            extractor_version="test",
            title="Hồ sơ trực tuyến & dịch vụ công",
            url="https://tin.example.vn/ho-so?a=1&b=2",
        )
        s.add_all([ind, report])
        s.flush()
        for value, day in ((9e4, date(2026, 4, 30)), (1.2e5, date(2026, 5, 31))):
            o, _ = observations.find_or_create(
                s,
                ind.id,
                observations.Stated(value),
                observations.ObservationDates(day, None, None, day, False),
            )
        start = text.index("120.000")
        s.add(
            Mention(
                report_id=report.id,
                kind="figure",
                start=start,
                end=start + 7,
                quote="120.000",
                value=1.2e5,
                state="accepted",
                indicator_id=ind.id,
                observation_id=o.id,
                extractor_version="test",
            )
        )
        c = Commitment(
            title="Kết nối <b>100%</b> xã với cổng dịch vụ công",
            owner=OWNER,
            programme="Đề án 06",
            due_end=TODAY + timedelta(days=10),
            precision="day",
            status="open",
            created_at=audit.now(),
        )
        s.add(c)
        s.flush()
        s.add_all(
            [
                CommitmentEvent(commitment_id=c.id, at=audit.now(), kind="created", state="confirmed"),
                CommitmentEvent(
                    commitment_id=c.id,
                    at=audit.now(),
                    kind="due_changed",
                    state="confirmed",
                    old_due_end=TODAY,
                    new_due_end=TODAY + timedelta(days=10),
                    note="dời hạn\nvì thiếu kinh phí",
                ),
            ]
        )
        done = Commitment(
            title="Ban hành quy chế",
            owner="Bộ Nội vụ",
            programme="Khác",
            due_end=TODAY - timedelta(days=3),
            precision="day",
            status="met",
            resolved_on=TODAY - timedelta(days=4),
            created_at=audit.now(),
        )
        s.add(done)
        s.flush()
        return {"slug": ind.slug, "commitment": c.id, "other": done.id}


def _valid_atom(body: bytes) -> Any:
    root = ET.fromstring(body)  # well-formed, or this raises
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "author", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id
    assert parsed.feed.title
    assert parsed.feed.updated
    for e in parsed.entries:
        assert e.id
        assert e.title
        assert e.updated
        assert e.author
        assert e.link
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    return parsed


def test_indicator_feed(client: Any, tracked: dict[str, Any]) -> None:
    r = client.get(f"/feeds/indicators/{tracked['slug']}.atom", headers={"Accept-Language": "en"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = _valid_atom(r.content)
    assert feed.feed.title.startswith("Online applications <end to end>")  # text, escaped in the XML
    assert [e.title for e in feed.entries] == ["120,000 hồ sơ (2026-05-31)", "90,000 hồ sơ (2026-04-30)"]
    assert feed.entries[0].link == "https://tin.example.vn/ho-so?a=1&b=2"
    assert re.search(rf"/indicators/{tracked['slug']}#observation-\d+$", feed.entries[1].link)
    assert "<end to end>" not in r.text
    assert client.get("/feeds/indicators/khong-co.atom").status_code == 404


def test_commitment_feed(client: Any, tracked: dict[str, Any]) -> None:
    r = client.get(f"/feeds/commitments/{tracked['commitment']}.atom", headers={"Accept-Language": "vi"})
    feed = _valid_atom(r.content)
    assert len(feed.entries) == 2
    assert any(e.title.startswith("Dời hạn") or "→" in e.title for e in feed.entries)
    assert "<b>" not in r.text.replace("&lt;b&gt;", "")
    assert client.get("/feeds/commitments/999999.atom").status_code == 404


def test_deadlines_and_owner_feeds(client: Any, tracked: dict[str, Any]) -> None:
    every = _valid_atom(client.get("/feeds/deadlines.atom", headers={"Accept-Language": "en"}).content)
    titles = [e.title for e in every.entries]
    assert len(titles) == 2
    assert any(t.startswith("[Due soon]") for t in titles)
    assert any(t.startswith("[met]") for t in titles)
    one = _valid_atom(client.get("/feeds/deadlines.atom", params={"programme": "Đề án 06"}).content)
    assert [e.id for e in one.entries] == [f"urn:chiso:deadline:{tracked['commitment']}"]
    owner = _valid_atom(client.get("/feeds/owners/so-thong-tin-truyen-thong-ha-noi.atom").content)
    assert [e.id for e in owner.entries] == [f"urn:chiso:deadline:{tracked['commitment']}"]
    assert client.get("/feeds/owners/khong-ai.atom").status_code == 404


def test_pages_name_their_feeds(client: Any, tracked: dict[str, Any]) -> None:
    alternate = '<link rel="alternate" type="application/atom+xml"'
    ind = client.get(f"/indicators/{tracked['slug']}").text
    assert alternate in ind
    assert f"/feeds/indicators/{tracked['slug']}.atom" in ind
    page = client.get(f"/commitments/{tracked['commitment']}").text
    assert f"/feeds/commitments/{tracked['commitment']}.atom" in page
    assert "/feeds/owners/so-thong-tin-truyen-thong-ha-noi.atom" in page
    assert "/feeds/deadlines.atom" in client.get("/deadlines").text


# --- the alerts page --------------------------------------------------------------------------


def test_alerts_need_a_signed_in_user(client: Any) -> None:
    r = client.get("/account/alerts?kind=owner", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/account/alerts%3Fkind%3Downer"
    assert client.get("/api/account/alerts").status_code == 401
    r = client.post("/account/alerts", data={"kind": "owner", "key": "x", "email": "a@b.vn"})
    assert r.status_code == 401


def test_subscribe_from_the_page(signed_in: Any, tracked: dict[str, Any]) -> None:
    page = signed_in.get(f"/account/alerts?kind=indicator&key={tracked['slug']}")
    assert page.status_code == 200
    assert f'value="{tracked["slug"]}"' in page.text
    assert 'name="csrf_token"' in page.text
    token = signed_in.headers.pop("X-CSRF-Token")
    refused = signed_in.post(
        "/account/alerts", data={"kind": "indicator", "key": tracked["slug"], "email": "a@b.vn"}
    )
    assert refused.status_code == 403  # no CSRF token
    form = {
        "csrf_token": token,
        "kind": "indicator",
        "key": tracked["slug"],
        "email": "ban@vi-du.vn",
        "lang": "en",
    }
    r = signed_in.post("/account/alerts", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/account/alerts?done=added"
    again = signed_in.post("/account/alerts", data=form)
    assert again.status_code == 409
    assert 'role="alert"' in again.text
    bad = signed_in.post("/account/alerts", data=form | {"key": "x", "email": "a@b.vn\nBcc: c@d.vn"})
    assert bad.status_code == 400
    assert "không phải địa chỉ e-mail" in bad.text
    listed = signed_in.get("/api/account/alerts").json()["subscriptions"]
    assert [(x["kind"], x["key"], x["email"]) for x in listed] == [
        ("indicator", tracked["slug"], "ban@vi-du.vn")
    ]
    r = signed_in.post(
        f"/account/alerts/{listed[0]['id']}/delete", data={"csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303
    assert signed_in.get("/api/account/alerts").json()["subscriptions"] == []


def test_subscribe_through_the_api(signed_in: Any, tracked: dict[str, Any]) -> None:
    r = signed_in.post(
        "/api/account/alerts",
        json={"kind": "owner", "key": OWNER, "webhook_url": "http://127.0.0.1:8/hook"},
    )
    assert r.status_code == 403
    assert r.json()["code"] == "address_blocked"
    r = signed_in.post(
        "/api/account/alerts",
        json={"kind": "commitment", "key": str(tracked["commitment"]), "email": "x@y.vn"},
    )
    assert r.status_code == 201
    sub = r.json()
    assert sub["feed"] == f"/feeds/commitments/{tracked['commitment']}.atom"
    assert signed_in.delete(f"/api/account/alerts/{sub['id']}").status_code == 200
    assert signed_in.delete(f"/api/account/alerts/{sub['id']}").status_code == 404


@pytest.mark.parametrize("programme", ["\x00", "a\x1fb", "\ufffe", "a\u2028b"])
def test_a_programme_xml_cannot_hold_still_makes_a_valid_feed(client: Any, programme: str) -> None:
    r = client.get("/feeds/deadlines.atom", params={"programme": programme})
    assert r.status_code == 200
    _valid_atom(r.content)
