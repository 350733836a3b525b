"""The worker's Huey tasks in one process: in immediate mode (each task run as it is enqueued) and
with a real consumer in threads over the SqliteHuey file beside the database (``chiso serve``'s
embedded worker)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bench.feedfarm import FeedFarm
from huey import MemoryHuey, SqliteHuey
from sqlalchemy import func, select, update

from chiso.config import Settings, load_settings
from chiso.errors import InputError
from chiso.services import feeds, worker_status
from chiso.store.db import Database
from chiso.store.models import Feed, Report
from chiso.worker import InProcess, build, make_queue


@pytest.fixture
def farm() -> Iterator[FeedFarm]:
    with FeedFarm(feeds=4, items=3) as f:
        yield f


def _settings(**kw: object) -> Settings:
    return load_settings(allow_private_urls=True, fetch_timeout=5.0, **kw)


def _follow(db: Database, farm: FeedFarm) -> list[int]:
    return [feeds.add_feed(db, farm.feed_url(n), allow_private=True).id for n in range(farm.feeds)]


def _reports(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Report)) or 0)


def _wait(check: Callable[[], bool], seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.parametrize(
    ("database_url", "queue_url", "kind", "path"),
    [
        ("sqlite:///{tmp}/chiso.sqlite3", None, SqliteHuey, "{tmp}/chiso-queue.sqlite3"),
        ("{tmp}/data.db", None, SqliteHuey, "{tmp}/data-queue.sqlite3"),
        ("sqlite:///:memory:", None, MemoryHuey, None),
        ("sqlite:///{tmp}/chiso.sqlite3", "memory", MemoryHuey, None),
        (
            "sqlite:///{tmp}/chiso.sqlite3",
            "sqlite:///{tmp}/q/queue.sqlite3",
            SqliteHuey,
            "{tmp}/q/queue.sqlite3",
        ),
    ],
)
def test_the_queue_is_chosen_from_the_settings(
    database_url: str, queue_url: str | None, kind: type, path: str | None, tmp_path: Path
) -> None:
    def at(s: str) -> str:
        return s.format(tmp=tmp_path)

    huey = make_queue(_settings(queue_url=at(queue_url) if queue_url else None), at(database_url))
    assert type(huey) is kind
    if path is not None:
        assert huey.storage.filename == at(path)


def test_a_redis_url_gives_a_redis_queue() -> None:
    from huey import RedisHuey

    assert isinstance(make_queue(_settings(queue_url="redis://127.0.0.1:6379/15"), "sqlite:///x"), RedisHuey)


def test_an_unknown_queue_url_is_refused() -> None:
    with pytest.raises(InputError) as err:
        make_queue(_settings(queue_url="amqp://somewhere"), "sqlite:///x")
    assert err.value.code == "queue_url_invalid"


def test_the_tick_polls_each_due_feed_once(sqlite_db: Database, farm: FeedFarm) -> None:
    ids = _follow(sqlite_db, farm)
    jobs = build(sqlite_db, _settings(), immediate=True)
    jobs.tick()
    assert _reports(sqlite_db) == farm.feeds * farm.items
    assert all(farm.feed_fetches[n] == 1 for n in range(farm.feeds))
    jobs.tick()  # nothing is due for an hour
    assert all(farm.feed_fetches[n] == 1 for n in range(farm.feeds))
    state = worker_status(sqlite_db)
    assert [f.id for f in state.feeds] == ids
    assert {f.last_result for f in state.feeds} == {"new=3 items=3 not_modified=0 failed=0"}
    shown = {j.name: j for j in state.jobs}
    assert shown["tick"].runs == 2
    assert shown["tick"].last_result == "feeds=0 jobs=-"
    # the first tick also started the hourly and the daily job
    assert shown["reextract"].last_result == "reread=0 skipped=0 failed=0"
    assert shown["commitment_statuses"].last_result == "checked=0 changed=0"


def test_a_failing_feed_is_retried_and_its_error_kept(sqlite_db: Database, farm: FeedFarm) -> None:
    (first, *_) = _follow(sqlite_db, farm)
    farm.down = True
    jobs = build(sqlite_db, _settings(), immediate=True)
    jobs.poll_feed(first)  # in immediate mode a retry is scheduled, not run
    assert jobs.huey.scheduled_count() == 1
    (retry,) = jobs.huey.scheduled()
    assert retry.retries == 3  # POLL_RETRIES - 1
    assert "503" in (worker_status(sqlite_db).feeds[0].last_error or "")
    farm.down = False
    jobs.huey.execute(retry, timestamp=retry.eta)  # when its turn comes
    assert worker_status(sqlite_db).feeds[0].last_error is None
    assert _reports(sqlite_db) == farm.items


def test_an_embedded_consumer_polls_the_feeds(sqlite_db: Database, farm: FeedFarm, tmp_path: Path) -> None:
    """``chiso serve``'s worker: a consumer in threads over the SQLite queue beside the database;
    its first tick (at start) polls every feed, and a feed due again is polled at a later tick."""
    ids = _follow(sqlite_db, farm)
    jobs = build(sqlite_db, _settings(), retry_delay=0.2)
    assert Path(jobs.huey.storage.filename) == tmp_path / "chiso-queue.sqlite3"
    with InProcess(jobs, threads=2):
        _wait(lambda: _reports(sqlite_db) == farm.feeds * farm.items)
        _wait(lambda: all(f.last_run_at is not None for f in worker_status(sqlite_db).feeds))
        with sqlite_db.transaction() as s:
            s.execute(update(Feed).where(Feed.id == ids[0]).values(next_poll_at=None))
        jobs.tick()
        _wait(lambda: farm.feed_fetches[0] == 2)
    assert [farm.feed_fetches[n] for n in range(farm.feeds)] == [2, 1, 1, 1]
    assert max(farm.page_fetches.values()) == farm.items  # every page fetched once
