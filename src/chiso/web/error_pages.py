"""The one error path of the web app.

Every failure — chiso's typed errors, unknown paths, bad parameters, oversized bodies and
unexpected bugs — ends in :func:`error_response` with a :class:`~chiso.errors.ChisoError`:
``{"ok": false, "error": ..., "status": ..., "code": ..., "params": {...}}`` for ``/api/``
routes (and requests asking for JSON), a friendly HTML page for the rest. The JSON keeps the
English message (a language-free machine format, with the code and parameters to render it
in another); the HTML page renders the code in the UI's language (the template function
``t_error``), without the CLI's hints. Failures that are not chiso's own (an unknown path,
a form Starlette cannot parse, Pydantic's validation) get a code here first.
A person never sees a stack trace; unexpected errors are logged with theirs.
The web's own error classes live apart, in :mod:`chiso.web.errors`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chiso.errors import ChisoError, TooLargeError, validation_problems
from chiso.i18n import N_
from chiso.web import i18n
from chiso.web.errors import SignInRequiredError
from chiso.web.rendering import ErrorPage, ShownError, render
from chiso.web.request import is_api

log = logging.getLogger("chiso.web")


#: The page title for each status (translated in the template).
TITLES: dict[int, str] = {
    400: N_("Bad request"),
    401: N_("Please sign in"),
    403: N_("Not allowed"),
    404: N_("Page not found"),
    405: N_("Bad request"),
    409: N_("Conflict"),
    413: N_("Too large"),
    422: N_("Bad request"),
    503: N_("Service unavailable"),
}


def error_body(status: int, err: ChisoError) -> dict[str, Any]:
    """The documented JSON error shape: the English message, its code and its parameters."""
    return {"ok": False, "error": err.message, "status": status, "code": err.code, "params": err.params}


def error_response(request: Request, err: ChisoError, status: int | None = None) -> Response:
    """``err`` as JSON or as the error page, with ``status`` (default: the error's own)."""
    status = err.status_code if status is None else status
    if is_api(request):
        return JSONResponse(error_body(status, err), status_code=status)
    page = ErrorPage(
        status=status, error=ShownError.of(err), title=TITLES.get(status, N_("Something went wrong"))
    )
    try:
        return render(request, page, status_code=status)
    except Exception:  # the error page itself failed (templates or database): plain text, no trace
        log.exception("error page failed")
        shown = err.render(i18n.negotiate(request), hint=False)
        return Response(f"{status}: {shown}", status_code=status, media_type="text/plain; charset=utf-8")


async def _chiso_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ChisoError)
    if isinstance(exc, SignInRequiredError) and not is_api(request) and request.method in ("GET", "HEAD"):
        # A person following a link to a page that needs an account: send them to sign in first.
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    response = error_response(request, exc)
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int):
        # a busy database (DatabaseBusyError) or too many sign-ins (TooManyAttemptsError)
        response.headers["Retry-After"] = str(retry_after)
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.__cause__, ChisoError):
        # FastAPI wraps errors raised while reading the body (e.g. the size limit) in a 400.
        return await _chiso_error(request, exc.__cause__)
    status = exc.status_code
    if status == 404 and exc.detail in (None, "Not Found"):
        err = ChisoError("nothing_at", path=request.url.path)
    elif status == 405:
        err = ChisoError("method_not_allowed", method=request.method, path=request.url.path)
    else:
        err = _http_detail(str(exc.detail))
    response = error_response(request, err, status)
    for k, v in (exc.headers or {}).items():
        response.headers[k] = v
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    # A path that does not parse (/reports/abc) names no page: that is a 404, not a form error.
    if any(e.get("loc", ("",))[0] == "path" for e in errors):
        return error_response(request, ChisoError("nothing_at", path=request.url.path), 404)
    if not errors:
        return error_response(request, ChisoError("invalid_request"), 422)
    return error_response(
        request, ChisoError("invalid_fields", problems=validation_problems(errors[:5])), 422
    )


_PART_TOO_LARGE = re.compile(r"Part exceeded maximum size of (\d+)KB\.")
_FIELD_TOO_LARGE = re.compile(r"Field exceeded maximum size of (\d+)KB\.")


def _http_detail(detail: str) -> ChisoError:
    """An HTTPException's English detail (Starlette's form parser, not chiso) as a code."""
    if detail == "There was an error parsing the body":
        return ChisoError("body_unparsable")
    if m := _PART_TOO_LARGE.fullmatch(detail):
        return ChisoError("multipart_part_too_large", kb=m.group(1))
    if m := _FIELD_TOO_LARGE.fullmatch(detail):
        return ChisoError("multipart_field_too_large", kb=m.group(1))
    if detail == "Invalid multipart data.":
        return ChisoError("multipart_invalid")
    if detail == "Missing boundary in multipart.":
        return ChisoError("multipart_no_boundary")
    return ChisoError("http_error", detail=detail)


async def _unstorable(request: Request, exc: Exception) -> Response:
    # Bounds and checks at the edges come first (web.pages.api's Id, prepare_report); this keeps
    # what slips past them a 400 rather than a 500, on every route and page.
    log.info("unusable value on %s %s: %s", request.method, request.url.path, exc)
    return error_response(request, ChisoError("unstorable_value"), 400)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, ChisoError("server_error"), 500)


def install(app: FastAPI) -> None:
    """Register the one handler family on ``app``."""
    app.add_exception_handler(ChisoError, _chiso_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(OverflowError, _unstorable)  # SQLite: an integer past 2^63
    app.add_exception_handler(DataError, _unstorable)  # PostgreSQL: out of range, NUL in text
    app.add_exception_handler(Exception, _unexpected)


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with a 413 before a route reads them.

    A declared Content-Length over the limit is answered at once; a chunked body is counted
    as it streams and the read fails with :class:`~chiso.errors.TooLargeError` (also a 413).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: MutableMapping[bytes, bytes] = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        limit = self.max_bytes
        too_large = TooLargeError("request_too_large", limit=_mb(limit))
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = False
            if too_big:
                response = error_response(Request(scope), too_large)
                await response(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise TooLargeError("request_too_large", limit=_mb(limit))
            return msg

        await self.app(scope, counted, send)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


__all__ = ["TITLES", "BodyLimit", "error_body", "error_response", "install"]
