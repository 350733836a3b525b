"""Figures, table-driven: one row per construct in issue 3, in Vietnamese and English where it applies."""

from __future__ import annotations

import itertools
import unicodedata
from datetime import date
from typing import Any

import pytest

from chiso.extract import extract
from chiso.extract.figures import find_figures
from chiso.extract.text import normalise, sentences
from chiso.extract.types import Figure, Lang

PUBLISHED = date(2026, 1, 16)


def figures(text: str, lang: Lang = "vi", published: date | None = PUBLISHED) -> list[Figure]:
    norm = normalise(text)
    return find_figures(norm, sentences(norm), published=published, lang=lang)


def only(text: str, lang: Lang = "vi", published: date | None = PUBLISHED) -> Figure:
    found = figures(text, lang, published)
    assert len(found) == 1, [f.quote for f in found]
    return found[0]


# (text, lang, expected attributes of the single figure found)
ROWS: list[tuple[str, Lang, dict[str, Any]]] = [
    # numbers and scales
    ("Đã cấp 780.000 tài khoản.", "vi", {"value": 780000, "unit": "tài khoản"}),
    ("Có 1,5 triệu người dùng.", "vi", {"value": 1.5e6, "unit": "người dùng", "unit_head": "người"}),
    ("Tổng vốn 1.000 tỷ đồng.", "vi", {"value": 1e12, "unit": "đồng"}),
    ("Doanh thu 2 nghìn tỷ đồng.", "vi", {"value": 2e12, "unit": "đồng"}),
    ("Có 3 trăm nghìn hộ.", "vi", {"value": 3e5, "unit": "hộ"}),
    ("Tiếp nhận 1 triệu 200 nghìn hồ sơ.", "vi", {"value": 1.2e6, "quote": "1 triệu 200 nghìn hồ sơ"}),
    ("Có 1.500 doanh nghiệp.", "vi", {"value": 1500}),
    ("It served 780,000 firms.", "en", {"value": 780000, "unit": "firms"}),
    ("It has 1.5 million users.", "en", {"value": 1.5e6, "unit": "users"}),
    ("Exports hit 2 trillion dong.", "en", {"value": 2e12}),
    # spelled numbers and orders of magnitude
    ("Hai mươi lăm tỉnh đã xong.", "vi", {"value": 25, "unit": "tỉnh"}),
    ("Còn ba bộ chưa kết nối.", "vi", {"value": 3, "unit": "bộ", "quote": "ba bộ"}),
    ("Có hai triệu lượt truy cập.", "vi", {"value": 2e6, "unit": "lượt truy cập"}),
    ("Có một trăm doanh nghiệp.", "vi", {"value": 100, "unit": "doanh nghiệp"}),
    ("Hàng triệu người dân đã dùng.", "vi", {"value": 1e6, "qualifier": "about", "unit": "người dân"}),
    ("Có hàng chục nghìn doanh nghiệp.", "vi", {"value": 1e4, "qualifier": "about"}),
    ("Millions of people use it.", "en", {"value": 1e6, "qualifier": "about", "unit": "people"}),
    ("Two million citizens log in.", "en", {"value": 2e6, "unit": "citizens"}),
    # qualifiers: the word is inside the quote
    (
        "Đã kích hoạt trên 67 triệu tài khoản.",
        "vi",
        {"qualifier": "more_than", "quote": "trên 67 triệu tài khoản"},
    ),
    ("Đã có hơn 215 triệu bản ghi.", "vi", {"qualifier": "more_than", "unit": "bản ghi"}),
    ("Doanh thu vượt 120% kế hoạch.", "vi", {"qualifier": "more_than", "unit": "%"}),
    ("Cần ít nhất 70% người dân.", "vi", {"qualifier": "at_least"}),
    ("Lưu tối thiểu 10 năm.", "vi", {"qualifier": "at_least", "unit": "năm"}),
    ("Có khoảng 62 triệu tài khoản.", "vi", {"qualifier": "about"}),
    ("Có chừng 300 cán bộ.", "vi", {"qualifier": "about", "unit": "cán bộ"}),
    ("Đạt gần 1,2 tỷ lượt.", "vi", {"qualifier": "nearly", "value": 1.2e9}),
    ("Tỷ lệ xấp xỉ 12,75%.", "vi", {"qualifier": "nearly", "value": 12.75}),
    ("Chỉ dưới 5% bị trả lại.", "vi", {"qualifier": "less_than"}),
    ("Có chưa đến 2% hồ sơ.", "vi", {"qualifier": "less_than"}),
    ("Hỗ trợ tối đa 500 triệu đồng.", "vi", {"qualifier": "at_most", "value": 5e8}),
    ("Phục vụ lên tới 2.000 người dùng.", "vi", {"qualifier": "at_most", "value": 2000}),
    ("It has more than 1.5 million users.", "en", {"qualifier": "more_than"}),
    ("It has over 600 experts.", "en", {"qualifier": "more_than"}),
    ("At least 250 agencies joined.", "en", {"qualifier": "at_least"}),
    ("About 1.2 million households.", "en", {"qualifier": "about"}),
    ("Around 40 people came.", "en", {"qualifier": "about"}),
    ("Some 40,000 engineers work.", "en", {"qualifier": "about"}),
    ("Nearly 3 million people.", "en", {"qualifier": "nearly"}),
    ("Almost 90% of them.", "en", {"qualifier": "nearly"}),
    ("Under 5% failed.", "en", {"qualifier": "less_than"}),
    ("Less than 5% failed.", "en", {"qualifier": "less_than"}),
    ("Up to 2,000 users can log in.", "en", {"qualifier": "at_most"}),
    ("Yêu cầu cắt giảm ít nhất 30% chi phí.", "vi", {"qualifier": "at_least", "change": True}),
    # "cao hơn" compares, it does not bound
    ("Cao hơn 4,1 điểm phần trăm.", "vi", {"qualifier": "exact", "change": True, "unit": "điểm phần trăm"}),
    # ratios
    ("Đã xong 18/19 cơ sở dữ liệu.", "vi", {"value": 18, "of": 19, "unit": "cơ sở dữ liệu"}),
    ("Có 5/9 tỉnh đã xong.", "vi", {"value": 5, "of": 9, "unit": "tỉnh"}),
    ("Có 18 trên 19 bộ.", "vi", {"value": 18, "of": 19, "unit": "bộ"}),
    ("In all, 18 of 19 databases are live.", "en", {"value": 18, "of": 19, "unit": "databases"}),
    ("Now 63/63 provinces share data.", "en", {"value": 63, "of": 63}),
    # percent, points, rates, money
    ("Hiện nay 100% công an các đơn vị đã có.", "vi", {"value": 100, "unit": "%", "quote": "100%"}),
    ("Tỷ lệ đạt 95,5%.", "vi", {"value": 95.5, "unit": "%"}),
    ("Khoảng 95 phần trăm giao dịch.", "vi", {"value": 95, "unit": "%", "qualifier": "about"}),
    ("It reached 95.5 percent.", "en", {"value": 95.5, "unit": "%"}),
    ("Tăng 2,5 điểm phần trăm.", "vi", {"value": 2.5, "unit": "điểm phần trăm", "change": True}),
    ("It rose 6.5 percentage points.", "en", {"unit": "percentage points", "change": True}),
    ("Trung bình trên 3 triệu lượt/ngày.", "vi", {"value": 3e6, "unit": "lượt/ngày", "unit_head": "lượt"}),
    ("Có 3 triệu lượt mỗi ngày.", "vi", {"unit": "lượt/ngày"}),
    ("Almost 3 million visits per day.", "en", {"unit": "visits/day"}),
    ("Phí 2,5 triệu đồng/tháng.", "vi", {"value": 2.5e6, "unit": "đồng/tháng"}),
    ("It raised USD 1.2 billion.", "en", {"value": 1.2e9, "unit": "USD", "quote": "USD 1.2 billion"}),
    ("It spent $300 million.", "en", {"value": 3e8, "unit": "USD", "quote": "$300 million"}),
    ("A grant of VND 500,000 each.", "en", {"value": 500000, "unit": "đồng"}),
    ("Khoản vay 4,6 tỷ USD.", "vi", {"value": 4.6e9, "unit": "USD"}),
    ("Thu 5 tỷ VNĐ.", "vi", {"value": 5e9, "unit": "đồng"}),
    # changes and levels
    ("Lượt truy cập tăng 35%.", "vi", {"change": True}),
    ("Thời gian giảm 40%.", "vi", {"change": True}),
    ("Doanh thu gấp 3 lần.", "vi", {"change": True, "unit": "lần", "value": 3}),
    ("Tỷ lệ tăng lên 20%.", "vi", {"change": False}),
    ("Số vụ giảm còn 1.200 vụ.", "vi", {"change": False, "unit": "vụ"}),
    ("Payments increased by 15%.", "en", {"change": True}),
    ("Payments rose to 15%.", "en", {"change": False}),
    ("Revenue climbed 28%.", "en", {"change": True}),
    ("It was a 15% increase.", "en", {"change": True}),
    # ranges
    ("Xử lý từ 10 đến 15 triệu hồ sơ.", "vi", {"value": 1e7, "value_max": 1.5e7, "unit": "hồ sơ"}),
    ("Tăng trưởng 10-15%.", "vi", {"value": 10, "value_max": 15, "unit": "%"}),
    ("Chi 200 - 300 tỷ đồng.", "vi", {"value": 2e11, "value_max": 3e11, "unit": "đồng"}),
    ("It trains between 10 and 15 million people.", "en", {"value": 1e7, "value_max": 1.5e7}),
    ("Growth of 10–15% is likely.", "en", {"value": 10, "value_max": 15}),
    # targets
    ("Thành phố phấn đấu đạt 80% hồ sơ trực tuyến.", "vi", {"target": True}),
    ("Mục tiêu 100% xã có wifi.", "vi", {"target": True}),
    ("Đến năm 2030, 80% dân số có tài khoản.", "vi", {"target": True, "period_end": date(2030, 12, 31)}),
    ("The target of 30% stands.", "en", {"target": True}),
    ("Năm 2025 đã vượt mục tiêu với 90% hồ sơ.", "vi", {"target": False}),
    ("Đã cấp 7 triệu tài khoản.", "vi", {"target": False}),
    # units stop at prepositions, conjunctions, verbs and names
    ("Đã cấp 780.000 tài khoản định danh cho tổ chức, doanh nghiệp.", "vi", {"unit": "tài khoản định danh"}),
    ("Có 13 cơ sở dữ liệu với Trung tâm.", "vi", {"unit": "cơ sở dữ liệu"}),
    ("Có 50 tiện ích được triển khai.", "vi", {"unit": "tiện ích"}),
    ("Trao 8 di ảnh màu Anh hùng.", "vi", {"unit": "di ảnh màu", "unit_head": "di ảnh"}),
    ("Có 5 triệu lao động có việc.", "vi", {"unit": "lao động"}),
    ("Up to 40 provinces took part.", "en", {"unit": "provinces"}),
    ("Speed hit 146,64 Mbps.", "vi", {"value": 146.64, "unit": "Mbps"}),
]


