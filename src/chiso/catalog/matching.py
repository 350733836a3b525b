"""Ranked indicator suggestions for a figure mention, and learning from people's links: the public
entry of matching, which compiles a :class:`Matcher` once per session (cached in ``session.info``
and rebuilt when indicators or examples are added), ranks mentions with it and keeps each link a
person makes as a learned example."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from chiso.catalog.match_text import fold, tokens
from chiso.catalog.neighbourhood import MentionLike, Neighbourhood, neighbourhood
from chiso.catalog.ranking import Matcher, Suggestion, _compile, _example
from chiso.store.models import Indicator, MatchExample, Mention

_CACHE_KEY = "chiso.catalog.matcher"


def _signature(session: Session) -> tuple[Any, ...]:
    """Changes when an indicator or an example is added or removed (one cheap query)."""
    row = session.execute(
        select(
            select(func.count(Indicator.id)).scalar_subquery(),
            select(func.max(Indicator.id)).scalar_subquery(),
            select(func.count(MatchExample.id)).scalar_subquery(),
            select(func.max(MatchExample.id)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def build_matcher(session: Session) -> Matcher:
    """Compile every indicator and example once; reuse the result for a batch of mentions."""
    sig = _signature(session)
    cached = session.info.get(_CACHE_KEY)
    if isinstance(cached, Matcher) and cached.signature == sig:
        return cached
    indicators = tuple(_compile(i) for i in session.scalars(select(Indicator).order_by(Indicator.id)))
    examples = [_example(e) for e in session.scalars(select(MatchExample).order_by(MatchExample.id))]
    matcher = Matcher(indicators=indicators, examples=examples, signature=sig)
    session.info[_CACHE_KEY] = matcher
    return matcher


def invalidate(session: Session) -> None:
    """Forget the compiled matcher (call after editing an indicator's rules in this session)."""
    session.info.pop(_CACHE_KEY, None)


def suggest_indicators(session: Session, mention: Mention, *, text: str, limit: int = 5) -> list[Suggestion]:
    """Indicators for a figure mention, best first; ``text`` is its report's text."""
    return build_matcher(session).suggest(mention, text, limit=limit)


def learn(session: Session, mention: Mention, indicator_id: int) -> None:
    """Keep a person's link of ``mention`` to an indicator as an example for later mentions.

    Runs inside the caller's unit of work and never commits. A new decision on the same mention
    replaces the earlier lesson.
    """
    if mention.kind != "figure":
        return
    text = mention.report.text if mention.report is not None else mention.quote
    nb = neighbourhood(mention, text)
    if mention.id is not None:
        session.execute(delete(MatchExample).where(MatchExample.mention_id == mention.id))
    session.add(
        MatchExample(
            indicator_id=indicator_id,
            mention_id=mention.id,
            unit=" ".join(nb.tail) or None,
            context=" ".join(nb.near),
            created_at=datetime.now(UTC),
        )
    )
    invalidate(session)


__all__ = [
    "Matcher",
    "MentionLike",
    "Neighbourhood",
    "Suggestion",
    "build_matcher",
    "fold",
    "invalidate",
    "learn",
    "neighbourhood",
    "suggest_indicators",
    "tokens",
]
