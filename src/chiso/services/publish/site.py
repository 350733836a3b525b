"""``chiso publish``: a static copy of the public pages, for any static host.

The site is the app's own pages, rendered by the app (the same templates; the web layer hands
in a :data:`~chiso.services.publish.schemas.Fetch` that renders a URL with the template flag
``static_site``: no forms, no sign-in, no API links), their internal links rewritten to
relative file paths (:mod:`~chiso.services.publish.links`). Its layout::

    index.html              chooses vi/ or en/ (the browser's language; links without JS)
    vi/index.html           the dashboard            en/...  the same in English
    vi/indicators.html      the indicator list
    vi/indicators/X.html    each indicator, with its chart
    vi/deadlines.html       the deadline board
    vi/commitments/N.html   each commitment
    data/indicators/X.csv   each series with its sources (and .json), language-free
    static/…                the app's assets (CSS, scripts, uPlot) the pages use
    sitemap.xml robots.txt  with the base URL when one is given

Other parts of chiso add files through :data:`EXTRAS` (the Atom feeds: a function returning
:class:`~chiso.services.publish.schemas.ExtraFile` objects; a page's link to an extra file's
``url`` then leads to it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from chiso.errors import ChisoError, InputError
from chiso.services import commitments, indicators
from chiso.services.database import Database
from chiso.services.publish.links import LinkMap
from chiso.services.publish.schemas import (
    ExtraFile,
    Fetch,
    PlannedPage,
    PublishResult,
    SiteOptions,
    SitePlan,
)

#: Indicators listed on the one page of the static indicator list (the app's own maximum).
LIST_LIMIT = 1000

#: Files other parts of chiso add to the site: each is called with the database and the options
#: and returns the files to write (e.g. the Atom feeds of each language). The integrator of the
#: feeds appends its function here; their ``url`` make the pages' links to them work.
Extra = Callable[[Database, SiteOptions], Iterable[ExtraFile]]
EXTRAS: list[Extra] = []

#: The assets every site has, whatever its pages reference (the root page's language choice).
ALWAYS_ASSETS = ("/static/choose_lang.js", "/static/favicon.svg")


def _query(**params: str | int | None) -> str:
    from urllib.parse import urlencode

    kept = {k: v for k, v in params.items() if v is not None}
    return f"?{urlencode(kept)}" if kept else ""


def plan_site(db: Database, options: SiteOptions) -> SitePlan:
    """Every page and data file of the site, in each language asked for."""
    listed = indicators.page_indicators(db, options.programme, limit=LIST_LIMIT)
    slugs = [i.slug for i in listed.indicators]
    ids = [c.id for c in commitments.list_deadlines(db, on=date.today(), programme=options.programme)]
    pages: list[PlannedPage] = []
    for lang in options.langs:
        at = f"{lang}/"
        pages.append(PlannedPage(url="/", out=f"{at}index.html", lang=lang))
        pages.append(
            PlannedPage(
                url="/indicators" + _query(programme=options.programme, limit=LIST_LIMIT),
                out=f"{at}indicators.html",
                lang=lang,
            )
        )
        pages.append(
            PlannedPage(
                url="/deadlines" + _query(programme=options.programme, limit=commitments.MAX_PAGE_SIZE),
                out=f"{at}deadlines.html",
                lang=lang,
            )
        )
        pages += [
            PlannedPage(url=f"/indicators/{s}", out=f"{at}indicators/{s}.html", lang=lang) for s in slugs
        ]
        pages += [
            PlannedPage(url=f"/commitments/{n}", out=f"{at}commitments/{n}.html", lang=lang) for n in ids
        ]
    for s in slugs:
        for ext in ("csv", "json"):
            pages.append(
                PlannedPage(url=f"/indicators/{s}.{ext}", out=f"data/indicators/{s}.{ext}", html=False)
            )
    return SitePlan(options=options, pages=pages, indicators=slugs, commitments=ids)


def _fetch(fetch: Fetch, page: PlannedPage) -> bytes:
    got = fetch(page.url, page.lang)
    if got.status != 200:
        raise ChisoError("publish_page_failed", page=page.url, http=got.status)
    return got.body


def _write(root: Path, rel: str, body: bytes) -> int:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return len(body)


def _root_index(langs: tuple[str, ...]) -> bytes:
    """The site's front door: the reader's language (choose_lang.js), else plain links."""
    names = {"vi": "Tiếng Việt", "en": "English"}
    links = "\n".join(
        f'    <li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">{names[lang]}</a></li>'
        for lang in langs
    )
    return f"""<!doctype html>
<html lang="{langs[0]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>chỉ số</title>
  <link rel="icon" href="static/favicon.svg" type="image/svg+xml">
  <script src="static/choose_lang.js" data-langs="{" ".join(langs)}"></script>
</head>
<body>
  <h1>chỉ số</h1>
  <ul>
{links}
  </ul>
</body>
</html>
""".encode()


def _sitemap(base_url: str | None, pages: list[str], today: date) -> bytes:
    base = (base_url or "").rstrip("/") + "/" if base_url else ""
    rows = "\n".join(
        f"  <url><loc>{xml_escape(base + p)}</loc><lastmod>{today.isoformat()}</lastmod></url>" for p in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}\n</urlset>\n"
    ).encode()


def _robots(base_url: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode()


def publish(
    db: Database,
    out_dir: Path,
    fetch: Fetch,
    options: SiteOptions,
    *,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[str], None] | None = None,
) -> PublishResult:
    """Write the static site into ``out_dir`` (created; files of an earlier run are overwritten).

    ``on_start`` gets the number of files to render, ``on_done`` each one rendered (a progress bar).
    """
    started = time.perf_counter()
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("not_a_directory", name=str(out_dir))
    plan = plan_site(db, options)
    extras = [f for make in EXTRAS for f in make(db, options)]
    links = LinkMap()
    for page in plan.pages:
        links.add(page.url, page.out, page.lang)
    for extra in extras:
        if extra.url is not None:
            links.add(extra.url, extra.out, extra.lang)
    if on_start is not None:
        on_start(len(plan.pages) + len(extras))
    out_dir.mkdir(parents=True, exist_ok=True)
    size = 0
    html_pages: list[str] = []
    for page in plan.pages:
        body = _fetch(fetch, page)
        if page.html:
            body = links.rewrite(body.decode("utf-8"), page.out, page.lang).encode("utf-8")
            html_pages.append(page.out)
        size += _write(out_dir, page.out, body)
        if on_done is not None:
            on_done(page.out)
    for extra in extras:
        size += _write(out_dir, extra.out, extra.body)
        if on_done is not None:
            on_done(extra.out)
    assets = sorted(links.assets | set(ALWAYS_ASSETS))
    for asset in assets:
        size += _write(
            out_dir, asset.lstrip("/"), _fetch(fetch, PlannedPage(url=asset, out=asset, html=False))
        )
    size += _write(out_dir, "index.html", _root_index(options.langs))
    listed = ["index.html", *html_pages]
    size += _write(out_dir, "sitemap.xml", _sitemap(options.base_url, listed, date.today()))
    size += _write(out_dir, "robots.txt", _robots(options.base_url))
    return PublishResult(
        out_dir=str(out_dir),
        pages=len(html_pages),
        data_files=len(plan.pages) - len(html_pages),
        assets=len(assets),
        extra_files=len(extras),
        bytes=size,
        links_dropped=links.dropped,
        seconds=round(time.perf_counter() - started, 2),
    )


__all__ = ["ALWAYS_ASSETS", "EXTRAS", "LIST_LIMIT", "Extra", "plan_site", "publish"]
