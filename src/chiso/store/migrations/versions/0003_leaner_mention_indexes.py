"""leaner indexes: none for what is never searched, none for NULL links

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 19:20:00

Every index is written on every insert: storing a report inserts ~28 mentions, and seven
indexes per mention row were a fifth of the database's work (bench/ingest.py).

* ``ix_mention_report_id`` goes: ``uq_mention_span`` (report_id, kind, start, end) leads with
  the same column and serves the same searches.
* ``ix_report_simhash`` goes: ``report.simhash`` is no longer filled or read (stories are found
  through ``story_band``).
* ``ix_mention_indicator_id``, ``ix_mention_commitment_id`` and ``ix_mention_observation_id``
  keep only the mentions that have the link (partial indexes, ``IS NOT NULL``): a new mention
  has none, and every search on them is by a value (``= x``, ``IN (…)``), which implies it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LINKS = ("indicator_id", "commitment_id", "observation_id")


def upgrade() -> None:
    op.drop_index("ix_mention_report_id", table_name="mention")
    op.drop_index("ix_report_simhash", table_name="report")
    for column in LINKS:
        op.drop_index(f"ix_mention_{column}", table_name="mention")
        linked = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            f"ix_mention_{column}", "mention", [column], postgresql_where=linked, sqlite_where=linked
        )


def downgrade() -> None:
    for column in LINKS:
        op.drop_index(f"ix_mention_{column}", table_name="mention")
        op.create_index(f"ix_mention_{column}", "mention", [column])
    op.create_index("ix_report_simhash", "report", ["simhash"])
    op.create_index("ix_mention_report_id", "mention", ["report_id"])
