"""The app as each server worker process builds it: ``chiso serve --workers N`` starts N
processes, and each calls :func:`create` (uvicorn's ``factory=True``).

Everything a worker needs comes from the environment (``CHISO_*``, set by ``chiso serve``
before it starts them): the database URL and the key that signs session cookies, so that a
cookie signed by one worker is read by every other. Nothing else is shared in memory: sessions
are signed cookies checked against the account's session version in the database, CSRF tokens
live in the session, and the matcher cache lives in one unit of work; so any worker can answer
any request.
"""

from __future__ import annotations

from fastapi import FastAPI

from chiso.config import load_settings
from chiso.web.app import create_app, settle


def create() -> FastAPI:
    settings = load_settings()
    if not settings.secret_key:
        # Without a shared key each worker would sign cookies its siblings cannot read.
        raise RuntimeError("CHISO_SECRET_KEY must be set for a server with several workers")
    from chiso.services import open_database

    # The parent process has already upgraded the schema: N workers must not race to migrate.
    app = create_app(settings, db=open_database(settings=settings, upgrade=False))
    settle(app)
    return app


__all__ = ["create"]
