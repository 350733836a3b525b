"""time as provenance: where a figure's date came from, and the phrase that dated it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 12:30:00

Issue 11 makes time first-class on every figure: the extractor says whether the time came from
the figure's own sentence, from the context around it, or from nowhere (the publication date),
and quotes the phrase that dated it with its offsets. The mention keeps them so that the reader
can show the phrase and a reviewer can judge the date before accepting. All nullable: mentions
stored before this revision have none, and ``chiso report reextract`` fills them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("time_source", sa.String(10)),
    ("time_quote", sa.Text()),
    ("time_start", sa.Integer()),
    ("time_end", sa.Integer()),
    ("time_precision", sa.String(10)),
    ("base_period", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("mention") as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mention") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
