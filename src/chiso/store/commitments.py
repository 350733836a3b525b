"""The queries of commitments and their events: the deadline board in one statement, a
commitment's history, its sources and proposals, and the bulk moves of a merge.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    Row,
    Subquery,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from chiso.store.models import Commitment, CommitmentEvent, Mention, Report

#: Above this many commitments the history of every commitment is read (and filtered by the caller).
_MAX_IDS = 500


def has_open(session: Session) -> bool:
    """Whether any commitment is still open (one indexed lookup)."""
    return (
        session.scalar(
            select(Commitment.id)
            .where(Commitment.status == "open", Commitment.merged_into_id.is_(None))
            .limit(1)
        )
        is not None
    )


#: the columns a board row is built from (read as columns: no ORM objects, no event collections)
_BOARD_COLS = (
    Commitment.id,
    Commitment.title,
    Commitment.owner,
    Commitment.programme,
    Commitment.due_start,
    Commitment.due_end,
    Commitment.precision,
    Commitment.target_indicator_id,
    Commitment.target_value,
    Commitment.status,
    Commitment.resolved_on,
    Commitment.created_at,
)


def _event_counts() -> Subquery:
    """Confirmed evidence and pending proposals per commitment (the rule of
    :func:`chiso.services.commitments._records._counts`)."""
    e = CommitmentEvent
    evidence = and_(
        e.state == "confirmed",
        or_(e.kind == "evidence", and_(e.kind == "resolved", e.mention_id.is_not(None))),
    )
    return (
        select(
            e.commitment_id,
            func.sum(case((evidence, 1), else_=0)).label("evidence"),
            func.sum(case((e.state == "proposed", 1), else_=0)).label("pending"),
        )
        .group_by(e.commitment_id)
        .subquery("event_counts")
    )


def board(
    session: Session,
    *,
    target_indicator: int | None = None,
    open_on: date | None = None,
    resolved: Collection[str] = (),
) -> Sequence[Row[*tuple[Any, ...]]]:
    """The commitments not merged into another, soonest due first, each row their columns
    (:data:`_BOARD_COLS`) with ``evidence`` and ``pending`` counted by ``GROUP BY``: one query.

    ``target_indicator`` keeps those that set a target for that indicator; ``open_on`` those
    open on that day: their status not in ``resolved``, or resolved after it.
    """
    counts = _event_counts()
    q = (
        select(*_BOARD_COLS, counts.c.evidence, counts.c.pending)
        .outerjoin(counts, counts.c.commitment_id == Commitment.id)
        .where(Commitment.merged_into_id.is_(None))
        .order_by(Commitment.due_end.asc().nulls_last(), Commitment.id)
    )
    if target_indicator is not None:
        q = q.where(Commitment.target_indicator_id == target_indicator)
    if open_on is not None:
        q = q.where(or_(Commitment.status.not_in(resolved), Commitment.resolved_on > open_on))
    return session.connection().execute(q).all()


class BoardDay(NamedTuple):
    """The bounds the display statuses of a day part at (:class:`chiso.track.status.Horizon`,
    passed in: the store knows no rule of its own), with the stored statuses that are resolutions."""

    on: date
    overdue_before: date
    due_soon_through: date
    resolved: Collection[str]


class BoardFilter(NamedTuple):
    """Which commitments a board shows: ``owners`` and ``programmes`` are exact values (None: any),
    ``target_indicator`` an indicator id (None: any)."""

    owners: Collection[str] | None = None
    programmes: Collection[str] | None = None
    target_indicator: int | None = None


def display_status(day: BoardDay) -> ColumnElement[str]:
    """A commitment's display status on ``day.on`` as SQL: resolved by then (its stored status),
    else overdue, due soon or upcoming by its deadline (``due_end``, else ``due_start``) against
    the day's bounds; the same rule as :func:`chiso.track.status.standing`."""
    c = Commitment
    deadline = func.coalesce(c.due_end, c.due_start)
    return case(
        (and_(c.status.in_(day.resolved), or_(c.resolved_on.is_(None), c.resolved_on <= day.on)), c.status),
        (deadline.is_(None), literal("upcoming")),
        (deadline < day.overdue_before, literal("overdue")),
        (deadline <= day.due_soon_through, literal("due_soon")),
        else_=literal("upcoming"),
    )


