"""The pages as a person uses them, in Debian's chromium: dashboard, chart, sign-in, review, language."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import EDITOR, PASSWORD, Live, shot
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser


def chart_points(page: Any) -> int:
    page.wait_for_selector("#chart canvas")
    page.wait_for_selector("#chart[data-rendered-points]")
    return int(page.get_attribute("#chart", "data-rendered-points"))


def test_dashboard_shows_latest_values_and_deadlines(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/?on=2026-12-15")
    assert page.locator("h1").inner_text() == "Tổng quan"
    row = page.locator("table.latest tbody tr", has=page.locator(f'a[href="/indicators/{SLUG}"]'))
    assert row.count() == 1
    assert re.search(r"\d{2}\.000\.000", row.inner_text())  # Vietnamese grouping
    assert row.locator("svg.spark polyline").count() == 1
    assert "16 ngày còn lại" in page.locator("#h-due_soon").locator("..").inner_text()
    shot(page, "dashboard")


def test_indicator_chart_draws_every_point_and_opens_quotes(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    assert chart_points(page) == 4
    assert page.locator("#obs-table tbody tr").count() == 4
    assert page.locator(".note[data-target-value]").count() == 1
    shot(page, "indicator")
    # Keyboard: the chart takes focus and shows the latest point; the table rows open their quote.
    page.focus("#chart")
    page.keyboard.press("ArrowLeft")
    tip = page.locator(".chart-tip")
    assert tip.is_visible()
    assert "2025" in tip.inner_text()
    first_row = page.locator("#obs-table tbody tr").first
    href = first_row.get_attribute("data-href")
    first_row.focus()
    assert "current" in (first_row.get_attribute("class") or "")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href.split("#")[0])))
    anchor = href.split("#")[1]
    assert page.locator(f"#{anchor}").count() == 1


def test_clicking_a_point_opens_its_quote(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    chart_points(page)
    # Where uPlot drew the first point, in page coordinates.
    x, y = page.evaluate(
        """() => {
            const u = window.chisoChart, r = u.over.getBoundingClientRect();
            return [r.left + u.valToPos(u.data[0][0], 'x'), r.top + u.valToPos(u.data[1][0], 'y')];
        }"""
    )
    page.mouse.move(x, y)
    assert page.locator(".chart-tip").is_visible()
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/reports/\d+#m\d+$"))


def test_sign_in_accept_in_reader_and_chart_gains_the_point(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    assert chart_points(page) == 4
    page.goto(f"{live.url}/login?next=/reports/{live.world.pending_report_id}")
    shot(page, "login")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(rf"/reports/{live.world.pending_report_id}$"))
    mid = live.world.pending_mention_id
    page.click(f"#m{mid}")
    field = page.locator(f"#ci{mid}")
    field.wait_for()
    shot(page, "reader")
    field.fill(SLUG)
    field.press("Enter")
    page.wait_for_selector(f"#m{mid}.s-accepted")
    page.goto(f"{live.url}/indicators/{SLUG}")
    assert chart_points(page) == 5
    assert "> 70.000.000" in page.locator("#obs-table").inner_text()
    shot(page, "indicator-after-accept")


def test_switch_language_keeps_the_page(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/deadlines?on=2027-01-05")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "ngày trễ" in page.locator(".timeline").inner_text()
    shot(page, "deadlines-vi")
    page.click("[data-lang-switch]")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert "on=2027-01-05" in page.url
    assert page.locator("h1").inner_text() == "Deadline board"
    assert "5 days late" in page.locator(".timeline").inner_text()
    shot(page, "deadlines-en")
    page.click(f'a[href^="/commitments/{live.world.commitment_id}"]')
    page.wait_for_url(re.compile(rf"/commitments/{live.world.commitment_id}"))
    assert "History" in page.locator("#h-history").inner_text()
    shot(page, "commitment-en")
