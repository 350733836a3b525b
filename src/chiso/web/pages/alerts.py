"""Alerts: a signed-in person's subscriptions (``/account/alerts`` and its API twin), and the
Atom feeds anyone may read without an account (``/feeds/...``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from fastapi import APIRouter, Form
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.requests import Request

from chiso.errors import ChisoError
from chiso.services import alerts
from chiso.services.alerts import atom
from chiso.services.alerts.schemas import TARGET_KINDS, SubscriptionIn, SubscriptionOut
from chiso.web import i18n
from chiso.web.deps import AppSettings, Db, SignedIn, User
from chiso.web.errors import SignInRequiredError
from chiso.web.rendering import PageContext, ShownError, page, render, wants_json

router = APIRouter()

FEED_MEDIA = "application/atom+xml; charset=utf-8"


class AlertsPage(PageContext):
    template: ClassVar[str] = "alerts.html"
    title: str = "Alerts"
    subscriptions: list[SubscriptionOut]
    kinds: list[str] = list(TARGET_KINDS)
    #: the form's values (a link "subscribe to this" fills kind and key)
    kind: str = "indicator"
    key: str = ""
    email: str = ""
    webhook_url: str = ""
    lang: str = "vi"
    #: after a change: "added" or "removed"
    done: str | None = None
    error: ShownError | None = None


def _me(user: User) -> int:
    if user is None:
        raise SignInRequiredError("alerts_sign_in_required")
    return user.id


def _page(
    db: Db, user_id: int, request: Request, *, error: ShownError | None = None, **form: str | None
) -> AlertsPage:
    values = {k: v for k, v in form.items() if v is not None}
    values.setdefault("lang", i18n.negotiate(request))
    return AlertsPage(subscriptions=alerts.list_subscriptions(db, user_id), error=error, **values)


@page(router, "/account/alerts", response_model=AlertsPage, tags=["alerts"])
def alerts_page(
    request: Request,
    db: Db,
    user: User,
    kind: str | None = None,
    key: str | None = None,
    done: str | None = None,
) -> Response:
    """Your alert subscriptions, and the form to add one (``kind`` and ``key`` fill it)."""
    return render(request, _page(db, _me(user), request, kind=kind, key=key, done=done))


@router.post("/account/alerts", include_in_schema=False)
def add_alert(
    request: Request,
    db: Db,
    settings: AppSettings,
    me: SignedIn,
    kind: Annotated[str, Form(max_length=20)],
    key: Annotated[str, Form(max_length=300)],
    email: Annotated[str, Form(max_length=320)] = "",
    webhook_url: Annotated[str, Form(max_length=2000)] = "",
    webhook_secret: Annotated[str, Form(max_length=200)] = "",
    lang: Annotated[str, Form(max_length=8)] = "vi",
) -> Response:
    form = {"kind": kind, "key": key, "email": email, "webhook_url": webhook_url, "lang": lang}
    try:
        wanted = SubscriptionIn(
            kind=alerts.target_kind(kind),
            key=key,
            email=email or None,
            webhook_url=webhook_url or None,
            webhook_secret=webhook_secret or None,
            lang="en" if lang == "en" else "vi",
        )
        alerts.subscribe(db, me.id, wanted, actor=me.name, settings=settings)
    except ChisoError as exc:
        if wants_json(request):
            raise
        shown = _page(db, me.id, request, error=ShownError.of(exc), **form)
        return render(request, shown, status_code=exc.status_code)
    return RedirectResponse("/account/alerts?done=added", status_code=303)


@router.post("/api/account/alerts", tags=["alerts"], status_code=201, response_model=SubscriptionOut)
def add_alert_api(wanted: SubscriptionIn, db: Db, settings: AppSettings, me: SignedIn) -> SubscriptionOut:
    """Subscribe to an indicator (slug), a commitment (id), a programme or an owner (name), by
    e-mail and/or webhook. A webhook's secret is made when none is given; every delivery is
    signed ``X-Chiso-Signature: sha256=<HMAC-SHA256 of the body>``."""
    return alerts.subscribe(db, me.id, wanted, actor=me.name, settings=settings)


@router.post("/account/alerts/{subscription_id}/delete", include_in_schema=False)
def remove_alert(subscription_id: int, db: Db, me: SignedIn) -> Response:
    alerts.unsubscribe(db, me.id, subscription_id, actor=me.name)
    return RedirectResponse("/account/alerts?done=removed", status_code=303)


@router.delete("/api/account/alerts/{subscription_id}", tags=["alerts"], status_code=200)
def remove_alert_api(subscription_id: int, db: Db, me: SignedIn) -> JSONResponse:
    """Remove one of your subscriptions (its unsent notifications go with it)."""
    alerts.unsubscribe(db, me.id, subscription_id, actor=me.name)
    return JSONResponse({"ok": True, "id": subscription_id})


# --- Atom feeds --------------------------------------------------------------------------------


def _base(request: Request, settings: AppSettings) -> str:
    return (settings.public_url or str(request.base_url)).rstrip("/")


def _atom(body: bytes) -> Response:
    return Response(body, media_type=FEED_MEDIA, headers={"Cache-Control": "public, max-age=300"})


@router.get("/feeds/indicators/{slug}.atom", tags=["feeds"], response_class=Response)
def indicator_atom(request: Request, slug: str, db: Db, settings: AppSettings) -> Response:
    """An indicator's new observations (Atom 1.0)."""
    return _atom(atom.indicator_feed(db, slug, base=_base(request, settings), lang=i18n.negotiate(request)))


@router.get("/feeds/commitments/{commitment_id}.atom", tags=["feeds"], response_class=Response)
def commitment_atom(request: Request, commitment_id: int, db: Db, settings: AppSettings) -> Response:
    """A commitment's events (Atom 1.0)."""
    base = _base(request, settings)
    return _atom(atom.commitment_feed(db, commitment_id, base=base, lang=i18n.negotiate(request)))


@router.get("/feeds/deadlines.atom", tags=["feeds"], response_class=Response)
def deadlines_atom(request: Request, db: Db, settings: AppSettings, programme: str | None = None) -> Response:
    """Deadlines, upcoming, overdue and resolved, of one programme when given (Atom 1.0)."""
    body = atom.deadlines_feed(
        db,
        programme=programme,
        base=_base(request, settings),
        lang=i18n.negotiate(request),
        today=date.today(),
    )
    return _atom(body)


@router.get("/feeds/owners/{slug}.atom", tags=["feeds"], response_class=Response)
def owner_atom(request: Request, slug: str, db: Db, settings: AppSettings) -> Response:
    """The deadlines of one owner, by the slug of its name (Atom 1.0)."""
    body = atom.owner_feed(
        db, slug, base=_base(request, settings), lang=i18n.negotiate(request), today=date.today()
    )
    return _atom(body)


__all__ = ["AlertsPage", "router"]
