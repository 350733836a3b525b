"""Issue 15 item 4: ``chiso publish DIR`` writes a static site whose every link works from the disk.

The site is rendered by the app itself (``chiso.web.static_site``) through the service
``chiso.services.publish``; these tests build it from the demo and from the tracked world.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from chiso.cli import app as cli
from chiso.config import Settings
from chiso.errors import ChisoError
from chiso.services import demo, publish
from chiso.services.publish import ExtraFile, Fetched, SiteOptions, internal_links
from chiso.store.db import Database
from chiso.web.static_site import app_fetcher
from tests.browser.tracked_data import SLUG, build

BASE = "https://example.org/chiso/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def _build(db: Database, out: Path, settings: Settings, **options: object) -> publish.PublishResult:
    with app_fetcher(db, settings) as fetch:
        return publish.publish(db, out, fetch, SiteOptions(**options))  # type: ignore[arg-type]


def _html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def _broken_links(root: Path) -> list[str]:
    """Every href/src/data-href of every HTML file that is not another site's and leads to no file."""
    broken = []
    for page in _html_files(root):
        for link in internal_links(page.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "//")):
                continue
            if link.startswith("/"):
                broken.append(f"{page.relative_to(root)}: absolute {link}")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file() or root.resolve() not in target.parents:
                broken.append(f"{page.relative_to(root)}: {link}")
    return broken


def _broken_feed_links(root: Path, base: str | None) -> list[str]:
    """Every link of every Atom file of the site that is the site's own (under ``base``, or
    relative to the feed) and leads to no file."""
    broken = []
    for feed in sorted(root.rglob("*.atom")):
        for link in ET.parse(feed).getroot().iter(f"{ATOM}link"):
            href = link.get("href", "")
            if base is not None and href.startswith(base):
                target = root / unquote(urlsplit(href[len(base) :]).path)
            elif urlsplit(href).scheme:
                continue  # another site (a report's own address)
            else:
                target = (feed.parent / unquote(urlsplit(href).path)).resolve()
            if not target.is_file():
                broken.append(f"{feed.relative_to(root)}: {href}")
    return broken


def test_demo_site_links_resolve_sitemap_lists_pages_no_forms(
    database: Database, web_settings: Settings, tmp_path: Path
) -> None:
    demo.load_demo(database)
    out = tmp_path / "site"
    result = _build(database, out, web_settings, base_url=BASE)

    pages = _html_files(out)
    assert result.pages + 1 == len(pages)  # and the root's language choice
    for required in [
        "index.html",
        "vi/index.html",
        "en/index.html",
        "vi/indicators.html",
        "en/deadlines.html",
        f"vi/indicators/{SLUG}.html",
        f"en/indicators/{SLUG}.html",
        f"data/indicators/{SLUG}.csv",
        f"data/indicators/{SLUG}.json",
        "static/app.css",
        "static/chart.js",
        "static/vendor/uPlot.iife.min.js",
        "sitemap.xml",
        "robots.txt",
        f"vi/feeds/indicators/{SLUG}.atom",
        f"en/feeds/indicators/{SLUG}.atom",
        "vi/feeds/deadlines.atom",
        "en/feeds/deadlines.atom",
    ]:
        assert (out / required).is_file(), required
    assert list((out / "vi" / "commitments").glob("*.html")), "the demo's commitments have pages"
    for commitment in (out / "en" / "commitments").glob("*.html"):
        assert (out / f"en/feeds/commitments/{commitment.stem}.atom").is_file(), commitment.name

    assert _broken_links(out) == []
    assert _broken_feed_links(out, BASE) == []

    for page in pages:
        text = page.read_text(encoding="utf-8")
        name = str(page.relative_to(out))
        assert "<form" not in text, name
        assert "csrf" not in text.lower(), name
        assert not re.search(r'(href|src)="[^"]*/api[/"]', text), name
        assert "/embed/" not in text, name
        assert "/lang/" not in text, name

    # same templates as the app: the chart reads its table, the PNG button is there
    indicator = (out / f"en/indicators/{SLUG}.html").read_text(encoding="utf-8")
    assert 'id="chart"' in indicator
    assert 'src="../../static/chart.js"' in indicator
    assert "Download PNG" in indicator
    assert f'href="../../data/indicators/{SLUG}.csv"' in indicator
    assert f'href="../feeds/indicators/{SLUG}.atom"' in indicator  # <link rel="alternate"> and Atom
    feed = ET.parse(out / f"en/feeds/indicators/{SLUG}.atom").getroot()
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": f"{BASE}en/feeds/indicators/{SLUG}.atom",
        "alternate": f"{BASE}en/indicators/{SLUG}.html",
    }
    deadlines = (out / "en/deadlines.html").read_text(encoding="utf-8")
    assert 'href="feeds/deadlines.atom"' in deadlines
    assert f'href="../../vi/indicators/{SLUG}.html"' in indicator  # the language switch
    assert '<html lang="vi">' in (out / f"vi/indicators/{SLUG}.html").read_text(encoding="utf-8")

    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.parse(out / "sitemap.xml").getroot()]
    assert sorted(locs) == sorted(BASE + str(p.relative_to(out)) for p in pages)
    assert "Sitemap: https://example.org/chiso/sitemap.xml" in (out / "robots.txt").read_text()

    rows = list(
        csv.DictReader(io.StringIO((out / f"data/indicators/{SLUG}.csv").read_text(encoding="utf-8")))
    )
    assert len(rows) >= 3
    assert result.seconds > 0


