"""The number grammar: digits with Vietnamese or English separators, scale words, compounds, words.

>>> parse_digits("780.000", "vi"), parse_digits("1,5", "vi"), parse_digits("780,000", "en")
(780000.0, 1.5, 780000.0)
>>> read_number("1 triệu 200 nghìn người", 0, "vi")
NumberMatch(start=0, end=17, value=1200000.0, spelled=False, scaled=True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any, Final

from chiso.extract.spelled import parse_vi_words, read_en_words, read_vi_words
from chiso.extract.types import Lang
from chiso.extract.vocab import GLUED_MONEY_SUFFIXES, GLUED_SUFFIXES, SCALES


def _alt(words: Iterable[object]) -> str:
    """A regex alternation of words, longest first so "nghìn tỷ" wins over "nghìn"."""
    items = sorted((str(w) for w in words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in items)


#: A maximal run of digits and inner separators; what it means is decided by parse_digits.
DIGITS: Final = r"[0-9]+(?:[.,][0-9]+)*"  # ASCII digits only: "٣" is not how reports write
#: Scale words after a number, separated by a space (or glued: "1.5bn", "1,5tr").
SCALE_RUN: Final = rf"(?:\s?(?:{_alt(SCALES)})(?![^\W\d_]))+"
_SCALE_WORD_RE: Final = re.compile(rf"{_alt(SCALES)}", re.IGNORECASE)
_SCALE_RUN_RE: Final = re.compile(SCALE_RUN, re.IGNORECASE)
#: the first letters of the scale words, either case: the word after a space must start with one
_SCALE_FIRST: Final = frozenset(c for w in SCALES for c in (w[0], w[0].upper()))
#: "1 triệu 200 nghìn": a smaller number-and-scale continuing a scaled number.
_COMPOUND_TAIL_RE: Final = re.compile(rf"\s({DIGITS})({SCALE_RUN})", re.IGNORECASE)
_INT_RE: Final = re.compile(r"[0-9]+")
#: " 000", " 500 000": groups of three after a space, not followed by more digits or a decimal
_SPACE_GROUPS_RE: Final = re.compile(r"(?: [0-9]{3})+(?![0-9]|[.,][0-9])")
_HALF_RE: Final = re.compile(r" rưỡi(?![\w])")
_DIGITS_RE: Final = re.compile(DIGITS)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number read from text: its span, its value and how it was written."""

    start: int
    end: int
    value: float
    spelled: bool = False
    scaled: bool = False


_NUMBER_SLOTS: Final[tuple[Callable[[NumberMatch, Any], None], ...]] = tuple(
    getattr(NumberMatch, f.name).__set__ for f in fields(NumberMatch)
)


def _new_number(start: int, end: int, value: float, spelled: bool, scaled: bool) -> NumberMatch:
    """``NumberMatch(...)`` by its slots: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` (about 0.1 µs a field), and a number is read at every digit candidate;
    test_numbers checks it equals the constructor's."""
    n = object.__new__(NumberMatch)
    s = _NUMBER_SLOTS
    s[0](n, start)
    s[1](n, end)
    s[2](n, value)
    s[3](n, spelled)
    s[4](n, scaled)
    return n


def parse_digits(s: str, lang: Lang) -> float | None:
    """The value of a digit string with separators, or None when no number is written that way.

    Vietnamese writes "." for thousands and "," for decimals; English the reverse. A lone
    separator followed by three digits is a thousands separator in its own convention
    ("1.500" vi, "1,500" en), a decimal otherwise ("1.5" in vi text is 1.5). A run of
    separators must have three-digit groups ("0912.345.678" and "1.2.3" are not numbers).
    """
    if "." not in s and "," not in s:
        return float(s)
    dots, commas = s.count("."), s.count(",")
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    if dots and commas:
        # both used: the last one is the decimal mark ("1.234,5" vi, "1,234.5" en)
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        head, _, tail = s.rpartition(dec)
        if grp in tail or dec in head:
            return None
        return _grouped(head, grp) + float("0." + tail) if _grouped(head, grp) >= 0 else None
    sep = "." if dots else ","
    parts = s.split(sep)
    if len(parts) > 2:
        v = _grouped(s, sep)
        return v if v >= 0 else None
    left, right = parts
    looks_grouped = len(right) == 3 and 1 <= len(left) <= 3 and left[0] != "0"
    if sep == thousands and looks_grouped:
        return float(left + right)
    if sep == decimal and looks_grouped and right.endswith("0"):
        # a decimal with a trailing zero in the thousandths ("780,000" in vi text) is the
        # other convention's thousands separator: nobody writes 780,000 for 780.
        return float(left + right)
    return float(f"{left}.{right}")


def _grouped(s: str, sep: str) -> float:
    """ "1.234.567" -> 1234567; -1 when the groups are not 1-3 digits then threes."""
    parts = s.split(sep)
    if not (1 <= len(parts[0]) <= 3) or (parts[0][0] == "0" and len(parts[0]) > 1):
        return -1
    if any(len(p) != 3 for p in parts[1:]):
        return -1
    return float("".join(parts))


