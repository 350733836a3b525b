"""Search across reports, indicators and commitments: ``/search?q=``, diacritics optional."""

from __future__ import annotations

from typing import Annotated, ClassVar
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.requests import Request

from chiso.services import search as searching
from chiso.services.search import CommitmentHit, IndicatorHit, KindCount, ReportHit, snippet
from chiso.web.deps import Db
from chiso.web.rendering import PageContext, page, render

router = APIRouter()

#: hits of each kind on a page
PAGE = 20
MIN_QUERY = searching.MIN_QUERY


class SearchPage(PageContext):
    template: ClassVar[str] = "search.html"
    title: str = "Search"
    q: str = ""
    too_short: bool = False
    offset: int = 0
    limit: int = PAGE
    reports: list[ReportHit] = []
    indicators: list[IndicatorHit] = []
    commitments: list[CommitmentHit] = []
    report_count: KindCount = KindCount()
    indicator_count: KindCount = KindCount()
    commitment_count: KindCount = KindCount()
    prev_url: str | None = None
    next_url: str | None = None


def _url(q: str, offset: int) -> str:
    return "/search?" + urlencode({"q": q} | ({"offset": offset} if offset else {}))


def search_context(db: Db, q: str, offset: int = 0) -> SearchPage:
    found = searching.search(db, q, offset=offset, limit=PAGE)
    counts = (found.report_count, found.indicator_count, found.commitment_count)
    more = any(c.capped or c.count > offset + PAGE for c in counts)
    return SearchPage(
        title=found.q or "Search",
        **found.model_dump(exclude={"reports"}),
        reports=found.reports,
        prev_url=_url(found.q, max(0, offset - PAGE)) if offset > 0 and found.q else None,
        next_url=_url(found.q, offset + PAGE) if more else None,
    )


# The twin keeps the name it had as a separate API route: the schema's operationId comes from it.
@page(router, "/search", response_model=SearchPage, tags=["reports"], name="api_search")
def search(
    request: Request, db: Db, q: str = "", offset: Annotated[int, Query(ge=0, le=100_000)] = 0
) -> Response:
    """Reports whose title or text, indicators whose names or slug, and commitments whose title
    or owner hold every word of ``q`` (the last may be cut short), with or without its
    diacritics; a page of each kind
    from ``offset``, with each kind's count."""
    return render(request, search_context(db, q, offset))


__all__ = [
    "CommitmentHit",
    "IndicatorHit",
    "KindCount",
    "ReportHit",
    "SearchPage",
    "router",
    "search",
    "search_context",
    "snippet",
]
