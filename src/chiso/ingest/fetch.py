"""Fetching a URL that a user gave us, safely.

chiso runs as a server that fetches URLs on request, so every hop is checked:

* only ``http`` and ``https``;
* the host is resolved here and every address it resolves to must be public (not
  loopback, private, link-local, multicast, reserved or a cloud metadata address),
  unless ``allow_private``; the connection then goes to the address that was checked,
  so a second DNS answer cannot swap in an internal one (DNS rebinding);
* redirects are followed by hand (at most ``max_redirects``), each hop checked again;
* connect/read timeouts plus an overall deadline against servers that trickle bytes;
* the body is streamed and capped at ``max_bytes`` both before and after decompression
  (gzip, deflate, brotli), so neither a huge body nor a decompression bomb is buffered;
* environment proxies are ignored: through a proxy the address checks would be moot.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import httpx

from chiso import __version__
from chiso.errors import BlockedAddressError, FetchError, InputError, TooLargeError
from chiso.ingest.document import Document
from chiso.ingest.files import format_size, read_bytes

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_USER_AGENT: Final = f"chiso/{__version__} (+report tracker)"
DEFAULT_MAX_REDIRECTS: Final = 5
_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
# An overall deadline of this many read timeouts: a server sending one byte every few
# seconds never trips the read timeout, but must not hold a worker forever.
_DEADLINE_FACTOR: Final = 3

# Cloud metadata endpoints (AWS, GCP, Azure, OpenStack: 169.254.169.254; AWS IPv6).
_METADATA: Final = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),
        ipaddress.ip_address("fd00:ec2::254"),
        ipaddress.ip_address("100.100.100.200"),
    }
)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a GET brought back; ``status == 304`` (``not_modified``) has an empty body."""

    final_url: str
    status: int
    content_type: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def blocked_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched without permission, or None when it is public."""
    if ip in _METADATA:
        return "cloud metadata"
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 addresses wrapped in IPv6 (::ffff:127.0.0.1, 6to4, Teredo) are judged as IPv4.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return blocked_reason(embedded)
    checks: tuple[tuple[str, bool], ...] = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),  # e.g. 100.64.0.0/10 carrier-grade NAT
    )
    for reason, hit in checks:
        if hit:
            return reason
    return None


def check_host(host: str, port: int) -> IPAddress:
    """Resolve ``host`` and return an address to connect to; every address must be public."""
    addresses = _resolve(host, port)
    for ip in addresses:
        reason = blocked_reason(ip)
        if reason is not None:
            what = host if str(ip) == host else f"{host} resolves to {ip}, which"
            raise BlockedAddressError("address_blocked", host=what, reason=reason)
    return addresses[0]


def resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses ``host`` resolves to (FetchError when it resolves to none)."""
    return _resolve(host, port)


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("fetch_unresolved_host_because", host=host, reason=exc) from None
    out: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])  # drop an IPv6 zone id
        if ip not in out:
            out.append(ip)
    if not out:
        raise FetchError("fetch_unresolved_host", host=host)
    return out


def fetch_url(
    url: str,
    *,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    user_agent: str = DEFAULT_USER_AGENT,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
    ssl_context: ssl.SSLContext | None = None,
) -> FetchResult:
    """GET a URL under the rules of this module; raise FetchError (or a subclass) or TooLargeError.

    ``etag``/``last_modified`` make the request conditional: an unchanged resource comes
    back as a result whose ``not_modified`` is true. ``ssl_context`` replaces the default
    certificate checks (a private CA; the tests' self-signed server).
    """
    current = _parse(url, shown=url)
    deadline = time.monotonic() + _DEADLINE_FACTOR * timeout
    headers = {"User-Agent": user_agent, "Accept": accept, "Accept-Encoding": "gzip, deflate, br"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    hops: list[str] = []
    seen = {str(current)}
    # No keep-alive: a connection opened (and TLS-verified) for one host must not be
    # reused for another host of the same address on a later hop.
    limits = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        limits=limits,
        verify=ssl_context if ssl_context is not None else True,
    ) as client:
        while True:
            where = url if not hops else f"{url} (redirected to {current})"
            request = _build(client, current, headers, allow_private=allow_private, where=where)
            _bound(request, timeout, deadline, where)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise _timed_out(where, timeout, deadline) from None
            except _BAD_RESPONSE as exc:
                # httpx builds the next request of a redirect while reading the answer, and a
                # malformed Location (``http:\\host:1\x``) then fails as InvalidURL, which is
                # no HTTPError: whatever a server sends is that source's error, in one line.
                raise FetchError("fetch_failed", url=where, reason=_reason(exc)) from None
            try:
                if response.status_code in _REDIRECTS:
                    target = _next_hop(response, current, where=where)
                    if str(target) in seen:
                        raise FetchError("fetch_redirect_loop", url=url, current=current, target=target)
                    if len(hops) >= max_redirects:
                        raise FetchError("fetch_too_many_redirects", url=url, most=max_redirects)
                    hops.append(str(current))
                    seen.add(str(target))
                    current = target
                    continue
                if response.status_code == 304 and (etag or last_modified):
                    return FetchResult(
                        final_url=str(current),
                        status=304,
                        content_type=response.headers.get("content-type"),
                        body=b"",
                        etag=response.headers.get("etag") or etag,
                        last_modified=response.headers.get("last-modified") or last_modified,
                        redirects=tuple(hops),
                    )
                if response.status_code >= 400 or response.status_code < 200:
                    phrase = response.reason_phrase or ""
                    raise FetchError(
                        "fetch_status", url=where, status=response.status_code, phrase=phrase or None
                    )
                body = _read_body(
                    response, where=where, max_bytes=max_bytes, deadline=deadline, timeout=timeout
                )
                return FetchResult(
                    final_url=str(current),
                    status=response.status_code,
                    content_type=response.headers.get("content-type"),
                    body=body,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    redirects=tuple(hops),
                )
            finally:
                response.close()


