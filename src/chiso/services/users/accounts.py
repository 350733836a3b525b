"""People with accounts (viewers, editors, admins) and their API tokens.

Roles, each allowed what the one before is: a ``viewer`` signs in and reads (the review queue
read-only, the audit log); an ``editor`` reviews, adds and edits reports, resolves commitments; an
``admin`` also manages users, every API token and the feeds.

Passwords are hashed with Argon2id (argon2-cffi); API tokens are random strings shown once and
stored only as their SHA-256. Adding a user and creating a token are audited. Hashing lives
here rather than in the web layer because the CLI creates users too.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta
from functools import cache
from typing import Final, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chiso.errors import ConflictError, DatabaseBusyError, InputError, NotFoundError, TooManyAttemptsError
from chiso.services import audit
from chiso.services.schemas import Out
from chiso.store import lookups
from chiso.store import users as user_store
from chiso.store.db import Database
from chiso.store.models import ApiToken, SignInFailure, User

Role = Literal["viewer", "editor", "admin"]
#: the roles, least allowed first
ROLES: Final[tuple[Role, ...]] = ("viewer", "editor", "admin")
#: the roles that may change things
EDIT_ROLES: Final = frozenset({"editor", "admin"})
MIN_PASSWORD: Final = 8
TOKEN_PREFIX: Final = "chiso_"
TOKEN_TOUCH_EVERY: Final = timedelta(minutes=5)
#: Sign-in rate limit: failures counted over a sliding window, per account name and per address.
#: Five wrong passwords for one account is more than a person mistypes; twenty from one address
#: leaves room for an office behind one NAT while stopping a guesser (180 tries at 7/s before).
FAILURE_WINDOW: Final = timedelta(minutes=15)
MAX_FAILURES_PER_NAME: Final = 5
MAX_FAILURES_PER_ADDRESS: Final = 20

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
    #: a session cookie made before this version was raised no longer signs in
    session_version: int = 0
    disabled_at: datetime | None = None

    @property
    def can_edit(self) -> bool:
        return self.role in EDIT_ROLES and self.disabled_at is None

    @property
    def can_admin(self) -> bool:
        return self.role == "admin" and self.disabled_at is None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


class TokenOut(Out):
    id: int
    user: str
    label: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


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
        raise InputError("user_name_length")
    if role not in ROLES:
        raise InputError("unknown_role", choices=", ".join(ROLES), role=role)
    if len(password) < MIN_PASSWORD:
        raise InputError("password_too_short", n=MIN_PASSWORD)
    digest = hash_password(password)
    try:
        with db.transaction() as s:
            if user_store.name_taken(s, name):
                raise ConflictError("user_exists", name=name)
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
        raise ConflictError("user_exists", name=name) from None


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=audit.now().tzinfo)


def _check_rate(s: Session, name: str, address: str | None, now: datetime) -> None:
    """Refuse before looking at the password when an account or an address has failed too often."""
    since = now - FAILURE_WINDOW
    limits: list[tuple[str, dict[str, str], int]] = [("account", {"name": name}, MAX_FAILURES_PER_NAME)]
    if address:
        limits.append(("address", {"address": address}, MAX_FAILURES_PER_ADDRESS))
    for what, whose, most in limits:
        count, first = user_store.failures_since(s, since, **whose)
        if count >= most and first is not None:
            wait = max(1, math.ceil((_aware(first) + FAILURE_WINDOW - now).total_seconds()))
            minutes = max(1, math.ceil(wait / 60))
            raise TooManyAttemptsError("sign_ins_locked", what=what, minutes=minutes, retry_after=wait)


def authenticate(db: Database, name: str, password: str, *, address: str | None = None) -> UserOut | None:
    """The user when ``password`` is theirs; None for a wrong name or password (indistinguishably).

    Failures are counted per account name and per ``address`` (the client's IP); past the limit
    the password is not even checked and :class:`TooManyAttemptsError` says how long to wait. A
    disabled account answers like a wrong password.
    """
    name = name.strip()[:120]
    address = address[:64] if address else None
    now = audit.now()
    with db.reading() as s:
        _check_rate(s, name, address, now)
        user = user_store.user_named(s, name)
        found = UserOut.model_validate(user) if user is not None else None
        stored = user.password_hash if user is not None else None
    ok = check_password(stored or _dummy_hash(), password) and found is not None and not found.disabled
    with db.transaction() as s:
        if ok:
            user_store.forget_failures(s, name)
        else:
            s.add(SignInFailure(at=now, name=name, address=address))
            # keep the table small: what is past the window no longer counts
            user_store.forget_failures_before(s, now - 2 * FAILURE_WINDOW)
    return found if ok else None


def get_user(db: Database, user_id: int) -> UserOut | None:
    with db.reading() as s:
        user = s.get(User, user_id)
        return UserOut.model_validate(user) if user is not None else None


def list_users(db: Database) -> list[UserOut]:
    with db.reading() as s:
        return [UserOut.model_validate(u) for u in user_store.users(s)]


def create_token(
    db: Database, user_name: str, *, label: str | None = None, actor: str = "cli"
) -> TokenCreated:
    """A new API token for ``user_name``, returned once (send it as ``Authorization: Bearer``)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as s:
        user = lookups.user_by_name(s, user_name)
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
        row = user_store.live_token(s, digest)
        user = s.get(User, row.user_id) if row is not None else None
        if row is None or user is None or user.disabled_at is not None:
            return None
        found = UserOut.model_validate(user)
        last = row.last_used_at
    now = audit.now()
    if last is None or now - (last if last.tzinfo else last.replace(tzinfo=now.tzinfo)) > TOKEN_TOUCH_EVERY:
        try:
            with db.transaction() as s:
                user_store.touch_token(s, digest, now)
        except DatabaseBusyError:
            pass  # "last used" is a note: a busy database must not fail the request it rides on
    return found


def session_user(db: Database, user_id: int, version: object) -> UserOut | None:
    """The user a session cookie names, if that session still stands: the account exists, is not
    disabled, and has not signed out or changed its password since the cookie was made."""
    user = get_user(db, user_id)
    if user is None or user.disabled or version != user.session_version:
        return None
    return user


def end_sessions(db: Database, user_id: int) -> None:
    """Sign the user out everywhere: every session cookie made so far stops working."""
    with db.transaction() as s:
        user_store.end_sessions(s, user_id)


def set_password(db: Database, name: str, password: str, *, actor: str = "cli") -> UserOut:
    """A new password for ``name``; every session of theirs ends (tokens stay: revoke them apart)."""
    if len(password) < MIN_PASSWORD:
        raise InputError("password_too_short", n=MIN_PASSWORD)
    digest = hash_password(password)
    with db.transaction() as s:
        user = lookups.user_by_name(s, name)
        user.password_hash = digest
        user.session_version += 1
        s.flush()
        audit.record(s, actor=actor, action="user.password", entity="user", entity_id=user.id)
        return UserOut.model_validate(user)


def change_own_password(db: Database, user_id: int, current: str, new: str) -> UserOut:
    """A signed-in person changes their password; the current one must be right."""
    with db.reading() as s:
        user = lookups.get(s, User, user_id)
        name, stored = user.name, user.password_hash
    if not check_password(stored, current):
        raise InputError("password_wrong")
    return set_password(db, name, new, actor=name)


def set_disabled(db: Database, name: str, disabled: bool, *, actor: str = "cli") -> UserOut:
    """Disable an account (it cannot sign in, its sessions end, its tokens stop) or enable it again."""
    with db.transaction() as s:
        user = lookups.user_by_name(s, name)
        before = {"disabled": user.disabled_at is not None}
        if disabled and user.disabled_at is None:
            user.disabled_at = audit.now()
            user.session_version += 1
        elif not disabled:
            user.disabled_at = None
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="user.disable" if disabled else "user.enable",
            entity="user",
            entity_id=user.id,
            before=before,
            after={"disabled": disabled},
        )
        return UserOut.model_validate(user)


