"""Store round trips on SQLite and PostgreSQL, and migrations from empty and from every revision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from chiso.services.audit import now
from chiso.store import db as db_module
from chiso.store.db import (
    Database,
    create_db_engine,
    current_revision,
    downgrade,
    revisions,
    table_names,
    upgrade,
)
from chiso.store.models import (
    AuditEvent,
    Commitment,
    CommitmentEvent,
    Indicator,
    Mention,
    Observation,
    Report,
)
from tests.conftest import postgres_url

EXPECTED_TABLES = {
    "report",
    "raw_document",
    "mention",
    "indicator",
    "observation",
    "commitment",
    "commitment_event",
    "audit_event",
    "match_example",
    "user_account",
    "api_token",
    "feed",
    "feed_item",
}


def _report(**kw: object) -> Report:
    base: dict[str, object] = {
        "sha256": "a" * 64,
        "title": "Tiến độ VNeID",
        "text": "Đã kích hoạt trên 67 triệu tài khoản.",
        "lang": "vi",
        "added_at": now(),
        "extractor_version": "1",
        "published_on": date(2026, 1, 16),
    }
    base.update(kw)
    return Report(**base)


def test_report_mentions_round_trip(database: Database) -> None:
    with database.transaction() as s:
        r = _report()
        r.mentions = [
            Mention(
                kind="figure",
                start=13,
                end=36,
                quote="trên 67 triệu tài khoản",
                value=67e6,
                qualifier="more_than",
                unit="tài khoản",
                extractor_version="1",
                confidence=0.9,
            ),
        ]
        s.add(r)
    with database.reading() as s:
        got = s.scalars(select(Report)).one()
        assert got.text == "Đã kích hoạt trên 67 triệu tài khoản."
        assert got.published_on == date(2026, 1, 16)
        (m,) = got.mentions
        assert (m.quote, m.value, m.qualifier, m.state) == (
            "trên 67 triệu tài khoản",
            67e6,
            "more_than",
            "pending",
        )
        assert got.text[m.start : m.end] == m.quote


def test_same_text_twice_is_refused_by_the_schema(database: Database) -> None:
    with database.transaction() as s:
        s.add(_report())
    with pytest.raises(IntegrityError), database.transaction() as s:
        s.add(_report(title="copy"))
    with database.reading() as s:
        assert len(s.scalars(select(Report)).all()) == 1


def test_indicator_observation_commitment_audit_round_trip(database: Database) -> None:
    with database.transaction() as s:
        ind = Indicator(
            slug="vneid-activated-accounts",
            name_vi="Tài khoản VNeID đã kích hoạt",
            name_en="Activated VNeID accounts",
            unit="tài khoản",
            measure="cumulative",
            match_rules={"words": ["kích hoạt"], "units": ["tài khoản"]},
            created_at=now(),
        )
        s.add(ind)
        s.flush()
        s.add(
            Observation(
                indicator_id=ind.id,
                value=67e6,
                qualifier="more_than",
                as_of=date(2026, 1, 16),
                ref_date=date(2026, 1, 16),
                created_at=now(),
            )
        )
        c = Commitment(
            title="Vận hành chính thức Trung tâm dữ liệu quốc gia số 1",
            due_start=date(2026, 6, 1),
            due_end=date(2026, 6, 30),
            precision="month",
            created_at=now(),
        )
        c.events = [CommitmentEvent(at=now(), kind="created")]
        s.add(c)
        s.add(
            AuditEvent(
                at=now(),
                actor="test",
                action="x",
                entity="indicator",
                entity_id=ind.id,
                before=None,
                after={"slug": "vneid-activated-accounts", "số": 1},
            )
        )
    with database.reading() as s:
        ind = s.scalars(select(Indicator)).one()
        assert ind.match_rules == {"words": ["kích hoạt"], "units": ["tài khoản"]}
        obs = s.scalars(select(Observation)).one()
        assert (obs.indicator_id, obs.value, obs.as_of) == (ind.id, 67e6, date(2026, 1, 16))
        c = s.scalars(select(Commitment)).one()
        assert (c.status, c.due_end, [e.kind for e in c.events]) == ("open", date(2026, 6, 30), ["created"])
        assert s.scalars(select(AuditEvent)).one().after == {"slug": "vneid-activated-accounts", "số": 1}


def test_rolled_back_unit_of_work_leaves_nothing(database: Database) -> None:
    def failing_unit() -> None:
        with database.transaction() as s:
            s.add(_report())
            s.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_unit()
    with database.reading() as s:
        assert s.scalars(select(Report)).all() == []


def test_foreign_keys_are_enforced(database: Database) -> None:
    def orphan_mention() -> None:
        with database.transaction() as s:
            s.add(Mention(report_id=999_999, kind="figure", start=0, end=1, quote="1", extractor_version="1"))

    with pytest.raises(IntegrityError):
        orphan_mention()


def test_migrations_from_empty_create_every_table(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    upgrade(engine)
    assert table_names(engine) >= EXPECTED_TABLES
    assert current_revision(engine) == revisions()[-1]
    engine.dispose()


@pytest.mark.parametrize("start", revisions())
def test_upgrade_from_every_earlier_revision(tmp_path: Path, start: str) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine, start)
    assert current_revision(engine) == start
    upgrade(engine)
    assert current_revision(engine) == revisions()[-1]
    assert table_names(engine) >= EXPECTED_TABLES
    downgrade(engine, "base")
    assert table_names(engine) <= {"alembic_version"}
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_dead_pooled_postgres_connection_is_replaced_after_idling(monkeypatch: pytest.MonkeyPatch) -> None:
    """A connection that sat in the pool is tested before use (one handed back moments ago is not:
    chiso.store.db.PING_AFTER_IDLE_SECONDS), and a dead one is replaced."""
    base = postgres_url()
    if not base:
        pytest.skip("CHISO_TEST_POSTGRES_URL is not set")
    engine, admin = create_db_engine(base), create_db_engine(base)
    with engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    with admin.connect() as conn:
        conn.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
    monkeypatch.setattr(db_module, "PING_AFTER_IDLE_SECONDS", 0.0)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT pg_backend_pid()").scalar() != pid
    engine.dispose()
    admin.dispose()


def test_the_migrations_build_the_models_schema(database: Database) -> None:
    """Indexes included (migration 0003 made some partial): Alembic finds nothing to add or drop."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from chiso.store.models import Base, not_search_index

    opts = {"include_name": not_search_index}  # no model describes the search index (0007)
    if isinstance(database.bind, Engine):
        with database.bind.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    else:
        diff = compare_metadata(MigrationContext.configure(database.bind, opts=opts), Base.metadata)
    assert diff == []
