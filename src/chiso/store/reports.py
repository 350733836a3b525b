"""Reports and their mentions in the database: the one bulk insert of a new report (with its
SQLite and PostgreSQL paths), the lookups before it, the listings, pages and counts the
reader shows, and the rewrite of a report's mentions when it is read again.

Functions take the caller's session (its unit of work) and return rows, ORM objects or plain
values; the service makes its schemas of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session, defer

from chiso.extract import Deadline, Figure
from chiso.store import ingest_pg, search
from chiso.store import stories as story_index
from chiso.store.folding import terms
from chiso.store.models import AuditEvent, CommitmentEvent, Mention, Observation, RawDocument, Report
from chiso.store.stories import StoryPicker

# --- a found mention as a row --------------------------------------------------------------------


def _mention_row(m: Figure | Deadline, report_id: int, version: str) -> dict[str, object]:
    """One row for a bulk insert (mentions are many; ORM objects per mention cost more than the extraction)."""
    common: dict[str, object] = {
        "report_id": report_id,
        "kind": m.kind,
        "start": m.start,
        "end": m.end,
        "quote": m.quote,
        "confidence": m.confidence,
        "state": "pending",
        "extractor_version": version,
        "is_change": False,
        "is_target": False,
    }
    if isinstance(m, Figure):
        return common | {
            "value": m.value,
            "value_max": m.value_max,
            "qualifier": m.qualifier,
            "unit": m.unit,
            "unit_head": m.unit_head,
            "of_total": m.of,
            "is_change": m.change,
            "is_target": m.target,
            "period_text": m.period,
            "as_of": m.as_of,
            "period_start": m.period_start,
            "period_end": m.period_end,
            "time_source": m.time_source,
            "time_quote": m.time_quote,
            "time_start": m.time_start,
            "time_end": m.time_end,
            "time_precision": m.time_precision,
            "base_period": m.base_period,
        }
    return common | {
        "due_start": m.due_start,
        "due_end": m.due_end,
        "precision": m.precision,
        "commitment_text": m.text,
        "trigger": m.trigger,
    }


# Every column a mention row may set: figure and deadline rows carry the same keys, so one
# executemany inserts them all (mixed key sets made the ORM's bulk insert go row by row).
_MENTION_KEYS = (
    "report_id", "kind", "start", "end", "quote", "confidence", "state", "extractor_version", "is_change",
    "is_target", "value", "value_max", "qualifier", "unit", "unit_head", "of_total", "period_text", "as_of",
    "period_start", "period_end", "due_start", "due_end", "precision", "commitment_text", "trigger",
    "time_source", "time_quote", "time_start", "time_end", "time_precision", "base_period",
)  # fmt: skip
_BLANK_MENTION: dict[str, object] = dict.fromkeys(_MENTION_KEYS)


def mention_row(m: Figure | Deadline, report_id: int, version: str) -> dict[str, object]:
    """A found mention as a full row of the mention table (every column present: rows of both
    kinds go to one executemany). :mod:`chiso.services.reports.reextract` stores re-read mentions so."""
    return _BLANK_MENTION | _mention_row(m, report_id, version)


#: The same for every mention of a report: set when it is stored.
_PER_REPORT = ("report_id", "state", "extractor_version")
#: The columns of a prepared mention (:func:`prepared_mention`).
MENTION_COLUMNS = tuple(k for k in _MENTION_KEYS if k not in _PER_REPORT)


def prepared_mention(m: Figure | Deadline) -> dict[str, object]:
    """A mention as the database takes it, made in the worker: the columns of
    :func:`_mention_row` but the per-report ones, dates in ISO form, NULL columns left out.
    Plain values cross the process boundary for much less than the extraction's objects
    (unpickling those was a sixth of the storing process's time)."""
    return {
        k: v.isoformat() if isinstance(v, date) else v
        for k, v in _mention_row(m, 0, "").items()
        if v is not None and k not in _PER_REPORT
    }


# --- storing a new report ------------------------------------------------------------------------

# SQLite takes the rows as tuples, straight to the driver's executemany (a loop in C):
# SQLAlchemy's per-row parameter processing cost more than the inserts. Dates are stored as
# SQLAlchemy stores them there, 'YYYY-MM-DD'.
_SQLITE_INSERT_MENTIONS = (
    'INSERT INTO mention (report_id, state, extractor_version, "'
    + '", "'.join(MENTION_COLUMNS)
    + "\") VALUES (?, 'pending', ?"
    + ", ?" * len(MENTION_COLUMNS)
    + ")"
)
_RAW = cast(Table, RawDocument.__table__)
_REPORTS = cast(Table, Report.__table__)
_EVENTS = cast(Table, AuditEvent.__table__)
_MENTIONS = cast(Table, Mention.__table__)


@dataclass(frozen=True, slots=True)
class NewReport:
    """A report to store, as rows."""

    #: the report's columns but ``id`` and ``story_id`` (:func:`insert_report` decides those)
    row: Mapping[str, Any]
    #: its mentions as :func:`prepared_mention` makes them, in the extraction's order
    mentions: Sequence[Mapping[str, object]]
    #: its MinHash band hashes for the story index (:mod:`chiso.store.stories`)
    bands: Sequence[int]
    #: the bytes it was read from and their content type, if kept
    raw: bytes | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Ahead:
    """What storing a report can learn by reading before its write transaction
    (:func:`look_ahead`), for :func:`insert_report` to check again under the lock."""

    #: the report already stored with this text or URL
    existing: int | None = None
    #: the story the text is a copy of (None: none found, or not looked for)
    story: int | None = None
    #: the newest report id seen: a report stored after it may be a copy
    last_id: int = 0


@dataclass(frozen=True, slots=True)
class Inserted:
    """What :func:`insert_report` did."""

    report_id: int  #: the new report's id, or the stored one's when ``existing``
    existing: bool  #: the text or URL was stored already, and nothing was written
    story: int | None  #: the story the new report joined (None: it starts one, named by its id)


def existing_report(session: Session, sha: str, url: str | None) -> int | None:
    """The id of the report already stored with this text (or this URL), if any."""
    cond = Report.sha256 == sha if not url else or_(Report.sha256 == sha, Report.url == url)
    found = session.execute(select(Report.id).where(cond).order_by(Report.id).limit(1)).scalar()
    return None if found is None else int(found)


def last_report_id(session: Session) -> int:
    return int(session.scalar(select(func.max(Report.id))) or 0)


def look_ahead(
    session: Session, *, sha: str, url: str | None, bands: Sequence[int], pick: StoryPicker
) -> Ahead:
    """The reading of storing a report, in a read-only unit of work: a large report's matching
    took the write lock for a minute, and every reader with it on SQLite. PostgreSQL's
    :func:`insert_report` finds the stored report and the story in its one lookup statement
    (:mod:`chiso.store.ingest_pg`), so nothing is looked up for it here."""
    if session.connection().dialect.name == "postgresql":
        return Ahead()
    existing = existing_report(session, sha, url)
    if existing is not None:
        return Ahead(existing=existing)
    last_id = last_report_id(session)
    return Ahead(story=story_index.find_story(session, bands, pick), last_id=last_id)


def insert_report(
    session: Session,
    report: NewReport,
    *,
    ahead: Ahead,
    pick: StoryPicker,
    actor: str,
    audit_after: dict[str, object] | None,
) -> Inserted:
    """Store a new report with its mentions, its story-index rows, its raw bytes and, unless
    ``audit_after`` is None (the caller writes it later), its ``report.add`` audit event, in the
    caller's unit of work; or, when its text or URL is stored already, write nothing.

    ``pick`` confirms the story among the index's candidates. SQLite and PostgreSQL write the
    same rows, each its fastest way (bench/ingest.py)."""
    if session.connection().dialect.name == "postgresql":
        inserted = _insert_postgres(session, report, pick=pick, actor=actor, audit_after=audit_after)
    else:
        inserted = _insert_sqlite(
            session, report, ahead=ahead, pick=pick, actor=actor, audit_after=audit_after
        )
    if not inserted.existing and report.raw is not None:
        _insert_raw(session, report, inserted.report_id)
    return inserted


def _insert_postgres(
    s: Session, report: NewReport, *, pick: StoryPicker, actor: str, audit_after: dict[str, object] | None
) -> Inserted:
    """The rows of :func:`_insert_sqlite` in two statements (:mod:`chiso.store.ingest_pg`)."""
    row = report.row
    found = ingest_pg.lookup(s, sha=row["sha256"], url=row["url"], bands=report.bands, pick=pick)
    if found.existing is not None:
        return Inserted(found.existing, existing=True, story=None)
    report_id = found.next_id
    # The id is taken from the sequence before the insert, so the first report of a story names
    # itself in the same statement.
    ingest_pg.write(
        s,
        report={"id": report_id, **row, "story_id": found.story or report_id},
        mentions=report.mentions,
        mention_columns=MENTION_COLUMNS,
        bands=report.bands,
        actor=actor,
        audit_after=audit_after,
    )
    return Inserted(report_id, existing=False, story=found.story)


def _insert_sqlite(
    s: Session,
    report: NewReport,
    *,
    ahead: Ahead,
    pick: StoryPicker,
    actor: str,
    audit_after: dict[str, object] | None,
) -> Inserted:
    row = report.row
    # Checked again under the write lock (an index lookup): another writer may have stored the
    # same text since the look ahead; and a report stored since may be a copy of this one.
    existing = existing_report(s, row["sha256"], row["url"])
    if existing is not None:
        return Inserted(existing, existing=True, story=None)
    story = ahead.story
    if story is None and last_report_id(s) > ahead.last_id:
        story = story_index.find_story(s, report.bands, pick)
    # Core statements, not ORM objects: a report is a handful of rows, and the unit of work's
    # bookkeeping for them cost more than the inserts themselves (bench/ingest.py).
    report_id = s.execute(_REPORTS.insert().returning(_REPORTS.c.id), {**row, "story_id": story}).scalar_one()
    if story is None:  # the first report of its story names the story
        s.execute(_REPORTS.update().where(_REPORTS.c.id == report_id).values(story_id=report_id))
    if report.mentions:
        s.connection().exec_driver_sql(
            _SQLITE_INSERT_MENTIONS,
            [(report_id, row["extractor_version"], *map(m.get, MENTION_COLUMNS)) for m in report.mentions],
        )
    story_index.index_report(s, report_id, report.bands)
    if audit_after is not None:
        record_added(s, report_id, at=row["added_at"], actor=actor, after=audit_after)
    return Inserted(report_id, existing=False, story=story)


def record_added(
    session: Session, report_id: int, *, at: datetime, actor: str, after: dict[str, object]
) -> None:
    """A report's ``report.add`` audit event, as one INSERT (what PostgreSQL's statement writes
    in its last CTE), in the caller's unit of work: the ORM's flush of one object cost more
    than the insert (storing a report, bench/ingest.py)."""
    session.execute(
        _EVENTS.insert(),
        {
            "at": at,
            "actor": actor,
            "action": "report.add",
            "entity": "report",
            "entity_id": report_id,
            "before": None,
            "after": after,
        },
    )


def _insert_raw(s: Session, report: NewReport, report_id: int) -> None:
    assert report.raw is not None
    s.execute(
        _RAW.insert(),
        {
            "report_id": report_id,
            "content_type": report.content_type,
            "sha256": hashlib.sha256(report.raw).hexdigest(),
            "body": report.raw,
        },
    )


# --- reading reports -----------------------------------------------------------------------------


def brief(session: Session, report_id: int) -> tuple[str | None, int | None, date | None]:
    """A stored report's title, story and publication date."""
    title, story_id, published = session.execute(
        select(Report.title, Report.story_id, Report.published_on).where(Report.id == report_id)
    ).one()
    return title, story_id, published


def kind_counts(session: Session, report_id: int) -> dict[str, int]:
    """How many mentions of each kind a report has."""
    return {
        kind: int(n)
        for kind, n in session.execute(
            select(Mention.kind, func.count()).where(Mention.report_id == report_id).group_by(Mention.kind)
        )
    }


def mention_tallies(
    session: Session, report_ids: Sequence[int]
) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """For each report, its mentions by (report id, kind) and its pending ones by report id."""
    counts: dict[tuple[int, str], int] = {}
    pending: dict[int, int] = {}
    if report_ids:
        for rid, kind, n in session.execute(
            select(Mention.report_id, Mention.kind, func.count())
            .where(Mention.report_id.in_(report_ids))
            .group_by(Mention.report_id, Mention.kind)
        ):
            counts[(rid, kind)] = n
        for rid, n in session.execute(
            select(Mention.report_id, func.count())
            .where(Mention.report_id.in_(report_ids), Mention.state == "pending")
            .group_by(Mention.report_id)
        ):
            pending[rid] = n
    return counts, pending


def search_reports(
    session: Session,
    *,
    limit: int,
    offset: int,
    q: str | None = None,
    after: tuple[date | None, int] | None = None,
) -> list[Report]:
    """Reports, newest publication first (undated last); with ``q``, those whose title or text
    has its words, found through the search index without diacritics ("tai khoan" finds "tài
    khoản"), newest first. A ``q`` of no letter or digit finds nothing. Without ``q`` their text
    is not loaded (a list shows none of it, and 200 reports' texts cost more than the rest of
    the dashboard at ten times the data). ``after`` (publication date or None, id) is a keyset:
    the reports that come after that one in this order, found through the index whatever the
    page (an offset walks every row before it)."""
    if q:
        return list(search.find(session, "report", terms(q), limit=limit, offset=offset).rows)
    query = (
        select(Report)
        .options(defer(Report.text, raiseload=True))
        .order_by(Report.published_on.desc().nulls_last(), Report.id.desc())
    )
    if after is not None:
        day, rid = after
        if day is None:  # among the undated, which come last
            query = query.where(Report.published_on.is_(None), Report.id < rid)
        else:
            query = query.where(
                or_(
                    Report.published_on < day,
                    and_(Report.published_on == day, Report.id < rid),
                    Report.published_on.is_(None),
                )
            )
    return list(session.scalars(query.limit(limit).offset(offset)))


def count_reports(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Report)) or 0)


