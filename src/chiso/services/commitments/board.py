"""The deadline board: commitments as they stand on a day (due, overdue, met, missed ...),
filtered by status, owner, programme or target, and one commitment with its events and every
quote stating it. Read-only; each use case opens one reading unit of work.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, cast

from sqlalchemy.orm import Session

from chiso.errors import InputError
from chiso.services.commitments._history import history
from chiso.services.commitments._records import _event_outs, _out
from chiso.services.commitments.owners import owner_key
from chiso.services.commitments.progress import with_progress
from chiso.services.commitments.schemas import (
    BoardGroup,
    BoardPage,
    CommitmentDetail,
    CommitmentOut,
    CommitmentSource,
)
from chiso.store import commitments as commitment_store
from chiso.store import lookups
from chiso.store.commitments import BoardDay, BoardFilter, day_of
from chiso.store.db import Database
from chiso.store.models import Commitment
from chiso.track.status import BOARD_GROUPS, DISPLAY_STATUSES, OPEN_DISPLAY, RESOLVED, horizon, known_on

_STATUS_FILTERS: tuple[str, ...] = (*DISPLAY_STATUSES, "open", "resolved")

#: Rows per group on one page of the board, and the most a caller may ask for.
PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def has_open(session: Session) -> bool:
    """Whether any commitment is still open (one indexed lookup)."""
    return commitment_store.has_open(session)


def _matches(value: str | None, needle: str | None) -> bool:
    # Compared in Python: SQLite's lower() folds ASCII only ("Đề án" would never match "đề án").
    return not needle or (value is not None and needle.casefold() in value.casefold())


def _owned(value: str | None, slug: str | None) -> bool:
    return not slug or (value is not None and owner_key(value) == slug)


def list_deadlines(
    db: Database,
    *,
    on: date,
    status: str | None = None,
    owner: str | None = None,
    programme: str | None = None,
    target_indicator: int | None = None,
    owner_slug: str | None = None,
    progress: bool = False,
) -> list[CommitmentOut]:
    """The deadline board on day ``on``, soonest due first.

    On a past day the board is the one known then: only commitments stated by ``on``, with
    the due range and status their history gives for that day (each row's ``as_known_on``).

    ``status`` filters on the display status (``overdue``, ``due_soon``, ``upcoming``, ``met``,
    ``met_late``, ``missed``, ``dropped``), or ``open``/``resolved`` for every unresolved or
    resolved one. ``owner`` and ``programme`` match any part, ignoring case; ``owner_slug`` keeps
    one owner's commitments as the owners page counts them (:func:`owners.owner_key`).
    ``target_indicator`` keeps the commitments that set a target for that indicator (its id);
    ``progress`` says for each target whether it is on track (:mod:`.progress`: two more queries).
    One query (:func:`chiso.store.commitments.board`): the commitments' columns with their
    events counted by ``GROUP BY``.
    """
    if status is not None and status not in _STATUS_FILTERS:
        raise InputError("unknown_status", value=status, choices=", ".join(_STATUS_FILTERS))
    past = on < date.today()
    # Open on ``on``: not resolved, or resolved after it (the display status decides below).
    open_on = on if (status == "open" or status in OPEN_DISPLAY) and not past else None
    with db.reading() as s:
        found = [
            c
            for c in commitment_store.board(
                s, target_indicator=target_indicator, open_on=open_on, resolved=RESOLVED
            )
            if _matches(c.owner, owner) and _matches(c.programme, programme) and _owned(c.owner, owner_slug)
        ]
        if past:
            rows = _as_known(s, found, on)
        else:
            rows = [_out(cast(Commitment, c), on, (int(c.evidence or 0), int(c.pending or 0))) for c in found]
        if progress:
            with_progress(s, rows)
    if status == "open":
        return [r for r in rows if r.display_status in OPEN_DISPLAY]
    if status == "resolved":
        return [r for r in rows if r.display_status not in OPEN_DISPLAY]
    if status is not None:
        return [r for r in rows if r.display_status == status]
    return rows


def _shown(status: str | None) -> tuple[str, ...]:
    """The display statuses a status filter keeps."""
    if status is None:
        return DISPLAY_STATUSES
    if status == "open":
        return OPEN_DISPLAY
    if status == "resolved":
        return RESOLVED
    return (status,)


def board_page(
    db: Database,
    *,
    on: date,
    status: str | None = None,
    owner: str | None = None,
    programme: str | None = None,
    target_indicator: int | None = None,
    group: str | None = None,
    limit: int = PAGE_SIZE,
    offset: int = 0,
    owner_slug: str | None = None,
) -> BoardPage:
    """The deadline board on day ``on``, grouped and paged: overdue and due soon (``due``), then
    ``upcoming``, then ``resolved``, each group ``limit`` rows from ``offset``, soonest due first.

    ``group`` keeps that group only (the one being paged). The filters mean what they mean to
    :func:`list_deadlines`. On today's or a later day the store selects only the rows shown, by
    the bounds of :func:`chiso.track.status.horizon`, and counts every display status in one
    grouped COUNT. A past day's board is the one known then: each commitment's due range and
    status are replayed from its history in Python, so that board is read whole and paged here.
    """
    if status is not None and status not in _STATUS_FILTERS:
        raise InputError("unknown_status", value=status, choices=", ".join(_STATUS_FILTERS))
    if group is not None and group not in BOARD_GROUPS:
        raise InputError("cli_choose_one", field="group", choices=", ".join(BOARD_GROUPS), value=group)
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InputError("cli_choose_one", field="limit", choices=f"1-{MAX_PAGE_SIZE}", value=limit)
    if offset < 0:
        raise InputError("cli_choose_one", field="offset", choices="0, 1, 2 ...", value=offset)
    shown = _shown(status)
    wanted = [(key, [s for s in members if s in shown]) for key, members in BOARD_GROUPS.items()]
    wanted = [(key, statuses) for key, statuses in wanted if statuses and group in (None, key)]
    past = on < date.today()
    if past:
        rows = list_deadlines(
            db,
            on=on,
            owner=owner,
            programme=programme,
            target_indicator=target_indicator,
            owner_slug=owner_slug,
            progress=True,
        )
        counts = dict(Counter(r.display_status for r in rows))
        pages = {
            key: [r for r in rows if r.display_status in statuses][offset : offset + limit]
            for key, statuses in wanted
        }
    with db.reading() as s:
        owners, programmes = commitment_store.owners_and_programmes(s)
        if not past:
            bounds = horizon(on)
            day = BoardDay(on, bounds.overdue_before, bounds.due_soon_through, RESOLVED)
            where = BoardFilter(
                owners=(
                    [o for o in owners if _matches(o, owner) and _owned(o, owner_slug)]
                    if owner or owner_slug
                    else None
                ),
                programmes=[p for p in programmes if _matches(p, programme)] if programme else None,
                target_indicator=target_indicator,
            )
            counts = commitment_store.board_counts(s, day, where)
            pages = {
                key: [
                    _out(cast(Commitment, c), on, (int(c.evidence or 0), int(c.pending or 0)))
                    for c in commitment_store.board_page(
                        s, day, where, statuses=statuses, limit=limit, offset=offset
                    )
                ]
                for key, statuses in wanted
                if sum(counts.get(st, 0) for st in statuses) > offset
            }
            with_progress(s, [r for items in pages.values() for r in items])
    return BoardPage(
        on=on,
        counts={st: counts.get(st, 0) for st in DISPLAY_STATUSES},
        groups=[
            BoardGroup(
                key=key,
                statuses=list(statuses),
                total=sum(counts.get(st, 0) for st in statuses),
                offset=offset,
                limit=limit,
                items=pages.get(key, []),
            )
            for key, statuses in wanted
        ],
        owners=sorted(owners, key=str.casefold),
        programmes=sorted(programmes, key=str.casefold),
    )


def board_heads(db: Database, *, on: date, statuses: tuple[str, ...], limit: int) -> dict[str, BoardGroup]:
    """The first ``limit`` commitments of each display status in ``statuses`` on ``on`` (soonest
    due first: the most overdue lead) and how many there are: the dashboard's lists. On today's or
    a later day, one grouped COUNT and one page per status, reading only the rows shown; a past
    day's board is replayed whole (:func:`list_deadlines`)."""
    for st in statuses:
        if st not in DISPLAY_STATUSES:
            raise InputError("unknown_status", value=st, choices=", ".join(DISPLAY_STATUSES))
    if on < date.today():
        rows = list_deadlines(db, on=on)
        return {
            st: BoardGroup(
                key=st,
                statuses=[st],
                total=sum(1 for r in rows if r.display_status == st),
                offset=0,
                limit=limit,
                items=[r for r in rows if r.display_status == st][:limit],
            )
            for st in statuses
        }
    bounds = horizon(on)
    day = BoardDay(on, bounds.overdue_before, bounds.due_soon_through, RESOLVED)
    where = BoardFilter()
    with db.reading() as s:
        counts = commitment_store.board_counts(s, day, where)
        return {
            st: BoardGroup(
                key=st,
                statuses=[st],
                total=counts.get(st, 0),
                offset=0,
                limit=limit,
                items=[
                    _out(cast(Commitment, c), on, (int(c.evidence or 0), int(c.pending or 0)))
                    for c in commitment_store.board_page(s, day, where, statuses=[st], limit=limit, offset=0)
                ]
                if counts.get(st, 0)
                else [],
            )
            for st in statuses
        }


def _as_known(s: Session, found: list[Any], on: date) -> list[CommitmentOut]:
    """Board rows for a past day as known then: only the commitments stated by ``on`` (their
    earliest report's publication, else the day they were made), each with the due range and
    status its history gives for ``on``; soonest due (then) first."""
    ids = [c.id for c in found]
    stated, moves = history(s, ids)
    rows: list[CommitmentOut] = []
    for c in found:
        first = stated.get(c.id) or day_of(c.created_at)
        if first > on:
            continue  # not promised yet (as far as any report tells)
        known = known_on(
            on,
            due_start=c.due_start,
            due_end=c.due_end,
            status=c.status,
            resolved_on=c.resolved_on,
            moves=moves.get(c.id, []),
        )
        counts = (int(c.evidence or 0), int(c.pending or 0))
        rows.append(_out(cast(Commitment, c), on, counts, known=known, stated_on=first))
    rows.sort(key=lambda r: (r.due_end is None, r.due_end or on, r.id))
    return rows


def get_commitment(db: Database, commitment_id: int, *, on: date | None = None) -> CommitmentDetail:
    """A commitment on day ``on`` (default today) with its events and every quote stating it."""
    with db.reading() as s:
        c = lookups.get(s, Commitment, commitment_id)
        day = on or date.today()
        if day < date.today():
            stated, moves = history(s, [c.id])
            first = stated.get(c.id) or day_of(c.created_at)
            known = known_on(
                day,
                due_start=c.due_start,
                due_end=c.due_end,
                status=c.status,
                resolved_on=c.resolved_on,
                moves=moves.get(c.id, []),
            )
            base = _out(c, day, known=known, stated_on=first)
        else:
            base = _out(c, day)
        with_progress(s, [base])
        mentions = commitment_store.sources(s, commitment_id)
        sources = [
            CommitmentSource(
                mention_id=m.id,
                report_id=r.id,
                report_title=r.title,
                publisher=r.publisher,
                published_on=r.published_on,
                url=r.url,
                quote=m.quote,
                start=m.start,
                end=m.end,
                due_start=m.due_start,
                due_end=m.due_end,
                precision=m.precision,
                story_id=r.story_id or r.id,
            )
            for m, r in mentions
        ]
        told: dict[int | None, int] = {}
        for src in sources:  # a syndicated copy is listed under its story's first statement
            if src.story_id in told:
                src.copy_of = told[src.story_id]
            else:
                told[src.story_id] = src.mention_id
        merged = commitment_store.merged_from(s, commitment_id)
        return CommitmentDetail(
            **base.model_dump(),
            events=_event_outs(s, c.events),
            sources=sources,
            merged_from=merged,
            merged_into_id=c.merged_into_id,
        )


#: The statuses ``list_deadlines`` accepts as a filter (for the CLI and the web app).
STATUS_FILTERS = _STATUS_FILTERS


__all__ = [
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "STATUS_FILTERS",
    "board_page",
    "get_commitment",
    "has_open",
    "list_deadlines",
]