def scale_value(run: str) -> float:
    """The product of the scale words in ``run`` ("trăm nghìn" -> 1e5, "nghìn tỷ" -> 1e12)."""
    m = 1.0
    for w in _SCALE_WORD_RE.findall(run):
        m *= SCALES[w.lower()]
    return m


def read_scale(text: str, pos: int) -> tuple[float, int]:
    """The multiplier of the scale words starting at ``pos`` and where they end (1.0, pos when none)."""
    m = _SCALE_RUN_RE.match(text, pos)
    if not m:
        return 1.0, pos
    return scale_value(m.group(0)), m.end()


def read_number(
    text: str, pos: int, lang: Lang, digits_end: int | None = None, *, money: bool = False
) -> NumberMatch | None:
    """A digit number at ``pos`` with its scale words and compound tail ("1 triệu 200 nghìn").

    ``digits_end``: where the digit run ends, when the caller has matched it already.
    ``money``: a currency stands right before, so "B" and "T" glued after are billions and
    trillions ("$2.5B", "$3.1T").
    """
    if digits_end is None:
        m = _DIGITS_RE.match(text, pos)
        if not m:
            return None
        digits_end = m.end()
    base = parse_digits(text[pos:digits_end], lang)
    if (
        lang == "en"
        and text[digits_end : digits_end + 1] == " "
        and digits_end - pos <= 3
        and (g := _SPACE_GROUPS_RE.match(text, digits_end)) is not None
        and text[pos] != "0"
        and text[pos:digits_end].isdigit()
    ):
        # "12 000 members": a space groups thousands in English style guides (SI)
        digits_end = g.end()
        base = float(text[pos:digits_end].replace(" ", ""))
    if base is None:
        return None
    nxt = text[digits_end : digits_end + 1]
    if (nxt == " " and text[digits_end + 1 : digits_end + 2] in _SCALE_FIRST) or nxt.isalpha():
        mult, end = read_scale(text, digits_end)
        if mult == 1.0 and nxt.isalpha() and not text[digits_end + 1 : digits_end + 2].isalpha():
            # "250K", "€12M", "$3.1T": a one-letter suffix, then no letter
            mult = GLUED_SUFFIXES.get(nxt) or (GLUED_MONEY_SUFFIXES.get(nxt, 1.0) if money else 1.0)
            end = digits_end + 1 if mult != 1.0 else digits_end
    else:
        mult, end = 1.0, digits_end
    value = base * mult
    scaled = mult != 1.0
    if scaled and text.startswith(" rưỡi", end) and (h := _HALF_RE.match(text, end)) and base.is_integer():
        value += mult / 2  # "2 triệu rưỡi": two and a half million
        end = h.end()
    if scaled and lang == "vi":
        # "1 triệu 200 nghìn": add smaller scaled parts while each is smaller than the last
        last = mult
        while tail := _COMPOUND_TAIL_RE.match(text, end):
            part = parse_digits(tail.group(1), lang)
            tmult = scale_value(tail.group(2))
            if part is None or tmult >= last or part * tmult >= last:
                break
            value += part * tmult
            last = tmult
            end = tail.end()
    return _new_number(pos, end, value, False, scaled)


# --- spelled numbers -----------------------------------------------------------------------
def parse_vi_spelled(words: str) -> float | None:
    """ "hai mươi lăm" -> 25, "một trăm" -> 100, "mười hai" -> 12; None when it is not a number."""
    return parse_vi_words(words.split())


def read_vi_spelled(text: str, pos: int) -> NumberMatch | None:
    """A spelled Vietnamese number at ``pos`` with its scale words ("hai triệu" -> 2e6)."""
    r = read_vi_words(text, pos)
    if r is None:
        return None
    v, end, scaled = r
    if not scaled:
        mult, end = read_scale(text, end)
        v, scaled = v * mult, mult != 1.0
    return NumberMatch(pos, end, v, spelled=True, scaled=scaled)


def read_en_spelled(text: str, pos: int) -> NumberMatch | None:
    """A spelled English number at ``pos`` with its scale ("two million" -> 2e6)."""
    r = read_en_words(text, pos)
    if r is None:
        return None
    v, end, scaled = r
    if not scaled:
        mult, end = read_scale(text, end)
        v, scaled = v * mult, mult != 1.0
    return NumberMatch(pos, end, v, spelled=True, scaled=scaled)


def as_int(s: str) -> int | None:
    """An all-digit string as an int (dates and years), None otherwise."""
    return int(s) if _INT_RE.fullmatch(s) else None


__all__ = [
    "DIGITS",
    "SCALE_RUN",
    "NumberMatch",
    "as_int",
    "parse_digits",
    "parse_vi_spelled",
    "read_en_spelled",
    "read_number",
    "read_scale",
    "read_vi_spelled",
    "scale_value",
]
