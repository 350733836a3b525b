"""The local HTTP server of tests/ingest (127.0.0.1 only), the CLI as a user runs it, and a
pretend public host name that lives on the test server."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.ingest import fetch
from chiso.store.db import Database
from tests.ingest.conftest import LocalServer, server

__all__ = ["Cli", "LocalServer", "server"]


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    """``chiso --db <the test's database> ...`` in this process, as a user would type it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Result:
        result = self.runner.invoke(app, ["--db", str(self.db.url), *args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a crash is a test failure with its own traceback
        return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli(sqlite_db: Database) -> Cli:
    return Cli(sqlite_db)


@pytest.fixture
def public_name(monkeypatch: pytest.MonkeyPatch) -> str:
    """``news.test`` passes the address guard as a public site would, and connects to the test
    server; every other host is checked for real (so 127.0.0.1 is still refused)."""
    real = fetch.check_host

    def check(host: str, port: int) -> fetch.IPAddress:
        if host == "news.test":
            return ipaddress.ip_address("127.0.0.1")
        return real(host, port)

    monkeypatch.setattr(fetch, "check_host", check)
    return "news.test"
