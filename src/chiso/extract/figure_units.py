"""What surrounds a number: its qualifier, unit, currency, rate, and whether it is a change or a goal.

Each function looks at a few characters on one side of the number with an anchored regex
built from :mod:`chiso.extract.vocab`, and returns what it found with the new quote boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from chiso.extract.figure_context import phrase_before, phrase_set, start_of_words, words_before
from chiso.extract.types import Lang, Qualifier
from chiso.extract.vocab import (
    ACHIEVED_WORDS,
    CAPITALISED_UNITS,
    CHANGE_WORDS,
    COUNT_NOUNS,
    CURRENCIES,
    EN_UNIT_STOPS,
    KNOWN_UNIT_HEADS,
    POINT_WORDS,
    QUALIFIERS,
    RATE_PERIODS,
    TARGET_WORDS,
    VI_STANDALONE_SPELLED,
    VI_UNIT_SOFT_STOPS,
    VI_UNIT_STOPS,
)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_QUALIFIER_OF: Final = dict(QUALIFIERS)
_QUALIFIER_PHRASES: Final = phrase_set(_QUALIFIER_OF)
_CURRENCY_WORDS_BEFORE: Final = frozenset({"usd", "vnd", "vnđ", "eur", "rs", "rs.", "inr", "gbp"})
_SYMBOLS: Final = frozenset("$€£₹")
_GLUED_CODES: Final = ("USD", "VND", "VNĐ", "EUR", "INR", "GBP", "Rs")
#: "cao hơn 4,1 điểm phần trăm so với": a comparative before a difference, not a bound
_COMPARATIVE_QUALIFIERS: Final = frozenset(
    {"cao hơn", "thấp hơn", "nhiều hơn", "ít hơn", "lớn hơn", "nhỏ hơn", "higher than", "lower than"}
)

#: "cao hơn", "nhiều hơn": "hơn" compares two values instead of bounding one.
_COMPARATIVES: Final = frozenset(
    {"cao", "thấp", "nhiều", "ít", "lớn", "nhỏ", "nhanh", "chậm", "tăng", "giảm"}
)

_CURRENCY_OF: Final = dict(CURRENCIES)
_SIGN_RE: Final = re.compile(
    rf"\s?(?:(?P<pts>{_alt(POINT_WORDS)})(?![\w])|(?P<pct>%|phần\s+trăm(?![\w])|percent(?![\w])|per\s+cent(?![\w]))"
    r"|(?P<cur>đồng(?!\s+(?:bào|chí|thời|bộ|hành|ý|loạt|nghiệp|tâm|đội|phục|hương))|VNĐ|VND|USD|US\s+dollars|"
    r"đô\s+la\s+Mỹ|đô\s+la|dollars|EUR|euro|đ|dong|Rs|rupees|INR)(?![\w]))",
    re.IGNORECASE,
)
_SIGN_FIRST: Final = frozenset(
    {" ", "%", "đ", "Đ", "d", "D", "U", "u", "V", "v", "E", "e", "p", "P", "R", "I"}
)
#: units glued to digits: "62.400MW", "2.100km", "350ha"
_GLUED_UNIT_RE: Final = re.compile(
    r"(?:km2|km²|km|m2|m²|m3|kg|ha|[kMGT]Wh|[kMG]W|[MGT]B|[MG]bps|mm|cm)(?![\w])"
)
#: the population a rate is counted against: "9,5 dược sĩ trên 10.000 dân", "3 beds per 1,000 people"
_DENOMINATOR_RE: Final = re.compile(
    r"\s+(?:trên|/|mỗi|per|for\s+every)\s*([0-9]+(?:[.,][0-9]{3})*(?:\s+(?:vạn|nghìn|ngàn|triệu|thousand|million))?"
    r"\s+(?:người\s+dân|dân\s+số|dân|người|population|inhabitants|residents|people|persons|live\s+births|"
    r"ca\s+sinh\s+sống|trẻ|adults|children))(?![\w])",
    re.IGNORECASE,
)


def glued_unit(text: str, end: int) -> tuple[str, int] | None:
    """A unit glued to the digits ("62.400MW" -> ("MW", end))."""
    if not text[end : end + 1].isalpha():
        return None
    m = _GLUED_UNIT_RE.match(text, end)
    return (m.group(0), m.end()) if m else None


DENOMINATOR_STARTS: Final = (" trên ", "/", " mỗi ", " per ", " for ")


def denominator_after(text: str, end: int) -> tuple[str, int] | None:
    """ "trên 10.000 dân" after a unit -> ("10.000 dân", end): the rate's denominator."""
    if not text.startswith(DENOMINATOR_STARTS, end):
        return None
    m = _DENOMINATOR_RE.match(text, end)
    return (" ".join(m.group(1).split()), m.end()) if m else None


