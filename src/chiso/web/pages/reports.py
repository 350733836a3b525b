"""Reports: the list, adding one (paste or upload), and the reader with in-place review.

The reader shows the report's text with every mention highlighted by kind (figure, deadline) and
state (pending, accepted, rejected). Clicking a mention (or j/k) loads its panel with htmx: its
values, suggested indicators or commitments, and accept / change indicator / edit / reject.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.errors import InputError, PermissionDeniedError, TooLargeError, TooManyAttemptsError
from chiso.services import indicators, reports, review
from chiso.services.commitments.schemas import OwnerSuggestionOut
from chiso.services.reports import dates as report_dates
from chiso.services.reports import reextract as reextract_service
from chiso.services.reports import sources
from chiso.services.review.schemas import CommitmentSuggestionOut, ReviewItem, SuggestionOut
from chiso.services.schemas import MentionOut, ReportDetail, ReportSummary
from chiso.web import security
from chiso.web.deps import AppSettings, Db, Editor, User
from chiso.web.errors import CsrfError
from chiso.web.pages.auth import attempt_sign_in
from chiso.web.rendering import PageContext, ShownError, render, web_link

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50


# -- contexts -----------------------------------------------------------------------------


class ReportsPage(PageContext):
    template: ClassVar[str] = "reports.html"
    title: str = "Reports"
    reports: list[ReportSummary]
    #: every report; None when filtered by ``q`` (follow ``next_url`` for more)
    total: int | None
    q: str | None = None
    limit: int = PAGE_SIZE
    offset: int = 0
    prev_url: str | None = None
    next_url: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the reader's text: plain text, or the opening or closing of a mention's mark.

    A plain dataclass, not a model: a long report has thousands and the reader must stay fast.
    """

    kind: Literal["text", "open", "close"]
    text: str = ""
    mention: MentionOut | None = None


_CLOSE = Segment(kind="close")


