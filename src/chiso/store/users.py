"""The queries of accounts, sign-in failures and API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from chiso.store.models import ApiToken, SignInFailure, User


def user_named(session: Session, name: str) -> User | None:
    """The account called exactly ``name``, if any."""
    return session.scalars(select(User).where(User.name == name)).first()


def name_taken(session: Session, name: str) -> bool:
    return session.scalar(select(User.id).where(User.name == name)) is not None


def users(session: Session) -> list[User]:
    """Every account, by name."""
    return list(session.scalars(select(User).order_by(User.name)))


def failures_since(
    session: Session, since: datetime, *, name: str | None = None, address: str | None = None
) -> tuple[int, datetime | None]:
    """How many sign-ins failed after ``since`` for the account ``name`` (or from ``address``),
    and when the first of them was."""
    where = SignInFailure.name == name if address is None else SignInFailure.address == address
    count, first = session.execute(
        select(func.count(), func.min(SignInFailure.at)).where(where, SignInFailure.at > since)
    ).one()
    return int(count), first


def forget_failures(session: Session, name: str) -> None:
    """The account's failed sign-ins no longer count (it has just signed in)."""
    session.execute(delete(SignInFailure).where(SignInFailure.name == name))


def forget_failures_before(session: Session, at: datetime) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.at < at))


def end_sessions(session: Session, user_id: int) -> None:
    """Raise the user's session version: every session cookie made before stops working."""
    session.execute(update(User).where(User.id == user_id).values(session_version=User.session_version + 1))


def live_token(session: Session, token_hash: str) -> ApiToken | None:
    """The token with this hash, unless revoked."""
    return session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None))
    ).first()


def touch_token(session: Session, token_hash: str, at: datetime) -> None:
    session.execute(update(ApiToken).where(ApiToken.token_hash == token_hash).values(last_used_at=at))


def tokens(session: Session, user_ids: Iterable[int] = ()) -> list[tuple[ApiToken, str]]:
    """API tokens with their user's name, newest first; only those of every user in ``user_ids``."""
    q = select(ApiToken, User.name).join(User, User.id == ApiToken.user_id)
    for user_id in user_ids:
        q = q.where(User.id == user_id)
    return [(t, name) for t, name in session.execute(q.order_by(ApiToken.id.desc()))]


__all__ = [
    "end_sessions",
    "failures_since",
    "forget_failures",
    "forget_failures_before",
    "live_token",
    "name_taken",
    "tokens",
    "touch_token",
    "user_named",
    "users",
]
