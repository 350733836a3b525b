"""Where numbers may start: digit runs, and numbers written in words.

Digits are read in any language; numbers in words only in the document's language, found by
the words that follow them ("hai triệu", "hàng chục nghìn", "millions of", "ba bộ"). Scanning
for those anchors and reading the spelled number backwards is several times faster than
scanning for the number words themselves, which are common syllables ("ba", "năm", "hai").
:func:`chiso.extract.figures.find_figures` reads a figure at each candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from chiso.extract.figure_context import start_of_words, words_before
from chiso.extract.numbers import DIGITS
from chiso.extract.types import Lang
from chiso.extract.vocab import (
    EN_FRACTIONS,
    EN_MULTIPLE_VERBS,
    EN_NUMBER_WORDS,
    EN_TENS,
    EN_UNITS,
    VI_DIGIT_WORDS,
)

SCALE_WORDS: Final = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
#: Digits: the common candidate. No lookbehind, so the scan runs at C speed; the character
#: before is checked in Python ("z7437...", "lượt/3", "1.2.3" are not starts of numbers).
_DIGIT_RE: Final = re.compile(DIGITS)
#: The anchors (scale words) of numbers in words. They are found with ``str.find`` (a fast
#: literal search), one word form at a time: an alternation of words starting with common
#: letters ("b", "t", "h", "m") makes ``re`` stop at most letters of a Vietnamese text, three
#: times slower over a report.
_ANCHOR_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "vi": ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm", "chục", "mươi"),
    "en": tuple(
        f"{c}{rest}"
        for w in (
            "million",
            "millions",
            "billion",
            "billions",
            "thousand",
            "thousands",
            "trillion",
            "quadrillion",
            "hundred",
            "dozen",
            "hundreds",
            "dozens",
        )
        for c, rest in ((w[0], w[1:]), (w[0].upper(), w[1:]))
    ),
}
#: Spelled numbers that may count without a scale ("ba bộ", "Hai mươi lăm tỉnh", "Three ministries"),
#: each followed by a space; whether a counted noun follows is checked per hit.
_STANDALONE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "vi": tuple(
        f"{c}{w[1:]} "
        for w in ("hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười")
        for c in (w[0], w[0].upper())
    ),
    # English: whole words ("Forty-five" starts with "Forty"); "one" alone rarely counts
    "en": tuple(
        f"{c}{w[1:]}"
        for w in (*(k for k, v in EN_UNITS.items() if v >= 2), *EN_TENS)
        for c in (w[0], w[0].upper())
    ),
}
_VI_STANDALONE_LOWER: Final = tuple(w for w in _STANDALONE_WORDS["vi"] if w[0].islower())
#: the capitalised Vietnamese forms, one alternation: capitals are rare, so ``re`` skips fast
_VI_CAPITALISED_RE: Final = re.compile(
    "|".join(re.escape(w) for w in (*(w for w in _STANDALONE_WORDS["vi"] if w[0].isupper()), "Gấp"))
)
#: Fractions ("two thirds of", "half of", "một nửa", "một phần ba") and multiples ("gấp đôi",
#: "tripled"): found by their last word, read by :mod:`chiso.extract.spelled`.
_FRACTION_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "en": tuple(f"{c}{w[1:]} of " for w in EN_FRACTIONS for c in (w[0], w[0].upper())),
    # no trailing space in the needles: a scan for a word ending in a space stops at every space
    "vi": ("nửa", "phần"),
}
_MULTIPLE_WORDS: Final[dict[str, tuple[str, ...]]] = {"en": tuple(EN_MULTIPLE_VERBS), "vi": ("gấp", "Gấp")}
_EN_NUMERATORS: Final = frozenset({"a", "one", *(k for k, v in EN_UNITS.items() if 2 <= v <= 10)})
_VI_DENOMINATOR_WORDS: Final = ("hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_VI_NUMERATORS: Final = frozenset(k for k, v in VI_DIGIT_WORDS.items() if 1 <= v <= 9)
_HALF_OF_NOT_A_SHARE: Final = frozenset(
    {"first", "second", "last", "latter", "former", "other", "the", "this", "next"}
)
#: currency codes that may be glued before digits: "VND720 trillion", "USD2,5 tỷ", "Rs50"
GLUED_CODES: Final = ("USD", "VND", "VNĐ", "EUR", "INR", "GBP", "Rs")
GLUED_CODE_ENDS: Final = frozenset(c[-1] for c in GLUED_CODES)
HANG_RE: Final = re.compile(rf"[Hh]àng(?:\s(?:chục|trăm))?\s(?:{SCALE_WORDS}|chục|trăm)(?![\w])")
ENMAG_RE: Final = re.compile(r"(?:[Dd]ozens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions)\sof\s(?=\w)")
_VI_NUMBER_WORDS: Final = frozenset(VI_DIGIT_WORDS) | {"mười", "mươi", "trăm", "linh", "lẻ"}
_EN_NUMBER_WORDS: Final = EN_NUMBER_WORDS | frozenset(
    f"{t}-{u}" for t in EN_TENS for u, v in EN_UNITS.items() if 1 <= v <= 9
)


def candidates(text: str, lang: Lang) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of digit and word candidates, in text order; kind is "num" for digits
    (end is where the digits end), else "hang", "enmag", "ensp" or "vi" (end unknown: -1)."""
    words = word_candidates(text, lang)
    i = 0
    for m in _DIGIT_RE.finditer(text):
        start = m.start()
        if start:
            c = text[start - 1]
            if (
                (c.isalnum() and not (c.isalpha() and glued_code(text, start)))
                or c in "._,/"
                or (c in "-–:" and start > 1 and text[start - 2].isdigit())
            ):
                continue
        while i < len(words) and words[i][0] < start:
            yield words[i]
            i += 1
        yield start, m.end(), "num"
    yield from words[i:]


