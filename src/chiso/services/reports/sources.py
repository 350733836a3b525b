"""Turning what a user gives (a path, ``-``, a URL, a file listing them, an upload, pasted text)
into documents: the CLI's and the web's one door to :mod:`chiso.ingest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from chiso.config import Settings
from chiso.errors import InputError
from chiso.ingest import files
from chiso.ingest.document import Document
from chiso.ingest.files import read_bytes, read_path


def is_url(source: str) -> bool:
    head = source.split(":", 1)[0].lower()
    return "://" in source and head.isalpha()


def read_source(
    source: str, *, settings: Settings, allow_private: bool | None = None, stdin: BinaryIO | None = None
) -> Document:
    """Read one source: ``-`` is standard input, ``scheme://…`` a URL (http and https only), else a path."""
    if source == "-":
        stream = stdin or sys.stdin.buffer
        return read_bytes(
            stream.read(settings.max_input_bytes + 1), name="<stdin>", max_bytes=settings.max_input_bytes
        )
    if is_url(source):
        # httpx is imported only for a URL: `chiso extract FILE` starts without it.
        from chiso.ingest.fetch import read_url

        return read_url(
            source,
            allow_private=settings.allow_private_urls if allow_private is None else allow_private,
            timeout=settings.fetch_timeout,
            max_bytes=settings.fetch_max_bytes,
        )
    return read_path(Path(source), max_bytes=settings.max_input_bytes)


def read_web_url(url: str, *, settings: Settings) -> Document:
    """Fetch a web address a person gave (the web form, the API): http or https only, never a
    path on the server; private and loopback addresses are refused unless the server's
    ``allow_private_urls`` setting allows them (as for the CLI)."""
    url = url.strip()
    if not url:
        raise InputError("report_url_missing")
    if not is_url(url):
        raise InputError("url_invalid", url=url)
    return read_source(url, settings=settings)


def read_upload(data: bytes, *, name: str, content_type: str | None, max_bytes: int) -> Document:
    """Read an uploaded file's bytes (PDF, HTML or text, by sniffing as for a file)."""
    return read_bytes(data, name=name, max_bytes=max_bytes, content_type=content_type, source_kind="file")


def read_pasted(text: str, *, max_bytes: int) -> Document:
    """Read text pasted into a form or sent to the API."""
    return files.read_pasted(text, max_bytes=max_bytes)


def expand_sources(sources: list[str], from_file: Path | None = None) -> list[str]:
    """The sources named on the command line, then those listed one per line in ``from_file``
    (blank lines and ``#`` comments skipped), each once, in order."""
    out = list(sources)
    if from_file is not None:
        try:
            listing = from_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no_such_file", name=from_file) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                "sources_list_unreadable", name=from_file, reason=exc.__class__.__name__
            ) from None
        out += [
            line.strip()
            for line in listing.splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
    if not out:
        raise InputError("no_sources")
    seen: set[str] = set()
    return [s for s in out if not (s in seen or seen.add(s))]  # type: ignore[func-returns-value]


__all__ = ["Document", "expand_sources", "is_url", "read_pasted", "read_source", "read_upload", "read_web_url"]
