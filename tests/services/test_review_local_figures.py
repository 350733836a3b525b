"""``review auto`` with the real matcher: a province's or city's figure never lands in a national
series without a person; the country's figure in the same report still does."""

from __future__ import annotations

from datetime import date

from chiso.services import review
from chiso.store.db import Database
from tests.review import factory
from tests.review.factory import Fig

M = 1_000_000

# written for this test: a national sentence, then a province's and a city's figures
TEXT = (
    "Tính đến ngày 30/9/2026, cả nước đã có 72,5 triệu tài khoản định danh điện tử được kích hoạt. "
    "Cùng thời điểm, toàn tỉnh Lâm Đồng đã có 1,25 triệu tài khoản định danh điện tử được kích hoạt, "
    "đạt 78% dân số trưởng thành. "
    "Ủy ban nhân dân thành phố Hà Nội cũng công bố số liệu quý III. "
    "Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 72,3%."
)
SEPT_30 = date(2026, 9, 30)
FIGS: list[Fig | factory.Due] = [
    Fig(
        "72,5 triệu tài khoản định danh điện tử", 72.5 * M, unit="tài khoản định danh điện tử", as_of=SEPT_30
    ),
    Fig(
        "1,25 triệu tài khoản định danh điện tử", 1.25 * M, unit="tài khoản định danh điện tử", as_of=SEPT_30
    ),
    Fig("78%", 78, unit="%", as_of=SEPT_30),
    Fig("72,3%", 72.3, unit="%"),
]


def test_auto_takes_the_national_figure_and_leaves_the_local_ones_to_a_person(database: Database) -> None:
    made = factory.report(database, TEXT, FIGS)
    national, province, population_share, city = made.mention_ids
    result = review.auto(database, min_confidence=0.9)
    accepted = {d.mention_id: d.indicator for d in result.decisions}
    assert accepted == {national: "vneid-activated-accounts"}
    skipped = {s.mention_id: s.reason for s in result.skipped}
    for local in (province, population_share, city):
        assert skipped[local] == "indicator match below threshold"


def test_a_lower_threshold_still_does_not_take_a_local_figure(database: Database) -> None:
    made = factory.report(database, TEXT, FIGS)
    result = review.auto(database, min_confidence=0.6)
    assert {d.mention_id for d in result.decisions} == {made.mention_ids[0]}
