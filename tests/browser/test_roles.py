"""Roles in the browser: an editor cannot reach the admin page (a 403 page), a viewer reads the
review queue without buttons to decide and a forged POST from their session is refused (403);
the admin, feeds and history pages work with the keyboard at 390 px."""

from __future__ import annotations

import re
from typing import Any

import pytest

from chiso.services.users import accounts as users
from tests.browser.conftest import EDITOR, PASSWORD, Live

pytestmark = pytest.mark.browser

VIEWER = "nguoi-xem"
ADMIN = "quan-tri"


def _sign_in(page: Any, live: Live, name: str, target: str = "/") -> None:
    page.goto(f"{live.url}/login?next={target}")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_an_editor_sees_the_403_page_at_admin(page: Any, live: Live) -> None:
    _sign_in(page, live, EDITOR)
    assert page.locator("[data-admin-link]").count() == 0
    response = page.goto(f"{live.url}/admin")
    assert response.status == 403
    assert page.locator("main h1").inner_text().strip() != ""
    assert page.locator("form[action='/admin/users']").count() == 0
    assert page.goto(f"{live.url}/feeds").status == 403


def test_a_viewer_cannot_accept_in_review(page: Any, live: Live) -> None:
    users.add_user(live.db, VIEWER, "viewer", PASSWORD, actor="test")
    _sign_in(page, live, VIEWER, "/review")
    assert page.locator("[data-read-only]").count() >= 1
    for action in ("accept", "reject"):
        assert page.locator(f"form[hx-post$='/{action}'], form[action$='/{action}']").count() == 0
    assert page.get_by_role("button", name=re.compile("Nhận|Chấp nhận|Loại|Accept|Reject")).count() == 0
    # a POST forged in the viewer's own session, with the page's CSRF token, is refused
    status = page.evaluate(
        """async (id) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const r = await fetch(`/mentions/${id}/accept`, {method: 'POST', headers: {'X-CSRF-Token': token}});
            return r.status;
        }""",
        live.world.pending_mention_id,
    )
    assert status == 403
    # and the mention is still pending
    assert page.goto(f"{live.url}/api/mentions/{live.world.pending_mention_id}").ok
    assert '"state":"pending"' in page.content().replace(" ", "")


def test_admin_pages_at_390_px_with_the_keyboard(browser: Any, live: Live) -> None:
    users.add_user(live.db, ADMIN, "admin", PASSWORD, actor="test")
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _sign_in(page, live, ADMIN, "/admin")
        for path in ("/admin", "/feeds", "/history"):
            page.goto(f"{live.url}{path}")
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= 390, f"{path} is {wide} px wide at 390"
        # add a person from the keyboard alone: the generated password is shown once
        page.goto(f"{live.url}/admin")
        page.focus("#new-name")
        page.keyboard.type("lan-moi")
        page.keyboard.press("Tab")  # the role
        page.keyboard.press("Tab")  # the password: left empty
        page.keyboard.press("Tab")  # the button
        page.keyboard.press("Enter")
        page.wait_for_selector("#shown-password")
        assert re.fullmatch(r"[a-z0-9]{4}(-[a-z0-9]{4}){3}", page.locator("[data-password]").inner_text())
        assert page.locator('tr[data-user="lan-moi"]').count() == 1
    finally:
        context.close()
