"""licence: a publisher's licence, and an indicator's description in Vietnamese

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 17:30:00

* ``publisher_licence``: the licence a publisher's reports are under when a report names none
  (``report.licence`` exists since 0001). A publisher is the name reports carry
  (``report.publisher``), so the table is keyed by that name: no publisher table to keep in
  step with the free-text column. The licence an export cites is the report's, else its
  publisher's, else the default of the settings (``CHISO_DEFAULT_LICENCE``).
* ``indicator.description_vi``: the description in Vietnamese beside ``description`` (English,
  as the shipped catalogue writes it).

Both are plain additions (``ADD COLUMN``, ``CREATE TABLE``): no table is rebuilt, so the search
index's triggers of 0007 stay as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publisher_licence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publisher", sa.String(length=300), nullable=False),
        sa.Column("licence", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publisher_licence")),
        sa.UniqueConstraint("publisher", name=op.f("uq_publisher_licence_publisher")),
    )
    op.add_column("indicator", sa.Column("description_vi", sa.Text(), nullable=True))


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite >= 3.35), not a batch rebuild, which would drop 0007's triggers
    op.execute("ALTER TABLE indicator DROP COLUMN description_vi")
    op.drop_table("publisher_licence")
