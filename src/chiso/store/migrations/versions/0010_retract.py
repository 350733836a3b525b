"""retract: a report can be withdrawn and keeps its record

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 17:30:00

* ``report.retracted_at``, ``report.retracted_by``, ``report.retracted_reason``: a retracted
  report stays readable but gives no point, no commitment link and no evidence.

Plain ``add_column`` (no batch rebuild of ``report``): SQLite keeps the table, and so the
search index triggers of 0007 on it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report", sa.Column("retracted_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("report", sa.Column("retracted_by", sa.String(length=120), nullable=True))
    op.add_column("report", sa.Column("retracted_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    # SQLite drops a column in place (3.35+) when no index or trigger names it.
    op.drop_column("report", "retracted_reason")
    op.drop_column("report", "retracted_by")
    op.drop_column("report", "retracted_at")
