"""Properties of ``chiso.extract.extract`` itself, figures and deadlines together: whatever the
text, it never raises, every offset is inside the text, ``quote == result.text[start:end]``,
the same text gives the same result, and NFD input gives what NFC input gives.

The generators lean on what breaks date and number grammars: digits glued with "/", "-", ".",
month and quarter words, year 0000 and other impossible calendars, Vietnamese words.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.extract import Extraction, extract
from chiso.extract.figures import find_figures
from chiso.extract.text import matching_view, normalise, sentences
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Lang
from tests.corpus.scoring import read_doc

PUBLISHED = date(2026, 1, 16)
_CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
CORPUS = [
    read_doc(p)[1]
    for kind in ("figures", "deadlines")
    for p in sorted((_CORPUS_DIR / kind / "docs").glob("*.txt"))
]

_FRAGMENTS = [
    "tháng", "quý", "năm", "ngày", "/", "-", ".", ",", "–", " ", "\n", "I", "II", "IV", "T", "Q", "H",
    "0000", "00", "0", "9999", "2026", "1899", "2201", "13", "31", "29/2", "30/2", "32", "99",
    "trước", "chậm nhất", "hết", "đến", "từ", "giai đoạn", "tầm nhìn đến", "đầu", "cuối", "giữa", "nửa",
    "dự kiến", "phấn đấu", "hoàn thành", "bảo đảm", "sẽ", "đã", "tới", "sau", "nay", "này",
    "trên", "hơn", "khoảng", "triệu", "tỷ", "nghìn", "tài khoản", "cơ sở dữ liệu", "%", "đồng",
    "June", "by", "the end of", "first half of", "Q1", "FY", "next year", "million", "of", "more than",
]  # fmt: skip
#: whole calendar phrases with any four-digit year, 0000 and 9999 included: "tháng 6/0000"
_calendar = st.builds(
    lambda head, mid, sep, year: f"{head}{mid}{sep}{year:04d}",
    st.sampled_from(["tháng ", "quý ", "T", "ngày ", "June ", "Q", "first half of ", "năm ", "cuối năm "]),
    st.sampled_from(["", "6", "I", "IV", "12", "31/12", "29/2", "6 tháng đầu"]),
    st.sampled_from(["/", "-", ".", " năm ", " ", ""]),
    st.one_of(st.sampled_from([0, 1, 1899, 1900, 2026, 2200, 2201, 9999]), st.integers(0, 9999)),
)
_piece = st.one_of(
    _calendar,
    st.sampled_from(_FRAGMENTS),
    st.integers(0, 10**5).map(str),
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
)
#: fragments glued together with no space as often as with one: "tháng6/0000", "quý I-0000"
date_heavy = st.lists(st.tuples(_piece, st.sampled_from(["", " ", "/", "-"])), max_size=30).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)
_langs = st.sampled_from(["vi", "en", "auto"])
_published = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2100, 12, 31)))


def _well_formed(r: Extraction) -> None:
    last_fig = 0
    for m in r.mentions:
        assert 0 <= m.start < m.end <= len(r.text)
        assert m.quote == r.text[m.start : m.end]
        assert 0.0 <= m.confidence <= 1.0
        assert m.confidence == round(m.confidence, 3)
    for f in r.figures:
        assert f.start >= last_fig  # figures run left to right and never overlap
        last_fig = f.end
    for d in r.deadlines:
        assert d.due_end is not None
        assert d.due_start is None or d.due_start <= d.due_end


def _check(text: str, published: date | None = PUBLISHED, lang: Lang | str = "auto") -> None:
    a = extract(text, published=published, lang=lang)  # type: ignore[arg-type]
    _well_formed(a)
    assert extract(text, published=published, lang=lang) == a  # type: ignore[arg-type]  # deterministic
    nfd = extract(unicodedata.normalize("NFD", text), published=published, lang=lang)  # type: ignore[arg-type]
    assert nfd == a  # NFD input is NFC input


@pytest.mark.parametrize(
    "text",
    [
        "Bộ dự kiến tháng 6/0000 hoàn thành 19 cơ sở dữ liệu.",
        "Chậm nhất quý I/0000 phải cung cấp 50 tiện ích.",
        "The ministry plans to connect 19 databases by June 0000.",
        "6 tháng đầu năm 0000 có 5 triệu tài khoản; nửa cuối năm 0000; cuối năm 0000; giai đoạn 0000-0001.",
        "first half of 0000, Q3 0000, end-0000, fiscal year 0000",
        "ngày 31/2/2026, ngày 29/2/2025, tháng 13/2026, quý V/2026, T0/2026",
    ],
)
def test_impossible_calendars_do_not_raise(text: str) -> None:
    for lang in ("vi", "en"):
        assert find_time_expressions(text, PUBLISHED, lang) is not None
        _check(text, lang=lang)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), _published, _langs)
def test_random_unicode(text: str, published: date | None, lang: str) -> None:
    _check(text, published, lang)


@settings(max_examples=500, deadline=None)
@given(date_heavy, _published, _langs)
def test_digit_and_date_heavy_text(text: str, published: date | None, lang: str) -> None:
    _check(text, published, lang)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(CORPUS),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8), _piece), max_size=8),
    _published,
)
def test_mutated_corpus_text(doc: str, edits: list[tuple[int, int, str]], published: date | None) -> None:
    text = doc
    for at, cut, piece in edits:
        i = at % (len(text) + 1)
        text = text[:i] + piece + text[i + cut :]
    _check(text, published)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(date_heavy, st.sampled_from(CORPUS)), st.sampled_from(["vi", "en"]))
def test_figure_periods_from_the_shared_timex_pass_are_the_window_ones(text: str, lang: Lang) -> None:
    """``extract`` hands the figures the whole text's time expressions (found once, for the
    deadlines); a period cue that starts one reuses it. That must change nothing."""
    view = matching_view(normalise(text))
    sents = sentences(view)
    alone = find_figures(view, sents, published=PUBLISHED, lang=lang)
    times = find_time_expressions(view, PUBLISHED, lang)
    assert find_figures(view, sents, published=PUBLISHED, lang=lang, times=times) == alone
