"""What a static publication is made of: its options, its plan, the pages fetched, the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from chiso.i18n import Lang


class SiteOptions(BaseModel):
    """What ``chiso publish`` was asked for."""

    model_config = ConfigDict(frozen=True)

    #: the address the site will be served from (``https://example.org/chiso/``); the sitemap and
    #: robots.txt need it, the pages themselves only link relatively
    base_url: str | None = None
    #: only this programme's indicators and commitments (the dashboard stays whole)
    programme: str | None = None
    langs: tuple[Lang, ...] = ("vi", "en")


class PlannedPage(BaseModel):
    """One file of the site and the app URL it is a copy of."""

    model_config = ConfigDict(frozen=True)

    #: the app's URL (path and query) the file is fetched from
    url: str
    #: the file, relative to the site's root (``vi/indicators/x.html``, ``data/x.csv``)
    out: str
    #: the language the page is rendered in; None for a language-free file (data, assets)
    lang: Lang | None = None
    #: an HTML page (its links are rewritten, it goes into the sitemap)
    html: bool = True


class SitePlan(BaseModel):
    options: SiteOptions
    #: every page and data file, before the assets they reference (found while writing)
    pages: list[PlannedPage]
    indicators: list[str]
    commitments: list[int]


class PublishResult(BaseModel):
    """What was written."""

    out_dir: str
    pages: int
    data_files: int
    assets: int
    extra_files: int
    bytes: int
    #: internal links that lead to nothing published (a reader page, a report): shown as text
    links_dropped: int
    seconds: float


class Fetched(NamedTuple):
    """One response of the app: status, content type, body."""

    status: int
    content_type: str
    body: bytes


#: Renders one app URL in a language (None: as it comes, for data and assets). The web layer
#: provides it (:func:`chiso.web.static_site.app_fetcher`): the app itself renders every page,
#: so the static copy and the app share their templates.
Fetch = Callable[[str, Lang | None], Fetched]


class ExtraFile(BaseModel):
    """A file another part of chiso adds to the site (the Atom feeds: see ``EXTRAS``)."""

    model_config = ConfigDict(frozen=True)

    #: the file, relative to the site's root (``vi/feeds/deadlines.atom``)
    out: str
    body: bytes
    #: the app URL it stands for, so that links to it in the pages are rewritten to it
    url: str | None = None
    lang: Lang | None = None


__all__ = ["ExtraFile", "Fetch", "Fetched", "PlannedPage", "PublishResult", "SiteOptions", "SitePlan"]
