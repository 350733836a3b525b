"""The role table: every unsafe route of the real app, tried by each role.

The policy is in code: a write needs ``Editor`` (editor or admin), a route under
``chiso.web.deps.ADMIN_PREFIXES`` needs an admin (``Admin``, or ``Editor`` there, which asks for
an admin too). The routes that need neither are listed below with their reason; a new unsafe
route that names neither dependency nor an exception fails :func:`test_every_unsafe_route_has_a_role`.

Requests name ids that do not exist and carry no body, so a permitted role gets 400, 404 or 422,
never 401 or 403; anonymous gets 401 (a POST is never redirected to sign in), a role too low 403.
HTML routes are tried with a signed-in session (and its CSRF token), ``/api`` ones with a token.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from chiso.services.users import accounts as users
from chiso.store.db import Database
from chiso.web.deps import (
    Editor,
    is_admin_path,
    require_admin,
    require_editor,
    require_signed_in,
    require_viewer,
)
from tests.web.conftest import csrf_token

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

Need = Literal["viewer", "editor", "admin"]
Who = Literal["anonymous", "viewer", "editor", "admin"]
RANK: dict[str, int] = {"anonymous": 0, "viewer": 1, "editor": 2, "admin": 3}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PASSWORD = "một mật khẩu dài"

#: Unsafe routes that use neither Editor nor Admin, what they need instead and why.
EXCEPTIONS: dict[tuple[str, str], tuple[Need | None, str]] = {
    ("POST", "/login"): (None, "signing in is for anyone (the CSRF token is still checked)"),
    ("POST", "/logout"): (None, "signing out is for anyone (the CSRF token is still checked)"),
    ("POST", "/account/password"): ("viewer", "one's own password: anyone signed in"),
    ("POST", "/account/tokens/{token_id}/revoke"): ("viewer", "one's own tokens: anyone signed in"),
    ("POST", "/reports/new"): (
        "editor",
        "checks the editor role itself, so that a paste survives an ended session (sign-in in the form)",
    ),
}
#: Exceptions that check the CSRF token before who asks: anonymous (no session) gets 403.
#: Permitted writes that need no input (so an empty request does them): what they answer.
NO_INPUT: dict[tuple[str, str], int] = {
    ("POST", "/reports/reextract"): 303,  # read the stale reports again (none here): back to the list
}
CSRF_FIRST = {("POST", "/account/password"), ("POST", "/account/tokens/{token_id}/revoke")}
#: GET routes a role guards (besides those under ADMIN_PREFIXES, all admin's).
GUARDED_READS: dict[str, Need] = {"/history": "viewer", "/api/history": "viewer"}


def _calls(dep: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dep.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _guard(route: APIRoute) -> Need | None:
    calls = set(_calls(route.dependant))
    if require_admin in calls:
        return "admin"
    if require_editor in calls:
        return "admin" if is_admin_path(route.path) else "editor"
    if require_viewer in calls or require_signed_in in calls:
        return "viewer"
    return None


def _flat(routes: Iterable[object]) -> Iterator[APIRoute]:
    """Every API route of the app, the included routers' too (FastAPI keeps an included router
    as one entry holding the original; the app's routers carry their prefixes themselves)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (inner := getattr(route, "original_router", None)) is not None:
            yield from _flat(inner.routes)


def _routes(app: FastAPI, methods: set[str]) -> list[tuple[str, APIRoute]]:
    found = sorted(
        ((m, r) for r in _flat(app.routes) for m in r.methods if m in methods),
        key=lambda mr: (mr[1].path, mr[0]),
    )
    assert found, "no routes found: has FastAPI changed how it keeps them?"
    return found


def _url(path: str) -> str:
    """The path with every parameter an id that does not exist (slugs are looked up as ids too)."""
    return re.sub(r"\{[^}]+\}", "999999", path)


@pytest.fixture
def people(database: Database) -> dict[str, str]:
    """A token for each role (their names are the roles)."""
    out: dict[str, str] = {}
    for role in users.ROLES:
        users.add_user(database, role, role, PASSWORD, actor="test")
        out[role] = users.create_token(database, role, actor="test").token
    return out


@pytest.fixture
def clients(app: FastAPI, people: dict[str, str]) -> Iterator[dict[str, TestClient]]:
    """A client per role: anonymous, and one signed in (its CSRF header set) for each role."""
    made: dict[str, TestClient] = {}
    with TestClient(app) as anon:
        made["anonymous"] = anon
        for role in users.ROLES:
            c = TestClient(app)
            c.__enter__()
            r = c.post(
                "/login",
                data={"name": role, "password": PASSWORD, "csrf_token": csrf_token(c), "next": "/"},
                follow_redirects=False,
            )
            assert r.status_code == 303, r.text
            c.headers["X-CSRF-Token"] = csrf_token(c, "/")
            made[role] = c
        try:
            yield made
        finally:
            for role in users.ROLES:
                made[role].__exit__(None, None, None)


def _request(
    clients: dict[str, TestClient], people: dict[str, str], who: str, method: str, path: str
) -> int:
    url = _url(path)
    if who != "anonymous" and path.startswith("/api/"):
        headers = {"Authorization": f"Bearer {people[who]}"}
        return clients["anonymous"].request(method, url, headers=headers, follow_redirects=False).status_code
    return clients[who].request(method, url, follow_redirects=False).status_code


