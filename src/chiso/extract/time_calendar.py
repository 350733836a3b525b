"""Calendar arithmetic for time expressions: the days a month, quarter, part of a year or Tết
covers, and which year an expression written without one means.

A day, month or quarter without a year takes the year that puts it nearest to the publication
date, or, after "trước/chậm nhất/đến/by/until", the first one not yet over (:func:`closest`).
Each ``resolve_*`` returns a :data:`Range` (first day, last day, precision, relative) or None
when the calendar cannot hold it ("31/2", "tháng 6/0000").
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from chiso.extract.time_vocab import (
    FISCAL_YEAR_START_MONTH,
    MONTH_PART_DAYS,
    QUARTER_PART_MONTH,
    TET,
    YEAR_PART_MONTHS,
)
from chiso.extract.types import Precision, TimeRelation

#: first day, last day, precision, and whether it was resolved against the publication date
Range = tuple[date | None, date | None, Precision, bool]


def month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def months_range(y: int, m1: int, m2: int) -> tuple[date, date]:
    return date(y, m1, 1), date(y, m2, calendar.monthrange(y, m2)[1])


def prec_for_months(n: int) -> Precision:
    return "year" if n == 12 else "half" if n == 6 else "quarter" if n % 3 == 0 else "month"


def closest(cands: list[tuple[date, date]], published: date, rel: TimeRelation) -> tuple[date, date]:
    """The candidate not yet over (after by/until) or the one nearest to the publication date."""
    if rel in ("by", "until"):
        for first, last in cands:
            if last >= published:
                return first, last
        return cands[-1]

    def dist(c: tuple[date, date]) -> int:
        first, last = c
        return (
            0
            if first <= published <= last
            else min(abs((first - published).days), abs((last - published).days))
        )

    return min(cands, key=dist)


def year_from(word: str | None, published: date | None, offsets: dict[str, int]) -> tuple[int | None, bool]:
    """A written year ("2026") or a relative one ("năm sau", "next year"): (year, relative)."""
    if word is None:
        return (published.year if published else None), True
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w), False
    if w == "year":  # "the first half of the year"
        return (published.year if published else None), True
    off = offsets.get(w)
    if off is None or published is None:
        return None, True
    return published.year + off, True


def valid_year(y: int | None) -> bool:
    """Years a report may date things in; others ("0000", typos) resolve to nothing."""
    return y is not None and 1900 <= y <= 2200


# --- resolvers ----------------------------------------------------------------------------


def resolve_day(y: int | None, m: int, d: int, published: date | None, rel: TimeRelation) -> Range | None:
    if not 1 <= m <= 12 or not 1 <= d <= 31:
        return None
    if y is not None:
        if not valid_year(y) or d > calendar.monthrange(y, m)[1]:
            return None
        day = date(y, m, d)
        return day, day, "day", False
    if published is None:
        return (None, None, "day", True) if d <= 29 or m != 2 else None
    if d <= calendar.monthrange(published.year, m)[1]:  # all but 29/2 in a common year
        day = date(published.year, m, d)
        return *pick(readings(day, day, published), published, rel), "day", True
    cands = [
        (date(py, m, d), date(py, m, d))
        for py in range(published.year - 1, published.year + 2)
        if d <= calendar.monthrange(py, m)[1]
    ]
    if not cands:
        return None
    first, last = closest(cands, published, rel)
    return first, last, "day", True


def resolve_tet(y: int | None, published: date | None, rel: TimeRelation) -> Range | None:
    """Tết Nguyên đán of year ``y``, or the one nearest the publication (the next after "trước")."""
    if y is not None:
        if y not in TET:
            return None
        day = date(y, *TET[y])
        return day, day, "day", False
    if published is None:
        return None, None, "day", True
    cands = [(date(py, *TET[py]),) * 2 for py in range(published.year - 1, published.year + 2) if py in TET]
    if not cands:
        return None
    first, last = closest(cands, published, rel)
    return first, last, "day", True


def resolve_month(
    y: int | None, m: int, published: date | None, rel: TimeRelation, relative: bool
) -> Range | None:
    if not 1 <= m <= 12:
        return None
    if y is not None:
        if not valid_year(y):
            return None  # "tháng 6/0000": a typo, not a month
        return *month_range(y, m), "month", relative
    if published is None:
        return None, None, "month", True
    return *pick(readings(*month_range(published.year, m), published), published, rel), "month", True


def resolve_quarter(
    y: int | None, q: int, published: date | None, rel: TimeRelation, relative: bool
) -> Range | None:
    if y is not None:
        if not valid_year(y):
            return None  # "quý I/0000"
        return *months_range(y, 3 * q - 2, 3 * q), "quarter", relative
    if published is None:
        return None, None, "quarter", True
    span = months_range(published.year, 3 * q - 2, 3 * q)
    return *pick(readings(*span, published), published, rel), "quarter", True


def shift_month(published: date, off: int) -> tuple[int, int]:
    idx = published.year * 12 + published.month - 1 + off
    return idx // 12, idx % 12 + 1


def resolve_part(pos: str, y: int | None, relative: bool) -> Range:
    """A vague part of year ``y``: its window in :data:`YEAR_PART_MONTHS` (đầu/early = Q1, ...)."""
    m1, m2 = YEAR_PART_MONTHS.get(pos, (10, 12))
    prec: Precision = "quarter" if m2 - m1 == 2 else "month"
    if y is None or not valid_year(y):
        return None, None, prec, relative
    return *months_range(y, m1, m2), prec, relative


def month_part(first: date, pos: str) -> tuple[date, date]:
    """The window of "đầu/giữa/cuối tháng", "early/mid/late May" in the month starting ``first``."""
    d1, d2 = MONTH_PART_DAYS[pos]
    last_day = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=d1), first.replace(day=min(d2, last_day))


def quarter_part(first: date, pos: str) -> tuple[date, date]:
    """The month of "đầu/giữa/cuối quý" in the quarter starting ``first``."""
    y, m = divmod(first.year * 12 + first.month - 1 + QUARTER_PART_MONTH[pos], 12)
    return month_range(y, m + 1)


def fiscal_year(y1: int, y2: int) -> Range | None:
    """ "2022-23" in an English report: a fiscal year from :data:`FISCAL_YEAR_START_MONTH` of ``y1``."""
    if not valid_year(y1) or y2 != (y1 + 1) % 100:
        return None
    first = date(y1, FISCAL_YEAR_START_MONTH, 1)
    return first, date(y1 + 1, FISCAL_YEAR_START_MONTH, 1) - timedelta(days=1), "year", False


def _shift_years(d: date, k: int) -> date:
    try:
        return d.replace(year=d.year + k)
    except ValueError:  # 29 February in a common year
        return d.replace(year=d.year + k, day=28)


def pick(both: tuple[date, date, date, date], published: date, rel: TimeRelation) -> tuple[date, date]:
    """From (past_first, past_last, next_first, next_last): the next after by/until, else the
    nearer (the same choice as :func:`closest` over the years around the publication)."""
    pf, pl, nf, nl = both
    if rel in ("by", "until") or pf == nf:
        return nf, nl
    return (pf, pl) if (published - pl).days <= (nf - published).days else (nf, nl)


def readings(first: date, last: date, published: date) -> tuple[date, date, date, date]:
    """For a time written without its year: (past_first, past_last, next_first, next_last), the
    most recent occurrence begun by ``published`` and the first one not yet over."""
    k = published.year - first.year  # the occurrence that starts in the publication's year

    def at(off: int) -> tuple[date, date]:
        f = _shift_years(first, off)
        return (f, f) if first == last else (f, _shift_years(last, off))

    cur = at(k)
    prev = at(k - 1)
    past = cur if cur[0] <= published else prev
    if prev[1] >= published:  # a span over the new year: last year's occurrence is still running
        return *past, *prev
    return (*past, *cur) if cur[1] >= published else (*past, *at(k + 1))


def year_span(y1: int, y2: int) -> Range | None:
    if not (valid_year(y1) and valid_year(y2) and y1 < y2 <= y1 + 50):
        return None
    return date(y1, 1, 1), date(y2, 12, 31), "year", False


def school_year(y1: int, y2: int) -> Range | None:
    """ "năm học 2025-2026" / "the 2025-2026 school year": September to May."""
    if not (valid_year(y1) and y2 == y1 + 1):
        return None
    return date(y1, 9, 1), date(y2, 5, 31), "year", False


def whole_year(y: int | None, relative: bool) -> Range | None:
    if y is None:
        return None, None, "year", relative
    if not valid_year(y):
        return None
    return date(y, 1, 1), date(y, 12, 31), "year", relative


def _day_ok(d: int, m: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(2000, m)[1]  # 2000: a leap year


def day_span(
    a: tuple[int, int, int | None], b: tuple[int, int, int | None], published: date | None
) -> Range | None:
    """ "từ ngày 2/5 đến hết ngày 12/5": the days from a to b; a missing year is b's (the year
    before when a's month is later), and with neither written, the occurrence nearest publication."""
    (d1, m1, y1), (d2, m2, y2) = a, b
    wrap = (m1, d1) > (m2, d2)
    if y2 is None and y1 is not None:
        y2 = y1 + wrap
    if y2 is not None:
        y1 = y2 - wrap if y1 is None else y1
        if not (valid_year(y1) and valid_year(y2)):
            return None
        first, last = date(y1, m1, d1), date(y2, m2, d2)
        return (first, last, "day", False) if first <= last else None
    if not (_day_ok(d1, m1) and _day_ok(d2, m2)):
        return None
    if published is None:
        return None, None, "day", True
    cands = []
    for py in range(published.year - 1, published.year + 2):
        try:
            cands.append((date(py - wrap, m1, d1), date(py, m2, d2)))
        except ValueError:  # 29/2 in a common year
            continue
    return (*closest(cands, published, "in"), "day", True) if cands else None