def glued_code(text: str, start: int) -> str | None:
    """The currency code glued right before ``start`` ("VND720", "USD2,5", "Rs50"), if any."""
    if start < 2 or text[start - 1] not in GLUED_CODE_ENDS:
        return None  # the common case, decided by one character
    for code in GLUED_CODES:
        b = start - len(code)
        if b >= 0 and text.startswith(code, b) and (b == 0 or not text[b - 1].isalnum()):
            return code
    return None


def word_starts(text: str, words: tuple[str, ...], whole: bool, low: str | None = None) -> list[int]:
    """Where each of ``words`` occurs as a word of ``text``, in text order.

    ``whole``: the word must end there too (no letter, digit or underscore after it); the
    standalone forms end with their space already. The checks are those of ``\\b``.
    ``low``: ``text.lower()`` when it has the same length (each character lowercases to one);
    then each word's case forms ("hai ", "Hai ") are found with one scan of ``low`` and a hit
    counts only when ``text`` holds one of the forms given, exactly as written. A scan costs
    about as much as lowering the text once, so this halves the scans for a few more hits.
    """
    starts: list[int] = []
    n = len(text)
    if low is None:
        for w in words:
            if w[-1] == " " and not whole:
                # a needle ending in a space makes str.find stop at every space of the text;
                # the word without it, then the space checked, is 20% faster over a report
                # (6.3 -> 4.9 ms/MB at news density for the Vietnamese standalone words)
                core = w[:-1]
                size = len(core)
                i = text.find(core)
                while i >= 0:
                    if text.startswith(" ", i + size) and (i == 0 or not _is_word_char(text[i - 1])):
                        starts.append(i)
                    i = text.find(core, i + size)
                continue
            size = len(w)
            i = text.find(w)
            while i >= 0:
                if (i == 0 or not _is_word_char(text[i - 1])) and (
                    not whole or i + size == n or not _is_word_char(text[i + size])
                ):
                    starts.append(i)
                i = text.find(w, i + size)
    else:
        forms = frozenset(words)
        for w in dict.fromkeys(x.lower() for x in words):
            size = len(w)
            i = low.find(w)
            while i >= 0:
                if (
                    text[i : i + size] in forms
                    and (i == 0 or not _is_word_char(text[i - 1]))
                    and (not whole or i + size == n or not _is_word_char(text[i + size]))
                ):
                    starts.append(i)
                i = low.find(w, i + size)
    starts.sort()
    return starts


def _is_word_char(c: str) -> bool:
    """What ``re`` counts as a word character (``\\w``), for one character."""
    return c.isalnum() or c == "_"


#: the longest number word a scale word may follow ("mười", "thousand" with its space)
_PREV_WORD_MAX: Final = 12


def _word_before(text: str, at: int) -> str:
    """The lowercase word that ends one character before ``at`` (a scale word's start).

    Only the last ``_PREV_WORD_MAX`` characters are read: when no space is found in them the
    slice starts there, not at the start of the text, so a long run without spaces before a
    scale word costs a constant, not its length (issue 16: this was a quadratic ``lower()``).
    """
    lo = max(0, at - _PREV_WORD_MAX)
    sp = text.rfind(" ", lo, at - 1)
    return text[(sp + 1 if sp >= 0 else lo) : at - 1].lower()


