"""Use cases for reports: add one (with its mentions, in one transaction), list, show."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from chiso.errors import InputError, NotFoundError
from chiso.extract import Deadline, Figure, extract_with_progress
from chiso.extract.progress import Progress
from chiso.ingest import similarity
from chiso.ingest.document import Document
from chiso.ingest.similarity import content_sha256
from chiso.services import audit, commitments
from chiso.services.reports import pg_ingest, stories
from chiso.services.schemas import AddReportResult, MentionOut, ReportDetail, ReportSummary
from chiso.store.db import Database
from chiso.store.models import Mention, RawDocument, Report


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
#: The columns of a prepared mention (:func:`_prepared_mention`).
MENTION_COLUMNS = tuple(k for k in _MENTION_KEYS if k not in _PER_REPORT)


def _prepared_mention(m: Figure | Deadline) -> dict[str, object]:
    """A mention as the database takes it, made in the worker: the columns of
    :func:`_mention_row` but the per-report ones, dates in ISO form, NULL columns left out.
    Plain values cross the process boundary for much less than the extraction's objects
    (unpickling those was a sixth of the storing process's time)."""
    return {
        k: v.isoformat() if isinstance(v, date) else v
        for k, v in _mention_row(m, 0, "").items()
        if v is not None and k not in _PER_REPORT
    }


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


def _find_story(session: Session, text: str, bands: Sequence[int]) -> int | None:
    """The story a near-duplicate text belongs to: candidates from the band index
    (:mod:`chiso.services.reports.stories`), each confirmed with ``same_story`` on the texts."""
    return stories.find_story(session, text, bands)


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """A document with what extraction found in it, as rows, and its fingerprints: everything
    but the database work.

    Made by :func:`prepare_report`, which is pure CPU work and so can run in a worker process;
    it holds plain values only, so that sending it to the storing process costs little.
    """

    doc: Document
    #: the NFC-normalised text the mentions' offsets point into, its language, the extractor's version
    text: str
    lang: str
    extractor_version: str
    #: the mentions as rows of the mention table (:func:`_prepared_mention`), in the extraction's order
    mentions: tuple[dict[str, object], ...]
    figures: int
    deadlines: int
    sha256: str
    #: MinHash band hashes for the story index (:func:`chiso.ingest.similarity.band_hashes`);
    #: empty when made elsewhere, and then computed when stored. They replace the SimHash the
    #: first version kept in ``report.simhash`` (left NULL now): it cost more CPU than the
    #: bands and nothing reads it since stories are found through the band index.
    bands: tuple[int, ...] = ()
    #: what the text states as done or postponed (:func:`chiso.extract.progress.find_progress`),
    #: found in the worker so that storing only matches it against open commitments
    progress: tuple[Progress, ...] = ()


def prepare_report(
    doc: Document,
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: date | None = None,
) -> PreparedReport:
    """Apply the caller's metadata over the document's own, then extract and fingerprint."""
    doc = replace(
        doc,
        title=title or doc.title,
        url=url or doc.url,
        publisher=publisher or doc.publisher,
        published_on=published or doc.published_on,
    )
    if not doc.text.strip():
        raise InputError("report_no_text")
    _check_storable(doc)
    lang = doc.lang if doc.lang in ("vi", "en") else "auto"
    result, progress = extract_with_progress(doc.text, published=doc.published_on, lang=lang)  # type: ignore[arg-type]
    return PreparedReport(
        doc=doc,
        text=result.text,
        lang=result.lang,
        extractor_version=result.version,
        mentions=tuple(map(_prepared_mention, result.mentions)),
        figures=len(result.figures),
        deadlines=len(result.deadlines),
        sha256=content_sha256(result.text),
        bands=tuple(similarity.band_hashes(result.text)),
        progress=tuple(progress),
    )


#: The report columns of limited length (store/models.py), checked before the database is asked.
_MAX_LENGTHS = {"publisher": 300, "author": 300}


def _check_storable(doc: Document) -> None:
    """Refuse what the database cannot store (PostgreSQL takes no NUL in text, and no string
    longer than its column) with a message, instead of an error at the insert."""
    if "\x00" in doc.text:
        raise InputError("text_has_nul")
    for name in ("title", "url", "publisher", "author"):
        value = getattr(doc, name)
        if value is None:
            continue
        if "\x00" in value:
            raise InputError("field_has_nul", field=name)
        limit = _MAX_LENGTHS.get(name)
        if limit is not None and len(value) > limit:
            raise InputError("field_too_long", field=name, most=limit, n=len(value))


def add_report(
    db: Database,
    doc: Document,
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: date | None = None,
    licence: str | None = None,
    actor: str = "cli",
) -> AddReportResult:
    """Store a report and every mention found in it, all or nothing.

    The same text (by checksum) or the same URL again returns the existing report.
    """
    prepared = prepare_report(doc, title=title, url=url, publisher=publisher, published=published)
    return store_report(db, prepared, licence=licence, actor=actor)


def store_report(
    db: Database, prepared: PreparedReport, *, licence: str | None = None, actor: str = "cli"
) -> AddReportResult:
    """Store a prepared report in one transaction (or return the report that already has its text or URL)."""
    try:
        return _store(db, prepared, licence=licence, actor=actor)
    except IntegrityError:
        # Another writer stored the same text between our check and our insert.
        again = _existing(db, prepared.sha256, prepared.doc.url)
        if again is None:
            raise
        return again


def _existing(db: Database, sha: str, url: str | None) -> AddReportResult | None:
    with db.reading() as s:
        return _existing_in(s, sha, url)


def _existing_in(s: Session, sha: str, url: str | None) -> AddReportResult | None:
    """The report already stored with this text (or this URL), inside the caller's unit of work."""
    cond = Report.sha256 == sha if not url else or_(Report.sha256 == sha, Report.url == url)
    found = s.execute(select(Report.id).where(cond).order_by(Report.id).limit(1)).scalar()
    return None if found is None else _stored(s, found)


def _stored(s: Session, report_id: int) -> AddReportResult:
    """What adding a report already stored answers."""
    title, story_id, published = s.execute(
        select(Report.title, Report.story_id, Report.published_on).where(Report.id == report_id)
    ).one()
    counts = dict(
        s.execute(
            select(Mention.kind, func.count()).where(Mention.report_id == report_id).group_by(Mention.kind)
        ).all()
    )
    return AddReportResult(
        report_id=report_id,
        created=False,
        figures=counts.get("figure", 0),
        deadlines=counts.get("deadline", 0),
        title=title,
        story_id=story_id,
        undated=published is None,
    )


def _again(s: Session, report_id: int, prepared: PreparedReport, actor: str) -> AddReportResult:
    """A text stored already: it answers the stored report, and gives it the date this addition
    brings when the stored one has none (issue 12: "already stored" kept it undated)."""
    from chiso.services.reports import dates as report_dates

    dated = report_dates.fill_in(s, report_id, prepared.doc.published_on, actor=actor)
    return _stored(s, report_id).model_copy(update={"dated": dated})


def _report_row(
    prepared: PreparedReport, *, licence: str | None, now: datetime, story: int | None
) -> dict[str, object]:
    doc = prepared.doc
    return {
        "sha256": prepared.sha256,
        "url": doc.url,
        "final_url": doc.final_url,
        "title": doc.title,
        "publisher": doc.publisher,
        "author": doc.author,
        "published_on": doc.published_on,
        "fetched_at": now if doc.source_kind in ("url", "feed") else None,
        "added_at": now,
        "lang": prepared.lang,
        "text": prepared.text,
        "source_kind": doc.source_kind,
        "simhash": None,
        "story_id": story,
        "extractor_version": prepared.extractor_version,
        "licence": licence,
    }


def _audit_added(s: Session, prepared: PreparedReport, report_id: int, proposals: int, actor: str) -> None:
    """The "report.add" audit row, in the report's unit of work."""
    audit.insert(
        s,
        actor=actor,
        action="report.add",
        entity="report",
        entity_id=report_id,
        after=_audit_after(prepared, proposals),
    )


def _audit_after(prepared: PreparedReport, proposals: int) -> dict[str, object]:
    return {
        "title": prepared.doc.title,
        "sha256": prepared.sha256,
        "mentions": len(prepared.mentions),
        "proposals": proposals,
    }


def _created(prepared: PreparedReport, report_id: int, story: int | None) -> AddReportResult:
    return AddReportResult(
        report_id=report_id,
        created=True,
        figures=prepared.figures,
        deadlines=prepared.deadlines,
        title=prepared.doc.title,
        story_id=story,
        undated=prepared.doc.published_on is None,
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    """What storing a report found by reading, before its write transaction: the report
    already stored with its text or URL, its story, the proposals its progress makes, and the
    newest report id seen (a report stored after it may be a copy: the story is then looked
    for again under the lock)."""

    existing: AddReportResult | None
    story: int | None
    proposals: tuple[commitments.PlannedProposal, ...]
    last_id: int


def _plan(db: Database, prepared: PreparedReport, bands: Sequence[int]) -> _Plan:
    """The reading and matching of storing a report, in a read-only unit of work: a large
    report's matching took the write lock for a minute, and every reader with it on SQLite."""
    with db.reading() as s:
        sqlite = s.connection().dialect.name != "postgresql"
        existing = _existing_in(s, prepared.sha256, prepared.doc.url) if sqlite else None
        if existing is not None:
            return _Plan(existing, None, (), 0)
        last_id = int(s.scalar(select(func.max(Report.id))) or 0)
        story = _find_story(s, prepared.text, bands) if sqlite else None
        own = [
            (cast(int, m["start"]), cast(int, m["end"])) for m in prepared.mentions if m["kind"] == "deadline"
        ]
        # an undated report proposes nothing: "đã hoàn thành" on an unknown day is no evidence yet
        dated = prepared.doc.published_on is not None
        planned = commitments.match_progress(s, prepared.progress, own=own) if prepared.progress and dated else []
        return _Plan(None, story, tuple(planned), last_id)


def _store(db: Database, prepared: PreparedReport, *, licence: str | None, actor: str) -> AddReportResult:
    # Made by prepare_report (in a worker process when adding many), else here, and the reading
    # and matching of _plan: CPU work is done before the write lock is taken, which then covers
    # the inserts only.
    bands = prepared.bands or tuple(similarity.band_hashes(prepared.text))
    plan = _plan(db, prepared, bands)
    if plan.existing is not None and not (plan.existing.undated and prepared.doc.published_on):
        # stored already; one that lacks the date this addition brings is dated under the lock
        return plan.existing
    with db.transaction() as s:
        if s.connection().dialect.name == "postgresql":
            return _store_postgres(s, prepared, bands, plan, licence=licence, actor=actor)
        return _store_sqlite(s, prepared, bands, plan, licence=licence, actor=actor)


def _store_postgres(
    s: Session,
    prepared: PreparedReport,
    bands: Sequence[int],
    plan: _Plan,
    *,
    licence: str | None,
    actor: str,
) -> AddReportResult:
    """The rows of :func:`_store_sqlite` in two statements (:mod:`chiso.services.reports.pg_ingest`)."""
    doc = prepared.doc
    found = pg_ingest.lookup(s, sha=prepared.sha256, url=doc.url, text=prepared.text, bands=bands)
    if found.existing is not None:
        return _again(s, found.existing, prepared, actor)
    report_id, now = found.next_id, audit.now()
    # The id is taken from the sequence before the insert, so the first report of a story names
    # itself in the same statement.
    row = {"id": report_id} | _report_row(prepared, licence=licence, now=now, story=found.story or report_id)
    # Proposals need the stored report; its audit event, which counts them, then follows them.
    proposing = bool(plan.proposals)
    pg_ingest.write(
        s,
        report=row,
        mentions=prepared.mentions,
        mention_columns=MENTION_COLUMNS,
        bands=bands,
        actor=actor,
        audit_after=None if proposing else _audit_after(prepared, 0),
    )
    if doc.raw is not None:
        _insert_raw(s, doc, report_id)
    if proposing:
        proposals = _propose(s, prepared, plan, report_id, found.story or report_id)
        _audit_added(s, prepared, report_id, proposals, actor)
    return _created(prepared, report_id, found.story)


def _store_sqlite(
    s: Session,
    prepared: PreparedReport,
    bands: Sequence[int],
    plan: _Plan,
    *,
    licence: str | None,
    actor: str,
) -> AddReportResult:
    doc = prepared.doc
    # Checked again under the write lock (an index lookup): another writer may have stored the
    # same text since the plan was made; and a report stored since may be a copy of this one.
    existing = _existing_in(s, prepared.sha256, doc.url)
    if existing is not None:
        return _again(s, existing.report_id, prepared, actor)
    story = plan.story
    if story is None and int(s.scalar(select(func.max(Report.id))) or 0) > plan.last_id:
        story = _find_story(s, prepared.text, bands)
    now = audit.now()
    # Core statements, not ORM objects: a report is a handful of rows, and the unit of work's
    # bookkeeping for them cost more than the inserts themselves (bench/ingest.py).
    report_id = s.execute(
        _REPORTS.insert().returning(_REPORTS.c.id),
        _report_row(prepared, licence=licence, now=now, story=story),
    ).scalar_one()
    if story is None:  # the first report of its story names the story
        s.execute(_REPORTS.update().where(_REPORTS.c.id == report_id).values(story_id=report_id))
    if prepared.mentions:
        s.connection().exec_driver_sql(
            _SQLITE_INSERT_MENTIONS,
            [
                (report_id, prepared.extractor_version, *map(row.get, MENTION_COLUMNS))
                for row in prepared.mentions
            ],
        )
    stories.index_report(s, report_id, bands)
    # A later report may say a tracked promise was kept or moved: proposed for a person to confirm.
    proposals = _propose(s, prepared, plan, report_id, story or report_id) if plan.proposals else 0
    if doc.raw is not None:
        _insert_raw(s, doc, report_id)
    _audit_added(s, prepared, report_id, proposals, actor)
    return _created(prepared, report_id, story)


def _propose(s: Session, prepared: PreparedReport, plan: _Plan, report_id: int, story_id: int) -> int:
    """The plan's progress proposals, stored for the new report (matched before the lock); an
    undated report has none (they are proposed when it is given its date)."""
    day = prepared.doc.published_on
    if day is None:
        return 0
    return commitments.record_proposals(s, plan.proposals, report_id=report_id, story_id=story_id, day=day)


def _insert_raw(s: Session, doc: Document, report_id: int) -> None:
    assert doc.raw is not None
    s.execute(
        _RAW.insert(),
        {
            "report_id": report_id,
            "content_type": doc.content_type,
            "sha256": hashlib.sha256(doc.raw).hexdigest(),
            "body": doc.raw,
        },
    )


def _summaries(s: Session, reports: list[Report]) -> list[ReportSummary]:
    ids = [r.id for r in reports]
    counts: dict[tuple[int, str], int] = {}
    pending: dict[int, int] = {}
    if ids:
        for rid, kind, n in s.execute(
            select(Mention.report_id, Mention.kind, func.count())
            .where(Mention.report_id.in_(ids))
            .group_by(Mention.report_id, Mention.kind)
        ):
            counts[(rid, kind)] = n
        for rid, n in s.execute(
            select(Mention.report_id, func.count())
            .where(Mention.report_id.in_(ids), Mention.state == "pending")
            .group_by(Mention.report_id)
        ):
            pending[rid] = n
    return [
        ReportSummary.model_validate(r).model_copy(
            update={
                "figures": counts.get((r.id, "figure"), 0),
                "deadlines": counts.get((r.id, "deadline"), 0),
                "pending": pending.get(r.id, 0),
            }
        )
        for r in reports
    ]


def list_reports(
    db: Database, *, limit: int = 50, offset: int = 0, q: str | None = None
) -> list[ReportSummary]:
    with db.reading() as s:
        query = select(Report).order_by(Report.published_on.desc().nulls_last(), Report.id.desc())
        if q:
            # NFC like the stored text, lowercased in Python (SQLite's lower() knows ASCII only, so
            # "TÀI KHOẢN" found nothing), and LIKE's wildcards taken literally
            needle = unicodedata.normalize("NFC", q).lower()
            needle = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = f"%{needle}%"
            query = query.where(
                or_(Report.title.ilike(like, escape="\\"), Report.text.ilike(like, escape="\\"))
            )
        reports = list(s.scalars(query.limit(limit).offset(offset)))
        return _summaries(s, reports)


def count_reports(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Report)) or 0)


