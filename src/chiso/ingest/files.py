"""Reading reports from files, stdin bytes and pasted text.

Every bad input raises a typed error from :mod:`chiso.errors` whose message is one line
naming the input and the problem ("report.txt: no such file"). Bytes are sniffed, not
trusted by name alone: ``%PDF-`` goes to the PDF reader, HTML to the HTML reader, and the
rest is decoded as text (BOMs, UTF-8, Windows-1258 and other legacy encodings:
:mod:`chiso.ingest.decode`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from chiso.errors import InputError, TooLargeError
from chiso.extract.text import normalise
from chiso.ingest.decode import bomless_utf16, decode_text
from chiso.ingest.document import Document
from chiso.ingest.furniture import drop_page_furniture

_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I | re.S
)


def read_path(path: Path, *, max_bytes: int) -> Document:
    """Read a text, HTML or PDF file; the size is checked before the file is read."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no_such_file", name=name) from None
    except PermissionError:
        raise InputError("permission_denied", name=name) from None
    except OSError as exc:
        raise InputError("unreadable", name=name, reason=exc.strerror or exc) from None
    if stat.S_ISDIR(st.st_mode):
        shown = name if name.endswith(("/", os.sep)) else name + "/"
        raise InputError("is_directory", name=shown)
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise TooLargeError(
            "too_large", name=name, what="file", size=format_size(st.st_size), limit=format_size(max_bytes)
        )
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit so a FIFO or a growing file cannot slip through.
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError("permission_denied", name=name) from None
    except IsADirectoryError:
        raise InputError("is_directory", name=f"{name}/") from None
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise InputError("no_such_file", name=name) from None
        raise InputError("unreadable", name=name, reason=exc.strerror or exc) from None
    if len(data) > max_bytes:
        raise TooLargeError("over_limit", name=name, what="file", limit=format_size(max_bytes))
    return read_bytes(data, name=name, max_bytes=max_bytes)


def read_stream(stream: BinaryIO, *, name: str = "-", max_bytes: int) -> Document:
    """Read stdin (or any binary stream) without buffering more than the limit allows."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeError("over_limit", name=_display(name), what="input", limit=format_size(max_bytes))
    return read_bytes(data, name=name, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    *,
    name: str = "-",
    max_bytes: int,
    content_type: str | None = None,
    source_kind: str = "file",
    url: str | None = None,
    final_url: str | None = None,
) -> Document:
    """Read in-memory bytes (stdin, an upload, a fetched body): PDF, HTML or text by sniffing.

    ``url``/``final_url`` are recorded on the Document (a text header's url is kept
    when none is given).
    """
    doc = _dispatch(data, name=name, max_bytes=max_bytes, content_type=content_type, source_kind=source_kind)
    if url is None and final_url is None:
        return doc
    return replace(doc, url=url or doc.url, final_url=final_url)


def _dispatch(
    data: bytes, *, name: str, max_bytes: int, content_type: str | None, source_kind: str
) -> Document:
    shown = _display(name)
    what = _what(name, source_kind)
    if len(data) > max_bytes:
        raise TooLargeError(
            "too_large", name=shown, what=what, size=format_size(len(data)), limit=format_size(max_bytes)
        )
    if not data:
        raise InputError("empty", name=shown, what=what)
    mime = _mime(content_type)
    named_pdf = mime == "application/pdf" or name.lower().endswith(".pdf")
    # Readers accept junk before the header within the first KB; only trust that when the
    # name or type also says PDF, so a text that mentions "%PDF-" stays text.
    if data.lstrip().startswith(b"%PDF-") or (named_pdf and b"%PDF-" in data[:1024]):
        from chiso.ingest.pdf import read_pdf

        return read_pdf(
            data, name=shown, content_type=content_type or "application/pdf", source_kind=source_kind
        )
    if named_pdf:
        raise InputError("not_pdf", name=shown)
    if _looks_like_html(data, name=name, mime=mime):
        from chiso.ingest.html import read_html

        return read_html(
            data,
            name=shown,
            content_type=content_type or "text/html",
            http_charset=_charset(content_type),
            source_kind=source_kind,
        )
    text, encoding = decode_text(data, name=shown, declared=_charset(content_type))
    doc = text_document(
        text, name=shown, encoding=encoding, content_type=content_type, source_kind=source_kind
    )
    # The bytes as received are archived, as an HTML page's or a PDF's are (since migration 0008).
    return replace(doc, raw=data, content_type=content_type or _text_type(encoding))


def _text_type(encoding: str | None) -> str:
    return f"text/plain; charset={encoding}" if encoding else "text/plain"


def read_pasted(text: str, *, max_bytes: int) -> Document:
    """Read text pasted into a form or given on the command line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise TooLargeError("pasted_too_large", size=format_size(size), limit=format_size(max_bytes))
    if not text.strip():
        raise InputError("pasted_empty")
    if _HTML_SNIFF.match(text[:1024].encode("utf-8", "replace")):
        from chiso.ingest.html import read_html

        return read_html(text.encode("utf-8"), name="pasted text", http_charset="utf-8", source_kind="paste")
    doc = text_document(text, name="pasted text", encoding=None, content_type=None, source_kind="paste")
    # the paste as received, in UTF-8 (what the form or the API sent)
    return replace(doc, raw=text.encode("utf-8", "surrogatepass"), content_type="text/plain; charset=utf-8")


