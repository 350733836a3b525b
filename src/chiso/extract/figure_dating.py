"""When one figure holds, from the time expressions of its own line: which one governs it, and
what that time means for it (a level as of a day, a flow over a period, or a due date).

The rules are the ones a reporter reads by (the extraction contract, ``docs/extraction.md``):

- a comparison base ("so với cùng kỳ năm 2024", "gấp 3 lần năm 2020", "compared with 2023",
  "than in 2023") is never the figure's time; it is kept as ``base_period``;
- a meeting's, a letter's or a dateline's date ("Chiều 16/1, Bộ tổ chức hội nghị", "công văn
  ngày 5/3", "HANOI, Jan 16 (Reuters) -") is not the date of the figures reported there;
- a time written right after the figure governs it ("12,5% năm 2022 và 15,3% năm 2024",
  "4,1% hiện nay lên 9% vào cuối năm"), else the nearest one before it in its line, else the first
  one after it with no other figure in between ("X chiếm 41%, theo số liệu công bố ngày 5/3");
- "hiện", "hiện đã", "currently", "now" date a level as of the publication;
- a day, month or period written without a year is the most recent past one for a level or a
  past flow, and the next one for a plan ("Đến cuối tháng 8, ... đã cấp" is last August).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from chiso.extract.retrie import trie_pattern
from chiso.extract.types import Precision, TimeExpr
from chiso.extract.vocab import TARGET_WORDS

#: What stands right before a comparison base: "so với (cùng kỳ)", "gấp 3 lần", "cao hơn",
#: "compared with", "than (in)", "from the same period of".
_BASE_BEFORE_RE: Final = re.compile(
    r"(?:\bso(?:\s+với)?|\bgấp(?:\s+[0-9.,]+)?(?:\s+(?:lần|đôi|rưỡi))?|\bhơn|\bkém|\bbằng|\bnhư|"
    r"\bcompared\s+(?:with|to)|\bthan|\bagainst|\bversus|\bvs\.?|\brelative\s+to|\bover|\bfrom)"
    r"(?:\s+(?:cùng\s+kỳ|cùng\s+thời\s+điểm|mức|mức\s+của|của|in|the\s+same\s+(?:period|quarter|month|time)"
    r"(?:\s+(?:of|in|last))?|a\s+year\s+(?:earlier|ago)|levels?\s+(?:of|in)|that\s+of))*\s*$",
    re.IGNORECASE,
)
#: "from" and "over" are bases only after a change verb ("up 7% from 2023", "rose 5% over 2024").
_CHANGE_FROM_RE: Final = re.compile(
    r"\b(?:up|down|rose|fell|increased|decreased|grew|declined|higher|lower|gained|dropped|climbed)\b",
    re.IGNORECASE,
)
#: Nouns whose date is the date of a meeting, a letter or a statement, not of the figures in it.
_EVENT_BEFORE_RE: Final = re.compile(
    r"\b(?:hội\s+nghị|cuộc\s+họp|phiên\s+họp|họp\s+báo|buổi\s+làm\s+việc|công\s+văn|văn\s+bản|"
    r"tờ\s+trình|thông\s+báo|công\s+điện|lễ|hội\s+thảo|tọa\s+đàm|toạ\s+đàm|"
    r"meeting|conference|letter|statement|briefing|press\s+release|hearing|summit)\b[^,;.]{0,24}$",
    re.IGNORECASE,
)
_DAY_WORD_START_RE: Final = re.compile(r"(?:sáng|chiều|trưa|tối|đêm|rạng\s+sáng)\s", re.IGNORECASE)
#: After a dateline's date: "Jan 16 (Reuters) -", "16/1 (TTXVN) –".
_DATELINE_AFTER_RE: Final = re.compile(r"\s*(?:\(|[-–—]\s)")
#: Verbs of a meeting or statement right after a sentence-opening day ("Ngày 15/1, Bộ X tổ chức").
_EVENT_VERB_RE: Final = re.compile(
    r"\b(?:tổ\s+chức|họp|ký|gửi|ban\s+hành|làm\s+việc|phát\s+biểu|cho\s+biết|thông\s+tin|công\s+bố|"
    r"khai\s+mạc|bế\s+mạc|chủ\s+trì|held|hosted|signed|said|told|announced|met|issued|opened)\b",
    re.IGNORECASE,
)
#: Between a figure and a time written right after it: nothing, or a short preposition.
_ADJACENT_GAP_RE: Final = re.compile(
    r"\s*(?:(?:vào|trong|tại|của|ở|in|at|by|as\s+of|during|for)\s+)?(?:[^\W\d_]+\s+){0,2}?",
    re.IGNORECASE,
)
_GAP_STOPS: Final = frozenset(",;:()[]")
#: "hiện đã", "hiện có", "Hiện," / "currently", "now stands": a level as of the publication.
_NOW_RE: Final = re.compile(
    r"(?<![\w])(?:Hiện(?=\s)|(?<!thực )(?<!xuất )(?<!thể )(?<!phát )(?<!biểu )(?<!tái )(?<!Thực )"
    r"[Hh]iện(?=\s*,|\s+(?:đã|đang|có|còn|vẫn|chỉ|mới|là|được|toàn|cả|tỉnh|thành|nước|cả\s+nước)\b)"
    r"|[Cc]urrently|at\s+present|now(?=\s+(?:has|have|stands?|is|are|totals?|numbers?|holds?|accounts?)\b)"
    r"|(?:(?<=is )|(?<=are )|(?<=has )|(?<=have ))now)(?![\w])",
)
_FUTURE_WORDS: Final = (
    "sẽ", "dự kiến", "phấn đấu", "mục tiêu", "chỉ tiêu", "nhằm", "hướng tới", "tiến tới", "kỳ vọng",
    "dự báo", "định hướng", "will", "plan", "plans", "planned", "aim", "aims", "expect", "expects",
    "expected", "forecast", "forecasts", "projected", "target", "targets", "targeted", "goal", "is set to",
)  # fmt: skip
#: After the figure, only these make its clause a plan ("5/9 xã sẽ áp dụng"); "đạt 71% kế hoạch
#: năm", "98% chỉ tiêu" measure what was done against a plan.
_PERFECTIVE_WORDS: Final = (
    "đã", "vừa", "had", "has been", "have been", "was", "were", "reached", "stood", "totalled", "totaled",
)  # fmt: skip
#: Plan words and perfective markers in one scan of the lowercased line, as tries (see retrie).
_PLAN_AFTER_WORDS: Final = ("sẽ", "dự kiến", "will", "expected to", "plan to", "plans to")
_NOW_HINTS: Final = ("hiện", "currently", "now", "present")
#: what each scanned word is: a target word (the figure reader's TARGET_WORDS), a plan word, a
#: perfective marker, a plan word that counts after the figure, a "now" word to check
_TARGET, _FUTURE, _PERFECT, _AFTER, _NOW = 1, 2, 4, 8, 16


def _flags(word: str) -> int:
    def led(words: tuple[str, ...]) -> bool:
        return any(word == w or word.startswith(w + " ") for w in words)

    return (
        (_TARGET if word in TARGET_WORDS else 0)
        | (_FUTURE if led(_FUTURE_WORDS) else 0)
        | (_PERFECT if word in _PERFECTIVE_WORDS else 0)
        | (_AFTER if led(_PLAN_AFTER_WORDS) else 0)
        | (_NOW if word in _NOW_HINTS else 0)
    )


_MARK_WORDS: Final = {
    w: _flags(w) for w in {*TARGET_WORDS, *_FUTURE_WORDS, *_PERFECTIVE_WORDS, *_PLAN_AFTER_WORDS, *_NOW_HINTS}
}
#: every word above in one scan of the lowercased text, as a trie (see retrie). No leading
#: ``\b``: a pattern that opens with its first letters lets ``re`` skip to them in C (a prefix
#: charset); a pattern that opens with ``\b`` is tried at every position, at about twice the cost.
#: Marks.of checks the word start itself (every word starts with a word character).
_MARK_RE: Final = re.compile(rf"(?:{trie_pattern(_MARK_WORDS)})(?!\w)")
_MARK_IC_RE: Final = re.compile(_MARK_RE.pattern, re.IGNORECASE)
#: Expressions that name the current period ("năm nay", "this year") are never moved a year.
_CURRENT_WORDS: Final = ("nay", "này", "hiện", "this", "current", "now", "date")
#: A point at the end of a period: "cuối năm 2025", "end of 2023", "hết tháng 6".
_END_POINT_RE: Final = re.compile(
    r"(?:(?:vào|đến|tới|trong|tính\s+đến|at|by|in|as\s+of)\s+)?(?:the\s+)?(?:cuối|hết|end|year-end)(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TimeReading:
    """What one time means for one figure."""

    as_of: date | None
    period_start: date | None
    period_end: date | None
    precision: Precision | None
    #: the figure is a goal because its time is a future horizon ("đến năm 2030")
    horizon: bool
    #: a present or past level ("hiện nay", "tính đến 14/9", "by the end of June ... had been")
    level_now: bool


#: Words one of which the window before a comparison base must hold: a substring test at C speed
#: spares the anchored regex (one attempt per character) on most times.
_BASE_HINT_RE: Final = re.compile(r"so|gấp|hơn|kém|bằng|như|compared|than|against|vs|relative|over|from")


def is_base(text: str, t: TimeExpr, lo: int) -> bool:
    """Is ``t`` a comparison base ("so với cùng kỳ năm trước", "gấp 3 lần năm 2020", "up 9% from
    2024")?"""
    if t.relation == "since" and t.text[:5].lower() == "from ":
        return _CHANGE_FROM_RE.search(text, max(lo, t.start - 60), t.start) is not None
    before = text[max(lo, t.start - 48) : t.start]
    if _BASE_HINT_RE.search(before.lower()) is None:
        return False
    m = _BASE_BEFORE_RE.search(before)
    if m is None:
        return False
    word = m.group(0).split()[0].lower()
    if word in ("from", "over"):
        return _CHANGE_FROM_RE.search(text, max(lo, t.start - 60), t.start) is not None
    if word in ("như", "bằng", "hơn", "kém"):
        return t.relation == "in"  # "hơn năm 2024" compares; "bằng" after "từ" does not occur
    return True


_COMPARED_RE: Final = re.compile(
    r"(?:\bso\s+với|\bcompared\s+(?:with|to)|\bagainst|\bversus|\bfrom|\bthan)(?:\s+(?:mức|the|a|an|levels?\s+of))?\s*$",
    re.IGNORECASE,
)


_COMPARED_HINT_RE: Final = re.compile(r"so với|compared|against|versus|from|than")


def compared(text: str, lo: int, fstart: int) -> bool:
    """Is the figure itself the comparison's base ("compared with 65 percent in 2023")? Its time
    then dates the base, and must not carry to the sentences after it."""
    a = max(lo, fstart - 32)
    if _COMPARED_HINT_RE.search(text[a:fstart].lower()) is None:
        return False
    return _COMPARED_RE.search(text, a, fstart) is not None


#: A figure that is itself the base, dated against the current period: "up from 7,900 a year
#: earlier", "compared with 870 MW in the same period of 2024", "từ 7.900 cùng kỳ năm 2024".
_SAME_PERIOD_RE: Final = re.compile(
    r"\s*(?:(?P<ago>a\s+year\s+(?:earlier|ago|before)|(?:in\s+)?the\s+same\s+period\s+(?:of\s+)?last\s+year|"
    r"cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái))?(?!\s+năm\s+\d))"
    r"|(?:in\s+)?the\s+same\s+(?:period|quarter|month)\s+(?:of|in)\s+(?P<y1>\d{4})|cùng\s+kỳ\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE,
)


def same_period_shift(text: str, fend: int, year: int | None) -> int:
    """Years to move the governing period for a figure written as its own base (0: none)."""
    m = _SAME_PERIOD_RE.match(text, fend)
    if m is None:
        return 0
    if m.group("ago"):
        return -1
    y = m.group("y1") or m.group("y2")
    return int(y) - year if (y and year is not None) else 0


def shift_reading(r: TimeReading, years: int) -> TimeReading:
    """``r`` moved by whole years (a base figure's period is the current one, a year or more back)."""

    def mv(d: date | None) -> date | None:
        if d is None:
            return None
        out = _move_year(d, years)
        return date(out.year, 2, 29) if _month_end(d) and d.month == 2 and calendar.isleap(out.year) else out

    return TimeReading(mv(r.as_of), mv(r.period_start), mv(r.period_end), r.precision, False, True)


def is_event_date(text: str, t: TimeExpr, lo: int) -> bool:
    """A meeting's, a letter's or a dateline's day, which does not date the figures reported."""
    if t.precision != "day" or t.relation != "in":
        return False
    if _EVENT_BEFORE_RE.search(text, max(lo, t.start - 48), t.start):
        return True
    if t.start - lo > 40:
        return False
    if _DATELINE_AFTER_RE.match(text, t.end):
        return True
    if _DAY_WORD_START_RE.match(text, t.start):
        return True  # "Chiều 16/1, ..." opens a news item about an event
    head = text[lo : t.start]
    return (
        len(head.split()) <= 1 and _EVENT_VERB_RE.search(text, t.end, min(len(text), t.end + 70)) is not None
    )


def is_frame(text: str, t: TimeExpr, lo: int) -> bool:
    """A time that opens its sentence or clause ("Năm 2023, ...", "Theo X, trong quý III, ..."),
    which sets the scene for what follows; a time inside a noun phrase ("Luật ... năm 2025",
    "hội nghị tổng kết năm 2025") does not."""
    head = text[lo : t.start]
    cut = max(head.rfind(","), head.rfind(":"), head.rfind(";"))
    if cut >= 0:
        head = head[cut + 1 :]
    return len(head.split()) <= 2


def _word_hits(scan: re.Pattern[str], low: str, spans: Sequence[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """``\b`` + ``scan`` over each span, as ``finditer`` would find them: a hit inside a word is
    passed over and the search goes on from the next character."""
    for a, b in spans:
        m = scan.search(low, a, b)
        while m is not None:
            at = m.start()
            if at and (low[at - 1].isalnum() or low[at - 1] == "_"):
                m = scan.search(low, at + 1, b)
                continue
            yield m
            m = scan.search(low, m.end(), b)


def _mark_hits(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, lowercase word) of every mark word in ``spans``, as one scan of the lowercased
    text finds them (see :func:`_word_hits`). Only the spans are lowercased, each with the
    character before it for the word-start check: at news density the spans are about half the
    text, and lowering the rest cost 0.6 % of an extraction's instructions (BENCHMARKS.md).
    "İ" is the one character that lowercases to two (tests/extract/test_scan_gates.py checks):
    with it, offsets would shift, so that text is scanned as written, ignoring case."""
    if "\u0130" in text:
        return [(m.start(), m.end(), m.group(0).lower()) for m in _word_hits(_MARK_IC_RE, text, spans)]
    out: list[tuple[int, int, str]] = []
    scan = _MARK_RE.search
    for a, b in spans:
        shift = a - 1 if a else 0
        low = text[shift:b].lower()
        n = len(low)
        m = scan(low, a - shift, n)
        while m is not None:
            at = m.start()
            if at and (low[at - 1].isalnum() or low[at - 1] == "_"):
                m = scan(low, at + 1, n)
                continue
            out.append((at + shift, m.end() + shift, m.group(0)))
            m = scan(low, m.end(), n)
    return out


@dataclass(frozen=True, slots=True)
class Marks:
    """The plan, perfective and "now" words of a whole text, found in one scan of it, then asked
    about any stretch of it (a binary search, no second scan)."""

    future_starts: list[int]
    future_ends: list[int]
    perfective: list[int]
    plan_after: list[int]
    now: list[tuple[int, int]]
    #: target words (TARGET_WORDS, as figure_units.target_marks finds them), reached or not
    targets: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str, spans: Sequence[tuple[int, int]] | None = None) -> Marks:
        """``spans``: the stretches that will be asked about (in order, apart; each starts and
        ends between words), when the caller knows them: the rest of the text is not scanned."""
        fs: list[int] = []
        fe: list[int] = []
        perfective: list[int] = []
        plan_after: list[int] = []
        now: list[tuple[int, int]] = []
        targets: list[tuple[int, int]] = []
        words = _MARK_WORDS
        for at, end, word in _mark_hits(text, [(0, len(text))] if spans is None else spans):
            flags = words[word]
            if flags & _TARGET:
                targets.append((at, end))
            if flags & _FUTURE:
                fs.append(at)
                fe.append(end)
            if flags & _AFTER:
                plan_after.append(at)
            if flags & _PERFECT:
                perfective.append(at)
            if flags & _NOW:
                n = _NOW_RE.match(text, at - 3 if word == "present" else at)  # "at present"
                if n is not None:
                    now.append(n.span())
        return cls(fs, fe, perfective, plan_after, now, targets)

    def targets_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        i = bisect_left(self.targets, (lo, 0))
        out = []
        while i < len(self.targets) and self.targets[i][0] < hi:
            if self.targets[i][1] <= hi:
                out.append(self.targets[i])
            i += 1
        return out

    def is_future(self, a: int, b: int) -> bool:
        """A plan word ("sẽ", "phấn đấu", "will", "plans") in ``[a, b)`` with no perfective
        marker ("đã", "had") after it."""
        i = bisect_left(self.future_starts, b) - 1
        while i >= 0 and self.future_ends[i] > b:
            i -= 1
        if i < 0 or self.future_starts[i] < a:
            return False
        return not self.is_perfective(self.future_ends[i], b)

    def is_perfective(self, a: int, b: int) -> bool:
        i = bisect_left(self.perfective, a)
        return i < len(self.perfective) and self.perfective[i] < b

    def has_plan_after(self, a: int, b: int) -> bool:
        """A plan word after the figure, in its clause ("5/9 xã vùng cao sẽ áp dụng")."""
        i = bisect_left(self.plan_after, a)
        return i < len(self.plan_after) and self.plan_after[i] < b

    def now_word(self, a: int, b: int) -> tuple[int, int] | None:
        """The last "hiện đã"/"currently" in ``[a, b)``."""
        last = None
        for s, e in self.now:
            if s >= b:
                break
            if s >= a and e <= b:
                last = (s, e)
        return last


def adjacent_after(text: str, fend: int, t: TimeExpr) -> bool:
    """Is ``t`` written right after the figure ("15,3% năm 2024", "9% vào cuối năm")?"""
    if t.start < fend:
        return False
    gap = text[fend : t.start]
    if any(c in _GAP_STOPS for c in gap):
        return False
    m = _ADJACENT_GAP_RE.fullmatch(gap)
    return m is not None


def _move_year(d: date, years: int) -> date:
    y = d.year + years
    if d.month == 2 and d.day == 29:
        return date(y, 2, 28)
    return d.replace(year=y)


def _month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


def _shifted(first: date, last: date, years: int) -> tuple[date, date]:
    nf = _move_year(first, years)
    nl = _move_year(last, years)
    if _month_end(last) and not _month_end(nl):
        nl = date(nl.year, nl.month, 29) if nl.month == 2 else nl  # 28 Feb -> 29 Feb in a leap year
    return nf, nl


def _is_current(t: TimeExpr) -> bool:
    low = t.text.lower()
    return any(w in low for w in _CURRENT_WORDS)


def placed(t: TimeExpr, published: date | None, *, future: bool) -> tuple[date | None, date | None]:
    """First and last day of ``t`` for this figure: a time written without a year is the most
    recent past occurrence for a level or a past flow, the next one for a plan."""
    first, last = t.first, t.last
    if not t.relative or first is None or last is None or published is None or _is_current(t):
        return first, last
    if t.readings is not None:
        # timex found both: the one begun by the publication date, the one not yet over
        pf, pl, nf, nl = t.readings
        if future:
            return nf, nl
        # a level or a past flow cannot hold over a period that mostly lies ahead ("trong quý I"
        # read on 16 January): the year before
        return _shifted(pf, pl, -1) if (pl - published).days > 31 else (pf, pl)
    if future:
        if last < published:
            return _shifted(first, last, 1)
        return first, last
    if first > published or (last - published).days > 31:
        return _shifted(first, last, -1)
    return first, last


def reading(t: TimeExpr, published: date | None, *, future: bool, target: bool) -> TimeReading:
    """What ``t`` says about a figure: a level as of a day, a flow over a period, or a due date."""
    first, last = placed(t, published, future=future)
    past = published is not None and last is not None and last <= published
    if t.relation == "as_of":
        return TimeReading(last, None, None, t.precision, False, past or published is None)
    if t.relation == "since":
        end = published if (published is not None and not future and not target) else None
        return TimeReading(None, first, end, t.precision, False, False)
    if t.relation in ("by", "until"):
        horizon = published is not None and last is not None and last > published
        if horizon or published is None:
            return TimeReading(None, None, last, t.precision, horizon, False)
        return TimeReading(last, None, None, t.precision, False, True)  # "Đến hết năm 2023, đã có"
    if t.precision == "day":
        return TimeReading(last, None, None, "day", False, past)
    if _END_POINT_RE.match(t.text) and (past or target or future):
        # "cuối năm 2025", "the end of 2023": a point at the period's end, a due date for a goal
        if target or future:
            return TimeReading(None, None, last, t.precision, False, False)
        return TimeReading(last, None, None, t.precision, False, True)
    return TimeReading(None, first, last, t.precision, False, False)


__all__ = [
    "Marks",
    "TimeReading",
    "adjacent_after",
    "compared",
    "is_base",
    "is_event_date",
    "is_frame",
    "placed",
    "reading",
    "same_period_shift",
    "shift_reading",
]
