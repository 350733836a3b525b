"""Looking a row up by its id (or an indicator by its slug, a user by name), or raising
:class:`~chiso.errors.NotFoundError`: one shape for every service (they had three or four of their
own)."""

from __future__ import annotations

from typing import Final, TypeVar

from sqlalchemy import select
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


def indicator_by_slug(session: Session, slug: str) -> Indicator:
    """The indicator with this slug, else with this numeric id; NotFoundError ("no indicator 'x'")."""
    key = slug.strip()
    ind = session.scalars(select(Indicator).where(Indicator.slug == key)).first()
    # An id in ASCII digits and in the database's range ("²" is a digit to str.isdigit, not to int).
    if ind is None and key.isascii() and key.isdigit() and int(key) < 2**31:
        ind = session.get(Indicator, int(key))
    if ind is None:
        raise NotFoundError("no_such_indicator", slug=slug)
    return ind


def user_by_name(session: Session, name: str) -> User:
    """The account called ``name`` (surrounding spaces ignored); NotFoundError ("no user named 'x'")."""
    user = session.scalars(select(User).where(User.name == name.strip())).first()
    if user is None:
        raise NotFoundError("no_such_user", name=name)
    return user


__all__ = ["WHAT", "get", "indicator_by_slug", "user_by_name"]
