"""The JSON API for reports, mentions and review: the pages' twins plus the review actions.

Reads are open. Writes need an editor: a signed-in session (with the page's ``X-CSRF-Token``
header) or ``Authorization: Bearer <token>`` (made on ``/admin`` or by ``chiso token create USER``).
Every error has
the shape ``{"ok": false, "error": "...", "status": 404}``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from chiso.errors import InputError
from chiso.services import reports, review
from chiso.services.reports import dates as report_dates
from chiso.services.reports import edit as edit_service
from chiso.services.reports import licence as licence_service
from chiso.services.reports import originals, sources
from chiso.services.reports import reextract as reextract_service
from chiso.services.reports import retract as retract_service
from chiso.services.reports.licence import LicenceOut, PublisherLicenceOut
from chiso.services.reports.sources import Document
from chiso.services.review.schemas import AutoResult, Decision, IndicatorDraft, MentionEdit
from chiso.services.schemas import (
    AddReportResult,
    MentionOut,
    ReextractResult,
    ReportDated,
    ReportEdited,
    ReportRetracted,
)
from chiso.web.deps import AppSettings, Db, Editor
from chiso.web.pages.reports import (
    MentionPanel,
    ReaderPage,
    ReportsPage,
    download,
    panel_context,
    reports_context,
)
from chiso.web.pages.review import AUTO_DEFAULT, ReviewPage, review_context

router = APIRouter(prefix="/api")

#: The largest id or offset a request may name: PostgreSQL's ``integer`` (SQLite's is 2^63 − 1).
#: A larger one named nothing anyway, but reached the database and failed there with a 500.
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Unusable input"},
    401: {"description": "Sign in or send an API token"},
    403: {"description": "Not allowed (or the CSRF token is missing)"},
    404: {"description": "No such thing"},
    409: {"description": "Already decided"},
    413: {"description": "The request is too large"},
    422: {"description": "A parameter or field is not valid"},
    503: {"description": "The database is busy (see Retry-After) or unreachable"},
}


class ErrorOut(BaseModel):
    ok: Literal[False] = False
    #: the message in English (a language-free machine format: render ``code`` for a person)
    error: str
    status: int
    #: the error's code (chiso.error_messages.MESSAGES): stable, to branch on or to translate
    code: str
    #: the values the message names (ids, names, sizes as shown, validation problems)
    params: dict[str, Any]


class MentionsPage(BaseModel):
    mentions: list[MentionOut]
    total: int
    limit: int
    offset: int
    next_url: str | None = None


class AcceptIn(BaseModel):
    #: the indicator's slug (default: the top suggestion); figures only
    indicator: str | None = None
    #: link a deadline to this commitment (default: the top suggested one, else a new commitment)
    commitment_id: int | None = None
    #: make a new commitment even though an existing one is suggested (deadlines only)
    new_commitment: bool = False
    #: corrections applied with the acceptance
    edits: MentionEdit | None = None


class RejectIn(BaseModel):
    reason: str | None = Field(default=None, max_length=500)


class ReportDateIn(BaseModel):
    #: the report's publication date
    published: date


class ReportIn(BaseModel):
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None


class ReportUrlIn(BaseModel):
    #: the page (HTML, PDF or text) to fetch: http or https; private and loopback addresses
    #: are refused unless the server's ``allow_private_urls`` setting allows them
    url: str = Field(min_length=1, max_length=2000)
    title: str | None = None
    publisher: str | None = None
    published: date | None = None


class RetractIn(BaseModel):
    #: why the report is retracted (kept with it and in the audit log)
    reason: str = Field(min_length=1, max_length=retract_service.MAX_REASON)


_RESPONSES: dict[int | str, dict[str, Any]] = {k: {**v, "model": ErrorOut} for k, v in ERRORS.items()}
#: The error answers every documented route may give (the app's default ``responses``).
ERROR_RESPONSES = _RESPONSES


# -- reads ------------------------------------------------------------------------------------


@router.get("/reports", response_model=ReportsPage, tags=["reports"], responses=_RESPONSES)
def api_reports(
    db: Db,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
    cursor: Annotated[
        str | None, Query(max_length=40, description="where a page starts: the `next_url` of the page before")
    ] = None,
) -> ReportsPage:
    """Reports, newest publication first; ``q`` finds those with its words in their title or
    text through the search index, diacritics optional ("tai khoan" finds "tài khoản"), newest first.
    Follow ``next_url``: without ``q`` it is a keyset cursor, as fast on the last page as the first."""
    return reports_context(db, q=q, limit=limit, offset=offset, base="/api/reports", cursor=cursor)


class ReportPage(ReaderPage):
    """The reader's data with a page of the report's mentions; ``next_url`` gives the next page."""

    next_url: str | None = None


#: Mentions per page of ``/api/reports/{id}`` (one report had 58,000: a 35 MB answer).
MENTIONS_PAGE = 1000
_CURSOR = re.compile(r"(\d{1,10})\.(\d{1,10})")


@router.get("/reports/{report_id}", response_model=ReportPage, tags=["reports"], responses=_RESPONSES)
def api_report(
    report_id: Id,
    db: Db,
    settings: AppSettings,
    limit: Annotated[int, Query(ge=1, le=5000)] = MENTIONS_PAGE,
    after: Annotated[str | None, Query(max_length=24, description="the cursor a next_url carries")] = None,
) -> ReportPage:
    """One report with its text and its mentions in the text's order, ``limit`` at a time:
    ``next_url`` (with its ``after`` cursor) gives the next page, null on the last."""
    cursor: reports.MentionCursor | None = None
    if after is not None:
        found = _CURSOR.fullmatch(after)
        if found is None:
            raise InputError("api_bad_cursor", after=after)
        cursor = (int(found.group(1)), int(found.group(2)))
    detail = reports.get_report(db, report_id, with_mentions=False)
    page, following = reports.report_mentions(db, report_id, after=cursor, limit=limit)
    next_url = (
        f"/api/reports/{report_id}?{urlencode({'limit': limit, 'after': f'{following[0]}.{following[1]}'})}"
        if following is not None
        else None
    )
    return ReportPage(
        title=detail.title or f"#{detail.id}",
        report=detail.model_copy(update={"mentions": page}),
        next_url=next_url,
        licence=licence_service.report_licence(db, report_id, default=settings.default_licence),
    )


@router.get("/mentions", response_model=MentionsPage, tags=["mentions"], responses=_RESPONSES)
def api_mentions(
    db: Db,
    report_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    state: Literal["pending", "accepted", "rejected"] | None = None,
    kind: Literal["figure", "deadline"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> MentionsPage:
    """Mentions of one report (any state), or pending mentions across reports.

    Without ``report_id`` only ``state=pending`` (the default then) is available.
    """
    params: dict[str, str | int] = {
        k: v for k, v in {"report_id": report_id, "state": state, "kind": kind}.items() if v is not None
    }
    if report_id is not None:
        page, total = reports.filtered_mentions(
            db, report_id, state=state, kind=kind, limit=limit, offset=offset
        )
    elif state in (None, "pending"):
        page = [item.mention for item in review.pending(db, kind=kind, limit=limit, offset=offset)]
        total = review.count_pending(db, kind=kind)
    else:
        raise InputError("api_mentions_need_report")
    more = offset + limit < total
    next_url = (
        f"/api/mentions?{urlencode({**params, 'limit': limit, 'offset': offset + limit})}" if more else None
    )
    return MentionsPage(mentions=page, total=total, limit=limit, offset=offset, next_url=next_url)


@router.get("/mentions/{mention_id}", response_model=MentionPanel, tags=["mentions"], responses=_RESPONSES)
def api_mention(mention_id: Id, db: Db) -> MentionPanel:
    """One mention with its suggested indicators or commitments (the reader's panel)."""
    return panel_context(db, mention_id)


@router.get("/review", response_model=ReviewPage, tags=["mentions"], responses=_RESPONSES)
def api_review(
    db: Db,
    kind: Literal["figure", "deadline"] | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
    offset: Offset = 0,
) -> ReviewPage:
    """The review queue: pending mentions in their sentences with suggestions."""
    return review_context(db, kind=kind, limit=limit, offset=offset, base="/api/review")


# -- writes ------------------------------------------------------------------------------------


class AutoIn(BaseModel):
    #: accept only mentions (and indicator or commitment matches) at least this sure
    min_confidence: float = Field(default=AUTO_DEFAULT, ge=0, le=1)
    #: only this report's mentions
    report_id: int | None = Field(default=None, ge=1, le=MAX_ID)


@router.post("/review/auto", response_model=AutoResult, tags=["mentions"], responses=_RESPONSES)
def api_review_auto(db: Db, editor: Editor, body: AutoIn) -> AutoResult:
    """Accept the pending mentions that need no person (``chiso review auto``): a confident
    reading with a clear top suggestion; each acceptance is its own audited transaction, and
    every mention left for a person comes with its reason."""
    return review.auto(db, min_confidence=body.min_confidence, actor=editor.name, report_id=body.report_id)


class ReextractAllIn(BaseModel):
    #: the reports to read again (default: every report an older extractor version read)
    report_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(default=None, max_length=10_000)


@router.post(
    "/reports/reextract", response_model=list[ReextractResult], tags=["reports"], responses=_RESPONSES
)
def api_reextract_all(db: Db, editor: Editor, body: ReextractAllIn) -> list[ReextractResult]:
    """Read reports again with the current extractor (``chiso report reextract``): by default
    every report an older extractor version read; one transaction per report."""
    return reextract_service.reextract(db, body.report_ids, actor=editor.name)


@router.post(
    "/reports/{report_id}/reextract", response_model=ReextractResult, tags=["reports"], responses=_RESPONSES
)
def api_reextract(report_id: Id, db: Db, editor: Editor) -> ReextractResult:
    """Read a stored report again with the current extractor: accepted and rejected mentions stay,
    pending ones found again unchanged keep their ids, the rest are replaced."""
    return reextract_service.reextract_report(db, report_id, actor=editor.name)


class LicenceIn(BaseModel):
    #: an SPDX-like id ("CC-BY-4.0") or free text ("© Báo Nhân Dân"); null or empty removes it
    licence: str | None = Field(default=None, max_length=1000)


class PublisherLicenceIn(LicenceIn):
    publisher: str = Field(min_length=1, max_length=300)


@router.get("/reports/{report_id}/licence", response_model=LicenceOut, tags=["reports"], responses=_RESPONSES)
def api_report_licence(report_id: Id, db: Db, settings: AppSettings) -> LicenceOut:
    """The licence a report is under: its own, else its publisher's, else the default."""
    return licence_service.report_licence(db, report_id, default=settings.default_licence)


@router.put("/reports/{report_id}/licence", response_model=LicenceOut, tags=["reports"], responses=_RESPONSES)
def api_set_report_licence(
    report_id: Id, db: Db, settings: AppSettings, editor: Editor, body: LicenceIn
) -> LicenceOut:
    """Set a report's own licence (null or empty: remove it), audited."""
    return licence_service.set_licence(
        db, report_id, body.licence, actor=editor.name, default=settings.default_licence
    )


@router.get("/publishers/licences", response_model=list[PublisherLicenceOut], tags=["reports"])
def api_publisher_licences(db: Db) -> list[PublisherLicenceOut]:
    """Every publisher with a licence for its reports."""
    return licence_service.publisher_licences(db)


@router.put("/publishers/licence", response_model=PublisherLicenceOut, tags=["reports"], responses=_RESPONSES)
def api_set_publisher_licence(db: Db, editor: Editor, body: PublisherLicenceIn) -> PublisherLicenceOut:
    """Set the licence of a publisher's reports that name none (null or empty: remove it), audited."""
    return licence_service.set_publisher_licence(db, body.publisher, body.licence, actor=editor.name)


@router.post("/reports/{report_id}/date", response_model=ReportDated, tags=["reports"], responses=_RESPONSES)
def api_report_date(report_id: int, db: Db, editor: Editor, body: ReportDateIn) -> ReportDated:
    """Give a report its publication date (or correct it). It is read again with that date in the
    same transaction: relative phrases resolve, decisions are kept, accepted points that took the
    publication date move with it. Until a report has a date none of its mentions can be accepted."""
    return report_dates.set_published(db, report_id, body.published, actor=editor.name)


@router.post("/mentions/{mention_id}/accept", response_model=Decision, tags=["review"], responses=_RESPONSES)
def api_accept(mention_id: Id, db: Db, editor: Editor, body: AcceptIn | None = None) -> Decision:
    """Accept a mention: a figure becomes (or corroborates) an observation; a deadline a commitment."""
    body = body or AcceptIn()
    return review.accept(
        db,
        mention_id,
        indicator=body.indicator,
        commitment_id=body.commitment_id,
        new_commitment=body.new_commitment,
        edits=body.edits,
        actor=editor.name,
    )


@router.post("/mentions/{mention_id}/reject", response_model=Decision, tags=["review"], responses=_RESPONSES)
def api_reject(mention_id: Id, db: Db, editor: Editor, body: RejectIn | None = None) -> Decision:
    return review.reject(db, mention_id, actor=editor.name, reason=(body.reason if body else None))


@router.post("/mentions/{mention_id}/edit", response_model=Decision, tags=["review"], responses=_RESPONSES)
def api_edit(mention_id: Id, db: Db, editor: Editor, body: MentionEdit) -> Decision:
    """Correct what the extractor read; only the fields given change (``null`` clears one)."""
    return review.edit(db, mention_id, body, actor=editor.name)


@router.post(
    "/mentions/{mention_id}/new-indicator", response_model=Decision, tags=["review"], responses=_RESPONSES
)
def api_new_indicator(mention_id: Id, db: Db, editor: Editor, body: IndicatorDraft) -> Decision:
    """Make a new indicator from a figure and accept the figure as its first point."""
    return review.create_indicator_from(db, mention_id, body, actor=editor.name)


@router.post("/mentions/{mention_id}/reopen", response_model=Decision, tags=["review"], responses=_RESPONSES)
def api_reopen(mention_id: Id, db: Db, editor: Editor) -> Decision:
    """Put a decided mention back in the queue."""
    return review.reopen(db, mention_id, actor=editor.name)


@router.post(
    "/reports",
    response_model=AddReportResult,
    status_code=201,
    tags=["reports"],
    responses={**_RESPONSES, 200: {"model": AddReportResult, "description": "Already stored"}},
)
def api_add_report(db: Db, settings: AppSettings, editor: Editor, body: ReportIn) -> JSONResponse:
    """Add a report from its text; the same text again returns the existing report (200)."""
    doc = sources.read_pasted(body.text, max_bytes=settings.max_input_bytes)
    return _added(
        db,
        doc,
        editor.name,
        title=body.title,
        url=body.url,
        publisher=body.publisher,
        published=body.published,
    )


def _added(
    db: Db,
    doc: Document,
    actor: str,
    *,
    title: str | None,
    url: str | None,
    publisher: str | None,
    published: date | None,
) -> JSONResponse:
    result = reports.add_report(
        db, doc, title=title, url=url, publisher=publisher, published=published, actor=actor
    )
    return JSONResponse(
        result.model_dump(mode="json"),
        status_code=201 if result.created else 200,
        headers={"Location": f"/api/reports/{result.report_id}"},
    )


_ADDED: dict[int | str, dict[str, Any]] = {
    **_RESPONSES,
    200: {"model": AddReportResult, "description": "Already stored"},
    403: {
        "model": ErrorOut,
        "description": "Not allowed, or the address is private and the server refuses those",
    },
    422: {"model": ErrorOut, "description": "A field is not valid, or the page could not be fetched or read"},
}


@router.post(
    "/reports/fetch", response_model=AddReportResult, status_code=201, tags=["reports"], responses=_ADDED
)
def api_fetch_report(db: Db, settings: AppSettings, editor: Editor, body: ReportUrlIn) -> JSONResponse:
    """Add a report from a web address the server fetches (HTML, PDF or text; the page kept as
    received). The same text or URL again returns the existing report (200)."""
    doc = sources.read_web_url(body.url, settings=settings)
    return _added(
        db, doc, editor.name, title=body.title, url=None, publisher=body.publisher, published=body.published
    )


@router.post(
    "/reports/upload", response_model=AddReportResult, status_code=201, tags=["reports"], responses=_ADDED
)
async def api_upload_report(
    db: Db,
    settings: AppSettings,
    editor: Editor,
    file: Annotated[UploadFile, File(description="an HTML page, a PDF or a text file")],
    title: Annotated[str | None, Form(max_length=500)] = None,
    publisher: Annotated[str | None, Form(max_length=300)] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    published: Annotated[date | None, Form()] = None,
) -> JSONResponse:
    """Add a report from an uploaded file (multipart/form-data; the file kept as received).
    The same text again returns the existing report (200)."""
    data = await file.read(settings.max_input_bytes + 1)
    doc = sources.read_upload(
        data,
        name=file.filename or "upload",
        content_type=file.content_type,
        max_bytes=settings.max_input_bytes,
    )
    return _added(db, doc, editor.name, title=title, url=url, publisher=publisher, published=published)


@router.post("/reports/{report_id}/edit", response_model=ReportEdited, tags=["reports"], responses=_RESPONSES)
def api_edit_report(report_id: Id, db: Db, editor: Editor, body: edit_service.ReportEdit) -> ReportEdited:
    """Change a report's title, publisher, source URL or publication date: only the fields sent
    change (``null`` clears the first three; a date can be corrected, not removed). A new date
    re-reads the report, moves the accepted points dated by it and counts the conflicts of their
    series; one transaction, one audit entry."""
    return edit_service.edit_report(db, report_id, body, actor=editor.name)


@router.post(
    "/reports/{report_id}/retract", response_model=ReportRetracted, tags=["reports"], responses=_RESPONSES
)
def api_retract_report(report_id: Id, db: Db, editor: Editor, body: RetractIn) -> ReportRetracted:
    """Retract a report: it stays readable, marked retracted, but its observations go (unless
    another report supports them), its deadlines leave their commitments and its commitment
    evidence is rejected; nothing in it can be accepted or read again. Twice is a 409."""
    return retract_service.retract(db, report_id, actor=editor.name, reason=body.reason)


_FILE_HEADERS = {
    "X-Checksum-SHA256": {"description": "the SHA-256 of the body, in hex", "schema": {"type": "string"}}
}


@router.get(
    "/reports/{report_id}/original",
    tags=["reports"],
    response_class=Response,
    responses={
        **_RESPONSES,
        200: {
            "description": "The bytes as received (Content-Type as received, Content-Disposition with a file name)",
            "content": {
                t: {} for t in ("application/pdf", "text/html", "text/plain", "application/octet-stream")
            },
            "headers": _FILE_HEADERS,
        },
    },
)
def api_report_original(report_id: Id, db: Db) -> Response:
    """The archived original a report was read from, exactly as received (404 when none was kept)."""
    return download(originals.original(db, report_id))


@router.get(
    "/reports/{report_id}/text",
    tags=["reports"],
    response_class=Response,
    responses={
        **_RESPONSES,
        200: {
            "description": "The extracted text, UTF-8",
            "content": {"text/plain": {}},
            "headers": _FILE_HEADERS,
        },
    },
)
def api_report_text(report_id: Id, db: Db) -> Response:
    """The text the extractor read (every mention's offsets point into it), as UTF-8 plain text."""
    return download(originals.extracted_text(db, report_id), inline=True)


__all__ = [
    "ERROR_RESPONSES",
    "AcceptIn",
    "LicenceIn",
    "MentionsPage",
    "PublisherLicenceIn",
    "RejectIn",
    "ReportDateIn",
    "ReportIn",
    "ReportUrlIn",
    "RetractIn",
    "router",
]
