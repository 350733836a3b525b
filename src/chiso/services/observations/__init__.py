"""Observations, the public entry the CLI, the web app and the other services import: accepted
figures as indicator time series with provenance, and their conflicts. The code lives by concept
in :mod:`~chiso.services.observations.recording` (from an accepted mention to an observation),
:mod:`~chiso.services.observations.series` (the read paths) and
:mod:`~chiso.services.observations.conflicts` (finding conflicts). The rules they apply (comparing
stated values, the point a date shows, a series' headline) are :mod:`chiso.track.series`, and
the queries :mod:`chiso.store.observations`.
"""

from __future__ import annotations

from chiso.services.observations.conflicts import conflicts, find_conflicts
from chiso.services.observations.recording import (
    ObservationDates,
    detach,
    find_or_create,
    observation_dates,
    observe,
)
from chiso.services.observations.series import (
    latest,
    latest_of,
    list_observations,
    page_observations,
    series,
    tracked,
)
from chiso.track.series import Stated, compare, interval, tolerance

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
    "latest_of",
    "list_observations",
    "observation_dates",
    "observe",
    "page_observations",
    "series",
    "tolerance",
    "tracked",
]
