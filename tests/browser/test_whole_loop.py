"""The README's whole loop as a new editor does it in the browser, with the keyboard where it can
(issue 14): sign in, add a report by its web address, open it in the reader, accept a figure
into an indicator and a deadline as a commitment, resolve the commitment, see the deadline board
change, download the indicator's CSV (licence, permalink, access date) and copy its citation.

The report is a page written for this test, served by a local http.server on 127.0.0.1 (the live
app allows private addresses for it)."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from chiso.services import commitments, review
from chiso.services.reports import add as reports
from tests.browser.conftest import EDITOR, PASSWORD, Live, shot

pytestmark = pytest.mark.browser

SLUG = "vneid-activated-accounts"
TITLE = "Tỉnh thử nghiệm đẩy mạnh chuyển đổi số trong quý"
#: A news-like page (its sentences written for this test): one figure, one dated promise.
PAGE = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>" + TITLE + "</title>"
    "<meta property='og:site_name' content='Cổng tin thử nghiệm'></head><body>"
    "<header><nav><a href='/'>Trang chủ</a> · <a href='/xa-hoi'>Xã hội</a></nav></header>"
    "<article><h1>" + TITLE + "</h1><p class='meta'>Thứ Hai, 12/05/2025</p>"
    "<p>Tính đến ngày 30/4/2025, cả nước đã kích hoạt hơn 59 triệu tài khoản định danh điện tử, "
    "trong đó nhiều nhất là các thành phố lớn.</p>"
    "<p>Sở Khoa học và Công nghệ cam kết chậm nhất ngày 30/9/2025 hoàn thành việc cấp chữ ký số "
    "miễn phí cho toàn bộ cán bộ cấp xã của tỉnh.</p>"
    "</article><footer>Bản quyền thuộc cổng tin thử nghiệm.</footer></body></html>"
).encode()


@pytest.fixture
def live_settings() -> dict[str, Any]:
    return {"allow_private_urls": True}  # the page is served from 127.0.0.1


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/tin/chuyen-doi-so.html":
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
    yield f"http://127.0.0.1:{server.server_address[1]}/tin/chuyen-doi-so.html"
    server.shutdown()
    server.server_close()


@pytest.fixture
def cpage(browser: Any) -> Iterator[Any]:
    """A page whose context may use the clipboard and downloads (Vietnamese, 1280 px)."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _focused(page: Any) -> str:
    return str(
        page.evaluate(
            "() => document.activeElement && (document.activeElement.id || document.activeElement.name || document.activeElement.tagName)"
        )
    )


