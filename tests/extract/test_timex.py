"""Time expressions, table-driven: each row is (text, expected span text, first, last, precision, relation)."""

from __future__ import annotations

from datetime import date

import pytest

from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Lang

PUB = date(2026, 1, 16)

VI_ROWS = [
    ("ngày 30/6/2025", "ngày 30/6/2025", "2025-06-30", "2025-06-30", "day", "in"),
    ("Hạn là 30-6-2025.", "30-6-2025", "2025-06-30", "2025-06-30", "day", "in"),
    ("30.6.2025", "30.6.2025", "2025-06-30", "2025-06-30", "day", "in"),
    ("ngày 5 tháng 9 năm 2025", "ngày 5 tháng 9 năm 2025", "2025-09-05", "2025-09-05", "day", "in"),
    ("tháng 6-2026", "tháng 6-2026", "2026-06-01", "2026-06-30", "month", "in"),
    ("tháng 6/2026", "tháng 6/2026", "2026-06-01", "2026-06-30", "month", "in"),
    ("tháng 6 năm 2026", "tháng 6 năm 2026", "2026-06-01", "2026-06-30", "month", "in"),
    ("T6/2026", "T6/2026", "2026-06-01", "2026-06-30", "month", "in"),
    ("tháng 2/2028", "tháng 2/2028", "2028-02-01", "2028-02-29", "month", "in"),
    ("quý I-2026", "quý I-2026", "2026-01-01", "2026-03-31", "quarter", "in"),
    ("quý 1/2026", "quý 1/2026", "2026-01-01", "2026-03-31", "quarter", "in"),
    ("quý I năm 2026", "quý I năm 2026", "2026-01-01", "2026-03-31", "quarter", "in"),
    ("quý IV/2025", "quý IV/2025", "2025-10-01", "2025-12-31", "quarter", "in"),
    ("hết quý I-2026", "hết quý I-2026", "2026-01-01", "2026-03-31", "quarter", "by"),
    (
        "chậm nhất hết quý I-2026 cung cấp",
        "chậm nhất hết quý I-2026",
        "2026-01-01",
        "2026-03-31",
        "quarter",
        "by",
    ),
    ("6 tháng đầu năm 2026", "6 tháng đầu năm 2026", "2026-01-01", "2026-06-30", "half", "in"),
    ("9 tháng năm 2025", "9 tháng năm 2025", "2025-01-01", "2025-09-30", "quarter", "in"),
    ("6 tháng cuối năm 2025", "6 tháng cuối năm 2025", "2025-07-01", "2025-12-31", "half", "in"),
    ("nửa đầu năm", "nửa đầu năm", "2026-01-01", "2026-06-30", "half", "in"),
    ("cuối năm 2025", "cuối năm 2025", "2025-10-01", "2025-12-31", "quarter", "in"),
    ("đầu năm 2026", "đầu năm 2026", "2026-01-01", "2026-03-31", "quarter", "in"),
    ("giữa năm", "giữa năm", "2026-06-01", "2026-07-31", "month", "in"),
    ("năm 2026", "năm 2026", "2026-01-01", "2026-12-31", "year", "in"),
    ("trong năm nay", "trong năm nay", "2026-01-01", "2026-12-31", "year", "in"),
    ("năm sau", "năm sau", "2027-01-01", "2027-12-31", "year", "in"),
    ("năm ngoái", "năm ngoái", "2025-01-01", "2025-12-31", "year", "in"),
    ("tháng tới", "tháng tới", "2026-02-01", "2026-02-28", "month", "in"),
    ("quý tới", "quý tới", "2026-04-01", "2026-06-30", "quarter", "in"),
    ("trước ngày 1/7", "trước ngày 1/7", "2026-07-01", "2026-07-01", "day", "by"),
    ("trước ngày 10/1", "trước ngày 10/1", "2027-01-10", "2027-01-10", "day", "by"),
    ("đến năm 2030", "đến năm 2030", "2030-01-01", "2030-12-31", "year", "until"),
    ("đến 2030,", "đến 2030", "2030-01-01", "2030-12-31", "year", "until"),
    ("giai đoạn 2026–2030", "giai đoạn 2026–2030", "2026-01-01", "2030-12-31", "year", "in"),
    ("từ năm 2021 đến năm 2025", "từ năm 2021 đến năm 2025", "2021-01-01", "2025-12-31", "year", "in"),
    ("tầm nhìn đến năm 2045", "tầm nhìn đến năm 2045", "2045-01-01", "2045-12-31", "year", "until"),
    ("đến nay", "đến nay", "2026-01-16", "2026-01-16", "day", "as_of"),
    ("hiện nay", "hiện nay", "2026-01-16", "2026-01-16", "day", "as_of"),
    ("tính đến ngày 15/12/2025", "tính đến ngày 15/12/2025", "2025-12-15", "2025-12-15", "day", "as_of"),
    (
        "tính đến hết tháng 10/2025",
        "tính đến hết tháng 10/2025",
        "2025-10-01",
        "2025-10-31",
        "month",
        "as_of",
    ),
    ("trong tháng 10", "trong tháng 10", "2025-10-01", "2025-10-31", "month", "in"),
    ("Chiều 16/1, Bộ Công an", "Chiều 16/1", "2026-01-16", "2026-01-16", "day", "in"),
    ("sáng 5/9", "sáng 5/9", "2025-09-05", "2025-09-05", "day", "in"),
    # vague parts get their documented window (time_vocab.MONTH_PART_DAYS, QUARTER_PART_MONTH)
    ("trước cuối tháng 6/2026", "trước cuối tháng 6/2026", "2026-06-21", "2026-06-30", "month", "by"),
    ("đầu quý II/2026", "đầu quý II/2026", "2026-04-01", "2026-04-30", "month", "in"),
    ("trong tháng 1 tới", "trong tháng 1 tới", "2027-01-01", "2027-01-31", "month", "in"),
    ("năm học 2025-2026", "năm học 2025-2026", "2025-09-01", "2026-05-31", "year", "in"),
    ("trước Tết Nguyên đán 2026", "trước Tết Nguyên đán 2026", "2026-02-17", "2026-02-17", "day", "by"),
    ("trước Tết,", "trước Tết", "2026-02-17", "2026-02-17", "day", "by"),
    ("từ năm 2024", "từ năm 2024", "2024-01-01", "2024-12-31", "year", "since"),
    ("từ ngày 1/3,", "từ ngày 1/3", "2026-03-01", "2026-03-01", "day", "since"),
]

