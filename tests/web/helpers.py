"""Reports the web tests add (sentences written for these tests, not copied from any source)."""

from __future__ import annotations

from datetime import date

from chiso.ingest.files import read_pasted
from chiso.services.indicators import catalogue as indicators
from chiso.services.reports import add as reports
from chiso.services.schemas import ReportDetail
from chiso.store.db import Database

TEXT = (
    "Tính đến ngày 15/3/2025, cả nước đã kích hoạt hơn 60 triệu tài khoản định danh điện tử.\n\n"
    "Bộ Công an phấn đấu chậm nhất hết quý II/2025 hoàn thành kết nối 20 cơ sở dữ liệu chuyên ngành.\n"
)

EVIL = (
    "Bản tin thử <script>alert(1)</script> và <img src=x onerror=alert(1)> giữa các con số.\n\n"
    "Tính đến ngày 1/4/2025, hệ thống đã có hơn 3 triệu lượt truy cập mỗi ngày.\n"
)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def add(
    db: Database,
    text: str = TEXT,
    *,
    title: str | None = "Bản tin thử nghiệm",
    published: date | None = date(2025, 3, 20),
) -> ReportDetail:
    """Add a report (dated: an undated one cannot be reviewed until it is given a date)."""
    indicators.ensure_catalog(db)  # the shipped indicators, so figures can be accepted
    doc = read_pasted(text, max_bytes=1_000_000)
    result = reports.add_report(
        db, doc, title=title, publisher="Tòa soạn thử", published=published, actor="test"
    )
    return reports.get_report(db, result.report_id)


def first(detail: ReportDetail, kind: str = "figure") -> int:
    return next(m.id for m in detail.mentions if m.kind == kind)
