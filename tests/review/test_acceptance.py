"""The issue's "done when", as a new user would try it: both seed reports, automatic review at
0.9, then the 67-million VNeID figure with its quote and source (service layer and CLI)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from chiso.cli import app
from chiso.ingest.files import read_path
from chiso.services import observations, review
from chiso.services.reports import add as reports
from chiso.store.db import Database

SLUG = "vneid-activated-accounts"


def _seeds(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "seeds").glob("*.txt"))


def _check_67_million(rows: list[dict[str, object]]) -> None:
    hits = [r for r in rows if r["value"] == 67_000_000]
    assert len(hits) == 1, rows
    (obs,) = hits
    assert obs["indicator"] == SLUG
    assert obs["qualifier"] == "more_than"
    assert obs["as_of"] == "2026-01-16"
    sources = obs["sources"]
    assert isinstance(sources, list)
    assert sources
    src = sources[0]
    assert "67 triệu" in src["quote"]
    assert src["published_on"] == "2026-01-16"
    assert isinstance(src["report_id"], int)


def test_seed_reports_auto_reviewed_give_the_67_million_figure(shared_dir: Path, sqlite_db: Database) -> None:
    for path in _seeds(shared_dir):
        reports.add_report(sqlite_db, read_path(path, max_bytes=20_000_000), published=date(2026, 1, 16))
    result = review.auto(sqlite_db, min_confidence=0.9)
    assert any(d.indicator == SLUG for d in result.decisions)
    rows = [o.model_dump(mode="json") for o in observations.list_observations(sqlite_db, SLUG)]
    _check_67_million(rows)
    # every accepted point keeps its quote inside its report's text
    for o in observations.list_observations(sqlite_db):
        for s in o.sources:
            assert reports.get_report(sqlite_db, s.report_id).text[s.start : s.end] == s.quote
    # the rest waits for a person
    assert review.count_pending(sqlite_db) > 0


def test_the_same_through_the_cli(shared_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'tmp.sqlite3'}"
    for path in _seeds(shared_dir):
        r = runner.invoke(app, ["--db", url, "report", "add", str(path), "--published", "2026-01-16"])
        assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["--db", url, "review", "auto", "--min-confidence", "0.9"])
    assert r.exit_code == 0, r.output
    assert SLUG in r.stdout
    assert "Tự động duyệt" in r.stdout
    r = runner.invoke(app, ["--db", url, "observations", "--indicator", SLUG, "--format", "json"])
    assert r.exit_code == 0, r.output
    # the CLI prints the export's rows: one per source of each point, with its citation columns
    rows = [row for row in json.loads(r.stdout) if row["value"] == 67_000_000]
    assert rows, r.stdout
    assert {(row["indicator"], row["qualifier"], row["as_of"]) for row in rows} == {(SLUG, "more_than", "2026-01-16")}
    assert any("67 triệu" in row["quote"] for row in rows)
    assert {row["published_on"] for row in rows} == {"2026-01-16"}
    assert all("/reports/" in row["permalink"] for row in rows)
