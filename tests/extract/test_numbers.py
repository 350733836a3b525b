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
from chiso.extract.spelled import parse_en_words, parse_vi_words, read_fraction, read_multiple
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


# --- issue 11: numbers as people write them ---------------------------------------------------
@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai mươi mốt nghìn không trăm linh năm", 21005),
        ("ba mươi lăm", 35),
        ("mười bốn", 14),
        ("hai mươi tư", 24),
        ("ba trăm linh tư", 304),
        ("một trăm lẻ một", 101),
        ("hai nghìn rưỡi", 2500),
        ("hai triệu rưỡi", 2.5e6),
        ("một triệu hai", 1.2e6),
        ("năm mươi nghìn tỷ", 5e13),
        ("ba tỷ bốn trăm triệu", 3.4e9),
        ("một ngàn không trăm hai mươi", 1020),
        ("mười hai nghìn ba trăm bốn mươi lăm", 12345),
    ],
)
def test_parse_vi_words(words: str, value: float) -> None:
    assert parse_vi_words(words.split()) == value


@pytest.mark.parametrize("words", ["hai ba", "hai mươi năm", "mươi", "lăm", "không", "tư nhân", "hai bên"])
def test_parse_vi_words_rejects_what_is_not_one_number(words: str) -> None:
    assert parse_vi_words(words.split()) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("a hundred and five", 105),
        ("three hundred and forty-two", 342),
        ("two thousand five hundred", 2500),
        ("one million two hundred thousand", 1.2e6),
        ("twenty five", 25),
        ("two dozen", 24),
        ("half a million", 5e5),
        ("ninety-nine", 99),
    ],
)
def test_parse_en_words(words: str, value: float) -> None:
    assert parse_en_words(words.split()) == value


@pytest.mark.parametrize("words", ["a", "two three", "and five", "ten and"])
def test_parse_en_words_rejects_what_is_not_one_number(words: str) -> None:
    assert parse_en_words(words.split()) is None


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("two thirds of them", "en", 200 / 3),
        ("half of them", "en", 50),
        ("one-fifth of it", "en", 20),
        ("một nửa số hộ", "vi", 50),
        ("một phần ba số xã", "vi", 100 / 3),
    ],
)
def test_read_fraction(text: str, lang: Lang, value: float) -> None:
    r = read_fraction(text, 0, lang)
    assert r is not None
    assert r[0] == pytest.approx(value)


def test_read_fraction_rejects_percent_and_ordinals() -> None:
    assert read_fraction("năm phần trăm", 0, "vi") is None
    assert read_fraction("third quarter of 2025", 0, "en") is None


@pytest.mark.parametrize(
    ("text", "lang", "value"), [("gấp đôi", "vi", 2), ("gấp rưỡi", "vi", 1.5), ("tripled", "en", 3)]
)
def test_read_multiple(text: str, lang: Lang, value: float) -> None:
    assert read_multiple(text, 0, lang) == (value, len(text))


@pytest.mark.parametrize(
    ("text", "lang", "money", "value", "end"),
    [
        ("250K downloads", "en", False, 250000, 4),
        ("50k đồng", "vi", False, 50000, 3),
        ("3.1T over", "en", True, 3.1e12, 4),
        ("3.1T over", "en", False, 3.1, 3),  # "T" alone is not a trillion
        ("12 000 members", "en", False, 12000, 6),
        ("12 000 thành viên", "vi", False, 12, 2),  # a space groups thousands in English only
        ("2 triệu rưỡi đồng", "vi", False, 2.5e6, 12),
        ("500 crore", "en", False, 5e9, 9),
        ("2 lakh", "en", False, 2e5, 6),
        ("1.3 quadrillion", "en", False, 1.3e15, 15),
    ],
)
def test_read_number_suffixes_groups_and_halves(
    text: str, lang: Lang, money: bool, value: float, end: int
) -> None:
    n = read_number(text, 0, lang, money=money)
    assert n is not None
    assert (n.value, n.end) == (pytest.approx(value), end)


def test_a_number_built_by_its_slots_is_the_constructor_s() -> None:
    """numbers._new_number sets NumberMatch's slots directly (for speed): same fields, in order,
    and the same object as the constructor builds."""
    import inspect
    from dataclasses import fields

    from chiso.extract.numbers import NumberMatch, _new_number

    assert list(inspect.signature(_new_number).parameters) == [f.name for f in fields(NumberMatch)]
    got, want = _new_number(3, 17, 1.2e6, True, True), NumberMatch(3, 17, 1.2e6, True, True)
    assert (got, hash(got), repr(got)) == (want, hash(want), repr(want))