def story_siblings(session: Session, report: Report) -> list[Report]:
    """The other reports of ``report``'s story, oldest first."""
    if report.story_id is None:
        return []
    return list(
        session.scalars(
            select(Report)
            .where(Report.story_id == report.story_id, Report.id != report.id)
            .order_by(Report.id)
        )
    )


def mentions_after(
    session: Session, report_id: int, *, after: tuple[int, int] | None, limit: int
) -> list[Mention]:
    """Up to ``limit`` of a report's mentions in the text's order (start offset, then id), after
    the (start offset, id) ``after``."""
    query = select(Mention).where(Mention.report_id == report_id)
    if after is not None:
        start, mention_id = after
        query = query.where(or_(Mention.start > start, and_(Mention.start == start, Mention.id > mention_id)))
    return list(session.scalars(query.order_by(Mention.start, Mention.id).limit(limit)))


def filtered_mentions(
    session: Session, report_id: int, *, state: str | None, kind: str | None, limit: int, offset: int
) -> tuple[list[Mention], int]:
    """A page of a report's mentions of one state and kind (None: any), in the text's order,
    and how many there are in all; counted and cut in SQL, not by loading every mention."""
    where = [Mention.report_id == report_id]
    if state is not None:
        where.append(Mention.state == state)
    if kind is not None:
        where.append(Mention.kind == kind)
    total = int(session.scalar(select(func.count()).select_from(Mention).where(*where)) or 0)
    rows = session.scalars(
        select(Mention).where(*where).order_by(Mention.start, Mention.id).limit(limit).offset(offset)
    )
    return list(rows), total


