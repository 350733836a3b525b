"""A local HTTP server on 127.0.0.1 that serves what each test registers; nothing leaves the machine."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalServer:
    """Routes by path; ``url(path)`` gives the address; ``requests`` logs (path, headers)."""

    base: str
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    sent: dict[str, int] = field(default_factory=dict)  # bytes written per path (streaming tests)

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def page(
        self,
        path: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        def handler(req: BaseHTTPRequestHandler) -> None:
            req.send_response(200)
            req.send_header("Content-Type", content_type)
            req.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                req.send_header(k, v)
            req.end_headers()
            req.wfile.write(body)

        return self.route(path, handler)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        def handler(req: BaseHTTPRequestHandler) -> None:
            req.send_response(status)
            req.send_header("Location", location)
            req.send_header("Content-Length", "0")
            req.end_headers()

        return self.route(path, handler)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    local: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up mid-body (size and timeout tests) is expected, not a failure.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        local = self.server.local
        path = self.path.split("?", 1)[0]
        local.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        handler = local.routes.get(path)
        if handler is None:
            self.send_error(404, "Not Found")
            return
        handler(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[LocalServer]:
    yield from _serve(None)


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """A self-signed certificate for front.test, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    files = TlsFiles(cert=folder / "cert.pem", key=folder / "key.pem")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=front.test",
            "-addext",
            "subjectAltName=DNS:front.test",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-keyout",
            str(files.key),
            "-out",
            str(files.cert),
        ],
        check=True,
        capture_output=True,
    )
    return files


@pytest.fixture
def tls_server(tls_files: TlsFiles) -> Iterator[LocalServer]:
    """The same server over HTTPS with the front.test certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_files.cert, tls_files.key)
    yield from _serve(context)


def _serve(context: ssl.SSLContext | None) -> Iterator[LocalServer]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    if context is not None:
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    port = httpd.server_address[1]
    scheme = "https" if context is not None else "http"
    local = LocalServer(base=f"{scheme}://127.0.0.1:{port}")
    httpd.local = local
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield local
    finally:
        local.stop.set()  # wake handlers that sleep (slow endpoint)
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
