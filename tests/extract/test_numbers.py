"""The number grammar: separators by language, scale words, compounds, spelled numbers."""

from __future__ import annotations

import pytest

from chiso.extract.numbers import (
    parse_digits,
    parse_vi_spelled,
    read_en_spelled,
    read_number,
    read_vi_spelled,
    scale_value,
)
from chiso.extract.types import Lang


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("780.000", "vi", 780000),
        ("1.234.567", "vi", 1234567),
        ("1,5", "vi", 1.5),
        ("12,75", "vi", 12.75),
        ("1.500", "vi", 1500),  # a lone group of three after "." is thousands in Vietnamese
        ("95,5", "vi", 95.5),
        ("3.5", "vi", 3.5),  # not three digits after the dot: a decimal, whatever the language
        ("780,000", "vi", 780000),  # English-style thousands in Vietnamese text (trailing zero)
        ("1,234,567", "vi", 1234567),
        ("1.234,5", "vi", 1234.5),
        ("780,000", "en", 780000),
        ("1.5", "en", 1.5),
        ("1.500", "en", 1500),  # trailing zero in the thousandths: the other convention's thousands
        ("1.234", "en", 1.234),
        ("1,234,567", "en", 1234567),
        ("1,234.5", "en", 1234.5),
        ("2025", "en", 2025),
        ("0,5", "vi", 0.5),
    ],
)
def test_parse_digits(text: str, lang: Lang, value: float) -> None:
    assert parse_digits(text, lang) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["0912.345.678", "1.2.3", "12.34.567", "1.234.56", "1,23,456"],
)
def test_parse_digits_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_digits(text, "vi") is None


@pytest.mark.parametrize(
    ("run", "mult"),
    [
        ("triệu", 1e6),
        ("tỷ", 1e9),
        ("tỉ", 1e9),
        ("nghìn", 1e3),
        ("ngàn", 1e3),
        ("nghìn tỷ", 1e12),
        ("trăm nghìn", 1e5),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        ("bn", 1e9),
        ("mn", 1e6),
    ],
)
def test_scale_value(run: str, mult: float) -> None:
    assert scale_value(run) == mult


@pytest.mark.parametrize(
    ("text", "lang", "value", "quote"),
    [
        ("67 triệu tài khoản", "vi", 67e6, "67 triệu"),
        ("1,5 triệu người", "vi", 1.5e6, "1,5 triệu"),
        ("1.000 tỷ đồng", "vi", 1e12, "1.000 tỷ"),
        ("2 nghìn tỷ đồng", "vi", 2e12, "2 nghìn tỷ"),
        ("3 trăm nghìn hộ", "vi", 3e5, "3 trăm nghìn"),
        ("1 triệu 200 nghìn hồ sơ", "vi", 1.2e6, "1 triệu 200 nghìn"),
        ("2 tỷ 500 triệu đồng", "vi", 2.5e9, "2 tỷ 500 triệu"),
        ("1.5 million users", "en", 1.5e6, "1.5 million"),
        ("1.5bn", "en", 1.5e9, "1.5bn"),
        ("780,000 firms", "en", 780000, "780,000"),
        # a larger part after a smaller one is not a compound: "5 nghìn 3 triệu" stops at nghìn
        ("5 nghìn 3 triệu", "vi", 5e3, "5 nghìn"),
    ],
)
def test_read_number(text: str, lang: Lang, value: float, quote: str) -> None:
    n = read_number(text, 0, lang)
    assert n is not None
    assert n.value == pytest.approx(value)
    assert text[n.start : n.end] == quote


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai", 2),
        ("ba", 3),
        ("mười", 10),
        ("mười hai", 12),
        ("hai mươi", 20),
        ("hai mươi lăm", 25),
        ("một trăm", 100),
        ("hai trăm linh năm", 205),
        ("một trăm hai mươi", 120),
    ],
)
def test_parse_vi_spelled(words: str, value: float) -> None:
    assert parse_vi_spelled(words) == value


def test_parse_vi_spelled_rejects_words() -> None:
    assert parse_vi_spelled("mươi") is None
    assert parse_vi_spelled("hai bên") is None


@pytest.mark.parametrize(
    ("text", "value", "scaled"),
    [("hai triệu lượt", 2e6, True), ("một trăm doanh nghiệp", 100, False), ("ba bộ", 3, False)],
)
def test_read_vi_spelled(text: str, value: float, scaled: bool) -> None:
    n = read_vi_spelled(text, 0)
    assert n is not None
    assert (n.value, n.scaled, n.spelled) == (value, scaled, True)


@pytest.mark.parametrize(
    ("text", "value"), [("two million records", 2e6), ("Three ministries", 3), ("a million people", 1e6)]
)
def test_read_en_spelled(text: str, value: float) -> None:
    n = read_en_spelled(text, 0)
    assert n is not None
    assert n.value == value
