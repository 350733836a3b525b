"""Whether two action texts say the same thing, and how close two dates are: the measures that
link a statement of progress, or a second statement of a promise, to a commitment already
tracked. Pure functions over strings and dates (no database).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_WORD = re.compile(r"\w+", re.UNICODE)

#: Function words that say nothing about *what* is done; both languages, lower case.
#: Kept short on purpose: "số" (number) and "1" stay, since "số 1" vs "số 2" tells two data
#: centres apart.
_STOPWORDS_TEXT = """
    và của các những cho với trong tại theo đối là được bị có sẽ đã đang việc nhằm để từ đến tới
    này đó về trên dưới một the a an of to in on for and or by with at from as is are was were be
    been has have had will its their this that
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_TEXT.split())


def _stem(word: str) -> str:
    # English inflections only ("launched" ~ "launch", "services" ~ "service"); Vietnamese
    # syllables never end in these letters, and short words are left alone.
    if not word.isascii() or len(word) <= 4:
        return word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # "service"/"services" and "operate"/"operated" meet at "servic", "operat"
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def action_words(text: str) -> frozenset[str]:
    """The content words of an action text: lower case, NFC, stop words dropped, lightly stemmed."""
    text = unicodedata.normalize("NFC", text).lower()
    return frozenset(_stem(w) for w in _WORD.findall(text) if w not in STOPWORDS)


def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if w.isdigit())


#: Where a composite action splits into parts ("vận hành X và bắt tay xây dựng Y", "A, B and C").
_PARTS = re.compile(r"\s*[,;]\s*|\s+(?:và|cùng|đồng thời|and|as well as)\s+", re.IGNORECASE)
#: A part shorter than this (in content words) is too vague to match on its own.
MIN_PART_WORDS = 3


def _cover(want: frozenset[str], have: frozenset[str]) -> float:
    if not want or not have:
        return 0.0
    # Numbers must share one: "số 2" never covers "số 1", nor "3 điểm nghẽn" "6 điểm nghẽn".
    if _numbers(want) and _numbers(have) and not _numbers(want) & _numbers(have):
        return 0.0
    return len(want & have) / len(want)


def action_overlap(commitment: str, statement: str) -> float:
    """How much of the commitment's action the statement covers, 0..1.

    The share of the commitment's content words found in the statement (a statement may say
    more: who did it, where). A composite commitment ("vận hành X và bắt tay xây dựng Y") is
    also measured part by part, and the best part counts: a statement that X is done is
    evidence worth offering, and the person confirming it sees the whole title.
    """
    have = action_words(statement)
    whole = action_words(commitment)
    best = _cover(whole, have)
    for part in _PARTS.split(commitment):
        words = action_words(part)
        if len(words) >= MIN_PART_WORDS and words != whole:
            best = max(best, _cover(words, have))
    return best


def date_closeness(a: date | None, b: date | None, *, horizon_days: int = 365) -> float:
    """1.0 for the same day, falling linearly to 0 at ``horizon_days`` apart (0 when unknown)."""
    if a is None or b is None:
        return 0.0
    return max(0.0, 1.0 - abs((a - b).days) / horizon_days)


__all__ = [
    "MIN_PART_WORDS",
    "STOPWORDS",
    "action_overlap",
    "action_words",
    "date_closeness",
]
