"""The confidence scale (chiso.extract.figure_confidence) row by row, and figures inside a
commitment read as targets. ``chiso review auto --min-confidence 0.9`` relies on both."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.extract import Figure, extract
from chiso.extract.figure_confidence import figure_confidence
from chiso.extract.types import Lang

PUBLISHED = date(2026, 1, 16)


def one(text: str, lang: Lang) -> Figure:
    found = extract(text, published=PUBLISHED, lang=lang).figures
    assert len(found) == 1, [f.quote for f in found]
    return found[0]


# (text, lang, quote, lowest, highest): where each kind of figure sits on the scale
SCALE = [
    # a known counted noun in a clean context: a reviewer would accept it unseen
    ("Bộ Công an đã hoàn thành 18/19 cơ sở dữ liệu.", "vi", "18/19 cơ sở dữ liệu", 0.9, 0.98),
    ("Ứng dụng VNeID đã tích hợp 50 tiện ích.", "vi", "50 tiện ích", 0.9, 0.98),
    (
        "Đã cấp 780.000 tài khoản định danh cho tổ chức, doanh nghiệp.",
        "vi",
        "780.000 tài khoản định danh",
        0.9,
        0.98,
    ),
    ("Hệ thống đã làm sạch 247 triệu thông tin.", "vi", "247 triệu thông tin", 0.9, 0.98),
    ("Trung tâm đã kết nối 13 cơ sở dữ liệu.", "vi", "13 cơ sở dữ liệu", 0.9, 0.98),
    ("Đã có 100% công an các đơn vị triển khai.", "vi", "100%", 0.9, 0.98),
    ("The ministry has connected 13 databases.", "en", "13 databases", 0.9, 0.98),
    ("The app now offers 50 utilities to citizens.", "en", "50 utilities", 0.9, 0.98),
    ("The ministry finished 18 of 19 databases last month.", "en", "18 of 19 databases", 0.9, 0.98),
    ("Coverage reached 95.5% of households.", "en", "95.5%", 0.9, 0.98),
    # with a qualifier as well
    ("Đến nay đã kích hoạt trên 67 triệu tài khoản.", "vi", "trên 67 triệu tài khoản", 0.93, 0.98),
    ("Hệ thống lưu hơn 215 triệu bản ghi.", "vi", "hơn 215 triệu bản ghi", 0.93, 0.98),
    ("More than 67 million accounts have been activated.", "en", "More than 67 million accounts", 0.93, 0.98),
    ("About 4,200 households joined the scheme.", "en", "About 4,200 households", 0.93, 0.98),
    # a noun phrase the vocabulary does not know: plausible, worth a look
    ("Bảo tàng trưng bày 12 bức tranh sơn mài.", "vi", "12 bức tranh sơn mài", 0.7, 0.85),
    ("The museum displays 12 lacquer paintings.", "en", "12 lacquer paintings", 0.7, 0.85),
    # spelled numbers and orders of magnitude: a notch lower
    ("Ba bộ đã kết nối dữ liệu.", "vi", "Ba bộ", 0.75, 0.89),
    ("Có hàng triệu người dùng.", "vi", "hàng triệu người dùng", 0.75, 0.89),
    # a time span reads as a duration or an age as often as a count
    ("Đây là năm đầu tiên sau 28 năm chia tách.", "vi", "28 năm", 0.0, 0.6),
    ("Hệ thống lưu tối thiểu 10 năm dữ liệu.", "vi", "tối thiểu 10 năm dữ liệu", 0.0, 0.6),
    ("Tốc độ đạt 146,64 Mbps.", "vi", "146,64 Mbps", 0.9, 0.98),
    ("Vietnam has 79.8 million internet users.", "en", "79.8 million internet users", 0.9, 0.98),
    ("He has worked for 28 years in the ministry.", "en", "28 years", 0.0, 0.6),
    # a label-ish or ambiguous context
    ("Giải thưởng dành cho 78 October Group.", "en", "78 October", 0.0, 0.7),
    # a bare number with no unit
    ("Mã số là 4821 cho đợt này.", "vi", "4821", 0.0, 0.5),
    ("The figure was 4821.", "en", "4821", 0.0, 0.5),
    ("About 4,821 were counted.", "en", "About 4,821", 0.0, 0.5),
]


@pytest.mark.parametrize(("text", "lang", "quote", "lowest", "highest"), SCALE)
def test_confidence_scale(text: str, lang: Lang, quote: str, lowest: float, highest: float) -> None:
    f = one(text, lang)
    assert f.quote == quote
    assert lowest <= f.confidence <= highest, f.confidence


def test_confidence_orders_the_kinds_of_figure() -> None:
    args = {"ratio_or_range": False, "scaled": False, "spelled": False, "has_period": False}
    known = figure_confidence(
        unit="tài khoản", head="tài khoản", known=True, qualified=False, label_context=False, **args
    )
    qualified = figure_confidence(
        unit="tài khoản", head="tài khoản", known=True, qualified=True, label_context=False, **args
    )
    unknown = figure_confidence(
        unit="bức tranh", head="bức tranh", known=False, qualified=False, label_context=False, **args
    )
    labelled = figure_confidence(
        unit="tài khoản", head="tài khoản", known=True, qualified=False, label_context=True, **args
    )
    bare = figure_confidence(unit=None, head=None, known=False, qualified=True, label_context=False, **args)
    assert bare <= 0.5 < unknown < 0.9 <= known < qualified
    assert qualified >= 0.93
    assert labelled < known


@pytest.mark.parametrize(("text", "lang"), [(t, lg) for t, lg, *_ in SCALE])
def test_confidence_has_three_decimals(text: str, lang: Lang) -> None:
    for m in extract(text, published=PUBLISHED, lang=lang).mentions:
        assert m.confidence == round(m.confidence, 3)
        assert m.to_dict()["confidence"] == m.confidence


# (text, lang, quote, target): a figure inside a future commitment is what is promised
TARGETS = [
    (
        "Bộ phấn đấu trước ngày 15/12/2026 hoàn thành kết nối đủ 19 cơ sở dữ liệu với Trung tâm.",
        "vi",
        "19 cơ sở dữ liệu",
        True,
    ),
    ("Bộ dự kiến trong quý II/2026 tích hợp thêm 30 tiện ích trên VNeID.", "vi", "30 tiện ích", True),
    ("Dự kiến đến cuối năm, ứng dụng sẽ có 30 tiện ích.", "vi", "30 tiện ích", True),
    ("Chậm nhất ngày 31/12/2026, 100% xã phải cung cấp dịch vụ công trực tuyến.", "vi", "100%", True),
    ("The government aims to have 80% of adults using digital payments by 2030.", "en", "80%", True),
    ("The ministry plans to connect 19 databases by June 2026.", "en", "19 databases", True),
    (
        "The government aims to have 1.5 million digital enterprises in the first half of 2026.",
        "en",
        "1.5 million digital enterprises",
        True,
    ),
    # levels already reached stay levels
    ("Đến nay, Bộ đã kết nối 13 cơ sở dữ liệu.", "vi", "13 cơ sở dữ liệu", False),
    ("Năm 2025, tỉnh đã hoàn thành 120 hồ sơ.", "vi", "120 hồ sơ", False),
    ("By the end of 2025, 4.2 million people had linked their accounts.", "en", "4.2 million people", False),
    # an effective date is a commitment now, but what it sets going is not a goal due that day
    ("Kể từ ngày 1/3, 7/12 phường sẽ thu phí qua ứng dụng.", "vi", "7/12 phường", False),
]


@pytest.mark.parametrize(("text", "lang", "quote", "target"), TARGETS)
def test_figures_in_commitments_are_targets(text: str, lang: Lang, quote: str, target: bool) -> None:
    f = one(text, lang)
    assert (f.quote, f.target) == (quote, target)


def test_in_commitments_sees_every_overlapping_commitment() -> None:
    """Many commitments in one sentence, unordered by end: a figure inside any of them is a goal."""
    from chiso.extract.figures import in_commitments
    from chiso.extract.types import Deadline

    def d(start: int, end: int) -> Deadline:
        return Deadline(start, end, "x" * (end - start), None, date(2026, 6, 30), "month", "x", "dự kiến")

    def fig(start: int, end: int, change: bool = False) -> Figure:
        return Figure(start, end, "x" * (end - start), 1.0, change=change)

    deadlines = [d(0, 10), d(5, 12), d(6, 14), d(7, 16), d(2, 60)]
    figures = [fig(40, 45), fig(50, 55, change=True), fig(58, 62), fig(61, 63)]  # left to right
    got = in_commitments(figures, deadlines)
    assert [f.target for f in got] == [True, False, False, False]  # a change stays a change
