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

from chiso.config import Settings
from chiso.errors import (
    ChisoError,
    ConflictError,
    FetchError,
    InputError,
    PermissionDeniedError,
    TooLargeError,
    TooManyAttemptsError,
)
from chiso.services import indicators, reports, review
from chiso.services.commitments.schemas import OwnerSuggestionOut
from chiso.services.reports import dates as report_dates
from chiso.services.reports import edit as edit_service
from chiso.services.reports import licence as licence_service
from chiso.services.reports import originals, sources
from chiso.services.reports import reextract as reextract_service
from chiso.services.reports import retract as retract_service
from chiso.services.reports.licence import LicenceOut
from chiso.services.review.schemas import CommitmentSuggestionOut, ReviewItem, SuggestionOut
from chiso.services.schemas import MentionOut, ReportDetail, ReportSummary
from chiso.web import security
from chiso.web.deps import AppSettings, Db, Editor, User, get_settings
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
    #: reports an older extractor version read (``chiso report reextract`` reads them again)
    stale: int = 0
    #: how many reports were just read again (``?reread=``)
    reread: int | None = None


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
    #: the licence the report is under, and whether it is its own, its publisher's or the default
    licence: LicenceOut | None = None
    #: what was just done to it (a form's confirmation after its redirect)
    done: Literal["edited", "retracted"] | None = None
    #: why the edit or retract form's input was refused (the page is shown again with it)
    error: ShownError | None = None

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
    #: the web address to fetch the report from (the "web address" section)
    fetch_url: str = ""
    #: the section the form opens on: fetch a web address, upload a file, or paste text
    source: Literal["url", "file", "paste"] = "url"
    max_bytes: int = 0
    #: the post came without a session (it expired): ask to sign in on this form, text kept
    sign_in: bool = False
    sign_in_failed: bool = False
    sign_in_name: str = ""


# -- builders (shared with the JSON API) ---------------------------------------------------


def _report_key(r: ReportSummary) -> str:
    """The keyset cursor of a row of the list: its publication date (``-`` undated) and id."""
    return f"{r.published_on.isoformat() if r.published_on else '-'}.{r.id}"


_REPORT_CURSOR = re.compile(r"(-|\d{4}-\d{2}-\d{2})\.(\d{1,18})")


def _read_cursor(cursor: str) -> tuple[date | None, int]:
    m = _REPORT_CURSOR.fullmatch(cursor)
    try:
        if m is None:
            raise ValueError(cursor)
        return (None if m.group(1) == "-" else date.fromisoformat(m.group(1))), int(m.group(2))
    except ValueError:
        raise InputError("bad_page_cursor") from None


def reports_context(
    db: Db, *, q: str | None, limit: int, offset: int, base: str = "/reports", cursor: str | None = None
) -> ReportsPage:
    """A page of the report list. Without ``q`` the next page starts after this one's last row
    (a keyset, ``cursor``: the hundredth page of 100,000 reports costs what the first does); a
    search pages by offset."""
    q = (q or "").strip() or None
    after = _read_cursor(cursor) if cursor and not q else None
    if after is not None:
        offset = 0
    rows = reports.list_reports(db, limit=limit + 1, offset=offset, q=q, after=after)
    more = len(rows) > limit
    rows = rows[:limit]

    def url(**extra: str | int) -> str:
        params: dict[str, str | int] = {"limit": limit, **extra}
        if q:
            params["q"] = q
        return f"{base}?{urlencode(params)}"

    if q:
        prev_url = url(offset=max(0, offset - limit)) if offset > 0 else None
        next_url = url(offset=offset + limit) if more else None
    else:
        # back to the newest: a keyset reads forwards only
        prev_url = url() if (after is not None or offset > 0) else None
        next_url = url(cursor=_report_key(rows[-1])) if more and rows else None
    return ReportsPage(
        reports=rows,
        total=reports.count_reports(db) if q is None else None,
        q=q,
        limit=limit,
        offset=offset,
        prev_url=prev_url,
        next_url=next_url,
        stale=len(reextract_service.stale_report_ids(db)),
    )


