"""Small hand-made reports, mentions and indicators for review and observation tests.

Mentions are stored directly (not extracted) so that these tests pin the review logic, not the
extractor; the sentences are written for these tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from chiso.services import audit
from chiso.services.review import suggestions as review_suggestions
from chiso.services.review.schemas import SuggestionOut
from chiso.store.db import Database
from chiso.store.models import Indicator, Mention, Report

INDICATORS: dict[str, tuple[str, str, str]] = {
    # slug: (name_vi, unit, measure)
    "vneid-activated-accounts": ("Tài khoản định danh điện tử đã kích hoạt", "tài khoản", "cumulative"),
    "vneid-organisation-accounts": ("Tài khoản định danh của tổ chức", "tài khoản", "cumulative"),
    "mps-databases-completed": (
        "Cơ sở dữ liệu của Bộ Công an đã hoàn thành",
        "cơ sở dữ liệu",
        "count_of_total",
    ),
    "vneid-daily-accesses": ("Lượt truy cập VNeID mỗi ngày", "lượt/ngày", "rate"),
}


def indicators(db: Database) -> dict[str, int]:
    """Add the test indicators (if the catalogue has not already) and return their ids."""
    from sqlalchemy import select

    with db.transaction() as s:
        out: dict[str, int] = {}
        for slug, (name, unit, measure) in INDICATORS.items():
            ind = s.scalars(select(Indicator).where(Indicator.slug == slug)).first()
            if ind is None:
                ind = Indicator(
                    slug=slug,
                    name_vi=name,
                    name_en=slug,
                    unit=unit,
                    measure=measure,
                    match_rules={},
                    created_at=audit.now(),
                )
                s.add(ind)
                s.flush()
            out[slug] = ind.id
        return out


@dataclass
class Fig:
    quote: str
    value: float
    qualifier: str = "exact"
    unit: str = "tài khoản"
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_text: str | None = None
    of_total: float | None = None
    confidence: float = 0.95
    is_target: bool = False
    is_change: bool = False
    #: the phrase that dated the figure (must occur in the text) and where it came from
    time_quote: str | None = None
    time_source: str | None = None


@dataclass
class Due:
    quote: str
    due_end: date
    text: str
    precision: str = "quarter"
    confidence: float = 0.95


@dataclass
class Made:
    report_id: int
    mention_ids: list[int] = field(default_factory=list)


def report(
    db: Database,
    text: str,
    mentions: list[Fig | Due],
    *,
    published: date | None = date(2026, 1, 16),
    url: str | None = None,
    title: str = "Báo cáo thử",
    publisher: str = "Báo Thử",
    licence: str | None = None,
) -> Made:
    """Store a report with the given mentions (each quote must occur in ``text``)."""
    with db.transaction() as s:
        r = Report(
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            url=url,
            title=title,
            publisher=publisher,
            published_on=published,
            added_at=audit.now(),
            lang="vi",
            text=text,
            extractor_version="test",
            licence=licence,
        )
        rows: list[Mention] = []
        for m in mentions:
            start = text.index(m.quote)
            common: dict[str, Any] = {
                "start": start,
                "end": start + len(m.quote),
                "quote": m.quote,
                "extractor_version": "test",
            }
            if isinstance(m, Fig):
                t_start = text.index(m.time_quote) if m.time_quote is not None else None
                rows.append(
                    Mention(
                        kind="figure",
                        value=m.value,
                        qualifier=m.qualifier,
                        unit=m.unit,
                        unit_head=m.unit,
                        as_of=m.as_of,
                        period_start=m.period_start,
                        period_end=m.period_end,
                        period_text=m.period_text,
                        of_total=m.of_total,
                        confidence=m.confidence,
                        is_target=m.is_target,
                        is_change=m.is_change,
                        time_source=m.time_source,
                        time_quote=m.time_quote,
                        time_start=t_start,
                        time_end=None
                        if t_start is None or m.time_quote is None
                        else t_start + len(m.time_quote),
                        state="pending",
                        **common,
                    )
                )
            else:
                rows.append(
                    Mention(
                        kind="deadline",
                        due_end=m.due_end,
                        precision=m.precision,
                        commitment_text=m.text,
                        trigger="chậm nhất",
                        confidence=m.confidence,
                        state="pending",
                        **common,
                    )
                )
        r.mentions = rows
        s.add(r)
        s.flush()
        return Made(report_id=r.id, mention_ids=[m.id for m in rows])


#: the scores the fake matcher gives, by unit: (slug, score) best first
FAKE_SCORES: dict[str, list[tuple[str, float]]] = {
    "tài khoản": [("vneid-activated-accounts", 0.95), ("vneid-organisation-accounts", 0.4)],
    "tài khoản tổ chức": [("vneid-organisation-accounts", 0.93), ("vneid-activated-accounts", 0.85)],
    "cơ sở dữ liệu": [("mps-databases-completed", 0.97)],
    "lượt/ngày": [("vneid-daily-accesses", 0.7)],
}


def fake_matcher(
    monkeypatch: pytest.MonkeyPatch, scores: dict[str, list[tuple[str, float]]] | None = None
) -> list[int]:
    """Replace the catalogue's matcher with fixed scores per unit; returns the mention ids it learnt from.

    Used where a test needs exact scores (auto's thresholds and margin); the real matcher is
    exercised by the acceptance tests on the seed reports.
    """
    table = scores or FAKE_SCORES
    learnt: list[int] = []

    def suggest(session: Any, mention: Mention, *, text: str, limit: int = 5) -> list[SuggestionOut]:
        from sqlalchemy import select

        out = []
        for slug, score in table.get(mention.unit or "", [])[:limit]:
            ind = session.scalars(select(Indicator).where(Indicator.slug == slug)).one()
            out.append(
                SuggestionOut(
                    indicator_id=ind.id,
                    slug=slug,
                    name_vi=ind.name_vi,
                    name_en=ind.name_en,
                    score=score,
                    reasons=[f"đơn vị · unit “{mention.unit}”"],
                )
            )
        return out

    def learn(session: Any, mention: Mention, indicator_id: int) -> None:
        learnt.append(mention.id)

    monkeypatch.setattr(review_suggestions, "suggest", suggest)
    monkeypatch.setattr(review_suggestions, "_learn", learn)
    return learnt
