"""publish: the public pages as a static site (``chiso publish DIR``), rendered by the app's own
templates, links made relative, with data downloads, the Atom feeds, a sitemap and robots.txt."""

from __future__ import annotations

from chiso.services.publish.feeds import site_feeds
from chiso.services.publish.links import STATIC_PREFIX, LinkMap, internal_links
from chiso.services.publish.schemas import (
    ExtraFile,
    Fetch,
    Fetched,
    PlannedPage,
    PublishResult,
    SiteOptions,
    SitePlan,
)
from chiso.services.publish.site import ALWAYS_ASSETS, EXTRAS, LIST_LIMIT, Extra, plan_site, publish

if site_feeds not in EXTRAS:
    EXTRAS.append(site_feeds)  # the Atom feeds of the published pages

__all__ = [
    "ALWAYS_ASSETS",
    "EXTRAS",
    "LIST_LIMIT",
    "STATIC_PREFIX",
    "Extra",
    "ExtraFile",
    "Fetch",
    "Fetched",
    "LinkMap",
    "PlannedPage",
    "PublishResult",
    "SiteOptions",
    "SitePlan",
    "internal_links",
    "plan_site",
    "publish",
    "site_feeds",
]
