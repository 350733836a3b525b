"""Fetching from a local server: pages, encodings, compression, limits, redirects and the address guard.

The server listens on 127.0.0.1, so tests pass ``allow_private=True`` except where the
guard itself is under test.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import ssl
import time
import tracemalloc
import zlib
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler

import brotli  # type: ignore[import-untyped]
import pytest

from chiso import __version__
from chiso.errors import BlockedAddressError, FetchError, InputError, TooLargeError
from chiso.ingest import fetch
from chiso.ingest.fetch import DEFAULT_USER_AGENT, blocked_reason, check_host, fetch_url, read_url
from chiso.ingest.similarity import same_story
from tests.ingest.conftest import LocalServer, TlsFiles
from tests.ingest.helpers import cp1258, minimal_pdf
from tests.ingest.pages import CHROME, site_one, site_three, site_two
from tests.ingest.stories import OTHERS, STORY_PARAGRAPHS, STORY_TITLE

MB = 1024 * 1024
OPEN = {"allow_private": True, "timeout": 2.0, "max_bytes": 10 * MB}
GUARDED = {"allow_private": False, "timeout": 2.0, "max_bytes": 10 * MB}


# -- reading pages -----------------------------------------------------------------------


def test_news_page(server: LocalServer) -> None:
    url = server.page("/thoi-su/tai-khoan-dinh-danh.html", site_one().encode())
    doc = read_url(url, **OPEN)
    assert all(p in doc.text for p in STORY_PARAGRAPHS)
    assert [c for c in CHROME if c in doc.text] == []
    assert (doc.title, doc.publisher, doc.published_on, doc.lang) == (
        STORY_TITLE,
        "Báo Tin Mới",
        date(2025, 11, 3),
        "vi",
    )
    assert (doc.url, doc.final_url, doc.source_kind) == (url, url, "url")
    assert doc.raw == site_one().encode()
    assert doc.content_type == "text/html; charset=utf-8"
    _path, headers = server.requests[-1]
    assert headers["user-agent"] == DEFAULT_USER_AGENT == f"chiso/{__version__} (+report tracker)"
    assert "br" in headers["accept-encoding"]


def test_same_story_on_three_sites(server: LocalServer) -> None:
    urls = [
        server.page("/one", site_one().encode()),
        server.page("/two", site_two().encode()),
        server.page("/three", site_three().encode()),
    ]
    texts = [read_url(u, **OPEN).text for u in urls]
    assert all(same_story(a, b) for a in texts for b in texts)
    other_url = server.page(
        "/other", site_two(OTHERS["population database"].split("\n\n"), "Dữ liệu dân cư").encode()
    )
    other = read_url(other_url, **OPEN).text
    assert not any(same_story(other, t) for t in texts)


def test_windows_1258_page_by_http_charset(server: LocalServer) -> None:
    page = cp1258(site_two().replace("charset=utf-8", "charset=windows-1258"))
    url = server.page("/legacy", page, content_type="text/html; charset=windows-1258")
    doc = read_url(url, **OPEN)
    assert STORY_PARAGRAPHS[2] in doc.text
    assert doc.encoding == "cp1258"
    assert doc.raw == page


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
        ("br", brotli.compress),
    ],
    ids=["gzip", "deflate", "raw-deflate", "brotli"],
)
def test_compressed_page(server: LocalServer, coding: str, compress: object) -> None:
    assert callable(compress)
    url = server.page("/z", compress(site_one().encode()), headers={"Content-Encoding": coding})
    doc = read_url(url, **OPEN)
    assert STORY_PARAGRAPHS[0] in doc.text
    assert doc.raw == site_one().encode()  # the archive keeps the decoded page


def test_pdf_over_http(server: LocalServer) -> None:
    pdf = minimal_pdf(["Digital transformation report", "Online services reached 4,100 procedures."])
    url = server.page("/report.pdf", pdf, content_type="application/pdf")
    doc = read_url(url, **OPEN)
    assert "Online services reached 4,100 procedures." in doc.text
    assert doc.raw == pdf


def test_scanned_pdf_over_http(server: LocalServer) -> None:
    url = server.page("/scan.pdf", minimal_pdf(None), content_type="application/pdf")
    with pytest.raises(InputError) as info:
        read_url(url, **OPEN)
    assert str(info.value) == f"{url}: PDF has no text layer (scanned image?); run OCR first"


def test_plain_text_over_http(server: LocalServer) -> None:
    url = server.page("/t.txt", "\n\n".join(STORY_PARAGRAPHS).encode("utf-16"), content_type="text/plain")
    doc = read_url(url, **OPEN)
    assert doc.text == "\n\n".join(STORY_PARAGRAPHS)
    assert doc.raw == "\n\n".join(STORY_PARAGRAPHS).encode("utf-16")
    assert doc.content_type == "text/plain"
    assert doc.encoding == "utf-16"


def test_binary_over_http(server: LocalServer) -> None:
    url = server.page("/p.png", b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png")
    with pytest.raises(InputError, match=r"binary file \(not text, HTML or PDF\)$"):
        read_url(url, **OPEN)


# -- redirects ---------------------------------------------------------------------------


def test_redirects_are_followed_and_recorded(server: LocalServer) -> None:
    final = server.page("/final", site_one().encode())
    server.redirect("/b", "/final", 301)
    start = server.redirect("/a", server.url("/b"), 302)
    doc = read_url(start, **OPEN)
    assert (doc.url, doc.final_url) == (start, final)
    result = fetch_url(start, **OPEN)
    assert result.redirects == (start, server.url("/b"))


def test_redirect_loop(server: LocalServer) -> None:
    server.redirect("/loop-a", "/loop-b")
    start = server.redirect("/loop-b", "/loop-a")
    with pytest.raises(FetchError) as info:
        fetch_url(start, **OPEN)
    assert str(info.value) == f"{start}: redirect loop ({server.url('/loop-a')} redirects back to {start})"


def test_too_many_redirects(server: LocalServer) -> None:
    for i in range(7):
        server.redirect(f"/r{i}", f"/r{i + 1}")
    server.page("/r7", b"<html><body><p>end</p></body></html>")
    with pytest.raises(FetchError) as info:
        fetch_url(server.url("/r0"), **OPEN)
    assert str(info.value) == f"{server.url('/r0')}: too many redirects (more than 5)"
    assert len(server.requests) == 6
    assert fetch_url(server.url("/r3"), **OPEN).status == 200  # four hops are fine


def test_redirect_to_a_file_url_is_refused(server: LocalServer) -> None:
    start = server.redirect("/to-file", "file:///etc/passwd")
    with pytest.raises(FetchError, match=r"redirect to a non-HTTP URL refused \(file:///etc/passwd\)$"):
        fetch_url(start, **OPEN)


# -- limits ------------------------------------------------------------------------------


def _slow(server: LocalServer) -> None:
    def handler(req: BaseHTTPRequestHandler) -> None:
        server.stop.wait(10)  # released when the test ends

    server.route("/slow", handler)


def test_slow_endpoint_times_out(server: LocalServer) -> None:
    _slow(server)
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch_url(server.url("/slow"), allow_private=True, timeout=0.5, max_bytes=MB)
    assert str(info.value) == f"{server.url('/slow')}: timed out after 0.5 s"
    assert time.monotonic() - started < 2


def test_trickling_body_hits_the_overall_deadline(server: LocalServer) -> None:
    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/plain")
        req.end_headers()
        for _ in range(100):
            req.wfile.write(b"x" * 100)
            req.wfile.flush()
            if server.stop.wait(0.1):
                return

    url = server.route("/trickle", handler)
    with pytest.raises(FetchError, match=r"timed out \(over the 1.2 s limit for the whole fetch\)$"):
        fetch_url(url, allow_private=True, timeout=0.4, max_bytes=MB)


def _stream_50_mb(server: LocalServer, *, content_length: bool) -> str:
    chunk = b"a" * (64 * 1024)
    total = 50 * MB

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/plain")
        if content_length:
            req.send_header("Content-Length", str(total))
        req.end_headers()  # without a length the body runs until the connection closes
        sent = 0
        try:
            while sent < total:
                req.wfile.write(chunk)
                sent += len(chunk)
        finally:
            server.sent[req.path] = sent

    return server.route(f"/big-{content_length}", handler)


def test_50_mb_body_is_refused_while_streaming(server: LocalServer) -> None:
    url = _stream_50_mb(server, content_length=False)
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError) as info:
            fetch_url(url, **OPEN)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(info.value) == f"{url}: response is over the 10 MB limit"
    assert peak < 30 * MB  # the cap plus buffers, never the 50 MB


def test_50_mb_content_length_is_refused_before_reading(server: LocalServer) -> None:
    url = _stream_50_mb(server, content_length=True)
    with pytest.raises(TooLargeError) as info:
        fetch_url(url, **OPEN)
    assert str(info.value) == f"{url}: response is 50 MB, over the 10 MB limit"


def _bomb(coding: str, size: int) -> bytes:
    if coding == "br":
        return bytes(brotli.compress(b"\0" * size, quality=5))
    out = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * MB
    return b"".join(out.compress(block) for _ in range(size // MB)) + out.flush()


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_decompression_bomb(server: LocalServer, coding: str) -> None:
    body = _bomb(coding, 64 * MB)
    assert len(body) < MB
    url = server.page("/bomb", body, content_type="text/html", headers={"Content-Encoding": coding})
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError) as info:
            fetch_url(url, **OPEN)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(info.value) == f"{url}: response decompresses to over the 10 MB limit (decompression bomb?)"
    assert peak < 40 * MB


def test_corrupt_gzip(server: LocalServer) -> None:
    url = server.page("/bad-gz", b"not gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match=r"response body is not valid compressed data$"):
        fetch_url(url, **OPEN)


# -- errors from the server or the URL ---------------------------------------------------


def test_http_error_status(server: LocalServer) -> None:
    with pytest.raises(FetchError) as info:
        fetch_url(server.url("/missing"), **OPEN)
    assert str(info.value) == f"{server.url('/missing')}: server answered 404 Not Found"


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: the connection is refused
        with pytest.raises(FetchError, match=rf"^http://127.0.0.1:{port}/: could not fetch \("):
            fetch_url(f"http://127.0.0.1:{port}/", **OPEN)


@pytest.mark.parametrize(
    ("url", "error", "message"),
    [
        (
            "file:///etc/passwd",
            FetchError,
            "file:///etc/passwd: only http and https URLs can be fetched (not file)",
        ),
        (
            "ftp://example.org/a.txt",
            FetchError,
            "ftp://example.org/a.txt: only http and https URLs can be fetched (not ftp)",
        ),
        (
            "gopher://127.0.0.1:70/",
            FetchError,
            "gopher://127.0.0.1:70/: only http and https URLs can be fetched (not gopher)",
        ),
        (
            "example.org/page",
            FetchError,
            "example.org/page: only http and https URLs can be fetched (not no scheme)",
        ),
        ("http:///nohost", InputError, "http:///nohost: URL has no host"),
    ],
)
def test_bad_urls(url: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        fetch_url(url, **GUARDED)
    assert str(info.value) == message


# -- the address guard -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "private"),  # reserved range; Python files it under private too
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("8.8.8.8", None),
        ("1.1.1.1", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_blocked_reason(address: str, reason: str | None) -> None:
    assert blocked_reason(ipaddress.ip_address(address)) == reason


def test_loopback_url_is_refused_without_permission(server: LocalServer) -> None:
    url = server.page("/p", site_one().encode())
    with pytest.raises(BlockedAddressError) as info:
        fetch_url(url, **GUARDED)
    assert (
        str(info.value)
        == f"{url}: refused: 127.0.0.1 is a loopback address (private addresses are not allowed)"
    )
    assert server.requests == []  # refused before connecting


def test_host_name_is_checked_after_resolution(server: LocalServer) -> None:
    url = server.page("/p", site_one().encode()).replace("127.0.0.1", "localhost")
    with pytest.raises(
        BlockedAddressError,
        match=r"refused: localhost resolves to (127.0.0.1|::1), which is a loopback address",
    ):
        fetch_url(url, **GUARDED)
    assert server.requests == []


@pytest.fixture
def front_door(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend ``front.test`` is a public site that happens to live on the test server."""
    real = fetch.check_host

    def check(host: str, port: int) -> fetch.IPAddress:
        if host == "front.test":
            return ipaddress.ip_address("127.0.0.1")
        return real(host, port)

    monkeypatch.setattr(fetch, "check_host", check)


