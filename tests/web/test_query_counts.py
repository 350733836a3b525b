"""No N+1: the big pages run a bounded number of SQL statements, whatever the number of rows.

Each page is requested on a small database and on one three times larger (indicators, points,
sources, commitments and their events); the number of statements must not grow with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, insert

from chiso.store import models as m
from chiso.store.db import Database

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DAY = date(2026, 3, 1)
#: Statements (BEGINs included) a page may run: the dashboard runs 14 today,
#: the others 2-8 on SQLite. A page above it has grown queries.
MAX_QUERIES = 20


def fill(db: Database, n: int, points: int) -> None:
    """``n`` indicators (two programmes) with ``points`` dated points each, one accepted mention
    per point, ``n`` commitments (every other one targeting an indicator) with two events each."""
    with db.transaction() as s:

        def bulk(model: Any, rows: list[dict[str, Any]]) -> None:
            s.execute(insert(model.__table__), rows)

        bulk(
            m.Indicator,
            [
                {
                    "id": i,
                    "slug": f"q-ind-{i:03d}",
                    "name_vi": f"Chỉ tiêu {i}",
                    "name_en": f"Indicator {i}",
                    "unit": "tài khoản",
                    "decimals": 0,
                    "measure": "cumulative",
                    "programme": "Project 06" if i % 2 else "Resolution 57",
                    "match_rules": {},
                    "origin": "user",
                    "created_at": NOW,
                }
                for i in range(1, n + 1)
            ],
        )
        bulk(
            m.Report,
            [
                {
                    "id": r,
                    "sha256": f"{r:064d}",
                    "title": f"Báo cáo {r}",
                    "published_on": DAY - timedelta(days=r),
                    "added_at": NOW,
                    "lang": "vi",
                    "text": "Đến nay đã có 1.000 tài khoản. " * 4,
                    "source_kind": "file",
                    "extractor_version": "test",
                }
                for r in range(1, n + 1)
            ],
        )
        obs, mentions = [], []
        for i in range(1, n + 1):
            for k in range(points):
                oid = (i - 1) * points + k + 1
                ref = DAY - timedelta(days=7 * (points - k))
                obs.append(
                    {
                        "id": oid,
                        "indicator_id": i,
                        "value": 1000.0 + k,
                        "qualifier": "exact",
                        "as_of": ref,
                        "ref_date": ref,
                        "is_target": False,
                        "created_at": NOW,
                    }
                )
                mentions.append(
                    {
                        "id": oid,
                        "report_id": i,
                        "kind": "figure",
                        "start": k,
                        "end": k + 5,
                        "quote": "1.000 tài khoản",
                        "value": 1000.0 + k,
                        "qualifier": "exact",
                        "confidence": 0.9,
                        "state": "accepted",
                        "indicator_id": i,
                        "observation_id": oid,
                        "extractor_version": "test",
                    }
                )
        bulk(m.Observation, obs)
        bulk(m.Mention, mentions)
        bulk(
            m.Commitment,
            [
                {
                    "id": c,
                    "title": f"Hoàn thành việc {c}",
                    "owner": "Bộ Công an",
                    "programme": "Project 06",
                    "due_end": DAY + timedelta(days=10 * c - 5 * n),
                    "precision": "day",
                    "target_indicator_id": c if c % 2 else None,
                    "target_value": 5000.0 if c % 2 else None,
                    "status": "open",
                    "created_at": NOW,
                }
                for c in range(1, n + 1)
            ],
        )
        bulk(
            m.CommitmentEvent,
            [
                {"commitment_id": c, "at": NOW, "kind": kind, "state": state, "report_id": c, "actor": "t"}
                for c in range(1, n + 1)
                for kind, state in (("created", "confirmed"), ("evidence", "proposed"))
            ],
        )


@contextmanager
def counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


PAGES = [
    "/",
    "/api/dashboard",
    "/deadlines",
    "/indicators",
    "/indicators/q-ind-001",
    "/api/observations",
    "/owners",
    "/owners/bo-cong-an",
]


def _counts(client: TestClient, db: Database) -> dict[str, int]:
    out = {}
    for url in PAGES:
        client.get(url)  # warm-up: first-use queries (none expected, but not what is measured)
        with counting(db) as statements:
            r = client.get(
                url, params={"on": DAY.isoformat()} if url in ("/", "/deadlines", "/owners") else None
            )
        assert r.status_code == 200, (url, r.text[:300])
        out[url] = len(statements)
    return out


@pytest.mark.parametrize("points", [3])
def test_big_pages_run_a_bounded_number_of_queries(
    client: TestClient, database: Database, points: int
) -> None:
    fill(database, 6, points)
    small = _counts(client, database)
    with database.transaction() as s:  # three times as many rows of everything
        for table in ("commitment_event", "commitment", "mention", "observation", "report", "indicator"):
            s.execute(m.Base.metadata.tables[table].delete())
    fill(database, 18, points * 3)
    large = _counts(client, database)
    assert large == small, f"statements grew with the data: {small} -> {large}"
    assert max(large.values()) <= MAX_QUERIES, large
