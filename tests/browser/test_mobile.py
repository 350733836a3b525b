"""Issue 12 item 12: review on a 390 px phone. Tapping a mention opens its panel over the text as
a sheet (closable with a button or Esc, focus moved in and back); every navigation link and every
page fits the screen's width.

Before the fix the panel rendered ~2,600 px below the article and the Deadlines tab was off-screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import EDITOR, PASSWORD, Live, shot
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser

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


def _in_view(page: Any, selector: str) -> dict[str, float]:
    box: dict[str, float] = page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }",
        selector,
    )
    assert box["height"] > 0, (selector, box)
    assert box["top"] >= 0, (selector, box)
    assert box["bottom"] <= HEIGHT + 0.5, (selector, box)
    assert box["left"] >= 0, (selector, box)
    assert box["right"] <= WIDTH + 0.5, (selector, box)
    return box


def _sign_in(page: Any, live: Live, target: str) -> None:
    page.goto(f"{live.url}/login?next={target}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_tapping_a_mention_opens_the_panel_in_view(phone: Any, live: Live) -> None:
    page = phone
    rid, mid = live.world.pending_report_id, live.world.pending_mention_id
    _sign_in(page, live, f"/reports/{rid}")
    # The help card is not taking a screenful below the text before anything is chosen.
    assert not page.locator("aside.panel").is_visible()
    page.tap(f"#m{mid}")
    page.wait_for_selector(f'[data-mention-panel="{mid}"]')
    _in_view(page, "aside.panel")
    _in_view(page, "[data-sheet-close]")
    top = page.evaluate(
        f"() => document.querySelector('[data-mention-panel=\"{mid}\"]').getBoundingClientRect().top"
    )
    assert 0 <= top < HEIGHT - 100
    shot(page, "reader-390-sheet")
    # Focus moved into the sheet; the review controls work there.
    assert page.evaluate("() => !!document.activeElement.closest('aside.panel')")
    # Esc closes it and gives focus back to the mention.
    page.keyboard.press("Escape")
    page.locator("aside.panel").wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.id") == f"m{mid}"
    # The close button (a real button, so keyboard-reachable) closes it too.
    page.tap(f"#m{mid}")
    page.wait_for_selector(f'[data-mention-panel="{mid}"]')
    page.locator("aside.panel").wait_for(state="visible")
    page.tap("[data-sheet-close]")
    page.locator("aside.panel").wait_for(state="hidden")
    # Accepting from the sheet works and is confirmed.
    page.tap(f"#m{mid}")
    field = page.locator(f"#ci{mid}")
    field.fill(SLUG)
    field.press("Enter")
    page.wait_for_selector(f"#m{mid}.s-accepted")


def test_the_sheet_stays_out_of_the_way_on_a_wide_screen(page: Any, live: Live) -> None:
    """At 1280 px the panel is the sticky column beside the text, as before (no close button)."""
    mid = live.world.pending_mention_id
    page.goto(f"{live.url}/reports/{live.world.pending_report_id}")
    assert page.locator("aside.panel").is_visible()
    page.click(f"#m{mid}")
    page.wait_for_selector(f'[data-mention-panel="{mid}"]')
    assert not page.locator("[data-sheet-close]").is_visible()
    text = page.locator(".reader-text").bounding_box()
    panel = page.locator("aside.panel").bounding_box()
    assert panel["x"] >= text["x"] + text["width"]


PAGES = [
    "/",
    "/indicators",
    f"/indicators/{SLUG}",
    "/reports",
    "/reports/new",
    "/review",
    "/deadlines",
    "/search?q=t%C3%A0i+kho%E1%BA%A3n",
    "/login",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_390_px_and_every_nav_link_is_reachable(phone: Any, live: Live, path: str) -> None:
    page = phone
    page.goto(f"{live.url}{path}")
    links = page.locator("nav.nav a")
    assert links.count() == 5
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None
        assert box["x"] >= 0, (path, i, box)
        assert box["x"] + box["width"] <= WIDTH + 0.5, (path, links.nth(i).inner_text(), box)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= WIDTH, f"{path} is {wide} px wide at {WIDTH} px"


def test_reader_and_commitment_fit_390_px(phone: Any, live: Live) -> None:
    page = phone
    for path in (f"/reports/{live.world.report_ids[0]}", f"/commitments/{live.world.commitment_id}"):
        page.goto(f"{live.url}{path}")
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= WIDTH, f"{path} is {wide} px wide at {WIDTH} px"