EN_ROWS = [
    ("by June 2026", "by June 2026", "2026-06-01", "2026-06-30", "month", "by"),
    ("by the end of Q1 2026", "by the end of Q1 2026", "2026-01-01", "2026-03-31", "quarter", "by"),
    ("by end-2025", "by end-2025", "2025-10-01", "2025-12-31", "quarter", "by"),
    ("in the first half of 2026", "in the first half of 2026", "2026-01-01", "2026-06-30", "half", "in"),
    ("no later than 31 March 2026", "no later than 31 March 2026", "2026-03-31", "2026-03-31", "day", "by"),
    ("by June 30, 2025", "by June 30, 2025", "2025-06-30", "2025-06-30", "day", "by"),
    ("by 2030", "by 2030", "2030-01-01", "2030-12-31", "year", "by"),
    ("next year", "next year", "2027-01-01", "2027-12-31", "year", "in"),
    ("later this year", "later this year", "2026-01-17", "2026-12-31", "year", "in"),
    ("as of December 15, 2025", "as of December 15, 2025", "2025-12-15", "2025-12-15", "day", "as_of"),
    ("in 2025,", "in 2025", "2025-01-01", "2025-12-31", "year", "in"),
    ("the third quarter of 2026", "the third quarter of 2026", "2026-07-01", "2026-09-30", "quarter", "in"),
    (
        "the first nine months of 2025",
        "the first nine months of 2025",
        "2025-01-01",
        "2025-09-30",
        "quarter",
        "in",
    ),
    ("by mid-2026", "by mid-2026", "2026-06-01", "2026-07-31", "month", "by"),
    ("in October", "in October", "2025-10-01", "2025-10-31", "month", "in"),
    ("by July", "by July", "2026-07-01", "2026-07-31", "month", "by"),
    ("the 2026-2030 period", "the 2026-2030 period", "2026-01-01", "2030-12-31", "year", "in"),
    (
        "in the 2025-2026 school year",
        "in the 2025-2026 school year",
        "2025-09-01",
        "2026-05-31",
        "year",
        "in",
    ),
    ("since 2024", "since 2024", "2024-01-01", "2024-12-31", "year", "since"),
    ("to date", "to date", "2026-01-16", "2026-01-16", "day", "as_of"),
]


