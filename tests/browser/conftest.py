"""Browser fixtures: the app served by uvicorn in a thread, and Debian's chromium through Playwright.

The tests need ``/usr/bin/chromium`` (``apt-get install chromium``) and skip with that reason
when it is missing; Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from chiso.config import Settings
from chiso.services.users import accounts as users
from chiso.store.db import Database
from tests.browser.tracked_data import World, build

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
EDITOR = "bien-tap-vien"
PASSWORD = "mật khẩu thử nghiệm dài"


@dataclass(frozen=True)
class Live:
    url: str
    world: World
    db: Database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_settings() -> dict[str, Any]:
    """Settings the live app takes besides its database and key (a module may override this)."""
    return {}


@pytest.fixture
def live(sqlite_db: Database, tmp_path: Path, live_settings: dict[str, Any]) -> Iterator[Live]:
    """The app on a fresh SQLite database holding the tracked world and an editor, on a free port."""
    import uvicorn

    from chiso.web.app import create_app

    world = build(sqlite_db)
    users.add_user(sqlite_db, EDITOR, "editor", PASSWORD, actor="test")
    settings = Settings(database_url=sqlite_db.url, secret_key="browser-test-secret", **live_settings)
    app = create_app(settings, db=sqlite_db)
    port = _free_port()
    # ws="none": no websockets import (its deprecation warnings would fail the run), nothing to serve there.
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="chiso-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield Live(url=f"http://127.0.0.1:{port}", world=world, db=sqlite_db)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context in Vietnamese (the app's default language), 1280 px wide."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page: Any, name: str) -> Path:
    """Save a full-page screenshot into artifacts/screenshots/ (kept by CI, ignored by git)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
