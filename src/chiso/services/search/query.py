"""One search over the three kinds: a page of each, and how many of each there are."""

from __future__ import annotations

import unicodedata
from datetime import date

from pydantic import BaseModel
from sqlalchemy.orm import Session

from chiso.services.schemas import ReportSummary
from chiso.services.search.snippets import snippet
from chiso.store import folding
from chiso.store import reports as stored_reports
from chiso.store import search as index
from chiso.store.db import Database
from chiso.store.models import Report

#: the shortest query searched (folded letters and digits)
MIN_QUERY = 2
#: the longest query read: the rest is cut
MAX_QUERY = 200


class KindCount(BaseModel):
    """How many rows of a kind match, up to ``cap``: ``capped`` says there are more."""

    count: int = 0
    capped: bool = False


class ReportHit(BaseModel):
    report: ReportSummary
    #: the text around the first match, split so the page can mark the match
    before: str = ""
    match: str = ""
    after: str = ""


class IndicatorHit(BaseModel):
    slug: str
    name_vi: str
    name_en: str
    unit: str
    programme: str | None = None


class CommitmentHit(BaseModel):
    id: int
    title: str
    owner: str | None = None
    status: str
    due_end: date | None = None


class SearchResults(BaseModel):
    q: str = ""
    #: the query had fewer than MIN_QUERY letters or digits
    too_short: bool = False
    offset: int = 0
    limit: int = 20
    reports: list[ReportHit] = []
    indicators: list[IndicatorHit] = []
    commitments: list[CommitmentHit] = []
    report_count: KindCount = KindCount()
    indicator_count: KindCount = KindCount()
    commitment_count: KindCount = KindCount()


def _count(found: index.Found) -> KindCount:
    return KindCount(count=min(found.count, index.COUNT_CAP), capped=found.capped)


def _summaries(s: Session, rows: list[Report]) -> list[ReportSummary]:
    counts, pending = stored_reports.mention_tallies(s, [r.id for r in rows])
    return [
        ReportSummary.model_validate(r).model_copy(
            update={
                "figures": counts.get((r.id, "figure"), 0),
                "deadlines": counts.get((r.id, "deadline"), 0),
                "pending": pending.get(r.id, 0),
            }
        )
        for r in rows
    ]


def search(db: Database, q: str, *, offset: int = 0, limit: int = 20) -> SearchResults:
    """Reports (title, text), indicators (slug, both names) and commitments (title, owner)
    holding every word of ``q``, the last perhaps cut short, diacritics and case aside,
    newest first: ``limit`` of each from ``offset``, with each kind's count."""
    q = " ".join(unicodedata.normalize("NFC", q[:MAX_QUERY]).split())  # the stored text is NFC
    terms = folding.terms(q)
    if sum(map(len, terms)) < MIN_QUERY:
        return SearchResults(q=q, too_short=bool(q), offset=offset, limit=limit)
    with db.reading() as s:
        reports = index.find(s, "report", terms, limit=limit, offset=offset)
        indicators = index.find(s, "indicator", terms, limit=limit, offset=offset)
        commitments = index.find(s, "commitment", terms, limit=limit, offset=offset)
        rows = list(reports.rows)
        hits = []
        for row, summary in zip(rows, _summaries(s, rows), strict=True):
            before, match, after = snippet(row.text, q, terms)
            hits.append(ReportHit(report=summary, before=before, match=match, after=after))
        return SearchResults(
            q=q,
            offset=offset,
            limit=limit,
            reports=hits,
            indicators=[IndicatorHit.model_validate(i, from_attributes=True) for i in indicators.rows],
            commitments=[CommitmentHit.model_validate(c, from_attributes=True) for c in commitments.rows],
            report_count=_count(reports),
            indicator_count=_count(indicators),
            commitment_count=_count(commitments),
        )


__all__ = [
    "MAX_QUERY",
    "MIN_QUERY",
    "CommitmentHit",
    "IndicatorHit",
    "KindCount",
    "ReportHit",
    "SearchResults",
    "search",
]
