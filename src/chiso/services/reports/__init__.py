"""Reports: reading a source, adding it (extraction, story, storage), re-reading, dating.

The package's public surface is :mod:`~chiso.services.reports.add`'s, loaded on first use:
``chiso extract`` reads sources through :mod:`~chiso.services.reports.sources` and must not pay
for SQLAlchemy (tests/cli/test_startup.py holds it to that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chiso.services.reports.add import (
        MentionCursor,
        PreparedReport,
        add_report,
        count_reports,
        filtered_mentions,
        get_report,
        list_reports,
        mention_row,
        prepare_report,
        report_mentions,
        store_report,
    )
else:

    def __getattr__(name: str) -> Any:
        if name in __all__:
            from chiso.services.reports import add

            return getattr(add, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MentionCursor",
    "PreparedReport",
    "add_report",
    "count_reports",
    "filtered_mentions",
    "get_report",
    "list_reports",
    "mention_row",
    "prepare_report",
    "report_mentions",
    "store_report",
]