#: "lượt/ngày", "lượt mỗi ngày", "visits per day", "a year".
_RATE_RE: Final = re.compile(
    rf"(?:/|\s+(?:mỗi|một|per|a|an|each|every)\s+)({_alt(RATE_PERIODS)})(?![\w])", re.IGNORECASE
)
_WORD_RE: Final = re.compile(r"(?:[ ]+|[ ]*\n[ ]*(?=[^\s]))([^\W\d_]+(?:-[^\W\d_]+)?)")
#: English plurals without an "s" that end a counted noun phrase
_EN_PLURAL_HEADS: Final = frozenset({"people", "children", "staff", "personnel", "police", "cattle", "data"})
_KNOWN_HEAD_SET: Final = frozenset(h.lower() for h in KNOWN_UNIT_HEADS)
_KNOWN_HEAD_RE: Final = re.compile(rf"[ ]+({_alt(KNOWN_UNIT_HEADS)})(?![\w])")
_KNOWN_HEAD_FIRST: Final = frozenset(h.split()[0] for h in KNOWN_UNIT_HEADS)
_KNOWN_HEAD_FIRST_LOWER: Final = frozenset(h.split()[0] for h in _KNOWN_HEAD_SET)

#: "tăng lên 20%", "rose to 20%" name the new level: "lên"/"to" end the words, so no change is found.
_CHANGES: Final = phrase_set(CHANGE_WORDS)
_CHANGE_AFTER_RE: Final = re.compile(
    r"\s+(?:increase|rise|growth|decline|drop|jump|fall|gain|so\s+với\s+(?:cùng\s+kỳ|năm\s+trước|năm\s+ngoái))(?![\w])",
    re.IGNORECASE,
)
#: target words as a regex (case-insensitive), for the extractor's one scan per sentence
TARGET_PATTERN: Final = rf"(?<![\w])(?:{_alt(TARGET_WORDS)})(?![\w])"
_TARGET_RE: Final = re.compile(TARGET_PATTERN, re.IGNORECASE)
#: searched in lowercased text: case-sensitive matching is much faster than IGNORECASE on Vietnamese
_ACHIEVED_RE: Final = re.compile(rf"\b(?:{_alt(ACHIEVED_WORDS)})(?![\w])")
_REACHED: Final = frozenset({"vượt", "đạt", "thành", "met", "exceeded", "reached", "beat"})


def qualifier_before(
    text: str, start: int, words: tuple[str, ...], *, difference: bool = False
) -> tuple[Qualifier, int, int] | None:
    """ "trên 67 triệu" -> ("more_than", start of "trên"); ``words`` are :func:`words_before` ``start``.

    ``difference``: the figure is a gap (percentage points, or "so với" follows), so "cao hơn"
    compares two values instead of bounding this one.
    """
    p = phrase_before(words, _QUALIFIER_PHRASES, 3)
    if p is None:
        return None
    n = p.count(" ") + 1
    if p == "hơn" and len(words) > n and words[-n - 1] in _COMPARATIVES:
        return None  # "tăng hơn 4,1 điểm": a difference, not a bound
    if difference and p in _COMPARATIVE_QUALIFIERS:
        return None  # "cao hơn 4,1 điểm phần trăm": a difference, not a bound
    if len(words) > n and words[-n - 1] in _COMPARATIVES and p in _COMPARATIVE_QUALIFIERS:
        return None  # "tăng cao hơn 5%": a change
    return _QUALIFIER_OF[p], start_of_words(text, start, n), n


