"""Properties of time expressions and deadlines on arbitrary text: never raise, offsets
in range, quote == text[start:end], deterministic, NFD input equals NFC input."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.extract.commitments import find_deadlines
from chiso.extract.text import normalise, sentences
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Lang

# Pieces that look like the real thing, so the grammar is exercised, not just skipped.
_PIECES = [
    "chậm nhất", "hết", "quý I-2026", "quý 4/2025", "tháng 6-2026", "T6/2026", "ngày 30/6/2025",
    "trước ngày 1/7", "29/2", "31/4", "đến năm 2030", "năm sau", "năm nay", "tháng tới", "6 tháng đầu năm",
    "nửa cuối năm", "giai đoạn 2026–2030", "dự kiến", "phấn đấu", "bảo đảm", "sẽ", "đã", "Chiều 16/1,",
    "đến nay", "tính đến", "18/19", "1.5", "780.000", "by", "no later than", "June 30, 2025", "Q1 2026",
    "end-2025", "next year", "later this year", "will", "plans to", "H1", "2026-2030 period", "by 2030",
    "hoàn thành", "Kế hoạch 02", "mục tiêu", ",", ".", ";", " và ", "\n\n", "Bộ", "các xã", "cung cấp dịch vụ",
]  # fmt: skip
_texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=25).map(" ".join)
_dates = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
_langs = st.sampled_from(["vi", "en"])


def _run(text: str, published: date | None, lang: Lang) -> tuple[str, list[object], list[object]]:
    norm = normalise(text)
    times = find_time_expressions(norm, published, lang)
    found = find_deadlines(norm, sentences(norm), published=published, lang=lang)
    return norm, list(times), list(found)


@settings(max_examples=300, deadline=None)
@given(_texts, _dates, _langs)
def test_never_raises_and_offsets_hold(text: str, published: date | None, lang: Lang) -> None:
    norm, times, found = _run(text, published, lang)
    for t in times:
        assert 0 <= t.start < t.end <= len(norm)  # type: ignore[attr-defined]
        assert norm[t.start : t.end] == t.text  # type: ignore[attr-defined]
        if t.first is not None and t.last is not None:  # type: ignore[attr-defined]
            assert t.first <= t.last  # type: ignore[attr-defined]
    for d in found:
        assert 0 <= d.start < d.end <= len(norm)  # type: ignore[attr-defined]
        assert norm[d.start : d.end] == d.quote  # type: ignore[attr-defined]
        assert 0.0 <= d.confidence <= 1.0  # type: ignore[attr-defined]
        assert d.due_end is not None  # type: ignore[attr-defined]
        assert d.due_start is None or d.due_start <= d.due_end  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(_texts, _dates, _langs)
def test_deterministic(text: str, published: date | None, lang: Lang) -> None:
    assert _run(text, published, lang) == _run(text, published, lang)


@settings(max_examples=150, deadline=None)
@given(_texts, _dates, _langs)
def test_nfd_equals_nfc(text: str, published: date | None, lang: Lang) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert _run(nfd, published, lang) == _run(nfc, published, lang)
