"""`chiso serve --workers N`: several server processes on one database, any of which can answer
any request of a signed-in person (the session cookie is signed with one shared key and
checked against the database, not against a worker's memory)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from chiso.services.users import accounts as users
from chiso.store.db import Database

PASSWORD = "mật khẩu đủ dài"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, deadline: float, log: Path) -> None:
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in time: {log.read_text(errors='replace')[-2000:]}")


def _children(pid: int) -> set[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return {int(x) for x in out.stdout.split()}


@pytest.mark.parametrize("workers", [2])
def test_two_workers_share_sessions(sqlite_db: Database, tmp_path: Path, workers: int) -> None:
    users.add_user(sqlite_db, "lan", "editor", PASSWORD)
    port = _free_port()
    env = {
        **os.environ,
        "CHISO_DATABASE_URL": sqlite_db.url,
        "CHISO_SECRET_KEY": "k" * 48,
        "HOME": str(tmp_path),
    }
    chiso = Path(sys.executable).with_name("chiso")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(chiso), "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/login", time.monotonic() + 90, log)
        # uvicorn's supervisor runs one child process per worker
        deadline = time.monotonic() + 30
        while len(_children(proc.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.3)
        assert len(_children(proc.pid)) >= workers
        with httpx.Client(base_url=base, timeout=10) as browser:
            page = browser.get("/login").text
            token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
            assert token is not None
            r = browser.post(
                "/login", data={"name": "lan", "password": PASSWORD, "csrf_token": token.group(1)}
            )
            assert r.status_code == 303
            cookie = browser.cookies.get("chiso_session")
        assert cookie
        # a fresh connection per request, so the workers take turns accepting them
        for _ in range(12):
            with httpx.Client(base_url=base, timeout=10, cookies={"chiso_session": cookie}) as c:
                account = c.get("/account", follow_redirects=False)
                assert account.status_code == 200
                assert "lan" in account.text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
