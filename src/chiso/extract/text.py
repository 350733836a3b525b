"""Text at the door: NFC, sentences, language.

Two texts, one set of offsets. :func:`normalise` is what chiso stores and quotes: NFC with
every kind of line break made a plain newline, one code point for one; odd spaces
(no-break, thin, narrow) are kept, so a quote is exactly what the report says.
:func:`matching_view` is what the extractors read: the same text with every odd space made a
plain space, again one code point for one, so offsets found on it point into the stored text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from chiso.extract.types import Lang

# One code point to one code point. Line breaks of every kind become "\n" in the stored text.
_LINE_MAP = {
    ord("\r"): "\n",
    ord("\u2028"): "\n",
    ord("\u2029"): "\n",
    ord("\x0b"): "\n",
    ord("\x0c"): "\n",
}
# Odd spaces become a plain space in the view the extractors read (curly quotes and dashes stay:
# they are part of what a journalist copies).
_SPACE_MAP = {
    ord("\u00a0"): " ",  # no-break space
    ord("\u2007"): " ",  # figure space
    ord("\u2009"): " ",  # thin space
    ord("\u200a"): " ",  # hair space
    ord("\u202f"): " ",  # narrow no-break space
    ord("\u2002"): " ",
    ord("\u2003"): " ",
    ord("\u3000"): " ",
    ord("\ufeff"): " ",  # a BOM or zero-width no-break space inside text
    ord("\u200b"): " ",  # zero-width space
    ord("\t"): " ",
}


# str.translate with a dict looks every character up in Python (0.08 s/MB). Most reports hold
# none of these characters or one or two kinds: ``in`` and ``replace`` per kind run at C speed
# (0.001 s/MB), and one code point still becomes one code point.
_LINE_BREAKS = tuple(chr(c) for c in _LINE_MAP)
_ODD_SPACES = tuple(chr(c) for c in _SPACE_MAP)


def _replace_each(text: str, chars: tuple[str, ...], by: str) -> str:
    for ch in chars:
        if ch in text:
            text = text.replace(ch, by)
    return text


def normalise(text: str) -> str:
    """NFC, and every kind of line break a plain newline (the same length after NFC)."""
    return _replace_each(unicodedata.normalize("NFC", text), _LINE_BREAKS, "\n")


def matching_view(text: str) -> str:
    """The normalised text with every odd space a plain space: same length, same offsets."""
    return _replace_each(text, _ODD_SPACES, " ")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


_SENTENCE_SLOTS: tuple[Callable[[Sentence, Any], None], ...] = tuple(
    getattr(Sentence, f.name).__set__ for f in fields(Sentence)
)


def _new_sentence(start: int, end: int, text: str) -> Sentence:
    """``Sentence(...)`` by its slots: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` (about 0.1 µs a field), and a report holds a sentence every ~200 bytes;
    test_text checks it equals the constructor's."""
    s = object.__new__(Sentence)
    _SENTENCE_SLOTS[0](s, start)
    _SENTENCE_SLOTS[1](s, end)
    _SENTENCE_SLOTS[2](s, text)
    return s


# A sentence ends at . ! ? … or a blank line; a full stop between digits (780.000) or
# after a one-letter initial or common abbreviation does not end it.
# The pattern consumes the closing mark instead of looking behind for it: a leading character
# set is a prefix ``re`` can skip ahead with (three times faster than a lookbehind on every space).
# The mark and the newline are one leading set, the branch picked by a one-character lookbehind:
# written as three branches ("[.!?…]...|\n...") the pattern has no prefix set and ``re`` tries it at
# every character (the scan took 8.8 ms/MB, now 4.2; the same boundaries, a test compares them).
_BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-ZÀ-Ỹ0-9Đ])|(?<=\n)(?:\s*\n|(?=\s*[-•*])))"
)
_CLOSING_MARKS = frozenset(".!?…")
_ABBREV = re.compile(
    r"(?:\b(?:TP|ThS|TS|PGS|GS|Mr|Mrs|Ms|Dr|St|No|Co|Inc|Ltd|vs|e\.g|i\.e|Tp|tr|TT|Q)\.|\b[A-ZĐ]\.)$"
)


def sentences(text: str) -> list[Sentence]:
    """Split normalised text into sentences with offsets; every character belongs to at most one."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # the sentence keeps its closing mark: the boundary starts right after it
        cut = m.start() + 1 if text[m.start()] in _CLOSING_MARKS else m.start()
        # the abbreviation ends the head: look at its last few characters only (\b still sees
        # the character before the window)
        if text[cut : m.end()].isspace() and _ABBREV.search(text, max(start, cut - 8), cut):
            continue
        _add(out, text, start, cut)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(_new_sentence(start, end, text[start:end]))


#: Common function words, counted in one pass over the lowercased sample (a space before, a
#: space after, so "và" never counts inside a word); IGNORECASE regexes cost 0.14 s/MB, one
#: ``str.count`` per word 0.035 s/MB, this 0.017 s/MB.
_VI_FUNCTION_WORDS = (
    "và", "của", "các", "những", "được", "trong", "đã", "với", "cho", "người", "năm", "tháng", "này", "là", "có",
)  # fmt: skip
_EN_FUNCTION_WORDS = (
    "the", "and", "of", "to", "in", "is", "was", "for", "that", "with", "has", "have", "by", "on", "million",
    "percent",
)  # fmt: skip
_VI_WORDS = re.compile(" (?:" + "|".join(_VI_FUNCTION_WORDS) + ")(?= )")
_EN_WORDS = re.compile(" (?:" + "|".join(_EN_FUNCTION_WORDS) + ")(?= )")
_SAMPLE = 20000


def detect_language(text: str) -> Lang:
    """Vietnamese or English, by diacritics and function words; Vietnamese when unsure.

    Diacritics are counted as the non-ASCII characters of the sample (``encode`` with "ignore"
    drops them at C speed): Vietnamese writes one in three or four letters, English only in
    names and typography.
    """
    sample = text[:_SAMPLE]
    low = sample.lower()
    marks = len(sample) - len(sample.encode("ascii", "ignore"))
    en = 2 * len(_EN_WORDS.findall(low))
    if en <= marks:
        return "vi"  # the diacritics alone outweigh English: no need to count Vietnamese words
    vi = marks + 2 * len(_VI_WORDS.findall(low))
    return "en" if en > vi else "vi"


__all__ = ["Sentence", "detect_language", "matching_view", "normalise", "sentences"]