def _filtered(q: Any, where: BoardFilter) -> Any:
    q = q.where(Commitment.merged_into_id.is_(None))
    if where.owners is not None:
        q = q.where(Commitment.owner.in_(list(where.owners)))
    if where.programmes is not None:
        q = q.where(Commitment.programme.in_(list(where.programmes)))
    if where.target_indicator is not None:
        q = q.where(Commitment.target_indicator_id == where.target_indicator)
    return q


def board_counts(session: Session, day: BoardDay, where: BoardFilter) -> dict[str, int]:
    """How many commitments ``where`` keeps have each display status on ``day``: one grouped
    COUNT over the commitments' own columns (no join), whatever the number of statuses."""
    inner = _filtered(select(display_status(day).label("shown")), where).subquery()
    rows = session.execute(select(inner.c.shown, func.count()).group_by(inner.c.shown))
    return {str(shown): int(n) for shown, n in rows}


def _due_range(day: BoardDay, statuses: Collection[str]) -> list[ColumnElement[bool]]:
    """Bounds on ``due_end`` that every dated commitment with one of the open ``statuses`` meets
    (a dated one's deadline is its ``due_end``): implied by :func:`display_status`, never instead
    of it, so that the ``due_end`` index serves the page. None (an empty list) when a resolved
    status is among them: those have any date."""
    if not statuses or any(s not in ("overdue", "due_soon", "upcoming") for s in statuses):
        return []
    due = Commitment.due_end
    bounds: list[ColumnElement[bool]] = []
    if "overdue" not in statuses:
        bounds.append(due >= day.overdue_before if "due_soon" in statuses else due > day.due_soon_through)
    if "upcoming" not in statuses:
        bounds.append(due <= day.due_soon_through if "due_soon" in statuses else due < day.overdue_before)
    return bounds


def board_page(
    session: Session, day: BoardDay, where: BoardFilter, *, statuses: Collection[str], limit: int, offset: int
) -> list[Row[*tuple[Any, ...]]]:
    """One page of the board: the commitments ``where`` keeps whose display status on ``day`` is
    in ``statuses``, soonest due first (undated last, then by id), ``limit`` rows from ``offset``.

    Only those rows are read: the dated ones walk the ``due_end`` index in order (within the
    group's date range when it has one) and stop at the page's end; the undated ones are read
    only on the page where the dated ones run out. Their evidence and pending counts are
    subqueries on the events' indexed ``commitment_id``, for the rows shown."""
    e = CommitmentEvent
    evidence = and_(
        e.state == "confirmed",
        or_(e.kind == "evidence", and_(e.kind == "resolved", e.mention_id.is_not(None))),
    )

    def counted(condition: ColumnElement[bool], name: str) -> Any:
        return (
            select(func.count())
            .where(e.commitment_id == Commitment.id, condition)
            .scalar_subquery()
            .label(name)
        )

    shown = display_status(day).in_(list(statuses))
    dated = [Commitment.due_end.is_not(None), *_due_range(day, statuses), shown]
    cols = select(*_BOARD_COLS, counted(evidence, "evidence"), counted(e.state == "proposed", "pending"))
    run = session.connection().execute
    rows = list(
        run(
            _filtered(cols, where)
            .where(*dated)
            .order_by(Commitment.due_end, Commitment.id)
            .limit(limit)
            .offset(offset)
        )
    )
    if len(rows) == limit:
        return rows
    # The dated rows end on this page: the undated follow, after as many dated rows as there are.
    n_dated = int(session.scalar(_filtered(select(func.count(Commitment.id)), where).where(*dated)) or 0)
    undated = (
        _filtered(cols, where)
        .where(Commitment.due_end.is_(None), shown)
        .order_by(Commitment.id)
        .limit(limit - len(rows))
        .offset(max(offset - n_dated, 0))
    )
    return rows + list(run(undated))


def owners_and_programmes(session: Session) -> tuple[list[str], list[str]]:
    """The distinct owners and programmes of the commitments not merged into another."""
    live = Commitment.merged_into_id.is_(None)
    owners = session.scalars(select(Commitment.owner).where(live, Commitment.owner.is_not(None)).distinct())
    programmes = session.scalars(
        select(Commitment.programme).where(live, Commitment.programme.is_not(None)).distinct()
    )
    return [o for o in owners if o], [p for p in programmes if p]


