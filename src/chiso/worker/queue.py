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


def is_shared(huey: Any) -> bool:
    """Whether the queue is one several machines share (Redis): its locks then carry a time to
    live, so that a killed worker's lock runs out."""
    return isinstance(huey, RedisHuey)


__all__ = ["NAME", "REDIS_SCHEMES", "is_shared", "make_queue", "queue_file"]
