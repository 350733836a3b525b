"""FastAPI dependencies every route shares: the database, settings, the user, the locale, CSRF.

Use the ``Annotated`` aliases in route signatures::

    @router.post("/mentions/{mention_id}/accept")
    def accept(mention_id: int, db: Db, editor: Editor) -> Response: ...  # Editor checks CSRF

Who may do what (the roles of :mod:`chiso.services.users`): reading is open; a ``viewer`` is
signed in and reads (``Viewer``: the audit log); every write needs ``Editor`` (an editor or
admin); what manages the site needs ``Admin``. The paths under :data:`ADMIN_PREFIXES` are the
admin's whatever dependency their route names: ``Editor`` there asks for an admin too, so a
route added under them is never open to editors by mistake. ``tests/web/test_role_table.py``
tries every unsafe route of the app with each role.
"""

from __future__ import annotations

from typing import Annotated, Final

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

#: Paths (and their ``/api`` twins) only admins reach: users and every API token, feeds, settings.
ADMIN_PREFIXES: Final[tuple[str, ...]] = (
    "/admin",
    "/api/admin",
    "/feeds",
    "/api/feeds",
    "/settings",
    "/api/settings",
)


#: the public Atom feeds under ``/feeds/`` (``/feeds/deadlines.atom``, ``/feeds/indicators/X.atom``
#: ...): for anyone, without an account, although ``/feeds`` itself is the admin's
PUBLIC_FEED_SUFFIX: Final = ".atom"


def is_admin_path(path: str) -> bool:
    """Whether ``path`` is one only admins reach (:data:`ADMIN_PREFIXES`, whole segments; not
    the public Atom feeds)."""
    if path.startswith("/feeds/") and path.endswith(PUBLIC_FEED_SUFFIX):
        return False
    return any(path == p or path.startswith(p + "/") for p in ADMIN_PREFIXES)


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
    if is_admin_path(request.url.path):
        return await require_admin(request, user)
    if user is None:
        raise SignInRequiredError("editor_sign_in_required")
    if not user.can_edit:
        raise PermissionDeniedError("not_an_editor", user=user.name)
    await security.check_csrf(request)
    return user


async def require_admin(request: Request, user: Annotated[UserOut | None, Depends(current_user)]) -> UserOut:
    """Managing users, tokens, feeds and settings needs an admin (reads and writes alike);
    an unsafe request also needs the page's CSRF token, as for :func:`require_editor`."""
    if user is None:
        raise SignInRequiredError("admin_sign_in_required")
    if not user.can_admin:
        raise PermissionDeniedError("not_an_admin", user=user.name)
    await security.check_csrf(request)
    return user


async def require_signed_in(request: Request, user: Annotated[UserOut | None, Depends(current_user)]) -> UserOut:
    """Writes to one's own things (alert subscriptions) need any signed-in user, not an editor;
    who comes first, then the CSRF token, as :func:`require_editor`."""
    if user is None:
        raise SignInRequiredError("alerts_sign_in_required")
    await security.check_csrf(request)
    return user


def require_viewer(user: Annotated[UserOut | None, Depends(current_user)]) -> UserOut:
    """Anyone signed in, whatever their role (the audit log names people: not for the public)."""
    if user is None:
        raise SignInRequiredError("history_sign_in_required")
    return user


def get_locale(request: Request) -> i18n.Locale:
    return i18n.negotiate(request)


Db = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
User = Annotated[UserOut | None, Depends(current_user)]
Editor = Annotated[UserOut, Depends(require_editor)]
Admin = Annotated[UserOut, Depends(require_admin)]
Viewer = Annotated[UserOut, Depends(require_viewer)]
#: any signed-in user, CSRF checked (for a person's own settings: alert subscriptions)
SignedIn = Annotated[UserOut, Depends(require_signed_in)]
LocaleDep = Annotated[i18n.Locale, Depends(get_locale)]
#: For unsafe routes that need no editor (signing in and out); ``Editor`` checks CSRF itself.
Csrf = Depends(security.check_csrf)

__all__ = [
    "ADMIN_PREFIXES",
    "Admin",
    "AppSettings",
    "Csrf",
    "Db",
    "Editor",
    "LocaleDep",
    "SignedIn",
    "User",
    "Viewer",
    "current_user",
    "get_db",
    "get_locale",
    "get_settings",
    "is_admin_path",
    "require_admin",
    "require_editor",
    "require_signed_in",
    "require_viewer",
    "resolve_user",
]
