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
from chiso.extract.vocab import EN_NUMBER_WORDS, VI_DIGIT_WORDS

SCALE_WORDS: Final = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
#: Digits: the common candidate. No lookbehind, so the scan runs at C speed; the character
#: before is checked in Python ("z7437...", "lượt/3", "1.2.3" are not starts of numbers).
_DIGIT_RE: Final = re.compile(DIGITS)
#: The anchors (scale words) of numbers in words. They are found with ``str.find`` (a fast
#: literal search), one word form at a time: an alternation of words starting with common
#: letters ("b", "t", "h", "m") makes ``re`` stop at most letters of a Vietnamese text, three
#: times slower over a report.
_ANCHOR_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "vi": ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm", "chục"),
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
            "hundred",
            "hundreds",
            "dozens",
        )
        for c, rest in ((w[0], w[1:]), (w[0].upper(), w[1:]))
    ),
}
#: Spelled numbers that may count without a scale ("ba bộ", "Hai mươi lăm tỉnh", "Three ministries"),
#: each followed by a space; whether a counted noun follows is checked per hit.
_STANDALONE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    lang: tuple(f"{c}{w[1:]} " for w in words for c in (w[0], w[0].upper()))
    for lang, words in (
        ("vi", ("hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười")),
        (
            "en",
            (
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "twenty",
            ),
        ),
    )
}
HANG_RE: Final = re.compile(rf"[Hh]àng(?:\s(?:chục|trăm))?\s(?:{SCALE_WORDS}|chục|trăm)(?![\w])")
ENMAG_RE: Final = re.compile(r"(?:[Dd]ozens|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions)\sof\s(?=\w)")
_VI_NUMBER_WORDS: Final = frozenset(VI_DIGIT_WORDS) | {"mười", "mươi", "trăm", "linh", "lẻ"}
_EN_NUMBER_WORDS: Final = frozenset(w for k in EN_NUMBER_WORDS for w in k.split())


def candidates(text: str, lang: Lang) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of digit and word candidates, in text order; kind is "num" for digits
    (end is where the digits end), else "hang", "enmag", "ensp" or "vi" (end unknown: -1)."""
    words = word_candidates(text, lang)
    i = 0
    for m in _DIGIT_RE.finditer(text):
        start = m.start()
        if start:
            c = text[start - 1]
            if c.isalnum() or c in "._,/" or (c in "-–" and start > 1 and text[start - 2].isdigit()):
                continue
        while i < len(words) and words[i][0] < start:
            yield words[i]
            i += 1
        yield start, m.end(), "num"
    yield from words[i:]


def word_starts(text: str, words: tuple[str, ...], whole: bool) -> list[int]:
    """Where each of ``words`` occurs as a word of ``text``, in text order.

    ``whole``: the word must end there too (no letter, digit or underscore after it); the
    standalone forms end with their space already. The checks are those of ``\\b``.
    """
    starts: list[int] = []
    n = len(text)
    for w in words:
        size = len(w)
        i = text.find(w)
        while i >= 0:
            if (i == 0 or not _is_word_char(text[i - 1])) and (
                not whole or i + size == n or not _is_word_char(text[i + size])
            ):
                starts.append(i)
            i = text.find(w, i + size)
    starts.sort()
    return starts


def _is_word_char(c: str) -> bool:
    """What ``re`` counts as a word character (``\\w``), for one character."""
    return c.isalnum() or c == "_"


def word_candidates(text: str, lang: Lang) -> list[tuple[int, int, str]]:
    """Numbers in words, in the document's language only (digits are read in any language)."""
    found: dict[int, str] = {}
    for at in word_starts(text, _ANCHOR_WORDS[lang], whole=True):
        if ENMAG_RE.match(text, at):
            found[at] = "enmag"
            continue
        sp = text.rfind(" ", max(0, at - 12), at - 1)
        prev = text[sp + 1 : at - 1].lower()
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
    for at in word_starts(text, _STANDALONE_WORDS[lang], whole=False):
        found.setdefault(at, "vi" if text[at : text.index(" ", at)].lower() in _VI_NUMBER_WORDS else "ensp")
    return sorted((start, -1, kind) for start, kind in found.items())


__all__ = ["ENMAG_RE", "HANG_RE", "SCALE_WORDS", "candidates", "word_candidates", "word_starts"]
