"""The app as the renderer of ``chiso publish``: every page of the static site is the app's own.

:func:`app_fetcher` builds the app with ``app.state.static_site`` set (the templates' flag
``ui.static_site``: no forms, no sign-in, no API links, no embed code) and calls it in process,
as an ASGI application (no server, no socket), one request per URL, in the language asked for,
on an event loop of its own in a thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final
from urllib.parse import unquote

from starlette.types import Message

from chiso.config import Settings
from chiso.i18n import Lang
from chiso.services.database import Database
from chiso.services.publish import Fetch, Fetched

#: The host the pages are rendered for (never shown: the static site links relatively).
HOST: Final = "static.invalid"


@contextmanager
def app_fetcher(db: Database, settings: Settings | None = None) -> Iterator[Fetch]:
    """A :data:`~chiso.services.publish.Fetch` rendering URLs with the app on ``db``."""
    from chiso.web.app import create_app

    app = create_app(settings, db=db)
    app.state.static_site = True

    async def call(url: str, lang: Lang | None) -> Fetched:
        path, _, query = url.partition("?")
        headers = [(b"host", HOST.encode())]
        if lang is not None:
            headers.append((b"accept-language", lang.encode()))
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": unquote(path),
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 0),
            "server": (HOST, 80),
        }
        status, ctype, chunks = 500, "", []
        requested, complete = False, asyncio.Event()

        async def receive() -> Message:
            # The request once (no body); then, as a server would, a disconnect only once the
            # response is sent (file responses listen for it while they stream).
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await complete.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status, ctype
            if message["type"] == "http.response.start":
                status = int(message["status"])
                found = dict(message.get("headers", []))
                ctype = found.get(b"content-type", b"").decode("latin-1")
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False):
                    complete.set()

        await app(scope, receive, send)
        return Fetched(status, ctype, b"".join(chunks))

    # The app runs on an event loop of its own, in a thread: the caller may have one running
    # already (a notebook, a test driving a browser), and a loop cannot be entered twice.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="chiso-publish", daemon=True)
    thread.start()

    async def close() -> None:
        await loop.shutdown_asyncgens()
        await loop.shutdown_default_executor()

    try:
        yield lambda url, lang: asyncio.run_coroutine_threadsafe(call(url, lang), loop).result()
    finally:
        asyncio.run_coroutine_threadsafe(close(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


__all__ = ["HOST", "app_fetcher"]