def set_role(db: Database, name: str, role: str, *, actor: str = "cli") -> UserOut:
    """Give ``name`` another role; it applies from their next request (sessions stay)."""
    if role not in ROLES:
        raise InputError("unknown_role", choices=", ".join(ROLES), role=role)
    with db.transaction() as s:
        user = lookups.user_by_name(s, name)
        before = user.role
        if before != role:
            user.role = role
            s.flush()
            audit.record(
                s,
                actor=actor,
                action="user.role",
                entity="user",
                entity_id=user.id,
                before={"role": before},
                after={"role": role},
            )
        return UserOut.model_validate(user)


def list_tokens(db: Database, user_name: str | None = None, *, user_id: int | None = None) -> list[TokenOut]:
    """API tokens (never the secret), newest first; of one user when a name or id is given."""
    with db.reading() as s:
        whose = [] if user_name is None else [lookups.user_by_name(s, user_name).id]
        if user_id is not None:
            whose.append(user_id)
        return [
            TokenOut(
                id=t.id,
                user=uname,
                label=t.name,
                created_at=t.created_at,
                last_used_at=t.last_used_at,
                revoked_at=t.revoked_at,
            )
            for t, uname in user_store.tokens(s, whose)
        ]


def revoke_token(db: Database, token_id: int, *, actor: str = "cli", owner_id: int | None = None) -> TokenOut:
    """Revoke a token by its id (listed by :func:`list_tokens`); with ``owner_id``, only one's own."""
    with db.transaction() as s:
        row = lookups.get(s, ApiToken, token_id)
        if owner_id is not None and row.user_id != owner_id:
            # another's token is not said to exist: the same answer as an unknown id
            raise NotFoundError("no_such_id", what="token", id=token_id)
        if row.revoked_at is None:
            row.revoked_at = audit.now()
            s.flush()
            audit.record(s, actor=actor, action="token.revoke", entity="api_token", entity_id=row.id)
        owner = s.get(User, row.user_id)
        return TokenOut(
            id=row.id,
            user=owner.name if owner is not None else "",
            label=row.name,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )


__all__ = [
    "EDIT_ROLES",
    "FAILURE_WINDOW",
    "MAX_FAILURES_PER_ADDRESS",
    "MAX_FAILURES_PER_NAME",
    "MIN_PASSWORD",
    "ROLES",
    "Role",
    "TokenCreated",
    "TokenOut",
    "UserOut",
    "add_user",
    "authenticate",
    "change_own_password",
    "check_password",
    "create_token",
    "end_sessions",
    "generate_password",
    "get_user",
    "hash_password",
    "list_tokens",
    "list_users",
    "revoke_token",
    "session_user",
    "set_disabled",
    "set_password",
    "set_role",
    "verify_token",
]
