"""observation index: whether an indicator has data, answered from the index alone

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 17:40:00

``ix_observation_indicator_date`` (indicator, date) gains ``is_target`` as its last column. The
dashboard, the indicator list and the catalogue ask, for every indicator, whether it has an
observed (not target) point: an ``EXISTS`` per indicator that read a table row for each index
entry to check ``is_target``. With the flag in the index it is answered from the index alone
(4x faster at the bench's scale, issue 16), and the order (indicator, date) the series readers
rely on is unchanged.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_observation_indicator_date", table_name="observation")
    op.create_index("ix_observation_indicator_date", "observation", ["indicator_id", "ref_date", "is_target"])


def downgrade() -> None:
    op.drop_index("ix_observation_indicator_date", table_name="observation")
    op.create_index("ix_observation_indicator_date", "observation", ["indicator_id", "ref_date"])