# --- reading a report again ----------------------------------------------------------------------


def stale_report_ids(session: Session, *, version: str, unread_kind: str) -> list[int]:
    """Reports that another extractor version than ``version`` read, oldest first; reports of
    source kind ``unread_kind`` (made from imported quotes) are never read again."""
    return list(
        session.scalars(
            select(Report.id)
            .where(
                Report.extractor_version != version,
                Report.source_kind != unread_kind,
                Report.retracted_at.is_(None),  # a retracted report is read no more
            )
            .order_by(Report.id)
        )
    )


def report_mentions(session: Session, report_id: int) -> list[Mention]:
    return list(session.scalars(select(Mention).where(Mention.report_id == report_id)))


def rewrite_mentions(
    session: Session,
    *,
    drop: Sequence[int],
    keep: Sequence[int],
    version: str,
    add: Sequence[dict[str, object]],
) -> None:
    """Delete the mentions ``drop``, stamp the mentions ``keep`` with extractor ``version`` and
    insert the :func:`mention_row` rows ``add``."""
    if drop:
        session.execute(delete(Mention).where(Mention.id.in_(drop)))
    if keep:
        session.execute(update(Mention).where(Mention.id.in_(keep)).values(extractor_version=version))
    if add:
        session.execute(_MENTIONS.insert(), add)


