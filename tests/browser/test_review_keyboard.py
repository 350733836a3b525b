"""Issue 12 item 7: mouse then keyboard keeps the place, in the reader and in the review queue.

Before the fix, htmx's ``consume`` stopped the click before app.js saw it, so after clicking a
mention ``j`` went to the report's first pending mention, and so did the advance after a
decision; a decision showed no confirmation that outlived the next panel.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from chiso.services.reports import add as reports
from tests.browser.conftest import EDITOR, PASSWORD, Live
from tests.browser.tracked_data import SLUG, add

pytestmark = pytest.mark.browser

#: Four figures, one per sentence (written for this test).
FOUR = (
    "Tính đến ngày 31/3/2026, cả nước đã có 12 triệu người dùng ví điện tử.\n\n"
    "Trong quý I/2026, các ngân hàng xử lý 41 triệu giao dịch trực tuyến.\n\n"
    "Tính đến ngày 31/3/2026, đã có 5.300 xã kết nối cáp quang.\n\n"
    "Tính đến ngày 31/3/2026, cả nước có 870 trạm phát sóng mới.\n"
)


def _sign_in(page: Any, live: Live, target: str) -> None:
    page.goto(f"{live.url}/login?next={target}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def _figures(live: Live) -> tuple[int, list[int]]:
    rid = add(live.db, "Bốn con số", date(2026, 4, 2), FOUR)
    ids = [
        m.id
        for m in sorted(reports.get_report(live.db, rid).mentions, key=lambda m: m.start)
        if m.kind == "figure"
    ]
    assert len(ids) == 4, ids
    return rid, ids


def _panel_is(page: Any, mention_id: int) -> None:
    page.wait_for_selector(f'[data-mention-panel="{mention_id}"]')


def test_click_then_j_goes_to_the_next_mention(page: Any, live: Live) -> None:
    rid, ids = _figures(live)
    _sign_in(page, live, f"/reports/{rid}")
    page.click(f"#m{ids[1]}")
    _panel_is(page, ids[1])
    page.keyboard.press("j")
    _panel_is(page, ids[2])
    assert "current" in (page.get_attribute(f"#m{ids[2]}", "class") or "")
    page.keyboard.press("k")
    _panel_is(page, ids[1])


def test_enter_on_a_mention_then_j_goes_to_the_next(page: Any, live: Live) -> None:
    rid, ids = _figures(live)
    _sign_in(page, live, f"/reports/{rid}")
    page.focus(f"#m{ids[2]}")
    page.keyboard.press("Enter")
    _panel_is(page, ids[2])
    page.keyboard.press("j")
    _panel_is(page, ids[3])


def test_tab_to_a_mention_then_j_goes_to_the_one_after(page: Any, live: Live) -> None:
    rid, ids = _figures(live)
    _sign_in(page, live, f"/reports/{rid}")
    page.focus(f"#m{ids[1]}")
    page.keyboard.press("j")
    _panel_is(page, ids[2])


def test_decision_advances_from_the_clicked_mention_and_confirms(page: Any, live: Live) -> None:
    rid, ids = _figures(live)
    _sign_in(page, live, f"/reports/{rid}")
    page.click(f"#m{ids[1]}")
    field = page.locator(f"#ci{ids[1]}")
    field.fill(SLUG)
    field.press("Enter")
    page.wait_for_selector(f"#m{ids[1]}.s-accepted")
    _panel_is(page, ids[2])
    # The confirmation outlives the panel that moved on: visible, and announced politely.
    toast = page.locator("[data-decided-toast]")
    toast.wait_for(state="visible")
    assert toast.get_attribute("role") == "status"
    assert toast.get_attribute("aria-live") == "polite"
    text = toast.inner_text()
    assert text.startswith("Đã nhận → chỉ số "), text
    assert "định danh" in text.lower(), text
    # A rejection with r moves on from where it was too.
    page.keyboard.press("r")
    page.wait_for_selector(f"#m{ids[2]}.s-rejected")
    _panel_is(page, ids[3])
    assert "Đã loại" in toast.inner_text()


def test_queue_click_in_a_row_then_j_and_decide_keep_the_place(page: Any, live: Live) -> None:
    _rid, ids = _figures(live)
    _sign_in(page, live, "/review")
    rows = [f"#row-{i}" for i in ids]
    page.click(f"{rows[1]} .context")
    page.keyboard.press("j")
    page.wait_for_selector(f"{rows[2]}.current")
    # Rejecting the current row with the mouse moves on to the row after it, not the first.
    page.click(f"{rows[2]} button.reject")
    page.wait_for_selector(f"{rows[3]}.current")
    assert "current" not in (page.get_attribute(rows[0], "class") or "")
