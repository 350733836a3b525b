"""The deadline board's groups page with the keyboard: Tab reaches a group's "more" link, Enter
opens that group's next page, and the link back to the whole board is reached the same way."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from chiso.store.models import Commitment
from tests.browser.conftest import Live, shot

pytestmark = pytest.mark.browser


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.outerHTML"))


def _tab_to(page: Any, selector: str, limit: int = 200) -> None:
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}; last focused: {_focused(page)[:200]}")


def test_more_link_is_reached_and_followed_with_the_keyboard(page: Any, live: Live) -> None:
    start = date(date.today().year + 2, 1, 5)
    with live.db.transaction() as s:
        s.add_all(
            Commitment(
                title=f"việc thứ {i}",
                due_end=start + timedelta(days=7 * i),
                precision="day",
                status="open",
                created_at=datetime(2020, 1, 1, tzinfo=UTC),
            )
            for i in range(30)
        )
    page.goto(f"{live.url}/deadlines")
    assert page.locator(".cm").count() == 26  # the tracked world's one (due soon), a page of the 30
    _tab_to(page, "#group-upcoming a.more")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"group=upcoming.*offset=25"))
    assert page.locator(".cm").count() == 5
    assert re.search(r"26–30 trên 30", page.locator("#group-upcoming").inner_text())
    shot(page, "deadlines-upcoming-page-2")
    _tab_to(page, 'a:has-text("Toàn bộ bảng hạn")')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/deadlines\?on=[0-9-]+$"))
    assert page.locator(".cm").count() == 26
