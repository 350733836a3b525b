"""Ingest benchmark: N generated ~3 KB report files read, extracted and stored end to end.

    python -m bench.ingest [--reports 10000] [--workers 2] [--postgres URL] [--stages 300] [--markdown]

Reports per second, CPU milliseconds per report (all processes; "of which storing" is this
process, which stores while the workers read and extract; the PostgreSQL server's backend is
counted apart, when it runs on this machine) and peak memory, for SQLite and
(when a URL is given or CHISO_TEST_POSTGRES_URL is set) PostgreSQL, side by side in one run.
Then ``--stages`` more reports go through read, extract and store one by one in this process,
so that the CPU time of each stage is known even on a machine other jobs are loading.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import text

from chiso.config import load_settings
from chiso.services.reports.add import prepare_report, store_report
from chiso.services.reports.batch import add_many
from chiso.services.reports.sources import read_source
from chiso.store.db import Database, create_db_engine

AGENCIES = [
    "Bộ Công an",
    "Bộ Tài chính",
    "Văn phòng Chính phủ",
    "Bộ Y tế",
    "UBND tỉnh Nghệ An",
    "Sở Tư pháp Hà Nội",
    "Bộ Giáo dục và Đào tạo",
    "Bảo hiểm xã hội Việt Nam",
    "UBND TP Đà Nẵng",
    "Sở Thông tin và Truyền thông Cần Thơ",
    "Tổng cục Thuế",
    "Bộ Nông nghiệp và Môi trường",
]
THINGS = [
    ("tài khoản định danh điện tử", "kích hoạt"),
    ("hồ sơ trực tuyến", "tiếp nhận"),
    ("bản ghi", "đồng bộ"),
    ("cơ sở dữ liệu", "kết nối"),
    ("lượt truy cập", "ghi nhận"),
    ("thủ tục hành chính", "cung cấp"),
    ("giao dịch không dùng tiền mặt", "thực hiện"),
    ("hồ sơ sức khỏe điện tử", "lập"),
    ("chữ ký số cá nhân", "cấp"),
    ("thẻ căn cước", "trả"),
]
# Prose between the figures: words drawn at random, so that two reports share few word 3-grams
# besides the figure phrasings (about 5% Jaccard on average, against 0.3% between the documents
# of tests/corpus; the first version of this bench repeated one template and shared 22%).
_WORD_TEXT = (
    "hội nghị triển khai nhiệm vụ trọng tâm đơn vị địa phương người dân doanh nghiệp cán bộ "
    "chuyển đổi số hạ tầng dữ liệu an toàn bảo mật phối hợp kiểm tra giám sát hướng dẫn "
    "tuyên truyền quy trình thủ tục cắt giảm giấy tờ thời gian chi phí hiệu quả chất lượng "
    "phục vụ thuận lợi minh bạch công khai trách nhiệm người đứng đầu kết quả tồn tại hạn chế "
    "nguyên nhân giải pháp đề xuất kiến nghị tháo gỡ vướng mắc nguồn lực kinh phí đầu tư "
    "nâng cấp hệ thống phần mềm ứng dụng nền tảng cổng thông tin tích hợp liên thông chia sẻ "
    "xác thực định danh dân cư đất đai thuế bảo hiểm y tế giáo dục giao thông nông nghiệp "
    "môi trường tài nguyên khoa học công nghệ đổi mới sáng tạo nhân lực đào tạo bồi dưỡng "
    "kỹ năng số cộng đồng xã phường huyện tỉnh thành phố trung ương chính quyền điện tử "
    "văn bản chỉ đạo điều hành kế hoạch lộ trình mục tiêu tiến độ đánh giá tổng kết sơ kết"
)
WORDS = _WORD_TEXT.split()


def _prose(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


FIGURE_SENTENCES = [
    "Theo {agency}, đến nay đã {verb} hơn {n} triệu {thing}, tăng {p}% so với cùng kỳ.",
    "Lũy kế từ đầu năm, {agency} {verb} được {n} nghìn {thing}.",
    "Riêng quý vừa qua có khoảng {n} triệu {thing} được {verb}, chiếm {p}% kế hoạch năm.",
    "Số {thing} đã {verb} đạt {n}.{k} trường hợp, gần gấp đôi năm trước.",
    "Toàn ngành hiện {verb} {p}/{q} {thing} theo chỉ tiêu giao.",
    "Tỷ lệ {thing} được {verb} đúng hạn đạt {p}%, cao hơn mức bình quân {q}%.",
]
PLAN_SENTENCES = [
    "Dự kiến trong tháng {m}-2027 sẽ {verb} thêm khoảng {n}.{k} {thing} tại {p} địa phương.",
    "Chậm nhất hết quý {quarter} năm 2027, {agency} phải hoàn thành việc {verb} {thing} còn lại.",
    "Phấn đấu đến cuối năm 2027 có {p}% {thing} được {verb} trên môi trường số.",
]


def make_report(rng: random.Random, i: int) -> str:
    """A ~3 KB Vietnamese report of our own words, different in every file (no duplicates):
    figure and plan sentences in a few phrasings between sentences of randomly drawn words."""
    agency = rng.choice(AGENCIES)
    paras = [
        f"title: Báo cáo tiến độ chuyển đổi số số {i}\ndate: 20{rng.randint(23, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---"
    ]
    while sum(len(p) for p in paras) < 3000:
        thing, verb = rng.choice(THINGS)
        slots = {
            "agency": agency,
            "thing": thing,
            "verb": verb,
            "n": rng.randint(2, 900),
            "k": rng.randint(100, 999),
            "p": rng.randint(2, 60),
            "q": rng.randint(61, 99),
            "m": rng.randint(1, 12),
            "quarter": rng.choice(["I", "II", "III", "IV"]),
        }
        sentences = [
            _prose(rng, rng.randint(14, 26)),
            rng.choice(FIGURE_SENTENCES).format(**slots),
            _prose(rng, rng.randint(10, 22)),
        ]
        if rng.random() < 0.5:
            sentences.append(rng.choice(FIGURE_SENTENCES).format(**slots))
        if rng.random() < 0.3:
            sentences.append(rng.choice(PLAN_SENTENCES).format(**slots))
        rng.shuffle(sentences)
        paras.append(" ".join(sentences))
    return "\n\n".join(paras) + "\n"


@dataclass(frozen=True)
class Run:
    database: str
    reports: int
    seconds: float
    cpu_main: float  # CPU seconds of this process (storing, and unpickling what workers send)
    cpu_workers: float  # CPU seconds of the worker processes (reading, extracting)
    peak_mb: float
    #: CPU seconds of the PostgreSQL backend that served the run (None: SQLite, or not on this machine)
    cpu_server: float | None = None

    @property
    def rate(self) -> float:
        return self.reports / self.seconds

    @property
    def cpu_ms(self) -> float:
        return 1000 * (self.cpu_main + self.cpu_workers) / self.reports


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _backend_pid(db: Database) -> int | None:
    """The PostgreSQL backend process of the pool's connection (add_many stores through it)."""
    if db.dialect != "postgresql":
        return None
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())


