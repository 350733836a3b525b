"""Feeds polled per minute by one worker against a local farm of feeds (bench/feedfarm.py).

    .venv/bin/python -m bench.worker [--feeds 200] [--items 10] [--threads 2] [--db URL] [--queue URL]

One ``chiso worker`` as ``chiso serve`` runs it (a consumer in threads of this process, the
SQLite queue beside a SQLite database in a temporary directory unless --db/--queue say
otherwise), polling every feed twice:

* first poll: every item is new, so each poll fetches the feed and its pages, extracts and
  stores a report per item (what a worker does when feeds are added);
* second poll: nothing is new (the farm sends no validators, so each feed is fetched and parsed
  again, and its items are all found stored): the steady state of a worker on a schedule.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import update

from bench.feedfarm import FeedFarm
from chiso.config import load_settings
from chiso.services import feeds, open_database, worker_status
from chiso.store.models import Feed
from chiso.worker import InProcess, build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--db", default=None, help="database URL (default: a SQLite file in a temporary directory)"
    )
    ap.add_argument("--queue", default=None, help="queue URL (default: SQLite beside the database)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FeedFarm(args.feeds, args.items) as farm:
        url = args.db or f"sqlite:///{Path(tmp) / 'chiso.sqlite3'}"
        settings = load_settings(allow_private_urls=True, queue_url=args.queue, database_url=url)
        db = open_database(url, settings=settings)
        ids = [feeds.add_feed(db, farm.feed_url(n), allow_private=True).id for n in range(args.feeds)]
        jobs = build(db, settings)
        jobs.huey.flush()
        with InProcess(jobs, threads=args.threads, periodic=False):
            results = []
            for n, label in ((1, "first poll (all items new)"), (2, "second poll (nothing new)")):
                start = time.perf_counter()
                for fid in ids:
                    jobs.poll_feed(fid)
                while sum(farm.feed_fetches.values()) < n * args.feeds or any(
                    f.running or (f.last_run_at is None) for f in worker_status(db).feeds
                ):
                    time.sleep(0.05)
                while jobs.huey.pending_count():
                    time.sleep(0.05)
                while any(f.running for f in worker_status(db).feeds):
                    time.sleep(0.05)
                took = time.perf_counter() - start
                results.append((label, took))
                if n == 1:
                    with db.transaction() as s:  # the second round starts from a clean slate
                        s.execute(update(Feed).values(last_run_at=None))
        pages = sum(farm.page_fetches.values())
        print(
            f"{args.feeds} feeds x {args.items} items, {args.threads} threads, db={db.dialect}, queue={type(jobs.huey).__name__}"
        )
        for label, took in results:
            print(f"  {label:28s} {took:7.1f} s  {args.feeds / took * 60:8.0f} feeds/min")
        print(f"  pages fetched: {pages} (each once: {pages == args.feeds * args.items})")
        db.dispose()


if __name__ == "__main__":
    main()
