"""Migration 0007 indexes the rows already there, from every earlier revision, on SQLite and
PostgreSQL, and goes down and up again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from chiso.store import search as index
from chiso.store.db import Database, create_db_engine, downgrade, revisions, upgrade
from chiso.store.folding import terms
from tests.conftest import pg_schema_url, postgres_url

BEFORE = [r for r in revisions() if r < "0007"]

_ROWS = [
    "INSERT INTO report (id, sha256, title, added_at, lang, text, source_kind, extractor_version) "
    "VALUES (1, 'a', 'Chính phủ số', '2025-01-01 00:00:00', 'vi', 'Có 60 triệu tài khoản định danh điện tử.', "
    "'paste', 'x')",
    "INSERT INTO indicator (id, slug, name_vi, name_en, unit, decimals, measure, match_rules, origin, created_at) "
    "VALUES (1, 'e-id', 'Tài khoản định danh', 'e-ID accounts', 'tài khoản', 0, 'stock', '{}', 'catalog', "
    "'2025-01-01 00:00:00')",
    "INSERT INTO commitment (id, title, owner, precision, status, created_at) "
    "VALUES (1, 'Hoàn thành đề án 06', 'Bộ Công an', 'year', 'open', '2025-01-01 00:00:00')",
]


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        e = create_db_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
        yield e
        e.dispose()
        return
    base = postgres_url()
    if not base:
        pytest.skip("CHISO_TEST_POSTGRES_URL is not set: PostgreSQL tests run in CI (.ci/run sets it)")
    schema = f"chiso_mig_{uuid.uuid4().hex[:10]}"
    admin = create_db_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    e = create_db_engine(pg_schema_url(base, schema))
    yield e
    e.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _found(engine: Engine) -> dict[str, list[int]]:
    with Database(engine).reading() as s:
        return {
            kind: [row.id for row in index.find(s, kind, terms(q), limit=10).rows]
            for kind, q in [
                ("report", "dinh danh dien tu"),
                ("indicator", "tai khoan"),
                ("commitment", "de an bo cong an"),
            ]
        }


@pytest.mark.parametrize("start", BEFORE)
def test_rows_stored_before_the_index_are_found_after_it(engine: Engine, start: str) -> None:
    upgrade(engine, start)
    upgrade(engine, "0006")  # the rows as the last revision before the index has them
    with engine.begin() as conn:
        for row in _ROWS:
            conn.execute(text(row))
    upgrade(engine)
    expected = {"report": [1], "indicator": [1], "commitment": [1]}
    assert _found(engine) == expected
    downgrade(engine, "0006")
    upgrade(engine)
    assert _found(engine) == expected
