"""Web speed over HTTP against a real ``chiso serve``, at today's scale and at N times it.

    python -m bench.web [--scale 10] [--requests 40] [--no-base] [--cache DIR]

At scale 1 the database holds 1,000 indicators, 100,000 observations (each supported by one
accepted mention), 10,000 reports, 600 commitments and one 50 KB report with many mentions;
``--scale N`` multiplies every count but the big report. Each database is filled once with bulk
Core inserts (the bench is a load generator, not a user of the service layer) and kept in
``--cache`` under a key made of this file's text, the scale and the schema's head revision, so
a second run starts at once. Then, for 1x (unless ``--no-base``) and for Nx, it starts
``chiso serve`` on the database, fetches each page ``--requests`` times in a row over HTTP after
a warm-up, and prints p50/p95 per page and scale with the growth of the p95 from 1x to Nx, as
Markdown for ``BENCHMARKS.md``, with the load average of each run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Table, insert

from chiso.store import models as m
from chiso.store.db import Database

N_INDICATORS = 1_000
N_OBSERVATIONS = 100_000
N_REPORTS = 10_000
N_COMMITMENTS = 600
#: pages whose rows are a fixed number (a page of a list): their p95 must not grow with the data
FIXED_SIZE = 1.5
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


def fill(path: Path, *, seed: int = 6, scale: int = 1) -> Filled:
    """Create and fill the bench database at ``path`` (replaced if it exists), ``scale`` times
    today's counts."""
    rng = random.Random(seed)
    n_indicators, n_reports = N_INDICATORS * scale, N_REPORTS * scale
    n_observations, n_commitments = N_OBSERVATIONS * scale, N_COMMITMENTS * scale
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
            for i in range(1, n_indicators + 1)
        ),
    )

    # 10,000 short reports plus the 50 KB one (id N_REPORTS + 1) for the reader.
    def reports() -> Iterator[dict[str, Any]]:
        for i in range(1, n_reports + 1):
            text = _prose(rng, 80)
            yield _report_row(i, text, TODAY - timedelta(days=i % 900))

    bulk(t["report"], reports())
    big_id = n_reports + 1
    sentence = _SENTENCE
    big_text = (sentence * (50_000 // len(sentence) + 1))[:50_000]
    bulk(t["report"], [_report_row(big_id, big_text, TODAY)])

    # Observations: 100 points per indicator, one accepted mention each from a rotating report.
    per = n_observations // n_indicators
    obs_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    oid = 0

    def flush() -> None:
        bulk(t["observation"], obs_rows)
        bulk(t["mention"], mention_rows)
        obs_rows.clear()
        mention_rows.clear()

    for ind in range(1, n_indicators + 1):
        if len(obs_rows) >= 50_000:
            flush()
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
            report_id = (oid % n_reports) + 1
            mention_rows.append(_mention_row(oid, report_id, value, ind, oid, start=oid // n_reports))
    flush()

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
                "target_indicator_id": (c % n_indicators) + 1 if c % 5 == 0 else None,
                "target_value": 2_000_000.0 if c % 5 == 0 else None,
                "status": STATUSES[c % len(STATUSES)],
                "resolved_on": TODAY - timedelta(days=10) if STATUSES[c % len(STATUSES)] != "open" else None,
                "created_at": NOW,
            }
            for c in range(1, n_commitments + 1)
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
                "report_id": (c % n_reports) + 1,
                "on_date": TODAY - timedelta(days=200),
                "actor": "bench",
            }
            for c in range(1, n_commitments + 1)
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


def opened(path: Path, scale: int = 1) -> Filled:
    """A database filled by an earlier run of :func:`fill` (same seed and scale, same ids)."""
    per_sentence = 50_000 // len(_SENTENCE)
    return Filled(
        db=Database.from_url(f"sqlite:///{path}"),
        indicator_slug="bench-indicator-0500",
        big_report_id=N_REPORTS * scale + 1,
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
    n: int


def cached(cache: Path, scale: int) -> Filled:
    """The bench database at ``scale``, filled once and kept under a key of what made it."""
    # the schema as the models declare it: a new column or table makes a new database
    schema = ";".join(
        f"{t.name}({','.join(f'{c.name}:{c.type}' for c in t.columns)})"
        for t in m.Base.metadata.sorted_tables
    )
    # what fills it: this file down to here (editing how pages are measured keeps the cache)
    filler = Path(__file__).read_text().split("\ndef cached(", 1)[0]
    key = hashlib.sha256(f"{filler}|{scale}|{schema}".encode()).hexdigest()[:16]
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"web-x{scale}-{key}.sqlite3"
    if path.exists():
        return opened(path, scale)
    for old in cache.glob(f"web-x{scale}-*.sqlite3"):
        old.unlink()  # an older key: this file or the schema has changed since
    partial = path.with_suffix(".filling")
    t0 = time.perf_counter()
    filled = fill(partial, scale=scale)
    filled.db.dispose()
    partial.rename(path)
    print(f"filled {path.name} (x{scale}) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return opened(path, scale)


def on_postgres(sqlite: Filled, server_url: str, scale: int) -> Filled:
    """The same data in PostgreSQL: a database of its own on the server ``server_url`` names
    (``<name>_bench_x<scale>``), made by the migrations and filled by copying the cached SQLite
    database's rows, kept between runs under the SQLite file's key."""
    from sqlalchemy import create_engine, make_url, text  # here: the lines above cached() key its files

    sqlite_path = Path(str(sqlite.db.engine.url.database))
    key = sqlite_path.stem  # web-x<scale>-<key>: what made the data
    server = make_url(server_url)
    target = server.set(database=f"{server.database}_bench_x{scale}")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database})
    if exists:
        probe = create_engine(target)
        try:
            with probe.connect() as conn:
                kept = conn.scalar(text("SELECT key FROM bench_meta"))
        except Exception:  # no meta table: a database half filled by an interrupted run
            kept = None
        finally:
            probe.dispose()
        if kept == key:
            admin.dispose()
            return Filled(
                db=Database.from_url(target.render_as_string(hide_password=False)),
                indicator_slug=sqlite.indicator_slug,
                big_report_id=sqlite.big_report_id,
                big_report_mentions=sqlite.big_report_mentions,
                commitment_id=sqlite.commitment_id,
            )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    t0 = time.perf_counter()
    db = Database.from_url(target.render_as_string(hide_password=False))
    tables = {name: model.__table__ for name, model in _tables().items()}
    with sqlite.db.engine.connect() as src, db.engine.begin() as dst:
        for name in ("indicator", "report", "observation", "mention", "commitment", "commitment_event"):
            table: Table = tables[name]
            rows = src.execute(table.select()).mappings()
            for batch in _chunks(dict(r) for r in rows):
                dst.execute(insert(table), batch)
            if "id" in table.c:
                dst.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                )
        dst.exec_driver_sql("CREATE TABLE bench_meta (key text)")
        dst.execute(text("INSERT INTO bench_meta VALUES (:k)"), {"k": key})
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    print(f"copied {sqlite_path.name} into {target.database} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return Filled(
        db=db,
        indicator_slug=sqlite.indicator_slug,
        big_report_id=sqlite.big_report_id,
        big_report_mentions=sqlite.big_report_mentions,
        commitment_id=sqlite.commitment_id,
    )


# --- a real server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    """``chiso serve`` on ``db_url`` in its own process group (stopped by :func:`stop_server`)."""
    chiso = Path(sys.executable).with_name("chiso")
    env = {**os.environ, "CHISO_DATABASE_URL": db_url, "CHISO_SECRET_KEY": "bench-" + "k" * 40}
    with log.open("wb") as out:
        return subprocess.Popen(
            # the pages alone: the worker runs elsewhere on a server (and here it would re-read
            # every report the bench wrote with a made-up extractor version, under the timings)
            [str(chiso), "serve", "--port", str(port), "--workers", str(workers), "--no-worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_ready(base: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/login", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{base} did not start")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def pages(filled: Filled, client: httpx.Client) -> list[tuple[str, str, bool]]:
    """(label, path, fixed size?) for every page and API list measured. The last page of the
    observations API is read from the end (``last=true``), as its ``prev`` links page back."""
    slug, programme = filled.indicator_slug, PROGRAMMES[1]
    last = "/api/observations?limit=100&last=true"
    if client.get(last).status_code != 200:  # an older server: the last page by offset
        total = client.get("/api/observations?limit=100").json().get("total", 0)
        last = f"/api/observations?limit=100&offset={max(0, int(total) - 100)}"
    return [
        ("Dashboard `/`", "/", True),
        (f"Indicator page `/indicators/{slug}`", f"/indicators/{slug}", True),
        ("Indicators `/indicators`", "/indicators", True),
        ("Deadline board `/deadlines`", "/deadlines", True),
        ("Deadline board of one programme", f"/deadlines?programme={programme.replace(' ', '+')}", True),
        ("Reader of the 50 KB report `/reports/{id}`", f"/reports/{filled.big_report_id}", True),
        ("Reports `/reports`", "/reports", True),
        ("Search with a hit `/search?q=…`", "/search?q=k%C3%ADch+ho%E1%BA%A1t", True),
        ("Search without a hit", "/search?q=zzqx", True),
        ("Search without diacritics `/search?q=kich+hoat`", "/search?q=kich+hoat", True),
        # every report's title holds these words: the most matches a search can have
        ("Search matching every report `/search?q=bao+cao+thu+nghiem`", "/search?q=bao+cao+thu+nghiem", True),
        ("Search matching every report, its sixth page", "/search?q=bao+cao+thu+nghiem&offset=100", True),
        ("Search for an owner `/search?q=ministry+finance`", "/search?q=ministry+finance", True),
        ("API `/api/observations` first page", "/api/observations?limit=100", True),
        ("API `/api/observations` last page", last, True),
        ("API `/api/reports`", "/api/reports", True),
    ]


def measure(client: httpx.Client, path: str, n: int) -> Timing:
    """Wall milliseconds (p50, p95) of ``n`` requests in a row after 2 untimed ones; a page slower
    than 2 s is timed 3 times only."""
    t0 = time.perf_counter()
    client.get(path)
    if time.perf_counter() - t0 > 2.0:
        n = 3
    else:
        client.get(path)
    wall: list[float] = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(path)
        wall.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{path}: HTTP {r.status_code}")
    return Timing(statistics.median(wall), _percentile(wall, 0.95), n)


def run(filled: Filled, n: int, tmp: Path) -> tuple[dict[str, Timing], list[tuple[str, str, bool]], str]:
    db_url = str(filled.db.engine.url)
    filled.db.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db_url, port, tmp / f"serve-{port}.log")
    try:
        wait_ready(base)
        with httpx.Client(base_url=base, timeout=120) as client:
            measured = pages(filled, client)
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            timings = {}
            for label, path, _fixed in measured:
                timings[label] = measure(client, path, n)
                print(f"{path}: {timings[label]}", file=sys.stderr)
        return timings, measured, load
    finally:
        stop_server(proc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="multiply today's counts (10 for the 10x bench)")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--no-base", action="store_true", help="measure --scale only, not 1x beside it")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "chiso-bench",
        help="where filled databases are kept",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="measure on PostgreSQL: a database per scale is made on this server (<name>_bench_x<scale>)",
    )
    args = parser.parse_args(argv)
    scales = [args.scale] if args.no_base or args.scale == 1 else [1, args.scale]
    results: dict[int, tuple[dict[str, Timing], str]] = {}
    measured: list[tuple[str, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            filled = cached(args.cache, scale)
            if args.postgres:
                filled = on_postgres(filled, args.postgres, scale)
            timings, measured, load = run(filled, args.requests, Path(tmp))
            results[scale] = (timings, load)
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; over HTTP against `chiso serve` (1 worker), "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}."
    )
    for scale in scales:
        print(f"- x{scale}: load average before the run {results[scale][1]}")
    print()
    head = " | ".join(f"x{s} p50 | x{s} p95" for s in scales)
    print(f"| Page | {head} |" + (" growth p95 | |" if len(scales) > 1 else ""))
    print("|---|" + "---:|" * (2 * len(scales)) + ("---:|---|" if len(scales) > 1 else ""))
    for label, _path, fixed in measured:
        cells = " | ".join(f"{results[s][0][label].p50:.0f} | {results[s][0][label].p95:.0f}" for s in scales)
        if len(scales) > 1:
            growth = results[scales[-1]][0][label].p95 / max(results[1][0][label].p95, 0.1)
            top = results[scales[-1]][0][label].p95
            ok = top < 150 and (growth <= FIXED_SIZE or not fixed)
            print(f"| {label} | {cells} | {growth:.1f}× | {'ok' if ok else 'MISSED'} |")
        else:
            print(f"| {label} | {cells} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
