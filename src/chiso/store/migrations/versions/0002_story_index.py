"""story index: MinHash bands of every report, and the reports already stored indexed

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 17:05:00

``story_band`` holds BANDS rows per report (see ``chiso.services.stories``). Existing reports
are indexed here, in chunks, with the same band function the service uses; their story groups
(made earlier by SimHash) are kept as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CHUNK = 500


def upgrade() -> None:
    story_band = op.create_table(
        "story_band",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_story_band_report_id_report"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "band", name=op.f("pk_story_band")),
    )
    with op.batch_alter_table("story_band", schema=None) as batch_op:
        batch_op.create_index("ix_story_band_band_hash", ["band", "hash", "report_id"], unique=False)
    assert story_band is not None
    _index_existing(story_band)


def _index_existing(story_band: sa.Table) -> None:
    from chiso.services.stories import band_hashes, band_rows

    bind = op.get_bind()
    report = sa.table("report", sa.column("id", sa.Integer()), sa.column("text", sa.Text()))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(report.c.id, report.c.text)
            .where(report.c.id > last)
            .order_by(report.c.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            return
        batch: list[dict[str, int]] = []
        for rid, text in rows:
            batch += band_rows(rid, band_hashes(text or ""))
        if batch:
            bind.execute(story_band.insert(), batch)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("story_band", schema=None) as batch_op:
        batch_op.drop_index("ix_story_band_band_hash")
    op.drop_table("story_band")
