"""Two people deciding at the same moment, each with their own engine, on SQLite and PostgreSQL.

The ``database`` fixture's PostgreSQL variant is one rolled-back connection, so these tests make
a real SQLite file and a schema of their own on PostgreSQL.
"""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from chiso.errors import ConflictError
from chiso.services import observations, review
from chiso.services.review.schemas import Decision
from chiso.store.db import Database, create_db_engine, upgrade
from chiso.store.models import AuditEvent, Observation
from tests.conftest import pg_schema_url, postgres_url
from tests.review import factory
from tests.review.factory import Fig

THREADS = 4
TEXT_A = "Theo bản tin sáng nay, đã có hơn 67 triệu tài khoản được kích hoạt."
TEXT_B = "Bản tin chiều cũng nói đã có hơn 67 triệu tài khoản được kích hoạt."
FIG = Fig("hơn 67 triệu tài khoản", 67e6, "more_than", as_of=date(2026, 1, 16))


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path, _sqlite_template: Path) -> Iterator[str]:
    """The URL of a migrated, empty database that several engines can open at once."""
    if request.param == "sqlite":
        path = tmp_path / "race.sqlite3"
        shutil.copy(_sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    base = postgres_url()
    if not base:
        pytest.skip("CHISO_TEST_POSTGRES_URL is not set")
    schema = f"chiso_race_{uuid.uuid4().hex[:10]}"
    admin = create_db_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_db_engine(pg_schema_url(base, schema))
    upgrade(engine)
    engine.dispose()
    yield pg_schema_url(base, schema)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _slow_observe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each decision open a moment so that the racers overlap inside their transactions."""
    original = observations.observe

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.2)
        return original(*args, **kwargs)

    monkeypatch.setattr(observations, "observe", slow)


def _race(url: str, calls: list[Callable[[Database], Decision]]) -> tuple[list[Decision], list[Exception]]:
    barrier = threading.Barrier(len(calls))
    done: list[Decision] = []
    failed: list[Exception] = []
    lock = threading.Lock()

    def run(call: Callable[[Database], Decision]) -> None:
        db = Database.from_url(url, upgrade=False)  # each racer has its own engine and connections
        try:
            barrier.wait()
            result = call(db)
            with lock:
                done.append(result)
        except Exception as exc:
            with lock:
                failed.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return done, failed


def test_same_mention_accepted_at_once_gives_one_observation_and_one_audit_entry(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = Database.from_url(url, upgrade=False)
    factory.indicators(setup)
    (mid,) = factory.report(setup, TEXT_A, [FIG]).mention_ids
    _slow_observe(monkeypatch)

    def accept_as(who: str) -> Callable[[Database], Decision]:
        return lambda db: review.accept(db, mid, indicator="vneid-activated-accounts", actor=who)

    done, failed = _race(url, [accept_as(f"reviewer-{i}") for i in range(THREADS)])
    assert len(done) == 1, failed
    assert len(failed) == THREADS - 1
    assert all(isinstance(e, ConflictError) and "already accepted" in str(e) for e in failed), failed
    with setup.reading() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 1
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "mention.accept")).all()
        assert [(e.entity_id, e.actor) for e in events] == [(mid, done[0].actor)]
    (obs,) = observations.list_observations(setup)
    assert obs.source_count == 1
    setup.dispose()


def test_the_same_figure_from_two_reports_accepted_at_once_is_one_observation(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = Database.from_url(url, upgrade=False)
    factory.indicators(setup)
    (a,) = factory.report(setup, TEXT_A, [FIG]).mention_ids
    (b,) = factory.report(setup, TEXT_B, [FIG]).mention_ids
    _slow_observe(monkeypatch)
    done, failed = _race(
        url,
        [
            lambda db: review.accept(db, a, indicator="vneid-activated-accounts", actor="lan"),
            lambda db: review.accept(db, b, indicator="vneid-activated-accounts", actor="minh"),
        ],
    )
    assert failed == []
    assert len(done) == 2
    (obs,) = observations.list_observations(setup)
    assert obs.source_count == 2
    assert sorted(d.observation_created for d in done) == [False, True]
    setup.dispose()
