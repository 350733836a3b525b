"""Use cases for reports: add one (with its mentions, in one transaction), list, show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chiso.errors import InputError
from chiso.extract import extract_with_progress
from chiso.extract.progress import Progress
from chiso.ingest import similarity
from chiso.ingest.document import Document
from chiso.ingest.similarity import content_sha256
from chiso.services import audit, commitments
from chiso.services.reports import stories
from chiso.services.schemas import AddReportResult, MentionOut, OriginalOut, ReportDetail, ReportSummary
from chiso.store import lookups
from chiso.store import reports as stored_reports
from chiso.store.db import Database
from chiso.store.models import Report
from chiso.store.reports import mention_row, prepared_mention


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
    #: the mentions as rows of the mention table (:func:`chiso.store.reports.prepared_mention`), in the extraction's order
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
        mentions=tuple(map(prepared_mention, result.mentions)),
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
        found = stored_reports.existing_report(s, sha, url)
        return None if found is None else _stored(s, found)


def _stored(s: Session, report_id: int) -> AddReportResult:
    """What adding a report already stored answers."""
    title, story_id, published = stored_reports.brief(s, report_id)
    counts = stored_reports.kind_counts(s, report_id)
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


def _report_row(prepared: PreparedReport, *, licence: str | None, now: datetime) -> dict[str, object]:
    """The report's columns (its id and story are the store's to give)."""
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
        "extractor_version": prepared.extractor_version,
        "licence": licence,
    }


def _audit_added(s: Session, prepared: PreparedReport, report_id: int, proposals: int, actor: str) -> None:
    """The "report.add" audit row, in the report's unit of work."""
    stored_reports.record_added(
        s, report_id, at=audit.now(), actor=actor, after=_audit_after(prepared, proposals)
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
    already stored with its text or URL, what the store looked up ahead (its story, the newest
    report id seen: a report stored after it may be a copy, and the story is then looked for
    again under the lock), and the proposals its progress makes."""

    existing: AddReportResult | None
    ahead: stored_reports.Ahead
    proposals: tuple[commitments.PlannedProposal, ...]


def _plan(db: Database, prepared: PreparedReport, bands: Sequence[int]) -> _Plan:
    """The reading and matching of storing a report, in a read-only unit of work: a large
    report's matching took the write lock for a minute, and every reader with it on SQLite."""
    with db.reading() as s:
        ahead = stored_reports.look_ahead(
            s, sha=prepared.sha256, url=prepared.doc.url, bands=bands, pick=stories.picker(prepared.text)
        )
        if ahead.existing is not None:
            return _Plan(_stored(s, ahead.existing), ahead, ())
        own = [
            (cast(int, m["start"]), cast(int, m["end"])) for m in prepared.mentions if m["kind"] == "deadline"
        ]
        # an undated report proposes nothing: "đã hoàn thành" on an unknown day is no evidence yet
        dated = prepared.doc.published_on is not None
        planned = (
            commitments.match_progress(s, prepared.progress, own=own) if prepared.progress and dated else []
        )
        return _Plan(None, ahead, tuple(planned))


def _store(db: Database, prepared: PreparedReport, *, licence: str | None, actor: str) -> AddReportResult:
    # Made by prepare_report (in a worker process when adding many), else here, and the reading
    # and matching of _plan: CPU work is done before the write lock is taken, which then covers
    # the inserts only.
    bands = prepared.bands or tuple(similarity.band_hashes(prepared.text))
    plan = _plan(db, prepared, bands)
    if plan.existing is not None and not (plan.existing.undated and prepared.doc.published_on):
        # stored already; one that lacks the date this addition brings is dated under the lock
        return plan.existing
    doc = prepared.doc
    new = stored_reports.NewReport(
        row=_report_row(prepared, licence=licence, now=audit.now()),
        mentions=prepared.mentions,
        bands=bands,
        raw=doc.raw,
        content_type=doc.content_type,
    )
    # Proposals need the stored report; its audit event, which counts them, then follows them.
    proposing = bool(plan.proposals)
    with db.transaction() as s:
        inserted = stored_reports.insert_report(
            s,
            new,
            ahead=plan.ahead,
            pick=stories.picker(prepared.text),
            actor=actor,
            audit_after=None if proposing else _audit_after(prepared, 0),
        )
        if inserted.existing:
            return _again(s, inserted.report_id, prepared, actor)
        if proposing:
            # A later report may say a tracked promise was kept or moved: proposed for a person to confirm.
            story = inserted.story or inserted.report_id
            proposals = _propose(s, prepared, plan, inserted.report_id, story)
            _audit_added(s, prepared, inserted.report_id, proposals, actor)
        return _created(prepared, inserted.report_id, inserted.story)


def _propose(s: Session, prepared: PreparedReport, plan: _Plan, report_id: int, story_id: int) -> int:
    """The plan's progress proposals, stored for the new report (matched before the lock); an
    undated report has none (they are proposed when it is given its date)."""
    day = prepared.doc.published_on
    if day is None:
        return 0
    return commitments.record_proposals(s, plan.proposals, report_id=report_id, story_id=story_id, day=day)


def _summaries(s: Session, reports: list[Report]) -> list[ReportSummary]:
    counts, pending = stored_reports.mention_tallies(s, [r.id for r in reports])
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
    db: Database,
    *,
    limit: int = 50,
    offset: int = 0,
    q: str | None = None,
    after: tuple[date | None, int] | None = None,
) -> list[ReportSummary]:
    """Reports, newest publication first (undated last), ``limit`` from ``offset``; or, without
    ``q``, those after the report ``after`` names (its publication date and id: a keyset)."""
    with db.reading() as s:
        return _summaries(s, stored_reports.search_reports(s, limit=limit, offset=offset, q=q, after=after))


def count_reports(db: Database) -> int:
    with db.reading() as s:
        return stored_reports.count_reports(s)


def get_report(db: Database, report_id: int, *, with_mentions: bool = True) -> ReportDetail:
    """One report with its mentions (``with_mentions=False``: none, for :func:`report_mentions`
    to page them; a report may have tens of thousands)."""
    with db.reading() as s:
        report = lookups.get(s, Report, report_id)
        summary = _summaries(s, [report])[0]
        siblings = _summaries(s, stored_reports.story_siblings(s, report))
        return ReportDetail.model_validate(report).model_copy(
            update={
                **summary.model_dump(include={"figures", "deadlines", "pending"}),
                "original": _original(s, report_id),
                "mentions": [MentionOut.model_validate(m) for m in report.mentions] if with_mentions else [],
                "also_published_by": siblings,
            }
        )


def _original(s: Session, report_id: int) -> OriginalOut | None:
    found = stored_reports.original_size(s, report_id)
    return None if found is None else OriginalOut(content_type=found[0], sha256=found[1], size=found[2])


#: Where a page of a report's mentions ends: the (start offset, id) of its last mention.
MentionCursor = tuple[int, int]


def report_mentions(
    db: Database, report_id: int, *, after: MentionCursor | None = None, limit: int = 1000
) -> tuple[list[MentionOut], MentionCursor | None]:
    """A page of a report's mentions in the text's order (start offset, then id), after the
    cursor ``after``; returns the page and the cursor of the next one (None: no more)."""
    with db.reading() as s:
        rows = stored_reports.mentions_after(s, report_id, after=after, limit=limit + 1)
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
        lookups.get(s, Report, report_id)
        rows, total = stored_reports.filtered_mentions(
            s, report_id, state=state, kind=kind, limit=limit, offset=offset
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
