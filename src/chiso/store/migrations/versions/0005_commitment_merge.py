"""commitment.merged_into_id: a commitment merged into another (the same promise) redirects there

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:40:00

Two commitments made from two statements of one promise are merged: the events and mentions of
the other move to the kept one, and the other stays as a row pointing at it, so that its old
address (``/commitments/{id}``) still leads somewhere.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("commitment") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_commitment_merged_into_id_commitment",
            "commitment",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("commitment") as batch:
        batch.drop_constraint("fk_commitment_merged_into_id_commitment", type_="foreignkey")
        batch.drop_column("merged_into_id")
