"""The label filter: numbers that name, date or address something rather than count it.

"Đề án 06", "Ban Chỉ đạo 158", "Nghị quyết 57-NQ/TW", "Quyết định số 06/QĐ-TTg", "Điều 5",
"Đại hội XIV", "Công an 3 cấp", "Luật An ninh mạng 2025", "Chiều 16/1", "14h30", "45 tuổi",
"0912 345 678", "https://...", "z7437247308587-9d2e...jpg" are not figures. Each check returns
a short reason (for tests and debugging) or None. Left context is read once as words
(:func:`chiso.extract.figure_context.words_before`) and looked up in sets; right context is
matched with anchored regexes, so the filter costs microseconds per candidate.
"""

from __future__ import annotations

import re
from typing import Final

from chiso.extract.figure_context import phrase_before, phrase_set, words_before
from chiso.extract.vocab import (
    AGE_WORDS,
    ANNIVERSARY_WORDS,
    DATE_CUES,
    EN_UNIT_STOPS,
    FILE_EXTENSIONS,
    LABEL_WORD_EXCEPTIONS,
    LABEL_WORDS,
    MONTHS_EN,
    RECENT_LEADS,
    VI_UNIT_STOPS,
    YEAR_CUES,
    YEAR_MAX,
    YEAR_MIN,
)

_L = r"A-Za-zÀ-ỹĐđ"  # a Latin or Vietnamese letter (precomposed, NFC)

_LABELS: Final = phrase_set(LABEL_WORDS)
_LABEL_EXCEPTIONS: Final = phrase_set(LABEL_WORD_EXCEPTIONS)
_DATE_CUES: Final = phrase_set(DATE_CUES)
#: "1.8" after these words and before "tới" or a comma is a day.month (timex reads it so too)
_DOT_DATE_LEADS: Final = frozenset({"từ", "trước", "đến", "tới", "sau"})
_DOT_DATE: Final = re.compile(r"(?:0?[1-9]|[12][0-9]|3[01])\.(?:0?[1-9]|1[0-2])")
_DOT_DATE_NEXT: Final = re.compile(
    r"\s*(?:[,;:.!?)\]]|$|(?:đến|tới|và|hoặc|trở\s+đi|sắp\s+tới)(?!\w)|[A-ZĐ])"
)
_ANNIVERSARY: Final = phrase_set(ANNIVERSARY_WORDS)
_MONTHS: Final = frozenset(MONTHS_EN) | frozenset(f"{m}." for m in MONTHS_EN)
_YEAR_CUES: Final = phrase_set(YEAR_CUES)
_RECENT_LEADS: Final = phrase_set(RECENT_LEADS)

# --- the token a number sits in -----------------------------------------------------------
_TOKEN_RE: Final = re.compile(r"\S*")
#: a token of digits and number punctuation only: the common case, never noise
_PLAIN_TOKEN_RE: Final = re.compile(r"[\"“‘'(\[+$€]*[0-9.,/%–-]*[)\]”’\"'.,;:!?…%]*")
_NOISE_TOKEN_RE: Final = re.compile(
    rf"://|^www\.|@|\.(?:{'|'.join(FILE_EXTENSIONS)})\b|[{_L}][-/]?[0-9]|[0-9][-/]?[{_L}]", re.IGNORECASE
)
#: a glued token that is a number with a unit after all ("100GB", "5km", "1,5tr", "1.5bn", "20%")
_GLUED_OK_RE: Final = re.compile(
    r"[$€£₹(“\"'‘+-]?(?:US\$|USD|VND|VNĐ|EUR|INR|GBP|Rs)?[0-9]+(?:[.,][0-9]+)*"
    r"(?:%|km2?|km²|m[23²]?|kg|ha|[gtmp]b|[kmgt]wh?|[gm]bps|tr|bn|mn|đ|usd|vnd|rs|x|k|t|b)?[)”\"'’.,;:!?]*",
    re.IGNORECASE,
)
#: phone numbers: "0912 345 678", "024.3942.1234", "(024) 3823 4567", "+84 912 345 678", "1900 0368"
_PHONE_RE: Final = re.compile(
    r"(?:\+84[\s.-]?|\(0[0-9]{1,3}\)[\s.-]?|0[0-9]{2,3}[\s.-]?|1[89]00[\s.]?)[0-9]{2,4}(?:[\s.-]?[0-9]{2,4}){0,3}"
)