@pytest.mark.parametrize(("text", "lang", "want"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_figure(text: str, lang: Lang, want: dict[str, Any]) -> None:
    f = only(text, lang)
    assert f.quote == normalise(text)[f.start : f.end]
    for k, v in want.items():
        got = getattr(f, k)
        if isinstance(v, float):
            assert got == pytest.approx(v), k
        else:
            assert got == v, k


# (text, lang, published, period, as_of, period_start, period_end)
PERIODS: list[tuple[str, Lang, date | None, str, date | None, date | None, date | None]] = [
    ("Đến nay đã có 50 tiện ích.", "vi", PUBLISHED, "Đến nay", PUBLISHED, None, None),
    ("Hiện nay có 18,6 triệu hộ.", "vi", PUBLISHED, "Hiện nay", PUBLISHED, None, None),
    (
        "Tính đến ngày 15/12/2025, có 20 triệu tài khoản.",
        "vi",
        PUBLISHED,
        "Tính đến ngày 15/12/2025",
        date(2025, 12, 15),
        None,
        None,
    ),
    (
        "Riêng năm 2025, đã cấp hơn 7 triệu tài khoản.",
        "vi",
        PUBLISHED,
        "năm 2025",
        None,
        date(2025, 1, 1),
        date(2025, 12, 31),
    ),
    (
        "6 tháng đầu năm 2025 xử lý 500.000 hồ sơ.",
        "vi",
        PUBLISHED,
        "6 tháng đầu năm 2025",
        None,
        date(2025, 1, 1),
        date(2025, 6, 30),
    ),
    (
        "Trong tháng 10 có 3.200 giao dịch.",
        "vi",
        PUBLISHED,
        "Trong tháng 10",
        None,
        date(2025, 10, 1),
        date(2025, 10, 31),
    ),
    (
        "As of December 15, 2025, 1.5 million firms joined.",
        "en",
        PUBLISHED,
        "As of December 15, 2025",
        date(2025, 12, 15),
        None,
        None,
    ),
    (
        "In 2025, 12 ministries took part.",
        "en",
        PUBLISHED,
        "In 2025",
        None,
        date(2025, 1, 1),
        date(2025, 12, 31),
    ),
    ("To date, 2.4 million records are online.", "en", PUBLISHED, "To date", PUBLISHED, None, None),
    (
        "Đến hết năm 2023, đã có hơn 45 triệu tài khoản.",
        "vi",
        PUBLISHED,
        "Đến hết năm 2023",
        date(2023, 12, 31),
        None,
        None,
    ),
    # without a publication date, "đến nay" has no date: never a guess
    ("Đến nay đã có 50 tiện ích.", "vi", None, "Đến nay", None, None, None),
]


@pytest.mark.parametrize(("text", "lang", "published", "period", "as_of", "p_start", "p_end"), PERIODS)
def test_period(
    text: str,
    lang: Lang,
    published: date | None,
    period: str,
    as_of: date | None,
    p_start: date | None,
    p_end: date | None,
) -> None:
    f = only(text, lang, published)
    assert (f.period, f.as_of, f.period_start, f.period_end) == (period, as_of, p_start, p_end)


@pytest.mark.parametrize(
    ("text", "lang", "period"),
    [
        (
            "As of December 31, 2024, the share was up from 40% at the end of 2023.",
            "en",
            "at the end of 2023",
        ),
        ("Đến nay, tỷ lệ này đã vượt mức 40% vào cuối năm 2023.", "vi", "vào cuối năm 2023"),
        ("Hiện nay có 5 triệu tài khoản trong năm 2025.", "vi", "trong năm 2025"),
        # a clause boundary between them: the period after belongs to the next clause
        ("Năm 2024 có 70.000 doanh nghiệp; đến năm 2030 sẽ có nhiều hơn.", "vi", "Năm 2024"),
    ],
)
def test_a_period_written_right_after_the_figure_is_its_own(text: str, lang: Lang, period: str) -> None:
    assert only(text, lang).period == period


def test_the_text_date_wins_over_publication() -> None:
    f = only("Tính đến ngày 30/6/2025, đã cấp hơn 87 triệu thẻ căn cước.", published=PUBLISHED)
    assert f.as_of == date(2025, 6, 30)


def test_two_figures_share_a_sentence_period() -> None:
    found = figures(
        "Đến nay, VNeID có 50 tiện ích; đã kích hoạt trên 67 triệu tài khoản với hơn 500 triệu lượt truy cập."
    )
    assert [f.value for f in found] == [50, 67e6, 500e6]
    assert {f.as_of for f in found} == {PUBLISHED}


@pytest.mark.parametrize(
    "text",
    [
        "Đã kích hoạt trên 67\u00a0triệu tài khoản.",  # no-break space
        "Đã kích hoạt trên 67\u2009triệu tài khoản.",  # thin space
        "Đã kích hoạt trên 67\u202ftriệu tài khoản.",  # narrow no-break space
        "Đã kích hoạt trên\n67 triệu tài khoản.",  # a line break inside the sentence
        unicodedata.normalize("NFD", "Đã kích hoạt trên 67 triệu tài khoản."),
    ],
)
def test_text_variants_give_the_same_figure(text: str) -> None:
    result = extract(text, published=PUBLISHED, lang="vi")
    (f,) = result.figures
    assert (f.value, f.qualifier, f.unit) == (67e6, "more_than", "tài khoản")
    assert result.text[f.start : f.end] == f.quote


def test_curly_quotes_around_a_title_do_not_hide_figures() -> None:
    found = figures("Theo “Báo cáo chuyển đổi số 2025”, có 1,6 triệu người dùng “Sổ sức khỏe điện tử”.")
    assert [(f.value, f.unit) for f in found] == [(1.6e6, "người dùng")]


def test_mixed_language_sentence() -> None:
    found = figures("Dự án nhận khoản vay 200 million USD, chiếm 72% vốn.", "vi")
    assert [(f.value, f.unit) for f in found] == [(2e8, "USD"), (72, "%")]


def test_auto_language_detection() -> None:
    en = extract("The ministry said 780,000 accounts were issued in 2025.", published=PUBLISHED)
    vi = extract("Bộ cho biết đã cấp 780.000 tài khoản trong năm 2025.", published=PUBLISHED)
    assert (en.lang, vi.lang) == ("en", "vi")
    assert [f.value for f in en.figures] == [f.value for f in vi.figures] == [780000]


def test_confidence_means_something() -> None:
    bare = only("Mã số là 4821 cho đợt này.")
    strong = only("Đã kích hoạt trên 67 triệu tài khoản.")
    assert 0 <= bare.confidence < 0.5 < 0.9 <= strong.confidence <= 1


def test_figures_are_left_to_right_and_disjoint() -> None:
    text = "Có 18/19 cơ sở dữ liệu, 247 triệu thông tin từ 13 cơ sở dữ liệu và 100% đơn vị."
    found = figures(text)
    assert [f.value for f in found] == [18, 247e6, 13, 100]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tính đến tháng 6/0000, có 5 triệu tài khoản.", "vi"),
        ("In June 0000, 5 million accounts were active.", "en"),
    ],
)
def test_an_impossible_date_costs_the_period_not_the_figure(text: str, lang: Lang) -> None:
    f = only(text, lang)
    assert (f.value, f.period) == (5e6, None)


def test_empty_and_numberless_text() -> None:
    assert figures("") == []
    assert figures("Không có con số nào ở đây.") == []
