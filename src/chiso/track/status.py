"""Where a commitment stands on a given day.

Pure functions over dates (no database): the service layer feeds them the stored commitment,
the CLI and the web app show what they return. Whether two action texts say the same thing is
:mod:`chiso.track.actions`.

Display status for a day D (DESIGN.md):

- resolved (``met``, ``met_late``, ``missed``, ``dropped``) when it was resolved on or before D;
- otherwise ``overdue`` when ``due_end`` < D, ``due_soon`` when ``due_end`` is at most
  :data:`DUE_SOON_DAYS` days away (due today counts as due soon), else ``upcoming``.

A commitment resolved *after* D is shown as it stood on D (open), so that a board for a past
date answers "what did this look like then"; :func:`known_on` gives the due range and status it
had on D from its history (a due date moved later is undone, a reopening replayed). A
commitment without ``due_end`` is measured against ``due_start``; with neither it is
``upcoming`` with no countdown.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from chiso.extract.types import Precision

Status = Literal["open", "met", "met_late", "missed", "dropped"]
ResolvedStatus = Literal["met", "met_late", "missed", "dropped"]
DisplayStatus = Literal["met", "met_late", "missed", "dropped", "overdue", "due_soon", "upcoming"]

STATUSES: tuple[Status, ...] = ("open", "met", "met_late", "missed", "dropped")
RESOLVED: tuple[ResolvedStatus, ...] = ("met", "met_late", "missed", "dropped")
OPEN_DISPLAY: tuple[DisplayStatus, ...] = ("overdue", "due_soon", "upcoming")
DISPLAY_STATUSES: tuple[DisplayStatus, ...] = (*RESOLVED, *OPEN_DISPLAY)

#: "due soon" horizon, inclusive: the issue asks for "≤ 30 days".
DUE_SOON_DAYS = 30

#: The deadline board's groups in the order it shows them, each with the display statuses it gathers.
BOARD_GROUPS: dict[str, tuple[DisplayStatus, ...]] = {
    "due": ("overdue", "due_soon"),
    "upcoming": ("upcoming",),
    "resolved": RESOLVED,
}


@dataclass(frozen=True, slots=True)
class Horizon:
    """Where the open display statuses part on one day, by deadline (``due_end``, else
    ``due_start``): before ``overdue_before`` overdue, up to ``due_soon_through`` (inclusive)
    due soon, later (or no deadline) upcoming. :func:`standing` decides with these bounds, and the
    store's board query filters with the same ones, so that SQL and Python agree on one rule."""

    on: date
    overdue_before: date
    due_soon_through: date


def horizon(on: date) -> Horizon:
    """The bounds of the open display statuses on day ``on``."""
    return Horizon(on, on, on + timedelta(days=DUE_SOON_DAYS))


@dataclass(frozen=True, slots=True)
class Standing:
    """A commitment's display status on one day, with its countdown or its delay."""

    status: DisplayStatus
    #: days until the deadline (0 = due today); set for due_soon and upcoming
    days_left: int | None = None
    #: days past the deadline; set for overdue, and for met_late/missed (at resolution)
    days_late: int | None = None


def standing(
    *,
    status: str,
    due_start: date | None,
    due_end: date | None,
    on: date,
    resolved_on: date | None = None,
) -> Standing:
    """The display status of a commitment on day ``on``."""
    deadline = due_end or due_start
    if status in RESOLVED and (resolved_on is None or resolved_on <= on):
        late = None
        if status in ("met_late", "missed") and deadline is not None and resolved_on is not None:
            late = max((resolved_on - deadline).days, 0)
        return Standing(status, days_late=late)
    if deadline is None:
        return Standing("upcoming")
    bounds = horizon(on)
    if deadline < bounds.overdue_before:
        return Standing("overdue", days_late=(on - deadline).days)
    return Standing(
        "due_soon" if deadline <= bounds.due_soon_through else "upcoming", days_left=(deadline - on).days
    )


@dataclass(frozen=True, slots=True)
class Step:
    """A confirmed due-date move in a commitment's history, dated by the day it became known
    (its report's publication), with the range it replaced."""

    known_on: date
    old_due_start: date | None
    old_due_end: date | None


@dataclass(frozen=True, slots=True)
class Known:
    """What was known of a commitment on one day: its due range and its status then."""

    due_start: date | None
    due_end: date | None
    status: str
    resolved_on: date | None


def known_on(
    on: date,
    *,
    due_start: date | None,
    due_end: date | None,
    status: str,
    resolved_on: date | None,
    moves: list[Step],
) -> Known:
    """The due range and status a commitment had on day ``on``, from today's values and its due
    moves: a move that became known after ``on`` is undone (the range it replaced stands).

    The status needs no replay: a resolution counts from the day it happened (before it, the
    commitment was open), and a reopening undoes a resolution for every day (it corrects a
    mistake; the history keeps both).
    """
    later = sorted((m for m in moves if m.known_on > on), key=lambda m: m.known_on)
    if later:
        due_start, due_end = later[0].old_due_start, later[0].old_due_end
    if status in RESOLVED and resolved_on is not None and resolved_on > on:
        return Known(due_start, due_end, "open", None)
    return Known(due_start, due_end, status, resolved_on)


def resolution(requested: ResolvedStatus, *, on: date, due_end: date | None) -> ResolvedStatus:
    """The status to store when a person resolves: ``met`` after ``due_end`` is ``met_late``."""
    if requested == "met" and due_end is not None and on > due_end:
        return "met_late"
    return requested


def precision_of(due_start: date | None, due_end: date | None) -> Precision:
    """The precision a due range implies (a postponement gives a range, not a precision).

    A range that is exactly a calendar year, half, quarter or month gets that precision;
    anything else (one day, an odd span, an end date alone) is ``day``.
    """
    if due_start is None or due_end is None or due_start.year != due_end.year or due_start.day != 1:
        return "day"
    last = calendar.monthrange(due_end.year, due_end.month)[1]
    if due_end.day != last:
        return "day"
    months = due_end.month - due_start.month + 1
    first = due_start.month
    if months == 12:
        return "year"
    if months == 6 and first in (1, 7):
        return "half"
    if months == 3 and first in (1, 4, 7, 10):
        return "quarter"
    if months == 1:
        return "month"
    return "day"


__all__ = [
    "BOARD_GROUPS",
    "DISPLAY_STATUSES",
    "DUE_SOON_DAYS",
    "OPEN_DISPLAY",
    "RESOLVED",
    "STATUSES",
    "DisplayStatus",
    "Horizon",
    "Known",
    "Precision",
    "ResolvedStatus",
    "Standing",
    "Status",
    "Step",
    "horizon",
    "known_on",
    "precision_of",
    "resolution",
    "standing",
]
