"""What a report was read from: its archived original bytes, exactly as received, and the text
the extractor read."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from chiso.errors import NotFoundError
from chiso.store import lookups
from chiso.store import reports as stored_reports
from chiso.store.db import Database
from chiso.store.models import Report

_EXTENSIONS = {"application/pdf": "pdf", "text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class OriginalFile:
    """A download: the bytes, their type and checksum, and a file name to save them under."""

    body: bytes
    content_type: str
    sha256: str
    filename: str


def _filename(report_id: int, url: str | None, content_type: str) -> str:
    """``report-12.pdf``, or ``report-12-plan.pdf`` after the last part of its URL's path."""
    ext = _EXTENSIONS.get(content_type.split(";", 1)[0].strip().lower(), "bin")
    stem = ""
    if url:
        last = urlsplit(url.strip()).path.rstrip("/").rsplit("/", 1)[-1]
        stem = _SAFE.sub("-", last.rsplit(".", 1)[0]).strip("-.")[:60]
    return f"report-{report_id}{'-' + stem if stem else ''}.{ext}"


def original(db: Database, report_id: int) -> OriginalFile:
    """The bytes a report was read from, as received (NotFoundError when none were kept)."""
    with db.reading() as s:
        report = lookups.get(s, Report, report_id)
        kept = stored_reports.original(s, report_id)
        if kept is None:
            raise NotFoundError("report_no_original", id=report_id)
        content_type = kept.content_type or "application/octet-stream"
        return OriginalFile(
            body=kept.body,
            content_type=content_type,
            sha256=kept.sha256,
            filename=_filename(report_id, report.url, content_type),
        )


def extracted_text(db: Database, report_id: int) -> OriginalFile:
    """The text the extractor read (UTF-8), which every mention's offsets point into."""

    with db.reading() as s:
        report = lookups.get(s, Report, report_id)
        body = report.text.encode("utf-8")
        return OriginalFile(
            body=body,
            content_type="text/plain; charset=utf-8",
            sha256=hashlib.sha256(body).hexdigest(),
            filename=f"report-{report_id}.txt",
        )


__all__ = ["OriginalFile", "extracted_text", "original"]
