"""The alerts page at 390 px and with the keyboard alone: a subscription added by typing and
Enter, listed (a long webhook URL wraps inside the screen), and removed by Tab and Enter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import EDITOR, PASSWORD, Live
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser

WIDTH = 390
LONG_HOOK = "https://93.184.216.34/" + "/".join(["mot-duong-dan-rat-dai-cho-webhook"] * 6)


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": 844}, is_mobile=True)
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def _fits(page: Any) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= WIDTH, f"the page is {wide} px wide"


def test_alerts_by_keyboard_at_390_px(phone: Any, live: Live) -> None:
    page = phone
    target = f"/account/alerts?kind=indicator&key={SLUG}"
    page.goto(f"{live.url}/login?next={target.replace('&', '%26').replace('?', '%3F')}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/account/alerts\?kind=indicator"))
    assert page.input_value("#alert-key") == SLUG
    _fits(page)
    page.focus("#alert-key")
    page.keyboard.press("Tab")  # to the e-mail field
    page.keyboard.type("ban@vi-du.vn")
    page.keyboard.press("Tab")  # the webhook URL
    page.keyboard.type(LONG_HOOK)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"done=added"))
    assert page.locator("[role=status]").is_visible()
    assert page.locator("table.data tbody tr").count() == 1
    _fits(page)
    # remove it with the keyboard: Tab until the Remove button has focus, then Enter
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('form')?.action || ''").endswith("/delete"):
            break
    else:
        pytest.fail("the Remove button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"done=removed"))
    assert page.locator("table.data").count() == 0