def month_span(m1: int, y1: int | None, m2: int, y2: int | None, published: date | None) -> Range | None:
    """ "từ tháng 3 đến tháng 11", "from March to June 2026": first day of m1 to last day of m2."""
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (m1, y1) == (m2, y2):
        return None
    wrap = m1 > m2
    if y2 is None and y1 is not None:
        y2 = y1 + wrap
    if y2 is not None:
        y1 = y2 - wrap if y1 is None else y1
        if not (valid_year(y1) and valid_year(y2)) or (y1, m1) > (y2, m2):
            return None
        return month_range(y1, m1)[0], month_range(y2, m2)[1], "month", False
    if published is None:
        return None, None, "month", True
    cands = [
        (month_range(py - wrap, m1)[0], month_range(py, m2)[1])
        for py in range(published.year - 1, published.year + 2)
    ]
    return *closest(cands, published, "in"), "month", True


__all__ = [
    "Range",
    "closest",
    "day_span",
    "fiscal_year",
    "month_part",
    "month_range",
    "month_span",
    "months_range",
    "pick",
    "prec_for_months",
    "quarter_part",
    "readings",
    "resolve_day",
    "resolve_month",
    "resolve_part",
    "resolve_quarter",
    "resolve_tet",
    "school_year",
    "shift_month",
    "valid_year",
    "whole_year",
    "year_from",
    "year_span",
]
