"""How long alerts take to fan out: one event matched to 1,000 subscriptions and queued (in the
transaction of the change that causes it), and the 1,000 notifications delivered to a local
webhook receiver (signed, one keep-alive connection).

    python -m bench.alerts [--subscriptions 1000] [--events 5] [--url postgresql://...]

Each subscription belongs to its own user and follows the same indicator by webhook; an event is
a new observation of that indicator recorded through ``observations.find_or_create`` (so the
time includes the observation, the conflict check of the series, the matching and the outbox
rows). Delivery is ``deliver_pending`` over the whole outbox, to a ``ThreadingHTTPServer`` on
127.0.0.1 that checks each signature and answers 204.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import insert

from chiso.config import Settings
from chiso.services import alerts, audit, observations
from chiso.store.db import Database
from chiso.store.models import AlertSubscription, Indicator, User

SECRET = "bench-secret"


class _Receiver:
    def __init__(self) -> None:
        self.count = 0
        self.bad = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                want = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(want, self.headers.get("X-Chiso-Signature", "")):
                    outer.bad += 1
                outer.count += 1
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _setup(db: Database, n: int, url: str) -> int:
    with db.transaction() as s:
        ind = Indicator(
            slug="bench-alerts",
            name_vi="Chỉ số đo thông báo",
            name_en="Alerts bench indicator",
            unit="lượt",
            measure="cumulative",
            created_at=audit.now(),
        )
        s.add(ind)
        s.flush()
        now = audit.now()
        users = [{"name": f"u{i}", "role": "editor", "password_hash": "-", "created_at": now} for i in range(n)]
        s.execute(insert(User), users)
        ids = [u.id for u in s.query(User.id).order_by(User.id)]
        subs = [
            {
                "user_id": uid,
                "target_kind": "indicator",
                "target_key": "bench-alerts",
                "webhook_url": url,
                "webhook_secret": SECRET,
                "lang": "vi",
                "created_at": now,
            }
            for uid in ids
        ]
        s.execute(insert(AlertSubscription), subs)
        return ind.id


def run(url: str | None, n: int, events: int) -> dict[str, float]:
    receiver = _Receiver()
    tmp = tempfile.TemporaryDirectory()
    db = Database.from_url(url or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}")
    try:
        indicator_id = _setup(db, n, receiver.url)
        enqueue: list[float] = []
        for k in range(events):
            day = date(2026, 1, 1) + timedelta(days=k)
            t0 = time.perf_counter()
            with db.transaction() as s:
                observations.find_or_create(
                    s,
                    indicator_id,
                    observations.Stated(1000.0 * (k + 1)),
                    observations.ObservationDates(day, None, None, day, False),
                )
            enqueue.append(time.perf_counter() - t0)
        settings = Settings(database_url="sqlite://", allow_private_webhooks=True)
        now = datetime.now(UTC) + timedelta(minutes=1)
        t0 = time.perf_counter()
        sent = 0
        while True:
            out = alerts.deliver_pending(db, now, settings=settings, limit=500)
            sent += out.sent
            if out.sent + out.retried + out.failed == 0:
                break
        deliver = time.perf_counter() - t0
        assert receiver.bad == 0, "a signature did not verify"
        return {
            "subscriptions": n,
            "events": events,
            "enqueue_median_ms": statistics.median(enqueue) * 1000,
            "enqueue_max_ms": max(enqueue) * 1000,
            "delivered": sent,
            "deliver_s": deliver,
            "deliver_per_s": sent / deliver if deliver else 0.0,
        }
    finally:
        receiver.close()
        db.engine.dispose()
        tmp.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--url", default=None, help="a database URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    result = run(args.url, args.subscriptions, args.events)
    print(
        f"{result['subscriptions']} subscriptions: one event matched and queued in "
        f"{result['enqueue_median_ms']:.1f} ms (median of {result['events']}, max "
        f"{result['enqueue_max_ms']:.1f} ms); {result['delivered']} webhooks delivered in "
        f"{result['deliver_s']:.2f} s ({result['deliver_per_s']:.0f}/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
