"""Fixtures every test may use: paths to shared/, and a fresh database per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout (seeds and gold); tests using it skip on a user's fresh clone."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(
            "../shared/seeds is not beside this checkout (it ships with the project's workspace only)"
        )
    return SHARED


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Never touch the user's real data directory or database from a test; the CLI speaks its
    default language (Vietnamese) whatever the locale of the person running the tests."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("CHISO_DATABASE_URL", raising=False)
    for name in ("CHISO_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI in English, for tests that read its English messages (errors, labels)."""
    monkeypatch.setenv("CHISO_LANG", "en")


def postgres_url() -> str | None:
    return os.environ.get("CHISO_TEST_POSTGRES_URL") or None


# --- databases -------------------------------------------------------------------------------
# SQLite: the schema is migrated once into a template file, copied for every test.
# PostgreSQL (when CHISO_TEST_POSTGRES_URL is set): migrated once into a schema of its own,
# and every test runs inside one outer transaction that is rolled back at its end.

import shutil  # noqa: E402
import uuid  # noqa: E402

from sqlalchemy import Engine, text  # noqa: E402

from chiso.store.db import Database, create_db_engine, upgrade  # noqa: E402

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def pg_schema_url(base: str, schema: str) -> str:
    from chiso.store.db import normalise_url

    url = normalise_url(base)
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine]:
    base = postgres_url()
    if not base:
        pytest.skip("CHISO_TEST_POSTGRES_URL is not set: PostgreSQL tests run in CI (.ci/run sets it)")
    schema = f"chiso_test_{uuid.uuid4().hex[:10]}"
    admin = create_db_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_db_engine(pg_schema_url(base, schema))
    upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database for one test, on SQLite and (when configured) PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "chiso.sqlite3"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        db = Database.from_url(f"sqlite:///{path}", upgrade=False)
        yield db
        db.dispose()
        return
    engine: Engine = request.getfixturevalue("_pg_engine")
    conn = engine.connect()
    outer = conn.begin()
    yield Database(conn)
    outer.rollback()
    conn.close()


@pytest.fixture
def sqlite_db(tmp_path: Path, _sqlite_template: Path) -> Iterator[Database]:
    """A migrated SQLite database only (for tests that need a file, e.g. CLI subprocesses)."""
    path = tmp_path / "chiso.sqlite3"
    shutil.copy(_sqlite_template, path)
    db = Database.from_url(f"sqlite:///{path}", upgrade=False)
    yield db
    db.dispose()
