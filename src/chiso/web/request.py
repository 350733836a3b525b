"""What a request says about itself: whether it wants JSON, its bearer token, its session's CSRF token.

A leaf of the web package (it imports nothing of chiso): the error handlers, the page renderer,
the dependencies and the session code all ask these questions, and none of them needs another
to do it.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request


def is_api(request: Request) -> bool:
    """JSON wanted: an ``/api/`` path, a download or feed (``.csv``, ``.json``, ``.xlsx``, ``.atom``: the schema documents
    their errors in the JSON shape), ``?format=json``, or an Accept header preferring JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return True
    if request.url.path.endswith((".csv", ".json", ".xlsx", ".atom")):
        return True
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def site_url(request: Request, configured: str | None = None) -> str:
    """Where this chiso is served, without a trailing slash: the configured address
    (``CHISO_PUBLIC_URL``) or the one the request came to."""
    return (configured or str(request.base_url)).rstrip("/")


def bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


__all__ = ["bearer_token", "csrf_token", "is_api", "site_url"]
