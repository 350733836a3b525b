"""The words right before a number, read once and cheaply: the basis of every left-context check.

Scanning backwards with a ``$``-anchored regex costs one regex attempt per character of the
window; splitting a 48-character slice once and looking the last few words up in frozensets
costs a few microseconds whatever the vocabulary size. That is most of the extractor's speed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

_WINDOW: Final = 48
#: a word ending in one of these closes a clause: "Quốc khánh, 2 người" has no cue before 2
_CLOSERS: Final = frozenset(",;:.!?…)]}”’\"'")
_OPENERS: Final = "([{“‘\"'"
#: abbreviations whose full stop does not close anything ("No. 1", "TP. Hồ Chí Minh")
_ABBREVIATIONS: Final = frozenset({"no.", "nos.", "art.", "tp.", "q.", "p.", "tr."})


def words_before(text: str, pos: int) -> tuple[str, ...]:
    """Lowercase words before ``pos`` up to a clause boundary, nearest last ("trên", "đạt", ...).

    At most five. Empty when the number is glued to what precedes it ("(52", "$5", "lượt/3").
    Called for every candidate number, so it avoids generators and rebuilding lists.
    """
    if pos == 0 or not text[pos - 1].isspace():
        return ()
    lo = pos - _WINDOW if pos > _WINDOW else 0
    ws = text[lo:pos].lower().split()
    if lo and not text[lo - 1].isspace() and not text[lo].isspace():
        del ws[0]  # the first word was cut by the window
    if len(ws) > 5:
        ws = ws[-5:]
    for i in range(len(ws) - 1, -1, -1):
        w = ws[i]
        if w[-1] in _CLOSERS and w not in _ABBREVIATIONS:
            return tuple(ws[i + 1 :])
        if w[0] in _OPENERS:
            first = w.lstrip(_OPENERS)
            return (first, *ws[i + 1 :]) if first else tuple(ws[i + 1 :])
    return tuple(ws)


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Lowercase phrases, indexed by their last word so that most look-ups end after one."""

    phrases: frozenset[str]
    last_words: frozenset[str]
    longest: int


def phrase_set(items: Iterable[str]) -> PhraseSet:
    """Lowercased phrases with single spaces, for :func:`phrase_before`."""
    phrases = frozenset(" ".join(i.lower().split()) for i in items)
    return PhraseSet(
        phrases,
        frozenset(p.rsplit(" ", 1)[-1] for p in phrases),
        max((p.count(" ") + 1 for p in phrases), default=0),
    )


def phrase_before(words: tuple[str, ...], phrases: PhraseSet, longest: int = 4) -> str | None:
    """The longest phrase of ``phrases`` that ``words`` end with ("more than" for (..., "more", "than"))."""
    if not words or words[-1] not in phrases.last_words:
        return None
    for k in range(min(longest, phrases.longest, len(words)), 0, -1):
        p = words[-1] if k == 1 else " ".join(words[-k:])
        if p in phrases.phrases:
            return p
    return None


def start_of_words(text: str, pos: int, n: int) -> int:
    """Where the ``n`` words before ``pos`` begin (to widen a quote to its qualifier)."""
    cur = pos
    for _ in range(n):
        while cur > 0 and text[cur - 1].isspace():
            cur -= 1
        while cur > 0 and not text[cur - 1].isspace():
            cur -= 1
    while cur < pos and text[cur] in _OPENERS:
        cur += 1
    return cur


__all__ = ["PhraseSet", "phrase_before", "phrase_set", "start_of_words", "words_before"]
