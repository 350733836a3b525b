"""The extraction core: text in, mentions out. No I/O, no database, no mutable globals.

>>> from datetime import date
>>> result = extract("Đến nay đã kích hoạt trên 67 triệu tài khoản.", published=date(2026, 1, 16))
>>> [(m.quote, m.value) for m in result.figures]
[('trên 67 triệu tài khoản', 67000000.0)]

The value types (:mod:`chiso.extract.types`: ``Lang``, ``Qualifier``, ``Precision``, the
mentions) load at once; the reader (:mod:`chiso.extract.reading`) on first use of
:func:`extract`, because compiling its grammars takes ~180 ms that a command or page needing
only the types (the catalogues' ``Lang``) should not pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chiso.extract.types import (
    PRECISIONS,
    QUALIFIERS,
    Deadline,
    Extraction,
    Figure,
    Lang,
    Mention,
    Precision,
    Qualifier,
)

if TYPE_CHECKING:
    from chiso.extract.reading import EXTRACTOR_VERSION, extract, extract_with_progress
else:
    _READING = frozenset({"EXTRACTOR_VERSION", "extract", "extract_with_progress"})

    def __getattr__(name: str) -> Any:
        if name in _READING:
            from chiso.extract import reading

            return getattr(reading, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXTRACTOR_VERSION",
    "PRECISIONS",
    "QUALIFIERS",
    "Deadline",
    "Extraction",
    "Figure",
    "Lang",
    "Mention",
    "Precision",
    "Qualifier",
    "extract",
    "extract_with_progress",
]
