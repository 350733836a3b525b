"""Observations, the public entry the CLI, the web app and the other services import: accepted
figures as indicator time series with provenance, and their conflicts. The code lives by concept
in :mod:`~chiso.services.observations.recording` (from an accepted mention to an observation),
:mod:`~chiso.services.observations.series` (the read paths) and
:mod:`~chiso.services.observations.conflicts` (comparing stated values, finding conflicts).
"""

from __future__ import annotations

from chiso.services.observations.conflicts import (
    Stated,
    compare,
    conflicts,
    find_conflicts,
    interval,
    tolerance,
)
from chiso.services.observations.recording import (
    ObservationDates,
    detach,
    find_or_create,
    observation_dates,
    observe,
)
from chiso.services.observations.series import latest, list_observations, page_observations, series, tracked

__all__ = [
    "ObservationDates",
    "Stated",
    "compare",
    "conflicts",
    "detach",
    "find_conflicts",
    "find_or_create",
    "interval",
    "latest",
    "list_observations",
    "observation_dates",
    "observe",
    "page_observations",
    "series",
    "tolerance",
    "tracked",
]