def _process_cpu(pid: int | None) -> float | None:
    """CPU seconds of a process on this machine (the server's backend), from /proc."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(name: str, db: Database, paths: list[str], workers: int) -> Run:
    """Everything `chiso report add FILES --workers N` does, timed on the wall and in CPU seconds."""
    settings = load_settings()
    backend = _backend_pid(db)
    server0 = _process_cpu(backend)
    main0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    items = add_many(db, paths, settings=settings, workers=workers)
    elapsed = time.perf_counter() - t0
    server1 = _process_cpu(backend)
    failed = [i for i in items if i.error]
    if failed:
        raise SystemExit(f"{len(failed)} reports failed, first: {failed[0].error}")
    return Run(
        name,
        sum(1 for i in items if i.result and i.result.created),
        elapsed,
        _cpu(resource.RUSAGE_SELF) - main0,
        _cpu(resource.RUSAGE_CHILDREN) - kids0,  # workers are reaped when add_many's pool closes
        peak_mb(),
        None if server0 is None or server1 is None else server1 - server0,
    )


def stages(db: Database, paths: list[str]) -> dict[str, float]:
    """CPU milliseconds per report of each stage, one process, no pool: where the time goes."""
    settings = load_settings()
    spent = dict.fromkeys(("read", "extract", "store"), 0.0)
    for path in paths:
        t0 = time.process_time()
        doc = read_source(path, settings=settings)
        t1 = time.process_time()
        prepared = prepare_report(doc)
        t2 = time.process_time()
        store_report(db, prepared, actor="bench")
        t3 = time.process_time()
        spent["read"] += t1 - t0
        spent["extract"] += t2 - t1
        spent["store"] += t3 - t2
    return {k: 1000 * v / len(paths) for k, v in spent.items()}


def peak_mb() -> float:
    """Largest resident set so far of this process or of any finished worker."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


