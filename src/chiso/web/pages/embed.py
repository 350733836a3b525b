"""Embeds: small pages other sites may put in an ``<iframe>``.

``/embed/indicators/{slug}`` is one indicator's chart, latest value and sources, with a link
back to its full page; ``/embed/deadlines?programme=…&owner=…`` is a compact deadline board.
Both have their own minimal template (``embed_base.html``: local assets only, no navigation, no
forms) and are the only pages the app lets any site frame (``frame-ancestors *`` and no
``X-Frame-Options``, see :class:`chiso.web.app.SecurityHeaders`). A framed page gets no cookie
from its parent site's visitors, so the language comes from ``?lang=vi|en`` (else the browser's).
The indicator page and the deadline board show the ``<iframe>`` code to copy.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.i18n import as_lang
from chiso.services.commitments.schemas import CommitmentOut
from chiso.services.indicators.schemas import IndicatorOut
from chiso.services.observations.schemas import ObservationOut
from chiso.web.deps import Db
from chiso.web.pages.dashboard import IndicatorRow
from chiso.web.pages.deadlines import build_board
from chiso.web.pages.indicators import TargetLine, build_indicator
from chiso.web.rendering import PageContext, page, render

router = APIRouter()

#: Rows of each group the compact board shows (the full board pages through the rest).
EMBED_ROWS = 8

LangQuery = Annotated[
    str | None, Query(description="the embed's language: vi or en (default: the browser's)")
]


class EmbedIndicatorPage(PageContext):
    template: ClassVar[str] = "embed_indicator.html"
    indicator: IndicatorOut
    programme_vi: str | None = None
    latest: IndicatorRow | None = None
    #: every observation, oldest first, with its sources (the chart draws them)
    observations: list[ObservationOut]
    conflict_ids: list[int]
    targets: list[TargetLine]
    #: the indicator's full page
    page_href: str


class EmbedBoardGroup(BaseModel):
    """One group of the compact board: its first rows and how many it holds in all."""

    key: str
    total: int
    items: list[CommitmentOut]


class EmbedDeadlinesPage(PageContext):
    template: ClassVar[str] = "embed_deadlines.html"
    on: date
    owner: str | None = None
    programme: str | None = None
    counts: dict[str, int]
    groups: list[EmbedBoardGroup]
    #: the full board with the same filters
    page_href: str


def _use_lang(request: Request, lang: str | None) -> None:
    chosen = as_lang(lang)
    if chosen is not None:
        request.state.locale = chosen  # read by i18n.negotiate before the cookie and the header


@page(router, "/embed/indicators/{slug}", response_model=EmbedIndicatorPage, tags=["embeds"])
def embed_indicator(request: Request, slug: str, db: Db, lang: LangQuery = None) -> Response:
    """One indicator for an iframe: its chart, latest value and sources, and a link to its page."""
    _use_lang(request, lang)
    full = build_indicator(db, slug, date.today())
    return render(
        request,
        EmbedIndicatorPage(
            title=full.title,
            indicator=full.indicator,
            programme_vi=full.programme_vi,
            latest=full.latest,
            observations=full.observations,
            conflict_ids=full.conflict_ids,
            targets=full.targets,
            page_href=f"/indicators/{full.indicator.slug}",
        ),
    )


@page(router, "/embed/deadlines", response_model=EmbedDeadlinesPage, tags=["embeds"])
def embed_deadlines(
    request: Request,
    db: Db,
    programme: Annotated[str | None, Query(description="part of the programme's name")] = None,
    owner: Annotated[str | None, Query(description="part of the owner's name")] = None,
    lang: LangQuery = None,
) -> Response:
    """A compact deadline board for an iframe: the first rows of each group, as of today."""
    _use_lang(request, lang)
    programme = programme.strip() if programme and programme.strip() else None
    owner = owner.strip() if owner and owner.strip() else None
    today = date.today()
    board = build_board(
        db, on=today, today=today, status=None, owner=owner, programme=programme, limit=EMBED_ROWS
    )
    query = "&".join(
        f"{k}={quote(v)}" for k, v in (("programme", programme), ("owner", owner)) if v is not None
    )
    return render(
        request,
        EmbedDeadlinesPage(
            on=today,
            owner=owner,
            programme=programme,
            counts=board.counts,
            groups=[
                EmbedBoardGroup(key=g.key, total=g.total, items=g.items) for g in board.groups if g.total
            ],
            page_href="/deadlines" + (f"?{query}" if query else ""),
        ),
    )


__all__ = ["EMBED_ROWS", "EmbedBoardGroup", "EmbedDeadlinesPage", "EmbedIndicatorPage", "router"]