def accepted_figures(session: Session, report_id: int) -> Sequence[Mention]:
    """A report's accepted figures that are linked to an indicator."""
    return session.scalars(
        select(Mention).where(
            Mention.report_id == report_id,
            Mention.kind == "figure",
            Mention.state == "accepted",
            Mention.indicator_id.is_not(None),
        )
    ).all()


def linked_mentions(session: Session, report_id: int) -> Sequence[Mention]:
    """A report's mentions that support a point or a commitment."""
    return session.scalars(
        select(Mention)
        .where(
            Mention.report_id == report_id,
            or_(Mention.observation_id.is_not(None), Mention.commitment_id.is_not(None)),
        )
        .order_by(Mention.id)
    ).all()


def commitment_events_from(session: Session, report_id: int) -> Sequence[CommitmentEvent]:
    """The commitment evidence, due-date changes and resolutions a report proposed or gave,
    not already rejected."""
    e = CommitmentEvent
    return session.scalars(
        select(e)
        .where(
            e.report_id == report_id,
            e.kind.in_(("evidence", "due_changed", "resolved")),
            e.state.in_(("proposed", "confirmed")),
        )
        .order_by(e.id)
    ).all()


@dataclass(frozen=True, slots=True)
class Original:
    """The archived bytes a report was read from."""

    content_type: str | None
    sha256: str
    body: bytes