def get_report(db: Database, report_id: int, *, with_mentions: bool = True) -> ReportDetail:
    """One report with its mentions (``with_mentions=False``: none, for :func:`report_mentions`
    to page them; a report may have tens of thousands)."""
    with db.reading() as s:
        options = [selectinload(Report.mentions)] if with_mentions else []
        report = s.get(Report, report_id, options=options)
        if report is None:
            raise NotFoundError("no_such_id", what="report", id=report_id)
        summary = _summaries(s, [report])[0]
        siblings: list[ReportSummary] = []
        if report.story_id is not None:
            others = list(
                s.scalars(
                    select(Report)
                    .where(Report.story_id == report.story_id, Report.id != report.id)
                    .order_by(Report.id)
                )
            )
            siblings = _summaries(s, others)
        return ReportDetail.model_validate(report).model_copy(
            update={
                **summary.model_dump(include={"figures", "deadlines", "pending"}),
                "mentions": [MentionOut.model_validate(m) for m in report.mentions] if with_mentions else [],
                "also_published_by": siblings,
            }
        )


#: Where a page of a report's mentions ends: the (start offset, id) of its last mention.
MentionCursor = tuple[int, int]


def report_mentions(
    db: Database, report_id: int, *, after: MentionCursor | None = None, limit: int = 1000
) -> tuple[list[MentionOut], MentionCursor | None]:
    """A page of a report's mentions in the text's order (start offset, then id), after the
    cursor ``after``; returns the page and the cursor of the next one (None: no more)."""
    with db.reading() as s:
        query = select(Mention).where(Mention.report_id == report_id)
        if after is not None:
            start, mention_id = after
            query = query.where(
                or_(Mention.start > start, and_(Mention.start == start, Mention.id > mention_id))
            )
        rows = list(s.scalars(query.order_by(Mention.start, Mention.id).limit(limit + 1)))
        page = [MentionOut.model_validate(m) for m in rows[:limit]]
        more = len(rows) > limit
        return page, ((rows[limit - 1].start, rows[limit - 1].id) if more and limit else None)


def filtered_mentions(
    db: Database,
    report_id: int,
    *,
    state: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[MentionOut], int]:
    """A page of a report's mentions of one state and kind (None: any), in the text's order,
    and how many there are in all; counted and cut in SQL, not by loading every mention."""
    with db.reading() as s:
        if s.get(Report, report_id) is None:
            raise NotFoundError("no_such_id", what="report", id=report_id)
        where = [Mention.report_id == report_id]
        if state is not None:
            where.append(Mention.state == state)
        if kind is not None:
            where.append(Mention.kind == kind)
        total = int(s.scalar(select(func.count()).select_from(Mention).where(*where)) or 0)
        rows = s.scalars(
            select(Mention).where(*where).order_by(Mention.start, Mention.id).limit(limit).offset(offset)
        )
        return [MentionOut.model_validate(m) for m in rows], total


__all__ = [
    "MentionCursor",
    "PreparedReport",
    "add_report",
    "count_reports",
    "filtered_mentions",
    "get_report",
    "list_reports",
    "mention_row",
    "prepare_report",
    "report_mentions",
    "store_report",
]
