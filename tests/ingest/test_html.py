"""HTML pages: main text kept, chrome dropped, metadata read, charsets honoured."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from chiso.errors import InputError
from chiso.ingest.html import decode_html, read_html
from chiso.ingest.similarity import same_story
from tests.ingest.helpers import cp1258
from tests.ingest.pages import CHROME, site_one, site_three, site_two
from tests.ingest.stories import EN_STORY, OTHERS, STORY, STORY_PARAGRAPHS, STORY_TITLE

SITES = [("portal", site_one), ("provincial", site_two), ("ministry", site_three)]


@pytest.mark.parametrize(("label", "build"), SITES, ids=[s[0] for s in SITES])
def test_main_text_kept_and_chrome_dropped(label: str, build: object) -> None:
    assert callable(build)
    doc = read_html(build().encode("utf-8"), name=f"{label}.html")
    for paragraph in STORY_PARAGRAPHS:
        assert paragraph in doc.text
    leaked = [phrase for phrase in CHROME if phrase in doc.text]
    assert leaked == []
    assert doc.title == STORY_TITLE
    assert doc.raw == build().encode("utf-8")
    assert doc.encoding == "utf-8"


@pytest.mark.parametrize(
    ("build", "publisher", "author", "published", "lang"),
    [
        (site_one, "Báo Tin Mới", "Minh Anh", date(2025, 11, 3), "vi"),
        (site_two, "Tin tỉnh nhà", None, date(2025, 11, 3), None),
        (site_three, None, None, date(2025, 11, 4), "vi"),
    ],
)
def test_metadata(
    build: object, publisher: str | None, author: str | None, published: date, lang: str | None
) -> None:
    assert callable(build)
    doc = read_html(build().encode(), name="page.html")
    assert (doc.publisher, doc.author, doc.published_on, doc.lang) == (publisher, author, published, lang)


def test_the_three_sites_are_one_story_and_not_another() -> None:
    texts = [read_html(build().encode(), name="p").text for _, build in SITES]
    assert all(same_story(a, b) for a in texts for b in texts)
    other = read_html(
        site_one(OTHERS["online public services"].split("\n\n"), "Dịch vụ công").encode(), name="p"
    )
    assert not any(same_story(other.text, t) for t in texts)
    assert same_story(texts[0], STORY)


@pytest.mark.parametrize(
    ("label", "data", "http_charset", "encoding"),
    [
        (
            "meta charset windows-1258",
            site_one().replace('charset="utf-8"', 'charset="windows-1258"'),
            None,
            "cp1258",
        ),
        (
            "http charset wins over meta",
            site_one().replace('charset="utf-8"', 'charset="iso-8859-1"'),
            "windows-1258",
            "cp1258",
        ),
        ("no label: detected", site_one().replace('<meta charset="utf-8">', ""), None, "cp1258"),
    ],
)
def test_windows_1258_page(label: str, data: str, http_charset: str | None, encoding: str) -> None:
    doc = read_html(cp1258(data), name="legacy.html", http_charset=http_charset)
    assert STORY_PARAGRAPHS[1] in doc.text
    assert doc.title == STORY_TITLE
    assert doc.encoding == encoding


def test_wrong_utf8_label_falls_back_to_detection() -> None:
    text, encoding = decode_html(cp1258(site_two()), name="x.html", http_charset="utf-8")
    assert STORY_TITLE in unicodedata.normalize("NFC", text)
    assert encoding == "cp1258"


def test_english_page_language() -> None:
    page = f"<html lang='en-GB'><head><title>IDs</title></head><body><article><p>{EN_STORY}</p></article></body></html>"
    doc = read_html(page.encode(), name="en.html")
    assert doc.lang == "en"
    assert "62 million electronic identification accounts" in doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Trống</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
    ],
)
def test_page_without_article_text(page: str) -> None:
    with pytest.raises(InputError, match=r"^empty.html: no article text found in the HTML page$"):
        read_html(page.encode(), name="empty.html")


def test_data_table_is_kept() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{value}</td></tr>"
        for name, value in [
            ("Hà Nội", "5,1 triệu"),
            ("TP Hồ Chí Minh", "6,3 triệu"),
            ("Đà Nẵng", "0,9 triệu"),
            ("Cần Thơ", "0,8 triệu"),
        ]
    )
    page = (
        "<html><body><article><h1>Số tài khoản theo địa phương</h1>"
        f"<p>{STORY_PARAGRAPHS[1]}</p><table><tr><th>Địa phương</th><th>Số tài khoản</th></tr>{rows}</table>"
        "</article></body></html>"
    )
    doc = read_html(page.encode(), name="t.html")
    assert "6,3 triệu" in doc.text
