"""The report list, the reader, adding a report and search: every route answers, text stays inert."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fastapi.testclient import TestClient

from chiso.services.reports import add as reports
from chiso.store.db import Database
from chiso.web.pages.reports import segments
from chiso.web.pages.search import snippet
from tests.web.helpers import EVIL, IMG, SCRIPT, TEXT, add, first
from tests.web.test_infrastructure import assert_error_shape


@pytest.fixture
def report_id(database: Database) -> int:
    return add(database).id


def _pages(rid: int, mid: int) -> list[str]:
    return [
        "/reports",
        "/reports?q=t%C3%A0i%20kho%E1%BA%A3n",
        "/reports/new",
        f"/reports/{rid}",
        f"/mentions/{mid}/panel",
        f"/mentions/{mid}/panel?view=row",
        "/review",
        "/review?kind=figure",
        "/review?kind=deadline",
        "/search?q=t%C3%A0i%20kho%E1%BA%A3n",
        "/search",
        "/login",
        "/docs",
    ]


def _api(rid: int, mid: int) -> list[str]:
    return [
        "/api/reports",
        f"/api/reports/{rid}",
        "/api/mentions",
        f"/api/mentions?report_id={rid}&state=pending&kind=figure",
        f"/api/mentions/{mid}",
        "/api/review",
        "/api/search?q=VNeID",
        "/api/openapi.json",
        "/api/health",
    ]


def test_every_route_answers(client: TestClient, database: Database) -> None:
    detail = add(database)
    mid = first(detail)
    for path in _pages(detail.id, mid):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html"), path
    for path in _api(detail.id, mid):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("application/json"), path


def test_every_page_has_a_json_twin(client: TestClient, report_id: int) -> None:
    api = client.get(f"/api/reports/{report_id}").json()
    assert api.pop("next_url") is None  # the API pages a report's mentions; this one is one page
    twin = api
    assert client.get(f"/reports/{report_id}?format=json").json() == twin
    assert client.get(f"/reports/{report_id}", headers={"Accept": "application/json"}).json() == twin
    assert twin["report"]["text"] == reports.get_report(client.app.state.db, report_id).text  # type: ignore[attr-defined]
    assert client.get("/reports?format=json").json() == client.get("/api/reports").json()
    assert client.get("/review?format=json").json()["total"] == client.get("/api/review").json()["total"]


@pytest.mark.parametrize("path", ["/reports/999999", "/mentions/999999/panel", "/reports/not-a-number"])
def test_missing_things_are_friendly_404s(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"]
    assert "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/api/reports/999999", "/api/mentions/999999", "/api/reports/x"])
def test_missing_things_are_json_404s(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert_error_shape(r.json(), 404)


@pytest.mark.parametrize(
    "path", ["/api/reports?limit=0", "/api/mentions?state=maybe", "/api/mentions?offset=-1"]
)
def test_bad_parameters_are_json_422s(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 422
    assert_error_shape(r.json(), 422)


# -- the reader ------------------------------------------------------------------------------


def test_reader_highlights_mentions_by_kind_and_state(client: TestClient, database: Database) -> None:
    detail = add(database)
    html = client.get(f"/reports/{detail.id}").text
    for m in detail.mentions:
        mark = re.search(
            rf'<mark class="m k-{m.kind} s-{m.state}" id="m{m.id}" data-mention="{m.id}"[^>]*>', html
        )
        assert mark, m.quote
        assert f'hx-get="/mentions/{m.id}/panel"' in mark.group(0)
        assert "data-nav-item" in mark.group(0)  # pending: reachable with j/k
    # The text is all there, in order, once the marks are taken out.
    article = html.split('data-report="', 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    assert re.sub(r"<[^>]+>", "", article).strip() == detail.text.strip()


def test_reader_keyboard_hints(client: TestClient, report_id: int) -> None:
    html = client.get(f"/reports/{report_id}").text
    assert 'data-keys="j k a r"' in html
    assert "<kbd>j</kbd>" in html
    assert 'src="/static/app.js"' in html
    assert 'src="/static/vendor/htmx.min.js"' in html


def test_report_text_is_inert_in_the_reader(client: TestClient, database: Database) -> None:
    detail = add(database, EVIL, title="Tiêu đề <script>alert('t')</script>")
    html = client.get(f"/reports/{detail.id}").text
    assert SCRIPT not in html
    assert IMG not in html
    assert "<script>alert" not in html
    # The extractor may mark the "1" of alert(1); the escaped text is there around the marks.
    plain = re.sub(r"<mark [^>]*>|</mark>", "", html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in plain
    assert "&lt;img src=x onerror=alert(1)&gt;" in plain
    # The JSON twin keeps the text as it is (JSON is not HTML).
    assert SCRIPT in client.get(f"/api/reports/{detail.id}").json()["report"]["text"]


def test_report_text_is_inert_in_search_and_review(client: TestClient, database: Database) -> None:
    add(database, EVIL)
    for path in ["/search?q=alert", "/search?q=onerror", "/review", "/reports"]:
        html = client.get(path).text
        assert SCRIPT not in html, path
        assert IMG not in html, path
        assert "onerror=alert(1)>" not in html, path


def test_javascript_urls_are_not_links(client: TestClient, database: Database) -> None:
    from chiso.ingest.files import read_pasted

    result = reports.add_report(database, read_pasted(TEXT, max_bytes=10**6), url="javascript:alert(1)")
    html = client.get(f"/reports/{result.report_id}").text
    assert 'href="javascript:' not in html


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abcdef", [], "abcdef"),
        ("abcdef", [(1, 3)], "a[bc]def"),
        ("abcdef", [(0, 6), (2, 4)], "[ab[cd]ef]"),
        ("abcdef", [(0, 3), (2, 5)], "[ab[c]]def"),  # crossing: clipped for display
        ("abcdef", [(0, 2), (2, 4)], "[ab][cd]ef"),
        ("abcdef", [(4, 9), (-1, 2), (3, 3)], "abcdef"),  # offsets outside the text are skipped
    ],
)
def test_segments_nest_marks(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    from chiso.services.schemas import MentionOut

    mentions = [
        MentionOut(
            id=i + 1,
            report_id=1,
            kind="figure",
            start=s,
            end=e,
            quote=text[max(s, 0) : e],
            confidence=0.5,
            state="pending",
        )
        for i, (s, e) in enumerate(spans)
    ]
    out = "".join(
        "[" if seg.kind == "open" else "]" if seg.kind == "close" else seg.text
        for seg in segments(text, mentions)
    )
    assert out == expected


@pytest.mark.parametrize(
    ("text", "q", "match"),
    [
        ("Có hơn 60 triệu tài khoản", "tài khoản", "tài khoản"),
        ("Có hơn 60 triệu TÀI KHOẢN", "tài khoản", "TÀI KHOẢN"),
        ("không có gì", "xyz", ""),
    ],
)
def test_search_snippet(text: str, q: str, match: str) -> None:
    before, found, after = snippet(text, q)
    assert found == match
    if match:
        assert (before + found + after).replace("…", "") == text


# -- search ----------------------------------------------------------------------------------


def test_search_finds_reports_and_indicators(client: TestClient, report_id: int) -> None:
    html = client.get("/search", params={"q": "định danh"}).text
    assert f'href="/reports/{report_id}"' in html
    assert "<mark>định danh</mark>" in html
    data = client.get("/api/search", params={"q": "định danh"}).json()
    assert [h["report"]["id"] for h in data["reports"]] == [report_id]
    assert client.get("/search", params={"q": "x"}).json if True else None
    assert "hai ký tự" in client.get("/search", params={"q": "x"}).text


@pytest.mark.parametrize(
    "q",
    [
        "ĐỊNH DANH",  # capitals: SQLite's lower() only knows ASCII
        unicodedata.normalize("NFD", "định danh"),  # typed decomposed
        "Định Danh",
    ],
)
def test_search_finds_vietnamese_in_capitals_and_decomposed(
    client: TestClient, report_id: int, q: str
) -> None:
    data = client.get("/api/search", params={"q": q}).json()
    assert [h["report"]["id"] for h in data["reports"]] == [report_id]


def test_search_takes_wildcards_as_spaces(client: TestClient, report_id: int) -> None:
    """A query is words: LIKE's and FTS's special characters separate them and match nothing."""
    assert [
        h["report"]["id"] for h in client.get("/api/search", params={"q": "định%danh"}).json()["reports"]
    ] == [report_id]
    assert client.get("/api/search", params={"q": "danh%zzq"}).json()["reports"] == []
    assert client.get("/api/search", params={"q": "k_zzq"}).json()["reports"] == []


# -- adding a report -------------------------------------------------------------------------


def test_adding_needs_sign_in(client: TestClient) -> None:
    from tests.web.conftest import csrf_token

    token = csrf_token(client, "/reports/new")
    r = client.post("/reports/new", data={"text": TEXT, "csrf_token": token})
    assert r.status_code == 401
    assert "text/html" in r.headers["content-type"]


def test_paste_adds_a_report_and_lands_on_its_reader(signed_in: TestClient, database: Database) -> None:
    r = signed_in.post(
        "/reports/new",
        data={"text": TEXT, "title": "Dán thử", "published": "2025-03-16"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    rid = int(r.headers["location"].rsplit("/", 1)[1])
    detail = reports.get_report(database, rid)
    assert detail.title == "Dán thử"
    assert str(detail.published_on) == "2025-03-16"
    page = signed_in.get(r.headers["location"])
    assert "Dán thử" in page.text
    assert "k-figure" in page.text
    # The same text again lands on the same report.
    again = signed_in.post("/reports/new", data={"text": TEXT}, follow_redirects=False)
    assert again.headers["location"] == f"/reports/{rid}"


@pytest.mark.parametrize(
    ("name", "content", "ctype"),
    [
        ("ban-tin.txt", TEXT.encode("utf-8"), "text/plain"),
        (
            "ban-tin.html",
            f"<html><head><title>Trang thử</title></head><body><article><p>{TEXT}</p></article></body></html>".encode(),
            "text/html",
        ),
        ("cp1258.txt", TEXT.encode("utf-8"), "application/octet-stream"),
    ],
)
def test_upload_adds_a_report(
    signed_in: TestClient, database: Database, name: str, content: bytes, ctype: str
) -> None:
    r = signed_in.post(
        "/reports/new", files={"file": (name, content, ctype)}, data={"text": ""}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    rid = int(r.headers["location"].rsplit("/", 1)[1])
    assert "60 triệu" in reports.get_report(database, rid).text


@pytest.mark.parametrize(
    ("data", "files", "status", "says"),
    [
        ({"text": "   "}, None, 400, "paste"),
        ({"text": TEXT, "published": "16/03/2025"}, None, 400, "YYYY-MM-DD"),
        ({"text": ""}, {"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")}, 400, "binary"),
    ],
)
def test_unusable_input_shows_the_form_again(
    signed_in: TestClient, data: dict[str, str], files: object, status: int, says: str
) -> None:
    # In the English UI the reason is the message as raised (test_error_messages: the Vietnamese).
    r = signed_in.post(
        "/reports/new",
        data=data,
        files=files,  # type: ignore[arg-type]
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == status
    assert says in r.text
    assert 'action="/reports/new"' in r.text  # the form, with the person's input kept
    if data.get("text", "").strip():
        assert "60 triệu" in r.text


def test_a_file_over_the_limit_is_413(signed_in: TestClient) -> None:
    from tests.web.conftest import TEST_MAX_BYTES

    # Over the report limit but within the body allowance: the reader refuses it.
    r = signed_in.post(
        "/reports/new", files={"file": ("big.txt", b"a " * (TEST_MAX_BYTES // 2 + 10), "text/plain")}
    )
    assert r.status_code == 413
    # Far over: the body limit refuses it before the form is parsed.
    r = signed_in.post("/reports/new", files={"file": ("big.txt", b"a" * (TEST_MAX_BYTES * 2), "text/plain")})
    assert r.status_code == 413


def test_adding_without_csrf_is_refused(signed_in: TestClient) -> None:
    del signed_in.headers["X-CSRF-Token"]
    r = signed_in.post("/reports/new", data={"text": TEXT})
    assert r.status_code == 403


def test_a_form_without_javascript_sends_its_csrf_field(signed_in: TestClient) -> None:
    """A plain multipart form post (no htmx header) is accepted with the hidden csrf_token field."""
    token = signed_in.headers.pop("X-CSRF-Token")
    r = signed_in.post(
        "/reports/new",
        data={"csrf_token": token, "text": ""},
        files={"file": ("a.txt", TEXT.encode(), "text/plain")},
        follow_redirects=False,
    )
    assert r.status_code == 303
