"""The reader highlights, for the figure under the pointer or in keyboard focus, the phrase that
dated it (issue 11), and reads it out for screen readers."""

from __future__ import annotations

from datetime import date
from typing import Any

from chiso.services.indicators import catalogue as indicators
from tests.browser.conftest import Live
from tests.review import factory
from tests.review.factory import Fig

# An emoji (two UTF-16 units, one code point) before the phrases: offsets are code points.
TEXT = (
    "📈 Bản tin số liệu.\n\n"
    "Trong năm 2025, tỉnh đã cấp hơn 120 nghìn tài khoản định danh. "
    "Trong đó, 41% là tài khoản của người cao tuổi; tính đến ngày 30/9 có 3 triệu lượt truy cập."
)

HIGHLIGHTED = """() => {
  const h = CSS.highlights.get('chiso-dating');
  return h ? [...h].map(r => r.toString()) : [];
}"""


def _report(live: Live) -> list[int]:
    indicators.ensure_catalog(live.db)
    made = factory.report(
        live.db,
        TEXT,
        [
            Fig("hơn 120 nghìn tài khoản", 120_000, "more_than", as_of=date(2025, 12, 31),
                time_quote="Trong năm 2025", time_source="sentence"),
            Fig("41%", 41, unit="%", as_of=date(2025, 12, 31),
                time_quote="Trong năm 2025", time_source="context"),
            Fig("3 triệu lượt", 3_000_000, unit="lượt", as_of=date(2025, 9, 30),
                time_quote="tính đến ngày 30/9", time_source="sentence"),
            Fig("Bản tin", 1, unit="tin"),  # no phrase: nothing to highlight
        ],
        published=date(2025, 10, 2),
    )  # fmt: skip
    return made.mention_ids


def test_hovering_a_figure_highlights_the_phrase_that_dated_it(page: Any, live: Live) -> None:
    first, second, third, undated = _report(live)
    page.goto(f"{live.url}/reports/{_report_id(live, first)}")
    assert page.evaluate(HIGHLIGHTED) == []
    page.hover(f"#m{first}")
    assert page.evaluate(HIGHLIGHTED) == ["Trong năm 2025"]
    page.hover(f"#m{third}")
    assert page.evaluate(HIGHLIGHTED) == ["tính đến ngày 30/9"]
    page.hover(f"#m{second}")  # carried from the sentence before: the same phrase
    assert page.evaluate(HIGHLIGHTED) == ["Trong năm 2025"]
    page.hover(f"#m{undated}")
    assert page.evaluate(HIGHLIGHTED) == []
    page.mouse.move(5, 5)
    assert page.evaluate(HIGHLIGHTED) == []


def test_keyboard_focus_highlights_it_too_and_reads_it_out(page: Any, live: Live) -> None:
    first, second, third, _ = _report(live)
    page.goto(f"{live.url}/reports/{_report_id(live, first)}")
    page.focus(f"#m{first}")
    assert page.evaluate(HIGHLIGHTED) == ["Trong năm 2025"]
    page.keyboard.press("Tab")  # to the next figure, as a keyboard user moves
    assert page.evaluate("document.activeElement.id") == f"m{second}"
    assert page.evaluate(HIGHLIGHTED) == ["Trong năm 2025"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"m{third}"
    assert page.evaluate(HIGHLIGHTED) == ["tính đến ngày 30/9"]
    note = page.locator("#dating-note")
    assert note.get_attribute("aria-live") == "polite"
    assert note.inner_text() == "Xác định thời điểm theo: tính đến ngày 30/9"
    # leaving the pointer elsewhere keeps the focused figure's phrase
    page.mouse.move(5, 5)
    assert page.evaluate(HIGHLIGHTED) == ["tính đến ngày 30/9"]
    page.focus("input[type=search]")
    assert page.evaluate(HIGHLIGHTED) == []


def test_the_highlight_is_styled_apart_from_the_marks(page: Any, live: Live) -> None:
    first, *_ = _report(live)
    page.goto(f"{live.url}/reports/{_report_id(live, first)}")
    rules = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText)
               .filter(t => t.includes('::highlight(chiso-dating)'))"""
    )
    assert len(rules) == 1
    assert "background-color" in rules[0]
    assert "text-decoration" in rules[0]  # not by colour alone


def _report_id(live: Live, mention_id: int) -> int:
    from chiso.services import review

    return review.get_mention(live.db, mention_id).report_id
