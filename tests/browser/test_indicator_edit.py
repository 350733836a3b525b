"""Issue 14 items 3 and 7 in a browser: an editor renames an indicator in Vietnamese with the
keyboard alone and sees the new name on its page; "Cite this" copies; the edit form, the
indicator page and the reader's licence box fit a 390 px phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import EDITOR, PASSWORD, Live, shot
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser

NEW_NAME = "Tài khoản định danh đã kích hoạt (đổi tên)"


def _sign_in(page: Any, live: Live, target: str) -> None:
    page.goto(f"{live.url}/login?next={target}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_rename_an_indicator_in_vietnamese_with_the_keyboard(page: Any, live: Live) -> None:
    _sign_in(page, live, f"/indicators/{SLUG}")
    old = page.locator("h1").inner_text()
    assert old != NEW_NAME
    # the edit link is reachable with Tab and followed with Enter
    link = page.locator("#edit-indicator")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == "edit-indicator":
            break
    else:
        pytest.fail("the edit link is not reachable with Tab")
    assert link.inner_text() == "Sửa chỉ số"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/indicators/{SLUG}/edit$"))
    name = page.locator("#name_vi")
    assert name.input_value() == old
    name.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_NAME)
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_url(re.compile(rf"/indicators/{SLUG}$"))
    assert page.locator("h1").inner_text() == NEW_NAME
    # the English name stays as it was
    assert page.locator(".other-name").inner_text() != NEW_NAME
    shot(page, "indicator-renamed")


def test_cite_this_copies_the_bibtex(page: Any, live: Live) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    page.goto(f"{live.url}/indicators/{SLUG}")
    bibtex = page.locator("#cite-bibtex").input_value()
    assert bibtex.startswith(f"@misc{{chiso-{SLUG}-")
    assert f"{live.url}/indicators/{SLUG}" in bibtex
    page.locator("button[data-copy=cite-bibtex]").focus()
    page.keyboard.press("Enter")
    status = page.locator("#cite-status")
    status.wait_for(state="visible")
    page.wait_for_function("() => document.getElementById('cite-status').textContent.length > 0")
    if status.inner_text() == "Đã sao chép.":
        assert page.evaluate("() => navigator.clipboard.readText()") == bibtex
    else:  # no clipboard: the text is selected for Ctrl+C
        assert page.evaluate("() => document.activeElement.id") == "cite-bibtex"


WIDTH, HEIGHT = 390, 844


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="vi-VN", viewport={"width": WIDTH, "height": HEIGHT}, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_the_new_pages_fit_a_phone(phone: Any, live: Live) -> None:
    rid = live.world.pending_report_id
    _sign_in(phone, live, f"/indicators/{SLUG}/edit")
    for path, name in (
        (f"/indicators/{SLUG}/edit", "indicator-edit-390"),
        ("/indicators/new", "indicator-new-390"),
        (f"/indicators/{SLUG}", "indicator-cite-390"),
        (f"/reports/{rid}", "reader-licence-390"),
    ):
        phone.goto(f"{live.url}{path}")
        if path.startswith("/reports/"):
            phone.locator("#licence summary").click()
            assert phone.locator("#report-licence").is_visible()
        wide = phone.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= WIDTH, (path, wide)
        shot(phone, name)
