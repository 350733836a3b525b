"""``chiso serve`` runs the worker in its own process (the laptop's default, what `make run`
starts), unless ``--no-worker`` says that ``chiso worker run`` runs elsewhere."""

from __future__ import annotations

import time
from typing import Any

import pytest
import uvicorn
from bench.feedfarm import FeedFarm

from chiso.cli.web_cmd import serve
from chiso.services import feeds
from chiso.store.db import Database


@pytest.mark.parametrize("worker", [True, False])
def test_serve_polls_the_feeds_while_it_serves(
    sqlite_db: Database, worker: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHISO_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("CHISO_ALLOW_PRIVATE_URLS", "1")
    with FeedFarm(feeds=2, items=1) as farm:
        for n in range(2):
            feeds.add_feed(sqlite_db, farm.feed_url(n), allow_private=True)

        def serving(*args: Any, **kwargs: Any) -> None:
            # uvicorn.run's stand-in: the server "serves" until both feeds were polled, or 20 s
            end = time.monotonic() + (20 if worker else 3)
            while time.monotonic() < end and sum(farm.feed_fetches.values()) < 2:
                time.sleep(0.1)

        monkeypatch.setattr(uvicorn, "run", serving)
        serve(sqlite_db.url, "127.0.0.1", 8000, worker=worker)
        assert sum(farm.feed_fetches.values()) == (2 if worker else 0)
