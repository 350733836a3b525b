"""The label filter: numbers that name, date or address something rather than count it.

"Đề án 06", "Ban Chỉ đạo 158", "Nghị quyết 57-NQ/TW", "Quyết định số 06/QĐ-TTg", "Điều 5",
"Đại hội XIV", "Công an 3 cấp", "Luật An ninh mạng 2025", "Chiều 16/1", "14h30", "45 tuổi",
"0912 345 678", "https://...", "z7437247308587-9d2e...jpg" are not figures. Each check returns
a short reason (for tests and debugging) or None, and looks only at a few characters around
the number, so the filter costs a handful of anchored regex matches per candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Final

from chiso.extract.vocab import (
    AGE_WORDS,
    ANNIVERSARY_WORDS,
    FILE_EXTENSIONS,
    LABEL_WORD_EXCEPTIONS,
    LABEL_WORDS,
    MONTHS_EN,
    YEAR_MAX,
    YEAR_MIN,
)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_L = r"A-Za-zÀ-ỹĐđ"  # a Latin or Vietnamese letter (precomposed, NFC)

#: Tokens that are addresses, files or codes: every digit inside them is noise.
_NOISE_RE: Final = re.compile(
    rf"""
      (?:https?://|www\.)\S+                                   # URLs
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                             # e-mail addresses
    | \S+\.(?:{_alt(FILE_EXTENSIONS)})\b                        # file names (image captions)
    | (?:\+84|\(0\d{{1,3}}\))[\s.]?\d[\d\s.]{{6,}}\d           # phone numbers with a country or area code
    | \b0\d{{2,3}}[\s.-]\d{{3,4}}[\s.-]\d{{3,4}}\b              # 0912 345 678, 024.3823.4567
    | \b0\d{{8,10}}\b                                           # 0912345678
    | \b1[89]00[\s.]?\d{{4}}(?:\d{{2}})?\b                         # toll-free hotlines 1800 1234, 1900 0368
    | [^\s"“”'‘’()\[\],;:]*(?:[{_L}]-?\d|\d-?[{_L}])[^\s"“”'‘’()\[\],;:]*  # glued letters and digits: 5G, COVID-19, 57-NQ/TW
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: A glued token that is a number with a unit after all ("100GB", "5km", "1,5tr", "1.5bn", "20%").
_GLUED_OK_RE: Final = re.compile(
    r"[$€(“\"'‘+-]?(?:US\$)?\d+(?:[.,]\d+)*(?:%|km2?|m[23]?|kg|ha|[gtmp]b|[kmg]wh?|[gm]bps|tr|bn|mn|đ|usd|vnd|x)?"
    r"[)”\"'’.,;:!?]*",
    re.IGNORECASE,
)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mails, file names, phone numbers and glued codes, left to right."""
    out: list[tuple[int, int]] = []
    for m in _NOISE_RE.finditer(text):
        if _GLUED_OK_RE.fullmatch(m.group(0)):
            continue
        out.append(m.span())
    return out


def in_spans(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` falls inside one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# --- words right before the number -------------------------------------------------------
_LABEL_BEFORE_RE: Final = re.compile(rf"(?<![\w])(?:{_alt(LABEL_WORDS)})\s*(?:số\s*)?$", re.IGNORECASE)
_LABEL_EXCEPT_RE: Final = re.compile(rf"(?<![\w])(?:{_alt(LABEL_WORD_EXCEPTIONS)})\s*$", re.IGNORECASE)
#: Vietnamese words that make the next number a day, month, year or clock time.
_DATE_BEFORE_RE: Final = re.compile(
    r"(?<![\w])(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|khuya|rạng\s+sáng|quốc\s+khánh|tháng|năm|quý|tuần|mùng|"
    r"mồng|tết|lúc|giờ|niên\s+khóa|niên\s+khoá|khóa|khoá|thế\s+kỷ|thập\s+niên)\s*(?:ngày\s*)?$",
    re.IGNORECASE,
)
_ANNIVERSARY_BEFORE_RE: Final = re.compile(rf"(?<![\w])(?:{_alt(ANNIVERSARY_WORDS)})\s*$", re.IGNORECASE)
_MONTH_EN: Final = _alt(MONTHS_EN)
_EN_MONTH_BEFORE_RE: Final = re.compile(rf"(?<![\w])(?:{_MONTH_EN})\.?\s*$", re.IGNORECASE)
_EN_MONTH_AFTER_RE: Final = re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_EN})\b", re.IGNORECASE)
#: Words before a 4-digit number that make it a year in either language.
_YEAR_BEFORE_RE: Final = re.compile(
    r"(?<![\w])(?:in|since|by|from|until|till|to|of|during|before|after|early|late|mid|end|fy|"
    r"đến|tới|từ|trước|sau|cuối|đầu|giữa|giai\s+đoạn|and|và|or|hoặc|-|–|—)\s*$",
    re.IGNORECASE,
)

# --- words right after the number ---------------------------------------------------------
#: "6 tháng qua", "3 năm gần đây", "the past 5 years": a window of time, not a count.
_RECENT_PERIOD_AFTER_RE: Final = re.compile(
    r"\s+(?:năm|tháng|tuần|ngày|quý)\s+(?:qua|vừa\s+qua|gần\s+đây|trở\s+lại\s+đây|tới|sắp\s+tới)(?![\w])"
    r"|\s+(?:years|months|weeks|days)\s+(?:ago|to\s+come)(?![\w])",
    re.IGNORECASE,
)
_PAST_BEFORE_RE: Final = re.compile(
    r"(?<![\w])(?:the\s+)?(?:past|last|next|coming|first|previous)\s+$", re.IGNORECASE
)
_EN_SPAN_AFTER_RE: Final = re.compile(r"\s+(?:years?|months?|weeks?|days?|quarters?)(?![\w])", re.IGNORECASE)
_AGE_AFTER_RE: Final = re.compile(rf"\s*(?:{_alt(AGE_WORDS)})(?![\w])", re.IGNORECASE)
_CLOCK_AFTER_RE: Final = re.compile(
    r"(?::\d{2}(?!\d))|\s*(?:giờ|g)\s*(?:\d{1,2}\s*(?:phút)?|sáng|chiều|tối|trưa|đêm)(?![\w])"
    r"|\s*(?:a\.m\.|p\.m\.|am|pm|o'clock)(?![\w])",
    re.IGNORECASE,
)
#: "Công an 3 cấp", "chính quyền địa phương 2 cấp": a small count of tiers names a model.
_LEVEL_MODEL_AFTER_RE: Final = re.compile(
    r"\s+cấp(?!\s*(?:độ|phép|mới|lại|đổi|cho|hơn|thêm))(?![\w])", re.IGNORECASE
)
#: A code glued after: "57-NQ/TW", "06/QĐ-TTg", "13/2023/NĐ-CP".
_CODE_AFTER_RE: Final = re.compile(rf"(?:/\d+)*[-/][{_L}]", re.IGNORECASE)
#: "x.0" is a version or a named revolution ("Web 2.0", "công nghiệp 4.0"), not 4.
_VERSION_RE: Final = re.compile(r"\d\.0(?![\d.,])")
_UNIT_AFTER_RE: Final = re.compile(r"\s*(?:%|phần\s+trăm|percent|per\s+cent)", re.IGNORECASE)


def label_reason(text: str, start: int, end: int, *, has_scale: bool, has_unit_sign: bool) -> str | None:
    """Why the digit string ``text[start:end]`` is not a figure, or None when it may be one.

    ``has_scale``/``has_unit_sign``: a scale word, percent sign or currency follows, which
    turns soft label words ("mức 15%", "số 3 triệu") back into figures.
    """
    lo = max(0, start - 40)
    tok = text[start:end]
    if len(tok) > 1 and tok[0] == "0" and tok[1].isdigit():
        return "code with a leading zero"  # "Đề án 06", "Kế hoạch 02", phone fragments
    if _VERSION_RE.fullmatch(tok):
        return "version"
    if _CODE_AFTER_RE.match(text, end):
        return "legal or document code"
    if not (has_scale or has_unit_sign):
        m = _LABEL_BEFORE_RE.search(text, lo, start)
        if m and not _LABEL_EXCEPT_RE.search(text, lo, start):
            return f"label word {m.group(0).strip()!r}"
    if _DATE_BEFORE_RE.search(text, lo, start) and not has_scale and not has_unit_sign:
        return "date or time cue"
    if _ANNIVERSARY_BEFORE_RE.search(text, lo, start):
        return "anniversary"
    day_or_year = tok.isdigit() and (int(tok) <= 31 or YEAR_MIN <= int(tok) <= YEAR_MAX)
    if day_or_year and (_EN_MONTH_BEFORE_RE.search(text, lo, start) or _EN_MONTH_AFTER_RE.match(text, end)):
        return "English date"
    if _RECENT_PERIOD_AFTER_RE.match(text, end) or (
        _PAST_BEFORE_RE.search(text, lo, start) and _EN_SPAN_AFTER_RE.match(text, end)
    ):
        return "recent period"
    if _AGE_AFTER_RE.match(text, end):
        return "age"
    if tok.isdigit() and int(tok) <= 24 and _CLOCK_AFTER_RE.match(text, end):
        return "clock time"
    if tok.isdigit() and int(tok) <= 5 and _LEVEL_MODEL_AFTER_RE.match(text, end) and not has_scale:
        return "tiers of an organisation"
    return None


def is_year(text: str, start: int, end: int, next_word_is_unit: bool) -> bool:
    """A bare 1900..2100 integer is a year unless a counted noun follows and no year cue precedes."""
    tok = text[start:end]
    if not (len(tok) == 4 and tok.isdigit() and YEAR_MIN <= int(tok) <= YEAR_MAX):
        return False
    if _YEAR_BEFORE_RE.search(text, max(0, start - 20), start):
        return True
    return not next_word_is_unit


def unit_sign_after(text: str, end: int) -> bool:
    """A percent sign or word right after the number."""
    return _UNIT_AFTER_RE.match(text, end) is not None


__all__ = ["in_spans", "is_year", "label_reason", "noise_spans", "unit_sign_after"]