def slugify(text: str) -> str:
    """ASCII words joined by hyphens (Vietnamese letters lose their marks; đ becomes d)."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:80]


def segments(text: str, mentions: list[MentionOut]) -> list[Segment]:
    """Split ``text`` around the mentions so a template can nest their marks.

    A figure inside a deadline's quote nests; a mention that crosses another's end is clipped to
    it for display (the stored offsets are untouched). Offsets outside the text are skipped.
    """
    out: list[Segment] = []
    stack: list[int] = []  # the end offsets of the open marks
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            if end > pos:
                out.append(Segment(kind="text", text=text[pos:end]))
                pos = end
            out.append(_CLOSE)

    for m in sorted(mentions, key=lambda m: (m.start, -m.end, m.id)):
        if not (0 <= m.start < m.end <= len(text)) or m.start < pos:
            continue
        close_until(m.start)
        end = min(m.end, stack[-1]) if stack else m.end
        if m.start > pos:
            out.append(Segment(kind="text", text=text[pos : m.start]))
            pos = m.start
        out.append(Segment(kind="open", mention=m))
        stack.append(end)
    close_until(len(text))
    if pos < len(text):
        out.append(Segment(kind="text", text=text[pos:]))
    return out


class ReaderPage(PageContext):
    template: ClassVar[str] = "reader.html"
    report: ReportDetail
    #: the report was just given its publication date (by the date form, or by adding its text again)
    just_dated: bool = False

    @property
    def segments(self) -> list[Segment]:
        return segments(self.report.text, self.report.mentions)

    @property
    def link(self) -> str | None:
        """The source URL when it is a web address (never a ``javascript:`` link)."""
        return web_link(self.report.url)

    @property
    def pending_ids(self) -> list[int]:
        return [m.id for m in self.report.mentions if m.state == "pending"]

    @property
    def extractor_now(self) -> str:
        return reextract_service.EXTRACTOR_VERSION

    @property
    def stale(self) -> bool:
        """An older extractor read this report (an import's quotes are never re-read)."""
        return reextract_service.is_stale(self.report.extractor_version, self.report.source_kind)


class IndicatorChoice(BaseModel):
    slug: str
    name_vi: str
    name_en: str


class MentionPanel(PageContext):
    """One mention with what a reviewer needs to decide it (the htmx panel and its JSON twin)."""

    template: ClassVar[str] = "_mention_panel.html"
    mention: MentionOut
    report_id: int
    suggestions: list[SuggestionOut] = []
    commitment_suggestions: list[CommitmentSuggestionOut] = []
    #: for a pending deadline: who made the promise, as its sentence or report names it
    owner_suggestion: OwnerSuggestionOut | None = None
    #: where the panel is shown: beside the reader's text, or as a row of the review queue
    view: Literal["panel", "row"] = "panel"
    #: a one-line outcome after a decision ("accepted as …")
    notice: str | None = None
    #: the sentence around the quote and the quote's offsets in it (review queue rows)
    sentence: str | None = None
    quote_start: int = 0
    quote_end: int = 0
    report_title: str | None = None
    #: every indicator, to link the figure to another one (the reader's panel only)
    choices: list[IndicatorChoice] = []
    #: the indicator an accepted figure was linked to
    indicator: IndicatorChoice | None = None
    #: the report has no publication date: nothing of it can be accepted until it is given
    report_undated: bool = False

    @property
    def suggested_slug(self) -> str:
        """A slug for a new indicator, from the figure's unit: "tài khoản định danh" -> "tai-khoan-dinh-danh"."""
        return slugify(self.mention.unit_head or self.mention.unit or "")

    @property
    def sentence_parts(self) -> tuple[str, str, str]:
        s = self.sentence or ""
        return s[: self.quote_start], s[self.quote_start : self.quote_end], s[self.quote_end :]


class NewReportPage(PageContext):
    template: ClassVar[str] = "new_report.html"
    title: str = "Add report"
    error: ShownError | None = None
    text: str = ""
    report_title: str = ""
    publisher: str = ""
    url: str = ""
    published: str = ""
    max_bytes: int = 0
    #: the post came without a session (it expired): ask to sign in on this form, text kept
    sign_in: bool = False
    sign_in_failed: bool = False
    sign_in_name: str = ""


# -- builders (shared with the JSON API) ---------------------------------------------------


def reports_context(db: Db, *, q: str | None, limit: int, offset: int, base: str = "/reports") -> ReportsPage:
    q = (q or "").strip() or None
    rows = reports.list_reports(db, limit=limit + 1, offset=offset, q=q)
    more = len(rows) > limit

    def url(off: int) -> str:
        params: dict[str, str | int] = {"offset": off, "limit": limit}
        if q:
            params["q"] = q
        return f"{base}?{urlencode(params)}"

    return ReportsPage(
        reports=rows[:limit],
        total=reports.count_reports(db) if q is None else None,
        q=q,
        limit=limit,
        offset=offset,
        prev_url=url(max(0, offset - limit)) if offset > 0 else None,
        next_url=url(offset + limit) if more else None,
    )


def reader_context(db: Db, report_id: int) -> ReaderPage:
    detail = reports.get_report(db, report_id)
    return ReaderPage(title=detail.title or f"#{detail.id}", report=detail)


def panel_context(
    db: Db, mention_id: int, *, view: Literal["panel", "row"] = "panel", notice: str | None = None
) -> MentionPanel:
    mention = review.get_mention(db, mention_id)
    figure_suggestions: list[SuggestionOut] = []
    commitment_suggestions: list[CommitmentSuggestionOut] = []
    sentence: str | None = None
    quote_start = quote_end = 0
    report_title: str | None = None
    report_undated = False
    owner_suggestion: OwnerSuggestionOut | None = None
    if mention.state == "pending":
        item = _queue_item(db, mention)
        if item is not None:
            figure_suggestions = item.suggestions
            commitment_suggestions = item.commitment_suggestions
            owner_suggestion = item.owner_suggestion
            sentence, quote_start, quote_end = item.sentence, item.quote_start, item.quote_end
            report_title = item.report.title
            report_undated = item.report.undated
        elif mention.kind == "figure":
            figure_suggestions = [
                SuggestionOut.model_validate(x.model_dump())
                for x in indicators.suggestions_for(db, mention_id)
            ]
    if view == "row" and report_title is None:
        report_title = reports.get_report(db, mention.report_id).title
    choices: list[IndicatorChoice] = []
    linked: IndicatorChoice | None = None
    if mention.kind == "figure" and (
        (mention.state == "pending" and view == "panel") or mention.indicator_id
    ):
        every = indicators.list_indicators(db)
        if mention.state == "pending":
            choices = [IndicatorChoice.model_validate(i.model_dump()) for i in every]
        linked = next(
            (IndicatorChoice.model_validate(i.model_dump()) for i in every if i.id == mention.indicator_id),
            None,
        )
    return MentionPanel(
        title=mention.quote,
        choices=choices,
        indicator=linked,
        mention=mention,
        report_id=mention.report_id,
        suggestions=figure_suggestions,
        commitment_suggestions=commitment_suggestions,
        owner_suggestion=owner_suggestion,
        view=view,
        notice=notice,
        sentence=sentence,
        quote_start=quote_start,
        quote_end=quote_end,
        report_title=report_title,
        report_undated=report_undated,
    )


def _queue_item(db: Db, mention: MentionOut) -> ReviewItem | None:
    """The review-queue item of one pending mention: the queue is ordered by (start, id) within a
    report, so the mention's rank among its report's pending mentions is its offset there."""
    detail = reports.get_report(db, mention.report_id)
    rank = sum(
        1 for m in detail.mentions if m.state == "pending" and (m.start, m.id) < (mention.start, mention.id)
    )
    items = review.pending(db, report_id=mention.report_id, limit=1, offset=rank)
    if items and items[0].mention.id == mention.id:
        return items[0]
    return None


# -- routes -------------------------------------------------------------------------------


@router.get("/reports")
def list_page(
    request: Request,
    db: Db,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    return render(request, reports_context(db, q=q, limit=limit, offset=offset))


@router.get("/reports/new")
def new_form(request: Request, settings: AppSettings) -> Response:
    return render(request, NewReportPage(max_bytes=settings.max_input_bytes))


@router.post("/reports/new")
async def add(
    request: Request,
    db: Db,
    settings: AppSettings,
    user: User,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    title: Annotated[str, Form(max_length=500)] = "",
    publisher: Annotated[str, Form(max_length=300)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    name: Annotated[str, Form(max_length=120)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Paste or upload → extract → land on the new report's reader (or the existing one).

    A paste is never lost to an ended session: signed out, the form comes back with the text and
    asks to sign in right there (its name and password post with the text, under the page's CSRF
    token); with a stale token it comes back with a fresh one. Nothing is stored on those paths.
    """
    form = NewReportPage(
        text=text,
        report_title=title,
        publisher=publisher,
        url=url,
        published=published,
        max_bytes=settings.max_input_bytes,
    )
    try:
        if user is None and name:
            await security.check_csrf(request)
            user = attempt_sign_in(request, db, name, password)
            if user is None:
                again = {"sign_in": True, "sign_in_failed": True, "sign_in_name": name}
                return render(request, form.model_copy(update=again), status_code=401)
        elif user is None:
            return render(request, form.model_copy(update={"sign_in": True}), status_code=401)
        else:
            await security.check_csrf(request)
    except (CsrfError, TooManyAttemptsError) as exc:
        # the paste stays in the form whatever went wrong with signing in
        keep = {"error": ShownError.of(exc), "sign_in": user is None, "sign_in_name": name}
        response = render(request, form.model_copy(update=keep), status_code=exc.status_code)
        if isinstance(exc, TooManyAttemptsError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if not user.can_edit:
        raise PermissionDeniedError("not_an_editor", user=user.name)
    editor = user
    try:
        doc = await _document(text, file, max_bytes=settings.max_input_bytes)
        result = reports.add_report(
            db,
            doc,
            title=title.strip() or None,
            url=url.strip() or None,
            publisher=publisher.strip() or None,
            published=_date(published),
            actor=editor.name,
        )
    except (InputError, TooLargeError) as exc:
        # The person's input was unusable: show the form again with their text and the reason.
        return render(
            request, form.model_copy(update={"error": ShownError.of(exc)}), status_code=exc.status_code
        )
    dated = "?dated=1" if result.dated else ""
    return RedirectResponse(f"/reports/{result.report_id}{dated}", status_code=303)


async def _document(text: str, file: UploadFile | None, *, max_bytes: int) -> sources.Document:
    if file is not None and file.filename:
        data = await file.read(max_bytes + 1)
        return sources.read_upload(
            data, name=file.filename, content_type=file.content_type, max_bytes=max_bytes
        )
    if text.strip():
        return sources.read_pasted(text, max_bytes=max_bytes)
    raise InputError("report_text_missing")


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("published_format", value=value) from None


@router.get("/reports/{report_id}")
def reader(request: Request, report_id: int, db: Db, dated: bool = False) -> Response:
    page = reader_context(db, report_id)
    return render(request, page.model_copy(update={"just_dated": dated and not page.report.undated}))


@router.post("/reports/{report_id}/reextract")
def reextract(report_id: int, db: Db, editor: Editor) -> Response:
    """Read the report again with the current extractor (decisions kept), back to its reader."""
    reextract_service.reextract_report(db, report_id, actor=editor.name)
    return RedirectResponse(f"/reports/{report_id}", status_code=303)


@router.post("/reports/{report_id}/date")
def set_date(
    report_id: int,
    db: Db,
    editor: Editor,
    published: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Give the report its publication date: it is read again with it (decisions kept)."""
    day = _date(published)
    if day is None:
        raise InputError("published_format", value="")
    report_dates.set_published(db, report_id, day, actor=editor.name)
    return RedirectResponse(f"/reports/{report_id}?dated=1", status_code=303)


@router.get("/mentions/{mention_id}/panel")
def panel(request: Request, mention_id: int, db: Db, view: Literal["panel", "row"] = "panel") -> Response:
    return render(request, panel_context(db, mention_id, view=view))


__all__ = [
    "MentionPanel",
    "NewReportPage",
    "ReaderPage",
    "ReportsPage",
    "Segment",
    "panel_context",
    "reader_context",
    "reports_context",
    "router",
    "segments",
]
