"""The place a figure covers: a province's, city's or district's figure is never a strong match for
one of the shipped (national) indicators; the country's figures match as before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from chiso.catalog.match_text import tokens
from chiso.catalog.matching import learn, neighbourhood, suggest_indicators
from chiso.catalog.place import AMBIGUOUS_NAMES, PROVINCES_2025, PROVINCES_BEFORE_2025, place_of
from chiso.services.audit import now
from chiso.services.indicators.catalogue import ensure_catalog
from chiso.store.db import Database
from chiso.store.models import Indicator
from tests.catalog.helpers import Fig, add_report

STRONG = 0.9  # web/match_words.py's "strong" band and review auto's default threshold


@dataclass
class _M:
    """Just what the neighbourhood reads from a mention."""

    quote: str
    text: str
    unit: str | None = None
    id: int = 1
    kind: str = "figure"
    value: float | None = None
    unit_head: str | None = None
    of_total: float | None = None
    is_change: bool = False
    period_text: str | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None

    @property
    def start(self) -> int:
        return self.text.index(self.quote)

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


# (text, quote, place or None): sentences written for these tests
PLACES = [
    ("Tính đến 30/9, toàn tỉnh Lâm Đồng có 1,2 triệu tài khoản được kích hoạt, bằng 76% dân số trưởng thành.",
     "1,2 triệu tài khoản", "local"),
    ("Tính đến 30/9, toàn tỉnh Lâm Đồng có 1,2 triệu tài khoản được kích hoạt, bằng 76% dân số trưởng thành.",
     "76%", "local"),
    ("Sở Thông tin và Truyền thông TP.HCM cho biết. Tỷ lệ hồ sơ trực tuyến toàn trình đạt 70,5%.", "70,5%", "local"),
    ("Công an huyện đã thu nhận 12.000 hồ sơ.", "12.000 hồ sơ", "local"),
    ("Đã kích hoạt 800.000 tài khoản của tỉnh.", "800.000 tài khoản", "local"),
    ("Phường Bến Thành hiện có 9.500 tài khoản được kích hoạt.", "9.500 tài khoản", "local"),
    ("Cả nước đã có 70 triệu tài khoản được kích hoạt, trong đó Đà Nẵng dẫn đầu.", "70 triệu tài khoản", "national"),
    ("Cả nước có 70 triệu tài khoản; riêng Hà Nội có 6,1 triệu tài khoản.", "6,1 triệu tài khoản", "local"),
    ("Hải Phòng dẫn đầu cả nước với 2 triệu tài khoản.", "2 triệu tài khoản", "local"),
    ("Trong năm 2024, công an các tỉnh cấp mới 9 triệu tài khoản.", "9 triệu tài khoản", "national"),
    ("34 tỉnh, thành phố đã kết nối 18 cơ sở dữ liệu.", "18 cơ sở dữ liệu", None),
    ("Bảo hiểm xã hội đã tra cứu 30 triệu lượt thẻ.", "30 triệu lượt", None),
    # where a central body met is no subject of the next sentence; a province's own meeting is
    ("Sáng 16/1, tại Hà Nội, Bộ Công an tổ chức hội nghị tổng kết. Đến nay đã có 72 triệu tài khoản.",
     "72 triệu tài khoản", None),
    ("Sáng 16/1, tại Hà Nội, UBND thành phố tổ chức hội nghị tổng kết. Đến nay đã có 6 triệu tài khoản.",
     "6 triệu tài khoản", "local"),
    ("Sáng 16/1, Lâm Đồng tổ chức hội nghị với Bộ Công an. Đến nay đã có 1,2 triệu tài khoản.",
     "1,2 triệu tài khoản", "local"),
    ("Tỷ lệ hồ sơ giải quyết ở cấp xã đạt 91%.", "91%", None),
    ("Ứng dụng VNeID hiện có 45 tiện ích.", "45 tiện ích", None),
    ("In Da Nang, 1.1 million accounts have been activated.", "1.1 million accounts", "local"),
    ("The province has activated 900,000 accounts so far.", "900,000 accounts", "local"),
    ("Nationwide, 71 million accounts have been activated.", "71 million accounts", "national"),
    ("Across all provinces, 71 million accounts have been activated.", "71 million accounts", "national"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "quote", "place"), PLACES, ids=[f"{i}-{r[1]}" for i, r in enumerate(PLACES)]
)
def test_the_neighbourhood_reads_the_place_a_figure_covers(text: str, quote: str, place: str | None) -> None:
    found = neighbourhood(_M(quote, text), text).place
    assert (found[0] if found else None) == place, found


def test_every_province_level_unit_of_2025_is_a_local_place() -> None:
    assert len(PROVINCES_2025) == 34
    assert len(PROVINCES_BEFORE_2025) == 31  # 29 merged away (Bà Rịa, Vũng Tàu apart), Thừa Thiên Huế
    for name in PROVINCES_2025:
        assert place_of(tokens(f"tỉnh {name} có 5 tài khoản"), (), ()) == ("local", " ".join(tokens(name)))
        if name not in AMBIGUOUS_NAMES:
            assert place_of(tokens(f"{name} có 5 tài khoản"), (), ()) == ("local", " ".join(tokens(name)))


@pytest.mark.parametrize(
    "text",
    ["Tỷ lệ năm nay cao bằng năm trước, đạt 5 tài khoản.", "Lực lượng gìn giữ hòa bình có 5 tài khoản.",
     "Tuyến cáp quang biển Thái Bình Dương có 5 tài khoản.",
     "Học tập tư tưởng Hồ Chí Minh, đã có 5 tài khoản."],
)  # fmt: skip
def test_a_name_that_is_also_a_word_is_no_place_without_tinh(text: str) -> None:
    assert place_of(tokens(text), (), ()) is None


# (text, figure, the indicator it would be nationally): each names a province, city or district
LOCAL = [
    ("Tính đến ngày 30/9/2026, toàn tỉnh Lâm Đồng đã có 1,25 triệu tài khoản định danh điện tử được kích hoạt.",
     Fig("1,25 triệu tài khoản định danh điện tử", 1.25e6, "tài khoản định danh điện tử", as_of=date(2026, 9, 30)),
     "vneid-activated-accounts"),
    ("Đến nay, thành phố Đà Nẵng đã kích hoạt 1,1 triệu tài khoản định danh điện tử.",
     Fig("1,1 triệu tài khoản định danh điện tử", 1.1e6, "tài khoản định danh điện tử", period="đến nay"),
     "vneid-activated-accounts"),
    ("UBND TP. Hà Nội công bố kết quả quý III. Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 72,3%.",
     Fig("72,3%", 72.3, "%"), "online-public-services-full-process-share"),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình của tỉnh Nghệ An đạt 64%.",
     Fig("64%", 64, "%"), "online-public-services-full-process-share"),
    ("Công an quận Ba Đình đã cấp 87.000 thẻ căn cước công dân gắn chip.",
     Fig("87.000 thẻ căn cước công dân gắn chip", 87000, "thẻ căn cước công dân"), "chip-id-cards-issued"),
    ("So far Khanh Hoa province has activated 1.3 million VNeID accounts.",
     Fig("1.3 million VNeID accounts", 1.3e6, "VNeID accounts"), "vneid-activated-accounts"),
    ("In the city of Can Tho, the share of fully online public services reached 68%.",
     Fig("68%", 68, "%"), "online-public-services-full-process-share"),
]  # fmt: skip

# figures for the whole country score as before the place counted (the lowest score measured then)
NATIONAL = [
    ("Tính đến ngày 30/9/2026, cả nước đã có 72,5 triệu tài khoản định danh điện tử được kích hoạt.",
     Fig("72,5 triệu tài khoản định danh điện tử", 72.5e6, "tài khoản định danh điện tử", as_of=date(2026, 9, 30)),
     "vneid-activated-accounts", 0.97),
    ("Đến nay, trên toàn quốc đã kích hoạt 71 triệu tài khoản định danh điện tử.",
     Fig("71 triệu tài khoản định danh điện tử", 71e6, "tài khoản định danh điện tử", period="đến nay"),
     "vneid-activated-accounts", 0.97),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình của cả nước đạt 55,6%.",
     Fig("55,6%", 55.6, "%"), "online-public-services-full-process-share", 0.95),
    ("So far more than 70 million VNeID accounts have been activated nationwide.",
     Fig("more than 70 million VNeID accounts", 70e6, "VNeID accounts"), "vneid-activated-accounts", 0.78),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fig", "slug"), LOCAL, ids=[f"{i}-{r[2]}" for i, r in enumerate(LOCAL)])
def test_a_local_figure_is_never_a_strong_match_for_a_national_indicator(
    database: Database, text: str, fig: Fig, slug: str
) -> None:
    ensure_catalog(database)
    with database.transaction() as s:
        (m,) = add_report(s, text, [fig])
        found = suggest_indicators(s, m, text=text)
    detail = [(x.slug, x.score, x.reasons) for x in found[:3]]
    assert all(x.score < STRONG - 0.3 for x in found), detail
    by_slug = {x.slug: x for x in found}
    # the indicator it would be is still named (a person may look), with the reason it is not
    assert slug in by_slug, detail
    codes = [r.code for r in by_slug[slug].evidence]
    assert codes[0] == "local_figure", detail
    assert by_slug[slug].reasons[0].startswith("⚠")


@pytest.mark.parametrize(
    ("text", "fig", "slug", "least"), NATIONAL, ids=[f"{i}-{r[2]}" for i, r in enumerate(NATIONAL)]
)
def test_a_national_figure_matches_as_before(
    database: Database, text: str, fig: Fig, slug: str, least: float
) -> None:
    ensure_catalog(database)
    with database.transaction() as s:
        (m,) = add_report(s, text, [fig])
        found = suggest_indicators(s, m, text=text)
    assert found[0].slug == slug, [(x.slug, x.score) for x in found[:3]]
    assert found[0].score >= least
    assert all(r.code != "local_figure" for r in found[0].evidence)


def test_an_editors_earlier_link_does_not_make_a_local_figure_strong(database: Database) -> None:
    ensure_catalog(database)
    national = "Đến nay cả nước đã kích hoạt 71 triệu tài khoản định danh điện tử."
    local = "Đến nay toàn tỉnh Gia Lai đã kích hoạt 1,4 triệu tài khoản định danh điện tử."
    with database.transaction() as s:
        ids = {i.slug: i.id for i in s.query(Indicator)}
        (a,) = add_report(
            s, national, [Fig("71 triệu tài khoản định danh điện tử", 71e6, "tài khoản định danh điện tử")]
        )
        learn(s, a, ids["vneid-activated-accounts"])
        (b,) = add_report(
            s, local, [Fig("1,4 triệu tài khoản định danh điện tử", 1.4e6, "tài khoản định danh điện tử")]
        )
        found = {x.slug: x for x in suggest_indicators(s, b, text=local)}
    got = found["vneid-activated-accounts"]
    assert [r.code for r in got.evidence][:2] == ["local_figure", "learned"]
    assert got.score < STRONG - 0.3


def test_a_local_indicator_takes_a_local_figure(database: Database) -> None:
    """``scope: local`` (a province's own catalogue) is not held back on its province's figures."""
    ensure_catalog(database)
    text = "Đến nay toàn tỉnh Gia Lai đã kích hoạt 1,4 triệu tài khoản định danh điện tử."
    with database.transaction() as s:
        s.add(
            Indicator(
                slug="gia-lai-vneid", name_vi="Tài khoản VNeID của Gia Lai", name_en="Gia Lai VNeID accounts",
                unit="tài khoản", measure="cumulative", origin="user", created_at=now(),
                match_rules={"words": ["kích hoạt"], "units": ["tài khoản định danh điện tử"], "scope": "local"},
            )
        )  # fmt: skip
        s.flush()
        (m,) = add_report(
            s, text, [Fig("1,4 triệu tài khoản định danh điện tử", 1.4e6, "tài khoản định danh điện tử")]
        )
        found = suggest_indicators(s, m, text=text)
    assert found[0].slug == "gia-lai-vneid"
    assert all(r.code != "local_figure" for r in found[0].evidence)


def test_a_share_of_the_population_is_not_strong_for_a_share_of_services_on_its_unit_alone(
    database: Database,
) -> None:
    """A "%" agrees with every share indicator; even an editor's earlier "%" link leaves it below strong."""
    ensure_catalog(database)
    first = "Báo cáo tổng kết cho biết số liệu quý II đạt 61% so với kế hoạch."
    later = "Số liệu quý III cho biết kết quả đạt 78% dân số trưởng thành."
    with database.transaction() as s:
        ids = {i.slug: i.id for i in s.query(Indicator)}
        (a,) = add_report(s, first, [Fig("61%", 61, "%")])
        learn(s, a, ids["online-public-services-full-process-share"])
        (b,) = add_report(s, later, [Fig("78%", 78, "%")])
        found = suggest_indicators(s, b, text=later)
    assert found[0].score < STRONG, [(x.slug, x.score, x.reasons) for x in found[:3]]


@pytest.mark.parametrize(
    ("text", "place"),
    [("Lâm Đồng đẩy mạnh Đề án 06\n\nCông tác chuyển đổi số có nhiều kết quả. Ngoài ra, đến nay đã có "
      "1,25 triệu tài khoản được kích hoạt.", "local"),
     ("Đề án 06 trên cả nước\n\nCông tác chuyển đổi số có nhiều kết quả. Ngoài ra, đến nay đã có "
      "1,25 triệu tài khoản được kích hoạt.", "national"),
     ("Đề án 06 năm 2026\n\nCông tác chuyển đổi số có nhiều kết quả. Ngoài ra, đến nay đã có "
      "1,25 triệu tài khoản được kích hoạt.", None),
     # the headline's place only counts for the sentences below it, and a nearer cue wins
     ("Lâm Đồng đẩy mạnh Đề án 06\n\nCông tác chuyển đổi số có nhiều kết quả. Cả nước đã có "
      "1,25 triệu tài khoản được kích hoạt.", "national"),
     ("Đã có 1,25 triệu tài khoản được kích hoạt ở tỉnh này\nLâm Đồng", "local"),
     ("Đã có 1,25 triệu tài khoản được kích hoạt\nLâm Đồng", None)],
)  # fmt: skip
def test_a_short_headline_names_the_place_of_figures_nothing_nearer_places(
    text: str, place: str | None
) -> None:
    found = neighbourhood(_M("1,25 triệu tài khoản", text), text).place
    assert (found[0] if found else None) == place, found
