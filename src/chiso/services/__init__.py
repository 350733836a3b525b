"""The use cases: the only layer the CLI and the web app call.

Each function takes a :class:`~chiso.store.db.Database`, runs one unit of work and returns
Pydantic models from :mod:`chiso.services.schemas`; none hands ORM objects to its caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chiso.services.database import open_database
    from chiso.services.worker import worker_status
else:

    def __getattr__(name: str) -> Any:
        # Importing a schemas module (``chiso.services.schemas``) must not open the store's
        # SQLAlchemy imports: the CLI imports schemas at start and the database only when used.
        if name == "open_database":
            from chiso.services.database import open_database

            return open_database
        if name == "worker_status":  # the worker's jobs and feeds (the feeds page shows them)
            from chiso.services.worker import worker_status

            return worker_status
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["open_database", "worker_status"]
