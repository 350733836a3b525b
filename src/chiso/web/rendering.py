"""Every page has a JSON twin: a page's data is a typed context, rendered to HTML or returned as JSON.

A route builds one :class:`PageContext` subclass and hands it to :func:`render`. The HTML
route renders ``Context.template`` with two names only:

- ``page``: the context itself (its fields are the page's data; ``tests/web`` checks that
  each template reads no field its context lacks);
- ``ui``: the request's chrome (:class:`UI`: locale, signed-in user, CSRF token, path).

The ``/api/...`` twin returns the same context as JSON (``render`` does it for an ``/api/`` path
or ``?format=json``; API routes may also return the model directly); :func:`page` registers one
route function as both. Templates format values
with the filters ``number``, ``date``, ``datetime`` and ``qualifier`` and translate with ``_()``
(UI strings, from the gettext catalogues of :mod:`chiso.i18n` through ``jinja2.ext.i18n``; a
string defined in a template's data, not shown where it is written, is marked with ``N_()``) and
``t_error()`` (a :class:`ShownError`: its code rendered in the UI's language,
without the CLI's hints, by :mod:`chiso.error_messages`).

To add a page::

    class IndicatorPage(PageContext):
        template: ClassVar[str] = "indicator.html"
        indicator: IndicatorOut
        points: list[PointOut]

    @page(router, "/indicators/{slug}", response_model=IndicatorPage, tags=["indicators"])
    def indicator(request: Request, slug: str, db: Db) -> Response:
        # (a docstring here is the twin's description in the schema)
        return render(request, IndicatorPage(indicator=..., points=...))
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict
from starlette.requests import Request

from chiso import error_messages
from chiso import i18n as catalogues
from chiso.errors import ChisoError
from chiso.services.alerts import owner_slug
from chiso.services.users import UserOut
from chiso.web import i18n, match_words
from chiso.web.deps import resolve_user
from chiso.web.request import csrf_token, is_api

TEMPLATES = Path(__file__).parent / "templates"


class PageContext(BaseModel):
    """Base of every page's data. Subclasses set ``template`` and declare their fields."""

    model_config = ConfigDict(frozen=True)

    template: ClassVar[str] = ""
    #: the page title (already in the page's language when it comes from data)
    title: str = ""


class ShownError(BaseModel):
    """An error as a page keeps it: its code and parameters (the template renders them in the
    reader's language) and the English message (the page's JSON twin, as the API says it)."""

    code: str
    params: dict[str, Any] = {}
    message: str

    @classmethod
    def of(cls, err: ChisoError) -> ShownError:
        return cls(code=err.code, params=err.params, message=err.message)

    def render(self, lang: str) -> str:
        return error_messages.render(self.code, self.params, lang, hint=False)


class ErrorPage(PageContext):
    template: ClassVar[str] = "error.html"
    ok: bool = False
    status: int
    error: ShownError


class UI(BaseModel):
    """What every page's chrome needs; not part of a page's JSON twin."""

    locale: str
    other_locale: str
    path: str
    user: UserOut | None
    csrf_token: str
    #: the current URL with its query, to come back to after switching language or signing in
    here: str
    #: scheme, host and port the request came to (what an embed code written on a page points at)
    origin: str = ""
    #: rendering for ``chiso publish``: a read-only static copy (no forms, no sign-in, no API links)
    static_site: bool = False


def _origin(request: Request) -> str:
    """Where people reach the app: the configured public URL (behind a proxy), else the request's."""
    settings = getattr(request.app.state, "settings", None)
    public = getattr(settings, "public_url", None)
    return str(public or request.base_url).rstrip("/")


def chrome(request: Request) -> UI:
    locale = i18n.negotiate(request)
    try:
        user = resolve_user(request)
    except Exception:  # an error page must render even when the user cannot be looked up
        user = None
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    has_session = "session" in request.scope
    return UI(
        locale=locale,
        other_locale="en" if locale == "vi" else "vi",
        path=request.url.path,
        user=user,
        csrf_token=csrf_token(request) if has_session else "",
        here=here,
        origin=_origin(request),
        static_site=bool(getattr(request.app.state, "static_site", False)),
    )


def wants_json(request: Request) -> bool:
    return is_api(request)


