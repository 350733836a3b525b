"""Opening the database a command or the web app works on; :class:`Database` is re-exported
so that the CLI and the web name its type without importing the store."""

from __future__ import annotations

from chiso.config import Settings, load_settings
from chiso.store.db import Database


def open_database(
    url: str | None = None, *, settings: Settings | None = None, upgrade: bool = True
) -> Database:
    """The database at ``url`` (else CHISO_DATABASE_URL, else a SQLite file in the user data
    directory), brought up to the newest schema unless ``upgrade`` is false."""
    settings = settings or load_settings()
    return Database.from_url(
        url or settings.database_url, upgrade=upgrade, busy_timeout=settings.busy_timeout
    )


__all__ = ["Database", "open_database"]
