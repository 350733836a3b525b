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
    ]:
        assert (out / required).is_file(), required
    assert list((out / "vi" / "commitments").glob("*.html")), "the demo's commitments have pages"

    assert _broken_links(out) == []

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
    assert re.search(r"\d+ pages, \d+ data files, \d+ assets in [\d.]+ s", result.stdout)
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
