"""Links of a page rendered by the app, rewritten for its static copy (pure: text in, text out).

An internal link (``/indicators/x``, ``/commitments/3?on=…``, ``/static/app.css``) becomes the
relative path of the file that copies it (``../indicators/x.html``, ``../static/app.css``), so
the site works from any directory of any host and from the disk. The language switch
(``/lang/en?next=/deadlines``) leads to the same page in the other language's tree. A link to
something not published (a report in the reader, the review queue, an API) is dropped: the
element stays, without its ``href``, and is counted.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from chiso.i18n import Lang, as_lang

#: The attributes holding a URL the static copy must rewrite (data-href: the chart's points).
_ATTR = re.compile(r'(?<![\w-])(href|src|data-href)="([^"]*)"')
#: Query keys of views the site does not copy: a list's later pages, the board by one status
#: (the static board shows every status; its chips stay as text).
_PAGING = frozenset({"offset", "group", "cursor", "status"})
#: Where the app serves its assets; the site copies them to the same place under its root.
STATIC_PREFIX = "/static/"


@dataclass
class LinkMap:
    """App paths -> published files, for one site."""

    #: (path, lang) -> file; lang None for a language-free file (data, assets)
    files: dict[tuple[str, Lang | None], str] = field(default_factory=dict)
    #: the /static/ paths the pages referenced (the site copies each)
    assets: set[str] = field(default_factory=set)
    dropped: int = 0

    def add(self, url: str, out: str, lang: Lang | None) -> None:
        self.files[(urlsplit(url).path, lang)] = out

    def resolve(self, url: str, lang: Lang | None) -> str | None:
        """The file (relative to the site's root, with any #fragment) ``url`` leads to, or None."""
        parts = urlsplit(url)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        path = parts.path
        if path == "/lang" or path.startswith("/lang/"):
            other = as_lang(path.rsplit("/", 1)[-1])
            nxt = parse_qs(parts.query).get("next", ["/"])[0]
            return self.resolve(nxt, other) if other is not None and nxt.startswith("/") else None
        if path.startswith(STATIC_PREFIX):
            self.assets.add(path)
            return path.lstrip("/") + fragment
        if _PAGING & parse_qs(parts.query).keys():
            return None
        found = self.files.get((path, lang)) or self.files.get((path, None))
        return None if found is None else found + fragment

    def rewrite(self, text: str, page_out: str, lang: Lang | None) -> str:
        """``text`` (an HTML page published as ``page_out``) with every internal link relative."""
        here = posixpath.dirname(page_out) or "."

        def one(match: re.Match[str]) -> str:
            name, raw = match.group(1), match.group(2)
            value = html.unescape(raw)
            if not value.startswith("/") or value.startswith("//"):
                return match.group(0)  # another site, a fragment, a data: URL: as it is
            target = self.resolve(value, lang)
            if target is None:
                self.dropped += 1
                return ""
            path, _, fragment = target.partition("#")
            relative = posixpath.relpath(path, here) + (f"#{fragment}" if fragment else "")
            return f'{name}="{html.escape(relative, quote=True)}"'

        return _ATTR.sub(one, text)


def internal_links(text: str) -> Iterable[str]:
    """Every href/src/data-href value of ``text``, unescaped (for checks)."""
    return (html.unescape(m.group(2)) for m in _ATTR.finditer(text))


__all__ = ["STATIC_PREFIX", "LinkMap", "internal_links"]
