"""Issue 15 item 4 in a browser: the static site, served by a plain file server, works without the app.

The front page sends the reader to their language, the indicator page draws its chart from
the copied uPlot and chart.js, and the language switch leads to the other language's copy.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chiso.config import Settings
from chiso.services import publish
from chiso.services.publish import SiteOptions
from chiso.store.db import Database
from chiso.web.static_site import app_fetcher
from tests.browser.conftest import _free_port
from tests.browser.test_embeds import _Quiet
from tests.browser.tracked_data import SLUG, build

pytestmark = pytest.mark.browser


@pytest.fixture
def static_site(sqlite_db: Database, tmp_path: Path) -> Iterator[str]:
    """The tracked world published into a directory, served by ``http.server`` (no app running)."""
    build(sqlite_db)
    out = tmp_path / "site"
    with app_fetcher(sqlite_db, Settings(database_url=sqlite_db.url, secret_key="static")) as fetch:
        publish.publish(sqlite_db, out, fetch, SiteOptions())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", _free_port()), functools.partial(_Quiet, directory=str(out))
    )
    thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_static_site_chooses_the_language_and_draws_the_chart(page: Any, static_site: str) -> None:
    page.goto(f"{static_site}/index.html")
    page.wait_for_url(f"{static_site}/vi/index.html")  # the page fixture's browser speaks Vietnamese
    page.locator("nav.nav a", has_text="Chỉ số").click()
    page.wait_for_url(f"{static_site}/vi/indicators.html")
    page.locator(f"a[href='indicators/{SLUG}.html']").first.click()
    page.wait_for_url(f"{static_site}/vi/indicators/{SLUG}.html")
    page.wait_for_selector("#chart[data-rendered-points='4']")
    assert page.locator("[data-chart-png]").is_visible()
    assert page.locator("form").count() == 0
    page.locator("a[data-lang-switch]").click()
    page.wait_for_url(f"{static_site}/en/indicators/{SLUG}.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.wait_for_selector("#chart[data-rendered-points='4']")
    with page.expect_download() as info:
        page.locator(f"a[href='../../data/indicators/{SLUG}.csv']").click()
    assert info.value.suggested_filename == f"{SLUG}.csv"
