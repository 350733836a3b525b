"""accounts: sessions that can be ended, disabled users, revoked tokens, a sign-in rate limit

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 12:40:00

* ``user_account.session_version``: a session cookie carries the version it was made with;
  signing out, a new password or disabling the account raises it, which ends every session.
* ``user_account.disabled_at``, ``api_token.revoked_at``: switched off, not deleted, so the audit
  log's names still resolve.
* ``sign_in_failure``: failed sign-ins per account name and per address, for the rate limit.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failure")),
    )
    op.create_index("ix_sign_in_failure_name_at", "sign_in_failure", ["name", "at"])
    op.create_index("ix_sign_in_failure_address_at", "sign_in_failure", ["address", "at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_failure_address_at", table_name="sign_in_failure")
    op.drop_index("ix_sign_in_failure_name_at", table_name="sign_in_failure")
    op.drop_table("sign_in_failure")
    with op.batch_alter_table("api_token") as batch:
        batch.drop_column("revoked_at")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("disabled_at")
        batch.drop_column("session_version")