def _unguarded(app: FastAPI) -> list[str]:
    return [
        f"{m} {r.path}" for m, r in _routes(app, UNSAFE) if _guard(r) is None and (m, r.path) not in EXCEPTIONS
    ]


def test_every_unsafe_route_has_a_role(app: FastAPI) -> None:
    assert _unguarded(app) == [], "unsafe routes with neither Editor nor Admin: use one, or list an exception"
    # an exception that no longer names a route is stale
    present = {(m, r.path) for m, r in _routes(app, UNSAFE)}
    assert set(EXCEPTIONS) <= present
    # and an exception is one because it names neither dependency
    assert [k for k in EXCEPTIONS if any((m, r.path) == k and _guard(r) for m, r in _routes(app, UNSAFE))] == []


def test_a_new_route_without_a_role_is_caught(app: FastAPI, people: dict[str, str]) -> None:
    """The check above sees a route added later, in an included router, and how it is guarded."""
    router = APIRouter()

    @router.post("/reports/{report_id}/archive")
    def archive(report_id: int) -> None: ...

    @router.delete("/admin/things/{thing_id}")
    def drop(thing_id: int, editor: Editor) -> None: ...

    app.include_router(router)
    assert _unguarded(app) == ["POST /reports/{report_id}/archive"]
    dropped = next(r for _, r in _routes(app, {"DELETE"}) if r.path == "/admin/things/{thing_id}")
    assert _guard(dropped) == "admin"  # Editor under an admin prefix asks for an admin
    with TestClient(app) as c:
        as_editor = c.delete("/admin/things/1", headers={"Authorization": f"Bearer {people['editor']}"})
        as_admin = c.delete("/admin/things/1", headers={"Authorization": f"Bearer {people['admin']}"})
    assert (as_editor.status_code, as_admin.status_code) == (403, 200)


def test_the_admin_routes_are_guarded_as_admin(app: FastAPI) -> None:
    """Every route under the admin prefixes, read or write, asks for an admin."""
    admin_routes = [r for _, r in _routes(app, UNSAFE | {"GET"}) if is_admin_path(r.path)]
    assert {r.path for r in admin_routes} >= {"/admin", "/api/admin", "/feeds", "/api/feeds"}
    assert [r.path for r in admin_routes if _guard(r) != "admin"] == []


def test_the_role_table(app: FastAPI, clients: dict[str, TestClient], people: dict[str, str]) -> None:
    """Each unsafe route × {anonymous, viewer, editor, admin}: 401, 403 or permitted (400/404/422)."""
    table: list[tuple[str, str, str, int]] = []
    wrong: list[str] = []
    for method, route in _routes(app, UNSAFE):
        need = _guard(route) or EXCEPTIONS[(method, route.path)][0]
        if need is None:
            continue  # for anyone: nothing a role changes
        for who in ("anonymous", "viewer", "editor", "admin"):
            status = _request(clients, people, who, method, route.path)
            table.append((method, route.path, who, status))
            if who == "anonymous":
                ok = status == (403 if (method, route.path) in CSRF_FIRST else 401)
            elif RANK[who] < RANK[need]:
                ok = status == 403
            else:
                ok = status == NO_INPUT.get((method, route.path)) or status in (400, 404, 422)
            if not ok:
                wrong.append(f"{method} {route.path} as {who} (needs {need}): {status}")
    assert wrong == []
    # the table covers the routes that matter, each with all four
    paths = {p for _, p, _, _ in table}
    assert {"/mentions/{mention_id}/accept", "/api/mentions/{mention_id}/accept", "/admin/users",
            "/api/admin/users/{user_id}/role", "/feeds/{feed_id}/poll"} <= paths
    assert len(table) == 4 * len({(m, p) for m, p, _, _ in table})


def test_guarded_pages_refuse_who_may_not_read_them(
    app: FastAPI, clients: dict[str, TestClient], people: dict[str, str]
) -> None:
    """The admin pages (and the history): anonymous is sent to sign in (401 from the API),
    a role too low gets 403, a permitted one the page."""
    reads = [r.path for _, r in _routes(app, {"GET"}) if is_admin_path(r.path) or r.path in GUARDED_READS]
    assert {"/admin", "/api/admin", "/feeds", "/api/feeds", "/history", "/api/history"} <= set(reads)
    wrong: list[str] = []
    for path in reads:
        need = "admin" if is_admin_path(path) else GUARDED_READS[path]
        for who in ("anonymous", "viewer", "editor", "admin"):
            status = _request(clients, people, who, "GET", path)
            if who == "anonymous":
                ok = status == (401 if path.startswith("/api/") else 303)
            elif RANK[who] < RANK[need]:
                ok = status == 403
            else:
                ok = status == (404 if "{" in path else 200)
            if not ok:
                wrong.append(f"GET {path} as {who} (needs {need}): {status}")
    assert wrong == []
    r = clients["anonymous"].get("/admin", follow_redirects=False)
    assert r.headers["location"] == "/login?next=/admin"