def word_candidates(text: str, lang: Lang) -> list[tuple[int, int, str]]:
    """Numbers in words, in the document's language only (digits are read in any language)."""
    found: dict[int, str] = {}
    # English: one scan of the lowercased text per word instead of one per case form (many
    # words, mostly ASCII, cheap to lowercase); Vietnamese text costs more to lowercase than the
    # scans it saves. "İ" lowers to two characters: then offsets would shift, so no shortcut.
    low: str | None = text.lower() if lang == "en" else None
    if low is not None and len(low) != len(text):
        low = None
    for at in word_starts(text, _ANCHOR_WORDS[lang], whole=True, low=low):
        if ENMAG_RE.match(text, at):
            found[at] = "enmag"
            continue
        prev = _word_before(text, at)
        if (
            prev not in _VI_NUMBER_WORDS
            and prev not in _EN_NUMBER_WORDS
            and prev not in ("hàng", "chục", "trăm")
        ):
            continue  # the common case: digits or nothing before the scale word
        words = words_before(text, at)
        k = 0
        while k < len(words) and (words[-1 - k] in _VI_NUMBER_WORDS or words[-1 - k] in _EN_NUMBER_WORDS):
            k += 1
        if k == 0:
            if words and words[-1] == "hàng":
                k = 1
            elif len(words) > 1 and words[-2] == "hàng" and words[-1] in ("chục", "trăm"):
                k = 2
            else:
                continue
        start = start_of_words(text, at, k)
        if HANG_RE.match(text, start):
            found.setdefault(start, "hang")
        else:
            found.setdefault(start, "vi" if words[-k] in _VI_NUMBER_WORDS else "ensp")
    for at, kind in standalone_starts(text, lang, low):
        found.setdefault(at, kind)
    for at in _fraction_starts(text, lang, low):
        found[at] = "frac"
    return sorted((start, -1, kind) for start, kind in found.items())


def standalone_starts(text: str, lang: Lang, low: str | None) -> list[tuple[int, str]]:
    """(start, kind) of the number words that need no scale after them ("ba bộ", "Three
    ministries") and of multiples ("gấp đôi", "tripled"), in text order.

    Vietnamese: the lowercase forms by ``str.find``, the capitalised ones by one regex over
    their rare capitals, which costs less than a scan per form (the same hits; a test checks).
    """
    if lang == "en":
        hits = [(at, "ensp") for at in word_starts(text, _STANDALONE_WORDS[lang], whole=True, low=low)]
        hits += [(at, "mult") for at in word_starts(text, _MULTIPLE_WORDS[lang], whole=True, low=low)]
    else:
        hits = [(at, "vi") for at in word_starts(text, _VI_STANDALONE_LOWER, whole=False)]
        hits += [(at, "mult") for at in word_starts(text, ("gấp",), whole=True)]
        for m in _VI_CAPITALISED_RE.finditer(text):
            at = m.start()
            if at and _is_word_char(text[at - 1]):
                continue
            if m.group(0) == "Gấp":
                if m.end() == len(text) or not _is_word_char(text[m.end()]):
                    hits.append((at, "mult"))
            else:
                hits.append((at, "vi"))
    hits.sort()
    return hits


def _fraction_starts(text: str, lang: Lang, low: str | None) -> list[int]:
    """Where fractions in words may start: the numerator before the fraction word, or "half"."""
    out: list[int] = []
    for at in word_starts(text, _FRACTION_WORDS[lang], whole=False, low=low):
        if text.startswith("phần", at) and (
            text[at + 4 : at + 5] != " " or not text.startswith(_VI_DENOMINATOR_WORDS, at + 5)
        ):
            continue  # "phần trăm", "cổ phần": no fraction (the common case in Vietnamese)
        out.extend(_numerator_start(text, at, lang))
    return out


def _numerator_start(text: str, at: int, lang: Lang) -> list[int]:
    if at and text[at - 1] == "-":  # "one-fifth"
        b = at - 1
        while b > 0 and text[b - 1].isalpha():
            b -= 1
        return [b] if text[b : at - 1].lower() in _EN_NUMERATORS else []
    words = words_before(text, at)
    nums = _EN_NUMERATORS if lang == "en" else _VI_NUMERATORS
    if words and words[-1] in nums:
        return [start_of_words(text, at, 1)]
    if words and words[-1] in _HALF_OF_NOT_A_SHARE:
        return []  # "the first half of 2026" is a period
    return [at] if lang == "en" and text[at : at + 4].lower() == "half" else []


__all__ = [
    "ENMAG_RE",
    "GLUED_CODES",
    "GLUED_CODE_ENDS",
    "HANG_RE",
    "SCALE_WORDS",
    "candidates",
    "glued_code",
    "standalone_starts",
    "word_candidates",
    "word_starts",
]
