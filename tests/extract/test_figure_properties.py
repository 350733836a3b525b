"""Properties of the figure extractor at its boundaries: any text in, well-formed figures out."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.extract import extract
from chiso.extract.types import Figure
from tests.corpus.scoring import read_doc

PUBLISHED = date(2026, 1, 16)
CORPUS = [
    read_doc(p)[1]
    for p in sorted((Path(__file__).resolve().parents[1] / "corpus" / "figures" / "docs").glob("*.txt"))
]

_VI_PIECES = [
    "trên",
    "hơn",
    "khoảng",
    "gần",
    "dưới",
    "tối đa",
    "ít nhất",
    "triệu",
    "tỷ",
    "nghìn",
    "tài khoản",
    "lượt/ngày",
    "%",
    "phần trăm",
    "đồng",
    "USD",
    "năm",
    "tháng",
    "ngày",
    "đến nay",
    "hiện nay",
    "Đề án",
    "số",
    "Ban Chỉ đạo",
    "từ",
    "đến",
    "tăng",
    "gấp",
    "lần",
    "phấn đấu",
    "mục tiêu",
    "18/19",
    "16/1",
    "2/9",
    "1.500",
    "780.000",
    "1,5",
    "12,75",
    "2025",
    "hai",
    "ba",
    "mười",
    "hàng",
    "million",
    "of",
    "more than",
    "up to",
    "$",
    "–",
    "-",
    "/",
    ",",
    ".",
    ";",
    "(",
    ")",
    "“",
    "”",
    "\n",
    "\u00a0",
    "\u2009",
    "06/QĐ-TTg",
    "57-NQ/TW",
    "z743-9d2e.jpg",
    "14h30",
]
vi_like = st.lists(
    st.one_of(st.sampled_from(_VI_PIECES), st.integers(0, 10**7).map(str), st.text(min_size=1, max_size=4)),
    max_size=40,
).map(" ".join)


def _well_formed(text: str, figures: tuple[Figure, ...], norm: str) -> None:
    last_end = 0
    for f in figures:
        assert 0 <= f.start < f.end <= len(norm)
        assert f.quote == norm[f.start : f.end]
        assert f.start >= last_end  # left to right, disjoint
        last_end = f.end
        assert 0.0 <= f.confidence <= 1.0
        assert f.value == f.value  # not NaN
        if f.value_max is not None:
            assert f.value_max > f.value
        if f.of is not None:
            assert f.of >= f.value


def _check(text: str) -> None:
    a = extract(text, published=PUBLISHED, lang="vi")
    _well_formed(text, a.figures, a.text)
    b = extract(text, published=PUBLISHED, lang="vi")
    assert a.figures == b.figures  # deterministic
    nfd = extract(unicodedata.normalize("NFD", text), published=PUBLISHED, lang="vi")
    assert nfd.figures == a.figures  # NFD input is NFC input


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=400, deadline=None)
@given(vi_like)
def test_vietnamese_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(CORPUS),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8), st.sampled_from(_VI_PIECES)), max_size=6),
)
def test_mutated_corpus_text(doc: str, edits: list[tuple[int, int, str]]) -> None:
    text = doc
    for at, cut, piece in edits:
        i = at % (len(text) + 1)
        text = text[:i] + piece + text[i + cut :]
    _check(text)


@settings(max_examples=100, deadline=None)
@given(
    vi_like,
    st.sampled_from(["vi", "en"]),
    st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2040, 12, 31))),
)
def test_any_language_and_date(text: str, lang: str, published: date | None) -> None:
    r = extract(text, published=published, lang=lang)  # type: ignore[arg-type]
    _well_formed(text, r.figures, r.text)
