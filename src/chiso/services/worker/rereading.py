"""Re-reading the reports an older extractor read (after an upgrade), by the worker: one report
per unit of work, each locked while it is re-read (:func:`chiso.store.worker.report_to_reread`),
so that two workers never re-read one report at once and a killed job leaves each report either
re-read or as it was. What is kept of people's decisions is
:mod:`chiso.services.reports.reextract`'s rule."""

from __future__ import annotations

import logging

from chiso.errors import ChisoError
from chiso.services.reports.reextract import is_stale, reextract_in, stale_report_ids
from chiso.services.worker.schemas import RereadRun
from chiso.store import worker as worker_store
from chiso.store.db import Database

log = logging.getLogger("chiso.worker")


def reread_stale(db: Database, *, actor: str = "worker", limit: int | None = None) -> RereadRun:
    """Re-read the stale reports (at most ``limit``), oldest first; a report that cannot be re-read
    is logged, counted and left stale (it does not stop the others)."""
    ids = stale_report_ids(db)
    if limit is not None:
        ids = ids[:limit]
    reread = skipped = failed = 0
    for report_id in ids:
        try:
            with db.transaction() as s:
                report = worker_store.report_to_reread(s, report_id)
                if report is None or not is_stale(report.extractor_version, report.source_kind):
                    skipped += 1
                    continue
                reextract_in(s, report, actor=actor)
                reread += 1
        except ChisoError as exc:
            log.warning("report %s could not be re-read: %s", report_id, exc)
            failed += 1
    return RereadRun(reread=reread, skipped=skipped, failed=failed)


__all__ = ["reread_stale"]
