"""The FastAPI application factory. Nothing happens at import time: ``create_app()`` does it all.

Routes live in the modules of :data:`ROUTERS`, each exposing ``router: APIRouter``; add a
module to the list to add its pages. Front-end libraries (htmx, uPlot, Swagger UI) come from
npm at install time (``npm ci`` into ``node_modules/``) and are served under ``/static/vendor/``:
no CDN, nothing minified committed.
"""

from __future__ import annotations

import gc
import importlib
import secrets
from pathlib import Path
from typing import Final

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chiso import __version__
from chiso.config import Settings, load_settings
from chiso.errors import ChisoError, NotFoundError
from chiso.services.database import Database
from chiso.web import error_pages, i18n, security
from chiso.web.rendering import make_environment

#: Modules whose ``router`` the app includes, in this order.
ROUTERS: list[str] = [
    "chiso.web.pages.api",
    "chiso.web.pages.auth",
    "chiso.web.pages.alerts",
    "chiso.web.pages.reports",
    "chiso.web.pages.review",
    "chiso.web.pages.search",
    "chiso.web.pages.dashboard",
    "chiso.web.pages.indicators",
    # before web.pages.deadlines: its /commitments/{id} would take "duplicates" for an id
    "chiso.web.pages.commitment_merge",
    "chiso.web.pages.commitment_actions",
    "chiso.web.pages.deadlines",
    "chiso.web.pages.admin",
    "chiso.web.pages.feeds",
    "chiso.web.pages.history",
    "chiso.web.pages.embed",
    "chiso.web.pages.owners",
    "chiso.web.pages.imports",
]

STATIC = Path(__file__).parent / "static"

#: URL name under /static/vendor/ -> path inside node_modules (see package.json).
VENDOR: Final[dict[str, str]] = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "uPlot.iife.min.js": "uplot/dist/uPlot.iife.min.js",
    "uPlot.min.css": "uplot/dist/uPlot.min.css",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}

# Scripts only from this site; inline styles are allowed because uPlot and Swagger UI set them.
CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
#: Under EMBED_PREFIX pages are made to be framed by any site: the same policy, any frame
#: ancestor, and no X-Frame-Options; every other page keeps refusing frames.
EMBED_PREFIX: Final = "/embed/"
CSP_EMBED: Final = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
# The request body may hold a whole report (max_input_bytes) plus the form's other fields.
FORM_OVERHEAD: Final = 64 * 1024


def find_assets(settings: Settings) -> Path:
    """The node_modules directory holding the vendor files, or a one-line error saying how to install it."""
    candidates = (
        [settings.assets_dir]
        if settings.assets_dir is not None
        else [Path(__file__).resolve().parents[3] / "node_modules", Path.cwd() / "node_modules"]
    )
    for base in candidates:
        if all((base / rel).is_file() for rel in VENDOR.values()):
            return base
    missing = next(rel for rel in VENDOR.values() if not (candidates[0] / rel).is_file())
    raise ChisoError("assets_missing", path=str(candidates[0] / missing))


class SecurityHeaders:
    """Adds a content security policy and the usual hardening headers to every response (the
    pages under :data:`EMBED_PREFIX` may be framed anywhere; nothing else may be framed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        embed = str(scope.get("path", "")).startswith(EMBED_PREFIX)
        policy = (CSP_EMBED if embed else CSP).encode()
        hardening = [
            (b"content-security-policy", policy),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]
        if not embed:
            hardening.append((b"x-frame-options", b"DENY"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in hardening:
                    if k not in names:
                        headers.append((k, v))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


DOCS_HTML: Final = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chiso API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/vendor/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>
"""


def _core_router(assets: Path) -> APIRouter:
    router = APIRouter()

    @router.get("/static/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        rel = VENDOR.get(name)
        if rel is None:
            raise NotFoundError("no_such_asset", name=name)
        return FileResponse(assets / rel, headers={"Cache-Control": "public, max-age=86400"})

    @router.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML)

    @router.get("/lang/{code}", include_in_schema=False)
    def switch_language(code: str, next: str | None = None) -> Response:
        """Remember the chosen UI language in a cookie and go back where the person was."""
        if code not in i18n.LOCALES:
            raise NotFoundError("no_such_language", code=code)
        response = RedirectResponse(security.safe_next(next), status_code=303)
        response.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="lax")
        return response

    @router.get("/api/health", tags=["meta"])
    def health() -> dict[str, object]:
        return {"ok": True, "version": __version__}

    return router


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    """Build the web app on ``db`` (default: the configured database, upgraded)."""
    settings = settings or load_settings()
    assets = find_assets(settings)
    if db is None:
        from chiso.services import open_database

        db = open_database(settings=settings)

    from chiso.web.pages.api import ERROR_RESPONSES

    app = FastAPI(
        # Every documented route answers errors in the one shape: the schema says so for all.
        responses=ERROR_RESPONSES,
        title="chiso",
        version=__version__,
        description="Figures and dated commitments from public reports, with their quotes. "
        'Errors have one shape: `{"ok": false, "error": "...", "status": 404}`.',
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        # A pasted report is one form field: let it be as long as a report may be (the form
        # parser's own default is 1 MB per field), so that the reader's size check answers.
        form_limits={"max_part_size": settings.max_input_bytes + FORM_OVERHEAD},
    )
    app.state.settings = settings
    app.state.db = db
    app.state.assets_dir = assets
    app.state.templates = make_environment()

    error_pages.install(app)
    # Added innermost first: headers wrap everything, the body limit runs before sessions and routes.
    security.install_sessions(
        app, settings.secret_key or secrets.token_urlsafe(32), https_only=settings.secure_cookies
    )
    app.add_middleware(error_pages.BodyLimit, max_bytes=settings.max_input_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeaders)

    app.include_router(_core_router(assets))
    for name in ROUTERS:
        app.include_router(importlib.import_module(name).router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def settle(app: FastAPI) -> None:
    """Get a built app ready to serve: compile every template now, then collect garbage once and
    freeze what survives (``gc.freeze()``), so that later full collections skip the app's own
    long-lived objects (modules, routes, templates, Babel data). Measured on bench/web.py: full
    collections landing inside requests tripled the p95 of the indicator page, the deadline
    board and the reader; frozen, they no longer scan start-up objects. Called once by
    ``chiso serve`` (and bench/web.py, to measure the app as served)."""
    env = app.state.templates
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    gc.collect()
    gc.freeze()


__all__ = ["CSP", "CSP_EMBED", "EMBED_PREFIX", "ROUTERS", "VENDOR", "create_app", "find_assets", "settle"]