def test_the_whole_loop_without_a_terminal(cpage: Any, live: Live, site: str) -> None:
    page = cpage
    # 1. sign in from the dashboard's own link, with the keyboard
    page.goto(live.url + "/")
    page.click("text=Đăng nhập")
    page.wait_for_url(re.compile(r"/login"))
    page.keyboard.type(EDITOR)  # the name field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    shot(page, "loop-1-signed-in")

    # 2. add the report by its address: "+ Add report" on the dashboard
    page.click("#add-report")  # the dashboard offers it to editors
    page.wait_for_url(re.compile(r"/reports/new$"))
    page.focus("#fetch_url")
    page.keyboard.type(site)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reports/\d+$"))
    rid = int(page.url.rsplit("/", 1)[1])
    detail = reports.get_report(live.db, rid)
    assert (detail.source_kind, detail.url, detail.title) == ("url", site, TITLE)
    assert detail.published_on == date(2025, 5, 12)
    assert page.locator("h1").inner_text() == TITLE
    figure = next(m for m in detail.mentions if m.kind == "figure")
    deadline = next(m for m in detail.mentions if m.kind == "deadline")
    shot(page, "loop-2-reader")
    # the page says who may reuse it: record its publisher's licence, with the keyboard
    page.focus("#licence > summary")
    page.keyboard.press("Enter")
    page.focus("#publisher-licence")
    page.keyboard.type("© Cổng tin thử nghiệm")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/reports/{rid}" in page.url
    assert "© Cổng tin thử nghiệm" in page.locator("#licence > summary").inner_text()
    page.goto(f"{live.url}/reports/{rid}")

    # 3. review in the reader: j opens the first pending mention (the figure), a accepts it into
    # its top suggested indicator
    page.keyboard.press("j")
    page.wait_for_selector(f'[data-mention-panel="{figure.id}"]')
    panel = page.locator(f'[data-mention-panel="{figure.id}"]')
    assert "Tài khoản định danh điện tử VNeID đã kích hoạt" in panel.inner_text()
    page.keyboard.press("a")
    page.wait_for_selector(f"#m{figure.id}.s-accepted")
    shot(page, "loop-3-accepted")
    # the reader goes on to the next pending mention by itself: the deadline
    page.wait_for_selector(f'[data-mention-panel="{deadline.id}"]')
    dpanel = page.locator(f'[data-mention-panel="{deadline.id}"]')
    assert "Nhận thành cam kết mới" in dpanel.inner_text()
    page.keyboard.press("a")
    page.wait_for_selector(f"#m{deadline.id}.s-accepted")
    decided = review.get_mention(live.db, deadline.id)
    cid = decided.commitment_id
    assert cid is not None
    assert page.locator("[data-decided-toast]").inner_text() == f"Đã nhận → cam kết #{cid}"
    shot(page, "loop-4-commitment-made")

    # 4. the board before: the new promise is there, overdue on today's date
    page.goto(f"{live.url}/deadlines")
    card = page.locator(f'li.cm:has(h4 a[href^="/commitments/{cid}?"])')
    assert card.get_attribute("class") == "cm st-overdue"  # due 30/9/2025, open today
    assert page.locator("#group-due").locator(card).count() == 1

    # 5. resolve it from its page (reached from the panel's link), with the keyboard
    page.goto(f"{live.url}/reports/{rid}#m{deadline.id}")
    page.click(f"#m{deadline.id}")
    page.click(f'#panel a[href="/commitments/{cid}"]')
    page.wait_for_url(re.compile(rf"/commitments/{cid}$"))
    page.focus("#update > summary")
    page.keyboard.press("Enter")
    page.focus("#act-resolve > summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page) == "resolve-status"
    page.select_option("#resolve-status", "met")
    page.keyboard.press("Tab")
    assert _focused(page) == "resolve-on"
    page.fill("#resolve-on", "2025-09-20")
    page.focus("#resolve-note")
    page.keyboard.type("Sở thông báo đã cấp xong chữ ký số")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/commitments/{cid}" in page.url
    shot(page, "loop-5-resolved")
    assert page.locator("[role=status]", has_text="Cam kết đã được giải quyết.").count() == 1
    resolved = commitments.get_commitment(live.db, cid)
    assert (resolved.status, resolved.resolved_on) == ("met", date(2025, 9, 20))

    # 6. the board after: the promise has moved to the resolved, met
    page.goto(f"{live.url}/deadlines")
    assert card.get_attribute("class") == "cm st-met"
    assert page.locator("#group-resolved").locator(card).count() == 1
    assert page.locator("#group-due").locator(card).count() == 0
    shot(page, "loop-6-board")

    # 7. the indicator's page: download its CSV (licence, permalink, access date for every row)
    page.goto(f"{live.url}/indicators/{SLUG}")
    with page.expect_download() as info:
        page.click(f'a[href="/indicators/{SLUG}.csv"]')
    download = info.value
    text = download.path().read_text(encoding="utf-8-sig")
    (ours,) = [r for r in csv.DictReader(io.StringIO(text)) if r["source_url"] == site]
    assert (ours["value"], ours["as_of"], ours["quote"]) == (
        "59000000",
        "2025-04-30",
        "hơn 59 triệu tài khoản định danh",
    )
    assert ours["licence"] == "© Cổng tin thử nghiệm"
    assert ours["permalink"] == f"{live.url}/reports/{rid}#m{figure.id}"
    assert ours["accessed_on"] == date.today().isoformat()

    # 8. copy the citation
    page.focus("#cite button[data-copy=cite-text]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#cite-status').textContent.trim() !== ''")
    assert page.locator("#cite-status").inner_text() == "Đã sao chép."
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.locator("#cite-text").inner_text()
    assert f"{live.url}/indicators/{SLUG}" in copied
    assert f"Truy cập ngày {date.today():%d/%m/%Y}" in copied  # a date as Vietnamese write it
    shot(page, "loop-7-cited")


def test_auto_review_and_imports_work_from_the_keyboard_at_390_px(browser: Any, live: Live) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{live.url}/login?next=/review")
        page.fill("input[name=name]", EDITOR)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url(re.compile(r"/review$"))
        pending = review.count_pending(live.db)
        assert pending >= 1
        page.focus(".auto-review > summary")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")  # the minimum confidence, then its button
        assert _focused(page) == "auto-min"
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("#auto-result")
        assert "Đã tự động nhận" in page.locator("#auto-result").inner_text()
        assert review.count_pending(live.db) < pending  # the tracked world's sure figure was taken
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        shot(page, "auto-review-390")
        page.goto(f"{live.url}/imports")
        assert page.locator("#observations-file").count() == 1
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        shot(page, "imports-390")
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