@contextmanager
def postgres_schema(url: str) -> Iterator[Database]:
    """A migrated PostgreSQL database in a schema of its own, dropped afterwards."""
    schema = f"chiso_bench_{uuid.uuid4().hex[:8]}"
    admin = create_db_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    pg = Database.from_url(f"{url}{sep}options=-csearch_path%3D{schema}")
    try:
        yield pg
    finally:
        pg.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--postgres", default=os.environ.get("CHISO_TEST_POSTGRES_URL"))
    ap.add_argument(
        "--stages", type=int, default=300, help="reports timed stage by stage in one process (0: skip)"
    )
    ap.add_argument(
        "--markdown", action="store_true", help="also print the tables as Markdown for BENCHMARKS.md"
    )
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="chiso-bench-ingest-"))
    rng = random.Random(20260116)
    paths = []
    for i in range(args.reports + args.stages):
        p = tmp / f"r{i:05d}.txt"
        p.write_text(make_report(rng, i), encoding="utf-8")
        paths.append(str(p))
    batch, sample = paths[: args.reports], paths[args.reports :]
    size = sum(Path(p).stat().st_size for p in batch) / len(batch)
    load = os.getloadavg()

    runs: list[Run] = []
    split: dict[str, dict[str, float]] = {}
    sqlite = Database.from_url(f"sqlite:///{tmp / 'bench.sqlite3'}")
    runs.append(run("SQLite", sqlite, batch, args.workers))
    if sample:
        split["SQLite"] = stages(sqlite, sample)  # into the filled database, as a user would
    sqlite.dispose()
    if args.postgres:
        with postgres_schema(args.postgres) as pg:
            runs.append(run("PostgreSQL", pg, batch, args.workers))
            if sample:
                split["PostgreSQL"] = stages(pg, sample)
    shutil.rmtree(tmp, ignore_errors=True)
    load_after = os.getloadavg()

    title = (
        f"Ingest: {args.reports} reports of {size / 1024:.1f} KB, {args.workers} workers, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} before / {load_after[0]:.1f} after"
    )
    header = (
        "database",
        "reports",
        "seconds",
        "reports/s",
        "CPU ms/report",
        "of which storing",
        "server CPU ms/report",
        "peak RSS MB",
    )
    cells = [
        (
            r.database,
            str(r.reports),
            f"{r.seconds:.1f}",
            f"{r.rate:.0f}",
            f"{r.cpu_ms:.1f}",
            f"{1000 * r.cpu_main / r.reports:.1f}",
            "–" if r.cpu_server is None else f"{1000 * r.cpu_server / r.reports:.1f}",
            f"{r.peak_mb:.0f}",
        )
        for r in runs
    ]
    table = Table(title=title)
    for col in header:
        table.add_column(col, justify="right")
    for row in cells:
        table.add_row(*row)
    console = Console()
    console.print(table)
    if split:
        names = list(split)
        st = Table(title=f"CPU ms per report by stage ({args.stages} more reports, one process)")
        st.add_column("stage")
        for name in names:
            st.add_column(name, justify="right")
        for stage in ("read", "extract", "store"):
            st.add_row(stage, *(f"{split[n][stage]:.2f}" for n in names))
        console.print(st)
    if args.markdown:
        print(title)
        print("| " + " | ".join(header) + " |\n|---|" + "---:|" * (len(header) - 1))
        for row in cells:
            print("| " + " | ".join(row) + " |")
        if split:
            print("\n| CPU ms/report | " + " | ".join(split) + " |\n|---|" + "---:|" * len(split))
            for stage in ("read", "extract", "store"):
                print(f"| {stage} | " + " | ".join(f"{split[n][stage]:.2f}" for n in split) + " |")


if __name__ == "__main__":
    main()