def test_one_language_one_programme_and_extra_files(
    database: Database, web_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(database)
    feed = ExtraFile(out="en/feeds/deadlines.atom", body=b"<feed/>", url="/feeds/deadlines.atom", lang="en")
    monkeypatch.setattr(publish.site, "EXTRAS", [lambda db, options: [feed]])
    out = tmp_path / "site"
    result = _build(database, out, web_settings, langs=("en",), programme="Project 06")
    assert not (out / "vi").exists()
    assert (out / "en/feeds/deadlines.atom").read_bytes() == b"<feed/>"
    assert result.extra_files == 1
    listed = {p.stem for p in (out / "en/indicators").glob("*.html")}
    assert SLUG in listed
    assert "digital-economy-gdp-share" not in listed  # another programme's
    assert _broken_links(out) == []
    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.parse(out / "sitemap.xml").getroot()]
    assert "en/index.html" in locs  # no base URL: relative addresses
    assert "Sitemap:" not in (out / "robots.txt").read_text()


def test_the_feeds_of_a_site_without_a_base_url_link_relatively(
    database: Database, web_settings: Settings, tmp_path: Path
) -> None:
    build(database)
    out = tmp_path / "site"
    result = _build(database, out, web_settings, langs=("en",), programme="Project 06")
    feeds = sorted(str(p.relative_to(out)) for p in out.rglob("*.atom"))
    assert "en/feeds/deadlines.atom" in feeds
    assert f"en/feeds/indicators/{SLUG}.atom" in feeds
    assert "en/feeds/indicators/digital-economy-gdp-share.atom" not in feeds  # another programme's
    assert "en/feeds/owners/bo-cong-an.atom" in feeds  # the owner of a published commitment
    assert result.extra_files == len(feeds)
    assert _broken_links(out) == []
    assert _broken_feed_links(out, None) == []
    feed = ET.parse(out / "en/feeds/deadlines.atom").getroot()
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "deadlines.atom", "alternate": "../deadlines.html"}
    entries = [e.find(f"{ATOM}link") for e in feed.iter(f"{ATOM}entry")]
    assert entries
    assert all(e is not None and (e.get("href") or "").startswith("../commitments/") for e in entries)


