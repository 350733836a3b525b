"""Whether a commitment with a target is on track to reach it, the way Open SDG says it.

A commitment that sets a target (an indicator, a value, a due date) and whose indicator has at
least two observations is measured from the first observation (the *base*) to the latest:

- the *observed* rate is how fast the indicator moved from the base to the latest observation;
- the *required* rate is how fast it must move from the base to reach the target on the due date;
- their ratio (observed / required) places it in a category, with Open SDG's thresholds:

  ============================  ==========================================================
  ``achieved``                  the latest observation meets the target (reaches it from the
                                side the base was on)
  ``on_track``                  ratio >= 0.95
  ``needs_acceleration``        0.5 <= ratio < 0.95
  ``limited_progress``          0 <= ratio < 0.5
  ``moving_away``               ratio < 0 (it moved the other way)
  ============================  ==========================================================

The rate depends on what the indicator measures (:func:`method_for`):

- a share or a percentage (``share``): *linear*, the absolute change per year (percentage points
  a year): growth compounded on a percentage overstates how fast 90 % becomes 100 %;
- everything else, cumulative counts included (``cumulative``, ``stock``, ``flow``, ``rate``,
  ``count_of_total``): the compound annual growth rate (CAGR) of the level,
  ``(value / base) ** (1 / years) - 1``. A base at or below zero has no CAGR, and a change over
  a few days compounded into a year runs wild (past :data:`MAX_CAGR`): linear is used then.

Years are days / 365.25. Nothing is said (None) with fewer than two observations at different
dates, or with a due date not after the base (no rate is required of a past target).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

Method = Literal["cagr", "linear"]
Category = Literal["achieved", "on_track", "needs_acceleration", "limited_progress", "moving_away"]
CATEGORIES: Final[tuple[Category, ...]] = (
    "achieved", "on_track", "needs_acceleration", "limited_progress", "moving_away"
)  # fmt: skip

#: Open SDG's thresholds on observed / required rate
ON_TRACK: Final = 0.95
NEEDS_ACCELERATION: Final = 0.5
LIMITED_PROGRESS: Final = 0.0

#: the measures whose progress is an absolute change a year (percentages and shares)
LINEAR_MEASURES: Final = frozenset({"share"})

_YEAR_DAYS: Final = 365.25
#: a CAGR beyond this (100,000 % a year) comes of compounding a few days' change into a year: it
#: says nothing and cannot be written; the absolute change a year is used instead
MAX_CAGR: Final = 1000.0


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a target stands, with every number the category was decided from."""

    category: Category
    method: Method
    base_on: date
    base_value: float
    latest_on: date
    latest_value: float
    target: float
    due: date
    #: a year: a fraction for CAGR (0.12 = 12 %), units a year for linear
    observed_rate: float
    required_rate: float
    #: observed / required (None when the base already met the target: nothing was required)
    ratio: float | None


def method_for(measure: str) -> Method:
    """Linear for shares and percentages, CAGR for levels and counts."""
    return "linear" if measure in LINEAR_MEASURES else "cagr"


def _rate(method: Method, base: float, value: float, years: float) -> float:
    """The change a year; NaN when a CAGR compounded from days to a year runs past :data:`MAX_CAGR`."""
    if method == "linear":
        return (value - base) / years
    try:
        rate = float((value / base) ** (1 / years) - 1)
    except OverflowError:
        return math.nan
    return rate if math.isfinite(rate) and abs(rate) <= MAX_CAGR else math.nan


def category_of(ratio: float) -> Category:
    """The category a ratio of observed to required rate falls in (below ``achieved``)."""
    if ratio >= ON_TRACK:
        return "on_track"
    if ratio >= NEEDS_ACCELERATION:
        return "needs_acceleration"
    if ratio >= LIMITED_PROGRESS:
        return "limited_progress"
    return "moving_away"


def progress(
    points: Sequence[tuple[date, float]], *, target: float, due: date, measure: str
) -> Progress | None:
    """The progress of the series ``points`` (date, value; any order) towards ``target`` by ``due``."""
    ordered = sorted(points, key=lambda p: p[0])
    if len(ordered) < 2:
        return None
    (base_on, base), (latest_on, latest) = ordered[0], ordered[-1]
    if latest_on <= base_on or due <= base_on:
        return None
    rising = target >= base
    method = method_for(measure)
    if method == "cagr" and (base <= 0 or latest <= 0 or target <= 0):
        method = "linear"
    observed = _rate(method, base, latest, (latest_on - base_on).days / _YEAR_DAYS)
    required = _rate(method, base, target, (due - base_on).days / _YEAR_DAYS)
    if math.isnan(observed) or math.isnan(required):
        # points days apart compounded to a year run wild: the absolute change a year says it
        method = "linear"
        observed = _rate(method, base, latest, (latest_on - base_on).days / _YEAR_DAYS)
        required = _rate(method, base, target, (due - base_on).days / _YEAR_DAYS)
    met = latest >= target if rising else latest <= target
    ratio = observed / required if required != 0 else None
    if met:
        category: Category = "achieved"
    elif ratio is None:
        category = "moving_away"  # the base met the target; the latest no longer does
    else:
        category = category_of(ratio)
    return Progress(
        category=category,
        method=method,
        base_on=base_on,
        base_value=base,
        latest_on=latest_on,
        latest_value=latest,
        target=target,
        due=due,
        observed_rate=observed,
        required_rate=required,
        ratio=ratio,
    )


__all__ = [
    "CATEGORIES",
    "LINEAR_MEASURES",
    "MAX_CAGR",
    "NEEDS_ACCELERATION",
    "ON_TRACK",
    "Category",
    "Method",
    "Progress",
    "category_of",
    "method_for",
    "progress",
]
