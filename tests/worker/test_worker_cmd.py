"""``chiso worker status`` and ``chiso worker every``: the jobs' and feeds' last runs in 80 columns."""

from __future__ import annotations

import json

import pytest
from bench.feedfarm import FeedFarm
from typer.testing import CliRunner

from chiso.cli import app
from chiso.config import load_settings
from chiso.services import feeds
from chiso.services import worker as jobs
from chiso.store.db import Database

runner = CliRunner()


@pytest.mark.parametrize("columns", [80, 120])
def test_status_shows_the_last_runs(sqlite_db: Database, columns: int) -> None:
    with FeedFarm(feeds=2, items=1) as farm:
        ids = [feeds.add_feed(sqlite_db, farm.feed_url(n), allow_private=True).id for n in range(2)]
        settings = load_settings(allow_private_urls=True)
        jobs.poll_feed(sqlite_db, ids[0], settings=settings, holder="job")
        farm.down = True
        jobs.poll_feed(sqlite_db, ids[1], settings=settings, holder="job")
    jobs.record_job(sqlite_db, "reextract", result="reread=3 skipped=0 failed=0")
    out = runner.invoke(
        app, ["--db", sqlite_db.url, "worker", "status"], env={"COLUMNS": str(columns), "CHISO_LANG": "en"}
    )
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert max(len(line) for line in lines) <= columns
    text = "\n".join(lines)
    for shown in ("Jobs", "reextract", "reread=3", "Feeds", "new=1 items=1", "503", "1 h"):
        assert shown in text


def test_status_as_json_and_every(sqlite_db: Database) -> None:
    fid = feeds.add_feed(sqlite_db, "http://127.0.0.1:9/feed.xml", allow_private=True).id
    out = runner.invoke(app, ["--db", sqlite_db.url, "--lang", "en", "worker", "every", str(fid), "15"])
    assert out.exit_code == 0, out.output
    assert "every 15 minutes" in out.output
    out = runner.invoke(app, ["--db", sqlite_db.url, "worker", "status", "--format", "json"])
    state = json.loads(out.output)
    assert [(f["id"], f["poll_every"]) for f in state["feeds"]] == [(fid, 900)]
    assert {j["name"] for j in state["jobs"]} == {"tick", "reextract", "commitment_statuses"}
    out = runner.invoke(app, ["--db", sqlite_db.url, "--lang", "en", "worker", "every", str(fid), "0"])
    assert out.exit_code == 1
    assert "60 to 604800 seconds" in out.output
