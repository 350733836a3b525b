"""Signing in and out. Viewing is open; changing anything needs an editor's session."""

from __future__ import annotations

from typing import Annotated, ClassVar

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from chiso.services import users
from chiso.services.users import UserOut
from chiso.store.db import Database
from chiso.web import security
from chiso.web.deps import Csrf, Db
from chiso.web.pages import PageContext, render

router = APIRouter(include_in_schema=False)


class LoginPage(PageContext):
    template: ClassVar[str] = "login.html"
    title: str = "Sign in"
    #: where to go after signing in (a local path)
    next: str = "/"
    name: str = ""
    failed: bool = False


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return render(request, LoginPage(next=security.safe_next(next)))


def attempt_sign_in(request: Request, db: Database, name: str, password: str) -> UserOut | None:
    """Check a name and password and, when they hold, start the user's session (the sign-in page
    and the add-report form's sign-in both come through here). The caller checks CSRF first."""
    user = users.authenticate(db, name, password)
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
    user = attempt_sign_in(request, db, name, password)
    target = security.safe_next(next)
    if user is None:
        return render(request, LoginPage(next=target, name=name, failed=True), status_code=401)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request) -> Response:
    security.sign_out(request)
    return RedirectResponse("/", status_code=303)
