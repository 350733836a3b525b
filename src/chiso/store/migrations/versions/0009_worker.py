"""worker: each feed polled on its own schedule, periodic jobs, commitment status changes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 17:30:00

* ``feed``: ``poll_every`` (seconds), ``next_poll_at``; the lease of the worker polling it
  (``locked_until``, ``locked_by``); its last run (``last_run_at``, ``last_result``,
  ``last_error``).
* ``job_run``: the worker's periodic jobs, when each is due next and how its last run went.
* ``commitment.last_display_status``: the open display status last recorded, and
  ``commitment_event.old_status``: a ``status_changed`` event's status before.

Columns are added with ALTER TABLE ADD COLUMN (no batch copy), so the search triggers of 0007
on ``commitment`` stay as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: the periodic jobs, one row each from the start: recording a run is then an UPDATE, which two
#: workers can race on without one failing on a duplicate key
JOBS = ("tick", "reextract", "commitment_statuses")


def upgrade() -> None:
    op.add_column("feed", sa.Column("poll_every", sa.Integer(), nullable=False, server_default="3600"))
    op.add_column("feed", sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("feed", sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("feed", sa.Column("locked_by", sa.String(length=64), nullable=True))
    op.add_column("feed", sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("feed", sa.Column("last_result", sa.Text(), nullable=True))
    op.add_column("feed", sa.Column("last_error", sa.Text(), nullable=True))
    op.add_column("commitment", sa.Column("last_display_status", sa.String(length=10), nullable=True))
    op.add_column("commitment_event", sa.Column("old_status", sa.String(length=10), nullable=True))
    job_run = op.create_table(
        "job_run",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("runs", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_run")),
    )
    op.bulk_insert(job_run, [{"name": name} for name in JOBS])


def downgrade() -> None:
    op.drop_table("job_run")
    with op.batch_alter_table("commitment_event") as batch:
        batch.drop_column("old_status")
    # commitment keeps the search triggers of 0007: a plain DROP COLUMN (SQLite >= 3.35), no copy
    op.drop_column("commitment", "last_display_status")
    with op.batch_alter_table("feed") as batch:
        for column in (
            "last_error",
            "last_result",
            "last_run_at",
            "locked_by",
            "locked_until",
            "next_poll_at",
            "poll_every",
        ):
            batch.drop_column(column)
