"""A figure's period: which time expression in its sentence dates it, and whether it is a goal.

"đến nay" and "tính đến ngày 15/12/2025" give an as-of date; "năm 2025" and "6 tháng đầu năm
2025" a period; "đến năm 2030" (ending after publication) a horizon that makes a figure a target.
The date arithmetic is :mod:`chiso.extract.timex`'s, run only on short windows at period cues
in sentences that hold a figure, so its cost does not grow with the text; when ``extract`` has
already found the whole text's expressions (for the deadlines), a cue that starts one of them
takes it as it is (:class:`KnownTimes`), and only the rest run timex again.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from chiso.extract.figure_units import TARGET_PATTERN, is_reached_target
from chiso.extract.retrie import trie_pattern
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Lang, TimeExpr
from chiso.extract.vocab import (
    PERIOD_CUE_STARTS_EN,
    PERIOD_CUE_STARTS_VI,
    PERIOD_CUES_EN,
    PERIOD_CUES_VI,
    TARGET_WORDS,
)

_LB: Final = r"(?<![\w])"


def _scan_pattern(cues: str, starts: tuple[str, ...] = ()) -> str:
    """Target words or period cues, at a word start.

    ``starts``: the words a match can begin with (besides a digit). They become a gate in front:
    a set of first letters, which ``re`` skips ahead with at C speed, then the words as a trie,
    which fails after a letter or two; without it every word start tries each of the ~60
    alternatives (a tenth of the figure reader's time on dense text).
    """
    # one leading \b instead of a lookbehind per alternative: the same matches (every
    # alternative starts with a word character), twice as fast on long alternations
    body = (
        rf"\b(?:(?P<target>{TARGET_PATTERN.replace(_LB, '', 1)})|(?P<cue>{cues.lower().replace(_LB, '', 1)}))"
    )
    if not starts:
        return body
    words = {*starts, *(w.split()[0] for w in TARGET_WORDS)}
    letters = "".join(sorted({re.escape(w[0]) for w in words}))
    return rf"(?=[0-9{letters}])(?=[0-9]|(?:{trie_pattern(words)})(?![\w])){body}"


#: One scan per sentence with a figure: target words, and where a period may start (timex reads a
#: short window from there). Case-sensitive on the lowercased sentence; IGNORECASE as a fallback.
_SENTENCE_SCAN_RE: Final = {
    "vi": re.compile(_scan_pattern(PERIOD_CUES_VI, PERIOD_CUE_STARTS_VI)),
    "en": re.compile(_scan_pattern(PERIOD_CUES_EN, PERIOD_CUE_STARTS_EN)),
}
_SENTENCE_SCAN_IC_RE: Final = {
    lang: re.compile(p.pattern, re.IGNORECASE) for lang, p in _SENTENCE_SCAN_RE.items()
}
_PERIOD_WINDOW: Final = 64
#: Characters after an expression that its pattern or resolver may still read ("(?![\d,.]\d|\s*million)",
#: the word after a bare year): a whole-text expression stands for the window's only when they all
#: fall inside the window.
_LOOKAHEAD_MARGIN: Final = 24


@dataclass(frozen=True, slots=True)
class KnownTimes:
    """The time expressions of the whole text, already found (for the deadlines), by start.

    A period cue whose window would start exactly where one of them starts gets that one instead
    of a second timex run: the same pattern from the same position over the same characters
    finds the same match, and what its resolver reads before it (less in the window) can only
    reject, never accept, what the whole text accepted.
    """

    starts: list[int]
    times: Sequence[TimeExpr]

    @classmethod
    def of(cls, times: Sequence[TimeExpr]) -> KnownTimes:
        return cls([t.start for t in times], times)

    def at(self, pos: int, window_end: int) -> TimeExpr | None:
        i = bisect_left(self.starts, pos)
        if i < len(self.starts) and self.starts[i] == pos:
            t = self.times[i]
            if t.end + _LOOKAHEAD_MARGIN <= window_end:
                return t
        return None


def time_expressions(
    text: str, published: date | None, lang: Lang, *, first_by: int | None = None
) -> list[TimeExpr]:
    """The time expressions of a short window; one line to switch their source.

    A figure must survive a period its dates cannot hold: timex raises ValueError on "tháng
    6/0000" (year 0), and a report with a typo must still give its figures, just without a period.
    """
    try:
        return find_time_expressions(text, published, lang, first_by=first_by)
    except (ValueError, OverflowError):
        return []


def sentence_marks(
    text: str, lo: int, hi: int, published: date | None, lang: Lang, known: KnownTimes | None = None
) -> tuple[list[tuple[int, int]], list[TimeExpr]]:
    """One scan of a sentence for target words and period cues; timex reads a short window at
    each cue, unless ``known`` already holds the expression the cue starts.
    Returns (target word spans not yet reached, time expressions)."""
    targets: list[tuple[int, int]] = []
    times: list[TimeExpr] = []
    last_end = lo
    # Scanning the lowercased sentence with a case-sensitive pattern is several times faster than
    # IGNORECASE on Vietnamese; lower() keeps the length for all but a few letters ("İ"), checked.
    low = text[lo:hi].lower()
    scan = (
        _SENTENCE_SCAN_RE[lang].finditer(low)
        if len(low) == hi - lo
        else _SENTENCE_SCAN_IC_RE[lang].finditer(text[lo:hi])
    )
    for m in scan:
        at = m.start() + lo
        if m.lastgroup == "target":
            if is_reached_target(text, at):
                continue  # "vượt mục tiêu": the goal was met, the figure is a level
            targets.append((at, m.end() + lo))
            continue
        if at < last_end:
            continue
        cue_len = m.end() + lo - at
        window_end = min(hi, at + _PERIOD_WINDOW)
        if known is not None and (kt := known.at(at, window_end)) is not None:
            times.append(kt)
            last_end = kt.end
            continue
        # only the expression the cue starts ("Riêng năm 2025"); later ones get their own cue
        window = text[at:window_end]
        for t in time_expressions(window, published, lang, first_by=cue_len):
            te = TimeExpr(
                t.start + at, t.end + at, t.text, t.first, t.last, t.precision, t.relation, t.relative
            )
            times.append(te)
            last_end = te.end
            break
    return targets, times


def period_of(
    text: str, times: list[TimeExpr], fstart: int, fend: int, published: date | None
) -> tuple[str | None, date | None, date | None, date | None, bool]:
    """The time expression a figure belongs to: one written right after it ("40% at the end of
    2023", "5 triệu tài khoản trong năm 2025"), else the nearest before it in its sentence, else after.

    Returns (period text, as_of, period_start, period_end, is a future horizon). "đến nay" and
    "tính đến ngày 15/12/2025" are as-of dates; "năm 2025" and "6 tháng đầu năm 2025" periods;
    "đến năm 2030" (by/until, ending after publication) a horizon that makes the figure a target.
    """
    chosen: TimeExpr | None = None
    for t in times:
        if t.end <= fstart:
            chosen = t
        elif t.start >= fend:
            if chosen is None or (t.start - fend <= 2 and text[fend : t.start].isspace()):
                chosen = t  # none before, or one written right after the figure: "40% at the end of 2023"
            break
    if chosen is None:
        return None, None, None, None, False
    t = chosen
    horizon = (
        t.relation in ("by", "until") and published is not None and t.last is not None and t.last > published
    )
    if t.relation == "as_of" or (t.precision == "day" and t.relation == "in"):
        return t.text, t.last, None, None, horizon
    if t.relation == "since":
        return t.text, None, t.first, None, horizon
    if t.relation in ("by", "until"):
        if horizon or published is None:
            return t.text, None, None, t.last, horizon
        return t.text, t.last, None, None, False  # "Đến hết năm 2023, đã có ...": a level at that date
    return t.text, None, t.first, t.last, horizon


__all__ = ["KnownTimes", "period_of", "sentence_marks", "time_expressions"]
