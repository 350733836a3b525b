"""Adding many reports: reading and extraction in worker processes, storing one report per
transaction in this one; a failed source is reported with its reason and the rest go on."""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice

from chiso.config import Settings
from chiso.errors import ChisoError
from chiso.services.reports import PreparedReport, prepare_report, store_report
from chiso.services.reports.sources import read_source
from chiso.services.schemas import AddReportResult
from chiso.store.db import Database

log = logging.getLogger("chiso.batch")


@dataclass(frozen=True, slots=True)
class BatchItem:
    source: str
    result: AddReportResult | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Job:
    source: str
    settings: Settings
    allow_private: bool | None
    published: date | None


def _prepare(job: _Job) -> PreparedReport | str:
    """Runs in a worker: read and extract one source, or say in one line why not."""
    try:
        doc = read_source(job.source, settings=job.settings, allow_private=job.allow_private)
        return prepare_report(doc, published=job.published)
    except ChisoError as exc:
        return str(exc)
    except Exception as exc:  # one source's surprise must not cost the batch its other sources
        log.exception("reading %s failed", job.source)
        return f"{job.source}: could not be read ({type(exc).__name__})"


def _prepare_chunk(jobs: list[_Job]) -> list[PreparedReport | str]:
    return [_prepare(job) for job in jobs]


#: Chunks of work in flight per worker. ``Executor.map`` submits every job at once, so when the
#: workers outran the storing process their results piled up in memory (10,000 reports: 240 MB);
#: a few chunks ahead per worker keep both sides busy in bounded memory.
_AHEAD = 3


def _prepared(jobs: list[_Job], workers: int) -> Iterator[PreparedReport | str]:
    """The jobs' results in order, read and extracted by ``workers`` processes a little ahead."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_prepare, jobs)
        return
    size = max(1, min(16, len(jobs) // (workers * 8)))  # chunks keep the pickling overhead small
    chunks = iter([jobs[i : i + size] for i in range(0, len(jobs), size)])
    with ProcessPoolExecutor(max_workers=workers) as pool:
        ahead: deque[Future[list[PreparedReport | str]]] = deque(
            pool.submit(_prepare_chunk, chunk) for chunk in islice(chunks, workers * _AHEAD)
        )
        while ahead:
            done = ahead.popleft().result()
            following = next(chunks, None)
            if following is not None:
                ahead.append(pool.submit(_prepare_chunk, following))
            yield from done


def add_many(
    db: Database,
    sources: list[str],
    *,
    settings: Settings,
    allow_private: bool | None = None,
    published: date | None = None,
    workers: int | None = None,
    actor: str = "cli",
    on_item: Callable[[BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Add every source; returns one item per source, in order, each with a result or an error."""
    if "-" in sources and len(sources) > 1:
        # Standard input cannot be read by a worker process; read it here first.
        raise ChisoError("stdin_alone")
    jobs = [_Job(s, settings, allow_private, published) for s in sources]
    n = workers if workers is not None else (os.cpu_count() or 1)
    items: list[BatchItem] = []
    for job, prepared in zip(jobs, _prepared(jobs, n), strict=True):
        if isinstance(prepared, str):
            item = BatchItem(job.source, error=prepared)
        else:
            try:
                item = BatchItem(job.source, result=store_report(db, prepared, actor=actor))
            except ChisoError as exc:
                item = BatchItem(job.source, error=str(exc))
        items.append(item)
        if on_item is not None:
            on_item(item)
    return items


__all__ = ["BatchItem", "add_many"]
