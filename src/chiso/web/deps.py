"""FastAPI dependencies every route shares: the database, settings, the user, the locale, CSRF.

Use the ``Annotated`` aliases in route signatures::

    @router.post("/mentions/{mention_id}/accept")
    def accept(mention_id: int, db: Db, editor: Editor) -> Response: ...  # Editor checks CSRF
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from chiso.config import Settings
from chiso.errors import PermissionDeniedError
from chiso.services import users
from chiso.services.database import Database
from chiso.services.users import UserOut
from chiso.web import i18n, security
from chiso.web.errors import SignInRequiredError
from chiso.web.request import bearer_token

_ANON = object()


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def resolve_user(request: Request) -> UserOut | None:
    """The user of a bearer token or of the session cookie (looked up once per request)."""
    cached: object = getattr(request.state, "user", _ANON)
    if cached is None or isinstance(cached, UserOut):
        return cached
    user: UserOut | None = None
    db = get_db(request)
    token = bearer_token(request)
    if token is not None:
        user = users.verify_token(db, token)
        if user is None:
            raise SignInRequiredError("api_token_invalid")
    elif "session" in request.scope:
        uid = request.session.get("uid")
        if isinstance(uid, int):
            user = users.session_user(db, uid, request.session.get("sv"))
            if user is None:  # signed out elsewhere, new password, disabled or removed: forget it
                request.session.pop("uid", None)
                request.session.pop("sv", None)
    request.state.user = user
    return user


def current_user(request: Request) -> UserOut | None:
    return resolve_user(request)


async def require_editor(request: Request, user: Annotated[UserOut | None, Depends(current_user)]) -> UserOut:
    """Writes need an editor or admin, signed in or with an API token.

    Who comes first, then the CSRF token: an anonymous request learns it must sign in (401),
    a signed-in one without the page's token is refused (403).
    """
    if user is None:
        raise SignInRequiredError("editor_sign_in_required")
    if not user.can_edit:
        raise PermissionDeniedError("not_an_editor", user=user.name)
    await security.check_csrf(request)
    return user


async def require_signed_in(request: Request, user: Annotated[UserOut | None, Depends(current_user)]) -> UserOut:
    """Writes to one's own things (alert subscriptions) need any signed-in user, not an editor;
    who comes first, then the CSRF token, as :func:`require_editor`."""
    if user is None:
        raise SignInRequiredError("alerts_sign_in_required")
    await security.check_csrf(request)
    return user


def get_locale(request: Request) -> i18n.Locale:
    return i18n.negotiate(request)


Db = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
User = Annotated[UserOut | None, Depends(current_user)]
Editor = Annotated[UserOut, Depends(require_editor)]
#: any signed-in user, CSRF checked (for a person's own settings: alert subscriptions)
SignedIn = Annotated[UserOut, Depends(require_signed_in)]
LocaleDep = Annotated[i18n.Locale, Depends(get_locale)]
#: For unsafe routes that need no editor (signing in and out); ``Editor`` checks CSRF itself.
Csrf = Depends(security.check_csrf)

__all__ = [
    "AppSettings",
    "Csrf",
    "Db",
    "Editor",
    "LocaleDep",
    "SignedIn",
    "User",
    "current_user",
    "get_db",
    "get_locale",
    "get_settings",
    "require_editor",
    "require_signed_in",
    "resolve_user",
]
