"""The label filter: names, legal references, dates, times, ages, phones, URLs, files and hashes are not figures."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.extract.figures import find_figures
from chiso.extract.labels import label_reason, noise_end
from chiso.extract.text import normalise, sentences
from chiso.extract.types import Lang


def values(text: str, lang: Lang = "vi") -> list[float]:
    norm = normalise(text)
    return [f.value for f in find_figures(norm, sentences(norm), published=date(2026, 1, 16), lang=lang)]


# Each row holds one figure (42 of something) among things that must not be figures.
NOT_FIGURES: list[tuple[str, Lang]] = [
    # names and labels
    ("Theo Đề án 06, 42 xã đã làm sạch dữ liệu.", "vi"),
    ("Nghị quyết 57-NQ/TW đặt ra 42 nhiệm vụ.", "vi"),
    ("Kế hoạch 02 có 42 nhiệm vụ.", "vi"),
    ("Ban Chỉ đạo 158 và Ban chỉ đạo 57 giao 42 nhiệm vụ.", "vi"),
    ("Trung tâm dữ liệu quốc gia số 1 kết nối 42 bộ.", "vi"),
    ("Trung tâm dữ liệu số 2, số 3 sẽ có 42 tủ máy.", "vi"),
    ("Đại hội XIV và Kết luận 158 nêu 42 nhiệm vụ.", "vi"),
    ("Mô hình Công an 3 cấp có 42 đơn vị.", "vi"),
    ("Chính quyền địa phương 2 cấp gồm 42 xã.", "vi"),
    ("Luật An ninh mạng 2025 có 42 điều.", "vi"),
    ("Luật Bảo vệ bí mật nhà nước năm 2025 có 42 điều.", "vi"),
    ("Hội nghị lần thứ 3 có 42 đại biểu.", "vi"),
    ("Đơn vị xếp thứ 2 với 42 điểm.", "vi"),
    ("Tài khoản định danh điện tử mức 2 có 42 tiện ích.", "vi"),
    ("Cách mạng công nghiệp 4.0 và mạng 5G phủ 42 tỉnh.", "vi"),
    ("Nhân kỷ niệm 80 năm thành lập, 42 đơn vị được khen.", "vi"),
    ("Project 06 and Resolution 57 list 42 tasks.", "en"),
    ("The Long Phu 1 thermal power plant employs 42 engineers.", "en"),
    ("The 500kV circuit 3 line has 42 towers.", "en"),
    ("Nhà máy nhiệt điện Vĩnh Tân 4 có 42 kỹ sư.", "vi"),
    ("Phase 2 in District 7 covers 42 wards.", "en"),
    ("Industry 4.0 and COVID-19 hit 42 firms.", "en"),
    # legal references
    ("Theo Quyết định số 06/QĐ-TTg, 42 bộ phải báo cáo.", "vi"),
    ("Điều 5, khoản 2 áp dụng cho 42 cơ quan.", "vi"),
    ("Nghị định 13/2023/NĐ-CP và Thông tư 15/2024/TT-BTTTT áp dụng cho 42 bộ.", "vi"),
    ("Decree 13/2023/ND-CP and Article 5 apply to 42 agencies.", "en"),
    # dates, years, periods
    ("Chiều 16/1, Bộ báo cáo 42 nhiệm vụ.", "vi"),
    ("Chiều 16-1, Bộ báo cáo 42 nhiệm vụ.", "vi"),
    ("Ngày 6/12 và sáng 5/9 có 42 đoàn.", "vi"),
    ("Dịp Quốc khánh 2/9, 42 đoàn đã đến.", "vi"),
    ("Từ ngày 1/3, 42 xã áp dụng.", "vi"),
    ("Từ ngày 1/7/2025, 42 xã áp dụng.", "vi"),
    ("Ngày 15.12.2025 có 42 đoàn.", "vi"),
    ("Dự kiến trong tháng 6-2026 có 42 trạm.", "vi"),
    ("Chậm nhất hết quý I-2026 có 42 dịch vụ.", "vi"),
    ("Giai đoạn 2021-2025 có 42 dự án.", "vi"),
    ("Trong 6 tháng qua có 42 vụ.", "vi"),
    ("Năm 2024 có 42 doanh nghiệp.", "vi"),
    ("On 9 January 2026, 42 firms signed.", "en"),
    ("Since 2021, 42 firms signed.", "en"),
    ("In the past 5 years, 42 firms signed.", "en"),
    # clock times and ages
    ("Lúc 14h30, 42 đại biểu có mặt.", "vi"),
    ("Lúc 8 giờ 30 phút, 42 đại biểu có mặt.", "vi"),
    ("Đến 17 giờ chiều, 42 đại biểu có mặt.", "vi"),
    ("At 10 a.m., 42 delegates arrived.", "en"),
    ("Ông An (52 tuổi) dẫn 42 học viên.", "vi"),
    ("Thí sinh từ 18 đến 25 tuổi, gồm 42 người.", "vi"),
    ("Người mua ở độ tuổi 25-34 có 42 người.", "vi"),
    ("The 45-year-old minister met 42 staff.", "en"),
    ("Aged 45, she leads 42 engineers.", "en"),
    # phones, URLs, files, hashes
    ("Gọi 0912 345 678 hoặc 024.3942.1234, có 42 tổng đài viên.", "vi"),
    ("Đường dây nóng 1900 0368 có 42 tổng đài viên.", "vi"),
    ("Call +84 912 345 678 or 1800 1234; 42 agents answer.", "en"),
    ("Xem https://dichvucong.gov.vn/p/123/home.html có 42 dịch vụ.", "vi"),
    ("Visit www.example.gov.vn/2025 for 42 services.", "en"),
    ("Tải tệp bao-cao-quy-1-2025.pdf gồm 42 trang.", "vi"),
    ("z7437247308587-9d2e8586c3c62b4434a6bb8e11370d29-5685.jpg\n42 đại biểu dự.", "vi"),
    (
        "library-20260116174030-7e87a966-e638-404a-afc9-f725abac918b-4ef23083532adc74853b-3675.jpg\n42 đại biểu dự.",
        "vi",
    ),
    ("Email to data2025@mps.gov.vn reached 42 staff.", "en"),
    # words that only look like numbers
    ("Cùng với triệu triệu đồng bào, 42 đoàn đã về.", "vi"),
    ("Đây là một cửa sổ duy nhất cho 42 thủ tục.", "vi"),
    ("Hai bên ký 42 văn bản.", "vi"),
]


@pytest.mark.parametrize(("text", "lang"), NOT_FIGURES, ids=[r[0][:48] for r in NOT_FIGURES])
def test_only_the_count_is_a_figure(text: str, lang: Lang) -> None:
    assert values(text, lang) == [42]


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("Đề án 06 của Chính phủ", "06", "code with a leading zero"),
        ("Ban Chỉ đạo 158 của Bộ", "158", "label word 'ban chỉ đạo'"),
        ("Trung tâm dữ liệu quốc gia số 1", "1", "label word 'số'"),
        ("Nghị quyết 57-NQ/TW", "57", "legal or document code"),
        ("Công an 3 cấp", "3", "tiers of an organisation"),
        ("sáng 5 tháng", "5", "date or time cue"),
        ("ông An, 52 tuổi", "52", "age"),
        ("công nghiệp 4.0", "4.0", "version"),
        ("kỷ niệm 80 năm", "80", "anniversary"),
        ("6 tháng qua", "6", "recent period"),
    ],
)
def test_label_reason(text: str, number: str, reason: str) -> None:
    at = text.index(number)
    assert label_reason(text, at, at + len(number), has_scale=False, has_unit_sign=False) == reason


@pytest.mark.parametrize(
    ("text", "number"),
    [("Theo mức 15% trần", "15"), ("đạt mức 3,5%", "3,5"), ("số 3 triệu hồ sơ", "3")],
)
def test_a_unit_turns_a_soft_label_back_into_a_figure(text: str, number: str) -> None:
    at = text.index(number)
    assert label_reason(text, at, at + len(number), has_scale=True, has_unit_sign=True) is None


@pytest.mark.parametrize(
    ("text", "number", "skip_to"),
    [
        ("ảnh z7437247308587-9d2e.jpg ở đây", "7437", "z7437247308587-9d2e.jpg"),
        ("gọi 0912 345 678 nhé", "0912", "0912 345 678"),
        ("xem 2025-report.pdf nhé", "2025", "2025-report.pdf"),
        ("mạng 5G phủ sóng", "5", "5G"),
    ],
)
def test_noise_end_skips_the_whole_token(text: str, number: str, skip_to: str) -> None:
    at = text.index(number)
    assert noise_end(text, at) == text.index(skip_to) + len(skip_to)


@pytest.mark.parametrize("text", ["đạt 100GB dung lượng", "có 1,5tr lượt", "hit $1.5bn.", "đạt 20%."])
def test_numbers_with_glued_units_are_not_noise(text: str) -> None:
    at = next(i for i, c in enumerate(text) if c.isdigit())
    assert noise_end(text, at) is None


# --- the word lists themselves -----------------------------------------------------------------
def test_vocabulary_lists_are_clean() -> None:
    """Every list is lowercase where it is matched lowercased, without duplicates, with valid values."""
    import re as _re

    from chiso.extract import vocab
    from chiso.extract.types import QUALIFIERS

    lowered = [
        "LABEL_WORDS",
        "LABEL_WORD_EXCEPTIONS",
        "DATE_CUES",
        "YEAR_CUES",
        "CHANGE_WORDS",
        "TARGET_WORDS",
    ]
    for name in lowered:
        items = getattr(vocab, name)
        assert all(i == i.lower() for i in items), name
        assert len(set(items)) == len(items), name
    assert all(q in QUALIFIERS for _, q in vocab.QUALIFIERS)
    assert len({w for w, _ in vocab.QUALIFIERS}) == len(vocab.QUALIFIERS)
    assert not vocab.VI_UNIT_STOPS & {"tài", "khoản", "người", "lượt", "hồ", "sơ", "bản", "ghi"}
    for pattern in (vocab.PERIOD_CUES_VI, vocab.PERIOD_CUES_EN, vocab.COUNT_NOUNS):
        _re.compile(pattern)
    assert vocab.YEAR_MIN < vocab.YEAR_MAX