@pytest.mark.usefixtures("front_door")
def test_redirect_to_loopback_is_refused(server: LocalServer) -> None:
    port = server.base.rsplit(":", 1)[1]
    server.page("/admin", b"<html><body><p>internal secrets</p></body></html>")
    server.redirect("/go", f"http://127.0.0.1:{port}/admin")
    start = f"http://front.test:{port}/go"
    with pytest.raises(BlockedAddressError) as info:
        fetch_url(start, **GUARDED)
    assert str(info.value) == (
        f"{start} (redirected to http://127.0.0.1:{port}/admin): "
        "refused: 127.0.0.1 is a loopback address (private addresses are not allowed)"
    )
    assert [path for path, _ in server.requests] == ["/go"]  # /admin was never asked for
    assert server.requests[0][1]["host"] == f"front.test:{port}"  # pinned IP, original Host header


@pytest.mark.usefixtures("front_door")
def test_public_site_is_fetched_through_the_checked_address(server: LocalServer) -> None:
    port = server.base.rsplit(":", 1)[1]
    server.page("/news", site_one().encode())
    doc = read_url(f"http://front.test:{port}/news", **GUARDED)
    assert doc.title == STORY_TITLE
    assert doc.final_url == f"http://front.test:{port}/news"


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError) as info:
        fetch_url("https://no-such-host.invalid/x", **GUARDED)
    assert str(info.value) == (
        "https://no-such-host.invalid/x: cannot resolve host name no-such-host.invalid "
        "([Errno -2] Name or service not known)"
    )


