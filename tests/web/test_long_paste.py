"""A pasted report longer than the form parser's default (1 MB per field) is still one report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chiso.config import Settings
from chiso.services.reports import add as reports
from chiso.store.db import Database
from tests.web.conftest import TestClient
from tests.web.helpers import TEXT

#: the app's limit in this module: a long report fits, a longer one does not
MAX_BYTES = 3_000_000


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        secret_key="test-secret",
        max_input_bytes=MAX_BYTES,
    )


#: what a browser sends with the form's file input left empty: the form goes as multipart
NO_FILE = {"file": ("", b"", "application/octet-stream")}


def _long(size: int) -> str:
    block = TEXT + "\n\n"
    return block * (size // len(block.encode("utf-8")) + 1)


def test_a_paste_over_a_megabyte_is_one_report(signed_in: TestClient, database: Database) -> None:
    text = _long(1_500_000)
    assert 1_500_000 < len(text.encode("utf-8")) < MAX_BYTES
    r = signed_in.post("/reports/new", data={"text": text}, files=NO_FILE, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    rid = int(r.headers["location"].rsplit("/", 1)[1])
    assert len(reports.get_report(database, rid).text) > 1_000_000


def test_a_paste_over_the_limit_is_refused_with_the_readers_message(signed_in: TestClient) -> None:
    text = _long(MAX_BYTES + 1000)
    r = signed_in.post("/reports/new", data={"text": text}, files=NO_FILE, headers={"Accept-Language": "en"})
    assert r.status_code == 413
    # the reader's own check answers (not the form parser's "Part exceeded maximum size")
    assert re.search(r"pasted text: text is [0-9.]+ MB, over the [0-9.]+ MB limit", r.text)
