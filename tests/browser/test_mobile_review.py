"""The signed-in review queue on a 390 px phone, its button labels at 1280 px, and /account's command.

Before the fix, signed in, ``/review`` and ``/review?kind=deadline`` were 1,068 px wide at 390 px
in both languages (a select as wide as its longest option pushed the row's controls off screen),
"Gắn vào cam kết này" wrapped onto five lines beside its suggestion in the reader's panel, and
/account showed `chiso token create` with its backticks, its button touching the next heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from chiso.services.reports import add as reports
from tests.browser.conftest import EDITOR, PASSWORD, Live, shot
from tests.browser.tracked_data import add

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844

#: A deadline restating the tracked promise (so it has a commitment to link to), in a long
#: sentence so the queue's "new commitment" option is as long as real ones (written for this test).
RESTATED = (
    "Bộ Công an nhắc lại lộ trình định danh",
    date(2025, 10, 3),
    "Phát biểu tại hội nghị triển khai, lãnh đạo Bộ Công an nhắc lại mục tiêu chậm nhất ngày 31/12/2026 "
    "hoàn thành việc kích hoạt 80 triệu tài khoản định danh điện tử cho công dân trong và ngoài nước, "
    "đồng thời tích hợp đầy đủ các giấy tờ cá nhân vào ứng dụng.\n",
)


@pytest.fixture
def deadline_id(live: Live) -> int:
    rid = add(live.db, *RESTATED)
    return next(m.id for m in reports.get_report(live.db, rid).mentions if m.kind == "deadline")


def _open(browser: Any, live: Live, locale: str, width: int, height: int, *, phone: bool) -> Iterator[Any]:
    context = browser.new_context(
        locale="vi-VN", viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live.url}/login?next=/review")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/review$"))
    if locale == "en":
        # The language link, as a person switches; it comes back to the same page.
        page.click("[data-lang-switch]")
        page.wait_for_url(re.compile(r"/review$"))
    assert page.evaluate("() => document.documentElement.lang") == locale
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(params=["vi", "en"])
def signed_in_phone(request: pytest.FixtureRequest, browser: Any, live: Live) -> Iterator[Any]:
    yield from _open(browser, live, request.param, WIDTH, HEIGHT, phone=True)


@pytest.fixture
def signed_in_wide(browser: Any, live: Live) -> Iterator[Any]:
    yield from _open(browser, live, "vi", 1280, 900, phone=False)


@pytest.mark.parametrize("path", ["/review", "/review?kind=deadline"])
def test_the_signed_in_review_queue_fits_390_px(
    signed_in_phone: Any, live: Live, deadline_id: int, path: str
) -> None:
    page = signed_in_phone
    page.goto(f"{live.url}{path}")
    row = page.locator(".queue > li[data-nav-item]").first
    row.wait_for()
    controls = row.locator("button, select")
    assert controls.count() >= 3, "a pending row has a select, Accept and Reject"
    for i in range(controls.count()):
        box = controls.nth(i).bounding_box()
        assert box is not None
        assert box["width"] > 0
        assert box["x"] >= 0, (path, i, box)
        assert box["x"] + box["width"] <= WIDTH + 0.5, (path, controls.nth(i).inner_text(), box)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    lang = page.evaluate("() => document.documentElement.lang")
    shot(page, f"review-390-{lang}-{'deadline' if 'deadline' in path else 'all'}")
    assert wide <= WIDTH, f"{path} ({lang}) is {wide} px wide at {WIDTH} px"


def _lines(page: Any, selector: str) -> float:
    """How many lines of text a button's label takes (its content height over its line height)."""
    n: float = page.evaluate(
        "(s) => { const b = document.querySelector(s); const c = getComputedStyle(b);"
        " const inner = b.getBoundingClientRect().height - parseFloat(c.paddingTop) - parseFloat(c.paddingBottom)"
        "   - parseFloat(c.borderTopWidth) - parseFloat(c.borderBottomWidth);"
        " return inner / parseFloat(c.lineHeight); }",
        selector,
    )
    return n


def test_the_commitment_link_button_keeps_its_label_on_at_most_two_lines(
    signed_in_wide: Any, live: Live, deadline_id: int
) -> None:
    page = signed_in_wide
    page.goto(f"{live.url}/review?kind=deadline")
    page.locator(f"#row-{deadline_id}").wait_for()
    assert _lines(page, f"#row-{deadline_id} button.accept") <= 2.05
    page.click(f"#row-{deadline_id} a[href*='#m{deadline_id}']")
    panel = page.locator(f'#panel [data-mention-panel="{deadline_id}"]')
    panel.wait_for()
    link = f'#panel [data-mention-panel="{deadline_id}"] .suggestions button[type="submit"]'
    assert page.locator(link).first.inner_text().startswith("Gắn vào cam kết này")
    shot(page, "reader-1280-commitment-link")
    assert _lines(page, link) <= 2.05


def test_account_says_where_tokens_are_made_apart_from_the_next_heading(
    signed_in_wide: Any, live: Live
) -> None:
    page = signed_in_wide
    page.goto(f"{live.url}/account")
    section = page.locator("main section")
    assert "`" not in section.inner_text()
    # not a command to type: the admin's page, where tokens are made in the browser
    assert "Quản trị viên tạo token ở trang Người dùng và mã API." in section.inner_text()
    button = section.locator('form[action="/account/password"] button[type="submit"]').bounding_box()
    heading = section.locator("h2").nth(1).bounding_box()
    assert button is not None
    assert heading is not None
    assert heading["y"] - (button["y"] + button["height"]) >= 16, (button, heading)