def read_url(
    url: str,
    *,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    user_agent: str = DEFAULT_USER_AGENT,
    source_kind: str = "url",
    ssl_context: ssl.SSLContext | None = None,
) -> Document:
    """Fetch a page, PDF or text file and read it into a Document (``source_kind`` "url" or "feed")."""
    result = fetch_url(
        url,
        allow_private=allow_private,
        timeout=timeout,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        user_agent=user_agent,
        ssl_context=ssl_context,
    )
    return read_bytes(
        result.body,
        name=url,
        max_bytes=max_bytes,
        content_type=result.content_type,
        source_kind=source_kind,
        url=url,
        final_url=result.final_url,
    )


# -- one hop ---------------------------------------------------------------------------


def _parse(url: str, *, shown: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        raise InputError("url_invalid", url=shown) from None
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or "no scheme"
        raise FetchError("fetch_scheme_refused", url=shown, scheme=scheme)
    if not parsed.host:
        raise InputError("url_no_host", url=shown)
    return parsed


def _build(
    client: httpx.Client, url: httpx.URL, headers: dict[str, str], *, allow_private: bool, where: str
) -> httpx.Request:
    if allow_private:
        return client.build_request("GET", url, headers=headers)
    port = url.port or (443 if url.scheme == "https" else 80)
    host = url.raw_host.decode("ascii")  # IDNA (punycode) form, as DNS and TLS want it
    try:
        ip = check_host(host, port)
    except FetchError as exc:
        raise type(exc)(f"{where}: {exc}") from None
    # Connect to the address just checked; the Host header and TLS name stay the host's.
    pinned = url.copy_with(host=str(ip))
    request = client.build_request("GET", pinned, headers={**headers, "Host": url.netloc.decode("ascii")})
    if url.scheme == "https" and str(ip) != host:
        request.extensions["sni_hostname"] = host
    return request


def _next_hop(response: httpx.Response, current: httpx.URL, *, where: str) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise FetchError("fetch_redirect_no_location", url=where, status=response.status_code)
    try:
        target = current.join(location)
    except (httpx.InvalidURL, ValueError):
        raise FetchError("fetch_redirect_invalid", url=where, location=location) from None
    if target.scheme not in ("http", "https"):
        raise FetchError("fetch_redirect_not_http", url=where, location=location)
    return target.copy_with(fragment=None)


def _bound(request: httpx.Request, timeout: float, deadline: float, where: str) -> None:
    """Give ``request``'s connect and header waits at most ``timeout`` and never past
    ``deadline``, so that slow hops do not each add a full timeout to the whole fetch (60 s
    allowed, 78 s taken). The body is held to the deadline by :func:`_watchdog`."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise _timed_out(where, timeout, deadline)
    wait = min(timeout, left)
    request.extensions["timeout"] = {"connect": wait, "read": wait, "write": wait, "pool": wait}


def _timed_out(where: str, timeout: float, deadline: float) -> FetchError:
    if time.monotonic() >= deadline - 0.05:
        return FetchError("fetch_deadline", url=where, seconds=_DEADLINE_FACTOR * timeout)
    return FetchError("fetch_timed_out", url=where, timeout=timeout)


def _read_body(
    response: httpx.Response,
    *,
    where: str,
    max_bytes: int,
    deadline: float,
    timeout: float,
) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise TooLargeError(
            "response_too_large", url=where, size=format_size(int(length)), limit=format_size(max_bytes)
        )
    decode = _decoder(response.headers.get("content-encoding", ""), where=where)
    out = bytearray()
    received = 0
    # httpcore takes a body's read timeout once, when the body starts: a read begun just before
    # the deadline would wait a full timeout past it. At the deadline the socket is shut instead.
    watchdog = _watchdog(response, deadline)
    try:
        # No chunk size: httpx would otherwise hold bytes back until a chunk fills, and
        # a trickling server would never reach the deadline check below.
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > max_bytes:
                raise TooLargeError("response_over_limit", url=where, limit=format_size(max_bytes))
            # Ask the decoder for at most one byte past the limit: a bomb never expands in memory.
            out += decode(chunk, max_bytes - len(out) + 1)
            if len(out) > max_bytes:
                raise TooLargeError("response_decompression_bomb", url=where, limit=format_size(max_bytes))
            if time.monotonic() > deadline:
                raise _timed_out(where, timeout, deadline)
        if watchdog is not None and watchdog.fired.is_set():
            raise _timed_out(where, timeout, deadline)
    except httpx.TimeoutException:
        raise _timed_out(where, timeout, deadline) from None
    except _BAD_RESPONSE as exc:
        if watchdog is not None and watchdog.fired.is_set():
            raise _timed_out(where, timeout, deadline) from None
        raise FetchError("fetch_failed", url=where, reason=_reason(exc)) from None
    finally:
        if watchdog is not None:
            watchdog.cancel()
    return bytes(out)


class _Watchdog:
    """Shuts a response's socket at the deadline, so that a read in progress ends there (a body
    without a length then looks complete: :attr:`fired` tells it was cut)."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.fired = threading.Event()
        self._sock = sock
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._shut)
        self._timer.daemon = True
        self._timer.start()

    def _shut(self) -> None:
        self.fired.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _watchdog(response: httpx.Response, deadline: float) -> _Watchdog | None:
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    return _Watchdog(sock, deadline) if isinstance(sock, socket.socket) else None


