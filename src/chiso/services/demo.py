"""The demo: short reports written for chiso (restating public figures), loaded into a fresh database."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from chiso.config import DEFAULT_MAX_BYTES
from chiso.errors import ConflictError
from chiso.ingest.files import read_path
from chiso.services import reports
from chiso.store.db import Database

DEMO_REPORTS = Path(__file__).resolve().parent.parent / "demo" / "reports"


class DemoResult(BaseModel):
    reports: int
    figures: int
    deadlines: int


def demo_paths() -> list[Path]:
    return sorted(DEMO_REPORTS.glob("*.txt"))


def load_demo(db: Database, *, actor: str = "demo") -> DemoResult:
    """Add every demo report to an empty database (one transaction per report)."""
    if reports.count_reports(db):
        raise ConflictError("the database already holds reports; the demo needs an empty database")
    figures = deadlines = 0
    paths = demo_paths()
    for path in paths:
        result = reports.add_report(db, read_path(path, max_bytes=DEFAULT_MAX_BYTES), actor=actor)
        figures += result.figures
        deadlines += result.deadlines
    return DemoResult(reports=len(paths), figures=figures, deadlines=deadlines)


__all__ = ["DEMO_REPORTS", "DemoResult", "demo_paths", "load_demo"]
