"""Changing a commitment from its page (``/commitments/{id}``), each form with its JSON twin:

- resolve (met, met late, missed, dropped on a day, with a quote that shows it or a note):
  ``POST /commitments/{id}/resolve``, API ``POST /api/commitments/{id}/resolve``;
- reopen: ``.../reopen``;
- edit the title, owner, programme and due range, saying why: ``.../edit``;
- set (or clear) the target the indicator's chart draws: ``.../target``;
- confirm or reject a proposal a later report made (evidence, a due-date move):
  ``.../proposals/{event_id}/confirm|reject`` (the review queue posts these too).

A form's post is answered with a redirect (303) back to the commitment's page, which confirms
the change (``?done=``); a refused one shows the page again with the reason, in the reader's
language, with the error's status. Each change is one transaction with one audit entry (the
services of :mod:`chiso.services.commitments`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import InvalidOperation
from typing import Annotated, Literal
from urllib.parse import urlsplit

from babel.numbers import NumberFormatError, parse_decimal
from fastapi import APIRouter, Form, Path
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from chiso.errors import ChisoError, InputError
from chiso.services import commitments, indicators
from chiso.services.commitments.schemas import CommitmentEdit, CommitmentEventOut, CommitmentOut
from chiso.services.database import Database
from chiso.web import i18n, security
from chiso.web.deps import Db, Editor
from chiso.web.pages.deadlines import Done, commitment_context
from chiso.web.rendering import ShownError, render

router = APIRouter()

#: The largest id a request may name (PostgreSQL's ``integer``).
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Status = Literal["met", "met_late", "missed", "dropped"]


# -- the JSON bodies --------------------------------------------------------------------------


class ResolveIn(BaseModel):
    """How and when a commitment ended."""

    model_config = ConfigDict(extra="forbid")

    status: Status = Field(description="met, met_late (met after the due date), missed or dropped")
    on: date = Field(description="the day it was met, missed or dropped (YYYY-MM-DD)")
    evidence_mention_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="a mention that shows it (usually one of the commitment's quotes)"
    )
    note: str | None = Field(None, max_length=500, description="why, in a few words")


class ReopenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(None, max_length=500, description="why it is open again")


class EditIn(BaseModel):
    """The fields to change (only those given; ``null`` clears owner, programme or a due day) and why."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=500)
    owner: str | None = Field(None, max_length=200)
    programme: str | None = Field(None, max_length=200)
    due_start: date | None = Field(None, description="first day of the due range (YYYY-MM-DD)")
    due_end: date | None = Field(None, description="last day of the due range (YYYY-MM-DD)")
    reason: str = Field(
        max_length=500, description="why it is changed: kept in the history and the audit log"
    )


class TargetIn(BaseModel):
    """The indicator value a commitment promises (drawn as a line on the indicator's chart)."""

    model_config = ConfigDict(extra="forbid")

    indicator: str | None = Field(
        None, max_length=120, description="the indicator's slug; null clears the target"
    )
    value: float | None = Field(None, description="the value it should reach (needed with an indicator)")


# -- shared -----------------------------------------------------------------------------------


def _editable(changes: Mapping[str, object], reason: str) -> CommitmentEdit:
    """The service's edit: the fields given and a reason (which an edit from the web must have)."""
    why = " ".join(reason.split())
    if not why:
        raise InputError("commitment_edit_needs_reason")
    return CommitmentEdit.model_validate({**changes, "reason": why})


def _target(db: Database, indicator: str | None, value: float | None) -> CommitmentEdit:
    if indicator is None or not indicator.strip():
        return CommitmentEdit(target_indicator_id=None, target_value=None)
    if value is None:
        raise InputError("commitment_target_needs_value")
    ind = indicators.get_indicator(db, indicator.strip())
    return CommitmentEdit(target_indicator_id=ind.id, target_value=value)


def _with_done(url: str, done: Done) -> str:
    path, _, fragment = url.partition("#")
    sep = "&" if urlsplit(path).query else "?"
    return f"{path}{sep}done={done}" + (f"#{fragment}" if fragment else "")


