"""Issue 14 item 1 in the browser: a commitment resolved from its page's Update panel leaves the
deadline board's open groups for the resolved one; a due-date move a later report proposes,
confirmed on the page, gives the new due date; merging is reached with the keyboard alone; and
at 390 px every form of the panel fits the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from chiso.services import commitments, review
from chiso.services.reports import add as reports
from tests.browser.conftest import EDITOR, PASSWORD, Live, shot
from tests.browser.tracked_data import add

pytestmark = pytest.mark.browser

#: A later report restating the tracked promise with a later due day (written for these tests).
MOVED = (
    "Bộ Công an điều chỉnh kế hoạch định danh",
    date(2026, 3, 2),
    "Bộ Công an cho biết chậm nhất ngày 30/6/2027 hoàn thành việc kích hoạt "
    "80 triệu tài khoản định danh điện tử.\n",
)
#: Another promise, tracked as a second commitment that is merged into the first.
TWICE = (
    "Một tòa soạn khác về định danh",
    date(2025, 9, 2),
    "Bộ Công an nhắc lại mục tiêu chậm nhất ngày 31/12/2026 hoàn thành việc kích hoạt "
    "80 triệu tài khoản định danh điện tử.\n",
)


def _sign_in(page: Any, live: Live, target: str) -> None:
    page.goto(f"{live.url}/login?next={target}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def _deadline_of(live: Live, text: tuple[str, date, str]) -> int:
    rid = add(live.db, *text)
    return next(m.id for m in reports.get_report(live.db, rid).mentions if m.kind == "deadline")


def _row_group(page: Any, cid: int) -> str:
    """The board group (due, upcoming, resolved) holding commitment ``cid``."""
    group: str = page.evaluate(
        "(id) => { const a = document.querySelector(`.board-group a[href^='/commitments/${id}?']`);"
        " return a ? a.closest('.board-group').id : ''; }",
        cid,
    )
    return group


def test_resolving_on_the_page_moves_it_on_the_board(page: Any, live: Live) -> None:
    cid = live.world.commitment_id
    _sign_in(page, live, "/deadlines")
    assert _row_group(page, cid) in ("group-due", "group-upcoming")
    page.goto(f"{live.url}/commitments/{cid}")
    page.click("#update > summary")
    page.click("#act-resolve > summary")
    page.select_option("#resolve-status", "dropped")
    page.fill("#resolve-on", "2026-05-04")
    page.fill("#resolve-note", "Bộ đã thay bằng chỉ tiêu khác")
    shot(page, "commitment-resolve-form")
    page.click("#act-resolve button[type=submit]")
    page.wait_for_url(re.compile(rf"/commitments/{cid}\?done=resolved$"))
    assert page.locator("#done").is_visible()
    assert "đã bỏ" in page.locator(".page-head .status").inner_text().lower()
    # the panel now offers reopening instead
    assert page.locator("#act-reopen").count() == 1
    page.goto(f"{live.url}/deadlines")
    assert _row_group(page, cid) == "group-resolved"
    row = page.locator(f".board-group a[href^='/commitments/{cid}?']").locator("xpath=ancestor::li[1]")
    assert "st-dropped" in (row.get_attribute("class") or "")
    assert "04/05/2026" in row.inner_text()


def test_confirming_a_due_date_move_shows_the_new_due_date(page: Any, live: Live) -> None:
    cid = live.world.commitment_id
    review.accept(live.db, _deadline_of(live, MOVED), commitment_id=cid, actor="test")
    _sign_in(page, live, f"/commitments/{cid}")
    facts = page.locator("dl.facts")
    assert "31/12/2026" in facts.inner_text()
    proposal = page.locator("#proposals .proposal")
    assert proposal.count() == 1
    assert "30/06/2027" in proposal.inner_text()
    shot(page, "commitment-proposal")
    proposal.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(re.compile(rf"/commitments/{cid}\?done=confirmed$"))
    assert page.locator("#proposals").count() == 0
    assert "30/06/2027" in page.locator("dl.facts").inner_text()
    assert commitments.get_commitment(live.db, cid).due_end == date(2027, 6, 30)


def test_merge_is_reached_with_the_keyboard(page: Any, live: Live) -> None:
    cid = live.world.commitment_id
    other = review.accept(live.db, _deadline_of(live, TWICE), new_commitment=True, actor="test").commitment_id
    assert other is not None
    assert other != cid
    _sign_in(page, live, f"/commitments/{cid}")
    page.locator("body").focus()
    for _ in range(120):  # Tab along the page until the merge summary has the focus
        page.keyboard.press("Tab")
        if (
            page.evaluate("() => document.activeElement.closest('summary')?.parentElement.id || ''")
            == "update"
        ):
            page.keyboard.press("Enter")  # open the Update panel
        if page.evaluate("() => document.activeElement.parentElement?.id") == "act-merge":
            break
    else:
        raise AssertionError("the merge action is not reachable with Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "merge-other"
    page.keyboard.type(str(other))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/commitments/{cid}\?done=merged$"))
    assert commitments.merged_target(live.db, other) == cid


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


def test_every_form_of_the_panel_fits_390_px(phone: Any, live: Live) -> None:
    cid = live.world.commitment_id
    review.accept(live.db, _deadline_of(live, MOVED), commitment_id=cid, actor="test")
    _sign_in(phone, live, f"/commitments/{cid}")
    # open the panel and every action in it
    phone.evaluate("() => document.querySelectorAll('#update, #update details').forEach(d => d.open = true)")
    shot(phone, "commitment-390-update")
    wide = phone.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= WIDTH, f"the commitment page is {wide} px wide at {WIDTH} px"
    controls = phone.locator(
        "#update input:not([type=hidden]), #update select, #update button, #proposals button"
    )
    assert controls.count() >= 12
    for i in range(controls.count()):
        box = controls.nth(i).bounding_box()
        assert box is not None
        assert box["x"] >= 0, i
        assert box["x"] + box["width"] <= WIDTH + 0.5, (i, box)
