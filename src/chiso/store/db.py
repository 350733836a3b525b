"""Engines, units of work and schema upgrades.

``Database`` is made by a factory from a URL, never at import time. A unit of work
(``with db.transaction() as s:``) commits once at the end or rolls everything back:
the service layer opens one per use case, so one report is one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from chiso.errors import DatabaseBusyError, DatabaseError

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as the psycopg 3 driver, and bare paths as SQLite."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


#: How long a SQLite write waits for another writer's lock before it answers "busy" (a web
#: request waiting longer than this is better told to come back: 503 with Retry-After).
BUSY_TIMEOUT_SECONDS = 10.0

#: The execution option that marks a read-only unit of work (:meth:`Database.reading`).
_READ_ONLY = "chiso_read_only"


def _sqlite_pragmas(busy_timeout: float) -> Any:
    def pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cur.close()

    return pragmas


def _sqlite_begin(conn: Connection) -> None:
    # pysqlite's own BEGIN handling defers locks; a writer takes the write lock at BEGIN instead
    # so that two writers queue on busy_timeout rather than failing to upgrade a read lock. A
    # read-only unit of work begins deferred: in WAL mode it then reads beside a writer and
    # never waits for (or holds) the write lock.
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(_READ_ONLY) else "BEGIN IMMEDIATE")


def is_busy(exc: OperationalError) -> bool:
    """Whether ``exc`` says the database is locked by another writer (SQLite's busy timeout ran
    out, or PostgreSQL's lock timeout)."""
    orig = exc.orig
    if getattr(orig, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return True
    if getattr(orig, "sqlstate", None) in ("55P03",):  # lock_not_available
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database table is locked" in text


def create_db_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)

        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None

        return engine
    engine = create_engine(url)
    _ping_when_idle(engine)
    event.listen(engine, "connect", _pg_lock_timeout(busy_timeout))
    return engine


def _pg_lock_timeout(busy_timeout: float) -> Any:
    """PostgreSQL's readers never wait for writers, but a writer waits for another's row or
    table lock without end: the same limit as SQLite's busy timeout, then "busy" (55P03)."""

    def set_timeout(dbapi_conn: Any, _record: Any) -> None:
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        try:
            with dbapi_conn.cursor() as cur:
                cur.execute(f"SET lock_timeout = {int(busy_timeout * 1000)}")
        finally:
            dbapi_conn.autocommit = autocommit

    return set_timeout


#: A pooled connection unused for longer than this is tested before it is handed out.
PING_AFTER_IDLE_SECONDS = 2.0


def _ping_when_idle(engine: Engine) -> None:
    """``pool_pre_ping``, but only for connections that sat in the pool for a while.

    The ping is a round trip (two, with the BEGIN it starts) on every checkout: a tenth of the
    client's CPU per report when adding reports one transaction each (bench/ingest.py). A
    connection handed back moments ago is alive but for a server restart in between, which
    the first statement then reports like any other database error.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            cursor = dbapi_conn.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        except engine.dialect.loaded_dbapi.Error as exc:
            # The pool discards this connection and checks out another one.
            raise DisconnectionError(f"stale pooled connection: {exc}") from exc


class Database:
    """A database chiso can use: an engine (or a test's connection) and a session factory."""

    def __init__(self, bind: Engine | Connection, url: str | None = None) -> None:
        self.bind = bind
        self.engine: Engine = bind if isinstance(bind, Engine) else bind.engine
        self.url = url or self.engine.url.render_as_string(hide_password=True)
        # create_savepoint lets a test wrap every unit of work in an outer transaction it rolls back.
        self._sessions = sessionmaker(
            bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        read_bind = bind.execution_options(**{_READ_ONLY: True}) if isinstance(bind, Engine) else bind
        self._read_sessions = sessionmaker(
            bind=read_bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    @classmethod
    def from_url(
        cls, url: str, *, upgrade: bool = True, busy_timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> Database:
        db = cls(create_db_engine(url, busy_timeout=busy_timeout), url=normalise_url(url))
        if upgrade:
            db.upgrade()
        return db

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit at the end, roll back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise _database_error(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end). On SQLite it begins deferred, so
        that it reads beside a writer (WAL) instead of queueing for the write lock; it must
        not write (a deferred transaction that writes fails at once when another one does)."""
        session = self._read_sessions()
        try:
            yield session
        except OperationalError as exc:
            raise _database_error(exc) from exc
        finally:
            session.rollback()
            session.close()

    def upgrade(self, revision: str = "head") -> None:
        upgrade(self.bind, revision)

    def current_revision(self) -> str | None:
        return current_revision(self.bind)

    def dispose(self) -> None:
        if isinstance(self.bind, Engine):
            self.bind.dispose()


def _database_error(exc: OperationalError) -> DatabaseError:
    if is_busy(exc):
        return DatabaseBusyError("database_busy")
    return DatabaseError("database_error", detail=str(exc.orig))


def _alembic_config(bind: Engine | Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = bind
    return cfg


def upgrade(bind: Engine | Connection, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (all of Alembic's work runs on ``bind``)."""
    from alembic import command

    try:
        if isinstance(bind, Engine):
            if revision == "head" and _at_head(bind):
                # Every command opens the database so: a write transaction here queued each
                # one (a listing too) behind any writer, for nothing to do.
                return
            with bind.begin() as conn:
                command.upgrade(_alembic_config(conn), revision)
        else:
            command.upgrade(_alembic_config(bind), revision)
    except OperationalError as exc:
        raise DatabaseError("database_upgrade_failed", detail=str(exc.orig)) from exc


def _at_head(engine: Engine) -> bool:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory(str(MIGRATIONS)).get_heads()
    return len(heads) == 1 and current_revision(engine) == heads[0]


def downgrade(bind: Engine | Connection, revision: str) -> None:
    from alembic import command

    if isinstance(bind, Engine):
        with bind.begin() as conn:
            command.downgrade(_alembic_config(conn), revision)
    else:
        command.downgrade(_alembic_config(bind), revision)


def current_revision(bind: Engine | Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    if isinstance(bind, Engine):
        with bind.execution_options(**{_READ_ONLY: True}).connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return MigrationContext.configure(bind).get_current_revision()


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def table_names(bind: Engine | Connection) -> set[str]:
    return set(inspect(bind).get_table_names())


__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "Database",
    "create_db_engine",
    "current_revision",
    "downgrade",
    "is_busy",
    "normalise_url",
    "revisions",
    "table_names",
    "upgrade",
]
