"""The demo: short reports written for chiso (restating public figures), loaded into an empty
database the way a newsroom would have met them: one by one in publication order, each reviewed
automatically, with a person's later decisions (confirmed evidence, a missed promise) replayed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel

from chiso.config import DEFAULT_MAX_BYTES
from chiso.errors import ConflictError
from chiso.ingest.files import read_path
from chiso.services import commitments, indicators, reports, review
from chiso.store.db import Database

DEMO_REPORTS = Path(__file__).resolve().parent.parent / "demo" / "reports"
#: The demo reviews automatically at a lower bar than the CLI's default 0.9, so that a new user sees
#: several series at once; everything it decides is in the audit log under the actor "demo".
DEMO_MIN_CONFIDENCE = 0.75
#: Promises the 2026 reports show were not kept (connect the data centre to every ministry by the
#: end of 2025, said in English and in Vietnamese): resolved as missed, as an editor would.
MISSED_WORDS = ("connected to all ministries", "với tất cả các bộ")
MISSED_ON = date(2026, 1, 16)
#: One promise said in both languages (the duplicate check compares words, so it cannot pair
#: them): merged as an editor would, the Vietnamese one kept. Without it the board showed the
#: first National Data Center as both opened and 459 days late.
SAME_PROMISE = (
    ("trung tâm dữ liệu quốc gia số 1", "open the first national data center"),
    ("với tất cả các bộ", "connected to all ministries"),
)
#: Promises a later demo report shows kept (52 % of procedures fully online at the end of 2024,
#: the 2024 review says): resolved as met on that day, as an editor reading it would.
KEPT = (("lên 50%", date(2024, 12, 31), "52% of procedures fully online at the end of 2024"),)


class DemoResult(BaseModel):
    reports: int
    figures: int
    deadlines: int
    accepted: int
    commitments: int
    proposals_confirmed: int


def demo_paths() -> list[Path]:
    return sorted(DEMO_REPORTS.glob("*.txt"))


def load_demo(db: Database, *, actor: str = "demo") -> DemoResult:
    """Load every demo report into an empty database, reviewing as it goes."""
    if reports.count_reports(db):
        raise ConflictError("demo_needs_empty_database")
    indicators.ensure_catalog(db)
    docs = sorted(
        (read_path(p, max_bytes=DEFAULT_MAX_BYTES) for p in demo_paths()),
        key=lambda d: d.published_on or date.min,
    )
    figures = deadlines = accepted = confirmed = 0
    for doc in docs:
        added = reports.add_report(db, doc, actor=actor)
        figures += added.figures
        deadlines += added.deadlines
        # Evidence and date moves found in this report wait for a person; the demo's person agrees.
        for proposal in commitments.list_proposals(db):
            commitments.confirm_event(db, proposal.id, actor)
            confirmed += 1
        accepted += len(
            review.auto(
                db, min_confidence=DEMO_MIN_CONFIDENCE, actor=actor, report_id=added.report_id
            ).decisions
        )
    board = commitments.list_deadlines(db, on=date.today())
    for kept_words, other_words in SAME_PROMISE:
        kept = [c for c in board if kept_words in c.title.casefold()]
        others = [c for c in board if other_words in c.title.casefold()]
        if kept and others:
            for other in others:
                commitments.merge(db, kept[0].id, other.id, actor=actor)
            board = commitments.list_deadlines(db, on=date.today())
    for c in board:
        for words, on, note in KEPT:
            if c.status == "open" and words in c.title:
                commitments.resolve(db, c.id, status="met", on=on, actor=actor, note=note)
        if c.status == "open" and any(w in c.title for w in MISSED_WORDS):
            commitments.resolve(
                db,
                c.id,
                status="missed",
                on=MISSED_ON,
                actor=actor,
                note="not every ministry was connected by the end of 2025",
            )
    return DemoResult(
        reports=len(docs),
        figures=figures,
        deadlines=deadlines,
        accepted=accepted,
        commitments=len(board),
        proposals_confirmed=confirmed,
    )


__all__ = ["DEMO_REPORTS", "DemoResult", "demo_paths", "load_demo"]
