"""Web speed: server time of the main pages on a large SQLite database.

    python -m bench.web [--requests 60] [--db PATH] [--no-settle]

Fills a SQLite file with 1,000 indicators, 100,000 observations (each supported by one accepted
mention), 10,000 reports, 600 commitments and one 50 KB report with many mentions, then calls the
app in-process (TestClient: no network, no browser) and prints p50/p95 per page as a Markdown table
ready for ``BENCHMARKS.md``. The app is measured as ``chiso serve`` serves it: built by
``create_app`` and settled by ``chiso.web.app.settle`` (templates compiled, ``gc.freeze()``);
``--no-settle`` measures it without. Filling uses bulk Core inserts straight into the store: the bench is
a load generator, not a user of the service layer, and row-by-row ORM inserts would take minutes.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert

from chiso.store import models as m
from chiso.store.db import Database

N_INDICATORS = 1_000
N_OBSERVATIONS = 100_000
N_REPORTS = 10_000
N_COMMITMENTS = 600
PROGRAMMES = [
    "Project 06",
    "Resolution 57",
    "National Data Center",
    "Online public services",
    "Decision 766",
    "Digital economy",
    "Digital society",
    "Cybersecurity",
]
OWNERS = [
    "Ministry of Public Security",
    "Ministry of Science and Technology",
    "Government Office",
    "Ministry of Finance",
    "Ministry of Home Affairs",
]
STATUSES = ["open"] * 6 + ["met", "met_late", "missed", "dropped"]
TODAY = date(2026, 3, 1)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

# Filler prose written for the bench (no seed sentences): varied enough to look like a report.
_PROSE = (
    "cơ quan chức năng tiếp tục triển khai các nhiệm vụ chuyển đổi số trọng tâm kết nối dữ liệu dân cư "
    "phục vụ người dân doanh nghiệp the agency continued to roll out services across provinces while "
    "local offices reported steady progress on records shared between ministries"
)
WORDS = _PROSE.split()


_SENTENCE = (
    "Đến nay đã có hơn 1.234.567 tài khoản được kích hoạt và dự kiến hoàn thành trước ngày 30/6/2026. "
)


def _chunks(rows: Iterable[dict[str, Any]], size: int = 5_000) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _prose(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


@dataclass(frozen=True)
class Filled:
    db: Database
    indicator_slug: str
    big_report_id: int
    big_report_mentions: int
    commitment_id: int


def fill(path: Path, *, seed: int = 6) -> Filled:
    """Create and fill the bench database at ``path`` (replaced if it exists)."""
    rng = random.Random(seed)
    if path.exists():
        path.unlink()
    db = Database.from_url(f"sqlite:///{path}")
    t: dict[str, Table] = {name: model.__table__ for name, model in _tables().items()}

    def bulk(table: Table, rows: Iterable[dict[str, Any]]) -> None:
        with db.engine.begin() as conn:
            for batch in _chunks(rows):
                conn.execute(insert(table), batch)

    bulk(
        t["indicator"],
        (
            {
                "id": i,
                "slug": f"bench-indicator-{i:04d}",
                "name_vi": f"Chỉ tiêu thử nghiệm số {i}",
                "name_en": f"Bench indicator {i}",
                "unit": "tài khoản" if i % 3 else "%",
                "short_unit": None,
                "decimals": 0 if i % 3 else 1,
                "measure": "cumulative" if i % 3 else "share",
                "owner": OWNERS[i % len(OWNERS)],
                "programme": PROGRAMMES[i % len(PROGRAMMES)],
                "description": None,
                "match_rules": {},
                "origin": "catalog",
                "created_at": NOW,
            }
            for i in range(1, N_INDICATORS + 1)
        ),
    )

    # 10,000 short reports plus the 50 KB one (id N_REPORTS + 1) for the reader.
    def reports() -> Iterator[dict[str, Any]]:
        for i in range(1, N_REPORTS + 1):
            text = _prose(rng, 80)
            yield _report_row(i, text, TODAY - timedelta(days=i % 900))

    bulk(t["report"], reports())
    big_id = N_REPORTS + 1
    sentence = _SENTENCE
    big_text = (sentence * (50_000 // len(sentence) + 1))[:50_000]
    bulk(t["report"], [_report_row(big_id, big_text, TODAY)])

    # Observations: 100 points per indicator, one accepted mention each from a rotating report.
    per = N_OBSERVATIONS // N_INDICATORS
    obs_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    oid = 0
    for ind in range(1, N_INDICATORS + 1):
        value = float(rng.randint(1_000, 1_000_000))
        for k in range(per):
            oid += 1
            value += rng.randint(0, 50_000)
            ref = TODAY - timedelta(days=(per - k) * 7)
            obs_rows.append(
                {
                    "id": oid,
                    "indicator_id": ind,
                    "value": value,
                    "value_max": None,
                    "qualifier": "more_than" if k % 4 == 0 else "exact",
                    "of_total": None,
                    "as_of": ref,
                    "period_start": None,
                    "period_end": None,
                    "ref_date": ref,
                    "is_target": False,
                    "created_at": NOW,
                }
            )
            report_id = (oid % N_REPORTS) + 1
            mention_rows.append(_mention_row(oid, report_id, value, ind, oid, start=oid // N_REPORTS))
    bulk(t["observation"], obs_rows)
    bulk(t["mention"], mention_rows)

    # The big report's own mentions: mostly pending, for the reader and the review counts.
    next_mid = oid + 1
    big_mentions = []
    for j, pos in enumerate(range(0, 50_000 - len(sentence), len(sentence))):
        start = pos + sentence.index("hơn")
        big_mentions.append(
            {
                **_mention_row(next_mid + j, big_id, 1_234_567.0, None, None, start=start),
                "end": start + len("hơn 1.234.567 tài khoản"),
                "quote": "hơn 1.234.567 tài khoản",
                "state": "pending",
            }
        )
    bulk(t["mention"], big_mentions)

    bulk(
        t["commitment"],
        (
            {
                "id": c,
                "title": f"Hoàn thành nhiệm vụ thử nghiệm số {c}",
                "owner": OWNERS[c % len(OWNERS)],
                "programme": PROGRAMMES[c % len(PROGRAMMES)],
                "due_start": None,
                "due_end": TODAY + timedelta(days=rng.randint(-400, 700)),
                "precision": "day",
                "target_indicator_id": (c % N_INDICATORS) + 1 if c % 5 == 0 else None,
                "target_value": 2_000_000.0 if c % 5 == 0 else None,
                "status": STATUSES[c % len(STATUSES)],
                "resolved_on": TODAY - timedelta(days=10) if STATUSES[c % len(STATUSES)] != "open" else None,
                "created_at": NOW,
            }
            for c in range(1, N_COMMITMENTS + 1)
        ),
    )
    bulk(
        t["commitment_event"],
        (
            {
                "commitment_id": c,
                "at": NOW,
                "kind": "created",
                "state": "confirmed",
                "mention_id": None,
                "report_id": (c % N_REPORTS) + 1,
                "on_date": TODAY - timedelta(days=200),
                "actor": "bench",
            }
            for c in range(1, N_COMMITMENTS + 1)
        ),
    )
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return Filled(
        db=db,
        indicator_slug="bench-indicator-0500",
        big_report_id=big_id,
        big_report_mentions=len(big_mentions),
        commitment_id=5,
    )


def opened(path: Path) -> Filled:
    """A database filled by an earlier run of :func:`fill` (same seed, same ids)."""
    per_sentence = 50_000 // len(_SENTENCE)
    return Filled(
        db=Database.from_url(f"sqlite:///{path}"),
        indicator_slug="bench-indicator-0500",
        big_report_id=N_REPORTS + 1,
        big_report_mentions=per_sentence,
        commitment_id=5,
    )


def _tables() -> dict[str, Any]:
    return {
        "indicator": m.Indicator,
        "report": m.Report,
        "observation": m.Observation,
        "mention": m.Mention,
        "commitment": m.Commitment,
        "commitment_event": m.CommitmentEvent,
    }


def _report_row(i: int, text: str, published: date) -> dict[str, Any]:
    return {
        "id": i,
        "sha256": hashlib.sha256(f"{i}:{text}".encode()).hexdigest(),
        "url": f"https://example.gov.vn/tin/{i}",
        "final_url": None,
        "title": f"Báo cáo thử nghiệm số {i}",
        "publisher": "Bench News",
        "author": None,
        "published_on": published,
        "fetched_at": None,
        "added_at": NOW,
        "lang": "vi",
        "text": text,
        "source_kind": "file",
        "simhash": None,
        "story_id": i,
        "extractor_version": "bench",
        "licence": None,
        "feed_id": None,
    }


def _mention_row(
    mid: int,
    report_id: int,
    value: float,
    indicator_id: int | None,
    observation_id: int | None,
    *,
    start: int,
) -> dict[str, Any]:
    return {
        "id": mid,
        "report_id": report_id,
        "kind": "figure",
        "start": start,
        "end": start + 10,
        "quote": f"{value:,.0f} tài khoản",
        "value": value,
        "value_max": None,
        "qualifier": "exact",
        "unit": "tài khoản",
        "unit_head": "tài khoản",
        "of_total": None,
        "is_change": False,
        "is_target": False,
        "period_text": None,
        "as_of": None,
        "period_start": None,
        "period_end": None,
        "due_start": None,
        "due_end": None,
        "precision": None,
        "commitment_text": None,
        "trigger": None,
        "confidence": 0.9,
        "state": "accepted" if observation_id else "pending",
        "indicator_id": indicator_id,
        "commitment_id": None,
        "observation_id": observation_id,
        "decided_at": NOW if observation_id else None,
        "decided_by": "bench" if observation_id else None,
        "extractor_version": "bench",
    }


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


@dataclass(frozen=True)
class Timing:
    p50: float
    p95: float
    #: CPU time of this process per call (the app runs in-process): steadier than wall time
    #: on a shared machine, since other processes' load does not count.
    cpu_p50: float
    cpu_p95: float


def measure(call: Callable[[], Any], n: int, warmup: int = 3) -> Timing:
    """Wall and CPU milliseconds (p50, p95) of ``n`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        call()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return Timing(
        statistics.median(wall), _percentile(wall, 0.95), statistics.median(cpu), _percentile(cpu, 0.95)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument(
        "--reuse", action="store_true", help="use the database at --db as filled by an earlier run"
    )
    parser.add_argument(
        "--no-settle",
        action="store_true",
        help="skip chiso.web.app.settle() (template compilation and gc.freeze() at start-up), "
        "which `chiso serve` runs",
    )
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from chiso.web.app import create_app, settle

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench-web.sqlite3"
        t0 = time.perf_counter()
        filled = opened(path) if args.reuse and path.exists() else fill(path)
        fill_s = time.perf_counter() - t0
        print(f"filled {path} in {fill_s:.1f} s", file=sys.stderr)
        load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        app = create_app(db=filled.db)
        if not args.no_settle:
            settle(app)  # as `chiso serve` does before serving
        pages = [
            (
                f"Indicator page `/indicators/{filled.indicator_slug}` (100 points)",
                f"/indicators/{filled.indicator_slug}",
                150.0,
            ),
            ("Deadline board `/deadlines` (600 commitments)", "/deadlines", 150.0),
            (
                f"Report reader `/reports/{filled.big_report_id}` (50 KB, {filled.big_report_mentions} mentions)",
                f"/reports/{filled.big_report_id}",
                100.0,
            ),
            ("Dashboard `/` (1,000 indicators)", "/", 150.0),
        ]
        rows: list[tuple[str, str, float, Timing | None, str]] = []
        with TestClient(app) as client:
            for label, url, target in pages:
                resp = client.get(url)
                if resp.status_code != 200:
                    print(f"{url}: HTTP {resp.status_code}", file=sys.stderr)
                    rows.append((label, url, target, None, f"HTTP {resp.status_code}"))
                    continue

                def call(url: str = url) -> Any:
                    return client.get(url)

                gc.collect()  # each page starts from the same heap
                # A page that takes seconds would hold the bench for an hour: time a few calls only.
                t0 = time.perf_counter()
                call()
                slow = time.perf_counter() - t0 > 2.0
                n = 3 if slow else args.requests
                timing = measure(call, n, warmup=0 if slow else 3)
                verdict = (
                    "ok" if timing.p95 < target else ("ok (CPU)" if timing.cpu_p95 < target else "MISSED")
                )
                rows.append((label, url, target, timing, f"{verdict}, n={n}"))
                print(f"{url}: {timing}", file=sys.stderr)
        filled.db.dispose()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    served = "without settle()" if args.no_settle else "settled as `chiso serve` does (gc.freeze())"
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average before {load_before}, "
        f"at the end {load}; app {served}.\n"
    )
    print("| Page | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | target p95 | |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for label, _url, target, tm, verdict in rows:
        if tm is None:
            print(f"| {label} | | | | | < {target:.0f} | {verdict} |")
        else:
            print(
                f"| {label} | {tm.p50:.1f} | {tm.p95:.1f} | {tm.cpu_p50:.1f} | {tm.cpu_p95:.1f} | < {target:.0f} | {verdict} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
