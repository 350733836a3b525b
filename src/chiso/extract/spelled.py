"""Numbers written in words, in Vietnamese and English: a token grammar read left to right.

>>> parse_vi_words("hai mươi mốt nghìn không trăm linh năm".split())
21005.0
>>> parse_vi_words("hai triệu rưỡi".split()), parse_vi_words("một triệu hai".split())
(2500000.0, 1200000.0)
>>> parse_en_words("a hundred and five".split()), parse_en_words("half a million".split())
(105.0, 500000.0)

Each parser takes the words of one run and returns its value, or None when the words do not
make a number ("hai ba" is "two or three", "mươi" alone is nothing). The readers try the longest
run of number words first and drop words from its end until the rest parses, so that "ba trăm
năm" reads "ba trăm" (300) when "năm" cannot continue it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from chiso.extract.vocab import (
    EN_FRACTIONS,
    EN_MULTIPLE_VERBS,
    EN_TENS,
    EN_UNITS,
    EN_WORD_SCALES,
    VI_DIGIT_WORDS,
    VI_MULTIPLES,
    VI_WORD_SCALES,
)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# --- Vietnamese ------------------------------------------------------------------------------
#: digits that only follow "mươi"/"mười" ("hai mươi mốt", "mười lăm", "hai mươi tư")
_VI_AFTER_TENS: Final = frozenset({"mốt", "lăm", "tư"})
_VI_WORDS: Final = (
    frozenset(VI_DIGIT_WORDS)
    | frozenset(VI_WORD_SCALES)
    | {"mười", "mươi", "trăm", "linh", "lẻ", "rưỡi", "chục"}
)
_VI_RUN_RE: Final = re.compile(rf"(?:{_alt(_VI_WORDS)})(?:\s(?:{_alt(_VI_WORDS)}))*(?![\w])", re.IGNORECASE)
_VI_SCALES_AND_HUNDRED: Final = frozenset(VI_WORD_SCALES) | {"trăm"}
#: words a Vietnamese number never starts with
_VI_NOT_FIRST: Final = frozenset({"mốt", "lăm", "tư", "mươi", "linh", "lẻ", "rưỡi", "không", "chục"})


def parse_vi_words(words: Sequence[str]) -> float | None:
    """The value of Vietnamese number words, or None when they are not one number."""
    ws = [w.lower() for w in words]
    if not ws or ws[0] in _VI_NOT_FIRST or ws[0] in VI_WORD_SCALES or ws[0] == "trăm":
        return None
    total = 0.0  # completed groups ("hai mươi mốt nghìn" -> 21000)
    cur = 0.0  # the group below the next scale word
    prev = ""
    last_scale = 0.0  # the last scale word's value (trăm = 100), for "rưỡi" and "một triệu hai"
    for i, w in enumerate(ws):
        if w in VI_DIGIT_WORDS:
            if prev in VI_DIGIT_WORDS or (prev == "mười" and w in ("mốt", "tư")):
                return None  # "hai ba": two or three, not 23; "mười mốt" is not said
            if w == "năm" and prev in ("mươi", "mười"):
                return None  # "hai mươi năm" is twenty years: 25 is written "hai mươi lăm"
            if (
                w in _VI_AFTER_TENS
                and prev not in ("mươi", "mười", "linh", "lẻ")
                and not (w == "tư" and last_scale)
            ):
                return None
            v = VI_DIGIT_WORDS[w]
            if (
                i == len(ws) - 1
                and last_scale
                and prev in _VI_SCALES_AND_HUNDRED
                and w != "năm"
                and w != "không"
            ):
                cur += v * last_scale / 10  # "một triệu hai" = 1.2 million, "một trăm hai" = 120
            else:
                cur += v
        elif w == "mười":
            if prev in VI_DIGIT_WORDS or prev == "mươi":
                return None
            cur += 10
        elif w == "mươi":
            if prev not in VI_DIGIT_WORDS or prev in ("một", "mốt", "không", "lăm", "tư", "mười"):
                return None
            cur += VI_DIGIT_WORDS[prev] * 9
        elif w == "chục":
            if prev not in VI_DIGIT_WORDS:
                return None
            cur *= 10
        elif w == "trăm":
            if prev not in VI_DIGIT_WORDS or cur >= 10:
                return None
            cur *= 100
            last_scale = 100
        elif w in ("linh", "lẻ"):
            if (prev not in VI_WORD_SCALES and prev != "trăm") or i == len(ws) - 1:
                return None
        elif w == "rưỡi":
            if not last_scale or prev not in _VI_SCALES_AND_HUNDRED or i != len(ws) - 1:
                return None
            if last_scale == 100:
                cur += 50
            else:
                total += last_scale / 2
        elif w in VI_WORD_SCALES:  # nghìn, triệu, tỷ
            s = VI_WORD_SCALES[w]
            if prev in VI_WORD_SCALES:
                if s <= VI_WORD_SCALES[prev] or cur:
                    return None
                total *= s  # "nghìn tỷ": a thousand billions
            elif cur == 0 and prev != "trăm":
                return None
            elif total and total < s:
                total = (total + cur) * s
            else:
                total += cur * s
            cur = 0
            last_scale = s
        else:
            return None
        prev = w
    if prev in ("linh", "lẻ") or (prev == "không" and len(ws) == 1):
        return None
    return total + cur


def read_vi_words(text: str, pos: int) -> tuple[float, int, bool] | None:
    """(value, end, has a scale word) of the longest Vietnamese number in words at ``pos``."""
    m = _VI_RUN_RE.match(text, pos)
    if not m:
        return None
    words = m.group(0).split()
    for k in range(len(words), 0, -1):
        v = parse_vi_words(words[:k])
        if v is not None:
            end = pos + len(" ".join(words[:k]))
            return v, end, any(w.lower() in VI_WORD_SCALES for w in words[:k])
    return None


# --- English ---------------------------------------------------------------------------------
_EN_PLAIN: Final = frozenset(EN_UNITS) | frozenset(EN_TENS)
_EN_WORD: Final = rf"(?:{_alt(EN_TENS)})-(?:{_alt(k for k, v in EN_UNITS.items() if 1 <= v <= 9)})|{_alt([*_EN_PLAIN, *EN_WORD_SCALES, 'hundred', 'dozen', 'half', 'a', 'and'])}"
_EN_RUN_RE: Final = re.compile(rf"(?:{_EN_WORD})(?:\s(?:{_EN_WORD}))*(?![\w-])", re.IGNORECASE)


def _en_small(w: str) -> float | None:
    """ "seven" -> 7, "forty" -> 40, "forty-two" -> 42."""
    if w in EN_UNITS:
        return float(EN_UNITS[w])
    if w in EN_TENS:
        return float(EN_TENS[w])
    tens, _, unit = w.partition("-")
    if tens in EN_TENS and unit in EN_UNITS and 1 <= EN_UNITS[unit] <= 9:
        return float(EN_TENS[tens] + EN_UNITS[unit])
    return None


def parse_en_words(words: Sequence[str]) -> float | None:
    """The value of English number words ("three hundred and forty-two"), or None."""
    ws = [w.lower() for w in words]
    if not ws or ws[-1] in ("a", "and", "half") or ws[0] == "and":
        return None
    if ws[0] == "half":  # "half a million"
        if len(ws) == 3 and ws[1] == "a" and ws[2] in EN_WORD_SCALES:
            return EN_WORD_SCALES[ws[2]] / 2
        return None
    total = 0.0
    cur = 0.0
    prev = ""
    for w in ws:
        small = _en_small(w)
        if small is not None:
            if (
                prev
                and prev not in ("hundred", "and", *EN_WORD_SCALES)
                and not (prev in EN_TENS and small < 10)
            ):
                return None  # "two three"
            if prev == "hundred" and cur % 100:
                return None
            if small >= 10 and cur % 100 >= 10:
                return None
            cur += small
        elif w == "a":
            if prev:
                return None
            cur = 1
        elif w == "and":
            if prev not in ("hundred", *EN_WORD_SCALES):
                return None
        elif w == "dozen":
            if not cur or prev == "dozen":
                return None
            cur *= 12
        elif w == "hundred":
            if not cur or cur >= 100:
                return None
            cur *= 100
        elif w in EN_WORD_SCALES:
            s = EN_WORD_SCALES[w]
            if not cur or (total and total < s):
                return None
            total += cur * s
            cur = 0
        else:
            return None
        prev = w
    if ws == ["a"] or prev == "and":
        return None
    return total + cur


def read_en_words(text: str, pos: int) -> tuple[float, int, bool] | None:
    """(value, end, has a scale word) of the longest English number in words at ``pos``."""
    m = _EN_RUN_RE.match(text, pos)
    if not m:
        return None
    words = m.group(0).split()
    for k in range(len(words), 0, -1):
        v = parse_en_words(words[:k])
        if v is not None:
            end = pos + len(" ".join(words[:k]))
            return v, end, any(w.lower() in EN_WORD_SCALES for w in words[:k])
    return None


# --- fractions and multiples -----------------------------------------------------------------
_EN_NUMERATORS: Final = {"a": 1, "one": 1, **{k: v for k, v in EN_UNITS.items() if 2 <= v <= 10}}
_EN_FRACTION_RE: Final = re.compile(
    rf"(?:({_alt(_EN_NUMERATORS)})[ -])?({_alt(EN_FRACTIONS)})(?= of )", re.IGNORECASE
)
_VI_DENOMINATORS: Final = {k: v for k, v in VI_DIGIT_WORDS.items() if 2 <= v <= 9 and k not in ("mốt", "lăm")}
_VI_FRACTION_RE: Final = re.compile(
    rf"một nửa(?![\w])|({_alt(k for k, v in VI_DIGIT_WORDS.items() if 1 <= v <= 9 and k not in ('mốt', 'lăm', 'tư'))})"
    rf" phần ({_alt([*_VI_DENOMINATORS, 'mười'])})(?![\w])(?! trăm)",
    re.IGNORECASE,
)


def read_fraction(text: str, pos: int, lang: str) -> tuple[float, int] | None:
    """A fraction in words at ``pos`` as a percent, and where it ends: "two thirds" (of ...) ->
    66.7, "một nửa" -> 50, "một phần ba" -> 33.3. "the third quarter" has no numerator: no share."""
    if lang == "en":
        m = _EN_FRACTION_RE.match(text, pos)
        if m is None:
            return None
        den = EN_FRACTIONS[m.group(2).lower()]
        if m.group(1) is None:
            return (50.0, m.end()) if den == 2 else None  # "half of"
        num = _EN_NUMERATORS[m.group(1).lower()]
        if num >= den or (num > 1 and not m.group(2).lower().endswith("s") and den != 2):
            return None  # "two third" is not a fraction
        return 100.0 * num / den, m.end()
    m = _VI_FRACTION_RE.match(text, pos)
    if m is None:
        return None
    if m.group(1) is None:
        return 50.0, m.end()
    num = VI_DIGIT_WORDS[m.group(1).lower()]
    den = 10 if m.group(2).lower() == "mười" else VI_DIGIT_WORDS[m.group(2).lower()]
    if num >= den:
        return None
    return 100.0 * num / den, m.end()


_VI_MULTIPLE_RE: Final = re.compile(
    rf"gấp ({_alt(VI_MULTIPLES)})(?![\w])(?! (?:lần|mươi|trăm))", re.IGNORECASE
)
_EN_MULTIPLE_RE: Final = re.compile(rf"(?:{_alt(EN_MULTIPLE_VERBS)})(?![\w])", re.IGNORECASE)


def read_multiple(text: str, pos: int, lang: str) -> tuple[float, int] | None:
    """A multiple in words at ``pos``: "gấp đôi" -> 2, "gấp rưỡi" -> 1.5, "tripled" -> 3."""
    if lang == "en":
        m = _EN_MULTIPLE_RE.match(text, pos)
        return (EN_MULTIPLE_VERBS[m.group(0).lower()], m.end()) if m else None
    m = _VI_MULTIPLE_RE.match(text, pos)
    return (VI_MULTIPLES[m.group(1).lower()], m.end()) if m else None


__all__ = [
    "parse_en_words",
    "parse_vi_words",
    "read_en_words",
    "read_fraction",
    "read_multiple",
    "read_vi_words",
]