def owner_counts(session: Session, day: BoardDay, where: BoardFilter) -> list[tuple[str | None, str, int]]:
    """How many commitments each owner has in each display status on ``day``: (owner as
    written, display status, count), one ``GROUP BY owner, status`` over the commitments' own
    columns (the owner index serves it)."""
    inner = _filtered(
        select(Commitment.owner.label("owner"), display_status(day).label("shown")), where
    ).subquery()
    rows = session.connection().execute(
        select(inner.c.owner, inner.c.shown, func.count()).group_by(inner.c.owner, inner.c.shown)
    )
    return [(owner, str(shown), int(n)) for owner, shown, n in rows]


def owner_lateness(
    session: Session, day: BoardDay, where: BoardFilter
) -> list[tuple[str | None, str, date, date | None]]:
    """The commitments met late or overdue on ``day``: (owner, display status, deadline
    (``due_end``, else ``due_start``), the day resolved), for the days-late medians: only those
    rows are read."""
    c = Commitment
    shown = display_status(day)
    q = _filtered(
        select(c.owner, shown, func.coalesce(c.due_end, c.due_start), c.resolved_on).where(
            shown.in_(("met_late", "overdue")), func.coalesce(c.due_end, c.due_start).is_not(None)
        ),
        where,
    )
    return [(o, str(st), day_of(d), day_of_or_none(r)) for o, st, d, r in session.connection().execute(q)]


class HistoryRow(NamedTuple):
    """One line of a commitment's history: a day it was stated (by a report published then), or
    a confirmed move of its due range (known on ``day``), away from ``old_due_start..old_due_end``."""

    commitment_id: int
    moved: bool
    day: date
    old_due_start: date | None
    old_due_end: date | None


def history(session: Session, ids: Collection[int]) -> list[HistoryRow]:
    """The history of the commitments ``ids``, by commitment, each one's moves in the order they
    were recorded: the days a report stating it was published (its mentions, the reports its
    ``created`` and ``linked`` events came from), and its confirmed due-date moves, each dated
    by its report's publication, else the day it was recorded. One statement, whatever the
    number of commitments."""
    if not ids:
        return []
    e = CommitmentEvent

    def among(column: InstrumentedAttribute[int] | InstrumentedAttribute[int | None]) -> ColumnElement[bool]:
        # A whole board is read whole: a bound parameter per id would outgrow SQLite's limit.
        return column.in_(ids) if len(ids) <= _MAX_IDS else column.is_not(None)

    no_day, no_time = cast(null(), Date), cast(null(), DateTime(timezone=True))
    by_mention = (
        select(
            Mention.commitment_id.label("cid"),
            literal("stated").label("what"),
            Report.published_on.label("day"),
            no_time.label("at"),
            no_day.label("old_start"),
            no_day.label("old_end"),
            literal(0).label("seq"),
        )
        .join(Report, Report.id == Mention.report_id)
        .where(among(Mention.commitment_id), Report.published_on.is_not(None))
    )
    by_event = (
        select(e.commitment_id, literal("stated"), Report.published_on, no_time, no_day, no_day, literal(0))
        .join(Report, Report.id == e.report_id)
        .where(among(e.commitment_id), e.kind.in_(("created", "linked")), Report.published_on.is_not(None))
    )
    moves = (
        select(
            e.commitment_id,
            literal("moved"),
            func.coalesce(e.on_date, Report.published_on),
            e.at,
            e.old_due_start,
            e.old_due_end,
            e.id,
        )
        .outerjoin(Report, Report.id == e.report_id)
        .where(among(e.commitment_id), e.state == "confirmed", e.kind == "due_changed")
    )
    both = union_all(by_mention, by_event, moves).subquery()
    out: list[HistoryRow] = []
    for r in session.execute(select(both).order_by(both.c.cid, both.c.seq)):
        if r.cid is None:
            continue
        if r.what == "stated":
            out.append(HistoryRow(int(r.cid), False, day_of(r.day), None, None))
        else:
            known = day_of(r.day) if r.day is not None else day_of(r.at)
            out.append(
                HistoryRow(int(r.cid), True, known, day_of_or_none(r.old_start), day_of_or_none(r.old_end))
            )
    return out


def day_of(value: datetime | date | str) -> date:
    # SQLite hands dates and timestamps read through a union back as text
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def day_of_or_none(value: datetime | date | str | None) -> date | None:
    return None if value is None else day_of(value)


def with_events(session: Session, commitment_id: int) -> Commitment | None:
    """The commitment with its events loaded in the same go, or None."""
    return session.get(Commitment, commitment_id, options=[selectinload(Commitment.events)])


