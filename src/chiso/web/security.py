"""Sessions, CSRF and API tokens.

- The session is a cookie signed with itsdangerous (Starlette's SessionMiddleware): HttpOnly,
  SameSite=Lax, Secure when configured. It holds the signed-in user's id and a CSRF token.
- Every form carries the CSRF token in a hidden ``csrf_token`` field and every htmx request in
  the ``X-CSRF-Token`` header (app.js adds it); unsafe requests without it are refused (403).
- API clients send ``Authorization: Bearer <token>`` (``chiso token create USER``); a bearer
  request carries no ambient authority, so it needs no CSRF token.
- Passwords are hashed with Argon2 in :mod:`chiso.services.users` (the CLI creates users too).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Final

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request

from chiso.services.users import UserOut
from chiso.web.errors import CsrfError
from chiso.web.request import bearer_token

SESSION_COOKIE: Final = "chiso_session"
SESSION_DAYS: Final = 14
CSRF_FIELD: Final = "csrf_token"
CSRF_HEADER: Final = "x-csrf-token"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})


def install_sessions(app: FastAPI, secret_key: str, *, https_only: bool = False) -> None:
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_DAYS * 24 * 3600,
        same_site="lax",
        https_only=https_only,
    )


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe request whose CSRF token (header or form field) is not the session's."""
    if request.method in SAFE_METHODS or bearer_token(request) is not None:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()  # cached by Starlette: the route reads the same form
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        raise CsrfError("csrf_failed")


def sign_in(request: Request, user: UserOut) -> None:
    """Start a fresh session for ``user`` (a new CSRF token, so an old page's token stops working)."""
    request.session.clear()
    request.session["uid"] = user.id
    # the account's session version: signing out anywhere, a new password or disabling the account
    # raises it, and this cookie stops signing anyone in (sessions are revocable on the server)
    request.session["sv"] = user.session_version
    request.session["csrf"] = secrets.token_urlsafe(24)


def sign_out(request: Request) -> None:
    request.session.clear()


def safe_next(target: str | None, default: str = "/") -> str:
    """Only local paths are followed after signing in or switching language (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "check_csrf",
    "install_sessions",
    "safe_next",
    "sign_in",
    "sign_out",
]