Decoder = Callable[[bytes, int], bytes]


def _decoder(content_encoding: str, *, where: str) -> Decoder:
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return lambda data, limit: data
    if len(codings) > 1:
        raise FetchError("fetch_content_encoding", url=where, encoding=content_encoding)
    coding = codings[0]
    if coding in ("gzip", "x-gzip"):
        return _zlib_decoder(zlib.MAX_WBITS | 16, where)
    if coding == "deflate":
        return _zlib_decoder(zlib.MAX_WBITS, where)
    if coding == "br":
        return _brotli_decoder(where)
    raise FetchError("fetch_content_encoding", url=where, encoding=content_encoding)


def _zlib_decoder(wbits: int, where: str) -> Decoder:
    return _ZlibDecoder(wbits, where).decode


class _ZlibDecoder:
    def __init__(self, wbits: int, where: str) -> None:
        self._wbits = wbits
        self._where = where
        self._obj = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._obj.decompress(data, limit)
        except zlib.error:
            if not self._started and self._wbits == zlib.MAX_WBITS:
                # Some servers send raw deflate without the zlib header (httpx tolerates it too).
                self._wbits = -zlib.MAX_WBITS
                self._obj = zlib.decompressobj(self._wbits)
                return self.decode(data, limit)
            raise FetchError("response_bad_compression", url=self._where) from None
        self._started = True
        return out


def _brotli_decoder(where: str) -> Decoder:
    import brotli  # type: ignore[import-untyped]  # untyped C extension; used only here

    obj = brotli.Decompressor()

    def decode(data: bytes, limit: int) -> bytes:
        try:
            out: bytes = obj.process(data, output_buffer_limit=limit)
        except brotli.error:
            raise FetchError("response_bad_brotli", url=where) from None
        return out

    return decode


#: What a malformed answer can raise inside httpx (and h11 below it) besides its HTTPError.
_BAD_RESPONSE: Final = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, ValueError, UnicodeError)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, httpx.InvalidURL):
        text = f"the server sent an invalid URL: {text}"
    return text[:200] or type(exc).__name__


__all__ = [
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_USER_AGENT",
    "FetchResult",
    "blocked_reason",
    "check_host",
    "fetch_url",
    "read_url",
    "resolve",
]
