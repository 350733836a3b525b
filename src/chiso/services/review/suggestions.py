"""What review asks of its collaborators: ranked indicators for a figure (the catalogue's matcher),
commitments for a deadline, the matcher's lesson from each link, and the shipped catalogue for a
database with none yet. The other review modules call these through this module (tests replace
them here)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chiso.services.commitments.schemas import OwnerSuggestionOut
from chiso.services.indicators.schemas import MatchReasonOut
from chiso.services.review.schemas import CommitmentSuggestionOut, SuggestionOut
from chiso.store import review as stored_review
from chiso.store.db import Database
from chiso.store.models import Mention


def suggest(session: Session, mention: Mention, *, text: str, limit: int = 5) -> list[SuggestionOut]:
    """Ranked indicators for a figure mention (from the catalogue's matcher); ``text`` is the
    report's text, which the mention's offsets point into."""
    from chiso.catalog.matching import suggest_indicators

    return [
        SuggestionOut(
            indicator_id=s.indicator_id,
            slug=s.slug,
            name_vi=s.name_vi,
            name_en=s.name_en,
            score=float(s.score),
            reasons=[str(r) for r in s.reasons],
            evidence=[MatchReasonOut(code=r.code, terms=list(r.terms)) for r in s.evidence],
        )
        for s in suggest_indicators(session, mention, text=text, limit=limit)
    ]


def suggest_commitments(
    session: Session, mention: Mention, *, limit: int = 5
) -> list[CommitmentSuggestionOut]:
    """Existing commitments a deadline mention may be about, best first."""
    from chiso.services import commitments

    out: list[CommitmentSuggestionOut] = []
    for c in commitments.suggest_commitments(session, mention, limit=limit):
        out.append(CommitmentSuggestionOut.model_validate(c))
    return out


def suggest_owner(mention: Mention) -> OwnerSuggestionOut | None:
    """Who made the promise a deadline mention states: named in its sentence, the report's title
    or publisher, else the body the report names most (the shipped owner vocabulary)."""
    from chiso.services import commitments

    report = mention.report
    return commitments.suggest_owner(
        report.text, mention.start, mention.end, title=report.title, publisher=report.publisher
    )


def _learn(session: Session, mention: Mention, indicator_id: int) -> None:
    from chiso.catalog.matching import learn

    learn(session, mention, indicator_id)


def _ensure_catalog(db: Database) -> None:
    """Load the shipped catalogue into a database that has no indicator at all yet, so that a
    new user's first review has something to match against (never re-adds deleted ones)."""
    with db.reading() as s:
        if stored_review.has_indicators(s):
            return
    from chiso.services.indicators import ensure_catalog

    ensure_catalog(db)


__all__ = ["suggest", "suggest_commitments", "suggest_owner"]