def text_document(
    text: str,
    *,
    name: str,
    encoding: str | None,
    content_type: str | None,
    source_kind: str,
) -> Document:
    """Normalise decoded text, take an optional ``key: value`` header off it, refuse it if blank.

    Windows line ends (CRLF) become one LF first, as Python's text mode reads them;
    otherwise normalise(), which maps each CR to LF one for one, would turn every line
    break of a Windows file into a paragraph break (and so a sentence break).
    """
    text = normalise(text.replace("\r\n", "\n"))
    meta, body = _split_header(text, name=name)
    if not body.strip():
        what = _what(name, source_kind)
        if text.strip() == "":
            raise InputError("empty_whitespace", name=name, what=what)
        raise InputError("empty_header_only", name=name, what=what)
    return Document(
        text=drop_page_furniture(body),
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        author=meta.get("author"),
        published_on=_header_date(meta.get("date") or meta.get("published"), name),
        lang=_lang(meta.get("lang")),
        url=meta.get("url"),
        content_type=content_type,
        raw=None,
        encoding=encoding,
        source_kind=source_kind,
    )


# -- header ----------------------------------------------------------------------------

_HEADER_KEYS = frozenset({"title", "url", "date", "published", "publisher", "lang", "author", "source"})
_HEADER_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ ]*:[ ]*(.*?)\s*$")
_MAX_HEADER_LINES = 40


def _split_header(text: str, *, name: str) -> tuple[dict[str, str], str]:
    """``title: ...`` lines closed by ``---`` become metadata; anything else is all body.

    The first line must be a known key, so prose that happens to hold a colon is never
    taken for a header.
    """
    lines = text.split("\n", _MAX_HEADER_LINES + 1)
    first = _HEADER_LINE.match(lines[0]) if lines else None
    if first is None or first.group(1).lower() not in _HEADER_KEYS:
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[:_MAX_HEADER_LINES]):
        if line.strip() == "---":
            body = "\n".join(lines[i + 1 :]) if i + 1 < len(lines) else ""
            return meta, body.lstrip("\n")
        m = _HEADER_LINE.match(line)
        if m is None:
            return {}, text
        if m.group(2):
            meta[m.group(1).lower()] = m.group(2)
    return {}, text


_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$"),
)


def _header_date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    for form in _DATE_FORMS:
        m = form.match(value.strip())
        if m:
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
    raise InputError("header_date_invalid", name=name, value=value)


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code or None


# -- sniffing and decoding helpers -----------------------------------------------------


def _looks_like_html(data: bytes, *, name: str, mime: str | None) -> bool:
    if mime in _HTML_TYPES or name.lower().endswith(_HTML_NAMES):
        return True
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or bomless_utf16(head) is not None:
        head = head.replace(b"\x00", b"")  # UTF-16 HTML: look at the ASCII bytes only
    head = head.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    return _HTML_SNIFF.match(head) is not None


def _mime(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.I)
    return m.group(1) if m else None


def _what(name: str, source_kind: str) -> str:
    """The noun for the input in messages: file, input (stdin), text (paste), response (URL)."""
    if source_kind == "paste":
        return "text"
    if source_kind == "url":
        return "response"
    return "input" if name in ("-", "stdin") else "file"


def _display(name: str) -> str:
    return "stdin" if name == "-" else name


def format_size(size: int) -> str:
    """25.3 MB, 20 MB: a size as a person reads it (MB of 1024 × 1024 bytes)."""
    value = size / (1024 * 1024)
    if value >= 1 and abs(value - round(value)) < 0.05:
        return f"{round(value)} MB"
    if value < 0.1:
        return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"
    return f"{value:.1f} MB"


__all__ = [
    "format_size",
    "read_bytes",
    "read_pasted",
    "read_path",
    "read_stream",
    "text_document",
]
