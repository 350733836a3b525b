"""Issue 12 item 11: a paste submitted after the session ended is kept, and the person is asked to
sign in on the same form; the CSRF check still holds on every path.

Before the fix the post answered the generic 401 page and the pasted text was gone.
"""

from __future__ import annotations

import html
import re

from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.web.conftest import EDITOR_NAME, EDITOR_PASSWORD, TestClient
from tests.web.helpers import TEXT

#: A paste with characters that must come back escaped, not as markup.
PASTE = TEXT + "Ghi chú <b>đậm</b> & “ngoặc”.\n"


def _form_token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the form has no CSRF field"
    return found.group(1)


def _expired(client: TestClient) -> str:
    """The add-report form's token, then the session gone (expired cookie) as a browser would post."""
    token = client.headers.pop("X-CSRF-Token")
    client.cookies.clear()
    return token


def _textarea(page: str) -> str:
    found = re.search(r'<textarea id="text" name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, "the form is not on the page"
    return html.unescape(found.group(1))


def test_a_signed_out_paste_is_kept_and_sign_in_is_asked(signed_in: TestClient, database: Database) -> None:
    old_token = _expired(signed_in)
    r = signed_in.post(
        "/reports/new", data={"text": PASTE, "title": "Dán lúc hết phiên", "csrf_token": old_token}
    )
    assert r.status_code == 401
    assert _textarea(r.text) == PASTE
    assert "<b>đậm</b>" not in r.text  # escaped
    assert 'value="Dán lúc hết phiên"' in r.text
    assert 'name="password"' in r.text  # sign in right here, on the same form
    assert "Phiên đăng nhập đã hết" in r.text
    assert reports.count_reports(database) == 0
    # Signing in on the form carries the paste through: the report is added, the session is back.
    token = _form_token(r.text)
    done = signed_in.post(
        "/reports/new",
        data={
            "text": _textarea(r.text),
            "title": "Dán lúc hết phiên",
            "csrf_token": token,
            "name": EDITOR_NAME,
            "password": EDITOR_PASSWORD,
        },
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert re.fullmatch(r"/reports/\d+", done.headers["location"])
    assert reports.count_reports(database) == 1
    assert EDITOR_NAME in signed_in.get("/reports/new").text


def test_a_wrong_password_keeps_the_paste_too(signed_in: TestClient, database: Database) -> None:
    old_token = _expired(signed_in)
    r = signed_in.post("/reports/new", data={"text": PASTE, "csrf_token": old_token})
    r = signed_in.post(
        "/reports/new",
        data={"text": PASTE, "csrf_token": _form_token(r.text), "name": EDITOR_NAME, "password": "sai"},
    )
    assert r.status_code == 401
    assert _textarea(r.text) == PASTE
    assert "Sai tên hoặc mật khẩu" in r.text
    assert reports.count_reports(database) == 0


def test_signing_in_on_the_form_still_needs_the_pages_csrf_token(
    signed_in: TestClient, database: Database
) -> None:
    """A cross-site post with a name and password must not sign in nor add anything."""
    _expired(signed_in)
    r = signed_in.post(
        "/reports/new",
        data={"text": PASTE, "csrf_token": "forged", "name": EDITOR_NAME, "password": EDITOR_PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 403
    assert _textarea(r.text) == PASTE
    assert reports.count_reports(database) == 0
    assert EDITOR_NAME not in signed_in.get("/reports/new").text  # not signed in


def test_a_stale_token_while_signed_in_keeps_the_paste(signed_in: TestClient, database: Database) -> None:
    """Signed out and in again in another tab: the old page's token fails, the text stays."""
    signed_in.headers.pop("X-CSRF-Token")
    r = signed_in.post("/reports/new", data={"text": PASTE, "csrf_token": "from-an-older-session"})
    assert r.status_code == 403
    assert _textarea(r.text) == PASTE
    assert reports.count_reports(database) == 0
    again = signed_in.post(
        "/reports/new", data={"text": PASTE, "csrf_token": _form_token(r.text)}, follow_redirects=False
    )
    assert again.status_code == 303
    assert reports.count_reports(database) == 1
