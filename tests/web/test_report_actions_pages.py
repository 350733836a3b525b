"""Reports in the browser (issue 14 item 2): adding one by web address, upload or paste;
editing its details; retracting it; downloading its original and its text. Each form and its
/api twin, with their error paths."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chiso.config import Settings
from chiso.services import observations, review
from chiso.services.reports import add as reports
from chiso.store.db import Database
from chiso.web.app import create_app
from tests.ingest.helpers import minimal_pdf
from tests.web.conftest import EDITOR_NAME, EDITOR_PASSWORD, csrf_token
from tests.web.helpers import TEXT, add, first
from tests.web.test_infrastructure import assert_error_shape

PAGE = (
    "<html><head><title>Tin thử từ máy chủ</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n"))
    + "</article></body></html>"
).encode()
PDF = minimal_pdf(["Tinh den ngay 15/3/2025, ca nuoc da kich hoat hon 60 trieu tai khoan."])
SLUG = "vneid-activated-accounts"


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, tuple[bytes, str]] = {}

    def do_GET(self) -> None:
        found = self.pages.get(self.path)
        if found is None:
            self.send_error(404)
            return
        body, ctype = found
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """A web server on 127.0.0.1 (a private address: fetched only when the setting allows it)."""
    _Pages.pages = {
        "/tin.html": (PAGE, "text/html; charset=utf-8"),
        "/bao-cao.pdf": (PDF, "application/pdf"),
        "/anh.png": (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def private_ok(database: Database, web_settings: Settings, editor: Any) -> Iterator[TestClient]:
    """A signed-in client of an app whose setting allows private addresses."""
    app = create_app(web_settings.model_copy(update={"allow_private_urls": True}), db=database)
    with TestClient(app) as c:
        token = csrf_token(c)
        r = c.post(
            "/login",
            data={"name": EDITOR_NAME, "password": EDITOR_PASSWORD, "csrf_token": token, "next": "/"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        c.headers["X-CSRF-Token"] = csrf_token(c)
        yield c


def _report_id(location: str) -> int:
    return int(location.split("?", 1)[0].rsplit("/", 1)[1])


# -- adding ---------------------------------------------------------------------------------


def test_the_form_offers_three_ways(client: TestClient) -> None:
    html = client.get("/reports/new", headers={"Accept-Language": "en"}).text
    for section in ('id="source-url"', 'id="source-file"', 'id="source-paste"'):
        assert section in html
    assert 'name="fetch_url"' in html
    assert html.count('name="source"') == 3


@pytest.mark.parametrize(("path", "title"), [("/tin.html", "Tin thử từ máy chủ"), ("/bao-cao.pdf", None)])
def test_a_web_address_is_fetched_and_lands_on_the_reader(
    private_ok: TestClient, database: Database, site: str, path: str, title: str | None
) -> None:
    r = private_ok.post("/reports/new", data={"fetch_url": site + path, "source": "url"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    rid = _report_id(r.headers["location"])
    detail = reports.get_report(database, rid)
    assert (detail.source_kind, detail.url) == ("url", site + path)
    if title:
        assert detail.title == title
    reader = private_ok.get(r.headers["location"])
    assert reader.status_code == 200
    assert f'href="/reports/{rid}/original"' in reader.text
    original = private_ok.get(f"/reports/{rid}/original")
    assert original.content == _Pages.pages[path][0]


def test_a_private_address_is_refused_unless_the_server_allows_it(
    signed_in: TestClient, database: Database, site: str
) -> None:
    r = signed_in.post(
        "/reports/new",
        data={"fetch_url": site + "/tin.html", "source": "url", "title": "giữ lại"},
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == 403
    assert "private addresses are not allowed" in r.text
    assert 'value="giữ lại"' in r.text  # the form again, with what was typed
    assert reports.count_reports(database) == 0
    api = signed_in.post("/api/reports/fetch", json={"url": site + "/tin.html"})
    assert api.status_code == 403
    assert api.json()["ok"] is False
    assert "127.0.0.1 is a loopback address" in api.json()["error"]


@pytest.mark.parametrize(
    ("fetch_url", "status", "code"),
    [
        ("", 400, "report_url_missing"),
        ("/etc/passwd", 400, "url_invalid"),  # never a path on the server
        ("file:///etc/passwd", 422, None),
    ],
)
def test_an_unusable_address_is_one_line_on_the_form(
    private_ok: TestClient, fetch_url: str, status: int, code: str | None
) -> None:
    r = private_ok.post("/reports/new", data={"fetch_url": fetch_url, "source": "url"})
    assert r.status_code == status
    assert r.text.count('class="flash error" role="alert"') == 1
    api = private_ok.post("/api/reports/fetch", json={"url": fetch_url or " "})
    assert 400 <= api.status_code < 500
    if code is not None:
        assert api.json()["code"] == code


def test_the_api_fetches_and_says_when_stored_already(private_ok: TestClient, site: str) -> None:
    first_ = private_ok.post("/api/reports/fetch", json={"url": site + "/tin.html", "published": "2025-03-20"})
    assert first_.status_code == 201, first_.text
    again = private_ok.post("/api/reports/fetch", json={"url": site + "/tin.html"})
    assert again.status_code == 200
    assert again.json()["report_id"] == first_.json()["report_id"]
    assert first_.headers["location"] == f"/api/reports/{first_.json()['report_id']}"


def test_an_unreachable_page_is_a_4xx(private_ok: TestClient, site: str) -> None:
    r = private_ok.post("/reports/new", data={"fetch_url": site + "/missing", "source": "url"})
    assert 400 <= r.status_code < 500
    assert 'action="/reports/new"' in r.text


@pytest.mark.parametrize(
    ("name", "content", "ctype"),
    [
        ("tin.html", PAGE, "text/html"),
        ("bao-cao.pdf", PDF, "application/pdf"),
        ("tin.txt", TEXT.encode("utf-16"), "text/plain"),
    ],
)
def test_an_upload_is_kept_as_received(
    signed_in: TestClient, database: Database, name: str, content: bytes, ctype: str
) -> None:
    r = signed_in.post(
        "/reports/new", data={"source": "file"}, files={"file": (name, content, ctype)}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    rid = _report_id(r.headers["location"])
    got = signed_in.get(f"/reports/{rid}/original")
    assert got.content == content
    assert got.headers["x-checksum-sha256"] == hashlib.sha256(content).hexdigest()
    api = signed_in.post("/api/reports/upload", files={"file": (name, content, ctype)})
    assert (api.status_code, api.json()["report_id"]) == (200, rid)  # stored already


@pytest.mark.parametrize(
    ("data", "files", "code"),
    [
        ({"source": "file"}, {"file": ("x.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")}, "binary_file"),
        ({"source": "file"}, None, "report_text_missing"),
        ({"source": "paste", "text": "  \n "}, None, "pasted_empty"),
    ],
)
def test_an_unsupported_upload_or_an_empty_paste_is_refused(
    signed_in: TestClient, database: Database, data: dict[str, str], files: Any, code: str
) -> None:
    r = signed_in.post("/reports/new", data=data, files=files)
    assert r.status_code == 400
    assert r.text.count('class="flash error" role="alert"') == 1
    assert reports.count_reports(database) == 0
    if files is not None:
        api = signed_in.post("/api/reports/upload", files=files)
    else:
        api = signed_in.post("/api/reports", json={"text": data.get("text") or " "})
    assert api.status_code in (400, 422)
    if files is not None:
        assert api.json()["code"] == code


def test_a_paste_lands_on_its_reader(signed_in: TestClient, database: Database) -> None:
    r = signed_in.post(
        "/reports/new", data={"source": "paste", "text": TEXT, "published": "2025-03-20"}, follow_redirects=False
    )
    assert r.status_code == 303
    rid = _report_id(r.headers["location"])
    assert signed_in.get(f"/reports/{rid}/original").content == TEXT.encode("utf-8")


# -- editing and retracting -------------------------------------------------------------------


def test_editing_details_redirects_with_a_confirmation(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    r = signed_in.post(
        f"/reports/{detail.id}/edit",
        data={"title": "Tên mới", "publisher": "", "url": "https://example.org/a", "published": "2025-04-02"},
        follow_redirects=False,
    )
    assert (r.status_code, r.headers["location"]) == (303, f"/reports/{detail.id}?done=edited")
    page = signed_in.get(r.headers["location"], headers={"Accept-Language": "en"})
    assert "The report&#39;s details were saved." in page.text
    after = reports.get_report(database, detail.id)
    assert (after.title, after.publisher, after.url, after.published_on) == (
        "Tên mới",
        None,
        "https://example.org/a",
        date(2025, 4, 2),
    )


def test_a_bad_date_is_one_line_on_the_reader(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    r = signed_in.post(f"/reports/{detail.id}/edit", data={"title": "x", "published": "2/4/2025"})
    assert r.status_code == 400
    assert r.text.count('id="form-error"') == 1
    assert reports.get_report(database, detail.id).title == "Bản tin thử nghiệm"


def test_the_api_edits(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    r = signed_in.post(f"/api/reports/{detail.id}/edit", json={"publisher": "Báo mới"})
    assert r.status_code == 200, r.text
    assert r.json()["changed"] == {"publisher": ["Tòa soạn thử", "Báo mới"]}
    assert reports.get_report(database, detail.id).title == "Bản tin thử nghiệm"  # left out: kept
    bad = signed_in.post(f"/api/reports/{detail.id}/edit", json={"published": None})
    assert bad.status_code == 400
    assert_error_shape(bad.json(), 400)
    missing = signed_in.post("/api/reports/999999/edit", json={"title": "x"})
    assert missing.status_code == 404


def test_retracting_marks_the_report_and_empties_its_points(signed_in: TestClient, database: Database) -> None:
    detail = add(database)
    review.accept(database, first(detail), indicator=SLUG, actor="t")
    assert len(observations.list_observations(database, SLUG)) == 1
    r = signed_in.post(f"/reports/{detail.id}/retract", data={"reason": "bị đính chính"}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, f"/reports/{detail.id}?done=retracted")
    assert observations.list_observations(database, SLUG) == []
    page = signed_in.get(r.headers["location"], headers={"Accept-Language": "en"})
    assert 'id="retracted"' in page.text
    assert "bị đính chính" in page.text
    assert f'action="/reports/{detail.id}/retract"' not in page.text
    listing = signed_in.get("/reports", headers={"Accept-Language": "en"})
    assert 'class="badge retracted"' in listing.text
    assert signed_in.get("/api/reports").json()["reports"][0]["retracted"] is True
    # twice: a clear error on the reader, and a 409 from the API
    again = signed_in.post(f"/reports/{detail.id}/retract", data={"reason": "lần nữa"})
    assert again.status_code == 409
    assert again.text.count('id="form-error"') == 1
    api = signed_in.post(f"/api/reports/{detail.id}/retract", json={"reason": "lần nữa"})
    assert api.status_code == 409
    assert_error_shape(api.json(), 409)
    assert api.json()["code"] == "report_already_retracted"
    # nothing in it can be accepted
    accept = signed_in.post(f"/api/mentions/{first(detail, 'deadline')}/accept", json={})
    assert (accept.status_code, accept.json()["code"]) == (409, "report_retracted")


def test_retracting_needs_a_reason_an_editor_and_the_csrf_token(
    signed_in: TestClient, client: TestClient, database: Database
) -> None:
    detail = add(database)
    r = signed_in.post(f"/reports/{detail.id}/retract", data={"reason": "  "})
    assert r.status_code == 400
    assert r.text.count('id="form-error"') == 1
    api = signed_in.post(f"/api/reports/{detail.id}/retract", json={"reason": "rút"})
    assert api.status_code == 200
    assert api.json()["report_id"] == detail.id
    other = add(database, TEXT + "\nThêm một câu.", title="Khác")
    token = signed_in.headers.pop("X-CSRF-Token")
    assert signed_in.post(f"/reports/{other.id}/retract", data={"reason": "rút"}).status_code == 403
    signed_in.headers["X-CSRF-Token"] = token
    with TestClient(signed_in.app) as anonymous:
        assert anonymous.post(f"/api/reports/{other.id}/retract", json={"reason": "rút"}).status_code == 401
    assert not reports.get_report(database, other.id).retracted


# -- downloads --------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/api"])
def test_the_original_and_the_text_download(client: TestClient, database: Database, prefix: str) -> None:
    detail = add(database)
    original = client.get(f"{prefix}/reports/{detail.id}/original")
    assert original.status_code == 200
    assert original.content == TEXT.encode("utf-8")
    assert original.headers["content-type"] == "text/plain; charset=utf-8"
    assert original.headers["content-disposition"] == f'attachment; filename="report-{detail.id}.txt"'
    assert original.headers["x-checksum-sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert original.headers["x-content-type-options"] == "nosniff"
    text = client.get(f"{prefix}/reports/{detail.id}/text")
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert text.content.decode("utf-8") == reports.get_report(database, detail.id).text
    missing = client.get(f"{prefix}/reports/999999/original")
    assert missing.status_code == 404


def test_the_reader_shows_the_checksum(client: TestClient, database: Database) -> None:
    detail = add(database)
    html = client.get(f"/reports/{detail.id}").text
    assert hashlib.sha256(TEXT.encode()).hexdigest() in html
    assert f'href="/reports/{detail.id}/text"' in html
