"""A small tracked world for the dashboard, indicator and deadline tests (web and browser).

Every sentence here was written for these tests. Four reports state the number of activated
electronic identity accounts at three dates (two of them disagree about 30 June 2025), one
sets a target with a deadline, and one report is left pending for a person to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chiso.ingest.files import read_pasted
from chiso.services import commitments, review
from chiso.services.commitments.schemas import CommitmentEdit
from chiso.services.indicators import catalogue as indicators
from chiso.services.reports import add as reports
from chiso.services.review.schemas import MentionEdit
from chiso.store.db import Database

SLUG = "vneid-activated-accounts"
ACTOR = "test"

#: (title, published, text); each text states one figure (and the first one a deadline too)
TRACKED: list[tuple[str, date, str]] = [
    (
        "Tổng kết định danh cuối năm",
        date(2025, 1, 10),
        "Theo báo cáo tổng kết, tính đến ngày 31/12/2024 cả nước đã kích hoạt hơn 55 triệu tài khoản định danh điện tử.\n\n"
        "Bộ Công an đặt mục tiêu chậm nhất ngày 31/12/2026 hoàn thành việc kích hoạt 80 triệu tài khoản định danh điện tử.\n",
    ),
    (
        "Định danh điện tử giữa năm",
        date(2025, 7, 8),
        "Tính đến ngày 30/6/2025, người dân đã kích hoạt 61 triệu tài khoản định danh điện tử trên ứng dụng.\n",
    ),
    (
        "Một bản tin khác về định danh",
        date(2025, 7, 9),
        "Một cơ quan khác cho biết tính đến ngày 30/6/2025 mới có 58 triệu tài khoản định danh điện tử được kích hoạt.\n",
    ),
]

#: Left pending: the browser test accepts its figure in the reader and sees the chart gain a point.
PENDING: tuple[str, date, str] = (
    "Định danh điện tử đầu năm 2026",
    date(2026, 1, 6),
    "Tính đến ngày 31/12/2025, đã có hơn 70 triệu tài khoản định danh điện tử được kích hoạt trên cả nước.\n",
)


@dataclass(frozen=True)
class World:
    report_ids: list[int]
    pending_report_id: int
    pending_mention_id: int
    commitment_id: int


def add(db: Database, title: str, published: date, text: str) -> int:
    doc = read_pasted(text, max_bytes=1_000_000)
    result = reports.add_report(
        db, doc, title=title, publisher="Tòa soạn thử", published=published, actor=ACTOR
    )
    return result.report_id


def build(db: Database) -> World:
    """Add the reports, accept their figures for SLUG and their deadline as a commitment with a target."""
    indicators.ensure_catalog(db)
    ids: list[int] = []
    commitment_id = None
    for title, published, text in TRACKED:
        rid = add(db, title, published, text)
        ids.append(rid)
        mentions = reports.get_report(db, rid).mentions
        promises = [(d.start, d.end) for d in mentions if d.kind == "deadline"]
        for m in mentions:
            if m.kind == "figure":
                # A figure inside a promise is the target it sets, not an achieved value.
                in_promise = any(a <= m.start < b for a, b in promises)
                edits = MentionEdit(is_target=True) if in_promise else None
                review.accept(db, m.id, indicator=SLUG, edits=edits, actor=ACTOR)
            elif commitment_id is None:
                decision = review.accept(db, m.id, actor=ACTOR)
                commitment_id = decision.commitment_id
    assert commitment_id is not None, "the first report's deadline was not found"
    target = indicators.get_indicator(db, SLUG)
    commitments.edit(
        db,
        commitment_id,
        CommitmentEdit(
            target_indicator_id=target.id, target_value=80_000_000, owner="Bộ Công an", programme="Project 06"
        ),
        actor=ACTOR,
    )
    pending_id = add(db, *PENDING)
    mention = next(m for m in reports.get_report(db, pending_id).mentions if m.kind == "figure")
    return World(
        report_ids=ids,
        pending_report_id=pending_id,
        pending_mention_id=mention.id,
        commitment_id=commitment_id,
    )


__all__ = ["PENDING", "SLUG", "TRACKED", "World", "add", "build"]
