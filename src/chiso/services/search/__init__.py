"""search: reports, indicators and commitments found by what a reader types, with or without
diacritics ("tai khoan" finds "tài khoản", "dien tu" finds "điện tử")."""

from __future__ import annotations

from chiso.services.search.query import (
    MIN_QUERY,
    CommitmentHit,
    IndicatorHit,
    KindCount,
    ReportHit,
    SearchResults,
    search,
)
from chiso.services.search.snippets import snippet

__all__ = [
    "MIN_QUERY",
    "CommitmentHit",
    "IndicatorHit",
    "KindCount",
    "ReportHit",
    "SearchResults",
    "search",
    "snippet",
]