def render(
    request: Request, page: PageContext, *, status_code: int = 200, template: str | None = None
) -> Response:
    """The page as HTML, or as its JSON twin when the request asks for JSON."""
    if wants_json(request):
        return JSONResponse(page.model_dump(mode="json"), status_code=status_code)
    return HTMLResponse(render_html(request, page, template=template), status_code=status_code)


Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def page(
    router: APIRouter,
    path: str,
    *,
    response_model: type[PageContext],
    tags: list[str | Enum],
    api_path: str | None = None,
    **api: Any,
) -> Callable[[Endpoint], Endpoint]:
    """Register a page function twice: its JSON twin at ``api_path`` (default ``/api`` + ``path``),
    documented in the OpenAPI schema with ``response_model``, ``tags`` and ``api``'s other route
    options, and the HTML page at ``path``, kept out of the schema. The function answers both
    through :func:`render`, which picks JSON for the ``/api/`` path."""

    def register(endpoint: Endpoint) -> Endpoint:
        router.get(api_path or f"/api{path}", response_model=response_model, tags=tags, **api)(endpoint)
        router.get(path, include_in_schema=False)(endpoint)
        return endpoint

    return register


def render_html(request: Request, page: PageContext, *, template: str | None = None) -> str:
    env: Environment = request.app.state.templates
    name = template or page.template
    if not name:
        raise ValueError(f"{type(page).__name__} names no template")
    return env.get_template(name).render(page=page, ui=chrome(request))


# -- the Jinja environment ------------------------------------------------------------------


def _locale(ctx: Context) -> str:
    ui = ctx.get("ui")
    return ui.locale if isinstance(ui, UI) else i18n.DEFAULT_LOCALE


# The i18n extension's newstyle gettext marks what these return as safe, then %-formats it with
# the call's keyword arguments. Templates also translate data (``_(c.kind)``, a status code), so
# the text is escaped here: a translation or an unknown value prints exactly as any other text.
@pass_context
def _gettext(ctx: Context, msgid: str) -> Markup:
    return escape(catalogues.gettext(_locale(ctx), msgid))


@pass_context
def _ngettext(ctx: Context, singular: str, plural: str, n: int) -> Markup:
    return escape(catalogues.ngettext(_locale(ctx), singular, plural, n))


@pass_context
def _t_error(ctx: Context, error: ShownError) -> str:
    return error.render(_locale(ctx))


@pass_context
def _number(ctx: Context, value: float | int | None, decimals: int | None = None) -> str:
    return i18n.format_number(value, _locale(ctx), decimals)


@pass_context
def _date(ctx: Context, value: Any) -> str:
    return i18n.format_day(value, _locale(ctx))


@pass_context
def _datetime(ctx: Context, value: Any) -> str:
    return i18n.format_moment(value, _locale(ctx))


@pass_context
def _match_strength(ctx: Context, score: float) -> tuple[str, str]:
    """A suggestion's score as words: ("strong", "khớp rõ"); never a percentage (match_words)."""
    return match_words.strength(score), match_words.strength_label(score, _locale(ctx))


@pass_context
def _match_reasons(ctx: Context, evidence: list[Any]) -> list[Any]:
    return match_words.explain_all(evidence, _locale(ctx))


@pass_context
def _measure_label(ctx: Context, measure: str) -> str:
    return match_words.measure_label(measure, _locale(ctx))


@pass_context
def _qualifier(
    ctx: Context, value: float | int | None, qualifier: str | None, decimals: int | None = None
) -> str:
    return i18n.format_qualified(value, qualifier, _locale(ctx), decimals)


def web_link(url: str | None) -> str | None:
    """A URL from outside as a link target only when it is a web address: ``javascript:``,
    ``data:`` and every other scheme stay text."""
    if not url:
        return None
    stripped = url.strip()
    return stripped if stripped.lower().startswith(("http://", "https://")) else None


def make_environment(extra_dirs: list[Path] | None = None) -> Environment:
    """Autoescaping everywhere; undefined names fail loudly instead of printing nothing."""
    env = Environment(
        loader=FileSystemLoader([TEMPLATES, *(extra_dirs or [])]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["N_"] = catalogues.N_
    env.globals["t_error"] = _t_error
    env.globals["match_strength"] = _match_strength
    env.globals["match_reasons"] = _match_reasons
    env.globals["measure_label"] = _measure_label
    env.filters["number"] = _number
    env.filters["date"] = _date
    env.filters["datetime"] = _datetime
    env.filters["qualifier"] = _qualifier
    env.filters["web_link"] = web_link
    env.filters["owner_slug"] = owner_slug
    return env


def page_classes() -> list[type[PageContext]]:
    """Every context class with a template (for the test that checks templates against them)."""
    found: list[type[PageContext]] = []
    todo: list[type[PageContext]] = [PageContext]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.template:
                found.append(sub)
    return found


__all__ = [
    "UI",
    "ErrorPage",
    "PageContext",
    "ShownError",
    "chrome",
    "make_environment",
    "page",
    "page_classes",
    "render",
    "render_html",
    "wants_json",
    "web_link",
]
