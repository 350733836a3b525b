"""Issue 15 items 5 and 6 in a browser: the owners pages and the board with its progress badges fit
a 390 px phone, and the badge's explanation opens from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Live

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True)
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.mark.parametrize("path", ["/owners", "/owners/bo-cong-an", "/deadlines?on=2026-02-15"])
def test_fits_390_px(phone: Any, live: Live, path: str) -> None:
    phone.goto(f"{live.url}{path}")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= WIDTH


def test_owner_links_lead_to_the_board(phone: Any, live: Live) -> None:
    phone.goto(f"{live.url}/owners")
    phone.locator("table.owners a[href^='/deadlines?owner_slug=bo-cong-an']").first.click()
    phone.wait_for_url("**/deadlines?owner_slug=bo-cong-an**")
    assert phone.locator("li.cm").count() == 1


def test_the_progress_badge_opens_from_the_keyboard(phone: Any, live: Live) -> None:
    phone.goto(f"{live.url}/deadlines?on=2026-02-15")
    summary = phone.locator("details.progress > summary").first
    assert summary.get_attribute("title")
    summary.focus()
    phone.keyboard.press("Enter")
    text = phone.locator("details.progress[open] > p").first
    assert text.is_visible()
    box = text.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= WIDTH + 0.5
    assert "Open SDG" in text.inner_text()