def noise_end(text: str, pos: int, digits_end: int | None = None) -> int | None:
    """When the number at ``pos`` sits in a URL, e-mail, file name, code or phone number: where
    that token ends (skip to it); otherwise None. ``digits_end``: where its digit run ends."""
    if (text[pos] in "01" or (pos and text[pos - 1] in "+(")) and (
        ph := _PHONE_RE.match(text, pos - 1 if pos and text[pos - 1] in "+(" else pos)
    ):
        digits = sum(c.isdigit() for c in ph.group(0))
        if digits >= 8 and (ph.group(0)[0] in "+(0" or ph.group(0)[:2] in ("18", "19")):
            return ph.end()
    prev = text[pos - 1] if pos else " "
    if prev.isspace() or prev in "(“\"'":
        # the common case: a number starting a token; it is noise only if letters, a slash,
        # a dash or a dot-and-letter follow the digits ("5G", "2025-report.pdf", "2025.jpg")
        e = pos
        if digits_end is not None:
            e = digits_end
        else:
            n = len(text)
            while e < n and (text[e].isdigit() or (text[e] in ".," and e + 1 < n and text[e + 1].isdigit())):
                e += 1
        nxt = text[e : e + 1]
        if nxt in ("", " ", "\n", ";", ":", ")", "%", "”", '"', "'") or (
            nxt in ".,!?" and not text[e + 1 : e + 2].isalnum()
        ):
            return None
    end = _TOKEN_RE.match(text, pos).end()  # type: ignore[union-attr]  # \S* always matches
    lo = max(0, pos - 200)
    begin = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos)) + 1
    if begin == 0 and lo > 0:
        begin = lo
    token = text[begin:end]
    if _PLAIN_TOKEN_RE.fullmatch(token):
        return None
    if _NOISE_TOKEN_RE.search(token) and not _GLUED_OK_RE.fullmatch(token):
        return end
    return None


# --- right context ----------------------------------------------------------------------------
_MONTH_ALT: Final = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
#: Everything after a number that makes it a non-figure, in one anchored match (one call per
#: candidate): which alternative matched says why.
_RIGHT_RE: Final = re.compile(
    r"(?P<recent>\s+(?:năm|tháng|tuần|ngày|quý)\s+(?:qua|vừa\s+qua|gần\s+đây|trở\s+lại\s+đây|tới|sắp\s+tới|"
    r"đầu|cuối|năm|liên\s+tiếp)(?![\w])|\s+(?:years|months|weeks|days)\s+(?:ago|to\s+come)(?![\w]))"
    rf"|(?P<age>\s*(?:{'|'.join(AGE_WORDS)})(?![\w]))"
    r"|(?P<clock>:[0-9]{2}(?![0-9])|\s*(?:giờ|g)\s*(?:[0-9]{1,2}\s*(?:phút)?|sáng|chiều|tối|trưa|đêm)(?![\w])"
    r"|\s*(?:a\.m\.|p\.m\.|am|pm|o'clock)(?![\w]))"
    r"|(?P<level>\s+cấp(?!\s*(?:độ|phép|mới|lại|đổi|cho|hơn|thêm))(?![\w]))"
    rf"|(?P<month>(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_ALT})\b)"
    r"|(?P<span>\s+(?:years?|months?|weeks?|days?|quarters?)(?![\w]))",
    re.IGNORECASE,
)
#: A code glued after: "57-NQ/TW", "06/QĐ-TTg", "13/2023/NĐ-CP".
_CODE_AFTER_RE: Final = re.compile(rf"(?:/[0-9]+)*[-/][{_L}]", re.IGNORECASE)
#: "x.0" is a version or a named revolution ("Web 2.0", "công nghiệp 4.0"), not 4.
_VERSION_RE: Final = re.compile(r"[0-9]\.0(?![0-9.,])")
_UNIT_AFTER_RE: Final = re.compile(r"\s?(?:%|phần\s+trăm|percent|per\s+cent)", re.IGNORECASE)
#: "07 nghị định", "03 dự thảo": a count written with a leading zero, as official letters do
#: (a lowercase noun follows); "Đề án 06" is still a label by the word before it
_ZERO_COUNT_RE: Final = re.compile(r"0[1-9][0-9]? ([a-zà-ỹđ]+)")
_AGE_AFTER_RE: Final = re.compile(rf"\s*(?:{'|'.join(AGE_WORDS)})(?![\w])", re.IGNORECASE)
_RANGE_JOINS: Final = frozenset({"to", "and", "-", "đến", "tới"})
_AGE_LEADS: Final = frozenset({"aged", "ages", "age", "tuổi", "độ"})
#: "2.15 am", "10.45 pm", "14.30 chiều": an hour and minutes with a dot
_CLOCK_TOKEN_RE: Final = re.compile(r"(?:[01]?[0-9]|2[0-4])[.:][0-5][0-9]")
#: determiners and possessives before "the 2023 budget plan": a year used as an adjective
_YEAR_DETERMINERS: Final = frozenset({"the", "its", "their", "this", "that", "our", "his", "her", "a", "an"})
#: leads of a window of time: "trong 6 tháng", "within 30 days", "take 18 months"
_WINDOW_LEADS: Final = frozenset(
    {"trong", "suốt", "within", "in", "take", "takes", "took", "taking", "last", "lasts"}
)
_DURATION_RE: Final = re.compile(
    r"\s+(?:năm|tháng|tuần|ngày|giờ|phút|giây|years?|months?|weeks?|days?|hours?|minutes?)(?![\w])",
    re.IGNORECASE,
)


