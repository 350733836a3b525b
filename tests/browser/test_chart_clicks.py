"""Issue 12 item 1: a click on the chart opens the quote of the point under the pointer, never another.

Before the fix, the mousedown focused the chart, its focus handler selected the latest point, and
the click then opened the latest point's quote for every point and even on empty plot area.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Live
from tests.browser.test_pages import chart_points
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser

#: Where uPlot drew every point, in page coordinates, with the href of the table row it came from
#: (the rows carry data-date/data-value; the chart sorts them by date, then value).
_POINTS = """() => {
    const u = window.chisoChart, r = u.over.getBoundingClientRect();
    const rows = Array.from(document.querySelectorAll('#obs-table tbody tr[data-date]'));
    const out = [];
    for (let i = 0; i < u.data[0].length; i++) {
        const v = [1, 2, 3].map(s => u.data[s][i]).find(x => x != null);
        const day = new Date(u.data[0][i] * 1000).toISOString().slice(0, 10);
        const row = rows.find(tr => tr.dataset.date === day && parseFloat(tr.dataset.value) === v);
        out.push({x: r.left + u.valToPos(u.data[0][i], 'x'), y: r.top + u.valToPos(v, 'y'),
                  href: row ? row.dataset.href : null, date: day});
    }
    return out;
}"""


def _points(page: Any) -> list[dict[str, Any]]:
    pts: list[dict[str, Any]] = page.evaluate(_POINTS)
    assert all(p["href"] for p in pts), pts
    return pts


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_click_on_a_point_opens_that_points_quote(page: Any, live: Live, index: int) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    assert chart_points(page) == 4
    points = _points(page)
    hrefs = {p["href"] for p in points}
    assert len(hrefs) == 4, "every point has its own quote"
    target = points[index]
    page.mouse.move(target["x"], target["y"])
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(f"{live.url}{target['href']}")


def test_two_points_on_one_date_are_each_reachable(page: Any, live: Live) -> None:
    """The tracked world states two values for 30 June 2025: hovering each shows its own value."""
    page.goto(f"{live.url}/indicators/{SLUG}")
    chart_points(page)
    same_day = [p for p in _points(page) if p["date"] == "2025-06-30"]
    assert len(same_day) == 2
    shown = set()
    for p in same_day:
        page.mouse.move(p["x"], p["y"])
        tip = page.locator(".chart-tip")
        assert tip.is_visible()
        shown.add(tip.locator("strong").inner_text())
    assert len(shown) == 2, shown
    low = same_day[0]
    page.mouse.click(low["x"], low["y"])
    page.wait_for_url(f"{live.url}{low['href']}")


def test_click_on_empty_plot_area_does_nothing(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    chart_points(page)
    url = page.url
    # A spot inside the plot well away from every point: the top left corner.
    box = page.evaluate(
        "() => { const r = window.chisoChart.over.getBoundingClientRect(); return [r.left, r.top]; }"
    )
    page.mouse.move(box[0] + 8, box[1] + 8)
    page.mouse.click(box[0] + 8, box[1] + 8)
    page.wait_for_timeout(400)
    assert page.url == url
    assert not page.locator(".chart-tip").is_visible()
    # The keyboard still starts on the latest point when focus comes from Tab, not the mouse.
    page.locator("#chart").blur()
    page.focus("#chart")
    assert page.locator(".chart-tip").is_visible()
