"""alerts: subscriptions, the events they hear about, and the outbox that sends them

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 17:30:00

* ``alert_subscription``: a user's subscription to an indicator, a commitment, a programme or an
  owner, delivered by e-mail and/or webhook (URL and secret), in the user's language.
* ``alert_event``: what happened (a new observation, a conflict, a due date moved, a deadline
  near or passed, a commitment resolved), written in the transaction of the change; ``dedupe``
  (unique) keeps the daily deadline scan to one event per commitment, kind and due date.
* ``alert_notification``: the outbox, one row per event, subscription and channel, with its
  state (pending, sent, failed), attempts, next attempt and last error.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=12), nullable=False),
        sa.Column("target_key", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("webhook_url", sa.Text(), nullable=True),
        sa.Column("webhook_secret", sa.String(length=200), nullable=True),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_alert_subscription_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_subscription")),
        sa.UniqueConstraint("user_id", "target_kind", "target_key", name="uq_alert_subscription_target"),
    )
    op.create_index("ix_alert_subscription_target", "alert_subscription", ["target_kind", "target_key"])
    op.create_index(op.f("ix_alert_subscription_user_id"), "alert_subscription", ["user_id"])
    op.create_table(
        "alert_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("dedupe", sa.String(length=120), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_alert_event_indicator_id_indicator"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_alert_event_commitment_id_commitment"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_event")),
        sa.UniqueConstraint("dedupe", name=op.f("uq_alert_event_dedupe")),
    )
    op.create_index(op.f("ix_alert_event_at"), "alert_event", ["at"])
    op.create_table(
        "alert_notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["alert_event.id"],
            name=op.f("fk_alert_notification_event_id_alert_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["alert_subscription.id"],
            name=op.f("fk_alert_notification_subscription_id_alert_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_notification")),
    )
    op.create_index("ix_alert_notification_due", "alert_notification", ["state", "next_attempt_at"])
    op.create_index(op.f("ix_alert_notification_event_id"), "alert_notification", ["event_id"])
    op.create_index(op.f("ix_alert_notification_subscription_id"), "alert_notification", ["subscription_id"])


def downgrade() -> None:
    op.drop_table("alert_notification")
    op.drop_table("alert_event")
    op.drop_table("alert_subscription")
