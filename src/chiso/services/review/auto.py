"""Auto-review: accept, each in its own transaction, only the pending mentions that need no person
(a confident reading and a clear top suggestion), and say why each of the others was skipped."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chiso.errors import ConflictError, InputError
from chiso.services.review import suggestions as review_suggestions
from chiso.services.review.decisions import _accept_in
from chiso.services.review.schemas import AutoResult, AutoSkip
from chiso.services.review.suggestions import _ensure_catalog
from chiso.store import lookups
from chiso.store import review as stored_review
from chiso.store.db import Database
from chiso.store.models import Mention

#: how far the top indicator must lead the runner-up for ``auto`` to take it without a person:
#: two indicators scoring 0.95 and 0.9 are a question, not an answer.
AUTO_MARGIN = 0.15
#: scores are sums of float weights: 0.8999999999999999 means 0.9 and must pass a 0.9 threshold
_EPSILON = 1e-6


def _plan(s: Session, m: Mention, min_confidence: float) -> tuple[str, str | int | None, float | None]:
    """What ``auto`` would do with one mention: ("indicator", slug), ("deadline", None) (decided
    in its transaction, :func:`_deadline_plan`) or ("skip", reason)."""
    if m.report.published_on is None:
        return "skip", "the report has no publication date", None
    if m.confidence + _EPSILON < min_confidence:
        return "skip", "low extraction confidence", None
    if m.kind == "figure":
        if m.is_change:
            return "skip", "a change, not a level", None
        if m.is_target:
            return "skip", "a target, not an achieved value", None
        ranked = review_suggestions.suggest(s, m, text=m.report.text, limit=2)
        if not ranked:
            return "skip", "no indicator suggested", None
        top = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if top.score + _EPSILON < min_confidence:
            return "skip", "indicator match below threshold", top.score
        if top.score - runner_up + _EPSILON < AUTO_MARGIN:
            return "skip", "two indicators match about equally", top.score
        return "indicator", top.slug, top.score
    return "deadline", None, None


def _deadline_plan(
    s: Session, m: Mention, min_confidence: float
) -> tuple[str, int | str | None, float | None]:
    """What ``auto`` does with a deadline, decided inside its own transaction (a commitment made
    from an earlier mention of the same run is then a candidate): ("link", id) when one existing
    commitment matches confidently and clearly above the runner-up, ("new", None) when none is
    suggested at all, else ("skip", reason): a possible match is a person's question."""
    ranked = review_suggestions.suggest_commitments(s, m, limit=2)
    if not ranked:
        return "new", None, None
    top = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if top.score + _EPSILON < min_confidence:
        return "skip", "an existing commitment may be the same promise", top.score
    if top.score - runner_up + _EPSILON < AUTO_MARGIN:
        return "skip", "two commitments match about equally", top.score
    return "link", top.commitment_id, top.score


def auto(
    db: Database, *, min_confidence: float = 0.9, actor: str = "auto", report_id: int | None = None
) -> AutoResult:
    """Accept only what needs no person: figures read with confidence ≥ ``min_confidence`` whose top
    indicator scores ≥ ``min_confidence`` and clearly above the runner-up; deadlines read with that
    confidence are linked to an existing commitment that matches as confidently (and clearly
    above the runner-up), become new commitments when no existing one is suggested at all, and
    are left for a person otherwise. Each acceptance is its own transaction; nothing is printed."""
    if not 0 <= min_confidence <= 1:
        raise InputError("min_confidence_range", value=min_confidence)
    _ensure_catalog(db)
    with db.reading() as s:
        plans = [
            (m.id, *_plan(s, m, min_confidence))
            for m in stored_review.pending_mentions(s, report_id=report_id)
        ]
    result = AutoResult(min_confidence=min_confidence, considered=len(plans))
    for mention_id, what, arg, score in plans:
        if what == "skip":
            result.skipped.append(AutoSkip(mention_id=mention_id, reason=str(arg)))
            continue
        try:
            with db.transaction() as s:
                m = lookups.get(s, Mention, mention_id)
                if what == "indicator":
                    d = _accept_in(s, m, actor=actor, slug=str(arg), score=score)
                else:
                    what, arg, score = _deadline_plan(s, m, min_confidence)
                    if what == "skip":
                        result.skipped.append(AutoSkip(mention_id=mention_id, reason=str(arg)))
                        continue
                    d = _accept_in(
                        s, m, actor=actor, commitment_id=arg if isinstance(arg, int) else None, score=score
                    )
        except ConflictError:
            result.skipped.append(AutoSkip(mention_id=mention_id, reason="decided meanwhile"))
            continue
        result.decisions.append(d)
    return result


__all__ = ["AUTO_MARGIN", "auto"]