def label_reason(
    text: str,
    start: int,
    end: int,
    *,
    has_scale: bool,
    has_unit_sign: bool,
    words: tuple[str, ...] | None = None,
) -> str | None:
    """Why the digit string ``text[start:end]`` is not a figure, or None when it may be one.

    ``has_scale``/``has_unit_sign``: a scale word, percent sign or currency follows, which
    turns soft label words ("mức 15%", "số 3 triệu") back into figures. ``words``: the
    :func:`words_before` ``start`` when the caller has them already.
    """
    tok = text[start:end]
    if len(tok) > 1 and tok[0] == "0" and tok[1].isdigit() and not _zero_count(text, start):
        return "code with a leading zero"  # "Đề án 06", "Kế hoạch 02", phone fragments
    if tok.endswith(".0") and _VERSION_RE.fullmatch(tok):
        return "version"
    if text[end : end + 1] in ("-", "/") and _CODE_AFTER_RE.match(text, end):
        return "legal or document code"
    if words is None:
        words = words_before(text, start)
    sign = has_scale or has_unit_sign
    if not sign and words and _name_before(text, start):
        return "part of a name"  # "Long Phu 1 thermal power plant", "Nghi Sơn 2"
    if words:
        if (
            not sign
            and (lab := phrase_before(words, _LABELS))
            and not phrase_before(words, _LABEL_EXCEPTIONS)
        ):
            return f"label word {lab!r}"
        if not sign and phrase_before(words, _DATE_CUES, 2):
            return "date or time cue"
        if (
            not sign
            and words[-1] in _DOT_DATE_LEADS
            and _DOT_DATE.fullmatch(tok)
            and _DOT_DATE_NEXT.match(text, end)
        ):
            return "day.month date"  # "kể từ 1.8 tới", "trước 30.11,": 1 August, 30 November
        if phrase_before(words, _ANNIVERSARY, 2):
            return "anniversary"
    if not sign and words:
        last = words[-1]
        if last in _WINDOW_LEADS and tok.isdigit() and _DURATION_RE.match(text, end) is not None:
            return "window of time"  # "trong 6 tháng", "within 30 days": when, not how much
        if last in _RANGE_JOINS and len(words) >= 3 and words[-3] in _AGE_LEADS and words[-2].isdigit():
            return "age"  # the second end of "aged 18 to 25"
    # every alternative of _RIGHT_RE starts with a space, a colon or a letter: "5%", "5," skip it
    nxt = text[end : end + 1]
    r = _RIGHT_RE.match(text, end) if nxt == " " or nxt == ":" or nxt.isalpha() or nxt.isspace() else None
    if r is None:
        if (
            words
            and words[-1] in _MONTHS
            and tok.isdigit()
            and (int(tok) <= 31 or YEAR_MIN <= int(tok) <= YEAR_MAX)
        ):
            return "English date"
        return None
    kind = r.lastgroup
    small = tok.isdigit() and int(tok) <= 31
    if kind == "month" and (small or (tok.isdigit() and YEAR_MIN <= int(tok) <= YEAR_MAX)):
        return "English date"
    if kind == "recent" or (kind == "span" and words and phrase_before(words, _RECENT_LEADS, 2)):
        return "recent period"
    if kind == "age":
        return "age"
    if kind == "clock" and ((small and int(tok) <= 24) or _CLOCK_TOKEN_RE.fullmatch(tok)):
        return "clock time"
    if kind == "level" and small and int(tok) <= 5 and not has_scale:
        return "tiers of an organisation"
    if words and words[-1] in _MONTHS and tok.isdigit() and (small or YEAR_MIN <= int(tok) <= YEAR_MAX):
        return "English date"
    return None


