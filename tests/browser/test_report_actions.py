"""Reports in the browser (issue 14 item 2): retracting a report takes its point off the
indicator's chart; adding a report by its web address lands on its reader. With the keyboard,
and at 390 px wide."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from chiso.services import observations
from chiso.services.reports import add as reports
from tests.browser.conftest import EDITOR, PASSWORD, Live
from tests.browser.test_pages import chart_points
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser

PAGE = (
    "<html><head><title>Bản tin thử lấy từ máy chủ cục bộ</title></head><body><article>"
    "<p>Tính đến ngày 10/5/2025, thành phố đã cấp hơn 2 triệu tài khoản định danh điện tử.</p>"
    "<p>Sở phấn đấu chậm nhất ngày 31/12/2025 hoàn thành số hoá hồ sơ của 50 xã.</p>"
    "</article></body></html>"
).encode()


@pytest.fixture
def live_settings() -> dict[str, Any]:
    return {"allow_private_urls": True}  # the test page is served from 127.0.0.1


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/ban-tin.html":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ban-tin.html"
    server.shutdown()
    server.server_close()


def _sign_in(page: Any, live: Live, target: str) -> None:
    page.goto(f"{live.url}/login?next={target}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390"


def test_retracting_a_report_takes_its_point_off_the_chart(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    before = chart_points(page)
    assert before == len(observations.list_observations(live.db, SLUG))
    rid = live.world.report_ids[0]
    # the points only this report gives (a point another report gives too stays)
    only = [
        p for p in observations.list_observations(live.db, SLUG) if {s.report_id for s in p.sources} == {rid}
    ]
    assert only
    _sign_in(page, live, f"/reports/{rid}")
    # with the keyboard: open the retract section, say why, send
    page.focus("#retract summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "retract-reason"
    page.keyboard.type("Số liệu đã được cơ quan đính chính")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/reports/{rid}\?done=retracted$"))
    banner = page.locator("#retracted")
    assert banner.is_visible()
    assert "Số liệu đã được cơ quan đính chính" in banner.inner_text()
    assert page.locator(".page-head .badge.retracted").inner_text() == "Đã rút lại"

    page.goto(f"{live.url}/indicators/{SLUG}")
    assert chart_points(page) == before - len(only)
    assert chart_points(page) == len(observations.list_observations(live.db, SLUG))
    page.goto(f"{live.url}/reports")
    row = page.locator("tbody tr", has=page.locator(f'a[href="/reports/{rid}"]'))
    assert row.locator(".badge.retracted").count() == 1


def test_adding_a_report_by_its_address_lands_on_its_reader(browser: Any, live: Live, site: str) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        _sign_in(page, live, "/reports/new")
        _no_sideways_scroll(page)
        page.focus("#fetch_url")
        page.keyboard.type(site)
        page.keyboard.press("Enter")  # the form's first button: fetch the address
        page.wait_for_url(re.compile(r"/reports/\d+$"))
        rid = int(page.url.rsplit("/", 1)[1])
        assert page.locator("h1").inner_text() == "Bản tin thử lấy từ máy chủ cục bộ"
        assert page.locator("mark.k-figure").count() >= 1
        detail = reports.get_report(live.db, rid)
        assert (detail.source_kind, detail.url) == ("url", site)
        assert page.locator("#original-sha256").inner_text() == detail.original.sha256  # type: ignore[union-attr]
        _no_sideways_scroll(page)
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
