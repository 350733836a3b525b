"""In the reader, `a` on a deadline that restates a tracked promise links it to that commitment;
it never makes a second commitment of the same promise."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from chiso.services import commitments, review
from chiso.services.reports import add as reports
from tests.browser.conftest import EDITOR, PASSWORD, Live, shot
from tests.browser.tracked_data import add

RESTATED = (
    "Bộ Công an nhắc lại định danh điện tử",
    date(2025, 9, 2),
    "Tại hội nghị, Bộ Công an nhắc lại mục tiêu chậm nhất ngày 31/12/2026 hoàn thành việc kích hoạt "
    "80 triệu tài khoản định danh điện tử.\n",
)


def test_a_in_the_reader_links_a_restated_deadline_to_its_commitment(page: Any, live: Live) -> None:
    rid = add(live.db, *RESTATED)
    deadline = next(m for m in reports.get_report(live.db, rid).mentions if m.kind == "deadline")
    before = [c.id for c in commitments.list_deadlines(live.db, on=date(2027, 1, 1))]
    page.goto(f"{live.url}/login?next=/reports/{rid}")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(rf"/reports/{rid}$"))
    page.goto(f"{live.url}/reports/{rid}#m{deadline.id}")
    panel = page.locator(f'#panel [data-mention-panel="{deadline.id}"]')
    panel.wait_for()
    # the panel suggests the tracked commitment, and `a` is on its button
    accept = panel.locator('[aria-keyshortcuts="a"]')
    form = accept.locator("xpath=ancestor::form")
    assert form.locator('input[name="commitment"]').get_attribute("value") == str(live.world.commitment_id)
    shot(page, "reader-deadline-suggestion")
    page.keyboard.press("a")
    page.wait_for_selector(f"#m{deadline.id}.s-accepted")
    mention = review.get_mention(live.db, deadline.id)
    assert (mention.state, mention.commitment_id) == ("accepted", live.world.commitment_id)
    assert [c.id for c in commitments.list_deadlines(live.db, on=date(2027, 1, 1))] == before
