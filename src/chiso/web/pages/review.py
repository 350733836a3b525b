"""The review queue and the review actions the reader and the queue share.

``/review`` lists every pending mention across reports, each in its sentence with suggestions;
j/k move between rows, a accepts (the top suggestion, or the one chosen), r rejects.

The actions (``POST /mentions/{id}/accept|reject|edit|reopen``) answer an htmx request with the
mention's updated panel or row and the ``HX-Trigger`` event ``chiso:decided``; a plain form post
is redirected back to the page it came from. The JSON API has its own routes (web.pages.api).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import InvalidOperation
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlencode

from babel.numbers import NumberFormatError, parse_decimal
from fastapi import APIRouter, Form, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.requests import Request

from chiso.errors import InputError, validation_problems
from chiso.i18n import N_, gettext
from chiso.services import commitments, review
from chiso.services.commitments.schemas import ProposalOut
from chiso.services.review.schemas import AutoResult, Decision, IndicatorDraft, MentionEdit
from chiso.services.schemas import MentionOut
from chiso.web import i18n, security
from chiso.web.deps import Db, Editor
from chiso.web.pages.reports import MentionPanel, panel_context
from chiso.web.rendering import PageContext, render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 25
View = Literal["panel", "row"]


#: ``chiso review auto --min-confidence``'s default, which the page's form offers too
AUTO_DEFAULT = 0.9

#: why auto-review left a mention for a person (the service's English reasons), for the page
AUTO_REASONS: dict[str, str] = {
    "the report has no publication date": N_("the report has no publication date"),
    "low extraction confidence": N_("low extraction confidence"),
    "a change, not a level": N_("a change, not a level"),
    "a target, not an achieved value": N_("a target, not an achieved value"),
    "no indicator suggested": N_("no indicator suggested"),
    "indicator match below threshold": N_("indicator match below threshold"),
    "two indicators match about equally": N_("two indicators match about equally"),
    "an existing commitment may be the same promise": N_("an existing commitment may be the same promise"),
    "two commitments match about equally": N_("two commitments match about equally"),
    "decided meanwhile": N_("decided meanwhile"),
}


class ReviewPage(PageContext):
    template: ClassVar[str] = "review.html"
    title: str = "Review queue"
    items: list[MentionPanel]
    total: int
    kind: str | None = None
    offset: int = 0
    limit: int = PAGE_SIZE
    prev_url: str | None = None
    next_url: str | None = None
    #: evidence and due-date moves later reports propose for commitments, oldest first
    proposals: list[ProposalOut] = []
    #: the proposal decision just made from this page (``?done=``), confirmed at its top
    done: Literal["confirmed", "rejected"] | None = None
    #: what "Accept the sure ones" just did (``POST /review/auto``)
    auto: AutoResult | None = None
    #: the minimum confidence the auto form offers (the CLI's default)
    auto_default: float = AUTO_DEFAULT

    @property
    def auto_reasons(self) -> list[tuple[str, int]]:
        """Why the last auto-review left mentions, most frequent first (reason msgid, count)."""
        if self.auto is None:
            return []
        counts = sorted(self.auto.skipped_by_reason.items(), key=lambda rc: (-rc[1], rc[0]))
        return [(AUTO_REASONS.get(r, r), n) for r, n in counts]


def review_context(
    db: Db,
    *,
    kind: str | None,
    limit: int,
    offset: int,
    base: str = "/review",
    done: Literal["confirmed", "rejected"] | None = None,
) -> ReviewPage:
    if kind not in (None, "figure", "deadline"):
        raise InputError("unknown_kind", value=kind)
    items = review.pending(db, kind=kind, limit=limit, offset=offset)
    total = review.count_pending(db, kind=kind)

    def url(off: int) -> str:
        params: dict[str, str | int] = {"offset": off}
        if kind:
            params["kind"] = kind
        return f"{base}?{urlencode(params)}"

    rows = [
        MentionPanel(
            title=item.mention.quote,
            mention=item.mention,
            report_id=item.report.id,
            report_title=item.report.title,
            suggestions=item.suggestions,
            commitment_suggestions=item.commitment_suggestions,
            owner_suggestion=item.owner_suggestion,
            view="row",
            sentence=item.sentence,
            quote_start=item.quote_start,
            quote_end=item.quote_end,
            report_undated=item.report.undated,
        )
        for item in items
    ]
    return ReviewPage(
        items=rows,
        total=total,
        kind=kind,
        offset=offset,
        limit=limit,
        prev_url=url(max(0, offset - limit)) if offset > 0 else None,
        next_url=url(offset + limit) if offset + limit < total else None,
        proposals=commitments.list_proposals(db),
        done=done,
    )


@router.get("/review")
def queue(
    request: Request,
    db: Db,
    kind: Literal["figure", "deadline"] | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0)] = 0,
    done: Literal["confirmed", "rejected"] | None = None,
) -> Response:
    return render(request, review_context(db, kind=kind, limit=limit, offset=offset, done=done))


# -- actions --------------------------------------------------------------------------------


@router.post("/review/auto")
def auto(
    request: Request,
    db: Db,
    editor: Editor,
    min_confidence: Annotated[float, Form(ge=0, le=1)],
    kind: Annotated[Literal["figure", "deadline"] | None, Form()] = None,
) -> Response:
    """Accept the pending mentions that need no person (``chiso review auto``): each acceptance
    is its own audited transaction; the page says what was accepted and why the rest waits."""
    result = review.auto(db, min_confidence=min_confidence, actor=editor.name)
    ctx = review_context(db, kind=kind, limit=PAGE_SIZE, offset=0)
    return render(request, ctx.model_copy(update={"auto": result}))


_ACTIONS = {
    "accepted": N_("Accepted"),
    "rejected": N_("Rejected"),
    "edited": N_("Edited"),
    "reopened": N_("Reopened"),
}


def _notice(d: Decision, locale: str, indicator_name: str | None = None) -> str:
    """One line saying what the decision did, in the UI's language ("Đã nhận → chỉ số …")."""
    what = gettext(locale, _ACTIONS.get(d.action, d.action))
    if d.indicator:
        name = indicator_name or d.indicator
        indicator = gettext(locale, N_("indicator"))
        if d.syndicated_copy:
            # A copy of a story the point already has: say it adds no corroboration.
            copy = gettext(locale, N_("a copy of a story already counted"))
            return f"{what} → {indicator} {name} · {copy}"
        return f"{what} → {indicator} {name}"
    if d.commitment_id is not None:
        commitment = gettext(locale, N_("commitment"))
        return f"{what} → {commitment} #{d.commitment_id}"
    return what