def form_answer(
    request: Request,
    db: Database,
    commitment_id: int,
    done: Done,
    change: Callable[[], object],
    *,
    next_url: str | None = None,
) -> Response:
    """Make the change, then go back (303) to the page it came from, which confirms it; a refused
    change shows the commitment's page again with the reason and the error's status."""
    try:
        change()
    except ChisoError as err:
        try:
            ctx = commitment_context(
                db, commitment_id, on=None, editor=True, error=ShownError.of(err), failed=done
            )
        except ChisoError:
            raise err from None  # no page to show it on (an unknown commitment): the error page
        return render(request, ctx, status_code=err.status_code)
    back = security.safe_next(next_url, f"/commitments/{commitment_id}")
    return RedirectResponse(_with_done(back, done), status_code=303)


def _day(raw: str, field: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InputError("field_date_format", field=field, value=raw) from None


def _optional_day(raw: str, field: str) -> date | None:
    return _day(raw, field) if raw.strip() else None


def _number(raw: str, locale: str, field: str) -> float:
    try:
        return float(parse_decimal(raw.replace(" ", "").replace("\u00a0", ""), locale=locale))
    except (NumberFormatError, InvalidOperation, ValueError):
        raise InputError("not_a_number", field=field, value=raw) from None


def _id(raw: str, field: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_ID:
        raise InputError("not_a_number", field=field, value=raw)
    return int(raw)


# -- the page's forms -------------------------------------------------------------------------

Text = Annotated[str, Form(max_length=500)]


@router.post("/commitments/{commitment_id}/resolve", include_in_schema=False)
def resolve_form(
    request: Request,
    commitment_id: Id,
    db: Db,
    editor: Editor,
    status: Annotated[str, Form(max_length=20)] = "",
    on: Annotated[str, Form(max_length=10)] = "",
    evidence: Annotated[str, Form(max_length=20)] = "",
    note: Text = "",
) -> Response:
    def change() -> object:
        if not on.strip():
            raise InputError("field_date_format", field="on", value=on)
        return commitments.resolve(
            db,
            commitment_id,
            status=status,
            on=_day(on, "on"),
            evidence_mention_id=_id(evidence, "evidence"),
            note=note.strip() or None,
            actor=editor.name,
        )

    return form_answer(request, db, commitment_id, "resolved", change)


@router.post("/commitments/{commitment_id}/reopen", include_in_schema=False)
def reopen_form(request: Request, commitment_id: Id, db: Db, editor: Editor, note: Text = "") -> Response:
    return form_answer(
        request,
        db,
        commitment_id,
        "reopened",
        lambda: commitments.reopen(db, commitment_id, actor=editor.name, note=note.strip() or None),
    )


@router.post("/commitments/{commitment_id}/edit", include_in_schema=False)
def edit_form(
    request: Request,
    commitment_id: Id,
    db: Db,
    editor: Editor,
    title: Text = "",
    owner: Annotated[str, Form(max_length=200)] = "",
    programme: Annotated[str, Form(max_length=200)] = "",
    due_start: Annotated[str, Form(max_length=10)] = "",
    due_end: Annotated[str, Form(max_length=10)] = "",
    reason: Text = "",
) -> Response:
    """The edit form sends every field; only those that differ from the stored ones change."""

    def change() -> object:
        current = commitments.get_commitment(db, commitment_id, on=date.today())
        sent = {
            "title": " ".join(title.split()),
            "owner": owner.strip() or None,
            "programme": programme.strip() or None,
            "due_start": _optional_day(due_start, "due_start"),
            "due_end": _optional_day(due_end, "due_end"),
        }
        changes = {k: v for k, v in sent.items() if v != getattr(current, k)}
        if not changes:
            raise InputError("nothing_changed")
        return commitments.edit(db, commitment_id, _editable(changes, reason), actor=editor.name)

    return form_answer(request, db, commitment_id, "edited", change)


@router.post("/commitments/{commitment_id}/target", include_in_schema=False)
def target_form(
    request: Request,
    commitment_id: Id,
    db: Db,
    editor: Editor,
    indicator: Annotated[str, Form(max_length=120)] = "",
    value: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """An indicator (its slug, from the list) and a value typed as the reader writes numbers."""
    locale = i18n.negotiate(request)

    def change() -> object:
        number = _number(value, locale, "value") if value.strip() else None
        return commitments.edit(db, commitment_id, _target(db, indicator, number), actor=editor.name)

    return form_answer(request, db, commitment_id, "target", change)


@router.post("/commitments/{commitment_id}/proposals/{event_id}/confirm", include_in_schema=False)
def confirm_form(
    request: Request,
    commitment_id: Id,
    event_id: Id,
    db: Db,
    editor: Editor,
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Confirm a proposal; ``next`` (the review queue) is where to go back to."""
    return form_answer(
        request,
        db,
        commitment_id,
        "confirmed",
        lambda: commitments.confirm_event(db, event_id, editor.name, commitment_id=commitment_id),
        next_url=next or None,
    )


@router.post("/commitments/{commitment_id}/proposals/{event_id}/reject", include_in_schema=False)
def reject_form(
    request: Request,
    commitment_id: Id,
    event_id: Id,
    db: Db,
    editor: Editor,
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    return form_answer(
        request,
        db,
        commitment_id,
        "rejected",
        lambda: commitments.reject_event(db, event_id, editor.name, commitment_id=commitment_id),
        next_url=next or None,
    )


# -- the JSON twins -------------------------------------------------------------------------


@router.post("/api/commitments/{commitment_id}/resolve", tags=["commitments"], response_model=CommitmentOut)
def api_resolve(commitment_id: Id, body: ResolveIn, db: Db, editor: Editor) -> CommitmentOut:
    """Resolve an open commitment: met (stored as met_late after its due date), met_late, missed
    or dropped on a day, with the mention that shows it or a note."""
    return commitments.resolve(
        db,
        commitment_id,
        status=body.status,
        on=body.on,
        evidence_mention_id=body.evidence_mention_id,
        note=(body.note or "").strip() or None,
        actor=editor.name,
    )


@router.post("/api/commitments/{commitment_id}/reopen", tags=["commitments"], response_model=CommitmentOut)
def api_reopen(commitment_id: Id, db: Db, editor: Editor, body: ReopenIn | None = None) -> CommitmentOut:
    """Undo a resolution: the commitment is open again; its history keeps the resolution."""
    note = (body.note or "").strip() if body else ""
    return commitments.reopen(db, commitment_id, actor=editor.name, note=note or None)


@router.post("/api/commitments/{commitment_id}/edit", tags=["commitments"], response_model=CommitmentOut)
def api_edit(commitment_id: Id, body: EditIn, db: Db, editor: Editor) -> CommitmentOut:
    """Change the title, owner, programme or due range (only the fields given) and say why; a new
    due range is a due-date move in the history."""
    changes = body.model_dump(exclude_unset=True, exclude={"reason"})
    return commitments.edit(db, commitment_id, _editable(changes, body.reason), actor=editor.name)


@router.post("/api/commitments/{commitment_id}/target", tags=["commitments"], response_model=CommitmentOut)
def api_target(commitment_id: Id, body: TargetIn, db: Db, editor: Editor) -> CommitmentOut:
    """Set the indicator (by slug) and value the commitment promises, or clear them (``indicator``
    null); the indicator's chart draws the target."""
    return commitments.edit(db, commitment_id, _target(db, body.indicator, body.value), actor=editor.name)


@router.post(
    "/api/commitments/{commitment_id}/proposals/{event_id}/confirm",
    tags=["commitments"],
    response_model=CommitmentOut,
)
def api_confirm(commitment_id: Id, event_id: Id, db: Db, editor: Editor) -> CommitmentOut:
    """Confirm a proposal of a later report: evidence resolves the commitment as met on its day,
    a due-date move moves the due range."""
    return commitments.confirm_event(db, event_id, editor.name, commitment_id=commitment_id)


@router.post(
    "/api/commitments/{commitment_id}/proposals/{event_id}/reject",
    tags=["commitments"],
    response_model=CommitmentEventOut,
)
def api_reject(commitment_id: Id, event_id: Id, db: Db, editor: Editor) -> CommitmentEventOut:
    """Reject a proposal; it stays in the history as rejected."""
    return commitments.reject_event(db, event_id, editor.name, commitment_id=commitment_id)


__all__ = ["EditIn", "ReopenIn", "ResolveIn", "TargetIn", "form_answer", "router"]