def currency_before(text: str, start: int, words: tuple[str, ...]) -> tuple[str, int] | None:
    """ "$5 million", "US$3bn", "€2", "USD 1.2 billion", "VND 5 trillion", "VND720 trillion", "Rs 50"."""
    if start and text[start - 1] in _SYMBOLS:
        cur = start - 1
        if text[max(0, cur - 2) : cur].upper() == "US":
            cur -= 2
        return _CURRENCY_OF[text[start - 1]], cur
    if start and text[start - 1].isalpha():
        for code in _GLUED_CODES:
            b = start - len(code)
            if b >= 0 and text.startswith(code, b) and (b == 0 or not text[b - 1].isalnum()):
                return _CURRENCY_OF[code.lower()], b
        return None
    if words and words[-1] in _CURRENCY_WORDS_BEFORE:
        return _CURRENCY_OF[words[-1]], start_of_words(text, start, 1)
    return None


#: "từ 15% trở lên", "15% or more", "50 staff or fewer": a bound written after the figure
_QUALIFIER_AFTER_RE: Final = re.compile(
    r"\s+(?:(?P<vi>trở\s+(?P<dir>lên|xuống))|(?P<en>or\s+(?:more|higher|above|greater|over)|and\s+(?:above|over|up)"
    r"|or\s+(?P<less>fewer|less|lower|below|under)|and\s+(?P<less2>below|under)))(?![\w])",
    re.IGNORECASE,
)


QUALIFIER_AFTER_STARTS: Final = (" trở ", " or ", " and ", " Trở ")


def qualifier_after(text: str, end: int, words: tuple[str, ...]) -> tuple[Qualifier, int, bool] | None:
    """A bound after the figure: (qualifier, new end, whether "từ" before belongs to it).

    "từ … trở lên" needs its "từ" (``words`` are the words before the figure); the English forms
    stand alone. Returned only when found, so the common case costs one failed match.
    """
    if not text.startswith(QUALIFIER_AFTER_STARTS, end):
        return None
    m = _QUALIFIER_AFTER_RE.match(text, end)
    if m is None:
        return None
    if m.group("vi"):
        if not words or words[-1] != "từ":
            return None
        return ("at_least" if m.group("dir").lower() == "lên" else "at_most"), m.end(), True
    less = m.group("less") or m.group("less2")
    return ("at_most" if less else "at_least"), m.end(), False


def unit_sign(text: str, end: int) -> tuple[str, int] | None:
    """Percentage points, a percent or a currency right after a number, in one anchored match."""
    if text[end : end + 1] not in _SIGN_FIRST and not text[end + 1 : end + 2].isalpha():
        return None
    m = _SIGN_RE.match(text, end)
    if m is None:
        return None
    if m.lastgroup == "pts":
        return POINT_WORDS[m.group("pts").strip().lower()], m.end()
    if m.lastgroup == "pct":
        return "%", m.end()
    return _CURRENCY_OF[" ".join(m.group("cur").lower().split())], m.end()


def rate_after(text: str, end: int) -> tuple[str, int] | None:
    """ "/ngày", "mỗi ngày", "per day" right after a unit -> ("ngày", end)."""
    m = _RATE_RE.match(text, end)
    if m is None:
        return None
    return RATE_PERIODS[m.group(1).lower()], m.end()


