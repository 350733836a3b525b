"""One lookup shape: a row by id, or NotFoundError naming what was missing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chiso.errors import NotFoundError
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Commitment, Indicator, Report


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (Report, "no report with id 999"),
        (Indicator, "no indicator with id 999"),
        (Commitment, "no commitment with id 999"),
    ],
)
def test_a_missing_row_is_named(database: Database, model: type, message: str) -> None:
    with database.transaction() as s, pytest.raises(NotFoundError, match=f"^{message}$"):
        lookups.get(s, model, 999)


def test_a_present_row_is_returned(database: Database) -> None:
    with database.transaction() as s:
        ind = Indicator(
            slug="x.y",
            name_vi="X",
            name_en="X",
            unit="",
            measure="count",
            created_at=datetime.now(UTC),
        )
        s.add(ind)
        s.flush()
        assert lookups.get(s, Indicator, ind.id) is ind


def test_every_model_a_service_looks_up_has_a_name() -> None:
    assert set(lookups.WHAT.values()) >= {"report", "mention", "indicator", "commitment", "feed", "user"}