@pytest.mark.parametrize(
    ("lang", "text", "span", "first", "last", "precision", "relation"),
    [("vi", *r) for r in VI_ROWS] + [("en", *r) for r in EN_ROWS],
)
def test_resolves(
    lang: Lang, text: str, span: str, first: str, last: str, precision: str, relation: str
) -> None:
    found = find_time_expressions(text, PUB, lang)
    assert len(found) == 1, found
    t = found[0]
    assert (t.text, t.first, t.last, t.precision, t.relation) == (
        span,
        date.fromisoformat(first),
        date.fromisoformat(last),
        precision,
        relation,
    )
    assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "hoàn thành xây dựng 18/19 cơ sở dữ liệu"),
        ("vi", "Nghị định 13/2023/NĐ-CP"),
        ("vi", "Luật An ninh mạng 2025 có hiệu lực"),
        ("vi", "cách đây 5 năm trước"),
        ("vi", "đạt 1,5 triệu và 780.000 tài khoản"),
        ("vi", "trong 3/5 tỉnh"),
        ("vi", "ngày Tết Độc lập trọn niềm vui"),
        ("en", "in 2000 households"),
        ("en", "May 5 million people"),
        ("en", "3/5 provinces"),
    ],
)
def test_not_time(lang: Lang, text: str) -> None:
    assert find_time_expressions(text, PUB, lang) == []


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("năm 2026", False),
        ("năm sau", True),
        ("đến nay", True),
        ("trước ngày 1/7", True),
        ("quý I-2026", False),
    ],
)
def test_relative_flag(text: str, relative: bool) -> None:
    assert find_time_expressions(text, PUB, "vi")[0].relative is relative


@pytest.mark.parametrize(
    ("text", "lang"), [("năm sau", "vi"), ("đến nay", "vi"), ("next year", "en"), ("tháng tới", "vi")]
)
def test_relative_without_publication_date_is_unresolved(text: str, lang: Lang) -> None:
    (t,) = find_time_expressions(text, None, lang)
    assert t.first is None
    assert t.last is None


def test_leap_day_without_year_takes_a_leap_year() -> None:
    (t,) = find_time_expressions("trước ngày 29/2", date(2027, 3, 1), "vi")
    assert t.last == date(2028, 2, 29)


def test_several_in_one_sentence_left_to_right() -> None:
    text = "Quý I-2026 hoàn thành A, tháng 6-2026 hoàn thành B và cuối năm 2026 hoàn thành C."
    got = [t.text for t in find_time_expressions(text, PUB, "vi")]
    assert got == ["Quý I-2026", "tháng 6-2026", "cuối năm 2026"]