def unit_phrase(text: str, pos: int, lang: Lang) -> tuple[str, str, int, bool] | None:
    """The counted noun phrase after a number: (unit, head, end, known head).

    It stops at prepositions, conjunctions, verbs, capitalised names, digits and punctuation,
    after four syllables in Vietnamese (three words in English) unless a known head is longer.
    """
    words: list[str] = []
    end = pos
    cap = 4 if lang == "vi" else 3
    m = _WORD_RE.match(text, pos)
    if m is None:
        return None  # the common case for a bare number: punctuation or a digit follows
    if m.group(1) in _KNOWN_HEAD_FIRST and (k := _KNOWN_HEAD_RE.match(text, pos)) is not None:
        # a known head is taken whole even when it holds a stop ("bản ghi", "dịch vụ công");
        # the set of first words gates the long alternation, which most words cannot start
        words = k.group(1).split()
        end = k.end()
    while len(words) < 6:
        if lang == "en" and words and is_plural_head(words[-1]):
            break  # an English counted noun phrase ends at its plural head: "digital technology firms"
        m = _WORD_RE.match(text, end)
        if m is None:
            break
        w = m.group(1)
        lw = w.lower()
        first = not words
        if lang == "vi" or _is_vi_word(w):
            if lw in VI_UNIT_STOPS or (not first and lw in VI_UNIT_SOFT_STOPS):
                break
            if w[0].isupper() and not (first and (w in CAPITALISED_UNITS or (w.isupper() and len(w) <= 5))):
                break  # a name starts: "8 di ảnh màu | Anh hùng"
        else:
            if lw in EN_UNIT_STOPS or (not first and (lw.endswith("ed") or w[0].isupper())):
                break
        words.append(w)
        end = m.end()
    if not words:
        return None
    n_head = 0
    word0 = words[0].lower()
    if word0 in _KNOWN_HEAD_FIRST_LOWER:  # the longest known head the words start with
        lower = [word0, *(w.lower() for w in words[1:5])]
        for size in range(len(lower), 0, -1):
            if (word0 if size == 1 else " ".join(lower[:size])) in _KNOWN_HEAD_SET:
                n_head = size
                break
    known_head = n_head > 0
    keep = max(cap, n_head)
    if len(words) > keep:
        words = words[:keep]
        end = _end_of_words(text, pos, keep)
    unit = " ".join(words)
    if known_head:
        head = " ".join(words[:n_head])
    elif lang == "en" and not _is_vi_word(words[0]):
        head = words[-1]
    else:
        head = " ".join(words[:2])
    return unit, head, end, known_head


def is_plural_head(w: str) -> bool:
    lw = w.lower()
    return lw in _EN_PLURAL_HEADS or (lw.endswith("s") and not lw.endswith("ss") and not _is_vi_word(w))


def _end_of_words(text: str, pos: int, n: int) -> int:
    end = pos
    for _ in range(n):
        m = _WORD_RE.match(text, end)
        if m is None:
            break
        end = m.end()
    return end


_VI_LETTER_RE: Final = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def _is_vi_word(w: str) -> bool:
    """A Vietnamese syllable (by its marks); English rules apply to the rest in English text."""
    return _VI_LETTER_RE.search(w) is not None


def change_before(text: str, start: int, words: tuple[str, ...]) -> bool:
    """ "tăng 15%", "gấp 3 lần", "increased by 15%", "+15%" are changes; "tăng lên 20%" a level.

    ``words`` are the words before ``start`` (the qualifier, if any, already taken off).
    """
    if start > 0 and text[start - 1] == "+":
        return True
    while words and words[-1] in ("thêm", "khoảng"):
        words = words[:-1]  # "tăng thêm 15%"
    return phrase_before(words, _CHANGES, 3) is not None


def change_after(text: str, end: int) -> bool:
    """ "a 15% increase", "15% so với cùng kỳ"."""
    return _CHANGE_AFTER_RE.match(text, end) is not None


def is_reached_target(text: str, at: int) -> bool:
    """ "vượt mục tiêu", "đạt chỉ tiêu", "met the target": a target word at ``at`` that was reached."""
    w = words_before(text, at)
    return bool(w) and w[-1] in _REACHED


