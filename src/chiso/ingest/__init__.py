"""Reading reports: files, stdin, pasted text, HTML pages, PDFs, URLs and feeds.

Readers return a :class:`Document` and raise the typed errors of :mod:`chiso.errors`;
none of them touches the database. Heavy libraries (trafilatura, pypdfium2, feedparser,
brotli) are imported on first use, so reading a text file stays fast.

    read_path / read_stream / read_bytes / read_pasted   files, stdin, uploads, pastes
      ├── read_html   (HTML sniffed by name, content type or markup)
      ├── read_pdf    (``%PDF-`` magic)
      └── text        (BOM, UTF-8, Windows-1258, detected legacy encodings; NFC)
    fetch_url -> FetchResult, read_url -> Document      guarded HTTP(S)
    parse_feed -> ParsedFeed                            RSS/Atom
    band_hashes / same_story / content_sha256   (story fingerprints, the text's checksum)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chiso.ingest.document import Document
from chiso.ingest.files import read_bytes, read_pasted, read_path, read_stream
from chiso.ingest.similarity import band_hashes, content_sha256, same_story

if TYPE_CHECKING:
    from chiso.ingest.feeds import FeedEntry, ParsedFeed, parse_feed
    from chiso.ingest.fetch import DEFAULT_USER_AGENT, FetchResult, fetch_url, read_url
    from chiso.ingest.html import read_html
    from chiso.ingest.pdf import read_pdf

# Names whose modules pull in httpx or feedparser: imported when first used, so that
# ``import chiso.ingest`` for a text file does not pay for the network stack.
_LAZY = {
    "DEFAULT_USER_AGENT": "chiso.ingest.fetch",
    "FetchResult": "chiso.ingest.fetch",
    "fetch_url": "chiso.ingest.fetch",
    "read_url": "chiso.ingest.fetch",
    "FeedEntry": "chiso.ingest.feeds",
    "ParsedFeed": "chiso.ingest.feeds",
    "parse_feed": "chiso.ingest.feeds",
    "read_html": "chiso.ingest.html",
    "read_pdf": "chiso.ingest.pdf",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'chiso.ingest' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "DEFAULT_USER_AGENT",
    "Document",
    "FeedEntry",
    "FetchResult",
    "ParsedFeed",
    "band_hashes",
    "content_sha256",
    "fetch_url",
    "parse_feed",
    "read_bytes",
    "read_html",
    "read_pasted",
    "read_path",
    "read_pdf",
    "read_stream",
    "read_url",
    "same_story",
]
