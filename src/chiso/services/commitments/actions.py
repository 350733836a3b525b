"""Commitments made and changed: a new commitment from an accepted deadline mention, a later
mention linked to an existing one (with the commitments it may restate, scored), and a person's
edits, resolutions (met, missed, dropped) and reopenings. The mention helpers run inside the
review service's unit of work; the person's actions each open their own.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from sqlalchemy.orm import Session

from chiso.errors import ConflictError, InputError
from chiso.services import audit
from chiso.services.alerts import events as alert_events
from chiso.services.commitments._records import _event, _out, _snapshot
from chiso.services.commitments.owners import suggest_owner
from chiso.services.commitments.schemas import CommitmentEdit, CommitmentOut, CommitmentSuggestion
from chiso.store import commitments as commitment_store
from chiso.store import lookups
from chiso.store.db import Database
from chiso.store.models import Commitment, Indicator, Mention, Report
from chiso.track.actions import action_overlap, action_words, date_closeness
from chiso.track.status import ResolvedStatus, precision_of, resolution

#: A commitment below this suggestion score is not offered for a deadline mention. 0.6 is the
#: "good match" band of the review screens (web/match_words.py): `a` accepts the top suggestion,
#: and a weak one (0.35-0.6 on the demo: another ministry's "hoàn thành kết nối" two years
#: earlier) linked a new promise to an unrelated old one.
SUGGEST_MIN = 0.6

#: ``met_late`` may be asked for by name; ``met`` after the due date is stored as ``met_late`` anyway.
_RESOLVE_CHOICES: tuple[str, ...] = ("met", "met_late", "missed", "dropped")


# --- helpers inside a caller's unit of work ------------------------------------------------


def _deadline_mention(mention: Mention) -> None:
    if mention.kind != "deadline":
        raise InputError("mention_not_deadline", id=mention.id, kind=mention.kind)


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
    mention's. ``owner`` defaults to the one the mention's own sentence names
    (:func:`chiso.services.commitments.owners.suggest_owner`); an empty text means none.
    The caller (the review service) decides the mention's review state.
    """
    _deadline_mention(mention)
    if mention.commitment_id is not None:
        raise ConflictError("mention_already_linked", id=mention.id, commitment=mention.commitment_id)
    text = " ".join((title or mention.commitment_text or mention.quote).split())
    if not text:
        raise InputError("commitment_needs_title")
    if target_indicator_id is not None:
        lookups.get(session, Indicator, target_indicator_id)
    if owner is None:
        report = mention.report
        found = suggest_owner(
            report.text, mention.start, mention.end, title=report.title, publisher=report.publisher
        )
        # Only an owner named in the promise's own sentence is taken unseen; the weaker guesses
        # (the title, the publisher, the body the report names most) wait for a person in review.
        owner = found.name if found is not None and found.source == "sentence" else None
    owner = " ".join((owner or "").split()) or None
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


def link_mention(session: Session, mention: Mention, commitment_id: int, *, actor: str) -> Commitment:
    """Link a deadline mention to an existing commitment (another report restating it).

    When the mention comes from a report published after every source of the commitment and
    gives another due range, a due-date change is *proposed* (a person confirms it).
    Linking a mention to the commitment it is already linked to changes nothing.
    """
    _deadline_mention(mention)
    commitment = lookups.get(session, Commitment, commitment_id)
    if commitment.merged_into_id is not None:
        raise ConflictError("commitment_merged_link", id=commitment_id, commitment=commitment.merged_into_id)
    if mention.commitment_id == commitment_id:
        return commitment
    if mention.commitment_id is not None:
        raise ConflictError("mention_already_linked", id=mention.id, commitment=mention.commitment_id)
    sources = commitment_store.source_reports(session, commitment_id)
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
    for c in commitment_store.unmerged(session):
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


# --- decisions -----------------------------------------------------------------------------


