"""The use cases: the only layer the CLI and the web app call.

Each function takes a :class:`~chiso.store.db.Database`, runs one unit of work and returns
Pydantic models from :mod:`chiso.services.schemas`; none hands ORM objects to its caller.
"""

from chiso.services.database import open_database

__all__ = ["open_database"]