def _answer(request: Request, db: Db, decision: Decision, *, view: View, next_url: str | None) -> Response:
    if request.headers.get("hx-request") == "true":
        locale = i18n.negotiate(request)
        ctx = panel_context(db, decision.mention_id, view=view)
        name = None
        if ctx.indicator is not None:
            name = ctx.indicator.name_vi if locale == "vi" else ctx.indicator.name_en
        notice = _notice(decision, locale, name)
        response = render(request, ctx.model_copy(update={"notice": notice}))
        # The notice rides along so the page can confirm the decision after it moves on (app.js).
        event = {"chiso:decided": {"id": decision.mention_id, "state": decision.state, "notice": notice}}
        response.headers["HX-Trigger"] = json.dumps(event)
        return response
    mention = review.get_mention(db, decision.mention_id)
    fallback = f"/reports/{mention.report_id}#m{mention.id}"
    return RedirectResponse(security.safe_next(next_url, fallback), status_code=303)


@router.post("/mentions/{mention_id}/accept")
def accept(
    request: Request,
    mention_id: int,
    db: Db,
    editor: Editor,
    indicator: Annotated[str, Form(max_length=120)] = "",
    commitment: Annotated[str, Form(max_length=20)] = "",
    view: Annotated[View, Form()] = "panel",
    next: Annotated[str, Form(max_length=2000)] = "",
    as_of: Annotated[str | None, Form(max_length=10)] = None,
    period_start: Annotated[str | None, Form(max_length=10)] = None,
    period_end: Annotated[str | None, Form(max_length=10)] = None,
    owner: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    """Accept with the chosen indicator or commitment (default: the top suggestion); a deadline
    becomes a new commitment when ``commitment`` is ``new``, its owner the ``owner`` sent (the
    suggested one, confirmed or corrected; empty: none; not sent: the suggestion); the date
    fields, when sent, correct the figure's date first."""
    commitment_id = _commitment_id(commitment)
    sent = {"as_of": as_of, "period_start": period_start, "period_end": period_end}
    dates = {k: v for k, v in sent.items() if v is not None}
    edits = _date_edits(dates, review.get_mention(db, mention_id)) if dates else None
    decision = review.accept(
        db,
        mention_id,
        indicator=indicator.strip() or None,
        commitment_id=commitment_id,
        edits=edits,
        new_commitment=commitment.strip() == "new",
        actor=editor.name,
        owner=owner,
    )
    return _answer(request, db, decision, view=view, next_url=next or None)


@router.post("/mentions/{mention_id}/reject")
def reject(
    request: Request,
    mention_id: int,
    db: Db,
    editor: Editor,
    reason: Annotated[str, Form(max_length=500)] = "",
    view: Annotated[View, Form()] = "panel",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    decision = review.reject(db, mention_id, actor=editor.name, reason=reason.strip() or None)
    return _answer(request, db, decision, view=view, next_url=next or None)


@router.post("/mentions/{mention_id}/reopen")
def reopen(
    request: Request,
    mention_id: int,
    db: Db,
    editor: Editor,
    view: Annotated[View, Form()] = "panel",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    decision = review.reopen(db, mention_id, actor=editor.name)
    return _answer(request, db, decision, view=view, next_url=next or None)


@router.post("/mentions/{mention_id}/edit")
async def edit(request: Request, mention_id: int, db: Db, editor: Editor) -> Response:
    """Correct what the extractor read; only the fields that differ from the stored ones change."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    current = review.get_mention(db, mention_id)
    edits = form_edits(fields, current, i18n.negotiate(request))
    decision = review.edit(db, mention_id, edits, actor=editor.name)
    view: View = "row" if fields.get("view") == "row" else "panel"
    return _answer(request, db, decision, view=view, next_url=fields.get("next") or None)


@router.post("/mentions/{mention_id}/new-indicator")
async def new_indicator(request: Request, mention_id: int, db: Db, editor: Editor) -> Response:
    """Make a new indicator from a figure no existing one fits, and accept the figure as its first point."""
    form = await request.form()
    fields = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    try:
        draft = IndicatorDraft(
            slug=fields.get("slug", ""),
            name_vi=fields.get("name_vi", ""),
            name_en=fields.get("name_en") or None,
            unit=fields.get("unit") or None,
            measure=fields.get("measure") or "cumulative",
            programme=fields.get("programme") or None,
            owner=fields.get("owner") or None,
            short_unit=fields.get("short_unit") or None,
            decimals=fields.get("decimals") or 0,
            description=fields.get("description") or None,
            description_vi=fields.get("description_vi") or None,
        )
    except ValidationError as exc:
        raise InputError("invalid_fields", problems=validation_problems(exc.errors()[:1])) from None
    decision = review.create_indicator_from(db, mention_id, draft, actor=editor.name)
    view: View = "row" if fields.get("view") == "row" else "panel"
    return _answer(request, db, decision, view=view, next_url=fields.get("next") or None)


def _commitment_id(value: str) -> int | None:
    value = value.strip()
    if value in ("", "new"):
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError("not_commitment_id", value=value) from None


_NUMBER_FIELDS = ("value", "value_max", "of_total")
_DATE_FIELDS = ("as_of", "period_start", "period_end", "due_start", "due_end")
_TEXT_FIELDS = ("qualifier", "unit", "commitment_text")


def form_edits(fields: dict[str, str], current: MentionOut, locale: str) -> MentionEdit:
    """The changes a person made in the edit form (numbers typed as they read: 67.000.000 or 1,5 in Vietnamese)."""
    changes: dict[str, Any] = {}
    for name in (*_NUMBER_FIELDS, *_DATE_FIELDS, *_TEXT_FIELDS):
        if name not in fields:
            continue
        raw = fields[name].strip()
        new: Any
        if name in _NUMBER_FIELDS:
            new = _number(raw, locale, name) if raw else None
            if name == "value" and new is None:
                continue  # a figure keeps a value
        elif name in _DATE_FIELDS:
            new = _day(raw, name) if raw else None
        else:
            new = raw or None
        if new != getattr(current, name):
            changes[name] = new
    if "is_target" in fields or "is_target_shown" in fields:
        target = fields.get("is_target") in ("on", "true", "1")
        if target != current.is_target:
            changes["is_target"] = target
    if not changes:
        raise InputError("nothing_changed")
    try:
        return MentionEdit(**changes)
    except ValidationError as exc:
        problem = validation_problems(exc.errors()[:1])[0]
        raise InputError("edit_invalid", problems=[{**problem, "field": ""}]) from None
    except ValueError as exc:
        raise InputError("edit_invalid", problems=[{"msg": str(exc)}]) from None


def _date_edits(fields: dict[str, str], current: MentionOut) -> MentionEdit | None:
    """The date corrections sent with an acceptance: the fields that differ from the stored ones."""
    changes: dict[str, Any] = {}
    for name, raw in fields.items():
        new = _day(raw.strip(), name) if raw.strip() else None
        if new != getattr(current, name):
            changes[name] = new
    return MentionEdit(**changes) if changes else None


def _number(raw: str, locale: str, name: str) -> float:
    try:
        return float(parse_decimal(raw.replace(" ", "").replace("\u00a0", ""), locale=locale))
    except (NumberFormatError, InvalidOperation, ValueError):
        raise InputError("not_a_number", field=name, value=raw) from None


def _day(raw: str, name: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError("field_date_format", field=name, value=raw) from None


__all__ = ["AUTO_DEFAULT", "AUTO_REASONS", "ReviewPage", "auto", "form_edits", "review_context", "router"]
