"""Reading a text: normalise, find sentences and times once, then figures, deadlines and progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Literal

from chiso.extract.commitments import find_deadlines
from chiso.extract.figures import find_figures, in_commitments
from chiso.extract.progress import Progress, progress_in
from chiso.extract.text import detect_language, matching_view, normalise, sentences
from chiso.extract.timex import find_time_expressions
from chiso.extract.types import Extraction, Figure, Lang, Mention

#: Stored with every extraction so that ``chiso reextract --stale`` redoes only what changed.
#: 2: the confidence scale (figure_confidence); figures inside commitments are targets.
#: 3: a commitment's action stops where "và"/"and" opens a second action.
#: 4: every figure says when it holds (as_of or period, time_source, time_quote and offsets,
#:    base_period); context carries times across sentences (figure_time).
EXTRACTOR_VERSION = "4"


def extract(text: str, *, published: date | None = None, lang: Lang | Literal["auto"] = "auto") -> Extraction:
    """Find every figure and dated commitment in ``text``.

    ``published`` anchors relative expressions ("đến nay", "năm sau", "next year").
    Offsets in the result point into ``result.text``, the NFC-normalised input.
    """
    return _read(text, published, lang, with_progress=False)[0]


def extract_with_progress(
    text: str, *, published: date | None = None, lang: Lang | Literal["auto"] = "auto"
) -> tuple[Extraction, list[Progress]]:
    """:func:`extract` and :func:`chiso.extract.progress.find_progress` in one reading: the
    normalisation, sentences and time expressions are found once for both (adding a report
    needs both)."""
    return _read(text, published, lang, with_progress=True)


def _read(
    text: str, published: date | None, lang: Lang | Literal["auto"], *, with_progress: bool
) -> tuple[Extraction, list[Progress]]:
    norm = normalise(text)
    view = matching_view(norm)
    language: Lang = detect_language(view) if lang == "auto" else lang
    sents = sentences(view)
    # one timex pass serves all: the deadlines' times, the figures' periods, progress statements
    times = find_time_expressions(view, published, language)
    figures = find_figures(view, sents, published=published, lang=language, times=times)
    deadlines = find_deadlines(view, sents, published=published, lang=language, times=times)
    if deadlines:
        figures = in_commitments(figures, deadlines)
    mentions: list[Mention] = [*figures, *deadlines]
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    progress = progress_in(view, sents, published, language, times) if with_progress else []
    if view != norm:
        # Quotes are what the report says, no-break spaces and all.
        mentions = [_quoted(m, norm) for m in mentions]
    extraction = Extraction(text=norm, lang=language, mentions=tuple(mentions), version=EXTRACTOR_VERSION)
    return extraction, progress


def _quoted(m: Mention, norm: str) -> Mention:
    """The mention with its quotes (and the figure's dating phrase) as the stored text has them."""
    if norm[m.start : m.end] != m.quote:
        m = replace(m, quote=norm[m.start : m.end])
    if isinstance(m, Figure) and m.time_start is not None and m.time_end is not None:
        tq = norm[m.time_start : m.time_end]
        if tq != m.time_quote:
            m = replace(m, time_quote=tq)
    return m


__all__ = ["EXTRACTOR_VERSION", "extract", "extract_with_progress"]
