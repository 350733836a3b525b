"""The worker's use cases (chiso.services.worker) on SQLite and PostgreSQL: feeds claimed once per
due slot, one lease per feed, runs recorded, status changes recorded once, stale reports re-read."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from bench.feedfarm import FeedFarm
from sqlalchemy import select, update

from chiso.config import Settings, load_settings
from chiso.errors import InputError
from chiso.ingest.document import Document
from chiso.services import feeds, worker_status
from chiso.services import worker as jobs
from chiso.services.reports import add as reports
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Feed, FeedItem, Report


@pytest.fixture
def farm() -> Iterator[FeedFarm]:
    with FeedFarm(feeds=3, items=2) as f:
        yield f


@pytest.fixture
def settings() -> Settings:
    return load_settings(allow_private_urls=True, fetch_timeout=5.0)


def _follow(db: Database, farm: FeedFarm, n: int) -> int:
    return feeds.add_feed(db, farm.feed_url(n), allow_private=True).id


def test_a_due_feed_is_claimed_once_per_slot(database: Database, farm: FeedFarm) -> None:
    ids = [_follow(database, farm, n) for n in range(3)]
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert jobs.due_feeds_claimed(database, now=now) == ids  # never polled: due at once
    assert jobs.due_feeds_claimed(database, now=now) == []  # the second tick finds them claimed
    assert jobs.due_feeds_claimed(database, now=now + timedelta(minutes=59)) == []
    # each one's own interval: the first every 10 minutes, the others every hour (the default)
    jobs.set_poll_every(database, ids[0], 600)
    assert jobs.due_feeds_claimed(database, now=now + timedelta(minutes=1)) == [ids[0]]
    assert jobs.due_feeds_claimed(database, now=now + timedelta(minutes=11)) == [ids[0]]
    assert jobs.due_feeds_claimed(database, now=now + timedelta(minutes=61)) == ids  # all three due


def test_a_poll_records_its_result_and_the_next_slot(
    database: Database, farm: FeedFarm, settings: Settings
) -> None:
    fid = _follow(database, farm, 0)
    run = jobs.poll_feed(database, fid, settings=settings, holder="job-1")
    assert (run.outcome, run.result, run.error) == ("polled", "new=2 items=2 not_modified=0 failed=0", None)
    again = jobs.poll_feed(database, fid, settings=settings, holder="job-2")
    assert again.result == "new=0 items=0 not_modified=0 failed=0"  # items stored once
    assert farm.page_fetches[0] == 2
    state = worker_status(database)
    (shown,) = state.feeds
    assert (shown.id, shown.last_result, shown.last_error, shown.running) == (fid, again.result, None, False)
    assert shown.next_poll_at is not None
    assert shown.last_run_at is not None
    assert shown.next_poll_at - shown.last_run_at == timedelta(seconds=3600)


def test_one_worker_at_a_time_holds_a_feed(database: Database, farm: FeedFarm, settings: Settings) -> None:
    fid = _follow(database, farm, 1)
    now = datetime.now(UTC)
    with database.transaction() as s:  # another worker is polling it
        s.execute(
            update(Feed)
            .where(Feed.id == fid)
            .values(locked_by="other", locked_until=now + timedelta(minutes=5))
        )
    assert jobs.poll_feed(database, fid, settings=settings, holder="me").outcome == "busy"
    assert farm.feed_fetches[1] == 0
    assert worker_status(database).feeds[0].running
    # the same job (a retry) takes its own lease back; a lease that ran out is anyone's
    assert jobs.poll_feed(database, fid, settings=settings, holder="other").outcome == "polled"
    with database.transaction() as s:
        s.execute(
            update(Feed)
            .where(Feed.id == fid)
            .values(locked_by="killed", locked_until=now - timedelta(seconds=1))
        )
    assert jobs.poll_feed(database, fid, settings=settings, holder="me").outcome == "polled"
    with database.reading() as s:
        assert s.execute(select(Feed.locked_by, Feed.locked_until).where(Feed.id == fid)).one() == (
            None,
            None,
        )


def test_a_feed_that_fails_keeps_its_error_and_its_slot(
    database: Database, farm: FeedFarm, settings: Settings
) -> None:
    fid = _follow(database, farm, 2)
    slot = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    with database.transaction() as s:
        s.execute(update(Feed).where(Feed.id == fid).values(next_poll_at=slot))
    farm.down = True
    run = jobs.poll_feed(database, fid, settings=settings, holder="job")
    assert run.outcome == "polled"
    assert run.error is not None
    assert "503" in run.error
    (shown,) = worker_status(database).feeds
    assert shown.last_error == run.error
    assert shown.next_poll_at == slot
    assert not shown.running
    farm.down = False
    assert jobs.poll_feed(database, fid, settings=settings, holder="job").error is None
    assert worker_status(database).feeds[0].last_error is None


def test_a_deleted_feed_is_gone(database: Database, settings: Settings) -> None:
    assert jobs.poll_feed(database, 999, settings=settings, holder="job").outcome == "gone"


@pytest.mark.parametrize("seconds", [0, 59, 8 * 24 * 3600])
def test_poll_every_has_bounds(database: Database, farm: FeedFarm, seconds: int) -> None:
    fid = _follow(database, farm, 0)
    with pytest.raises(InputError) as err:
        jobs.set_poll_every(database, fid, seconds)
    assert err.value.code == "poll_every_range"


def test_a_periodic_job_is_claimed_once_per_turn(database: Database) -> None:
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert jobs.claim_job(database, "reextract", jobs.next_hour(now), now=now)
    assert not jobs.claim_job(database, "reextract", jobs.next_hour(now), now=now + timedelta(minutes=30))
    assert jobs.claim_job(database, "reextract", jobs.next_hour(now), now=now + timedelta(minutes=61))
    assert jobs.claim_job(database, "a_job_added_later", jobs.next_hour(now), now=now)  # its row is made
    jobs.record_job(database, "reextract", result="reread=0 skipped=0 failed=0")
    jobs.record_job(database, "reextract", result=None, error="DatabaseError: gone")
    shown = {j.name: j for j in worker_status(database).jobs}
    assert (shown["reextract"].runs, shown["reextract"].failures) == (2, 1)
    assert shown["reextract"].last_error == "DatabaseError: gone"
    assert set(shown) == {"a_job_added_later", "commitment_statuses", "reextract", "tick"}


def test_the_daily_turn_is_after_the_next_midnight() -> None:
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    turn = jobs.next_day(now).astimezone()
    assert turn > now
    assert turn.date() == now.astimezone().date() + timedelta(days=1)
    assert (turn.hour, turn.minute) == (0, 5)


# -- commitments' status changes ---------------------------------------------------------------

DUE = date(2027, 3, 31)


def _commitment(db: Database, made: date, due: date | None = DUE) -> int:
    with db.transaction() as s:
        c = Commitment(
            title="Hoàn thành tuyến đường thử",
            due_start=due,
            due_end=due,
            precision="day",
            created_at=datetime(made.year, made.month, made.day, 8, tzinfo=UTC),
        )
        s.add(c)
        s.flush()
        return c.id


def _events(db: Database, cid: int) -> list[tuple[str | None, str | None, date | None]]:
    with db.reading() as s:
        rows = s.execute(
            select(CommitmentEvent.old_status, CommitmentEvent.status, CommitmentEvent.on_date)
            .where(CommitmentEvent.commitment_id == cid, CommitmentEvent.kind == "status_changed")
            .order_by(CommitmentEvent.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("made", "days", "expected"),
    [
        # made long before: upcoming, then due soon 30 days before, then overdue the day after
        (
            date(2026, 12, 1),
            [date(2027, 1, 10), date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 20), date(2027, 4, 1)],
            [("upcoming", "due_soon", date(2027, 3, 1)), ("due_soon", "overdue", date(2027, 4, 1))],
        ),
        # made when already due soon: the first run records nothing until it is overdue
        (
            date(2027, 3, 20),
            [date(2027, 3, 21), date(2027, 4, 2)],
            [("due_soon", "overdue", date(2027, 4, 2))],
        ),
        # looked at for the first time when overdue: one change from how it was made
        (date(2026, 12, 1), [date(2027, 5, 1)], [("upcoming", "overdue", date(2027, 5, 1))]),
    ],
)
def test_status_changes_are_recorded_once(
    database: Database, made: date, days: list[date], expected: list[tuple[str, str, date]]
) -> None:
    cid = _commitment(database, made)
    for day in days:
        jobs.record_status_changes(database, on=day)
        jobs.record_status_changes(database, on=day)  # the same day again: nothing more
    assert _events(database, cid) == expected


def test_a_deadline_moved_later_is_a_change_back(database: Database) -> None:
    cid = _commitment(database, date(2026, 12, 1))
    assert jobs.record_status_changes(database, on=date(2027, 4, 2)).changes[0].after == "overdue"
    with database.transaction() as s:
        s.execute(update(Commitment).where(Commitment.id == cid).values(due_end=date(2027, 12, 31)))
    out = jobs.record_status_changes(database, on=date(2027, 4, 3))
    assert [(c.commitment_id, c.before, c.after) for c in out.changes] == [(cid, "overdue", "upcoming")]


def test_resolved_commitments_are_left_alone(database: Database) -> None:
    cid = _commitment(database, date(2026, 12, 1))
    with database.transaction() as s:
        s.execute(
            update(Commitment).where(Commitment.id == cid).values(status="met", resolved_on=date(2027, 1, 2))
        )
    out = jobs.record_status_changes(database, on=date(2027, 5, 1))
    assert (out.checked, out.changes, _events(database, cid)) == (0, [], [])


# -- stale reports -------------------------------------------------------------------------------


def test_stale_reports_are_reread_once(database: Database) -> None:
    doc = Document(
        text="Năm 2025, tỉnh đã cấp 12 nghìn giấy phép xây dựng, đạt 96% kế hoạch.",
        title="Báo cáo thử",
        published_on=date(2026, 3, 2),
        lang="vi",
        source_kind="paste",
    )
    rid = reports.add_report(database, doc, actor="test").report_id
    with database.transaction() as s:
        s.execute(update(Report).where(Report.id == rid).values(extractor_version="0.0.1"))
    assert jobs.reread_stale(database) == jobs.RereadRun(reread=1, skipped=0, failed=0)
    assert jobs.reread_stale(database) == jobs.RereadRun(reread=0, skipped=0, failed=0)
    with database.reading() as s:
        assert s.scalar(select(Report.extractor_version).where(Report.id == rid)) != "0.0.1"


def test_items_a_poll_stored_are_linked_to_their_feed(
    database: Database, farm: FeedFarm, settings: Settings
) -> None:
    fid = _follow(database, farm, 0)
    jobs.poll_feed(database, fid, settings=settings, holder="job")
    with database.reading() as s:
        items = s.scalars(select(FeedItem).where(FeedItem.feed_id == fid)).all()
        assert len(items) == 2
        assert all(i.report_id is not None and i.error is None for i in items)


def test_a_long_poll_renews_its_lease_and_stops_when_it_is_taken(
    database: Database, settings: Settings
) -> None:
    with FeedFarm(feeds=1, items=4, page_delay=0.3) as slow:
        fid = _follow(database, slow, 0)
        leases: list[datetime] = []

        def steal_after_two() -> None:
            # another worker takes the feed over while the second item is being fetched
            while slow.page_fetches[0] < 2:
                time.sleep(0.02)
            with database.reading() as s:
                leases.append(s.scalars(select(Feed.locked_until).where(Feed.id == fid)).one())
            with database.transaction() as s:
                s.execute(update(Feed).where(Feed.id == fid).values(locked_by="thief"))

        thief = threading.Thread(target=steal_after_two)
        thief.start()
        run = jobs.poll_feed(database, fid, settings=settings, holder="me", lease=60)
        thief.join()
    assert run.outcome == "busy"
    assert run.error is not None
    assert "another worker" in run.error
    assert slow.page_fetches[0] == 2  # it stopped after the item it was on
    with database.reading() as s:
        done = s.scalars(select(FeedItem.report_id).where(FeedItem.feed_id == fid)).all()
        holder = s.scalars(select(Feed.locked_by).where(Feed.id == fid)).one()
    assert len(done) == 2
    assert all(done)
    assert holder == "thief"  # its lease is left alone
    assert leases[0] is not None
    assert leases[0] > datetime.now(UTC) + timedelta(seconds=50)
