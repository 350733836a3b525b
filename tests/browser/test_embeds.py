"""Issue 15 item 3: an embed renders inside another site's frame; a normal page refuses to.

Two local origins: the app (``live``) on one port, and a tiny ``http.server`` on another
serving a page of iframes pointing at the app.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Live, _free_port
from tests.browser.tracked_data import SLUG

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>someone else's site</title></head>
<body><h1>A newspaper page</h1>
<iframe id="embed" name="embed" src="{app}/embed/indicators/{slug}?lang=en" width="700" height="520"></iframe>
<iframe id="board" name="board" src="{app}/embed/deadlines?lang=vi" width="700" height="400"></iframe>
<iframe id="full" name="full" src="{app}/indicators/{slug}" width="700" height="400"></iframe>
</body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def other_site(live: Live, tmp_path: Path) -> Iterator[str]:
    """Another origin (another port) serving a page that frames the app."""
    (tmp_path / "index.html").write_text(HOST_PAGE.format(app=live.url, slug=SLUG), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", _free_port()), functools.partial(_Quiet, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, name="other-site", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _frame(page: Any, name: str) -> Any:
    frame = page.frame(name=name)
    assert frame is not None, f"no frame {name}"
    return frame


def test_embed_renders_in_a_frame_of_another_origin_and_a_page_is_refused(
    page: Any, live: Live, other_site: str
) -> None:
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{other_site}/index.html")
    embed = _frame(page, "embed")
    embed.wait_for_selector("#chart[data-rendered-points='4']")
    assert embed.url.startswith(live.url)
    assert "VNeID" in embed.locator("h1").inner_text()
    assert embed.locator("#chart canvas").count() == 1
    back = embed.locator(f"footer a[href='/indicators/{SLUG}']")
    assert back.get_attribute("target") == "_blank"

    board = _frame(page, "board")
    board.wait_for_selector("h1")
    assert "Bảng theo dõi thời hạn" in board.locator("h1").inner_text()
    assert board.locator("li.ecm").count() >= 1

    # The normal page is refused: the frame never holds the app's page.
    full = _frame(page, "full")
    page.wait_for_timeout(500)
    assert full.url.startswith("chrome-error://"), full.url
    assert full.locator("#chart").count() == 0
    assert full.locator(".ind-head").count() == 0
    assert any("frame-ancestors" in m or "Refused to display" in m for m in messages), messages


def test_png_download_of_the_chart(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    page.wait_for_selector("#chart[data-rendered-points='4']")
    button = page.locator("[data-chart-png]")
    assert button.is_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"{SLUG}.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 2000  # a drawn chart, not an empty canvas


def test_embed_code_is_shown_to_copy(page: Any, live: Live) -> None:
    page.goto(f"{live.url}/indicators/{SLUG}")
    page.locator("details.embed-code summary").click()
    box = page.locator("details.embed-code textarea")
    box.focus()
    code = box.input_value()
    assert code.startswith(f'<iframe src="{live.url}/embed/indicators/{SLUG}?lang=vi"')
    selected = page.evaluate(
        "() => { const t = document.activeElement; return t.selectionEnd - t.selectionStart; }"
    )
    assert selected == len(code)
