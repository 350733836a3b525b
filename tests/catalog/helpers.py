"""Building reports with hand-made figure mentions (the extractor is not needed to test matching)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from chiso.services.audit import now
from chiso.store.models import Mention, Report


@dataclass(frozen=True)
class Fig:
    """A figure as the extractor would report it: its quote (found in the text) and fields."""

    quote: str
    value: float
    unit: str | None = None
    of: float | None = None
    period: str | None = None
    as_of: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    change: bool = False
    occurrence: int = 0


def add_report(session: Session, text: str, figures: list[Fig], **kw: Any) -> list[Mention]:
    """Store ``text`` as a report with one pending figure mention per ``Fig``; returns the mentions."""
    report = Report(
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        lang=kw.pop("lang", "vi"),
        added_at=now(),
        extractor_version="test",
        **kw,
    )
    for f in figures:
        start = -1
        for _ in range(f.occurrence + 1):
            start = text.index(f.quote, start + 1)
        report.mentions.append(
            Mention(
                kind="figure", start=start, end=start + len(f.quote), quote=f.quote, value=f.value, unit=f.unit,
                of_total=f.of, period_text=f.period, as_of=f.as_of, period_start=f.period_start,
                period_end=f.period_end, is_change=f.change, qualifier="exact", confidence=0.9,
                extractor_version="test",
            )
        )  # fmt: skip
    session.add(report)
    session.flush()
    return sorted(report.mentions, key=lambda m: m.start)
