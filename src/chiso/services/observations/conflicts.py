"""Comparing stated values and finding observations that cannot all be true. Two values for the
same indicator and date are compared as intervals (a stated value covers what rounding and its
qualifier allow), so "hơn 67 triệu" and "67,2 triệu" agree while "67 triệu" and "62 triệu"
conflict; a cumulative series that goes down is a conflict too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import select

from chiso.services.observations._points import _indicator_row, _points
from chiso.services.observations.schemas import ConflictOut, ObservationOut
from chiso.store.db import Database
from chiso.store.models import Indicator, Observation

# --- comparing two stated values ---------------------------------------------------------------

#: the most a rounded figure is taken to stray from its true value (relative); "67 triệu" covers
#: 66.5-67.5 million by its digits, but "100" should not cover 50-150, so the half-step is capped.
MAX_ROUNDING = 0.02
#: how far "khoảng"/"about" and "gần"/"nearly" reach (relative) beyond rounding
APPROXIMATE = 0.05

Verdict = Literal["same", "agree", "conflict"]


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


def stated(o: Observation) -> Stated:
    return Stated(value=o.value, qualifier=o.qualifier, value_max=o.value_max, of_total=o.of_total)


def _fmt(p: ObservationOut) -> str:
    words = {
        "exact": "",
        "more_than": "> ",
        "at_least": "≥ ",
        "about": "~",
        "nearly": "≈< ",
        "less_than": "< ",
        "at_most": "≤ ",
    }
    v = f"{p.value:,.10g}" + (f"–{p.value_max:,.10g}" if p.value_max is not None else "")
    v += f"/{p.of_total:,.10g}" if p.of_total is not None else ""
    return f"{words.get(p.qualifier, p.qualifier + ' ')}{v} (#{p.id}, {p.source_count} nguồn)"


def _as_stated(p: ObservationOut) -> Stated:
    return Stated(p.value, p.qualifier, p.value_max, p.of_total)


def find_conflicts(points: Sequence[ObservationOut], measure: dict[str, str]) -> list[ConflictOut]:
    """Contradictions at one date, and cumulative series that go down (pure: for tests and callers)."""
    out: list[ConflictOut] = []
    groups: dict[tuple[str, date | None, date | None, date | None], list[ObservationOut]] = defaultdict(list)
    for p in points:
        if not p.is_target:
            groups[(p.indicator, p.as_of, p.period_start, p.period_end)].append(p)
    for (slug, *_), group in groups.items():
        clashing = {
            x.id: x
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if compare(_as_stated(a), _as_stated(b)) == "conflict"
            for x in (a, b)
        }
        if clashing:
            members = sorted(clashing.values(), key=lambda x: (x.value, x.id))
            out.append(
                ConflictOut(
                    kind="contradiction",
                    indicator=slug,
                    indicator_name_vi=members[0].indicator_name_vi,
                    ref_date=members[0].ref_date,
                    message="giá trị mâu thuẫn · contradicting values: "
                    + "; ".join(_fmt(m) for m in members),
                    observations=members,
                )
            )
    by_ind: dict[str, list[ObservationOut]] = defaultdict(list)
    for p in points:
        if not p.is_target and measure.get(p.indicator) == "cumulative":
            by_ind[p.indicator].append(p)
    for slug, pts in by_ind.items():
        pts.sort(key=lambda x: (x.ref_date, x.id))
        highest: ObservationOut | None = None  # the earlier point with the highest floor
        for p in pts:
            if highest is not None and highest.ref_date < p.ref_date:
                floor = interval(_as_stated(highest))[0]
                if interval(_as_stated(p))[1] < floor:
                    out.append(
                        ConflictOut(
                            kind="cumulative_decrease",
                            indicator=slug,
                            indicator_name_vi=p.indicator_name_vi,
                            ref_date=p.ref_date,
                            message=(
                                f"chuỗi lũy kế giảm · cumulative series goes down: {_fmt(highest)} "
                                f"on {highest.ref_date} then {_fmt(p)} on {p.ref_date}"
                            ),
                            observations=[highest, p],
                        )
                    )
                    continue
            if highest is None or interval(_as_stated(p))[0] > interval(_as_stated(highest))[0]:
                highest = p
    out.sort(key=lambda c: (c.indicator, c.ref_date, c.kind))
    return out


def conflicts(db: Database, *, indicator: str | None = None) -> list[ConflictOut]:
    """Values that cannot all be true: a real contradiction for one indicator and date (rounding
    and qualifiers taken into account), or a cumulative series that goes down."""
    with db.reading() as s:
        if indicator is None:
            points = _points(s)
            measure = {r.slug: r.measure for r in s.execute(select(Indicator.slug, Indicator.measure))}
        else:
            ind = _indicator_row(s, indicator)
            points = _points(s, Observation.indicator_id == ind.id, {ind.id: ind})
            measure = {ind.slug: ind.measure}
    return find_conflicts(points, measure)


__all__ = [
    "APPROXIMATE",
    "MAX_ROUNDING",
    "Stated",
    "Verdict",
    "compare",
    "conflicts",
    "find_conflicts",
    "interval",
    "stated",
    "tolerance",
]