def original(session: Session, report_id: int) -> Original | None:
    """A report's archived original bytes, or None when none were kept."""
    row = session.get(RawDocument, report_id)
    return None if row is None else Original(row.content_type, row.sha256, row.body)


def original_size(session: Session, report_id: int) -> tuple[str | None, str, int] | None:
    """The content type, checksum and size of a report's original, without reading its bytes."""
    found = session.execute(
        select(RawDocument.content_type, RawDocument.sha256, func.length(RawDocument.body)).where(
            RawDocument.report_id == report_id
        )
    ).first()
    return None if found is None else (found[0], found[1], int(found[2] or 0))


def observation_date(session: Session, observation_id: int) -> date | None:
    """The date a point is drawn at."""
    return session.scalar(select(Observation.ref_date).where(Observation.id == observation_id))


__all__ = [
    "MENTION_COLUMNS",
    "Ahead",
    "Inserted",
    "NewReport",
    "Original",
    "accepted_figures",
    "brief",
    "commitment_events_from",
    "count_reports",
    "existing_report",
    "filtered_mentions",
    "insert_report",
    "kind_counts",
    "last_report_id",
    "linked_mentions",
    "look_ahead",
    "mention_row",
    "mention_tallies",
    "mentions_after",
    "observation_date",
    "original",
    "original_size",
    "prepared_mention",
    "record_added",
    "report_mentions",
    "rewrite_mentions",
    "search_reports",
    "stale_report_ids",
    "story_siblings",
]
