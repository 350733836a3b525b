"""Two ``chiso worker run`` processes on one PostgreSQL database and one Redis queue, against a
local farm of feeds: never two polls of one feed at once, every item stored once; a worker
killed mid-poll leaves whole items and a lease that runs out; a worker whose database
connections are cut (a database restart) goes on.

Needs CHISO_TEST_POSTGRES_URL and a Redis (CHISO_TEST_REDIS_URL, default the dedicated
database 13 of 127.0.0.1:6379, flushed before and after).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.feedfarm import FeedFarm
from sqlalchemy import func, select, text

from chiso.config import Settings, load_settings
from chiso.services import feeds, worker_status
from chiso.store.db import Database, create_db_engine
from chiso.store.models import FeedItem, Report
from chiso.worker import Jobs, build
from tests.conftest import pg_schema_url, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

REDIS_URL = os.environ.get("CHISO_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
LEASE = 4.0


def _redis() -> object:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    return client


@dataclass
class Setup:
    url: str
    app: str
    db: Database
    settings: Settings
    jobs: Jobs
    env: dict[str, str]


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    base = postgres_url()
    if not base:
        pytest.skip("CHISO_TEST_POSTGRES_URL is not set")
    client = _redis()
    client.flushdb()  # type: ignore[attr-defined]
    schema = f"chiso_worker_{uuid.uuid4().hex[:10]}"
    app = f"chiso_worker_test_{uuid.uuid4().hex[:8]}"
    admin = create_db_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = pg_schema_url(base, schema) + f"&application_name={app}"
    db = Database.from_url(url)
    env = {
        **os.environ,
        "CHISO_DATABASE_URL": url,
        "CHISO_QUEUE_URL": REDIS_URL,
        "CHISO_ALLOW_PRIVATE_URLS": "1",
        "CHISO_WORKER_RETRY_DELAY": "0.5",
        "CHISO_FETCH_TIMEOUT": "10",
        "CHISO_LANG": "en",
    }
    settings = load_settings(queue_url=REDIS_URL, allow_private_urls=True, worker_lease=LEASE)
    try:
        yield Setup(url, app, db, settings, build(db, settings), env)
    finally:
        db.dispose()
        client.flushdb()  # type: ignore[attr-defined]
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _worker(s: Setup, log: Path, lease: float = 60.0) -> subprocess.Popen[bytes]:
    """A ``chiso worker run`` process; ``lease``: how long it holds a feed (a poll on two busy
    cores must end within it, else another worker may take the feed, as it would a dead one's)."""
    with log.open("wb") as out:  # the child writes to its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "chiso", "worker", "run", "--threads", "3", "--no-periodic"],
            env={**s.env, "CHISO_WORKER_LEASE": str(lease)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _wait(check: Callable[[], bool], seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if check():
                return
        except Exception:  # the test's own connections were cut too: asked again
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def _stop(*procs: subprocess.Popen[bytes]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    for p in procs:
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _stored(db: Database, feed_id: int) -> tuple[int, int, int]:
    """The feed's items, those with a report, and the reports those point to (distinct)."""
    with db.reading() as s:
        items = s.execute(
            select(
                func.count(), func.count(FeedItem.report_id), func.count(func.distinct(FeedItem.report_id))
            ).where(FeedItem.feed_id == feed_id)
        ).one()
        return int(items[0]), int(items[1]), int(items[2])


def test_two_workers_never_poll_one_feed_at_once(setup: Setup, tmp_path: Path) -> None:
    with FeedFarm(feeds=8, items=5, delay=0.3) as farm:
        ids = [feeds.add_feed(setup.db, farm.feed_url(n), allow_private=True).id for n in range(farm.feeds)]
        workers = [_worker(setup, tmp_path / f"worker{i}.log") for i in (1, 2)]
        try:
            time.sleep(3)  # both consuming
            for _ in range(3):  # every feed asked for three times: six threads in two processes race
                for fid in ids:
                    setup.jobs.poll_feed(fid)
            _wait(lambda: setup.jobs.huey.pending_count() == 0)
            _wait(lambda: all(f.last_run_at and not f.running for f in worker_status(setup.db).feeds))
        finally:
            _stop(*workers)
        logs = "".join((tmp_path / f"worker{i}.log").read_text() for i in (1, 2))
        assert "Executing chiso.worker.tasks.poll_feed" in logs
        assert max(farm.most_at_once.values()) == 1, farm.most_at_once
        with setup.db.reading() as s:
            errors = s.scalars(select(FeedItem.error).where(FeedItem.error.is_not(None))).all()
        assert all(farm.page_fetches[n] == farm.items for n in range(farm.feeds)), (farm.page_fetches, errors)
        assert all(_stored(setup.db, fid) == (5, 5, 5) for fid in ids)
        with setup.db.reading() as s:
            assert s.scalar(select(func.count()).select_from(Report)) == farm.feeds * farm.items


def test_a_killed_worker_leaves_whole_items_and_a_lease_that_runs_out(setup: Setup, tmp_path: Path) -> None:
    with FeedFarm(feeds=1, items=6, page_delay=0.5) as farm:
        fid = feeds.add_feed(setup.db, farm.feed_url(0), allow_private=True).id
        first = _worker(setup, tmp_path / "first.log", lease=LEASE)
        try:
            setup.jobs.poll_feed(fid)
            _wait(lambda: farm.page_fetches[0] >= 3)
        finally:
            first.kill()  # SIGKILL mid-poll: no clean-up of any kind
            first.wait()
        stored_then = _stored(setup.db, fid)
        assert stored_then[0] == stored_then[1] < farm.items  # whole items only, not all of them
        assert worker_status(setup.db).feeds[0].running  # its lease outlives it...
        second = _worker(setup, tmp_path / "second.log", lease=LEASE)
        try:
            time.sleep(LEASE + 0.5)  # ...until it runs out (Huey's lock on Redis too)
            setup.jobs.poll_feed(fid)
            _wait(lambda: _stored(setup.db, fid) == (6, 6, 6))
            _wait(lambda: not worker_status(setup.db).feeds[0].running)
        finally:
            _stop(second)
        assert worker_status(setup.db).feeds[0].last_error is None


def test_a_worker_goes_on_after_its_database_connections_are_cut(setup: Setup, tmp_path: Path) -> None:
    with FeedFarm(feeds=2, items=2) as farm:
        a, b = (feeds.add_feed(setup.db, farm.feed_url(n), allow_private=True).id for n in range(2))
        proc = _worker(setup, tmp_path / "worker.log")
        try:
            setup.jobs.poll_feed(a)
            _wait(lambda: _stored(setup.db, a) == (2, 2, 2))
            # what a database restart does to a client: every connection it had is gone
            admin = create_db_engine(postgres_url() or "")
            with admin.begin() as conn:
                cut = conn.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :a"
                    ),
                    {"a": setup.app},
                ).scalar()
            admin.dispose()
            assert cut
            setup.jobs.poll_feed(b)
            _wait(lambda: _stored(setup.db, b) == (2, 2, 2))
            assert proc.poll() is None
        finally:
            _stop(proc)