def _live(session: Session, commitment_id: int) -> Commitment:
    """A commitment a person may change: not one merged into another (that one holds its history)."""
    c = lookups.get(session, Commitment, commitment_id)
    if c.merged_into_id is not None:
        raise ConflictError("commitment_merged_change", id=commitment_id, commitment=c.merged_into_id)
    return c


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
    """Resolve a commitment as ``met``, ``met_late``, ``missed`` or ``dropped`` on day ``on``.

    ``met`` after ``due_end`` is stored as ``met_late``; ``met_late`` on or before ``due_end``
    (or with no due date) is refused. The evidence mention (any mention, usually from a later
    report) is kept on the ``resolved`` event.
    """
    if status not in _RESOLVE_CHOICES:
        raise InputError("commitment_status_choice", choices=", ".join(_RESOLVE_CHOICES), value=status)
    with db.transaction() as s:
        c = _live(s, commitment_id)
        if c.status != "open":
            raise ConflictError("commitment_already_resolved", id=commitment_id, status=c.status)
        report_id = None
        if evidence_mention_id is not None:
            report_id = lookups.get(s, Mention, evidence_mention_id).report_id
        before = _snapshot(c)
        requested = "met" if status == "met_late" else status
        c.status = resolution(cast(ResolvedStatus, requested), on=on, due_end=c.due_end)
        if status == "met_late" and c.status != "met_late":
            raise InputError(
                "commitment_not_late",
                id=commitment_id,
                on=on.isoformat(),
                due=c.due_end.isoformat() if c.due_end else "—",
            )
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
        alert_events.resolved(s, c)
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
        c = _live(s, commitment_id)
        if c.status == "open":
            raise ConflictError("commitment_already_open", id=commitment_id)
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
    """Change a commitment's title, owner, programme, due range or target; only the fields set
    are applied. A new due range is a confirmed ``due_changed`` event (the board of a past day
    undoes it like a confirmed proposal); the other fields an ``edited`` event naming them.
    ``changes.reason`` is the note of those events and goes into the one audit entry."""
    fields = changes.model_fields_set
    reason = " ".join((changes.reason or "").split()) or None
    with db.transaction() as s:
        c = _live(s, commitment_id)
        before = _snapshot(c)
        if "title" in fields:
            title = " ".join((changes.title or "").split())
            if not title:
                raise InputError("commitment_needs_title")
            c.title = title
        target = changes.target_indicator_id
        if "target_indicator_id" in fields and target is not None:
            lookups.get(s, Indicator, target)
        for name in ("owner", "programme", "target_indicator_id", "target_value"):
            if name in fields:
                value = getattr(changes, name)
                setattr(c, name, (value.strip() or None) if isinstance(value, str) else value)
        old_due = (c.due_start, c.due_end)
        if fields & {"due_start", "due_end"}:
            start = changes.due_start if "due_start" in fields else c.due_start
            end = changes.due_end if "due_end" in fields else c.due_end
            if start is not None and end is not None and start > end:
                raise InputError("commitment_due_reversed", id=commitment_id)
            if end is None and start is not None:
                end = start  # a single day given as the start is that day
            if (start, end) != old_due:
                if c.status != "open":
                    raise ConflictError("commitment_closed_due_date", id=c.id, status=c.status)
                c.due_start, c.due_end = start, end
                c.precision = precision_of(start, end)
        after = _snapshot(c)
        changed = sorted(k for k in after if after[k] != before[k])
        if changed:
            if (c.due_start, c.due_end) != old_due:
                _event(
                    c,
                    "due_changed",
                    actor=actor,
                    old_due_start=old_due[0],
                    old_due_end=old_due[1],
                    new_due_start=c.due_start,
                    new_due_end=c.due_end,
                    note=reason,
                )
            others = [k for k in changed if k not in ("due_start", "due_end", "precision")]
            if others:
                words = ", ".join(others)
                _event(c, "edited", actor=actor, note=f"{words}: {reason}" if reason else words)
            s.flush()
            audit.record(
                s,
                actor=actor,
                action="commitment.edit",
                entity="commitment",
                entity_id=c.id,
                before=before,
                after={**after, "reason": reason} if reason else after,
            )
        return _out(c, date.today())


RESOLVE_CHOICES = _RESOLVE_CHOICES

__all__ = [
    "RESOLVE_CHOICES",
    "SUGGEST_MIN",
    "create_from_mention",
    "edit",
    "link_mention",
    "reopen",
    "resolve",
    "suggest_commitments",
]
