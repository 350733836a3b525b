"""Search across report texts and indicators: ``/search?q=``."""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.services import indicators, reports
from chiso.services.indicators.schemas import IndicatorOut
from chiso.services.schemas import ReportSummary
from chiso.web.deps import Db
from chiso.web.rendering import PageContext, page, render

router = APIRouter()

MAX_REPORTS = 20
MAX_INDICATORS = 20
MIN_QUERY = 2
#: characters of text shown on each side of the first match
SNIPPET = 90


class ReportHit(BaseModel):
    report: ReportSummary
    #: the text around the first match, split so the template can mark the match
    before: str = ""
    match: str = ""
    after: str = ""


class IndicatorHit(BaseModel):
    slug: str
    name_vi: str
    name_en: str
    unit: str
    programme: str | None = None


class SearchPage(PageContext):
    template: ClassVar[str] = "search.html"
    title: str = "Search"
    q: str = ""
    too_short: bool = False
    reports: list[ReportHit] = []
    indicators: list[IndicatorHit] = []


def snippet(text: str, q: str) -> tuple[str, str, str]:
    """The first case-insensitive match of ``q`` in ``text`` with some words either side."""
    at = text.casefold().find(q.casefold())
    if at < 0 or len(text.casefold()) != len(text):  # casefold changed lengths: show the start instead
        return "", "", " ".join(text[: SNIPPET * 2].split()) + ("…" if len(text) > SNIPPET * 2 else "")
    start, end = max(0, at - SNIPPET), min(len(text), at + len(q) + SNIPPET)
    before = (
        ("…" if start > 0 else "")
        + " ".join(text[start:at].split())
        + (" " if text[at - 1 : at].isspace() else "")
    )
    after = (" " if text[at + len(q) : at + len(q) + 1].isspace() else "") + " ".join(
        text[at + len(q) : end].split()
    )
    return before, text[at : at + len(q)], after + ("…" if end < len(text) else "")


def search_context(db: Db, q: str) -> SearchPage:
    q = " ".join(unicodedata.normalize("NFC", q).split())  # the stored text is NFC
    if len(q) < MIN_QUERY:
        return SearchPage(q=q, too_short=bool(q))
    hits: list[ReportHit] = []
    for summary in reports.list_reports(db, q=q, limit=MAX_REPORTS):
        text = reports.get_report(db, summary.id).text
        before, match, after = snippet(text, q)
        hits.append(ReportHit(report=summary, before=before, match=match, after=after))
    needle = q.casefold()
    found: list[IndicatorOut] = [
        i
        for i in indicators.list_indicators(db)
        if needle in i.slug.casefold() or needle in i.name_vi.casefold() or needle in i.name_en.casefold()
    ]
    return SearchPage(
        title=q,
        q=q,
        reports=hits,
        indicators=[IndicatorHit.model_validate(i.model_dump()) for i in found[:MAX_INDICATORS]],
    )


# The twin keeps the name it had as a separate API route: the schema's operationId comes from it.
@page(router, "/search", response_model=SearchPage, tags=["reports"], name="api_search")
def search(request: Request, db: Db, q: str = "") -> Response:
    """Reports whose title or text contains ``q``, and indicators whose name or slug does."""
    return render(request, search_context(db, q[:200]))


__all__ = ["IndicatorHit", "ReportHit", "SearchPage", "router", "search_context", "snippet"]
