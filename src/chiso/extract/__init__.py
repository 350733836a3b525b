"""The extraction core: text in, mentions out. No I/O, no database, no mutable globals.

>>> from datetime import date
>>> result = extract("Đến nay đã kích hoạt trên 67 triệu tài khoản.", published=date(2026, 1, 16))
>>> [(m.quote, m.value) for m in result.figures]
[('trên 67 triệu tài khoản', 67000000.0)]
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from chiso.extract.commitments import find_deadlines
from chiso.extract.figures import find_figures
from chiso.extract.text import detect_language, normalise, sentences
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

#: Stored with every extraction so that ``chiso reextract --stale`` redoes only what changed.
EXTRACTOR_VERSION = "1"


def extract(text: str, *, published: date | None = None, lang: Lang | Literal["auto"] = "auto") -> Extraction:
    """Find every figure and dated commitment in ``text``.

    ``published`` anchors relative expressions ("đến nay", "năm sau", "next year").
    Offsets in the result point into ``result.text``, the NFC-normalised input.
    """
    norm = normalise(text)
    language: Lang = detect_language(norm) if lang == "auto" else lang
    sents = sentences(norm)
    figures = find_figures(norm, sents, published=published, lang=language)
    deadlines = find_deadlines(norm, sents, published=published, lang=language)
    mentions: list[Mention] = [*figures, *deadlines]
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    return Extraction(text=norm, lang=language, mentions=tuple(mentions), version=EXTRACTOR_VERSION)


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
]
