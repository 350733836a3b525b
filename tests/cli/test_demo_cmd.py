"""`chiso demo`: the demo has a database of its own, and says how the CLI reaches it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from chiso.cli import app
from chiso.services.database import open_database
from chiso.services.reports import add as reports


def test_demo_prints_how_the_cli_reaches_its_database(tmp_path: Path) -> None:
    """A new user's `chiso report list` in another terminal read the default, empty database:
    the demo now prints the `export CHISO_DATABASE_URL=…` line for its own."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = CliRunner().invoke(app, ["--db", url, "demo", "--no-serve"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"export CHISO_DATABASE_URL={url}" in result.output
    db = open_database(url)
    assert reports.count_reports(db) > 0
    db.dispose()
