"""The Atom feeds of a static site (registered in :data:`~chiso.services.publish.EXTRAS`): for
each language, every published indicator's and commitment's feed, the deadlines (of the site's
programme when it has one) and each owner of a published commitment, at the paths the app serves
them under that language's directory (``vi/feeds/deadlines.atom``), so the pages' ``<link
rel="alternate">`` and Atom links lead to them.

The feeds are :mod:`chiso.services.alerts.atom`'s, their links made for the site: with a base
URL, absolute (the feed's ``self`` link is its own address on the site); without, relative to
the feed's file (Atom readers resolve them against the feed's address). A page link leads to the
page's file (``…/vi/commitments/3.html``).
"""

from __future__ import annotations

import posixpath
import re
from datetime import date

from chiso.i18n import Lang
from chiso.services.alerts import atom
from chiso.services.database import Database
from chiso.services.publish.schemas import ExtraFile, SiteOptions
from chiso.services.publish.site import plan_site

#: the base the feeds are made with, replaced by the site's addresses (never published)
_SITE = "https://site.invalid"
_LINK = re.compile(r'href="' + re.escape(_SITE) + r'(/[^"?#]*)(?:\?[^"#]*)?(#[^"]*)?"')


def _site_file(path: str, lang: Lang) -> str:
    """The file of the site an app path of a feed's link stands for."""
    if path.startswith("/feeds/"):
        return f"{lang}{path}"
    if path in ("", "/"):
        return f"{lang}/index.html"
    return f"{lang}{path}.html"


def _for_site(body: bytes, out: str, lang: Lang, base_url: str | None) -> bytes:
    here = posixpath.dirname(out)
    root = base_url.rstrip("/") + "/" if base_url else None

    def one(m: re.Match[str]) -> str:
        target = _site_file(m.group(1), lang)
        href = root + target if root else posixpath.relpath(target, here)
        return f'href="{href}{m.group(2) or ""}"'

    return _LINK.sub(one, body.decode("utf-8")).encode("utf-8")


def site_feeds(db: Database, options: SiteOptions) -> list[ExtraFile]:
    """The Atom files of the site ``options`` describes."""
    plan = plan_site(db, options)
    owners = atom.owner_slugs(db, plan.commitments)
    today = date.today()
    files: list[ExtraFile] = []
    for lang in options.langs:

        def add(path: str, body: bytes, lang: Lang = lang) -> None:
            out = f"{lang}{path}"
            files.append(
                ExtraFile(out=out, body=_for_site(body, out, lang, options.base_url), url=path, lang=lang)
            )

        for slug in plan.indicators:
            add(f"/feeds/indicators/{slug}.atom", atom.indicator_feed(db, slug, base=_SITE, lang=lang))
        for cid in plan.commitments:
            add(f"/feeds/commitments/{cid}.atom", atom.commitment_feed(db, cid, base=_SITE, lang=lang))
        add(
            "/feeds/deadlines.atom",
            atom.deadlines_feed(db, programme=options.programme, base=_SITE, lang=lang, today=today),
        )
        for slug in owners:
            add(f"/feeds/owners/{slug}.atom", atom.owner_feed(db, slug, base=_SITE, lang=lang, today=today))
    return files


__all__ = ["site_feeds"]
