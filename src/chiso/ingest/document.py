"""The value object every reader returns: cleaned text beside its metadata and raw bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

SourceKind = Literal["file", "url", "paste", "feed"]


@dataclass(frozen=True, slots=True)
class Document:
    """One report as read from a file, a URL, a paste or a feed item; no database involved."""

    text: str  # normalise()d (NFC): the body the extractor sees
    title: str | None = None
    publisher: str | None = None  # site name
    author: str | None = None
    published_on: date | None = None
    lang: str | None = None  # "vi"/"en" when the source says so
    url: str | None = None  # as given
    final_url: str | None = None  # after redirects
    content_type: str | None = None
    raw: bytes | None = None  # archived original bytes (HTML page, PDF); None for plain text
    encoding: str | None = None  # detected encoding of text inputs
    source_kind: str = "file"  # file | url | paste | feed


__all__ = ["Document", "SourceKind"]
