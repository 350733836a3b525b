"""Looking a row up by its id, or raising :class:`~chiso.errors.NotFoundError`: one shape for
every service (they had three or four of their own)."""

from __future__ import annotations

from typing import Final, TypeVar

from sqlalchemy.orm import Session

from chiso.errors import NotFoundError
from chiso.store.models import (
    ApiToken,
    Base,
    Commitment,
    CommitmentEvent,
    Feed,
    Indicator,
    Mention,
    Observation,
    Report,
    User,
)

M = TypeVar("M", bound=Base)

#: What a person calls each kind of row, in the message of a failed lookup.
WHAT: Final[dict[type[Base], str]] = {
    ApiToken: "token",
    Commitment: "commitment",
    CommitmentEvent: "commitment event",
    Feed: "feed",
    Indicator: "indicator",
    Mention: "mention",
    Observation: "observation",
    Report: "report",
    User: "user",
}


def get(session: Session, model: type[M], ident: int) -> M:
    """The ``model`` row with primary key ``ident``; NotFoundError ("no report with id 12") if none."""
    row = session.get(model, ident)
    if row is None:
        raise NotFoundError("no_such_id", what=WHAT[model], id=ident)
    return row


__all__ = ["WHAT", "get"]