def source_reports(session: Session, commitment_id: int) -> list[Report]:
    """The reports with a mention stating the commitment."""
    return list(
        session.scalars(
            select(Report)
            .join(Mention, Mention.report_id == Report.id)
            .where(Mention.commitment_id == commitment_id)
        ).unique()
    )


def sources(session: Session, commitment_id: int) -> list[tuple[Mention, Report]]:
    """The mentions stating the commitment with their reports, earliest published first."""
    rows = session.execute(
        select(Mention, Report)
        .join(Report, Mention.report_id == Report.id)
        .where(Mention.commitment_id == commitment_id)
        .order_by(Report.published_on.asc().nulls_last(), Mention.id)
    )
    return [(m, r) for m, r in rows]


def reports_by_id(session: Session, ids: Collection[int]) -> dict[int, Report]:
    return {r.id: r for r in session.scalars(select(Report).where(Report.id.in_(ids)))} if ids else {}


def published_on(session: Session, report_id: int) -> date | None:
    return session.scalar(select(Report.published_on).where(Report.id == report_id))


def story_told(session: Session, report_ids: Collection[int], story: int) -> bool:
    """Whether one of the reports ``report_ids`` belongs to ``story`` (or is its first report)."""
    told = session.execute(
        select(Report.id).where(
            Report.id.in_(report_ids),
            or_(Report.story_id == story, and_(Report.story_id.is_(None), Report.id == story)),
        )
    ).first()
    return told is not None


def unmerged(session: Session) -> list[Commitment]:
    """Every commitment not merged into another, in the order they were made."""
    return list(
        session.scalars(select(Commitment).where(Commitment.merged_into_id.is_(None)).order_by(Commitment.id))
    )


def open_titles(session: Session) -> list[tuple[int, str]]:
    """The id and title of every open commitment not merged into another."""
    rows = session.execute(
        select(Commitment.id, Commitment.title).where(
            Commitment.status == "open", Commitment.merged_into_id.is_(None)
        )
    )
    return [(cid, title) for cid, title in rows]


def proposals(session: Session, commitment_id: int | None = None) -> list[tuple[CommitmentEvent, Commitment]]:
    """Events waiting for a person (of one commitment when given) with their commitment, oldest first."""
    q = (
        select(CommitmentEvent, Commitment)
        .join(Commitment, CommitmentEvent.commitment_id == Commitment.id)
        .where(CommitmentEvent.state == "proposed")
        .order_by(CommitmentEvent.id)
    )
    if commitment_id is not None:
        q = q.where(CommitmentEvent.commitment_id == commitment_id)
    return [(e, c) for e, c in session.execute(q)]


def merged_into(session: Session, commitment_id: int) -> int | None:
    """The commitment ``commitment_id`` was merged into (one step), None when not merged or unknown."""
    return session.scalar(select(Commitment.merged_into_id).where(Commitment.id == commitment_id))


def merged_from(session: Session, commitment_id: int) -> list[int]:
    """The commitments merged into ``commitment_id``."""
    return list(
        session.scalars(
            select(Commitment.id).where(Commitment.merged_into_id == commitment_id).order_by(Commitment.id)
        )
    )


def redirect_merged(session: Session, old: int, new: int) -> None:
    """Commitments merged into ``old`` now point at ``new``."""
    session.execute(
        update(Commitment)
        .where(Commitment.merged_into_id == old)
        .values(merged_into_id=new)
        .execution_options(synchronize_session=False)
    )


def move_links(session: Session, model: type[CommitmentEvent] | type[Mention], old: int, new: int) -> int:
    """Point every row of ``model`` linked to commitment ``old`` at ``new``; returns how many."""
    column = model.commitment_id
    moved = session.scalar(select(func.count()).select_from(model).where(column == old))
    session.execute(
        update(model)
        .where(column == old)
        .values(commitment_id=new)
        .execution_options(synchronize_session=False)
    )
    return int(moved or 0)


__all__ = [
    "BoardDay",
    "BoardFilter",
    "HistoryRow",
    "board",
    "board_counts",
    "board_page",
    "day_of",
    "day_of_or_none",
    "display_status",
    "has_open",
    "history",
    "merged_from",
    "merged_into",
    "move_links",
    "open_titles",
    "owner_counts",
    "owner_lateness",
    "owners_and_programmes",
    "proposals",
    "published_on",
    "redirect_merged",
    "reports_by_id",
    "source_reports",
    "sources",
    "story_told",
    "unmerged",
    "with_events",
]
