"""The rules of an indicator's series: comparing two stated values, the point a date shows, the
headline value of a series, and the values that cannot all be true.

Two values for the same indicator and date are compared as intervals (a stated value covers what
rounding and its qualifier allow), so "hơn 67 triệu" and "67,2 triệu" agree while "67 triệu" and
"62 triệu" conflict; a cumulative series that goes down is a conflict too. A series is drawn
one point per date: of several points on one date, the one most independent sources state,
then the most recently added.

Pure functions over this module's own frozen values (no database): the services build
:class:`Point` values from stored rows and turn what the rules return into their schemas.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

# --- comparing two stated values ---------------------------------------------------------------

#: the most a rounded figure is taken to stray from its true value (relative); "67 triệu" covers
#: 66.5-67.5 million by its digits, but "100" should not cover 50-150, so the half-step is capped.
MAX_ROUNDING = 0.02
#: how far "khoảng"/"about" and "gần"/"nearly" reach (relative) beyond rounding
APPROXIMATE = 0.05

Verdict = Literal["same", "agree", "conflict"]
ConflictKind = Literal["contradiction", "cumulative_decrease"]


@dataclass(frozen=True, slots=True)
class Stated:
    """A value as a report states it: number, optional upper bound, qualifier and denominator."""

    value: float
    qualifier: str = "exact"
    value_max: float | None = None
    of_total: float | None = None


def _step(v: float) -> float:
    """The rounding step the written digits suggest: 67e6 -> 1e6, 67.2e6 -> 1e5, 85.3 -> 0.1."""
    a = abs(v)
    if a == 0 or not math.isfinite(a):
        return 0.0
    d = Decimal(repr(a)).normalize()
    exponent = d.as_tuple().exponent
    return float(Decimal(10) ** exponent) if isinstance(exponent, int) else 0.0


def tolerance(v: float) -> float:
    return min(_step(v) / 2, MAX_ROUNDING * abs(v))


def interval(s: Stated) -> tuple[float, float]:
    """The true values a stated figure is compatible with."""
    v, tol = s.value, tolerance(s.value)
    approx = max(tol, APPROXIMATE * abs(v))
    if s.value_max is not None:
        return (v - tol, s.value_max + tolerance(s.value_max))
    q = s.qualifier or "exact"
    if q in ("more_than", "at_least"):
        return (v - tol, math.inf)
    if q in ("less_than", "at_most"):
        return (-math.inf, v + tol)
    if q == "about":
        return (v - approx, v + approx)
    if q == "nearly":
        return (v - approx, v + tol)
    return (v - tol, v + tol)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def compare(a: Stated, b: Stated) -> Verdict:
    """``same`` when both state the same thing, ``agree`` when both can be true, else ``conflict``."""
    if (
        _close(a.value, b.value)
        and _close(a.value_max, b.value_max)
        and _close(a.of_total, b.of_total)
        and (a.qualifier or "exact") == (b.qualifier or "exact")
    ):
        return "same"
    if a.of_total is not None and b.of_total is not None and not _close(a.of_total, b.of_total):
        return "conflict"
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    # Strict: "67 triệu" (66.5-67.5) and "68 triệu" (67.5-68.5) only touch, so they conflict.
    return "agree" if lo_a < hi_b and lo_b < hi_a else "conflict"


# --- the points of one series ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """One point of an indicator's series: a stated value at its dates, and how many independent
    sources (distinct stories) state it."""

    id: int
    #: where the point is drawn: as_of, else period_end, else the publication date
    ref_date: date
    value: float
    qualifier: str = "exact"
    value_max: float | None = None
    of_total: float | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    is_target: bool = False
    sources: int = 0

    @property
    def stated(self) -> Stated:
        return Stated(self.value, self.qualifier, self.value_max, self.of_total)


def best(points: Sequence[Point]) -> Point:
    """The point one date shows of several: the one most independent sources state, then the most
    recently added (the highest id)."""
    return points[0] if len(points) == 1 else max(points, key=lambda p: (p.sources, p.id))


def best_per_date(points: Iterable[Point]) -> list[Point]:
    """The series as drawn, oldest first: targets left out, one point per date (:func:`best`)."""
    by_date: dict[date, list[Point]] = defaultdict(list)
    for p in points:
        if not p.is_target:
            by_date[p.ref_date].append(p)
    return [best(by_date[d]) for d in sorted(by_date)]


@dataclass(frozen=True, slots=True)
class Headline:
    """What a series says last: its latest point as drawn, the one before, how many dates it
    has, and its last dates (one point per date, oldest first) for a sparkline."""

    last: Point
    previous: Point | None
    dates: int
    recent: tuple[Point, ...] = ()

    @property
    def change(self) -> float | None:
        """The change since the previous date (None when there is none)."""
        return self.last.value - self.previous.value if self.previous is not None else None


def headline(points: Iterable[Point], *, recent: int = 0, dates: int | None = None) -> Headline | None:
    """The headline of a series (None when it has no observed point): its points drawn one per
    date (:func:`best_per_date`), the last and the one before, and the last ``recent`` dates.

    ``points`` may be the points of the series' last dates only (at least two, and ``recent``),
    read so to spare the rest: ``dates`` then says how many dates the whole series has.
    """
    drawn = best_per_date(points)
    if not drawn:
        return None
    return Headline(
        last=drawn[-1],
        previous=drawn[-2] if len(drawn) > 1 else None,
        dates=len(drawn) if dates is None else dates,
        recent=tuple(drawn[-recent:]) if recent else (),
    )


# --- values that cannot all be true ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conflict:
    """Points of one series that cannot all be true: a contradiction at one date (its members by
    value), or a cumulative series going down (the earlier point, then the later one)."""

    kind: ConflictKind
    #: the date the clash is about (the later date for a cumulative decrease)
    ref_date: date
    points: tuple[Point, ...]


def contradictions(points: Sequence[Point]) -> list[Conflict]:
    """Observed points of one series with the same dates whose values cannot all be true
    (rounding and qualifiers taken into account), one conflict per set of dates."""
    groups: dict[tuple[date | None, date | None, date | None], list[Point]] = defaultdict(list)
    for p in points:
        if not p.is_target:
            groups[(p.as_of, p.period_start, p.period_end)].append(p)
    out: list[Conflict] = []
    for group in groups.values():
        clashing = {
            x.id: x
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if compare(a.stated, b.stated) == "conflict"
            for x in (a, b)
        }
        if clashing:
            members = sorted(clashing.values(), key=lambda x: (x.value, x.id))
            out.append(Conflict("contradiction", members[0].ref_date, tuple(members)))
    return out


def cumulative_falls(points: Sequence[Point]) -> list[Conflict]:
    """Where a cumulative series goes down: an observed point whose values all lie below the
    floor of the highest earlier one."""
    pts = sorted((p for p in points if not p.is_target), key=lambda x: (x.ref_date, x.id))
    out: list[Conflict] = []
    highest: Point | None = None  # the earlier point with the highest floor
    for p in pts:
        if highest is not None and highest.ref_date < p.ref_date:
            floor = interval(highest.stated)[0]
            if interval(p.stated)[1] < floor:
                out.append(Conflict("cumulative_decrease", p.ref_date, (highest, p)))
                continue
        if highest is None or interval(p.stated)[0] > interval(highest.stated)[0]:
            highest = p
    return out


def conflicts(points: Sequence[Point], *, cumulative: bool) -> list[Conflict]:
    """Every conflict of one series: its contradictions, then (for a cumulative measure) where it
    goes down."""
    return contradictions(points) + (cumulative_falls(points) if cumulative else [])


__all__ = [
    "APPROXIMATE",
    "MAX_ROUNDING",
    "Conflict",
    "ConflictKind",
    "Headline",
    "Point",
    "Stated",
    "Verdict",
    "best",
    "best_per_date",
    "compare",
    "conflicts",
    "contradictions",
    "cumulative_falls",
    "headline",
    "interval",
    "tolerance",
]
