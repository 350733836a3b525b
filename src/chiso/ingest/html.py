"""HTML pages: the article's main text and metadata, with the raw page kept for the archive.

trafilatura finds the main text (navigation, related-article lists, captions, ads and
comments left out) and the metadata (title, date, site name, author). It is imported
when first needed: it is slow to import and the text-file path never uses it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from chiso.errors import InputError
from chiso.extract.text import normalise
from chiso.ingest.decode import decode_text
from chiso.ingest.document import Document
from chiso.ingest.furniture import drop_page_furniture

# A <meta charset> or http-equiv Content-Type must sit in the first 1024 bytes (HTML
# standard's prescan); a little more slack costs nothing.
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)
_META_LOCALE = re.compile(
    r"""<meta[^>]+?(?:property|name)\s*=\s*["'](?:og:locale|language|content-language)["'][^>]*?content\s*=\s*["']([A-Za-z]{2,3})""",
    re.I,
)


# Fewer letters than this is a menu or a stub, not an article (trafilatura falls back to
# whatever text a page has).
_MIN_TEXT_CHARS = 20

# Image captions that trafilatura keeps: captions marked by class name, and the small
# "image box" tables many Vietnamese CMSs wrap a photo and its caption in (a data
# table has more rows, or header cells, and no picture).
_PRUNE = [
    "//*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]",
    "//table[.//img][count(.//tr) <= 3][not(.//th)]",
]


def decode_html(data: bytes, *, name: str, http_charset: str | None = None) -> tuple[str, str]:
    """Decode a page: BOM, then the HTTP charset, then ``<meta charset>``, then detection."""
    declared = http_charset or _meta_charset(data)
    if declared:
        declared = _fix_label(declared)
    return decode_text(data, name=name, declared=declared)


def read_html(
    data: bytes,
    *,
    name: str,
    url: str | None = None,
    final_url: str | None = None,
    content_type: str | None = "text/html",
    http_charset: str | None = None,
    source_kind: str = "file",
) -> Document:
    """Main text and metadata of an HTML page; ``raw`` keeps the bytes as received."""
    html, encoding = decode_html(data, name=name, http_charset=http_charset)
    found = _extract(html, url=final_url or url)
    # trafilatura drops teaser lists and captions it recognises by markup; these by their words.
    text = drop_page_furniture(normalise(str(found.get("text") or "")).strip())
    if sum(ch.isalnum() for ch in text) < _MIN_TEXT_CHARS:
        raise InputError("html_no_article", name=name)
    return Document(
        text=text,
        title=_clean(found.get("title")),
        publisher=_clean(found.get("sitename")),
        author=_clean(found.get("author")),
        published_on=_date(found.get("date")),
        lang=_page_lang(html) or _clean(found.get("language")),
        url=url,
        final_url=final_url,
        content_type=content_type,
        raw=data,
        encoding=encoding,
        source_kind=source_kind,
    )


def _extract(html: str, *, url: str | None) -> dict[str, Any]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        # Prefer the publication date over a later "updated" stamp.
        date_extraction_params={"extensive_search": True, "original_date": True},
        prune_xpath=_PRUNE,
    )
    if result is None:
        return {}
    if isinstance(result, dict):
        return result
    found: dict[str, Any] = result.as_dict()
    return found


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _fix_label(label: str) -> str:
    # Browsers read "iso-8859-1" and "us-ascii" as windows-1252 (WHATWG Encoding); so do we.
    low = label.strip().lower()
    if low in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"}:
        return "cp1252"
    return low


def _page_lang(html: str) -> str | None:
    head = html[:8192]
    m = _HTML_LANG.search(head) or _META_LOCALE.search(head)
    return m.group(1).lower() if m else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalise(value).split())
    return value or None


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


__all__ = ["decode_html", "read_html"]
