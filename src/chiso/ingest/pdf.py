"""PDF reports: the text layer, page by page, with pypdf.

A scanned report has pages but no text layer; that is a clear error asking for OCR
rather than an empty report.
"""

from __future__ import annotations

import io
import logging

from chiso.errors import InputError
from chiso.extract.text import normalise
from chiso.ingest.document import Document

# Fewer letters than this on every page together means the PDF is images of pages.
_MIN_TEXT_CHARS = 20


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
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    # pypdf reports recoverable damage through logging; it is noise for a user.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except FileNotDecryptedError:
        raise InputError(f"{name}: PDF is password-protected") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        # pypdf raises a spread of errors on damaged files; all mean "unreadable".
        raise InputError(f"{name}: not a readable PDF (damaged or truncated)") from None
    if not pages:
        raise InputError(f"{name}: PDF has no pages")
    text = normalise("\n\n".join(p.strip("\n") for p in pages)).strip()
    if sum(ch.isalnum() for ch in text) < _MIN_TEXT_CHARS:
        raise InputError(f"{name}: PDF has no text layer (scanned image?); run OCR first")
    title = _meta(info, "title")
    author = _meta(info, "author")
    # The PDF's creation date is when the file was made, not when the report was
    # published; a wrong date would silently date every figure, so it is not used.
    return Document(
        text=text,
        title=title,
        author=author,
        url=url,
        final_url=final_url,
        content_type=content_type,
        raw=data,
        source_kind=source_kind,
    )


def _meta(info: object, attr: str) -> str | None:
    value = getattr(info, attr, None) if info is not None else None
    if not isinstance(value, str):
        return None
    value = " ".join(normalise(value).split())
    return value or None


__all__ = ["read_pdf"]
