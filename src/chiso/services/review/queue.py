"""The review queue: pending mentions in report order, each shown in its sentence with the
indicators or commitments it may belong to, and single mentions read by id."""

from __future__ import annotations

from chiso.errors import InputError
from chiso.extract.text import sentences
from chiso.services.review import suggestions as review_suggestions
from chiso.services.review.schemas import ReportBrief, ReviewItem
from chiso.services.review.suggestions import _ensure_catalog
from chiso.services.schemas import MentionOut
from chiso.store import lookups
from chiso.store import review as stored_review
from chiso.store.db import Database
from chiso.store.models import Mention


def _sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence(s) around ``text[start:end]`` and the quote's offsets within it."""
    first, last = start, end
    for s in sentences(text):
        if s.start <= start < s.end or (s.start < end <= s.end):
            first, last = min(first, s.start), max(last, s.end)
    return text[first:last], start - first, end - first


def pending(
    db: Database, *, report_id: int | None = None, kind: str | None = None, limit: int = 50, offset: int = 0
) -> list[ReviewItem]:
    """The review queue: pending mentions in report order, each in its sentence with suggestions."""
    if kind not in (None, "figure", "deadline"):
        raise InputError("unknown_kind", value=kind)
    _ensure_catalog(db)
    with db.reading() as s:
        items: list[ReviewItem] = []
        for m in stored_review.pending_mentions(
            s, report_id=report_id, kind=kind, limit=limit, offset=offset
        ):
            sentence, qs, qe = _sentence(m.report.text, m.start, m.end)
            items.append(
                ReviewItem(
                    mention=MentionOut.model_validate(m),
                    report=ReportBrief.model_validate(m.report),
                    sentence=sentence,
                    quote_start=qs,
                    quote_end=qe,
                    suggestions=review_suggestions.suggest(s, m, text=m.report.text)
                    if m.kind == "figure"
                    else [],
                    commitment_suggestions=review_suggestions.suggest_commitments(s, m)
                    if m.kind == "deadline"
                    else [],
                    owner_suggestion=review_suggestions.suggest_owner(m) if m.kind == "deadline" else None,
                )
            )
        return items


def count_pending(db: Database, *, kind: str | None = None) -> int:
    with db.reading() as s:
        return stored_review.count_pending(s, kind=kind)


def get_mention(db: Database, mention_id: int) -> MentionOut:
    with db.reading() as s:
        return MentionOut.model_validate(lookups.get(s, Mention, mention_id))


__all__ = ["count_pending", "get_mention", "pending"]
