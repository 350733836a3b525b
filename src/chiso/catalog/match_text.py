"""Folded tokens and indexed phrases: the text form every comparison in matching uses (tone marks
normalised, case folded), and the few stop words and number shapes it leaves out."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoá", "thuỷ") folded to the new style ("hóa", "thủy") so either spelling matches.
_TONE_FOLD = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
# Only at the end of a syllable ("hoá" but not "khoản"), and never in "qu" ("quý" keeps its mark).
_TONE_RE = re.compile(
    "|".join(("(?<!q)" if k.startswith("u") else "") + k + r"(?![^\W\d_])" for k in _TONE_FOLD)
)
_TOKEN = re.compile(r"[%/]|[^\W_]+(?:[.,'’&-][^\W_]+)*")
_NUMBER = re.compile(r"^\d[\d.,]*$")

#: words that carry no topic: left out when comparing contexts of learned examples
_STOP = frozenset({"và", "của", "các", "đã", "được", "với", "cho", "trong", "là", "có", "những", "này", "đó", "một", "để", "theo", "từ", "tại", "trên", "hơn", "khoảng", "gần", "đến", "nay", "hiện", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "the", "of", "and", "to", "in", "a", "an", "for", "on", "with", "by", "over", "more", "than", "about", "nearly", "million", "billion", "thousand"})  # fmt: skip

Tokens = tuple[str, ...]


def fold(text: str) -> str:
    """NFC, case-folded, old-style tone marks moved: the form every comparison uses."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _TONE_RE.sub(lambda m: _TONE_FOLD[m.group(0)], text)


def tokens(text: str) -> Tokens:
    return tuple(_TOKEN.findall(fold(text)))


def _find(haystack: Tokens, needle: Tokens, start: int = 0) -> int:
    """Index of the first occurrence of ``needle`` in ``haystack`` at or after ``start``, else -1."""
    n = len(needle)
    if n == 0:
        return -1
    first = needle[0]
    for i in range(start, len(haystack) - n + 1):
        if haystack[i] == first and haystack[i : i + n] == needle:
            return i
    return -1


def _contains(haystack: Tokens, needle: Tokens) -> bool:
    return _find(haystack, needle) >= 0


_GRAM = 6


class Words:
    """A stretch of tokens with every phrase of up to six words indexed, so that testing each
    indicator's phrases against it is a set lookup rather than a scan."""

    __slots__ = ("grams", "tokens")

    def __init__(self, ts: Tokens) -> None:
        self.tokens = ts
        self.grams = frozenset(ts[i : i + n] for n in range(1, _GRAM + 1) for i in range(len(ts) - n + 1))

    def has(self, phrase: Tokens) -> bool:
        return phrase in self.grams if len(phrase) <= _GRAM else _contains(self.tokens, phrase)


__all__ = ["Tokens", "Words", "fold", "tokens"]
