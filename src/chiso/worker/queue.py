"""Which Huey queue the worker uses, from the settings (``CHISO_QUEUE_URL``).

* nothing (the laptop's default): a :class:`~huey.SqliteHuey` file beside the SQLite database
  (``chiso.sqlite3`` -> ``chiso-queue.sqlite3``), or in the user data directory when the
  database is elsewhere; ``chiso serve`` runs its consumer in a thread;
* ``redis://host:port/db``: a :class:`~huey.RedisHuey`, shared by ``chiso worker`` on one or
  several machines working on the same PostgreSQL database;
* ``sqlite:///path``: a SqliteHuey at that path; ``memory``: one process only (tests).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from huey import MemoryHuey, RedisHuey, SqliteHuey
from platformdirs import user_data_path
from sqlalchemy.engine import make_url

from chiso.config import Settings
from chiso.errors import InputError

#: the queue's name (Redis keys and SQLite rows carry it)
NAME = "chiso"
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def queue_file(database_url: str) -> Path | None:
    """The queue's SQLite file beside a SQLite database file; None for a database in memory."""
    url = make_url(database_url if "://" in database_url else f"sqlite:///{database_url}")
    if url.get_backend_name() != "sqlite":
        return user_data_path("chiso", appauthor=False, ensure_exists=True) / "chiso-queue.sqlite3"
    if not url.database or url.database == ":memory:":
        return None
    path = Path(url.database).expanduser()
    return path.with_name(f"{path.stem}-queue.sqlite3")


def make_queue(settings: Settings, database_url: str, *, immediate: bool = False) -> Any:
    """The Huey instance for these settings. Task results are not kept by Huey: each job records
    its own in the database (``feed``, ``job_run``)."""
    url = (settings.queue_url or "").strip()
    common: dict[str, Any] = {"results": False, "immediate": immediate, "utc": True}
    if url == "memory":
        return MemoryHuey(NAME, **common)
    if url.startswith(REDIS_SCHEMES):
        return RedisHuey(NAME, url=url, **common)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :]).expanduser()
    elif url:
        raise InputError("queue_url_invalid", url=url)
    else:
        found = queue_file(database_url)
        if found is None:
            return MemoryHuey(NAME, **common)
        path = found
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(NAME, filename=str(path), **common)


def has_expiring_locks(huey: Any) -> bool:
    """Whether Huey's locks on this queue can carry a time to live (so that a killed worker's lock
    runs out): Redis 7.4 or later (Huey keeps its locks as hash fields, which expire from 7.4 on).
    Elsewhere the database's lease on each feed is the only lock, and it is enough on its own."""
    if not isinstance(huey, RedisHuey):
        return False
    try:
        version = str(huey.storage.conn.info("server").get("redis_version", "0"))
    except Exception:
        return False
    major, minor = (int(p) if p.isdigit() else 0 for p in ([*version.split("."), "0"])[:2])
    return (major, minor) >= (7, 4)


__all__ = ["NAME", "REDIS_SCHEMES", "has_expiring_locks", "make_queue", "queue_file"]