def test_any_private_answer_blocks_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    # A name resolving to a public and a private address is refused outright.
    def answer(host: str, port: int, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", answer)
    with pytest.raises(
        BlockedAddressError, match=r"refused: mixed.test resolves to 10.0.0.5, which is a private address"
    ):
        check_host("mixed.test", 80)


# -- conditional GET ---------------------------------------------------------------------


def test_conditional_get(server: LocalServer) -> None:
    body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"

    def handler(req: BaseHTTPRequestHandler) -> None:
        if (
            req.headers.get("If-None-Match") == '"v1"'
            or req.headers.get("If-Modified-Since") == "Mon, 03 Nov 2025 02:00:00 GMT"
        ):
            req.send_response(304)
            req.send_header("ETag", '"v1"')
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("ETag", '"v1"')
        req.send_header("Last-Modified", "Mon, 03 Nov 2025 02:00:00 GMT")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    url = server.route("/feed.xml", handler)
    first = fetch_url(url, **OPEN)
    assert (first.status, first.not_modified, first.body) == (200, False, body)
    assert (first.etag, first.last_modified) == ('"v1"', "Mon, 03 Nov 2025 02:00:00 GMT")
    again = fetch_url(url, **OPEN, etag=first.etag)
    assert (again.status, again.not_modified, again.body, again.etag) == (304, True, b"", '"v1"')
    by_date = fetch_url(url, **OPEN, last_modified=first.last_modified)
    assert by_date.not_modified
    assert by_date.last_modified == first.last_modified


def test_feed_items_are_marked_as_such(server: LocalServer) -> None:
    url = server.page("/item", site_two().encode())
    assert read_url(url, **OPEN, source_kind="feed").source_kind == "feed"


@pytest.mark.usefixtures("front_door")
def test_https_through_the_checked_address_verifies_the_host_name(
    tls_server: LocalServer, tls_files: TlsFiles
) -> None:
    # Connected to the pinned 127.0.0.1, yet TLS must still name and verify front.test.
    trust = ssl.create_default_context(cafile=str(tls_files.cert))
    port = tls_server.base.rsplit(":", 1)[1]
    tls_server.page("/news", site_one().encode())
    doc = read_url(f"https://front.test:{port}/news", **GUARDED, ssl_context=trust)
    assert doc.title == STORY_TITLE


def test_https_certificate_for_another_name_is_refused(
    tls_server: LocalServer, tls_files: TlsFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fetch.check_host
    monkeypatch.setattr(
        fetch,
        "check_host",
        lambda host, port: ipaddress.ip_address("127.0.0.1") if host == "other.test" else real(host, port),
    )
    trust = ssl.create_default_context(cafile=str(tls_files.cert))
    port = tls_server.base.rsplit(":", 1)[1]
    tls_server.page("/news", site_one().encode())
    with pytest.raises(FetchError, match=r"could not fetch \(.*(certificate|hostname)"):
        fetch_url(f"https://other.test:{port}/news", **GUARDED, ssl_context=trust)
    assert tls_server.requests == []


# -- malformed answers (issue 12, item 16) and the overall deadline (item 21) -----------------


def _raw(server: LocalServer, path: str, answer: bytes) -> str:
    """A route that writes ``answer`` as is: whatever a broken or hostile server might send."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.wfile.write(answer)
        req.wfile.flush()

    return server.route(path, handler)


@pytest.mark.parametrize(
    "location",
    ["http:\\\\127.0.0.1:1\\x", "http://[::1", "http://exa\x01mple.com/", "http://127.0.0.1:99999999/"],
)
def test_a_malformed_redirect_is_a_one_line_fetch_error(server: LocalServer, location: str) -> None:
    start = server.redirect("/bad-redirect", location)
    with pytest.raises(FetchError) as info:
        fetch_url(start, **OPEN)
    message = str(info.value)
    assert message.startswith(f"{start}")
    assert "\n" not in message


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 abc OK\r\n\r\nhello",
        b"NOT HTTP AT ALL\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nBad Header\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\nzz\r\nhello\r\n",
        b"HTTP/1.1 302 Found\r\nLocation: http:\\\\127.0.0.1:1\\x\r\nContent-Length: 0\r\n\r\n",
    ],
    ids=["status-line", "not-http", "header-line", "short-body", "bad-chunk", "bad-location"],
)
def test_a_garbage_answer_is_a_one_line_fetch_error(server: LocalServer, answer: bytes) -> None:
    url = _raw(server, "/garbage", answer)
    with pytest.raises(FetchError) as info:
        read_url(url, **OPEN)
    assert str(info.value).startswith(f"{url}: could not fetch (")
    assert "\n" not in str(info.value)


def test_the_overall_deadline_holds_across_redirects(server: LocalServer) -> None:
    """Each hop answers just inside the read timeout: the hops together must still stop at the
    overall deadline (three timeouts), not one timeout later per hop (issue 12: 78 s for 60 s)."""

    def slow_redirect(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
        def handler(req: BaseHTTPRequestHandler) -> None:
            if server.stop.wait(0.3):
                return
            req.send_response(302)
            req.send_header("Location", target)
            req.send_header("Content-Length", "0")
            req.end_headers()

        return handler

    for i in range(5):
        server.route(f"/hop{i}", slow_redirect(f"/hop{i + 1}"))
    server.page("/hop5", b"<html><body><p>end</p></body></html>")
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out \(over the 1.2 s limit for the whole fetch\)$"):
        fetch_url(server.url("/hop0"), allow_private=True, timeout=0.4, max_bytes=MB)
    assert time.monotonic() - started < 1.2 + 0.25


def test_the_overall_deadline_cuts_a_slow_read(server: LocalServer) -> None:
    """Headers at once, then a body byte just inside the read timeout each time: the last wait
    ends at the deadline, not one read timeout after it."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/plain")
        req.end_headers()
        for _ in range(20):
            req.wfile.write(b"x")
            req.wfile.flush()
            if server.stop.wait(0.45):
                return

    url = server.route("/drip", handler)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out"):
        fetch_url(url, allow_private=True, timeout=0.5, max_bytes=MB)
    assert time.monotonic() - started < 1.5 + 0.2
