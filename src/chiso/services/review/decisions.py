"""Review decisions: a person (or ``auto``) accepts, corrects, links, rejects or reopens a mention,
each decision one unit of work with one audit event (who, when, before, after). A mention is
claimed with a conditional UPDATE (``... WHERE id = ? AND state = 'pending'``), so when two
people accept the same mention at once exactly one wins and the other gets ConflictError."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from chiso.errors import ConflictError, InputError, NotFoundError, validation_problems
from chiso.services import audit, observations
from chiso.services.indicators.schemas import IndicatorIn
from chiso.services.observations.recording import undated_error
from chiso.services.review import suggestions as review_suggestions
from chiso.services.review.schemas import Decision, IndicatorDraft, MentionEdit
from chiso.store import lookups
from chiso.store import review as stored_review
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention

_FIGURE_FIELDS = (
    "value", "value_max", "qualifier", "unit", "of_total", "as_of", "period_start", "period_end", "is_target",
)  # fmt: skip
_DEADLINE_FIELDS = ("due_start", "due_end", "precision", "commitment_text")


# --- helpers inside one unit of work -------------------------------------------------------------


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def _snapshot(session: Session, m: Mention) -> dict[str, Any]:
    """The reviewable state of a mention, as the audit log keeps it."""
    fields = _FIGURE_FIELDS if m.kind == "figure" else _DEADLINE_FIELDS
    snap: dict[str, Any] = {"state": m.state, **{f: _iso(getattr(m, f)) for f in fields}}
    if m.kind == "figure":
        slug = stored_review.indicator_slug(session, m.indicator_id) if m.indicator_id else None
        snap.update(indicator=slug, observation_id=m.observation_id)
    else:
        snap["commitment_id"] = m.commitment_id
    return snap


def _already(m: Mention) -> ConflictError:
    when = f"{m.decided_at:%Y-%m-%d %H:%M}" if m.decided_at else None
    return ConflictError(
        "mention_already_decided", id=m.id, state=m.state, who=m.decided_by or None, when=when
    )


def _claim(session: Session, m: Mention, state: str, actor: str) -> None:
    """Move a pending mention to ``state``; the loser of a race gets ConflictError."""
    if m.state != "pending":
        raise _already(m)
    if not stored_review.claim(session, m.id, state=state, at=audit.now(), actor=actor):
        session.refresh(m)
        raise _already(m)
    # Keep the identity map in step with the row the UPDATE wrote.
    session.refresh(m)


def _apply(m: Mention, edits: MentionEdit) -> None:
    allowed = _FIGURE_FIELDS if m.kind == "figure" else _DEADLINE_FIELDS
    for field, value in edits.changes().items():
        if field not in allowed:
            raise InputError("field_not_editable", field=field, kind=m.kind)
        setattr(m, field, value)
    if m.kind == "figure" and m.value is None:
        raise InputError("figure_needs_value")
    if m.kind == "deadline":
        _check_due(m)
    if m.kind == "figure" and (m.period_start or m.period_end) and m.as_of and "as_of" in edits.changes():
        # A person who sets an as-of date means a point, not the period the extractor read.
        m.period_start = m.period_end = None
    changed = edits.changes()
    if (
        m.kind == "figure"
        and m.as_of
        and "as_of" not in changed
        and ("period_start" in changed or "period_end" in changed)
    ):
        # ... and one who sets a period means a flow over it: an as-of date would outrank it.
        m.as_of = None
    if m.kind == "figure" and m.period_start and m.period_end and m.period_start > m.period_end:
        raise InputError("period_reversed", start=m.period_start, end=m.period_end)


def _check_due(m: Mention) -> None:
    """A deadline is a promise with a date: a correction may move its dates, never clear both."""
    if m.due_start is None and m.due_end is None:
        raise InputError("deadline_needs_due", id=m.id)
    if m.due_start is not None and m.due_end is not None and m.due_start > m.due_end:
        raise InputError("deadline_due_reversed", id=m.id)


def _indicator(session: Session, slug: str) -> Indicator:
    ind = stored_review.indicator_by_slug(session, slug)
    if ind is None:
        raise NotFoundError("no_such_indicator_slug", slug=slug)
    return ind


def _decided(
    session: Session,
    m: Mention,
    *,
    actor: str,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any] | None = None,
    **extra: Any,
) -> Decision:
    """Record one decision in the audit log (same unit of work) and say what it did."""
    session.flush()
    event = audit.record(
        session,
        actor=actor,
        action=f"mention.{action}",
        entity="mention",
        entity_id=m.id,
        before=before,
        after=after if after is not None else _snapshot(session, m),
    )
    session.flush()
    return Decision(
        mention_id=m.id,
        kind=m.kind,
        action=_PAST[action],
        state=m.state,
        actor=actor,
        quote=m.quote,
        audit_id=event.id,
        **extra,
    )


_PAST = {"accept": "accepted", "reject": "rejected", "edit": "edited", "reopen": "reopened"}


def _accept_in(
    session: Session,
    m: Mention,
    *,
    actor: str,
    indicator: Indicator | None = None,
    slug: str | None = None,
    commitment_id: int | None = None,
    edits: MentionEdit | None = None,
    score: float | None = None,
    indicator_created: bool = False,
    owner: str | None = None,
) -> Decision:
    if m.report.retracted_at is not None:
        raise ConflictError("report_retracted", id=m.report_id)
    if m.report.published_on is None:
        # Its relative dates cannot be resolved and its points would take the day of review.
        raise undated_error(m.report_id)
    before = _snapshot(session, m)
    _claim(session, m, "accepted", actor)
    if edits is not None:
        _apply(m, edits)
    decision: dict[str, Any] = {}
    if m.kind == "figure":
        if commitment_id is not None:
            raise InputError("figure_links_indicator", id=m.id)
        if indicator is None and slug is not None:
            indicator = _indicator(session, slug)
        if indicator is None:
            top = review_suggestions.suggest(session, m, text=m.report.text, limit=1)
            if not top:
                raise InputError("no_suggested_indicator", id=m.id)
            indicator, score = session.get(Indicator, top[0].indicator_id), top[0].score
            assert indicator is not None
        obs, created = observations.observe(session, m, indicator.id)
        review_suggestions._learn(session, m, indicator.id)
        session.flush()
        # Independent sources are distinct stories: a syndicated copy of a story already among the
        # point's sources corroborates nothing.
        stories = stored_review.point_sources(session, obs.id)
        own = next(story for mid, story in stories if mid == m.id)
        decision.update(
            indicator=indicator.slug,
            observation_id=obs.id,
            observation_created=created,
            source_count=len({story for _, story in stories}),
            syndicated_copy=any(story == own and mid != m.id for mid, story in stories),
        )
    else:
        if indicator is not None or slug is not None:
            raise InputError("deadline_links_commitment", id=m.id)
        from chiso.services import commitments

        _check_due(m)  # a commitment with no date would sit on the board as neither due nor late
        if commitment_id is not None:
            commitments.link_mention(session, m, commitment_id, actor=actor)
            created = False
        else:
            commitment = commitments.create_from_mention(session, m, actor=actor, owner=owner)
            commitment_id, created = commitment.id, True
        m.commitment_id = commitment_id
        decision.update(commitment_id=commitment_id, commitment_created=created)
    return _decided(
        session,
        m,
        actor=actor,
        action="accept",
        before=before,
        score=score,
        indicator_created=indicator_created,
        **decision,
    )


# --- the use cases ---------------------------------------------------------------------------------


def accept(
    db: Database,
    mention_id: int,
    *,
    indicator: str | None = None,
    commitment_id: int | None = None,
    new_commitment: bool = False,
    edits: MentionEdit | None = None,
    actor: str,
    owner: str | None = None,
) -> Decision:
    """Accept a mention with its top suggestion unless told otherwise: a figure becomes (or
    corroborates) an observation of ``indicator`` (the top suggested indicator when none is
    named); a deadline joins ``commitment_id``, else the top suggested commitment, and becomes a
    new commitment only when none is suggested or ``new_commitment`` says so (a deliberate
    choice: a promise already tracked must not be tracked twice). A new commitment's ``owner`` is
    the one given (an empty text: none), else the one its own sentence names."""
    if indicator is not None and commitment_id is not None:
        raise InputError("indicator_or_commitment")
    if new_commitment and commitment_id is not None:
        raise InputError("commitment_or_new")
    # a new database's first decision may name a shipped indicator before anything loaded them
    review_suggestions._ensure_catalog(db)
    with db.transaction() as s:
        m = lookups.get(s, Mention, mention_id)
        score = None
        if m.kind == "deadline" and commitment_id is None and not new_commitment and m.state == "pending":
            top = review_suggestions.suggest_commitments(s, m, limit=1)
            if top:
                commitment_id, score = top[0].commitment_id, top[0].score
        return _accept_in(
            s,
            m,
            actor=actor,
            slug=indicator,
            commitment_id=commitment_id,
            edits=edits,
            score=score,
            owner=owner,
        )


def reject(db: Database, mention_id: int, *, actor: str, reason: str | None = None) -> Decision:
    """Reject a mention (not a figure worth tracking, or read wrongly beyond repair)."""
    with db.transaction() as s:
        m = lookups.get(s, Mention, mention_id)
        before = _snapshot(s, m)
        _claim(s, m, "rejected", actor)
        return _decided(
            s, m, actor=actor, action="reject", before=before, after={**_snapshot(s, m), "reason": reason}
        )


def edit(db: Database, mention_id: int, edits: MentionEdit, *, actor: str) -> Decision:
    """Correct what the extractor read. An accepted figure moves to the observation its new values
    belong to (the old point goes when nothing else supports it)."""
    if not edits.changes():
        raise InputError("nothing_to_edit")
    with db.transaction() as s:
        m = lookups.get(s, Mention, mention_id)
        before = _snapshot(s, m)
        if m.state == "accepted" and m.kind == "figure" and m.indicator_id is not None:
            indicator_id = m.indicator_id
            observations.detach(s, m)
            _apply(m, edits)
            observations.observe(s, m, indicator_id)
        elif m.state == "rejected":
            raise _already(m)
        else:
            _apply(m, edits)
        return _decided(
            s,
            m,
            actor=actor,
            action="edit",
            before=before,
            observation_id=m.observation_id,
            commitment_id=m.commitment_id,
        )


def _spec(draft: IndicatorDraft | IndicatorIn, m: Mention) -> IndicatorIn:
    """The new indicator validated like a catalogue entry; its unit defaults to the figure's."""
    if isinstance(draft, IndicatorIn):
        return draft
    fields = draft.model_dump(exclude_none=True)
    fields["unit"] = draft.unit or m.unit_head or m.unit or ""
    fields.setdefault("name_en", draft.name_vi)
    try:
        return IndicatorIn.model_validate(fields)
    except ValidationError as exc:
        raise InputError("new_indicator_invalid", problems=validation_problems(exc.errors())) from None


