"""Search without diacritics, typed into the page in Debian's chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Live, shot
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser


def test_search_without_diacritics(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/search")
    page.fill("input[name=q]", "dinh danh dien tu")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=dinh"))
    reports = page.locator("#report-results li")
    assert reports.count() >= 3
    # the hit marked in its own spelling, đ and the tones included
    marks = [m.lower() for m in page.locator("#report-results mark").all_inner_texts()]
    assert marks
    assert all(m == "định danh điện tử" for m in marks)
    assert page.locator(f'#indicator-results a[href="/indicators/{SLUG}"]').count() == 1
    counts = page.locator("h2 small.num").all_inner_texts()
    assert f"({reports.count()})" in counts
    shot(page, "search")
    reports.first.locator("a").click()
    page.wait_for_url(re.compile(r"/reports/\d+$"))
    assert "điện tử" in page.locator("body").inner_text()
