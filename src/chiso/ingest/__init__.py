"""Reading reports: files, stdin, pasted text, HTML pages, PDFs, URLs and feeds.

Readers return a :class:`Document` and raise the typed errors of :mod:`chiso.errors`;
none of them touches the database. Heavy libraries (trafilatura, pypdf, feedparser)
are imported on first use so that reading a text file stays fast.
"""

from __future__ import annotations

from chiso.ingest.document import Document
from chiso.ingest.files import read_bytes, read_pasted, read_path, read_stream

__all__ = ["Document", "read_bytes", "read_pasted", "read_path", "read_stream"]