def create_indicator_from(
    db: Database,
    mention_id: int,
    draft: IndicatorDraft | IndicatorIn,
    *,
    actor: str,
    edits: MentionEdit | None = None,
) -> Decision:
    """Make a new indicator from a figure (its unit by default) and accept the figure as its
    first point, in one transaction."""
    with db.transaction() as s:
        m = lookups.get(s, Mention, mention_id)
        if m.kind != "figure":
            raise InputError("deadline_no_indicator", id=m.id)
        if m.state != "pending":
            raise _already(m)
        spec = _spec(draft, m)
        if stored_review.slug_taken(s, spec.slug):
            raise ConflictError("indicator_slug_exists", slug=spec.slug)
        ind = Indicator(
            **spec.model_dump(exclude={"match"}),
            match_rules=spec.match.as_json(),
            origin="user",
            created_at=audit.now(),
        )
        s.add(ind)
        s.flush()
        audit.record(
            s,
            actor=actor,
            action="indicator.create",
            entity="indicator",
            entity_id=ind.id,
            after={**spec.model_dump(mode="json"), "from_mention": m.id},
        )
        return _accept_in(s, m, actor=actor, indicator=ind, edits=edits, indicator_created=True)


def reopen(db: Database, mention_id: int, *, actor: str) -> Decision:
    """Undo a decision: the mention is pending again, its observation loses this source (and goes
    when nothing else supports it), and the lesson the matcher learnt from it is forgotten."""
    with db.transaction() as s:
        m = lookups.get(s, Mention, mention_id)
        if m.state == "pending":
            raise ConflictError("mention_already_pending", id=m.id)
        before = _snapshot(s, m)
        removed = observations.detach(s, m)
        stored_review.forget_examples(s, m.id)
        m.state, m.decided_at, m.decided_by = "pending", None, None
        if m.kind == "figure":
            m.indicator_id = None
        else:
            # The commitment stays on the board (others may rely on it); this mention no longer supports it.
            m.commitment_id = None
        s.flush()
        after = {**_snapshot(s, m), "observation_deleted": removed}
        return _decided(s, m, actor=actor, action="reopen", before=before, after=after)


undo = reopen


__all__ = ["accept", "create_indicator_from", "edit", "reject", "reopen", "undo"]