def test_a_page_the_app_cannot_render_stops_the_publication(database: Database, tmp_path: Path) -> None:
    build(database)

    def failing(url: str, lang: str | None) -> Fetched:
        return Fetched(500, "text/html", b"")

    with pytest.raises(ChisoError) as err:
        publish.publish(database, tmp_path / "site", failing, SiteOptions())
    assert err.value.code == "publish_page_failed"
    (tmp_path / "file").write_text("x")
    with pytest.raises(ChisoError) as err:
        publish.publish(database, tmp_path / "file", failing, SiteOptions())
    assert err.value.code == "not_a_directory"


def test_cli_publishes_with_progress_and_a_summary(sqlite_db: Database, tmp_path: Path) -> None:
    build(sqlite_db)
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli,
        ["--db", str(sqlite_db.url), "--lang", "en", "publish", str(out), "--lang", "vi", "--base-url", BASE],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "Static site written" in result.stdout
    assert re.search(r"\d+ pages, \d+ data files, [1-9]\d* Atom feeds, \d+ assets in [\d.]+ s", result.stdout)
    assert (out / f"vi/indicators/{SLUG}.html").is_file()
    assert not (out / "en").exists()


@pytest.mark.parametrize(
    ("url", "lang", "expected"),
    [
        ("/", "vi", "vi/index.html"),
        ("/indicators?programme=Project+06", "en", "en/indicators.html"),
        (f"/indicators/{SLUG}#h-obs", "vi", f"vi/indicators/{SLUG}.html#h-obs"),
        (f"/indicators/{SLUG}.csv", "vi", f"data/indicators/{SLUG}.csv"),
        ("/deadlines?on=2026-01-01", "en", "en/deadlines.html"),
        ("/deadlines?status=overdue", "en", None),
        ("/deadlines?group=upcoming&offset=25", "en", None),
        ("/commitments/7?on=2026-01-01", "en", "en/commitments/7.html"),
        ("/commitments/8", "en", None),
        ("/lang/en?next=/indicators", "vi", "en/indicators.html"),
        ("/lang/xx?next=/indicators", "vi", None),
        ("/reports/3#m4", "vi", None),
        ("/api/indicators", "vi", None),
        ("/static/app.css", "vi", "static/app.css"),
    ],
)
def test_link_map(url: str, lang: str, expected: str | None) -> None:
    links = publish.LinkMap()
    for path, out, lg in [
        ("/", "vi/index.html", "vi"),
        ("/", "en/index.html", "en"),
        ("/indicators?limit=1000", "en/indicators.html", "en"),
        ("/indicators?limit=1000", "vi/indicators.html", "vi"),
        (f"/indicators/{SLUG}", f"vi/indicators/{SLUG}.html", "vi"),
        (f"/indicators/{SLUG}.csv", f"data/indicators/{SLUG}.csv", None),
        ("/deadlines", "en/deadlines.html", "en"),
        ("/commitments/7", "en/commitments/7.html", "en"),
    ]:
        links.add(path, out, lg)  # type: ignore[arg-type]
    assert links.resolve(url, lang) == expected  # type: ignore[arg-type]


def test_rewrite_makes_links_relative_and_drops_the_rest() -> None:
    links = publish.LinkMap()
    links.add("/deadlines", "vi/deadlines.html", "vi")
    page = (
        '<a href="/deadlines?on=2026-01-01&amp;owner=B%E1%BB%99">x</a> <a class="q" href="/reports/1#m2">q</a>'
        ' <img src="/static/favicon.svg"> <a href="https://example.org/">out</a> <tr data-href="/reports/1">'
    )
    out = links.rewrite(page, "vi/commitments/3.html", "vi")
    assert out == (
        '<a href="../deadlines.html">x</a> <a class="q" >q</a>'
        ' <img src="../../static/favicon.svg"> <a href="https://example.org/">out</a> <tr >'
    )
    assert links.dropped == 2
    assert links.assets == {"/static/favicon.svg"}
