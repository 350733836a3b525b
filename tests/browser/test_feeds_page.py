"""The admin's feeds page in the browser at 390 px: a feed's poll interval is set from the
keyboard alone, and the worker's columns and the periodic jobs' table fit the width."""

from __future__ import annotations

from typing import Any

import pytest

from chiso.services import feeds, worker_status
from chiso.services.users import accounts as users
from tests.browser.conftest import PASSWORD, Live
from tests.browser.test_roles import _sign_in

pytestmark = pytest.mark.browser

ADMIN = "quan-tri-nguon-tin"


def test_the_poll_interval_is_set_with_the_keyboard_at_390_px(browser: Any, live: Live) -> None:
    users.add_user(live.db, ADMIN, "admin", PASSWORD, actor="test")
    fid = feeds.add_feed(live.db, "http://127.0.0.1:9/tin-thu.xml", allow_private=True).id
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _sign_in(page, live, ADMIN, "/feeds")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator(f"#every-{fid}").input_value() == "60"
        page.focus(f"#every-{fid}")
        page.keyboard.press("Control+A")
        page.keyboard.type("15")
        page.keyboard.press("Enter")  # submits the interval's form
        page.wait_for_selector("#feed-scheduled")
        assert page.locator(f"#every-{fid}").input_value() == "15"
        assert page.locator("#jobs").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
    assert [f.poll_every for f in worker_status(live.db).feeds if f.id == fid] == [900]