def _name_before(text: str, start: int) -> bool:
    """The word right before is capitalised mid-sentence (a proper name), not an acronym or a currency."""
    e = start - 1
    b = max(text.rfind(" ", max(0, e - 30), e), text.rfind("\n", max(0, e - 30), e)) + 1
    w = text[b:e]
    if len(w) < 2 or not w[0].isupper() or w.isupper() or not w.isalpha():
        return False
    before = text[max(0, b - 2) : b]
    return b > 0 and not (
        before.endswith("\n") or before[:1] in ".!?:;…\n" or before.endswith(("“", '"', "("))
    )


def label_context(text: str, start: int, words: tuple[str, ...], *, has_sign: bool) -> bool:
    """A figure that survived the filter but reads like part of a label: a label word right before
    a counted number ("số 3 cơ sở"), or a proper name right before it ("Hà Nội 50 điểm").
    A percent or currency makes a label word a level ("mức 15%"), so it is clean then."""
    if not words:
        return False
    if not has_sign and phrase_before(words, _LABELS) and not phrase_before(words, _LABEL_EXCEPTIONS):
        return True
    # a name starts with a capital: look at the first letter of the word before (it ends one
    # space before the number) before the full check, which most figures need not pay for
    w = words[-1]
    if (
        len(w) < 30
        and start >= 2
        and not text[start - 2].isspace()
        and not text[start - 1 - len(w)].isupper()
    ):
        return False
    return _name_before(text, start)


def is_year(
    text: str, start: int, end: int, next_word_is_unit: bool, words: tuple[str, ...] | None = None
) -> bool:
    """A bare 1900..2100 integer is a year unless a counted noun follows and no year cue precedes."""
    tok = text[start:end]
    if not (len(tok) == 4 and tok.isdigit() and YEAR_MIN <= int(tok) <= YEAR_MAX):
        return False
    if words is None:
        words = words_before(text, start)
    if (words and phrase_before(words, _YEAR_CUES, 2)) or (start and text[start - 1] in "-–—/"):
        return True
    if words and (words[-1] in _YEAR_DETERMINERS or words[-1].endswith("'s")):
        return True  # "the 2023 budget plan", "Vietnam's 2024 report": a year before a noun
    return not next_word_is_unit


def _zero_count(text: str, start: int) -> bool:
    """ "07 nghị định": a leading zero before a counted noun (not "06 của", not a label's number)."""
    m = _ZERO_COUNT_RE.match(text, start)
    if m is None or m.group(1) in VI_UNIT_STOPS or m.group(1) in EN_UNIT_STOPS:
        return False
    w = words_before(text, start)
    return not (w and phrase_before(w, _LABELS))


def time_unit_after(text: str, end: int) -> bool:
    """A unit of time right after ``end`` ("nine months", "hai năm"): with a number in words it
    names a period or a duration ("the first nine months", "after two years"), not a figure."""
    return _DURATION_RE.match(text, end) is not None


def age_after(text: str, end: int) -> bool:
    """An age word right after ``end`` ("15-64 tuổi", "18 years old")."""
    return _AGE_AFTER_RE.match(text, end) is not None


def unit_sign_after(text: str, end: int) -> bool:
    """A percent sign or word right after the number."""
    return _UNIT_AFTER_RE.match(text, end) is not None


__all__ = [
    "age_after",
    "is_year",
    "label_context",
    "label_reason",
    "noise_end",
    "time_unit_after",
    "unit_sign_after",
]