# issue 11: dates without a year and with dots, periods, vague windows, fiscal years (PUB = 16/1/2026)
GRAMMAR_ROWS = [
    ("vi", "tính đến 14/9, toàn tỉnh", "tính đến 14/9", "2025-09-14", "2025-09-14", "day", "as_of"),
    # a level "as of" a month written without its year: the most recent one, not the nearest
    ("vi", "tính đến tháng 3, đã", "tính đến tháng 3", "2025-03-01", "2025-03-31", "month", "as_of"),
    ("vi", "gửi trước ngày 30.11 để", "trước ngày 30.11", "2026-11-30", "2026-11-30", "day", "by"),
    ("vi", "Từ ngày 1.8, lương", "Từ ngày 1.8", "2025-08-01", "2025-08-01", "day", "since"),
    ("vi", "kể từ 1.8 tới, cửa hàng", "kể từ 1.8 tới", "2026-08-01", "2026-08-01", "day", "since"),
    ("vi", "Từ 1.8, giá điện", "Từ 1.8", "2025-08-01", "2025-08-01", "day", "since"),
    ("vi", "Luỹ kế 10 tháng năm 2025, thu", "10 tháng năm 2025", "2025-01-01", "2025-10-31", "month", "in"),
    ("vi", "10 tháng đầu năm 2025", "10 tháng đầu năm 2025", "2025-01-01", "2025-10-31", "month", "in"),
    ("vi", "6 tháng cuối năm", "6 tháng cuối năm", "2026-07-01", "2026-12-31", "half", "in"),
    ("vi", "trong quý II/2025", "trong quý II/2025", "2025-04-01", "2025-06-30", "quarter", "in"),
    (
        "vi", "Từ tháng 3 đến tháng 11/2025, tỉnh", "Từ tháng 3 đến tháng 11/2025",
        "2025-03-01", "2025-11-30", "month", "in",
    ),
    (
        "vi", "từ tháng 11/2025 đến tháng 2/2026", "từ tháng 11/2025 đến tháng 2/2026",
        "2025-11-01", "2026-02-28", "month", "in",
    ),
    (
        "vi", "Trong năm 2024 và đầu năm 2025, tỉnh", "Trong năm 2024 và đầu năm 2025",
        "2024-01-01", "2025-03-31", "quarter", "in",
    ),
    ("vi", "bình quân giai đoạn 2021-2025", "giai đoạn 2021-2025", "2021-01-01", "2025-12-31", "year", "in"),
    ("vi", "đầu tháng 9/2026", "đầu tháng 9/2026", "2026-09-01", "2026-09-10", "month", "in"),
    ("vi", "giữa tháng 5/2026", "giữa tháng 5/2026", "2026-05-11", "2026-05-20", "month", "in"),
    ("vi", "cuối tháng 2/2028", "cuối tháng 2/2028", "2028-02-21", "2028-02-29", "month", "in"),
    ("vi", "cuối tháng này", "cuối tháng này", "2026-01-21", "2026-01-31", "month", "in"),
    ("vi", "vào cuối năm", "vào cuối năm", "2026-10-01", "2026-12-31", "quarter", "in"),
    ("vi", "cuối quý III/2026", "cuối quý III/2026", "2026-09-01", "2026-09-30", "month", "in"),
    (
        "vi", "từ ngày 2/5 đến hết ngày 12/5.", "từ ngày 2/5 đến hết ngày 12/5",
        "2026-05-02", "2026-05-12", "day", "in",
    ),
    (
        "vi", "từ ngày 25/12/2025 đến ngày 5/1/2026", "từ ngày 25/12/2025 đến ngày 5/1/2026",
        "2025-12-25", "2026-01-05", "day", "in",
    ),
    ("vi", "từ 28/12 đến 3/1,", "từ 28/12 đến 3/1", "2025-12-28", "2026-01-03", "day", "in"),
    ("vi", "vào dịp 2/9 năm sau,", "vào dịp 2/9 năm sau", "2027-09-02", "2027-09-02", "day", "in"),
    ("en", "at its October session", "October", "2025-10-01", "2025-10-31", "month", "in"),
    ("vi", "trong hai ngày 11 và 12/6.", "ngày 11 và 12/6", "2026-06-11", "2026-06-12", "day", "in"),
    ("vi", "diễn ra từ ngày 10 đến 12/3.", "từ ngày 10 đến 12/3", "2026-03-10", "2026-03-12", "day", "in"),
    ("vi", "ngày 11-12/6/2026", "ngày 11-12/6/2026", "2026-06-11", "2026-06-12", "day", "in"),
    ("en", "to open in early May.", "in early May", "2026-05-01", "2026-05-10", "month", "in"),
    ("en", "by mid-March 2026", "by mid-March 2026", "2026-03-11", "2026-03-20", "month", "by"),
    ("en", "in late June 2025", "in late June 2025", "2025-06-21", "2025-06-30", "month", "in"),
    ("en", "by the end of June 2026", "by the end of June 2026", "2026-06-01", "2026-06-30", "month", "by"),
    ("en", "the deficit in 2022-23 was", "in 2022-23", "2022-04-01", "2023-03-31", "year", "in"),
    ("en", "the FY2024-25 budget", "the FY2024-25", "2024-04-01", "2025-03-31", "year", "in"),
    ("en", "in the 2025-26 school year", "in the 2025-26 school year", "2025-09-01", "2026-05-31", "year", "in"),
    ("en", "from March to June 2026", "from March to June 2026", "2026-03-01", "2026-06-30", "month", "in"),
    ("en", "from March through May", "from March through May", "2026-03-01", "2026-05-31", "month", "in"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "span", "first", "last", "precision", "relation"), GRAMMAR_ROWS)
def test_grammar_rows(
    lang: Lang, text: str, span: str, first: str, last: str, precision: str, relation: str
) -> None:
    found = find_time_expressions(text, PUB, lang)
    assert [(t.text, t.first, t.last, t.precision, t.relation) for t in found] == [
        (span, date.fromisoformat(first), date.fromisoformat(last), precision, relation)
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "chỉ số tăng từ 1.8 lên 2.3 điểm"),  # numbers written with a dot, not 1 August
        ("vi", "tỷ lệ 18/19 - 20/21 đơn vị"),
        ("vi", "từ tháng 3 đến tháng 3"),
        ("en", "code 2022-27 applies"),
    ],
)
def test_grammar_not_time(lang: Lang, text: str) -> None:
    assert [t.text for t in find_time_expressions(text, PUB, lang) if "tháng" not in t.text] == []