def target_marks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of target words in ``text[lo:hi]`` (one sentence) that were not reached already."""
    out: list[tuple[int, int]] = []
    for m in _TARGET_RE.finditer(text, lo, hi):
        w = words_before(text, m.start())
        if w and w[-1] in _REACHED:
            continue  # "vượt mục tiêu", "đạt chỉ tiêu": the goal was met, the figure is a level
        out.append(m.span())
    return out


def is_target(text: str, marks: list[tuple[int, int]], start: int) -> bool:
    """A target word earlier in the sentence ("phấn đấu đạt 80%", "target of 30%"), not reached yet."""
    last = None
    for s, e in marks:
        if e <= start:
            last = (s, e)
    if last is None or start - last[1] > 160:
        return False
    between = text[last[1] : start]
    return ";" not in between and _ACHIEVED_RE.search(between.lower()) is None


#: what a spelled number without a scale may count ("ba bộ", "Three ministries")
_COUNT_NOUN_RE: Final = re.compile(rf"\s+(?:{COUNT_NOUNS})(?![\w])", re.IGNORECASE)


def counts_a_noun(text: str, start: int, end: int, kind: str, lang: Lang) -> bool:
    """A number in words without a scale is a figure only when it counts something.

    "hai bên", "ba mẹ", "một cửa sổ", "năm nay" are words: a lone digit word counts only known
    things ("ba bộ"), and "một"/"năm" never stand alone ("năm" is mostly "year"). A compound
    ("hai mươi", "ba mươi lăm", "mười bốn", "forty-five") or an English number before a plural
    noun ("ten workers", "six working groups") counts the noun after it; a percent or a currency
    after it makes it a figure too ("Seventy percent").
    """
    words = text[start:end].lower().split()
    if kind == "vi" and len(words) == 1:
        return words[0] in VI_STANDALONE_SPELLED and _COUNT_NOUN_RE.match(text, end) is not None
    if unit_sign(text, end) is not None or _COUNT_NOUN_RE.match(text, end):
        return True
    if kind == "vi":
        p = unit_phrase(text, end, lang)
        return p is not None and p[0][0].islower()
    p = unit_phrase(text, end, "en")
    return p is not None and p[0][0].islower() and is_plural_head(p[0].split()[-1])


#: "khoảng 2,1 tỷ USD (tương đương 52.000 tỷ đồng)": the same amount again, in brackets
_REPEAT_RE: Final = re.compile(
    r" ?\(\s*(?:tương\s+đương(?:\s+với)?|tương\s+ứng|hay|or|equivalent\s+to|equal\s+to|=|~|≈)?\s*",
    re.IGNORECASE,
)


def restates(text: str, prev_end: int, start: int) -> bool:
    """The figure at ``start`` restates the one ending at ``prev_end`` in brackets right after it
    ("khoảng 2,1 tỷ USD (tương đương 52.000 tỷ đồng)"), so it carries the same qualifier."""
    m = _REPEAT_RE.match(text, prev_end)
    return m is not None and m.end() == start


#: "(chiếm 2,1%)" between a number and its noun: a short aside with no line break
_PAREN_RE: Final = re.compile(r" ?\([^()\n]{1,60}\)")


def paren_unit(text: str, end: int, lang: Lang) -> tuple[str, str, bool] | None:
    """The counted noun after an aside in brackets: "21.305 (chiếm 2,1%) hộ dân" -> "hộ dân"."""
    if text[end : end + 2] not in (" (", "(") and text[end : end + 1] != "(":
        return None
    m = _PAREN_RE.match(text, end)
    if m is None or (p := unit_phrase(text, m.end(), lang)) is None:
        return None
    unit, head, _, known = p
    first = unit.split()[0]
    if not first[0].islower() or first.lower() in VI_UNIT_SOFT_STOPS or first.lower() in EN_UNIT_STOPS:
        return None
    return unit, head, known


__all__ = [
    "DENOMINATOR_STARTS",
    "QUALIFIER_AFTER_STARTS",
    "TARGET_PATTERN",
    "change_after",
    "change_before",
    "counts_a_noun",
    "currency_before",
    "denominator_after",
    "glued_unit",
    "is_plural_head",
    "is_reached_target",
    "is_target",
    "paren_unit",
    "qualifier_after",
    "qualifier_before",
    "rate_after",
    "restates",
    "target_marks",
    "unit_phrase",
    "unit_sign",
]
