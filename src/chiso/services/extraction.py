"""Extraction without a database: read one source and run the pure core on it (``chiso extract``).

The CLI reaches :mod:`chiso.extract` and :mod:`chiso.ingest` only through here; the mention types
are handed on so that a caller can tell a figure from a deadline without importing the core.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from chiso.config import Settings
from chiso.extract import extract
from chiso.extract.types import Deadline, Extraction, Figure, Mention
from chiso.services.reports.sources import read_source


def extract_source(
    source: str,
    *,
    settings: Settings,
    published: date | None = None,
    lang: Literal["auto", "vi", "en"] = "auto",
) -> Extraction:
    """Every figure and dated commitment in ``source`` (a path, ``-`` or a URL). ``published``
    defaults to the date the source carries (an HTML page's metadata, a text's header); an
    ``auto`` language takes the one the source declares, else the core detects it."""
    doc = read_source(source, settings=settings)
    day = published or doc.published_on
    language = lang if lang != "auto" else (doc.lang if doc.lang in ("vi", "en") else "auto")
    return extract(doc.text, published=day, lang=language)  # type: ignore[arg-type]


__all__ = ["Deadline", "Extraction", "Figure", "Mention", "extract_source"]
