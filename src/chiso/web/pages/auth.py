"""Signing in and out, and a person's own account. Viewing is open; changing anything needs an
editor's session.

Sessions are revocable on the server: the cookie carries the account's session version, and
signing out, a new password or a disabled account raises it (see :mod:`chiso.web.security`).
Sign-in is rate limited per account and per address (:func:`chiso.services.users.authenticate`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from chiso.errors import InputError, TooManyAttemptsError
from chiso.services import users
from chiso.services.database import Database
from chiso.services.users import UserOut
from chiso.web import security
from chiso.web.deps import Csrf, Db, User
from chiso.web.errors import SignInRequiredError
from chiso.web.rendering import PageContext, ShownError, render
from chiso.web.request import bearer_token

router = APIRouter(include_in_schema=False)


class LoginPage(PageContext):
    template: ClassVar[str] = "login.html"
    title: str = "Sign in"
    #: where to go after signing in (a local path)
    next: str = "/"
    name: str = ""
    failed: bool = False
    #: too many failed attempts: the error (the template renders it in the UI's language)
    locked: ShownError | None = None


class TokenRow(PageContext):
    id: int
    label: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class AccountPage(PageContext):
    template: ClassVar[str] = "account.html"
    title: str = "Your account"
    name: str
    role: str
    tokens: list[TokenRow]
    #: after a change: "password" or "token"
    done: str | None = None
    #: the refused change's error (the template renders it in the UI's language)
    error: ShownError | None = None


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, LoginPage(next=security.safe_next(next)))


def attempt_sign_in(request: Request, db: Database, name: str, password: str) -> UserOut | None:
    """Check a name and password and, when they hold, start the user's session (the sign-in page
    and the add-report form's sign-in both come through here). The caller checks CSRF first.
    Rate limited per account and per address: :class:`TooManyAttemptsError` says how long to wait."""
    user = users.authenticate(db, name, password, address=_client(request))
    if user is not None:
        security.sign_in(request, user)
    return user


@router.post("/login", dependencies=[Csrf])
def login(
    request: Request,
    db: Db,
    name: Annotated[str, Form(max_length=120)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    target = security.safe_next(next)
    try:
        user = attempt_sign_in(request, db, name, password)
    except TooManyAttemptsError as exc:
        response = render(
            request, LoginPage(next=target, name=name, locked=ShownError.of(exc)), status_code=429
        )
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if user is None:
        return render(request, LoginPage(next=target, name=name, failed=True), status_code=401)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, db: Db, user: User) -> Response:
    if user is not None and bearer_token(request) is None:
        # end the session on the server too: a copy of this cookie must not sign anyone in
        users.end_sessions(db, user.id)
    security.sign_out(request)
    return RedirectResponse("/", status_code=303)


def _account(
    db: Db, user: users.UserOut, *, done: str | None = None, error: ShownError | None = None
) -> AccountPage:
    return AccountPage(
        name=user.name,
        role=user.role,
        tokens=[
            TokenRow(
                id=t.id,
                label=t.label,
                created_at=t.created_at,
                last_used_at=t.last_used_at,
                revoked_at=t.revoked_at,
            )
            for t in users.list_tokens(db, user_id=user.id)
        ],
        done=done,
        error=error,
    )


def _signed_in(user: users.UserOut | None) -> users.UserOut:
    if user is None:
        raise SignInRequiredError("account_sign_in_required")
    return user


@router.get("/account")
def account(request: Request, db: Db, user: User) -> Response:
    return render(request, _account(db, _signed_in(user)))


@router.post("/account/password", dependencies=[Csrf])
def change_password(
    request: Request,
    db: Db,
    user: User,
    current: Annotated[str, Form(max_length=1024)],
    new: Annotated[str, Form(max_length=1024)],
    repeat: Annotated[str, Form(max_length=1024)],
) -> Response:
    me = _signed_in(user)
    try:
        if new != repeat:
            raise InputError("passwords_differ")
        changed = users.change_own_password(db, me.id, current, new)
    except InputError as exc:
        return render(request, _account(db, me, error=ShownError.of(exc)), status_code=400)
    # every other session of this account has ended; this one goes on with the new version
    security.sign_in(request, changed)
    return render(request, _account(db, changed, done="password"))


@router.post("/account/tokens/{token_id}/revoke", dependencies=[Csrf])
def revoke_own_token(request: Request, db: Db, user: User, token_id: int) -> Response:
    me = _signed_in(user)
    users.revoke_token(db, token_id, actor=me.name, owner_id=me.id)
    return render(request, _account(db, me, done="token"))


__all__ = [
    "AccountPage",
    "LoginPage",
    "TokenRow",
    "account",
    "attempt_sign_in",
    "change_password",
    "login",
    "login_form",
    "logout",
    "revoke_own_token",
    "router",
]
