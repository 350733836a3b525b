"""Use cases for commitments: create them from deadline mentions, track them, resolve them.

Two kinds of functions live here:

- helpers that run *inside* a caller's unit of work (they take a ``Session`` and never commit):
  :func:`create_from_mention`, :func:`link_mention`, :func:`suggest_commitments` (called by the
  review service) and :func:`propose_progress` (called when a report is added);
- use cases that take a :class:`~chiso.store.db.Database`, open one unit of work and return
  the Pydantic models of :mod:`chiso.services.commitment_schemas`.

Evidence ("đã vận hành chính thức ...", "has launched ...") and due-date changes ("lùi sang
quý III", "postponed to ...") found in later reports become *proposed* events; a person
confirms or rejects each one. The history of a commitment is its list of events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import Subquery, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from chiso.errors import ConflictError, InputError, NotFoundError
from chiso.extract.progress import Completion, Postponement, Progress, find_progress
from chiso.services import audit
from chiso.services.commitment_schemas import (
    CommitmentDetail,
    CommitmentEdit,
    CommitmentEventOut,
    CommitmentOut,
    CommitmentSource,
    CommitmentSuggestion,
    ProposalOut,
)
from chiso.store.db import Database
from chiso.store.models import Commitment, CommitmentEvent, Indicator, Mention, Report
from chiso.tracking import (
    DISPLAY_STATUSES,
    OPEN_DISPLAY,
    RESOLVED,
    ResolvedStatus,
    action_overlap,
    action_words,
    date_closeness,
    precision_of,
    resolution,
    standing,
)

#: The actor automatic proposals are recorded under.
SYSTEM_ACTOR = "chiso"

#: A progress statement must cover at least this share of a commitment's action words to be
#: proposed as its evidence or due change. Chosen on the hand-written sentences of
#: tests/services/test_commitments.py (no corpus of follow-up reports yet); a person confirms
#: every proposal, so a false one costs a click and a missed one costs the evidence.
PROGRESS_MATCH = 0.6

#: A commitment below this suggestion score is not offered for a deadline mention.
SUGGEST_MIN = 0.35

_RESOLVE_CHOICES: tuple[str, ...] = ("met", "missed", "dropped")
_STATUS_FILTERS: tuple[str, ...] = (*DISPLAY_STATUSES, "open", "resolved")


# --- helpers inside a caller's unit of work ------------------------------------------------


def _snapshot(c: Commitment) -> dict[str, Any]:
    """The audit view of a commitment: its editable and computed-from fields, JSON-ready."""
    return {
        "title": c.title,
        "owner": c.owner,
        "programme": c.programme,
        "due_start": c.due_start.isoformat() if c.due_start else None,
        "due_end": c.due_end.isoformat() if c.due_end else None,
        "precision": c.precision,
        "target_indicator_id": c.target_indicator_id,
        "target_value": c.target_value,
        "status": c.status,
        "resolved_on": c.resolved_on.isoformat() if c.resolved_on else None,
    }


def _deadline_mention(mention: Mention) -> None:
    if mention.kind != "deadline":
        raise InputError(f"mention {mention.id} is a {mention.kind}, not a deadline")


def _event(
    commitment: Commitment, kind: str, *, actor: str, state: str = "confirmed", **fields: Any
) -> CommitmentEvent:
    event = CommitmentEvent(at=audit.now(), kind=kind, state=state, actor=actor, **fields)
    commitment.events.append(event)
    return event


def create_from_mention(
    session: Session,
    mention: Mention,
    *,
    actor: str,
    title: str | None = None,
    owner: str | None = None,
    programme: str | None = None,
    target_indicator_id: int | None = None,
    target_value: float | None = None,
) -> Commitment:
    """A new commitment from an accepted deadline mention, linked to it, with a ``created`` event.

    The title defaults to the mention's action text; the due range and precision are the
    mention's. The caller (the review service) decides the mention's review state.
    """
    _deadline_mention(mention)
    if mention.commitment_id is not None:
        raise ConflictError(f"mention {mention.id} is already linked to commitment {mention.commitment_id}")
    text = " ".join((title or mention.commitment_text or mention.quote).split())
    if not text:
        raise InputError("a commitment needs a title")
    if target_indicator_id is not None and session.get(Indicator, target_indicator_id) is None:
        raise NotFoundError(f"no indicator with id {target_indicator_id}")
    commitment = Commitment(
        title=text,
        owner=owner,
        programme=programme,
        due_start=mention.due_start,
        due_end=mention.due_end,
        precision=mention.precision or precision_of(mention.due_start, mention.due_end),
        target_indicator_id=target_indicator_id,
        target_value=target_value,
        status="open",
        created_at=audit.now(),
        events=[],
    )
    session.add(commitment)
    _event(
        commitment,
        "created",
        actor=actor,
        mention_id=mention.id,
        report_id=mention.report_id,
        new_due_start=mention.due_start,
        new_due_end=mention.due_end,
        status="open",
        note=mention.quote,
    )
    session.flush()
    mention.commitment_id = commitment.id
    audit.record(
        session,
        actor=actor,
        action="commitment.create",
        entity="commitment",
        entity_id=commitment.id,
        after={**_snapshot(commitment), "mention_id": mention.id},
    )
    return commitment


def _get(session: Session, commitment_id: int) -> Commitment:
    commitment = session.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFoundError(f"no commitment with id {commitment_id}")
    return commitment


def _source_reports(session: Session, commitment_id: int) -> list[Report]:
    return list(
        session.scalars(
            select(Report)
            .join(Mention, Mention.report_id == Report.id)
            .where(Mention.commitment_id == commitment_id)
        ).unique()
    )


def link_mention(session: Session, mention: Mention, commitment_id: int, *, actor: str) -> Commitment:
    """Link a deadline mention to an existing commitment (another report restating it).

    When the mention comes from a report published after every source of the commitment and
    gives another due range, a due-date change is *proposed* (a person confirms it).
    Linking a mention to the commitment it is already linked to changes nothing.
    """
    _deadline_mention(mention)
    commitment = _get(session, commitment_id)
    if mention.commitment_id == commitment_id:
        return commitment
    if mention.commitment_id is not None:
        raise ConflictError(f"mention {mention.id} is already linked to commitment {mention.commitment_id}")
    sources = _source_reports(session, commitment_id)
    mention.commitment_id = commitment_id
    _event(
        commitment,
        "linked",
        actor=actor,
        mention_id=mention.id,
        report_id=mention.report_id,
        note=mention.quote,
    )
    report = session.get(Report, mention.report_id)
    published = report.published_on if report is not None else None
    later = published is not None and all(
        r.published_on is None or r.published_on < published for r in sources
    )
    moved = (mention.due_start, mention.due_end) != (commitment.due_start, commitment.due_end)
    propose = later and moved and mention.due_end is not None and commitment.status == "open"
    if propose:
        _event(
            commitment,
            "due_changed",
            actor=actor,
            state="proposed",
            mention_id=mention.id,
            report_id=mention.report_id,
            old_due_start=commitment.due_start,
            old_due_end=commitment.due_end,
            new_due_start=mention.due_start,
            new_due_end=mention.due_end,
            note=mention.quote,
        )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="commitment.link",
        entity="commitment",
        entity_id=commitment_id,
        after={"mention_id": mention.id, "due_change_proposed": propose},
    )
    return commitment


def suggest_commitments(session: Session, mention: Mention, limit: int = 5) -> list[CommitmentSuggestion]:
    """Existing commitments a deadline mention may restate, best first.

    The score weighs the words the two action texts share (both ways, so neither a short
    title nor a long clause wins alone) at 0.75 and the closeness of the due dates at 0.25.
    """
    text = mention.commitment_text or mention.quote
    words = action_words(text)
    if not words:
        return []
    out: list[CommitmentSuggestion] = []
    for c in session.scalars(select(Commitment).order_by(Commitment.id)):
        overlap = (action_overlap(c.title, text) + action_overlap(text, c.title)) / 2
        if overlap == 0:
            continue
        close = date_closeness(c.due_end, mention.due_end)
        score = round(0.75 * overlap + 0.25 * close, 3)
        if score < SUGGEST_MIN:
            continue
        shared = len(action_words(c.title) & words)
        reasons = [f"{shared}/{len(action_words(c.title))} từ của việc trùng · words of the action shared"]
        if c.due_end is not None and c.due_end == mention.due_end:
            reasons.append("cùng hạn · same due date")
        elif c.due_end is not None and mention.due_end is not None:
            reasons.append(f"hạn cách nhau {abs((c.due_end - mention.due_end).days)} ngày · days apart")
        if c.id == mention.commitment_id:
            reasons.append("đã liên kết · already linked")
        out.append(CommitmentSuggestion(commitment_id=c.id, title=c.title, score=score, reasons=reasons))
    out.sort(key=lambda s: (-s.score, s.commitment_id))
    return out[:limit]


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def has_open(session: Session) -> bool:
    """Whether any commitment is still open (one indexed lookup)."""
    return session.scalar(select(Commitment.id).where(Commitment.status == "open").limit(1)) is not None


def propose_progress(session: Session, report: Report, statements: Sequence[Progress] | None = None) -> int:
    """Propose evidence and due-date changes that ``report`` states for open commitments.

    Runs :func:`chiso.extract.progress.find_progress` on the report's text; each statement
    whose action covers an open commitment's action (:data:`PROGRESS_MATCH`) becomes a
    ``proposed`` event linked to the report: ``evidence`` dated the report's publication day,
    or ``due_changed`` with the new range. Statements inside the report's own deadline
    mentions, and reports of a commitment's own story, are skipped (a promise restated is no
    evidence). Returns the number of events added; running it twice adds nothing new.
    ``statements``, when given, are that text's progress statements already found (by a worker).
    """
    if statements is None:
        lang = report.lang if report.lang in ("vi", "en") else "auto"
        statements = find_progress(report.text, report.published_on, lang)  # type: ignore[arg-type]
    if not statements:
        return 0
    if not has_open(session):
        return 0  # nothing open to be kept or moved: the common case while a database is young
    own = [(m.start, m.end) for m in report.mentions if m.kind == "deadline"]
    statements = [st for st in statements if not _overlaps((st.start, st.end), own)]
    commitments = list(
        session.scalars(
            select(Commitment).where(Commitment.status == "open").options(selectinload(Commitment.events))
        )
    )
    day = report.published_on or (report.added_at.date() if report.added_at else date.today())
    added = 0
    for commitment in commitments:
        stories = {r.story_id or r.id for r in _source_reports(session, commitment.id)}
        if report.id in stories or (report.story_id or report.id) in stories:
            continue
        if any(e.report_id == report.id and e.kind in ("evidence", "due_changed") for e in commitment.events):
            continue
        best: Completion | Postponement | None = None
        best_score = 0.0
        for st in statements:
            score = action_overlap(commitment.title, st.action)
            if score >= PROGRESS_MATCH and score > best_score:
                best, best_score = st, score
        if best is None:
            continue
        if isinstance(best, Completion):
            event = _event(
                commitment,
                "evidence",
                actor=SYSTEM_ACTOR,
                state="proposed",
                report_id=report.id,
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
                report_id=report.id,
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
                "report_id": report.id,
                "quote": best.quote,
                "score": round(best_score, 3),
            },
        )
        added += 1
    return added


# --- reading -------------------------------------------------------------------------------


def _counts(events: Sequence[CommitmentEvent]) -> tuple[int, int]:
    evidence = sum(
        1
        for e in events
        if e.state == "confirmed"
        and (e.kind == "evidence" or (e.kind == "resolved" and e.mention_id is not None))
    )
    pending = sum(1 for e in events if e.state == "proposed")
    return evidence, pending


def _out(c: Commitment, on: date, counts: tuple[int, int] | None = None) -> CommitmentOut:
    """A commitment as it stands on ``on``; ``counts`` (evidence, pending proposals) when the
    caller counted them in SQL, else they are counted from ``c.events``."""
    s = standing(status=c.status, due_start=c.due_start, due_end=c.due_end, on=on, resolved_on=c.resolved_on)
    evidence, pending = counts if counts is not None else _counts(c.events)
    return CommitmentOut(
        id=c.id,
        title=c.title,
        owner=c.owner,
        programme=c.programme,
        due_start=c.due_start,
        due_end=c.due_end,
        precision=c.precision,
        target_indicator_id=c.target_indicator_id,
        target_value=c.target_value,
        status=c.status,
        resolved_on=c.resolved_on,
        display_status=s.status,
        on=on,
        days_left=s.days_left,
        days_late=s.days_late,
        evidence=evidence,
        pending_proposals=pending,
        created_at=c.created_at,
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
    """Confirmed evidence and pending proposals per commitment (the rule of :func:`_counts`)."""
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


def _matches(value: str | None, needle: str | None) -> bool:
    # Compared in Python: SQLite's lower() folds ASCII only ("Đề án" would never match "đề án").
    return not needle or (value is not None and needle.casefold() in value.casefold())


def list_deadlines(
    db: Database,
    *,
    on: date,
    status: str | None = None,
    owner: str | None = None,
    programme: str | None = None,
    target_indicator: int | None = None,
) -> list[CommitmentOut]:
    """The deadline board on day ``on``, soonest due first.

    ``status`` filters on the display status (``overdue``, ``due_soon``, ``upcoming``, ``met``,
    ``met_late``, ``missed``, ``dropped``), or ``open``/``resolved`` for every unresolved or
    resolved one. ``owner`` and ``programme`` match any part, ignoring case.
    ``target_indicator`` keeps the commitments that set a target for that indicator (its id).
    One query: the commitments' columns with their events counted by ``GROUP BY``.
    """
    if status is not None and status not in _STATUS_FILTERS:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(_STATUS_FILTERS)}")
    counts = _event_counts()
    q = (
        select(*_BOARD_COLS, counts.c.evidence, counts.c.pending)
        .outerjoin(counts, counts.c.commitment_id == Commitment.id)
        .order_by(Commitment.due_end.asc().nulls_last(), Commitment.id)
    )
    if target_indicator is not None:
        q = q.where(Commitment.target_indicator_id == target_indicator)
    if status == "open" or status in OPEN_DISPLAY:
        # Open on ``on``: not resolved, or resolved after it (the display status decides below).
        q = q.where(or_(Commitment.status.not_in(RESOLVED), Commitment.resolved_on > on))
    with db.reading() as s:
        rows = [
            _out(cast(Commitment, c), on, (int(c.evidence or 0), int(c.pending or 0)))
            for c in s.connection().execute(q)
            if _matches(c.owner, owner) and _matches(c.programme, programme)
        ]
    if status == "open":
        return [r for r in rows if r.display_status in OPEN_DISPLAY]
    if status == "resolved":
        return [r for r in rows if r.display_status not in OPEN_DISPLAY]
    if status is not None:
        return [r for r in rows if r.display_status == status]
    return rows


def _event_outs(session: Session, events: Iterable[CommitmentEvent]) -> list[CommitmentEventOut]:
    events = list(events)
    ids = {e.report_id for e in events if e.report_id is not None}
    reports = {r.id: r for r in session.scalars(select(Report).where(Report.id.in_(ids)))} if ids else {}
    out = []
    for e in events:
        r = reports.get(e.report_id) if e.report_id is not None else None
        out.append(
            CommitmentEventOut.model_validate(e).model_copy(
                update={
                    "report_title": r.title if r else None,
                    "report_published_on": r.published_on if r else None,
                }
            )
        )
    return out


def get_commitment(db: Database, commitment_id: int, *, on: date | None = None) -> CommitmentDetail:
    """A commitment on day ``on`` (default today) with its events and every quote stating it."""
    with db.reading() as s:
        c = s.get(Commitment, commitment_id, options=[selectinload(Commitment.events)])
        if c is None:
            raise NotFoundError(f"no commitment with id {commitment_id}")
        base = _out(c, on or date.today())
        mentions = s.execute(
            select(Mention, Report)
            .join(Report, Mention.report_id == Report.id)
            .where(Mention.commitment_id == commitment_id)
            .order_by(Report.published_on.asc().nulls_last(), Mention.id)
        ).all()
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
            )
            for m, r in mentions
        ]
        return CommitmentDetail(**base.model_dump(), events=_event_outs(s, c.events), sources=sources)


def list_proposals(db: Database, *, commitment_id: int | None = None) -> list[ProposalOut]:
    """Evidence and due-date changes waiting for a person, oldest first."""
    with db.reading() as s:
        q = (
            select(CommitmentEvent, Commitment)
            .join(Commitment, CommitmentEvent.commitment_id == Commitment.id)
            .where(CommitmentEvent.state == "proposed")
            .order_by(CommitmentEvent.id)
        )
        if commitment_id is not None:
            q = q.where(CommitmentEvent.commitment_id == commitment_id)
        rows = s.execute(q).all()
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


def _proposed(session: Session, event_id: int) -> CommitmentEvent:
    event = session.get(CommitmentEvent, event_id)
    if event is None:
        raise NotFoundError(f"no commitment event with id {event_id}")
    if event.state != "proposed":
        raise ConflictError(f"event {event_id} is already {event.state}")
    return event


def confirm_event(db: Database, event_id: int, actor: str) -> CommitmentOut:
    """A person confirms a proposal.

    Evidence resolves the commitment as ``met`` on the evidence's date (``met_late`` after
    ``due_end``); a commitment already met keeps its earlier date. A due change moves the
    commitment's due range; the event keeps the old and new range and its source report.
    """
    with db.transaction() as s:
        event = _proposed(s, event_id)
        c = event.commitment
        before = _snapshot(c)
        if event.kind == "evidence":
            day = event.on_date or audit.now().date()
            if c.status in ("met", "met_late") and c.resolved_on is not None and c.resolved_on <= day:
                pass  # corroboration of an earlier success: the first date stands
            else:
                c.status = resolution("met", on=day, due_end=c.due_end)
                c.resolved_on = day
            event.status = c.status
        elif event.kind == "due_changed":
            if c.status != "open":
                raise ConflictError(f"commitment {c.id} is {c.status}; reopen it before moving its due date")
            event.old_due_start, event.old_due_end = c.due_start, c.due_end
            if event.new_due_start is not None or event.new_due_end is not None:
                c.due_start, c.due_end = event.new_due_start, event.new_due_end
                c.precision = precision_of(c.due_start, c.due_end)
        else:
            raise ConflictError(f"event {event_id} is a {event.kind}, which is not confirmed")
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


def reject_event(db: Database, event_id: int, actor: str) -> CommitmentEventOut:
    """A person rejects a proposal; it stays in the history as ``rejected``."""
    with db.transaction() as s:
        event = _proposed(s, event_id)
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


def resolve(
    db: Database,
    commitment_id: int,
    *,
    status: str,
    on: date,
    evidence_mention_id: int | None = None,
    actor: str,
    note: str | None = None,
) -> CommitmentOut:
    """Resolve a commitment as ``met``, ``missed`` or ``dropped`` on day ``on``.

    ``met`` after ``due_end`` is stored as ``met_late``. The evidence mention (any mention,
    usually from a later report) is kept on the ``resolved`` event.
    """
    if status not in _RESOLVE_CHOICES:
        raise InputError(f"status must be one of {', '.join(_RESOLVE_CHOICES)}, got {status!r}")
    with db.transaction() as s:
        c = _get(s, commitment_id)
        if c.status != "open":
            raise ConflictError(f"commitment {commitment_id} is already {c.status}; reopen it first")
        report_id = None
        if evidence_mention_id is not None:
            m = s.get(Mention, evidence_mention_id)
            if m is None:
                raise NotFoundError(f"no mention with id {evidence_mention_id}")
            report_id = m.report_id
        before = _snapshot(c)
        c.status = resolution(cast(ResolvedStatus, status), on=on, due_end=c.due_end)
        c.resolved_on = on
        _event(
            c,
            "resolved",
            actor=actor,
            mention_id=evidence_mention_id,
            report_id=report_id,
            on_date=on,
            status=c.status,
            note=note,
        )
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="commitment.resolve",
            entity="commitment",
            entity_id=c.id,
            before=before,
            after={**_snapshot(c), "evidence_mention_id": evidence_mention_id},
        )
        return _out(c, on)


def reopen(db: Database, commitment_id: int, *, actor: str, note: str | None = None) -> CommitmentOut:
    """Undo a resolution: the commitment is open again (its history keeps the resolution)."""
    with db.transaction() as s:
        c = _get(s, commitment_id)
        if c.status == "open":
            raise ConflictError(f"commitment {commitment_id} is already open")
        before = _snapshot(c)
        _event(c, "reopened", actor=actor, status="open", note=note or f"was {c.status}")
        c.status = "open"
        c.resolved_on = None
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="commitment.reopen",
            entity="commitment",
            entity_id=c.id,
            before=before,
            after=_snapshot(c),
        )
        return _out(c, date.today())


def edit(db: Database, commitment_id: int, changes: CommitmentEdit, *, actor: str) -> CommitmentOut:
    """Change a commitment's title, owner, programme or target; only the fields set are applied."""
    fields = changes.model_fields_set
    with db.transaction() as s:
        c = _get(s, commitment_id)
        before = _snapshot(c)
        if "title" in fields:
            title = " ".join((changes.title or "").split())
            if not title:
                raise InputError("a commitment needs a title")
            c.title = title
        target = changes.target_indicator_id
        if "target_indicator_id" in fields and target is not None and s.get(Indicator, target) is None:
            raise NotFoundError(f"no indicator with id {target}")
        for name in ("owner", "programme", "target_indicator_id", "target_value"):
            if name in fields:
                value = getattr(changes, name)
                setattr(c, name, (value.strip() or None) if isinstance(value, str) else value)
        after = _snapshot(c)
        changed = sorted(k for k in after if after[k] != before[k])
        if changed:
            _event(c, "edited", actor=actor, note=", ".join(changed))
            s.flush()
            audit.record(
                s,
                actor=actor,
                action="commitment.edit",
                entity="commitment",
                entity_id=c.id,
                before=before,
                after=after,
            )
        return _out(c, date.today())


#: The statuses ``list_deadlines`` accepts as a filter (for the CLI and the web app).
STATUS_FILTERS = _STATUS_FILTERS
RESOLVE_CHOICES = _RESOLVE_CHOICES

__all__ = [
    "PROGRESS_MATCH",
    "RESOLVE_CHOICES",
    "STATUS_FILTERS",
    "SYSTEM_ACTOR",
    "confirm_event",
    "create_from_mention",
    "edit",
    "get_commitment",
    "has_open",
    "link_mention",
    "list_deadlines",
    "list_proposals",
    "propose_progress",
    "reject_event",
    "reopen",
    "resolve",
    "suggest_commitments",
]
