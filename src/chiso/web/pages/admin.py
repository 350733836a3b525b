"""The admin's page, ``/admin`` (JSON twin ``/api/admin``): accounts and every API token.

An admin adds a person (a password given or one generated and shown once), disables and
enables accounts, changes a role, resets a password (a temporary one shown once: the person
changes it on their account page), makes an API token for an account (its secret shown once)
and revokes any API token. Every route here needs
:data:`~chiso.web.deps.Admin` (``/admin`` is one of :data:`~chiso.web.deps.ADMIN_PREFIXES`);
each change is one audited unit of work in :mod:`chiso.services.users`.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from fastapi import APIRouter, Form, Path
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from chiso.errors import InputError, NotFoundError
from chiso.services import users
from chiso.services.database import Database
from chiso.services.users import TokenCreated, TokenOut, UserOut
from chiso.web.deps import Admin, Db
from chiso.web.rendering import PageContext, ShownError, page, render
from chiso.web.request import is_api

router = APIRouter()

MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


class ShownPassword(BaseModel):
    """A password made by the site, shown this once (only its hash is kept)."""

    user: str
    password: str


class AdminPage(PageContext):
    template: ClassVar[str] = "admin.html"
    title: str = "Users and tokens"
    users: list[UserOut]
    tokens: list[TokenOut]
    roles: list[str]
    #: after a change: what was done ("added", "disabled", "enabled", "role", "password", "revoked")
    done: str | None = None
    #: whom the change was about
    done_to: str | None = None
    #: a generated password, shown once
    secret: ShownPassword | None = None
    #: the refused change's error (rendered in the UI's language)
    error: ShownError | None = None
    #: a token just created, its secret shown this once
    new_token: TokenCreated | None = None


class TokenIn(BaseModel):
    #: the account the token acts as (its name)
    user: str = Field(min_length=1, max_length=120)
    #: a note saying what the token is for
    label: str | None = Field(default=None, max_length=200)


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    role: users.Role = "editor"
    #: none: the site makes one and answers it once
    password: str | None = Field(default=None, max_length=1024)


class RoleIn(BaseModel):
    role: users.Role


class UserChanged(BaseModel):
    user: UserOut
    #: a password the site made (new account or reset), returned this once
    password: str | None = None


def admin_context(
    db: Database,
    *,
    done: str | None = None,
    done_to: str | None = None,
    secret: ShownPassword | None = None,
    error: ShownError | None = None,
    new_token: TokenCreated | None = None,
) -> AdminPage:
    return AdminPage(
        users=users.list_users(db),
        tokens=users.list_tokens(db),
        roles=list(users.ROLES),
        done=done,
        done_to=done_to,
        secret=secret,
        error=error,
        new_token=new_token,
    )


def _user(db: Database, user_id: int) -> UserOut:
    found = users.get_user(db, user_id)
    if found is None:
        raise NotFoundError("no_such_id", what="user", id=user_id)
    return found


def _not_self(admin: UserOut, target: UserOut) -> None:
    """An admin may not lock themselves out (disable their account or drop their admin role)."""
    if admin.id == target.id:
        raise InputError("admin_own_account")


def _answer(
    request: Request, db: Database, changed: UserChanged, *, done: str, status_code: int = 200
) -> Response:
    if is_api(request):
        return JSONResponse(changed.model_dump(mode="json"), status_code=status_code)
    secret = ShownPassword(user=changed.user.name, password=changed.password) if changed.password else None
    page_ = admin_context(db, done=done, done_to=changed.user.name, secret=secret)
    return render(request, page_, status_code=status_code)


@page(router, "/admin", response_model=AdminPage, tags=["admin"])
def admin(request: Request, db: Db, me: Admin) -> Response:
    """Every account and every API token (never a token's secret)."""
    return render(request, admin_context(db))


def _add(db: Database, me: UserOut, name: str, role: str, password: str | None) -> UserChanged:
    made = password is None or not password.strip()
    secret = users.generate_password() if password is None or made else password
    user = users.add_user(db, name, role, secret, actor=me.name)
    return UserChanged(user=user, password=secret if made else None)


@router.post("/admin/users", include_in_schema=False)
def add_user_form(
    request: Request,
    db: Db,
    me: Admin,
    name: Annotated[str, Form(max_length=120)] = "",
    role: Annotated[str, Form(max_length=10)] = "editor",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Add an account; an empty password means: make one and show it once."""
    try:
        changed = _add(db, me, name, role, password or None)
    except InputError as exc:
        return render(request, admin_context(db, error=ShownError.of(exc)), status_code=400)
    return _answer(request, db, changed, done="added", status_code=201)


@router.post("/api/admin/users", response_model=UserChanged, status_code=201, tags=["admin"])
def api_add_user(request: Request, db: Db, me: Admin, body: UserIn) -> Response:
    """Add an account; without a password the site makes one and returns it this once."""
    return _answer(request, db, _add(db, me, body.name, body.role, body.password), done="added", status_code=201)


@router.post("/admin/users/{user_id}/disable", include_in_schema=False)
@router.post("/api/admin/users/{user_id}/disable", response_model=UserChanged, tags=["admin"])
def disable_user(request: Request, user_id: Id, db: Db, me: Admin) -> Response:
    """Disable an account: it cannot sign in, its sessions end, its tokens stop working."""
    target = _user(db, user_id)
    _not_self(me, target)
    changed = UserChanged(user=users.set_disabled(db, target.name, True, actor=me.name))
    return _answer(request, db, changed, done="disabled")


@router.post("/admin/users/{user_id}/enable", include_in_schema=False)
@router.post("/api/admin/users/{user_id}/enable", response_model=UserChanged, tags=["admin"])
def enable_user(request: Request, user_id: Id, db: Db, me: Admin) -> Response:
    """Enable an account again (its password is unchanged)."""
    target = _user(db, user_id)
    changed = UserChanged(user=users.set_disabled(db, target.name, False, actor=me.name))
    return _answer(request, db, changed, done="enabled")


def _set_role(db: Database, me: UserOut, user_id: int, role: str) -> UserChanged:
    target = _user(db, user_id)
    if role != "admin":
        _not_self(me, target)
    return UserChanged(user=users.set_role(db, target.name, role, actor=me.name))


@router.post("/admin/users/{user_id}/role", include_in_schema=False)
def role_form(
    request: Request, user_id: Id, db: Db, me: Admin, role: Annotated[str, Form(max_length=10)] = ""
) -> Response:
    """Give an account another role."""
    return _answer(request, db, _set_role(db, me, user_id, role), done="role")


@router.post("/api/admin/users/{user_id}/role", response_model=UserChanged, tags=["admin"])
def api_role(request: Request, user_id: Id, db: Db, me: Admin, body: RoleIn) -> Response:
    """Give an account another role (from its next request on)."""
    return _answer(request, db, _set_role(db, me, user_id, body.role), done="role")


@router.post("/admin/users/{user_id}/password", include_in_schema=False)
@router.post("/api/admin/users/{user_id}/password", response_model=UserChanged, tags=["admin"])
def reset_password(request: Request, user_id: Id, db: Db, me: Admin) -> Response:
    """Give an account a temporary password, returned this once; its sessions end."""
    target = _user(db, user_id)
    secret = users.generate_password()
    user = users.set_password(db, target.name, secret, actor=me.name)
    return _answer(request, db, UserChanged(user=user, password=secret), done="password")


@router.post("/admin/tokens", include_in_schema=False)
def create_token_form(
    request: Request,
    db: Db,
    me: Admin,
    user: Annotated[str, Form(max_length=120)] = "",
    label: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Make an API token for the chosen account (``chiso token create``), its secret shown once."""
    try:
        made = users.create_token(db, user, label=label.strip() or None, actor=me.name)
    except (InputError, NotFoundError) as exc:
        return render(request, admin_context(db, error=ShownError.of(exc)), status_code=exc.status_code)
    return render(request, admin_context(db, new_token=made), status_code=201)


@router.post("/api/admin/tokens", response_model=TokenCreated, status_code=201, tags=["admin"])
def api_create_token(db: Db, me: Admin, body: TokenIn) -> JSONResponse:
    """Make an API token for an account; the token is in this answer only (its hash is kept)."""
    made = users.create_token(db, body.user, label=(body.label or "").strip() or None, actor=me.name)
    return JSONResponse(made.model_dump(mode="json"), status_code=201)


@router.post("/admin/tokens/{token_id}/revoke", include_in_schema=False)
@router.post("/api/admin/tokens/{token_id}/revoke", response_model=TokenOut, tags=["admin"])
def revoke_token(request: Request, token_id: Id, db: Db, me: Admin) -> Response:
    """Revoke anyone's API token: it stops working at once."""
    token = users.revoke_token(db, token_id, actor=me.name)
    if is_api(request):
        return JSONResponse(token.model_dump(mode="json"))
    return render(request, admin_context(db, done="revoked", done_to=f"#{token.id} ({token.user})"))


__all__ = [
    "AdminPage",
    "RoleIn",
    "ShownPassword",
    "TokenIn",
    "UserChanged",
    "UserIn",
    "admin",
    "admin_context",
    "router",
]
