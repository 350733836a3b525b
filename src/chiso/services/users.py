"""People who may change things (editors, admins) and their API tokens.

Passwords are hashed with Argon2id (argon2-cffi); API tokens are random strings shown once and
stored only as their SHA-256. Adding a user and creating a token are audited. Hashing lives
here rather than in the web layer because the CLI creates users too.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache
from typing import Final, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.services import audit
from chiso.services.schemas import Out
from chiso.store.db import Database
from chiso.store.models import ApiToken, User

Role = Literal["editor", "admin"]
ROLES: Final[tuple[Role, ...]] = ("editor", "admin")
MIN_PASSWORD: Final = 8
TOKEN_PREFIX: Final = "chiso_"
TOKEN_TOUCH_EVERY: Final = timedelta(minutes=5)

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return _hasher.hash(secrets.token_hex(16))


class UserOut(Out):
    id: int
    name: str
    role: str
    created_at: datetime

    @property
    def can_edit(self) -> bool:
        return self.role in ROLES


class TokenCreated(Out):
    id: int
    user: UserOut
    #: shown once; only its hash is stored
    token: str


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A password a person can type: 4 groups of 4 letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(db: Database, name: str, role: str, password: str, *, actor: str = "cli") -> UserOut:
    """Create an account; the name must be new and the password at least 8 characters."""
    name = name.strip()
    if not name or len(name) > 120:
        raise InputError("a user name must be 1 to 120 characters")
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password must be at least {MIN_PASSWORD} characters")
    digest = hash_password(password)
    try:
        with db.transaction() as s:
            if s.scalar(select(User.id).where(User.name == name)) is not None:
                raise ConflictError(f"a user named {name!r} already exists")
            user = User(name=name, role=role, password_hash=digest, created_at=audit.now())
            s.add(user)
            s.flush()
            audit.record(
                s,
                actor=actor,
                action="user.add",
                entity="user",
                entity_id=user.id,
                after={"name": name, "role": role},
            )
            return UserOut.model_validate(user)
    except IntegrityError:
        raise ConflictError(f"a user named {name!r} already exists") from None


def authenticate(db: Database, name: str, password: str) -> UserOut | None:
    """The user when ``password`` is theirs; None for a wrong name or password (indistinguishably)."""
    with db.reading() as s:
        user = s.scalars(select(User).where(User.name == name.strip())).first()
        if user is None:
            check_password(_dummy_hash(), password)
            return None
        return UserOut.model_validate(user) if check_password(user.password_hash, password) else None


def get_user(db: Database, user_id: int) -> UserOut | None:
    with db.reading() as s:
        user = s.get(User, user_id)
        return UserOut.model_validate(user) if user is not None else None


def list_users(db: Database) -> list[UserOut]:
    with db.reading() as s:
        return [UserOut.model_validate(u) for u in s.scalars(select(User).order_by(User.name))]


def create_token(
    db: Database, user_name: str, *, label: str | None = None, actor: str = "cli"
) -> TokenCreated:
    """A new API token for ``user_name``, returned once (send it as ``Authorization: Bearer``)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as s:
        user = s.scalars(select(User).where(User.name == user_name.strip())).first()
        if user is None:
            raise NotFoundError(f"no user named {user_name!r}")
        row = ApiToken(user_id=user.id, name=label, token_hash=_token_hash(token), created_at=audit.now())
        s.add(row)
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="token.create",
            entity="api_token",
            entity_id=row.id,
            after={"user": user.name, "label": label},
        )
        return TokenCreated(id=row.id, user=UserOut.model_validate(user), token=token)


def verify_token(db: Database, token: str) -> UserOut | None:
    """The token's user, or None for an unknown token. Notes when it was last used, at most every
    few minutes, so that reads by API clients do not each take the write lock."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    digest = _token_hash(token)
    with db.reading() as s:
        row = s.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
        user = s.get(User, row.user_id) if row is not None else None
        if row is None or user is None:
            return None
        found = UserOut.model_validate(user)
        last = row.last_used_at
    now = audit.now()
    if last is None or now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo)) > TOKEN_TOUCH_EVERY:
        with db.transaction() as s:
            s.execute(update(ApiToken).where(ApiToken.token_hash == digest).values(last_used_at=now))
    return found


__all__ = [
    "MIN_PASSWORD",
    "ROLES",
    "TokenCreated",
    "UserOut",
    "add_user",
    "authenticate",
    "check_password",
    "create_token",
    "generate_password",
    "get_user",
    "hash_password",
    "list_users",
    "verify_token",
]
