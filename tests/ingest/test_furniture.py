"""Teaser lists and photo captions in a captured page are not the article (issue 12 #10).

The captures below are written for these tests: a story with its own figures, then what a site
adds around it, each piece carrying figures of its own that must not be offered for review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chiso.extract import Figure, extract
from chiso.ingest.files import read_bytes, read_pasted, read_path
from chiso.ingest.furniture import drop_page_furniture, is_caption
from chiso.ingest.html import read_html

STORY_VI = [
    "Đến hết tháng 10, tỉnh đã kích hoạt 412.000 tài khoản định danh điện tử cho người dân, "
    "tăng gần 30.000 tài khoản so với tháng trước nhờ các tổ công tác đến tận thôn bản để "
    "hướng dẫn từng hộ gia đình cài đặt và sử dụng ứng dụng.",
    "Số hồ sơ thủ tục hành chính nộp trực tuyến trong tháng đạt 18.500 hồ sơ, chiếm 64% tổng số "
    "hồ sơ tiếp nhận tại bộ phận một cửa các cấp trên địa bàn tỉnh trong cùng kỳ báo cáo.",
]
FURNITURE_VI = [
    "Cán bộ công an xã hướng dẫn 25 người dân kích hoạt tài khoản. Ảnh: Lan Hương",
    "(Ảnh: Minh Quân) Hơn 200 hồ sơ được tiếp nhận trong buổi sáng đầu tiên.",
    "Xem thêm: Thành phố cấp 1,5 triệu thẻ căn cước trong năm",
]
TEASERS_VI = [
    "Tin liên quan",
    "Huyện miền núi cấp mới 9.000 tài khoản định danh",
    "Hơn 70% hồ sơ đất đai được nộp qua mạng",
    "Ngân sách 350 tỷ đồng cho hạ tầng số",
]
CAPTURE_VI = "\n\n".join(
    [STORY_VI[0], FURNITURE_VI[0], STORY_VI[1], FURNITURE_VI[1], FURNITURE_VI[2], "\n".join(TEASERS_VI)]
)

STORY_EN = [
    "By the end of October the province had activated 412,000 electronic identity accounts, "
    "about 30,000 more than a month earlier, after teams visited villages to help each household "
    "install and use the application.",
    "Online applications reached 18,500 in the month, or 64% of all applications received at "
    "the one-stop counters across the province in the same period.",
]
FURNITURE_EN = [
    "An officer helps 25 residents activate their accounts. Photo: Lan Huong",
    "Photo by Minh Quan: more than 200 requests were received on the first morning.",
    "Read more: City issues 1.5 million identity cards this year",
]
TEASERS_EN = [
    "Related articles",
    "Mountain district issues 9,000 new identity accounts",
    "Over 70% of land applications are now filed online",
    "A 350 billion dong budget for digital infrastructure",
]
CAPTURE_EN = "\n\n".join(
    [STORY_EN[0], FURNITURE_EN[0], STORY_EN[1], FURNITURE_EN[1], FURNITURE_EN[2], "\n".join(TEASERS_EN)]
)

#: the story's own figures, and nothing else
STORY_VALUES = {412_000.0, 30_000.0, 18_500.0, 64.0}


def _values(text: str, lang: str) -> set[float]:
    result = extract(text, published=date(2025, 11, 3), lang=lang)  # type: ignore[arg-type]
    return {m.value for m in result.mentions if isinstance(m, Figure)}


@pytest.mark.parametrize(
    ("capture", "story", "furniture", "lang"),
    [
        (CAPTURE_VI, STORY_VI, FURNITURE_VI + TEASERS_VI, "vi"),
        (CAPTURE_EN, STORY_EN, FURNITURE_EN + TEASERS_EN, "en"),
    ],
    ids=["vi", "en"],
)
@pytest.mark.parametrize("how", ["file", "paste", "stdin"])
def test_a_text_capture_keeps_the_story_only(
    tmp_path: Path, capture: str, story: list[str], furniture: list[str], lang: str, how: str
) -> None:
    if how == "file":
        path = tmp_path / "capture.txt"
        path.write_text(capture, encoding="utf-8")
        doc = read_path(path, max_bytes=1_000_000)
    elif how == "paste":
        doc = read_pasted(capture, max_bytes=1_000_000)
    else:
        doc = read_bytes(capture.encode("utf-8"), name="<stdin>", max_bytes=1_000_000)
    for paragraph in story:
        assert paragraph in doc.text
    assert [line for line in furniture if line in doc.text] == []
    # the figures offered are the story's: none from a caption or a teaser
    assert _values(doc.text, lang) == STORY_VALUES
    # and the offsets are into the text that is stored
    assert doc.text == drop_page_furniture(doc.text)


def test_the_capture_before_the_fix_offered_the_furnitures_figures() -> None:
    """What the reader offered before: the extractor finds figures in captions and teasers."""
    assert _values(CAPTURE_VI, "vi") > STORY_VALUES


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Định danh ở tỉnh</title>'
        "</head><body><article><h1>Định danh ở tỉnh</h1>" + body + "</article></body></html>"
    )


def test_an_html_page_whose_furniture_has_no_telling_markup() -> None:
    """trafilatura drops teaser boxes and captions by their markup; as plain paragraphs they
    reach the text, and the words give them away."""
    page = _page([STORY_VI[0], FURNITURE_VI[0], STORY_VI[1], FURNITURE_VI[2], *TEASERS_VI])
    doc = read_html(page.encode("utf-8"), name="page.html")
    assert STORY_VI[0] in doc.text
    assert STORY_VI[1] in doc.text
    assert [line for line in FURNITURE_VI + TEASERS_VI if line in doc.text] == []


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Các đại biểu dự hội nghị. Ảnh: Đỗ Trung", True),
        ("Người dân làm thủ tục tại bộ phận một cửa. (Ảnh: TTXVN)", True),
        ("Ảnh minh họa: Internet", True),
        ("Ảnh: Lan Hương", True),
        ("Delegates at the meeting. Photo: Reuters", True),
        ("Image: the provincial portal's home page", True),
        ("Photo by Minh Quan", True),
        # prose that mentions a picture is not a caption
        ("Người dân có thể chụp ảnh: căn cước và giấy phép lái xe để gửi kèm hồ sơ.", False),
        ("Ứng dụng cho phép tải ảnh chân dung khi làm hồ sơ cấp hộ chiếu trực tuyến.", False),
        ("The app lets people upload a photo of their identity card with the form.", False),
        # a long paragraph ending with a credit is the article
        (
            " ".join(["Từ đầu năm, tỉnh đã cấp mới nhiều tài khoản định danh điện tử."] * 5) + " Ảnh: TTXVN",
            False,
        ),
    ],
)
def test_is_caption(line: str, caption: bool) -> None:
    assert is_caption(line) is caption


def test_a_teaser_block_ends_at_the_next_paragraph_of_prose() -> None:
    text = "\n".join(
        [
            STORY_VI[0],
            "Tin liên quan:",
            "Huyện miền núi cấp mới 9.000 tài khoản định danh",
            "",
            STORY_VI[1],
        ]
    )
    out = drop_page_furniture(text)
    # blanked, not cut: the same length, so every offset into the text as read still holds
    assert len(out) == len(text)
    assert out.split("\n")[0] == STORY_VI[0]
    assert out.split("\n")[-1] == STORY_VI[1]
    assert "9.000" not in out
    assert "Tin liên quan" not in out


@pytest.mark.parametrize(
    "text",
    [
        STORY_VI[0],
        "Xem thêm",  # nothing but a heading: kept rather than leave no text
        "Đọc thêm tài liệu hướng dẫn tại trang của Bộ.",  # prose starting with the same words
        "Related figures were published in March: 64% of applications were online.",
    ],
)
def test_text_without_furniture_is_unchanged(text: str) -> None:
    assert drop_page_furniture(text) == text


def test_blanking_keeps_every_offset_of_the_text_as_read() -> None:
    """``chiso extract`` prints offsets into the file's text: furniture is blanked in place (the
    seed score through the CLI had 17 bad offsets while lines were cut)."""
    text = "\n".join([STORY_VI[0], "Ảnh: Minh Anh", "Xem thêm: Một bài khác 12%", STORY_VI[1]])
    out = drop_page_furniture(text)
    assert len(out) == len(text)
    at = text.index(STORY_VI[1])
    assert out[at : at + len(STORY_VI[1])] == STORY_VI[1]
