"""Progress proposals: evidence ("đã vận hành chính thức ...", "has launched ...") and due-date
changes ("lùi sang quý III", "postponed to ...") that later reports state for open commitments
become *proposed* events, which a person lists, confirms or rejects. The history of a
commitment is its list of events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.extract.progress import Completion, Postponement, Progress, find_progress
from chiso.services import audit
from chiso.services.alerts import events as alert_events
from chiso.services.commitments._records import _event, _event_outs, _out, _snapshot
from chiso.services.commitments.board import has_open
from chiso.services.commitments.schemas import CommitmentEventOut, CommitmentOut, ProposalOut
from chiso.store import commitments as commitment_store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Report
from chiso.track.actions import action_overlap
from chiso.track.status import precision_of, resolution

#: The actor automatic proposals are recorded under.
SYSTEM_ACTOR = "chiso"

#: A progress statement must cover at least this share of a commitment's action words to be
#: proposed as its evidence or due change. Chosen on the hand-written sentences of
#: tests/services/test_commitments.py (no corpus of follow-up reports yet); a person confirms
#: every proposal, so a false one costs a click and a missed one costs the evidence.
PROGRESS_MATCH = 0.6


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


@dataclass(frozen=True, slots=True)
class PlannedProposal:
    """A progress statement matched to an open commitment, not yet stored: made by
    :func:`match_progress` outside the write transaction, stored by :func:`record_proposals`."""

    commitment_id: int
    #: the stories of the reports that state the commitment (a restatement is no evidence)
    stories: frozenset[int]
    statement: Completion | Postponement
    score: float


def match_progress(
    session: Session, statements: Sequence[Progress], *, own: Iterable[tuple[int, int]] = ()
) -> list[PlannedProposal]:
    """The open commitments that ``statements`` (a report's progress) give evidence or a due
    change for: each statement whose action covers an open commitment's action
    (:data:`PROGRESS_MATCH`), the best one per commitment. Statements inside ``own`` (the
    report's own deadline mentions) are skipped. Reads only: the matching is the slow part of
    proposing, so it runs before the report's write transaction begins."""
    if not statements:
        return []
    if not has_open(session):
        return []  # nothing open to be kept or moved: the common case while a database is young
    spans = list(own)
    statements = [st for st in statements if not _overlaps((st.start, st.end), spans)]
    planned: list[PlannedProposal] = []
    for cid, title in commitment_store.open_titles(session):
        best: Completion | Postponement | None = None
        best_score = 0.0
        for st in statements:
            score = action_overlap(title, st.action)
            if score >= PROGRESS_MATCH and score > best_score:
                best, best_score = st, score
        if best is None:
            continue
        stories = frozenset(r.story_id or r.id for r in commitment_store.source_reports(session, cid))
        planned.append(PlannedProposal(cid, stories, best, best_score))
    return planned


def record_proposals(
    session: Session, planned: Sequence[PlannedProposal], *, report_id: int, story_id: int | None, day: date
) -> int:
    """Store :func:`match_progress`'s proposals for the report ``report_id`` as ``proposed``
    events, inside the caller's (write) unit of work: ``evidence`` dated ``day``, or
    ``due_changed`` with the new range. A commitment resolved since the matching, one the
    report's own story states, one that already has this report's proposal, and a due change
    to the due range it already has are skipped. Returns the number of events added."""
    added = 0
    for plan in planned:
        if report_id in plan.stories or (story_id or report_id) in plan.stories:
            continue
        commitment = commitment_store.with_events(session, plan.commitment_id)
        if commitment is None or commitment.status != "open":
            continue
        if any(e.report_id == report_id and e.kind in ("evidence", "due_changed") for e in commitment.events):
            continue
        if _story_told(session, commitment, story_id or report_id):
            continue  # a copy of a story already offered as evidence or a move is not another one
        best = plan.statement
        if isinstance(best, Completion):
            event = _event(
                commitment,
                "evidence",
                actor=SYSTEM_ACTOR,
                state="proposed",
                report_id=report_id,
                on_date=day,
                note=best.quote,
            )
        else:
            if (best.due_start, best.due_end) == (
                commitment.due_start,
                commitment.due_end,
            ) or best.due_end is None:
                continue
            event = _event(
                commitment,
                "due_changed",
                actor=SYSTEM_ACTOR,
                state="proposed",
                report_id=report_id,
                on_date=day,
                old_due_start=commitment.due_start,
                old_due_end=commitment.due_end,
                new_due_start=best.due_start,
                new_due_end=best.due_end,
                note=best.quote,
            )
        session.flush()
        audit.record(
            session,
            actor=SYSTEM_ACTOR,
            action=f"commitment.propose_{event.kind}",
            entity="commitment_event",
            entity_id=event.id,
            after={
                "commitment_id": commitment.id,
                "report_id": report_id,
                "quote": best.quote,
                "score": round(plan.score, 3),
            },
        )
        added += 1
    return added


def propose_progress(session: Session, report: Report, statements: Sequence[Progress] | None = None) -> int:
    """Propose evidence and due-date changes that ``report`` states for open commitments.

    Runs :func:`chiso.extract.progress.find_progress` on the report's text, then
    :func:`match_progress` and :func:`record_proposals` in the caller's unit of work. Returns
    the number of events added; running it twice adds nothing new. ``statements``, when given,
    are that text's progress statements already found (by a worker).
    """
    if report.published_on is None:
        # "Đã hoàn thành" on an unknown day is no evidence yet; proposed once the date is given.
        return 0
    if statements is None:
        lang = report.lang if report.lang in ("vi", "en") else "auto"
        statements = find_progress(report.text, report.published_on, lang)  # type: ignore[arg-type]
    own = [(m.start, m.end) for m in report.mentions if m.kind == "deadline"]
    planned = match_progress(session, statements, own=own)
    if not planned:
        return 0
    return record_proposals(
        session, planned, report_id=report.id, story_id=report.story_id, day=report.published_on
    )


def _story_told(session: Session, commitment: Commitment, story: int) -> bool:
    """Whether a report of ``story`` already gave ``commitment`` an evidence or due-change event
    (proposed, confirmed or rejected): syndicated copies tell one story once."""
    ids = {e.report_id for e in commitment.events if e.kind in ("evidence", "due_changed") and e.report_id}
    return bool(ids) and commitment_store.story_told(session, ids, story)


def list_proposals(db: Database, *, commitment_id: int | None = None) -> list[ProposalOut]:
    """Evidence and due-date changes waiting for a person, oldest first."""
    with db.reading() as s:
        rows = commitment_store.proposals(s, commitment_id)
        events = _event_outs(s, [e for e, _ in rows])
        return [
            ProposalOut(
                **ev.model_dump(),
                commitment_title=c.title,
                commitment_due_start=c.due_start,
                commitment_due_end=c.due_end,
            )
            for ev, (_, c) in zip(events, rows, strict=True)
        ]


# --- decisions -----------------------------------------------------------------------------


def _proposed(session: Session, event_id: int, commitment_id: int | None = None) -> CommitmentEvent:
    event = lookups.get(session, CommitmentEvent, event_id)
    if commitment_id is not None and event.commitment_id != commitment_id:
        # An event of another commitment, asked for through this one's page: nothing here by that id.
        raise NotFoundError("no_such_id", what="commitment event", id=event_id)
    if event.state != "proposed":
        raise ConflictError("event_already_decided", id=event_id, state=event.state)
    return event


def _published(s: Session, report_id: int | None) -> date | None:
    return None if report_id is None else commitment_store.published_on(s, report_id)


def confirm_event(
    db: Database, event_id: int, actor: str, *, commitment_id: int | None = None
) -> CommitmentOut:
    """A person confirms a proposal (of commitment ``commitment_id``, when given).

    Evidence resolves the commitment as ``met`` on the evidence's date (``met_late`` after
    ``due_end``); a commitment already met keeps its earlier date. A due change moves the
    commitment's due range; the event keeps the old and new range and its source report.
    """
    with db.transaction() as s:
        event = _proposed(s, event_id, commitment_id)
        c = event.commitment
        before = _snapshot(c)
        if event.kind == "evidence":
            day = event.on_date or _published(s, event.report_id)
            if day is None:
                # Never the day of review: evidence with no date of its own dates nothing.
                raise InputError("event_undated", id=event_id)
            if c.status in ("met", "met_late") and c.resolved_on is not None and c.resolved_on <= day:
                pass  # corroboration of an earlier success: the first date stands
            else:
                was_open = c.status == "open"
                c.status = resolution("met", on=day, due_end=c.due_end)
                c.resolved_on = day
                if was_open:
                    alert_events.resolved(s, c)
            event.status = c.status
        elif event.kind == "due_changed":
            if c.status != "open":
                raise ConflictError("commitment_closed_due_date", id=c.id, status=c.status)
            event.old_due_start, event.old_due_end = c.due_start, c.due_end
            if event.new_due_start is not None or event.new_due_end is not None:
                c.due_start, c.due_end = event.new_due_start, event.new_due_end
                c.precision = precision_of(c.due_start, c.due_end)
                if (c.due_start, c.due_end) != (event.old_due_start, event.old_due_end):
                    alert_events.due_moved(s, c, event.old_due_start, event.old_due_end)
        else:
            raise ConflictError("event_not_confirmed", id=event_id, kind=event.kind)
        event.state = "confirmed"
        event.actor = actor
        audit.record(
            s,
            actor=actor,
            action=f"commitment.confirm_{event.kind}",
            entity="commitment",
            entity_id=c.id,
            before=before,
            after={**_snapshot(c), "event_id": event.id},
        )
        s.flush()
        return _out(c, max(date.today(), c.resolved_on or date.today()))


def reject_event(
    db: Database, event_id: int, actor: str, *, commitment_id: int | None = None
) -> CommitmentEventOut:
    """A person rejects a proposal (of commitment ``commitment_id``, when given); it stays in the
    history as ``rejected``."""
    with db.transaction() as s:
        event = _proposed(s, event_id, commitment_id)
        event.state = "rejected"
        event.actor = actor
        audit.record(
            s,
            actor=actor,
            action=f"commitment.reject_{event.kind}",
            entity="commitment_event",
            entity_id=event.id,
            before={"state": "proposed"},
            after={"state": "rejected", "commitment_id": event.commitment_id},
        )
        s.flush()
        return _event_outs(s, [event])[0]


__all__ = [
    "PROGRESS_MATCH",
    "SYSTEM_ACTOR",
    "PlannedProposal",
    "confirm_event",
    "list_proposals",
    "match_progress",
    "propose_progress",
    "record_proposals",
    "reject_event",
]
