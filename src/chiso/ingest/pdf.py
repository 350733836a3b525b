"""PDF reports: the text layer, page by page, with PDFium (pypdfium2).

A scanned report has pages but no text layer; that is a clear error asking for OCR
rather than an empty report.

Why PDFium and not pypdf (issue 12 #4, measured on pages printed by Chromium and LibreOffice in
Vietnamese and English, BENCHMARKS.md "PDF text"): Chromium writes each precomposed Vietnamese
letter as its own positioned glyph, and pypdf's default mode reads "68 tri ệ u tài kho ả n", so
"68" lost its unit; pypdf's layout mode joins the words but puts the two columns of a two-column
page side by side on each line, mixing their sentences. PDFium (and pdfminer.six, 10 times
slower) joined the words and kept the reading order on every page we printed.

Some text layers are broken whatever reads them (LibreOffice's justified lines place every
glyph apart: "t nh đã c p m i … ỉ ấ ớ"). Figures read from such a page would be wrong with a
straight face, so the PDF is refused with the page numbers instead (:func:`looks_broken`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from chiso.errors import InputError
from chiso.extract.text import normalise
from chiso.ingest.document import Document
from chiso.ingest.furniture import drop_page_furniture

if TYPE_CHECKING:
    import pypdfium2

# Fewer letters than this on every page together means the PDF is images of pages.
_MIN_TEXT_CHARS = 20

# PDFium is not thread-safe (pypdfium2's documentation); the web app reads uploads in threads.
_PDFIUM = threading.Lock()

# PDFium marks a soft hyphen at a line end as U+0002 and a generated hyphen as U+FFFE.
_PDFIUM_MARKS = str.maketrans({"\x02": "", "\ufffe": "", "\r": None})


def read_pdf(
    data: bytes,
    *,
    name: str,
    url: str | None = None,
    final_url: str | None = None,
    content_type: str | None = "application/pdf",
    source_kind: str = "file",
) -> Document:
    """Text of every page joined by blank lines; ``raw`` keeps the PDF bytes."""
    with _opened(data, name) as pdf:
        pages = [_page_text(pdf, i) for i in range(len(pdf))]
        meta = pdf.get_metadata_dict(skip_empty=True)
    if not pages:
        raise InputError("pdf_no_pages", name=name)
    broken = [str(i + 1) for i, page in enumerate(pages) if looks_broken(page)]
    if broken:
        numbers = ", ".join(broken[:5]) + (" …" if len(broken) > 5 else "")
        raise InputError("pdf_split_letters", name=name, pages=numbers)
    text = drop_page_furniture(normalise("\n\n".join(p.strip("\n") for p in pages)).strip())
    if sum(ch.isalnum() for ch in text) < _MIN_TEXT_CHARS:
        raise InputError("pdf_no_text_layer", name=name)
    # The PDF's creation date is when the file was made, not when the report was
    # published; a wrong date would silently date every figure, so it is not used.
    return Document(
        text=text,
        title=_meta(meta.get("Title")),
        author=_meta(meta.get("Author")),
        url=url,
        final_url=final_url,
        content_type=content_type,
        raw=data,
        source_kind=source_kind,
    )


@contextmanager
def _opened(data: bytes, name: str) -> Iterator[pypdfium2.PdfDocument]:
    import pypdfium2

    with _PDFIUM:
        try:
            # An empty user password opens the many PDFs that are "encrypted" only against editing.
            pdf = pypdfium2.PdfDocument(data, password="")
        except pypdfium2.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise InputError("pdf_encrypted", name=name) from None
            raise InputError("pdf_unreadable", name=name) from None
        try:
            yield pdf
        finally:
            pdf.close()


def _page_text(pdf: pypdfium2.PdfDocument, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return normalise(textpage.get_text_bounded().translate(_PDFIUM_MARKS))
        finally:
            textpage.close()
    finally:
        page.close()


def _meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalise(value).split())
    return value or None


# -- a text layer that splits words ----------------------------------------------------------
#
# A broken page reads as single letters between spaces: "tri ệ u", "kho ả n", "t nh đã c p m i".
# Real prose has few one-letter words: Vietnamese "ở", "ý", "y" (y tế), "à", English "a", "I".
# Share of other one-letter words among words, measured (2026-12, pages of 400 words):
# broken pages 0.53-0.57 (pypdf on Chromium's Vietnamese pages, PDFium on LibreOffice's
# justified one); the project's 31 corpus pages: median 0, highest 0.22 (a page of file names
# and hex ids) and 0.18 (units "m", "t"); the shared seed reports at most 0.02. 0.30 sits between.
# A page needs 40 words before it is judged, so a title page or a table is never refused.
_WORD = re.compile(r"[^\W\d_]+")
_ONE_LETTER_WORDS = frozenset("aAiIoOyYxXởỞýÝàÀ")
_BROKEN_SHARE = 0.30
_MIN_WORDS = 40


def looks_broken(page: str) -> bool:
    """Whether a page's text splits words apart: too many one-letter "words"."""
    words = _WORD.findall(page)
    if len(words) < _MIN_WORDS:
        return False
    lone = sum(1 for w in words if len(w) == 1 and w not in _ONE_LETTER_WORDS)
    return lone / len(words) > _BROKEN_SHARE


__all__ = ["looks_broken", "read_pdf"]
