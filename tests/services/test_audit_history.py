"""The audit log browsed: filters, newest first, keyset pages, and each event's changed fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chiso.services import audit
from chiso.store.db import Database
from chiso.store.models import AuditEvent


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, {"name": "lan", "role": "editor"}, [("name", None, "lan"), ("role", None, "editor")]),
        ({"role": "editor"}, {"role": "admin"}, [("role", "editor", "admin")]),
        ({"state": "pending", "note": "x"}, {"state": "accepted", "note": "x"}, [("state", "pending", "accepted")]),
        ({"disabled": False}, None, [("disabled", False, None)]),
        (None, None, []),
    ],
)
def test_changes(before: dict[str, object] | None, after: dict[str, object] | None, expected: list[tuple[str, object, object]]) -> None:
    assert [(c.field, c.before, c.after) for c in audit.changes(before, after)] == expected


def _log(db: Database) -> None:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with db.transaction() as s:
        for i in range(7):
            s.add(
                AuditEvent(
                    at=start + timedelta(days=i),
                    actor="lan" if i % 2 else "minh",
                    action="mention.accept" if i < 4 else "user.role",
                    entity="mention" if i < 4 else "user",
                    entity_id=100 + i % 3,
                    before={"n": i},
                    after={"n": i + 1},
                )
            )


def test_browse_filters_and_pages(database: Database) -> None:
    _log(database)
    first = audit.browse(database, limit=3)
    assert [e.after for e in first.entries] == [{"n": 7}, {"n": 6}, {"n": 5}]
    assert first.next_before_id == first.entries[-1].id
    second = audit.browse(database, limit=3, before_id=first.next_before_id)
    third = audit.browse(database, limit=3, before_id=second.next_before_id)
    assert [e.after["n"] for e in second.entries + third.entries if e.after] == [4, 3, 2, 1]
    assert third.next_before_id is None
    assert [e.actor for e in audit.browse(database, actor="lan").entries] == ["lan"] * 3
    assert {e.action for e in audit.browse(database, action="user.").entries} == {"user.role"}
    assert [e.entity_id for e in audit.browse(database, entity="mention", entity_id=100).entries] == [100, 100]
    days = audit.browse(database, since=date(2026, 3, 2), until=date(2026, 3, 3)).entries
    assert [e.at.day for e in days] == [3, 2]
    assert days[0].changes[0].model_dump() == {"field": "n", "before": 2, "after": 3}
