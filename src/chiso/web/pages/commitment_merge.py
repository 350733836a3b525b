"""One promise, one commitment, in the web app: the likely duplicates (``/commitments/duplicates``,
JSON twin ``/api/commitments/duplicates``) and merging one commitment into another (the button
on a commitment's page, ``POST /commitments/{id}/merge``; API ``POST /api/commitments/{id}/merge``).

Included before :mod:`chiso.web.pages.deadlines`, whose ``/commitments/{id}`` would otherwise
take ``duplicates`` for an id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from fastapi import APIRouter, Form
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from chiso.errors import InputError
from chiso.services import commitments
from chiso.services.commitments.schemas import CommitmentOut, DuplicatePair
from chiso.web.deps import Db, Editor
from chiso.web.pages.commitment_actions import form_answer
from chiso.web.rendering import PageContext, page, render

router = APIRouter()


class DuplicatesPage(PageContext):
    template: ClassVar[str] = "duplicates.html"
    title: str = "Possible duplicates"
    on: date
    pairs: list[DuplicatePair]


class MergeIn(BaseModel):
    """The commitment to merge into the one in the path (the kept one)."""

    model_config = ConfigDict(extra="forbid")

    other_id: int = Field(
        ge=1, le=2**31 - 1, description="the commitment that is the same promise; it redirects"
    )


@page(router, "/commitments/duplicates", response_model=DuplicatesPage, tags=["commitments"])
def duplicates(request: Request, db: Db) -> Response:
    """Pairs of commitments that are probably one promise stated twice, most alike first."""
    today = date.today()
    return render(request, DuplicatesPage(on=today, pairs=commitments.find_duplicates(db, on=today)))


@router.post("/commitments/{commitment_id}/merge", include_in_schema=False)
def merge_form(
    request: Request,
    commitment_id: int,
    db: Db,
    editor: Editor,
    other: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """The commitment page's merge button: ``other`` is merged into this one; back to the page,
    which confirms it (or shows why it was refused)."""

    def change() -> object:
        raw = other.strip().lstrip("#")
        if not (raw.isascii() and raw.isdigit()):
            raise InputError("not_commitment_id", value=other)
        return commitments.merge(db, commitment_id, int(raw), actor=editor.name)

    return form_answer(request, db, commitment_id, "merged", change)


@router.post("/api/commitments/{commitment_id}/merge", tags=["commitments"], response_model=CommitmentOut)
def api_merge(commitment_id: int, body: MergeIn, db: Db, editor: Editor) -> CommitmentOut:
    """Merge commitment ``other_id`` into this one: its history and mentions move here, it redirects."""
    return commitments.merge(db, commitment_id, body.other_id, actor=editor.name)


__all__ = ["DuplicatesPage", "MergeIn", "router"]
