"""Requests per second of a real ``chiso serve`` with 1 worker and with N, side by side.

    python -m bench.serve [--workers 2] [--clients 8] [--seconds 20] [--cache DIR]

Fills the bench database of :mod:`bench.web` (1,000 indicators, 100,000 observations, 10,000
reports, 600 commitments; cached between runs), then, for 1 worker and for ``--workers``, starts ``chiso serve`` on
it, warms it up, and lets ``--clients`` concurrent clients (one asyncio loop, httpx, one
connection each, kept alive) fetch a fixed mix of pages for ``--seconds``. Prints requests per
second and p50/p95 for each run, the ratio, and the load average before each run, as Markdown
for ``BENCHMARKS.md``. The clients share the machine with the server: their own CPU is printed
too, so a ratio held down by the load generator can be told from one held down by the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.web import cached, free_port, start_server, stop_server, wait_ready


@dataclass
class Run:
    workers: int
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    client_cpu: float
    load: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def _pages(slug: str, report_id: int) -> list[str]:
    # what a reader of the site mostly opens: indicator pages, the dashboard, the board, a report
    return [f"/indicators/{slug}", "/", f"/indicators/{slug}", "/deadlines", f"/reports/{report_id - 1}"]


async def _client(
    base: str, pages: list[str], stop: float, out: list[float], errors: list[int], k: int
) -> None:
    # a new connection per request, as many readers arrive: kept-alive connections stay with the
    # worker that accepted them, so 8 long-lived connections measure the kernel's first accepts
    no_keepalive = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=no_keepalive) as c:
        i = k
        while time.perf_counter() < stop:
            url = pages[i % len(pages)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = await c.get(url)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                out.append(time.perf_counter() - t0)
            else:
                errors.append(1)


async def _load(base: str, pages: list[str], clients: int, seconds: float) -> tuple[list[float], int, float]:
    out: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(*(_client(base, pages, stop, out, errors, k) for k in range(clients)))
    return out, len(errors), time.perf_counter() - start


def measure(db_url: str, workers: int, pages: list[str], clients: int, seconds: float, tmp: Path) -> Run:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db_url, port, tmp / f"serve-{workers}.log", workers)
    try:
        wait_ready(base)
        asyncio.run(_load(base, pages, clients, min(5.0, seconds)))  # warm every worker up
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        latencies, errors, elapsed = asyncio.run(_load(base, pages, clients, seconds))
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        return Run(workers, len(latencies), errors, elapsed, latencies, cpu / elapsed, load)
    finally:
        stop_server(proc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "chiso-bench",
        help="where filled databases are kept (shared with bench.web)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        filled = cached(args.cache, 1)
        db_url = str(filled.db.engine.url)
        filled.db.dispose()
        pages = _pages(filled.indicator_slug, filled.big_report_id)
        runs = [measure(db_url, n, pages, args.clients, args.seconds, tmp) for n in (1, args.workers)]
    one, many = runs
    print("| workers | requests/s | p50 ms | p95 ms | errors | client CPU (cores) | load before |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for r in runs:
        print(
            f"| {r.workers} | {r.rps:.1f} | {r.pct(0.5):.0f} | {r.pct(0.95):.0f} | {r.errors} "
            f"| {r.client_cpu:.2f} | {r.load} |"
        )
    print(
        f"\n{args.workers} workers / 1 worker: **{many.rps / one.rps:.2f}×** requests per second "
        f"({args.clients} clients, {args.seconds:.0f} s each, pages: {', '.join(sorted(set(pages)))})"
    )
    print(f"(median latency check: {statistics.median(one.latencies) * 1000:.0f} ms with 1 worker)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
