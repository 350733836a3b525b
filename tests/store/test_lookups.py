"""One lookup shape: a row by id, or NotFoundError naming what was missing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chiso.errors import NotFoundError
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Commitment, Indicator, Report, User


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


def test_an_indicator_by_slug_or_numeric_id(database: Database) -> None:
    with database.transaction() as s:
        ind = Indicator(
            slug="vneid-accounts",
            name_vi="X",
            name_en="X",
            unit="",
            measure="count",
            created_at=datetime.now(UTC),
        )
        s.add(ind)
        s.flush()
        assert lookups.indicator_by_slug(s, " vneid-accounts ") is ind
        assert lookups.indicator_by_slug(s, str(ind.id)) is ind
        with pytest.raises(NotFoundError, match=r"^no indicator '²' \(see `chiso indicator list`\)$"):
            lookups.indicator_by_slug(s, "²")


def test_a_user_by_name(database: Database) -> None:
    with database.transaction() as s:
        user = User(name="biên-tập", role="editor", password_hash="x", created_at=datetime.now(UTC))
        s.add(user)
        s.flush()
        assert lookups.user_by_name(s, " biên-tập ") is user
        with pytest.raises(NotFoundError, match=r"^no user named 'khách'$"):
            lookups.user_by_name(s, "khách")
