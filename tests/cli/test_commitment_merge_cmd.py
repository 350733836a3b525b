"""One promise, one commitment, from the command line: `a` in the review queue links a restated
deadline to the suggested commitment (`n` makes a new one), `chiso commitment duplicates` lists
the likely pairs and `chiso commitment merge KEEP OTHER` merges them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from chiso.cli import app
from chiso.cli.review_cmd import _step
from chiso.services import commitments, review
from chiso.store.db import Database
from tests.services.test_commitment_merge import HOTLINE, HOTLINE_AGAIN, HOTLINE_AGAIN_DL, HOTLINE_DL
from tests.services.test_commitments import add_report

runner = CliRunner()


def _run(db: Database, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db.url), *args], env={"COLUMNS": "200", "CHISO_ACTOR": "minh"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def restated(sqlite_db: Database) -> tuple[int, int]:
    """A commitment, and a pending deadline in a later report that restates it."""
    _, (m1,) = add_report(sqlite_db, HOTLINE, date(2025, 1, 10), (HOTLINE_DL,))
    _, (m2,) = add_report(sqlite_db, HOTLINE_AGAIN, date(2025, 2, 3), (HOTLINE_AGAIN_DL,))
    cid = review.accept(sqlite_db, m1, actor="lan").commitment_id
    assert cid is not None
    return cid, m2


def test_a_in_the_queue_links_a_restated_deadline(sqlite_db: Database, restated: tuple[int, int]) -> None:
    cid, mid = restated
    (item,) = review.pending(sqlite_db, kind="deadline")
    assert item.mention.id == mid
    d = _step(sqlite_db, item, "a", "lan")
    assert d is not None
    assert (d.commitment_id, d.commitment_created) == (cid, False)


def test_n_in_the_queue_makes_a_new_commitment(sqlite_db: Database, restated: tuple[int, int]) -> None:
    cid, _mid = restated
    (item,) = review.pending(sqlite_db, kind="deadline")
    d = _step(sqlite_db, item, "n", "lan")
    assert d is not None
    assert d.commitment_created
    assert d.commitment_id != cid


def test_review_accept_links_to_the_top_suggestion_by_default(
    sqlite_db: Database, restated: tuple[int, int]
) -> None:
    cid, mid = restated
    code, out, err = _run(sqlite_db, "review", "accept", str(mid))
    assert code == 0, err
    assert f"cam kết {cid} (liên kết)" in out


def test_duplicates_then_merge(sqlite_db: Database, restated: tuple[int, int]) -> None:
    keep, mid = restated
    code, out, err = _run(sqlite_db, "review", "accept", str(mid), "--new-commitment")
    assert code == 0, err
    other = review.get_mention(sqlite_db, mid).commitment_id
    assert other is not None
    code, out, err = _run(sqlite_db, "commitment", "duplicates")
    assert code == 0, err
    assert f"#{keep}" in out
    assert f"#{other}" in out
    code, out, _ = _run(sqlite_db, "commitment", "duplicates", "--format", "json")
    assert [(p["first"]["id"], p["second"]["id"]) for p in json.loads(out)] == [(keep, other)]
    code, out, err = _run(sqlite_db, "commitment", "merge", str(keep), str(other))
    assert code == 0, err
    assert f"#{other} → #{keep}" in out
    assert commitments.merged_target(sqlite_db, other) == keep
    code, out, _ = _run(sqlite_db, "commitment", "duplicates")
    assert "không thấy cam kết nào có vẻ trùng" in out
    code, out, err = _run(sqlite_db, "commitment", "show", str(other), "-f", "json")
    assert code == 0, err
    assert f"đã gộp vào #{keep}" in err
    assert json.loads(out)[0]["id"] == keep
    code, _, err = _run(sqlite_db, "commitment", "merge", str(keep), str(other))
    assert code == 1
    assert "đã được gộp vào cam kết" in err