@pytest.mark.parametrize(
    ("text", "past", "nxt"),
    [
        ("trong tháng 11,", ("2025-11-01", "2025-11-30"), ("2026-11-01", "2026-11-30")),
        ("Tính đến 14/9,", ("2025-09-14", "2025-09-14"), ("2026-09-14", "2026-09-14")),
        # the window (21-31 January) has not begun on 16 January: the past reading is last year's
        ("cuối tháng 1,", ("2025-01-21", "2025-01-31"), ("2026-01-21", "2026-01-31")),
        ("trong quý I,", ("2026-01-01", "2026-03-31"), ("2026-01-01", "2026-03-31")),
        ("đến cuối tháng 8,", ("2025-08-21", "2025-08-31"), ("2026-08-21", "2026-08-31")),
    ],
)
def test_yearless_times_carry_both_readings(text: str, past: tuple[str, str], nxt: tuple[str, str]) -> None:
    (t,) = find_time_expressions(text, PUB, "vi")
    assert (t.past_first, t.past_last) == tuple(map(date.fromisoformat, past))
    assert (t.next_first, t.next_last) == tuple(map(date.fromisoformat, nxt))


@pytest.mark.parametrize("text", ["tháng 11/2025", "năm 2026", "tháng tới", "ngày 14/9/2025"])
def test_times_with_their_year_have_one_reading(text: str) -> None:
    (t,) = find_time_expressions(text, PUB, "vi")
    assert (t.past_first, t.next_first) == (None, None)


@pytest.mark.parametrize(
    ("lang", "text", "vague"),
    [
        ("vi", "đầu tháng 9", True),
        ("vi", "cuối năm 2025", True),
        ("vi", "giữa năm", True),
        ("en", "early May", True),
        ("en", "late 2025", True),
        ("vi", "tháng 9/2026", False),
        ("vi", "ngày 5/9/2026", False),
        ("en", "in June 2026", False),
    ],
)
def test_vague_flag(lang: Lang, text: str, vague: bool) -> None:
    (t,) = find_time_expressions(text, PUB, lang)
    assert t.vague is vague


@pytest.mark.parametrize(
    ("published", "first"),
    [
        (date(2026, 9, 10), date(2026, 8, 21)),
        (date(2026, 7, 1), date(2026, 8, 21)),
        (date(2026, 1, 16), date(2025, 8, 21)),
    ],
)
def test_until_a_yearless_month_takes_the_nearest(published: date, first: date) -> None:
    # "Đến cuối tháng 8, toàn tỉnh đã cấp ...": read in September, the August just past (a level);
    # the plan reading, when a plan word says so, is on readings[2:]
    (t,) = find_time_expressions("Đến cuối tháng 8, toàn tỉnh", published, "vi")
    assert t.first == first


def test_a_month_range_without_year_takes_the_nearest() -> None:
    (t,) = find_time_expressions("Từ tháng 3 đến tháng 11, tỉnh", date(2025, 12, 20), "vi")
    assert (t.first, t.last, t.relation) == (date(2025, 3, 1), date(2025, 11, 30), "in")


def test_new_time_expr_is_the_constructor_field_for_field() -> None:
    """``new_time_expr`` sets TimeExpr's slots directly (for speed): its parameters are the fields
    in order, and what it builds equals, hashes and prints as ``TimeExpr(...)``."""
    import inspect
    from dataclasses import fields

    from chiso.extract.types import TimeExpr, new_time_expr

    assert list(inspect.signature(new_time_expr).parameters) == [x.name for x in fields(TimeExpr)]
    d = (date(2025, 9, 1), date(2025, 9, 30), date(2026, 9, 1), date(2026, 9, 30))
    values = (4, 17, "cuối tháng 9", d[0], d[1], "month", "by", True, d, True)
    got, want = new_time_expr(*values), TimeExpr(*values)
    assert got == want
    assert hash(got) == hash(want)
    assert repr(got) == repr(want)
    assert got.next_first == date(2026, 9, 1)
