"""Alembic environment: always run on the connection chiso hands over (no ini file)."""

from __future__ import annotations

from alembic import context

from chiso.store.models import Base, not_search_index

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copy; batch mode does it for us
    compare_type=True,
    include_name=not_search_index,  # migration 0007's FTS tables and expression indexes
)
with context.begin_transaction():
    context.run_migrations()
