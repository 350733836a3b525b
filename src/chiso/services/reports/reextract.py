"""Re-read stored reports with the current extractor, keeping every decision a person made.

Each report stores the version of the extractor that read it (``report.extractor_version``).
When the extractor improves, :func:`reextract` runs it again over the stored text of the
reports an older version read (or of the reports asked for), one transaction per report:

- a mention a person decided (accepted, rejected) stays exactly as it is, and a new mention of the
  same kind that overlaps it is not added (the decision covers that span);
- a pending mention the new extractor finds again unchanged keeps its id (links to it still work)
  and is stamped with the new version;
- a pending mention it no longer finds, or finds differently, is replaced by what it finds now.

The stored text is already NFC with plain line breaks, so offsets stay valid: re-normalising it
must give the same text, and a report where it does not is refused rather than misaligned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, cast

from sqlalchemy.orm import Session

from chiso.errors import ChisoError, ConflictError, InputError
from chiso.extract import EXTRACTOR_VERSION, Deadline, Figure, extract
from chiso.services import audit
from chiso.services.exports import IMPORTED_SOURCE
from chiso.services.schemas import ReextractResult
from chiso.store import lookups
from chiso.store import reports as stored_reports
from chiso.store.db import Database
from chiso.store.models import Mention, Report
from chiso.store.reports import mention_row

#: the columns that say what a mention found; equal ones mean the extractor found the same thing
_FOUND = (
    "kind", "start", "end", "quote", "confidence", "is_change", "is_target", "value", "value_max",
    "qualifier", "unit", "unit_head", "of_total", "period_text", "as_of", "period_start", "period_end",
    "due_start", "due_end", "precision", "commitment_text", "trigger",
    "time_source", "time_quote", "time_start", "time_end", "time_precision", "base_period",
)  # fmt: skip


def is_stale(extractor_version: str, source_kind: str) -> bool:
    """A report an older (or other) extractor read, which reading again can refresh."""
    return extractor_version != EXTRACTOR_VERSION and source_kind != IMPORTED_SOURCE


def stale_report_ids(db: Database) -> list[int]:
    """Reports that an older (or other) extractor version read, oldest first. Reports made by an
    import hold the imported quotes, not a text anyone extracted, so they are never stale."""
    with db.reading() as s:
        return stored_reports.stale_report_ids(s, version=EXTRACTOR_VERSION, unread_kind=IMPORTED_SOURCE)


def reextract(
    db: Database,
    report_ids: Sequence[int] | None = None,
    *,
    actor: str = "cli",
    on_done: Callable[[ReextractResult], None] | None = None,
) -> list[ReextractResult]:
    """Re-read ``report_ids`` (default: the stale ones), one transaction each; ``on_done`` is
    called after each (a progress bar)."""
    ids = stale_report_ids(db) if report_ids is None else list(report_ids)
    out: list[ReextractResult] = []
    for report_id in ids:
        result = reextract_report(db, report_id, actor=actor)
        out.append(result)
        if on_done is not None:
            on_done(result)
    return out


def reextract_report(db: Database, report_id: int, *, actor: str = "cli") -> ReextractResult:
    """Re-read one report with the current extractor (see the module docstring for what is kept)."""
    with db.transaction() as s:
        return reextract_in(s, lookups.get(s, Report, report_id), actor=actor)


def reextract_in(s: Session, report: Report, *, actor: str, record: bool = True) -> ReextractResult:
    """:func:`reextract_report` inside the caller's unit of work (giving a report its date re-reads
    it in the same transaction); ``record=False`` leaves the audit entry to the caller's action."""
    report_id = report.id
    if report.retracted_at is not None:
        raise ConflictError("report_retracted", id=report_id)
    if report.source_kind == IMPORTED_SOURCE:
        raise InputError("report_imported_no_text", id=report_id)
    lang = cast(Literal["vi", "en"], report.lang) if report.lang in ("vi", "en") else "auto"
    result = extract(report.text, published=report.published_on, lang=lang)
    if result.text != report.text:
        raise ChisoError("report_text_unstable", id=report_id)
    old_version = report.extractor_version
    existing = stored_reports.report_mentions(s, report_id)
    decided = [m for m in existing if m.state != "pending"]
    pending = {_found_key(m): m for m in existing if m.state == "pending"}
    rows: list[dict[str, object]] = []
    kept: list[int] = []
    for found in result.mentions:
        if _covered(found, decided):
            continue
        row = mention_row(found, report_id, result.version)
        same = pending.pop(tuple(row[k] for k in _FOUND), None)
        if same is not None:
            kept.append(same.id)
        else:
            rows.append(row)
    dropped = [m.id for m in pending.values()]
    stored_reports.rewrite_mentions(s, drop=dropped, keep=kept, version=result.version, add=rows)
    report.extractor_version = result.version
    outcome = ReextractResult(
        report_id=report_id,
        old_version=old_version,
        new_version=result.version,
        decided_kept=len(decided),
        unchanged=len(kept),
        removed=len(dropped),
        added=len(rows),
    )
    if record:
        _audit(s, report_id, actor, outcome)
    # The report's mention collection, if loaded, no longer matches the rows.
    s.expire(report, ["mentions"])
    return outcome


def _found_key(m: Mention) -> tuple[object, ...]:
    return tuple(getattr(m, k) for k in _FOUND)


def _covered(found: Figure | Deadline, decided: Sequence[Mention]) -> bool:
    """A decided mention of the same kind overlaps this span."""
    return any(m.kind == found.kind and m.start < found.end and found.start < m.end for m in decided)


def _audit(s: Session, report_id: int, actor: str, r: ReextractResult) -> None:
    audit.record(
        s,
        actor=actor,
        action="report.reextract",
        entity="report",
        entity_id=report_id,
        before={"extractor_version": r.old_version},
        after={
            "extractor_version": r.new_version,
            "unchanged": r.unchanged,
            "removed": r.removed,
            "added": r.added,
            "decided_kept": r.decided_kept,
        },
    )


__all__ = [
    "EXTRACTOR_VERSION",
    "is_stale",
    "reextract",
    "reextract_in",
    "reextract_report",
    "stale_report_ids",
]
