"""The whole text's time expressions, for the figures: one line to switch their source.

:func:`chiso.extract.figure_time.date_figures` dates every figure from them in one pass over
the text (which time governs a figure: :mod:`chiso.extract.figure_dating`). ``extract`` finds
them once and shares them with the deadlines; a caller of ``find_figures`` without them gets
them here.
"""

from __future__ import annotations

from datetime import date

from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Lang, TimeExpr


def time_expressions(
    text: str, published: date | None, lang: Lang, *, first_by: int | None = None
) -> list[TimeExpr]:
    """The time expressions of ``text``.

    A figure must survive a period its dates cannot hold: timex raises ValueError on "tháng
    6/0000" (year 0), and a report with a typo must still give its figures, just without a period.
    """
    try:
        return find_time_expressions(text, published, lang, first_by=first_by)
    except (ValueError, OverflowError):
        return []


__all__ = ["time_expressions"]
