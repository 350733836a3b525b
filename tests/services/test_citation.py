"""Citing an indicator: the BibTeX entry is well formed whatever the names hold (braces, TeX's
special characters, Vietnamese), and its URL field stays a URL."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from chiso.services.indicators.citation import cite, tex_escape, url_field
from chiso.services.indicators.schemas import IndicatorOut

ACCESSED = date(2026, 12, 3)


def _indicator(name_vi: str, name_en: str, slug: str = "tai-khoan-thu") -> IndicatorOut:
    return IndicatorOut(
        id=1, slug=slug, name_vi=name_vi, name_en=name_en, unit="tài khoản", measure="stock",
        origin="user", created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip


_UNESCAPED = re.compile(r"(?<!\\)[#%&_$~^]")


def parse_bibtex(entry: str) -> tuple[str, str, dict[str, str]]:
    """A strict reading of one ``@type{key, name = {value}, ...}`` entry: braces balanced
    (escaped ones aside) in every value, nothing after the closing brace."""
    head = re.match(r"@(\w+)\{([A-Za-z0-9_:.-]+),\n", entry)
    assert head, entry
    fields: dict[str, str] = {}
    pos = head.end()
    while True:
        m = re.compile(r"  (\w+) = \{").match(entry, pos)
        if m is None:
            break
        depth, i = 1, m.end()
        while depth:
            c = entry[i]
            if c == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(c, 0)
            i += 1
        fields[m.group(1)] = entry[m.end() : i - 1]
        pos = i
        if entry.startswith(",\n", pos):
            pos += 2
    assert entry[pos:] == "\n}\n", entry[pos:]
    return head.group(1), head.group(2), fields


@pytest.mark.parametrize(
    ("name_vi", "name_en"),
    [
        ("Tài khoản định danh điện tử", "Electronic ID accounts"),
        ("Tỷ lệ {hồ sơ} 100% & “đúng hạn”", "Share_of #files at $0 ~ ^ \\ done}"),
        ("}{", "{{"),
        ("Số \\end{document} lượt", "Visits \\input{x}"),
    ],
)
def test_the_bibtex_entry_is_well_formed(name_vi: str, name_en: str) -> None:
    url = "https://chiso.example.vn/indicators/tai-khoan-thu"
    c = cite(_indicator(name_vi, name_en), url, ACCESSED)
    kind, key, fields = parse_bibtex(c.bibtex)
    assert (kind, key) == ("misc", "chiso-tai-khoan-thu-2026")
    assert fields["url"] == url
    assert fields["urldate"] == "2026-12-03"
    assert fields["year"] == "2026"
    # no TeX command or special character of the names reaches the entry unescaped
    assert not _UNESCAPED.search(fields["title"])
    assert "\\end{" not in fields["title"]
    assert "\\input{" not in fields["title"]
    # the names are there, escaped
    assert tex_escape(name_vi) in fields["title"]
    assert c.accessed_on == ACCESSED
    assert c.url == url


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a & b", r"a \& b"),
        ("50%", r"50\%"),
        ("{x}", r"\{x\}"),
        ("a\\b", r"a\textbackslash{}b"),
        ("~^", r"\textasciitilde{}\textasciicircum{}"),
        ("#_$", r"\#\_\$"),
        ("  hai   dòng\nmột ", "hai dòng một"),
    ],
)
def test_tex_escape(text: str, escaped: str) -> None:
    assert tex_escape(text) == escaped


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("https://x.vn/indicators/a-b", "https://x.vn/indicators/a-b"),
        ("https://x.vn/a b{c}\\", "https://x.vn/a%20b%7Bc%7D%5C"),
        ("https://x.vn/t%C3%A0i?x=1#m2", "https://x.vn/t%C3%A0i?x=1#m2"),
    ],
)
def test_url_field_keeps_a_url_and_drops_what_a_field_cannot_hold(url: str, field: str) -> None:
    assert url_field(url) == field


def test_a_name_given_once_is_not_repeated() -> None:
    c = cite(_indicator("VNeID", "VNeID"), "https://x.vn/indicators/v", ACCESSED)
    assert parse_bibtex(c.bibtex)[2]["title"] == "VNeID"
