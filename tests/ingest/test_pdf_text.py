"""PDFs printed by Chromium and LibreOffice: Vietnamese words come out whole, two columns stay in
reading order, and a page whose text layer splits words apart is refused (issue 12 #4).

The PDFs under fixtures/pdf were printed from the HTML beside them (see its README)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from chiso.errors import InputError
from chiso.extract import Figure, extract
from chiso.ingest.pdf import looks_broken, read_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


def _read(name: str) -> str:
    return read_pdf((FIXTURES / name).read_bytes(), name=name).text


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        (
            "chromium-vi.pdf",
            ["hơn 68 triệu tài khoản định danh điện tử", "Định danh điện tử tăng nhanh", "đạt 45,5%"],
        ),
        ("libreoffice-vi.pdf", ["hơn 68 triệu tài khoản định danh điện tử", "đạt 45,5%"]),
        ("chromium-en.pdf", ["more than 68 million electronic identity accounts", "reached 45.5%"]),
        ("libreoffice-en.pdf", ["more than 68 million electronic identity accounts", "reached 45.5%"]),
    ],
)
def test_words_come_out_whole(name: str, phrases: list[str]) -> None:
    text = " ".join(_read(name).split())
    for phrase in phrases:
        assert phrase in text
    assert not looks_broken(text)


@pytest.mark.parametrize(("name", "lang"), [("chromium-vi.pdf", "vi"), ("chromium-en.pdf", "en")])
def test_the_figure_keeps_its_unit(name: str, lang: str) -> None:
    """Before: 68 was stored with the unit "tri" (the rest of "triệu" split off)."""
    result = extract(_read(name), published=date(2026, 3, 2), lang=lang)  # type: ignore[arg-type]
    figures = [m for m in result.mentions if isinstance(m, Figure)]
    (accounts,) = [f for f in figures if f.value == 68_000_000]
    assert accounts.unit is not None
    assert accounts.unit.startswith("tài khoản" if lang == "vi" else "electronic identity account")
    assert not any(f.value == 68 for f in figures)


def test_two_columns_are_read_column_by_column() -> None:
    """pypdf's layout mode joined the words but put both columns on each line."""
    text = " ".join(_read("chromium-vi-2col.pdf").split())
    first = "Trong năm qua, tỉnh đã cấp mới khoảng 350 nghìn tài khoản định danh điện tử cho người dân"
    second = "Tỉnh đặt mục tiêu đến cuối năm 2026 có ít nhất 90% thủ tục được giải quyết toàn trình"
    assert first in text
    assert second in text
    assert text.index(first) < text.index(second)


def test_a_text_layer_that_splits_words_is_refused() -> None:
    name = "libreoffice-vi-2col-justified.pdf"
    with pytest.raises(InputError) as info:
        read_pdf((FIXTURES / name).read_bytes(), name=name)
    message = str(info.value)
    assert message.startswith(f"{name}: page 2 of the PDF splits words into letters")
    assert "\n" not in message


BROKEN_VI = (
    "Theo s ố li ệ u m ớ i nh ấ t, c ả n ướ c đã có h ơ n 68 tri ệ u tài kho ả n đ ị nh danh "
    "đi ệ n t ử đ ượ c kích ho ạ t, tăng kho ả ng 1,2 tri ệ u tài kho ả n so v ớ i tháng tr ướ c. "
    "C ơ quan ch ủ trì s ẽ hoàn thành vi ệ c k ế t n ố i d ữ li ệ u tr ướ c ngày 30/6."
)
JUSTIFIED_VI = (
    "Trong năm qua, t nh đã c p m i kho ng 350 nghìn tài kho n ỉ ấ ớ ả ả "
    "đ nh danh đi n t cho ng i dân các huy n vùng cao, đ ng ị ệ ử ườ ở ệ ồ "
    "th i h ng d n cách s d ng ng d ng trên đi n tho i ờ ướ ẫ ử ụ ứ ụ ệ ạ "
    "S h s n p tr c tuy n tăng m nh, đ t g n 72% t ng s h s ố ồ ơ ộ ự ế ạ ạ ầ ổ ố ồ ơ"
)
PROSE_VI = (
    "Ở nhiều xã vùng cao, cán bộ một cửa đã đến tận nhà hướng dẫn người dân cài ứng dụng, "
    "kích hoạt tài khoản và nộp hồ sơ trực tuyến. Ý kiến của người dân được ghi nhận ở từng thôn, "
    "và ngành y tế cũng nối dữ liệu khám chữa bệnh với hệ thống định danh để giảm giấy tờ. "
    "Tỷ lệ hồ sơ xử lý đúng hạn đạt 96,4% trong quý I, cao hơn cùng kỳ năm trước."
)
PROSE_EN = (
    "In a few upland communes, officials went from house to house to help people install the "
    "app, activate an account and file a request online. A survey of 1,200 households found that "
    "I in ten still preferred paper forms, so a counter stays open. Section a) of the plan lists "
    "the services due by June and section b) those due by the end of the year."
)


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        (BROKEN_VI, True),
        (JUSTIFIED_VI, True),
        (PROSE_VI, False),
        (PROSE_EN, False),
        ("68 tri ệ u tài kho ả n", False),  # too short to judge: a title page, a caption
        ("1 2 3 4 5 6 7 8 9 10 " * 20, False),  # a table of numbers has no words
    ],
    ids=["split diacritics", "justified glyphs", "vi prose", "en prose", "short", "numbers"],
)
def test_looks_broken(text: str, broken: bool) -> None:
    assert looks_broken(text) is broken


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH to print a PDF with")
def test_a_page_printed_now_by_chromium(tmp_path: Path) -> None:
    """The committed PDFs were printed by one Chromium; this prints the page again with today's."""
    out = tmp_path / "vi.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={out}",
            (FIXTURES / "vi.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = " ".join(read_pdf(out.read_bytes(), name="vi.pdf").text.split())
    assert "hơn 68 triệu tài khoản định danh điện tử" in text
