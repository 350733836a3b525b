"""Vietnamese press writes 1 August as "1.8": after "từ/kể từ/trước/đến" it is a date, not the figure 1.8."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.extract import extract

PUB = date(2026, 7, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Kể từ 1.8 tới, các cửa hàng xăng dầu phải xuất hóa đơn điện tử.",
        "Từ 1.8, giá điện sinh hoạt tăng thêm 4,8%.",
        "Các xã nộp hồ sơ trước 30.11, chậm nhất là 5 ngày làm việc.",
        "Từ ngày 1.8, mức lương cơ sở là 2,34 triệu đồng.",
    ],
)
def test_a_dotted_day_month_is_no_figure(text: str) -> None:
    values = [f.value for f in extract(text, published=PUB, lang="vi").figures]
    assert 1.8 not in values, values
    assert 30.11 not in values, values


@pytest.mark.parametrize(
    ("text", "value"),
    [("Chỉ số tăng từ 1.8 lên 2.3 điểm.", 1.8), ("Giá giảm từ 1.8 triệu đồng xuống.", 1.8e6)],
)
def test_a_dotted_number_before_a_word_stays_a_figure(text: str, value: float) -> None:
    assert value in [f.value for f in extract(text, published=PUB, lang="vi").figures]
