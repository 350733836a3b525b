"""The audit log as a page: ``/history`` (JSON twin ``/api/history``), newest first, filtered by
entity (and one entity's id), actor, action and days, paged by a keyset cursor (``before``: the
last id shown). Each row links to what it changed and shows its changed fields before → after.

The log names people, so it is for anyone signed in (:data:`~chiso.web.deps.Viewer`), not the
public. One entity's history is ``/history?entity=report&id=N`` (the reader, indicator and
commitment pages link to theirs).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.requests import Request

from chiso.errors import InputError
from chiso.services import audit
from chiso.services.audit import HistoryEntry
from chiso.web.deps import Db, Viewer
from chiso.web.rendering import PageContext, page, render

router = APIRouter()

MAX_ID = 2**31 - 1
PAGE_SIZE = 50

#: Where each kind of entity is shown (``{id}`` is its id); kinds without a page have no link.
LINKS: dict[str, str] = {
    "report": "/reports/{id}",
    "commitment": "/commitments/{id}",
    "indicator": "/indicators/{id}",
    "mention": "/reports/{report_id}#m{id}",
    "feed": "/feeds",
    "user": "/admin",
    "api_token": "/admin",
}


class HistoryFilters(BaseModel):
    entity: str = ""
    id: int | None = None
    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None


class HistoryRow(HistoryEntry):
    #: the page of the thing changed, if it has one
    link: str | None = None


class HistoryPage(PageContext):
    template: ClassVar[str] = "history.html"
    title: str = "History"
    filters: HistoryFilters
    entities: list[str]
    entries: list[HistoryRow]
    #: the next (older) page, with the same filters; None on the last
    next_url: str | None = None
    #: the first page again (shown when this is a later one)
    first_url: str | None = None


def _day(value: str | None, field: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError("date_format", field=field, value=value) from None


def _id(value: str | None) -> int | None:
    raw = (value or "").strip().lstrip("#")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_ID:
        raise InputError("not_a_number", field="id", value=value)
    return int(raw)


def _link(entry: HistoryEntry) -> str | None:
    pattern = LINKS.get(entry.entity)
    if pattern is None or (entry.entity_id is None and "{id}" in pattern):
        return None
    if entry.report_id is None and "{report_id}" in pattern:
        return None  # a mention since removed (its report was read again)
    return pattern.format(id=entry.entity_id, report_id=entry.report_id)


@page(router, "/history", response_model=HistoryPage, tags=["history"])
def history(
    request: Request,
    db: Db,
    me: Viewer,
    entity: Annotated[str, Query(max_length=40)] = "",
    id: Annotated[str | None, Query(max_length=10, description="one entity's id")] = None,
    actor: Annotated[str, Query(max_length=120)] = "",
    action: Annotated[str, Query(max_length=60)] = "",
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, included")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, included")] = None,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID, description="the cursor next_url carries")] = None,
    limit: Annotated[int, Query(ge=1, le=audit.MAX_PAGE)] = PAGE_SIZE,
) -> Response:
    """Who changed what and when, newest first, with each change's fields before and after."""
    filters = HistoryFilters(
        entity=entity.strip(),
        id=_id(id),
        actor=actor.strip(),
        action=action.strip(),
        since=_day(since, "since"),
        until=_day(until, "until"),
    )
    found = audit.browse(
        db,
        entity=filters.entity,
        entity_id=filters.id,
        actor=filters.actor,
        action=filters.action,
        since=filters.since,
        until=filters.until,
        before_id=before,
        limit=limit,
    )
    query = {
        k: v
        for k, v in {
            "entity": filters.entity,
            "id": filters.id,
            "actor": filters.actor,
            "action": filters.action,
            "since": filters.since.isoformat() if filters.since else None,
            "until": filters.until.isoformat() if filters.until else None,
            "limit": limit if limit != PAGE_SIZE else None,
        }.items()
        if v
    }
    base = request.url.path
    next_url = (
        f"{base}?{urlencode({**query, 'before': found.next_before_id})}" if found.next_before_id else None
    )
    first_url = (f"{base}?{urlencode(query)}" if query else base) if before is not None else None
    rows = [HistoryRow(**e.model_dump(), link=_link(e)) for e in found.entries]
    return render(
        request,
        HistoryPage(
            filters=filters,
            entities=list(audit.ENTITIES),
            entries=rows,
            next_url=next_url,
            first_url=first_url,
        ),
    )


__all__ = ["LINKS", "HistoryFilters", "HistoryPage", "HistoryRow", "history", "router"]