def reader_context(db: Db, report_id: int, *, default_licence: str | None = None) -> ReaderPage:
    detail = reports.get_report(db, report_id)
    terms = licence_service.report_licence(db, report_id, default=default_licence)
    return ReaderPage(title=detail.title or f"#{detail.id}", report=detail, licence=terms)


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
    cursor: Annotated[str | None, Query(max_length=40)] = None,
    reread: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    ctx = reports_context(db, q=q, limit=limit, offset=offset, cursor=cursor)
    return render(request, ctx.model_copy(update={"reread": reread}))


@router.post("/reports/reextract")
def reextract_stale(db: Db, editor: Editor) -> Response:
    """Read every report an older extractor version read again (decisions kept), one
    transaction each, then back to the list saying how many."""
    done = reextract_service.reextract(db, actor=editor.name)
    return RedirectResponse(f"/reports?reread={len(done)}", status_code=303)


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
    fetch_url: Annotated[str, Form(max_length=2000)] = "",
    source: Annotated[Literal["url", "file", "paste"] | None, Form()] = None,
    title: Annotated[str, Form(max_length=500)] = "",
    publisher: Annotated[str, Form(max_length=300)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    name: Annotated[str, Form(max_length=120)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """A web address, an upload or a paste → extract → land on the new report's reader (or the
    existing one). ``source`` says which of the three the person chose (its section's button);
    without it the first one given counts, in that order.

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
        fetch_url=fetch_url,
        source=source or _chosen(fetch_url, file, text) or "paste",
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
        chosen = source or _chosen(fetch_url, file, text)
        if chosen is None:
            raise InputError("report_text_missing")
        doc = await _document(chosen, fetch_url, text, file, settings=settings)
        result = reports.add_report(
            db,
            doc,
            title=title.strip() or None,
            url=url.strip() or None,
            publisher=publisher.strip() or None,
            published=_date(published),
            actor=editor.name,
        )
    except (InputError, TooLargeError, FetchError) as exc:
        # The person's input was unusable (or its address refused or unreachable): show the form
        # again with their text and the reason.
        return render(
            request, form.model_copy(update={"error": ShownError.of(exc)}), status_code=exc.status_code
        )
    dated = "?dated=1" if result.dated else ""
    return RedirectResponse(f"/reports/{result.report_id}{dated}", status_code=303)


def _chosen(fetch_url: str, file: UploadFile | None, text: str) -> Literal["url", "file", "paste"] | None:
    """The section a form without ``source`` used: the first of address, file and text given."""
    if fetch_url.strip():
        return "url"
    if file is not None and file.filename:
        return "file"
    return "paste" if text.strip() else None


async def _document(
    source: Literal["url", "file", "paste"],
    fetch_url: str,
    text: str,
    file: UploadFile | None,
    *,
    settings: Settings,
) -> sources.Document:
    max_bytes = settings.max_input_bytes
    if source == "url":
        return sources.read_web_url(fetch_url, settings=settings)
    if source == "file":
        if file is None or not file.filename:
            raise InputError("report_text_missing")
        data = await file.read(max_bytes + 1)
        return sources.read_upload(
            data, name=file.filename, content_type=file.content_type, max_bytes=max_bytes
        )
    return sources.read_pasted(text, max_bytes=max_bytes)


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("published_format", value=value) from None


@router.get("/reports/{report_id}")
def reader(
    request: Request,
    report_id: int,
    db: Db,
    settings: AppSettings,
    dated: bool = False,
    done: Literal["edited", "retracted"] | None = None,
) -> Response:
    page = reader_context(db, report_id, default_licence=settings.default_licence)
    return render(
        request, page.model_copy(update={"just_dated": dated and not page.report.undated, "done": done})
    )


def _refused(request: Request, db: Db, report_id: int, exc: ChisoError) -> Response:
    """The reader again with the one-line reason its edit or retract form was refused."""
    settings = get_settings(request)
    page = reader_context(db, report_id, default_licence=settings.default_licence).model_copy(
        update={"error": ShownError.of(exc)}
    )
    return render(request, page, status_code=exc.status_code)


@router.post("/reports/{report_id}/edit")
def edit(
    request: Request,
    report_id: int,
    db: Db,
    editor: Editor,
    title: Annotated[str, Form(max_length=2000)] = "",
    publisher: Annotated[str, Form(max_length=300)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Change the report's details (an empty field clears it; the date is kept when left empty)."""
    try:
        fields: dict[str, object] = {"title": title, "publisher": publisher, "url": url}
        day = _date(published)
        if day is not None:
            fields["published"] = day
        edit_service.edit_report(db, report_id, edit_service.ReportEdit(**fields), actor=editor.name)
    except (InputError, ConflictError) as exc:
        return _refused(request, db, report_id, exc)
    return RedirectResponse(f"/reports/{report_id}?done=edited", status_code=303)


@router.post("/reports/{report_id}/retract")
def retract(
    request: Request,
    report_id: int,
    db: Db,
    editor: Editor,
    reason: Annotated[str, Form(max_length=retract_service.MAX_REASON)] = "",
) -> Response:
    """Retract the report: it stays readable, marked so; its points and links go."""
    try:
        retract_service.retract(db, report_id, actor=editor.name, reason=reason)
    except (InputError, ConflictError) as exc:
        return _refused(request, db, report_id, exc)
    return RedirectResponse(f"/reports/{report_id}?done=retracted", status_code=303)


def download(file: originals.OriginalFile, *, inline: bool = False) -> Response:
    """The bytes as received, never rendered by the browser on our origin (an archived page is
    someone else's HTML): an attachment, no sniffing, sandboxed; its checksum in a header."""
    disposition = "inline" if inline else "attachment"
    return Response(
        content=file.body,
        media_type=file.content_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{file.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "X-Checksum-SHA256": file.sha256,
        },
    )


@router.get("/reports/{report_id}/original")
def original(report_id: int, db: Db) -> Response:
    """The archived original exactly as received."""
    return download(originals.original(db, report_id))


@router.get("/reports/{report_id}/text")
def extracted_text(report_id: int, db: Db) -> Response:
    """The text the extractor read, as UTF-8 plain text."""
    return download(originals.extracted_text(db, report_id), inline=True)


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


@router.post("/reports/{report_id}/licence")
def set_licence(
    report_id: int,
    db: Db,
    editor: Editor,
    licence: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Set the report's own licence (empty: none, its publisher's or the default applies)."""
    licence_service.set_licence(db, report_id, licence, actor=editor.name)
    return RedirectResponse(f"/reports/{report_id}#licence", status_code=303)


@router.post("/reports/{report_id}/publisher-licence")
def set_publisher_licence(
    report_id: int,
    db: Db,
    editor: Editor,
    licence: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Set the licence of every report of this report's publisher that names none of its own."""
    publisher = reports.get_report(db, report_id, with_mentions=False).publisher
    licence_service.set_publisher_licence(db, publisher or "", licence, actor=editor.name)
    return RedirectResponse(f"/reports/{report_id}#licence", status_code=303)


@router.get("/mentions/{mention_id}/panel")
def panel(request: Request, mention_id: int, db: Db, view: Literal["panel", "row"] = "panel") -> Response:
    return render(request, panel_context(db, mention_id, view=view))


__all__ = [
    "MentionPanel",
    "NewReportPage",
    "ReaderPage",
    "ReportsPage",
    "Segment",
    "download",
    "panel_context",
    "reader_context",
    "reports_context",
    "router",
    "segments",
]
