"""A commitment as known on a past day: when it was first stated, and the due-date moves of its
history (:class:`~chiso.track.status.Step`) that :func:`chiso.track.status.known_on` undoes. Read inside a
caller's unit of work, in one statement whatever the number of commitments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import ColumnElement, Date, DateTime, cast, func, literal, null, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from chiso.store.models import CommitmentEvent, Mention, Report
from chiso.track.status import Step

#: Above this many commitments the history of every commitment is read (and filtered here).
_MAX_IDS = 500


def history(s: Session, ids: Collection[int]) -> tuple[dict[int, date], dict[int, list[Step]]]:
    """Per commitment: the day it was first stated (the earliest publication of a report that
    states it: its mentions, the reports its ``created`` and ``linked`` events came from; absent
    when none carries a date, and the caller falls back on the day it was made), and its
    confirmed due-date moves, each dated by the day it became known (its report's publication,
    else the day it was recorded). One statement, whatever the number of commitments."""
    if not ids:
        return {}, {}
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
    stated: dict[int, date] = {}
    moved: dict[int, list[Step]] = defaultdict(list)
    for r in s.execute(select(both).order_by(both.c.cid, both.c.seq)):
        if r.cid is None:
            continue
        cid = int(r.cid)
        if r.what == "stated":
            day = day_of(r.day)
            if cid not in stated or day < stated[cid]:
                stated[cid] = day
        else:
            known = day_of(r.day) if r.day is not None else day_of(r.at)
            moved[cid].append(
                Step(
                    known_on=known,
                    old_due_start=day_of_or_none(r.old_start),
                    old_due_end=day_of_or_none(r.old_end),
                )
            )
    return stated, moved


def day_of(value: datetime | date | str) -> date:
    # SQLite hands dates and timestamps read through a union back as text
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date() if isinstance(value, datetime) else value


def day_of_or_none(value: datetime | date | str | None) -> date | None:
    return None if value is None else day_of(value)


__all__ = ["day_of", "history"]
