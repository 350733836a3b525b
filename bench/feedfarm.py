"""A farm of RSS feeds on 127.0.0.1 (``http.server`` in a thread) for the worker's tests and its
benchmark: ``feeds`` feeds of ``items`` items each, every item a short page of its own. It
counts the requests per feed and the most fetches of one feed at a time (two workers polling
one feed at once show as 2).

The pages are made up here, in our own words: a short bulletin with a figure and a deadline.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bản tin số {feed}-{item}</title></head>
<body><article>
<h1>Bản tin số {feed}-{item} của sở ngành địa phương</h1>
<p>Trong tháng vừa qua, đơn vị số {feed} đã hoàn thành {count} hạng mục trong kế hoạch năm,
đạt khoảng {share}% khối lượng được giao. Tổng vốn đã giải ngân ước đạt {money} tỷ đồng.</p>
<p>Đơn vị cam kết hoàn thành việc cải tạo tuyến đường nội bộ số {item} trước ngày 30/6/2027
và sẽ báo cáo kết quả với hội đồng nhân dân vào kỳ họp cuối năm.</p>
<p>Ghi chú: bản tin này được soạn để thử phần mềm, mã số {feed}.{item}.</p>
</article></body></html>
"""


class FeedFarm:
    """``feed_url(n)`` for n in ``range(feeds)``; ``feed_fetches[n]``, ``page_fetches[n]`` and
    ``most_at_once[n]`` count what was asked of feed n. ``delay`` slows each feed's answer (so
    that two polls of one feed at once would overlap), ``page_delay`` each page's, ``down``
    makes every feed answer 503."""

    def __init__(self, feeds: int, items: int, *, delay: float = 0.0, page_delay: float = 0.0) -> None:
        self.feeds, self.items, self.delay, self.page_delay = feeds, items, delay, page_delay
        self.down = False
        self.feed_fetches: Counter[int] = Counter()
        self.page_fetches: Counter[int] = Counter()
        self.most_at_once: Counter[int] = Counter()
        self._now: Counter[int] = Counter()
        self._lock = threading.Lock()
        farm = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                farm._answer(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FeedFarm:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def feed_url(self, n: int) -> str:
        return f"{self.base}/feed/{n}.xml"

    def _feed(self, n: int) -> bytes:
        items = "".join(
            f"<item><title>Bản tin số {n}-{i}</title><link>{self.base}/page/{n}/{i}.html</link>"
            f"<guid>{self.base}/page/{n}/{i}.html</guid>"
            f"<pubDate>Tue, 01 Dec 2026 0{i % 10}:00:00 +0000</pubDate></item>"
            for i in range(self.items)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Nguồn tin {n}</title><link>{self.base}/</link><description>thử</description>"
            f"{items}</channel></rss>"
        ).encode()

    def _answer(self, req: BaseHTTPRequestHandler) -> None:
        parts = req.path.strip("/").split("/")
        body, kind = b"", "text/plain"
        if self.down:
            req.send_response(503)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        if len(parts) == 2 and parts[0] == "feed" and parts[1].endswith(".xml"):
            n = int(parts[1][:-4])
            with self._lock:
                self.feed_fetches[n] += 1
                self._now[n] += 1
                self.most_at_once[n] = max(self.most_at_once[n], self._now[n])
            try:
                if self.delay:
                    time.sleep(self.delay)
                body, kind = self._feed(n), "application/rss+xml; charset=utf-8"
            finally:
                with self._lock:
                    self._now[n] -= 1
        elif len(parts) == 3 and parts[0] == "page":
            n, i = int(parts[1]), int(parts[2].split(".")[0])
            with self._lock:
                self.page_fetches[n] += 1
            if self.page_delay:
                time.sleep(self.page_delay)
            body = _PAGE.format(feed=n, item=i, count=10 + i, share=40 + i, money=f"{n + 1},{i}").encode()
            kind = "text/html; charset=utf-8"
        else:
            req.send_response(404)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", kind)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)


__all__ = ["FeedFarm"]
